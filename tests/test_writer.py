import bz2
import gzip
import io
import json
import lzma

import pytest
import zstandard

from corpus_clean.record import Record
from corpus_clean.writer import write_jsonl

RECORDS = [Record(id="a", text="Grüße “quoted”"), Record(id="b", text="two\n\nparagraphs", meta={"title": "T"})]


def test_stdout_gets_one_utf8_object_per_line():
    out = io.BytesIO()
    assert write_jsonl(RECORDS, "-", stdout=out) == 2
    lines = out.getvalue().decode("utf-8").splitlines()
    assert [json.loads(line) for line in lines] == [
        {"id": "a", "text": "Grüße “quoted”"},
        {"id": "b", "text": "two\n\nparagraphs", "meta": {"title": "T"}},
    ]
    assert "Grüße" in lines[0]  # not \u-escaped


@pytest.mark.parametrize("suffix, opener", [(".gz", gzip.open), (".bz2", bz2.open), (".xz", lzma.open),
                                            (".zst", zstandard.open)])
def test_file_is_compressed_by_extension(tmp_path, suffix, opener):
    path = tmp_path / f"out.jsonl{suffix}"
    write_jsonl(RECORDS, path)
    with opener(path, "rb") as f:
        assert [json.loads(line)["id"] for line in f.read().decode("utf-8").splitlines()] == ["a", "b"]


def test_interrupted_write_leaves_no_file_behind(tmp_path):
    path = tmp_path / "out.jsonl"

    def interrupted():
        yield RECORDS[0]
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        write_jsonl(interrupted(), path)
    assert list(tmp_path.iterdir()) == []


def test_interrupted_write_keeps_the_previous_file(tmp_path):
    path = tmp_path / "out.jsonl"
    path.write_text("previous\n", encoding="utf-8")

    def failing():
        yield RECORDS[0]
        raise RuntimeError("disk on fire")

    with pytest.raises(RuntimeError):
        write_jsonl(failing(), path)
    assert path.read_text(encoding="utf-8") == "previous\n"
    assert list(tmp_path.iterdir()) == [path]


def test_output_folder_is_created_and_file_readable_by_others(tmp_path):
    path = tmp_path / "new" / "out.jsonl"
    write_jsonl(RECORDS, path)
    assert path.stat().st_mode & 0o044  # not the 0600 of a temporary file
