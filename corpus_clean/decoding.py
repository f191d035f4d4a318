"""Raw bytes to text: the byte-level half of the encoding pass.

It runs where bytes are read (a JSONL record can only carry text), and records the
encoding it chose so the ``encoding`` pass can put it into ``meta.encoding``.

Order of evidence, per file:
1. a byte-order mark (UTF-8, UTF-16, UTF-32);
2. valid UTF-8;
3. mostly UTF-8 with some stray legacy bytes (a file edited in two editors): decoded
   as UTF-8 with each invalid byte read as Windows-1252 ("utf-8+cp1252");
4. otherwise a legacy code page guessed by charset-normalizer (cp1251, cp1256, ...).
"""

from __future__ import annotations

import codecs
import io
from typing import BinaryIO

import ftfy.bad_codecs  # noqa: F401  (registers the "sloppy-windows-1252" codec)
import regex

MIXED = "utf-8+cp1252"
_FALLBACK_HANDLER = "corpus-clean-cp1252"

# UTF-32 LE's mark starts with UTF-16 LE's, so it is tested first.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_VALID_UTF8_MULTIBYTE = regex.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|\xe0[\xa0-\xbf][\x80-\xbf]|[\xe1-\xec\xee\xef][\x80-\xbf]{2}"
    rb"|\xed[\x80-\x9f][\x80-\xbf]|\xf0[\x90-\xbf][\x80-\xbf]{2}|[\xf1-\xf3][\x80-\xbf]{3}|\xf4[\x80-\x8f][\x80-\xbf]{2}"
)
#: How much of a stream is looked at to choose its encoding.
SNIFF_BYTES = 1 << 16


class BinaryInputError(ValueError):
    """The bytes are not text in any encoding we can read."""


def _cp1252_fallback(error: UnicodeDecodeError) -> tuple[str, int]:
    bad = error.object[error.start:error.end]
    return bad.decode("sloppy-windows-1252"), error.end


codecs.register_error(_FALLBACK_HANDLER, _cp1252_fallback)


def looks_binary(head: bytes) -> bool:
    """NUL bytes in text without a UTF-16/32 mark mean a binary file (or UTF-16 without BOM)."""
    return b"\x00" in head and _bom_codec(head) is None and _bomless_utf16(head) is None


def _bom_codec(head: bytes) -> str | None:
    for bom, codec in _BOMS:
        if head.startswith(bom):
            return codec
    return None


def _bomless_utf16(head: bytes) -> str | None:
    """UTF-16 without a mark: Latin text has a NUL in every other byte."""
    sample = head[:4096]
    if len(sample) < 8:
        return None
    even, odd = sample[0::2], sample[1::2]
    if odd.count(0) > 0.4 * len(odd) and even.count(0) == 0:
        return "utf-16-le"
    if even.count(0) > 0.4 * len(even) and odd.count(0) == 0:
        return "utf-16-be"
    return None


def _is_mostly_utf8(data: bytes) -> bool:
    """True when valid multi-byte UTF-8 sequences outnumber the bytes that are invalid."""
    valid = len(_VALID_UTF8_MULTIBYTE.findall(data))
    if not valid:
        return False
    invalid = len(data.decode("utf-8", errors="replace").encode("utf-8")) - len(data)
    # each invalid byte became U+FFFD (3 bytes): the growth is 2 bytes per invalid byte
    return valid > invalid // 2


#: With little evidence (a few non-ASCII bytes), only the Windows pages are plausible guesses.
_WINDOWS_PAGES = ["cp1252", "cp1250", "cp1251", "cp1253", "cp1254", "cp1255", "cp1256", "cp1257", "cp1258"]
#: Never right for bytes that failed as UTF-8 and carry no mark: wide encodings and EBCDIC.
_IMPLAUSIBLE = ["utf_16", "utf_16_be", "utf_16_le", "utf_32", "utf_32_be", "utf_32_le",
                "cp037", "cp273", "cp424", "cp500", "cp875", "cp1026", "cp1140"]


def _guess_legacy(data: bytes) -> str:
    from charset_normalizer import from_bytes  # imported lazily: only legacy files pay for it

    sample = data[:SNIFF_BYTES]
    little_evidence = sum(b > 0x7F for b in sample) < 16
    best = from_bytes(sample, cp_isolation=_WINDOWS_PAGES if little_evidence else None,
                      cp_exclusion=None if little_evidence else _IMPLAUSIBLE).best()
    if best is None or best.encoding in ("utf_8", "ascii"):
        return "cp1252"
    if sample.decode(best.encoding, "replace") == sample.decode("cp1252", "replace"):
        return "cp1252"  # the same text either way: name the commonest page
    return best.encoding.replace("_", "-")


def choose_encoding(head: bytes, complete: bool) -> str:
    """The codec name for bytes starting with ``head`` (``complete``: head is the whole input)."""
    codec = _bom_codec(head) or _bomless_utf16(head)
    if codec:
        return codec
    sample = head
    if not complete:
        # a multi-byte sequence may be cut at the end of the sample
        sample = head[: max(0, len(head) - 3)]
    try:
        sample.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError:
        pass
    if _is_mostly_utf8(sample):
        return MIXED
    return _guess_legacy(head)


def _codec_and_errors(encoding: str) -> tuple[str, str]:
    if encoding in ("utf-8", "utf-8-sig", MIXED):
        # even a file that looked clean at the start may hold stray legacy bytes later
        return ("utf-8-sig" if encoding == "utf-8-sig" else "utf-8"), _FALLBACK_HANDLER
    return encoding, "replace"


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode a whole file; returns ``(text, encoding)``. Raises BinaryInputError."""
    if looks_binary(data[:SNIFF_BYTES]):
        raise BinaryInputError("binary data (NUL bytes), not text")
    encoding = choose_encoding(data, complete=True)
    codec, errors = _codec_and_errors(encoding)
    return data.decode(codec, errors=errors), encoding


class _Prefixed(io.RawIOBase):
    """A binary stream that first returns ``head`` (already read) and then the rest."""

    def __init__(self, head: bytes, rest: BinaryIO):
        self._head = memoryview(head)
        self._rest = rest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        if self._head:
            n = min(len(buffer), len(self._head))
            buffer[:n] = self._head[:n]
            self._head = self._head[n:]
            return n
        data = self._rest.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)

    def close(self) -> None:
        self._rest.close()
        super().close()


def open_text(binary: BinaryIO, newline: str | None = None) -> tuple[io.TextIOWrapper, str]:
    """Wrap a binary stream as text, choosing the encoding from its first bytes.

    Raises BinaryInputError for binary data. Returns ``(stream, encoding)``.
    """
    head = binary.read(SNIFF_BYTES)
    complete = len(head) < SNIFF_BYTES
    if looks_binary(head):
        raise BinaryInputError("binary data (NUL bytes), not text")
    encoding = choose_encoding(head, complete)
    codec, errors = _codec_and_errors(encoding)
    stream = io.TextIOWrapper(io.BufferedReader(_Prefixed(head, binary)), encoding=codec,
                              errors=errors, newline=newline)
    return stream, encoding
