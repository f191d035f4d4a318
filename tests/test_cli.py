import json

from corpus_clean import PASSES

from .conftest import FIXTURES, SEEDS, jsonl

FORMATS = FIXTURES / "formats"


def test_read_writes_one_record_per_seed(invoke):
    result = invoke("read", SEEDS)
    assert result.exit_code == 0
    records = jsonl(result.stdout)
    assert [r["id"] for r in records] == [p.stem for p in sorted(SEEDS.glob("*.txt"))]
    assert records[0]["text"] == (SEEDS / "000_64a4db4e0102c051.txt").read_text(encoding="utf-8")


def test_passes_lists_every_registered_pass(invoke):
    result = invoke("passes")
    assert [line.split()[0] for line in result.stdout.splitlines()] == list(PASSES)


def test_every_pass_is_a_subcommand(invoke):
    for name in PASSES:
        assert invoke(name, "--help").exit_code == 0


def test_read_then_pass_through_a_pipe(invoke):
    raw = invoke("read", FORMATS / "articles.csv").stdout
    result = invoke("encoding", input=raw)
    assert [r["id"] for r in jsonl(result.stdout)] == ["csv-1", "csv-2", "articles#2"]
    assert jsonl(result.stdout)[0]["source"]["path"].endswith("articles.csv")


def test_run_writes_atomically_to_a_compressed_file(invoke, tmp_path):
    out = tmp_path / "clean.jsonl.gz"
    result = invoke("run", SEEDS, "-o", out, "--quiet")
    assert result.exit_code == 0 and result.stdout == ""
    import gzip
    with gzip.open(out, "rt", encoding="utf-8") as f:
        assert len(f.read().splitlines()) == 5
    assert [p.name for p in tmp_path.iterdir()] == ["clean.jsonl.gz"]


def test_jobs_keep_input_order(invoke, tmp_path):
    for i in range(40):
        (tmp_path / f"doc{i:02d}.txt").write_text(f"Document number {i}. " * (40 - i), encoding="utf-8")
    serial = invoke("run", tmp_path, "--quiet").stdout
    parallel = invoke("run", tmp_path, "--jobs", "2", "--quiet").stdout
    assert [r["id"] for r in jsonl(parallel)] == [f"doc{i:02d}" for i in range(40)]
    assert parallel == serial


def test_unknown_pass_is_a_usage_error(invoke):
    result = invoke("run", SEEDS, "--passes", "encoding,spellcheck")
    assert result.exit_code == 2
    assert "Error: unknown pass 'spellcheck'" in result.stderr


def test_unknown_option_gives_clicks_usage_error(invoke):
    result = invoke("run", "--no-such-option")
    assert result.exit_code == 2
    assert "No such option" in result.stderr


def test_missing_input_exits_2_naming_it(invoke, tmp_path):
    result = invoke("read", tmp_path / "absent.txt")
    assert result.exit_code == 2
    assert "absent.txt: no such file or folder" in result.stderr


def test_bad_lines_are_skipped_counted_and_exit_0(invoke):
    result = invoke("read", FORMATS / "bad" / "records.jsonl")
    assert result.exit_code == 0
    assert [r["id"] for r in jsonl(result.stdout)] == ["ok-1", "ok-2"]
    assert "records.jsonl:2: invalid JSON" in result.stderr
    assert "2 documents written; 2 skipped (2 invalid-jsonl)" in result.stderr


def test_on_error_fail_stops_with_exit_1(invoke):
    result = invoke("read", FORMATS / "bad" / "records.jsonl", "--on-error", "fail")
    assert result.exit_code == 1
    assert "records.jsonl:2: invalid JSON" in result.stderr and "--on-error fail" in result.stderr


def test_stdin_dash_reads_text(invoke):
    result = invoke("read", "-", input="Some text on standard input.")
    assert jsonl(result.stdout) == [{"id": "stdin", "source": {"path": "<stdin>", "index": 0, "characters": 28,
                                                               "lines": 1},
                                     "text": "Some text on standard input.", "meta": {"encoding": "utf-8"}}]


def test_run_on_the_whole_fixture_folder_skips_the_binary_file(invoke):
    result = invoke("run", FIXTURES, "--quiet")
    assert result.exit_code == 0
    ids = [r["id"] for r in jsonl(result.stdout)]
    assert "seeds/000_64a4db4e0102c051" in ids
    assert not any(i.endswith("binary") for i in ids)


def test_output_is_valid_jsonl_even_for_odd_text(invoke, tmp_path):
    (tmp_path / "odd.txt").write_text("line\u2028separator \ud800 lone surrogate".encode("utf-8", "surrogatepass")
                                      .decode("utf-8", "replace"), encoding="utf-8")
    result = invoke("run", tmp_path)
    assert json.loads(result.stdout)["id"] == "odd"
