"""The README's library example runs as written (from a folder holding the fixtures)."""

import re
from pathlib import Path

from .conftest import FIXTURES

README = Path(__file__).resolve().parent.parent / "README.md"


def test_library_example_runs(tmp_path, monkeypatch, capsys):
    [example] = re.findall(r"```python\n(.*?)```", README.read_text(encoding="utf-8"), re.S)
    (tmp_path / "fixtures").symlink_to(FIXTURES)
    monkeypatch.chdir(tmp_path)
    exec(compile(example, "README.md", "exec"), {})
    assert len((tmp_path / "clean.jsonl").read_text(encoding="utf-8").splitlines()) == 3
    assert capsys.readouterr().out == "Video: Washington Attempts to Save Al Qaeda in Syria\n"
