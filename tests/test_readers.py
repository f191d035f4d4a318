import io
import shutil

import pytest

from corpus_clean.errors import ErrorPolicy, StopOnError, UnusableInputError
from corpus_clean.readers import ReadOptions, read_records

from .conftest import FIXTURES, SEEDS

FORMATS = FIXTURES / "formats"


def collect(inputs, policy=None, **options):
    warnings = []
    policy = policy or ErrorPolicy(warn=warnings.append)
    records = list(read_records([str(i) for i in inputs], ReadOptions(**options), policy))
    return records, policy, warnings


def test_folder_is_walked_recursively_in_sorted_order_with_relative_ids(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "inner.md").write_text("inner", encoding="utf-8")
    (tmp_path / "a.txt").write_text("first", encoding="utf-8")
    (tmp_path / "c.txt").write_text("last", encoding="utf-8")
    (tmp_path / "ignored.csv").write_text("id,text\n1,x\n", encoding="utf-8")
    records, _, _ = collect([tmp_path])
    assert [r.id for r in records] == ["a", "b/inner", "c"]
    assert [r.text for r in records] == ["first", "inner", "last"]
    assert records[1].source == {"path": str(tmp_path / "b" / "inner.md"), "index": 0}


def test_seed_folder_ids_are_file_stems():
    records, policy, _ = collect([SEEDS])
    assert [r.id for r in records] == [p.stem for p in sorted(SEEDS.glob("*.txt"))]
    assert all(r.meta["encoding"] == "utf-8" for r in records)
    assert policy.total == 0


def test_single_file_id_is_its_stem():
    records, _, _ = collect([SEEDS / "002_b04b3d2a205fa87b.txt"])
    assert [r.id for r in records] == ["002_b04b3d2a205fa87b"]


def test_delimited_file_gives_stem_hash_n_ids_and_skips_blank_documents():
    records, _, _ = collect([FORMATS / "multi.txt"], delimiter=r"=+")
    assert [r.id for r in records] == ["multi#0", "multi#1", "multi#2"]
    assert records[1].text.startswith("Harbour strike")
    assert "=====" not in "".join(r.text for r in records)
    assert records[2].source["line"] == 11


def test_bad_delimiter_regex_is_an_unusable_argument():
    with pytest.raises(UnusableInputError, match="--delimiter"):
        collect([FORMATS / "multi.txt"], delimiter="(")


@pytest.mark.parametrize("name", ["articles.csv", "articles.tsv", "articles.jsonl"])
def test_tables_and_jsonl_give_id_column_or_stem_row(name):
    records, policy, _ = collect([FORMATS / name])
    assert [r.id for r in records] == ["csv-1", "csv-2", "articles#2"]
    assert "\n\nCommuters" in records[0].text  # quoted newlines survive
    assert policy.total == 0


def test_jsonl_keeps_unknown_fields():
    records, _, _ = collect([FORMATS / "articles.jsonl"])
    assert records[0].extra == {"title": "Rail timetable changes", "lang": "en"}
    assert records[0].to_json()["lang"] == "en"


def test_text_and_id_columns_can_be_chosen():
    records, _, _ = collect([FORMATS / "articles.csv"], text_column="title", id_column="title")
    assert records[0].id == records[0].text == "Rail timetable changes"


def test_missing_column_names_the_file_and_the_option():
    with pytest.raises(UnusableInputError, match=r"articles.csv has no column 'body'.*--text-column"):
        collect([FORMATS / "articles.csv"], text_column="body")


def test_csv_fields_of_any_size(tmp_path):
    big = "word " * 400_000  # 2 MB, beyond the csv module's default field limit
    (tmp_path / "big.csv").write_text(f'id,text\nbig,"{big}"\n', encoding="utf-8")
    records, _, _ = collect([tmp_path / "big.csv"])
    assert records[0].text == big


@pytest.mark.parametrize("name", ["frost-gz.txt.gz", "frost-bz2.txt.bz2", "frost-xz.txt.xz", "frost-zst.txt.zst"])
def test_compressed_files_are_read_transparently(name):
    records, _, _ = collect([FORMATS / "compressed" / name])
    assert records[0].id == name.split(".")[0]
    assert records[0].text.startswith("Weather service warns of early frost")


def test_compressed_jsonl_is_recognised_by_its_inner_extension():
    records, _, _ = collect([FORMATS / "compressed" / "articles.jsonl.gz"])
    assert [r.id for r in records] == ["csv-1", "csv-2", "articles#2"]


def test_folder_walk_includes_compressed_text():
    records, _, _ = collect([FORMATS / "compressed"])
    assert [r.id for r in records] == ["frost-bz2", "frost-gz", "frost-xz", "frost-zst"]


def test_format_overrides_the_extension(tmp_path):
    path = tmp_path / "records.txt"
    shutil.copy(FORMATS / "articles.jsonl", path)
    records, _, _ = collect([path], format="jsonl")
    assert records[0].id == "csv-1"


def test_stdin_text_and_jsonl_are_sniffed():
    text = list(read_records(["-"], stdin=io.BytesIO(b"Plain text from a pipe.\n")))
    assert [(r.id, r.text) for r in text] == [("stdin", "Plain text from a pipe.\n")]
    records = list(read_records(["-"], stdin=io.BytesIO(b'{"id": "x", "text": "from JSONL"}\n')))
    assert [(r.id, r.text) for r in records] == [("x", "from JSONL")]


def test_malformed_jsonl_lines_are_reported_with_file_and_line_and_skipped():
    records, policy, warnings = collect([FORMATS / "bad" / "records.jsonl"])
    assert [r.id for r in records] == ["ok-1", "ok-2"]
    assert policy.counts["invalid-jsonl"] == 2
    assert "records.jsonl:2: invalid JSON" in warnings[0]
    assert "records.jsonl:4: unusable record: no string field 'text'" in warnings[1]


def test_malformed_csv_rows_are_reported_with_file_and_line():
    records, policy, warnings = collect([FORMATS / "bad" / "rows.csv"])
    assert [r.id for r in records] == ["r1", "r3"]
    assert warnings == [f"{FORMATS / 'bad' / 'rows.csv'}:3: row has 4 fields, the header has 2; skipped"]


def test_on_error_fail_stops_at_the_first_bad_document():
    with pytest.raises(StopOnError, match="records.jsonl:2"):
        collect([FORMATS / "bad" / "records.jsonl"], policy=ErrorPolicy(on_error="fail"))


def test_missing_input_is_an_unusable_argument(tmp_path):
    with pytest.raises(UnusableInputError, match="no such file or folder"):
        collect([tmp_path / "nope.txt"])


def test_binary_and_empty_files(tmp_path):
    (tmp_path / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (tmp_path / "empty.txt").write_bytes(b"")
    records, policy, warnings = collect([tmp_path])
    assert [(r.id, r.text) for r in records] == [("empty", "")]
    assert policy.counts == {"binary": 1}
    assert "binary.txt: binary data" in warnings[0]


def test_readers_stream_lazily(tmp_path):
    # a generator that has produced its first record has not read the rest of the folder
    for i in range(3):
        (tmp_path / f"{i}.txt").write_text(str(i), encoding="utf-8")
    stream = read_records([str(tmp_path)])
    assert next(stream).id == "0"
    (tmp_path / "2.txt").unlink()
    assert [r.id for r in stream] == ["1"]
