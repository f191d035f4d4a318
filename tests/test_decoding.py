"""Bytes to text (corpus_clean.decoding) on the edge cases of fixtures/encodings.

The expected texts come from fixtures/encodings/make.py, which wrote the files.
"""

from __future__ import annotations

import codecs
import importlib.util
import io
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from corpus_clean import decoding
from corpus_clean.decoding import BinaryInputError, decode_bytes, looks_binary, open_text
from corpus_clean.passes.encoding import repair_text

ENCODINGS = Path(__file__).resolve().parent.parent / "fixtures" / "encodings"


def _load_maker():
    spec = importlib.util.spec_from_file_location("make_encoding_fixtures", ENCODINGS / "make.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


make = _load_maker()

#: file -> (text, encoding) that decoding must give
EXPECTED = {
    "cp1251-russian.txt": (make.RUSSIAN, "cp1251"),
    "cp1252-german-french.txt": (make.GERMAN_FRENCH, "cp1252"),
    "utf16-bom.txt": (make.SPANISH, "utf-16"),
    "mojibake.txt": (make.CAFE.encode("utf-8").decode("sloppy-windows-1252"), "utf-8"),
    "mixed-utf8-cp1252.txt": (make.STORM_UTF8 + make.STORM_CP1252 + make.STORM_UTF8_END, "utf-8+cp1252"),
    "empty.txt": ("", "utf-8"),
}


def read(name: str) -> bytes:
    return (ENCODINGS / name).read_bytes()


def test_fixture_files_are_what_make_py_writes():
    assert sorted(p.name for p in ENCODINGS.glob("*.txt")) == sorted(make.FILES)
    for name, data in make.FILES.items():
        assert read(name) == data, f"{name} is out of date: run fixtures/encodings/make.py"


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_decode_bytes(name):
    assert decode_bytes(read(name)) == EXPECTED[name]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_open_text_agrees_with_decode_bytes(name):
    stream, encoding = open_text(io.BytesIO(read(name)))
    assert (stream.read(), encoding) == EXPECTED[name]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_text_files_do_not_look_binary(name):
    assert not looks_binary(read(name))


def test_russian_is_real_russian():
    text, _ = decode_bytes(read("cp1251-russian.txt"))
    assert text.startswith("Москва, 14 марта.")
    assert "«Мы постараемся свести неудобства к минимуму», — сказал он журналистам." in text


def test_cp1252_keeps_quotes_and_euro():
    text, _ = decode_bytes(read("cp1252-german-french.txt"))
    for snippet in ("„Wir rechnen", "Entspannung“", "1,12 €", "« plan vélo »", "“C’est un début"):
        assert snippet in text


def test_mojibake_stays_for_the_encoding_pass():
    text, encoding = decode_bytes(read("mojibake.txt"))
    assert encoding == "utf-8"
    assert "cafÃ©" in text and "ownerâ€™s" in text
    assert repair_text(text) == make.CAFE


def test_mixed_file_reads_stray_bytes_as_windows_1252():
    text, _ = decode_bytes(read("mixed-utf8-cp1252.txt"))
    assert "The mayor’s office opened a shelter at the café on the harbour." in text
    assert "\ufffd" not in text


def test_binary_file():
    data = read("binary.txt")
    assert looks_binary(data)
    with pytest.raises(BinaryInputError):
        decode_bytes(data)
    with pytest.raises(BinaryInputError):
        open_text(io.BytesIO(data))


def test_utf8_with_bom():
    assert decode_bytes(codecs.BOM_UTF8 + "café".encode("utf-8")) == ("café", "utf-8-sig")


def test_utf16_without_bom_is_text():
    data = make.SPANISH.encode("utf-16-le")
    assert not looks_binary(data)
    assert decode_bytes(data) == (make.SPANISH, "utf-16-le")


def test_open_text_translates_newlines_unless_asked():
    data = "one\r\ntwo\r\n".encode("utf-8")
    assert open_text(io.BytesIO(data))[0].read() == "one\ntwo\n"
    assert open_text(io.BytesIO(data), newline="")[0].read() == "one\r\ntwo\r\n"


def test_open_text_reads_stray_bytes_after_the_sniffed_head(monkeypatch):
    monkeypatch.setattr(decoding, "SNIFF_BYTES", 64)
    data = ("Clean first line, plain UTF-8 – fine.\n" * 4).encode("utf-8") + b"The mayor\x92s caf\xe9.\n"
    stream, encoding = open_text(io.BytesIO(data))
    assert encoding == "utf-8"
    assert stream.read().endswith("The mayor’s café.\n")


def test_open_text_sniff_may_cut_a_character(monkeypatch):
    monkeypatch.setattr(decoding, "SNIFF_BYTES", 8)
    data = "abcdefg€ und mehr".encode("utf-8")  # the euro sign straddles byte 8
    stream, encoding = open_text(io.BytesIO(data))
    assert (stream.read(), encoding) == ("abcdefg€ und mehr", "utf-8")


# charset-normalizer alone guesses UTF-16-BE, EBCDIC or Big5 for tiny inputs
@pytest.mark.parametrize("data", [b"caf\xe9", b"\xe9t\xe9"])
def test_tiny_legacy_text_is_read_as_windows_1252(data):
    assert decode_bytes(data) == (data.decode("cp1252"), "cp1252")


def test_windows_1252_is_named_so_when_other_pages_read_the_same():
    data = "Grüße aus Köln – 5 €".encode("cp1252")
    assert decode_bytes(data) == ("Grüße aus Köln – 5 €", "cp1252")


def test_stray_bytes_after_a_utf8_bom():
    data = codecs.BOM_UTF8 + "Météo: ".encode("utf-8") + b"caf\xe9"
    assert decode_bytes(data)[0] == "Météo: café"


@settings(max_examples=300, deadline=None)
@given(data=st.binary(max_size=2000))
def test_any_bytes_decode_or_are_binary_and_the_pass_never_raises(data):
    from corpus_clean.passes.encoding import encoding_pass
    from corpus_clean.record import Record

    try:
        text, encoding = decode_bytes(data)
    except BinaryInputError:
        assert b"\x00" in data
        return
    assert isinstance(text, str) and encoding
    repaired = encoding_pass(Record(id="bytes", text=text))
    assert encoding_pass(repaired).text == repaired.text


@settings(max_examples=100, deadline=None)
@given(data=st.binary(max_size=5000))
def test_any_bytes_stream_through_open_text(data):
    try:
        stream, _ = open_text(io.BytesIO(data))
    except BinaryInputError:
        return
    assert isinstance(stream.read(), str)
