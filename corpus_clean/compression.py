"""Transparent (de)compression chosen by file extension."""

from __future__ import annotations

import bz2
import gzip
import lzma
from pathlib import PurePath
from typing import BinaryIO

import zstandard

_OPENERS = {
    ".gz": gzip.open,
    ".bz2": bz2.open,
    ".xz": lzma.open,
    ".zst": zstandard.open,
}
COMPRESSED_SUFFIXES = tuple(_OPENERS)


def compression_of(path: str | PurePath) -> str | None:
    """The compression suffix of ``path`` (".gz", ...) or None."""
    suffix = PurePath(path).suffix.lower()
    return suffix if suffix in _OPENERS else None


def strip_compression(path: str | PurePath) -> PurePath:
    """``a/b.txt.gz`` -> ``a/b.txt``."""
    path = PurePath(path)
    return path.with_suffix("") if compression_of(path) else path


def open_binary(path: str | PurePath) -> BinaryIO:
    """Open for binary reading, decompressing by extension."""
    opener = _OPENERS.get(compression_of(path) or "", open)
    return opener(path, "rb")


def wrap_writer(raw: BinaryIO, path: str | PurePath) -> BinaryIO:
    """Wrap an open binary file so that what is written is compressed as ``path``'s extension says."""
    suffix = compression_of(path)
    if suffix == ".gz":
        return gzip.GzipFile(fileobj=raw, mode="wb")
    if suffix == ".bz2":
        return bz2.BZ2File(raw, "wb")
    if suffix == ".xz":
        return lzma.LZMAFile(raw, "wb")
    if suffix == ".zst":
        return zstandard.ZstdCompressor().stream_writer(raw, closefd=False)
    return raw
