"""Writer: records to JSONL on standard output or in a file, compressed by extension.

A file is written atomically: into a temporary file beside it, renamed over the
target only when every record is written. An interrupted run leaves no partial file.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path
from typing import BinaryIO, Iterable

from .compression import wrap_writer
from .record import Record

STDOUT = "-"


def dumps(record: Record) -> str:
    return json.dumps(record.to_json(), ensure_ascii=False)


def _default_mode() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


class AtomicFile:
    """A binary file that appears at ``path`` only when the ``with`` block ends without error."""

    def __init__(self, path: str | Path):
        self.path = Path(path)

    def __enter__(self) -> BinaryIO:
        directory = self.path.parent
        directory.mkdir(parents=True, exist_ok=True)
        fd, self._tmp = tempfile.mkstemp(dir=directory, prefix=f".{self.path.name}.", suffix=".part")
        self._raw = os.fdopen(fd, "wb")
        self._stream = wrap_writer(self._raw, self.path)
        return self._stream

    def __exit__(self, exc_type, exc, tb) -> None:
        try:
            if self._stream is not self._raw:
                self._stream.close()
            self._raw.close()
            if exc_type is None:
                os.chmod(self._tmp, _default_mode())
                os.replace(self._tmp, self.path)
        finally:
            if os.path.exists(self._tmp):
                os.unlink(self._tmp)


def write_jsonl(records: Iterable[Record], path: str | Path = STDOUT, stdout: BinaryIO | None = None) -> int:
    """Write records as JSONL; returns how many were written."""
    if str(path) == STDOUT:
        return _write_lines(records, stdout or sys.stdout.buffer, flush=True)
    with AtomicFile(path) as stream:
        return _write_lines(records, stream, flush=False)


def _write_lines(records: Iterable[Record], stream: BinaryIO, flush: bool) -> int:
    count = 0
    for record in records:
        stream.write(dumps(record).encode("utf-8") + b"\n")
        count += 1
        if flush:
            # a consumer down the pipe sees each record as soon as it is ready
            stream.flush()
    return count
