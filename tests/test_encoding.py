"""The encoding pass: exactly ftfy's repair (plus clean_spaces), idempotent, accounted for.

Only files under fixtures/ are used: ftfy's published cases (fixtures/ftfy-cases), the
seed pages (fixtures/seeds) and the encoding edge cases (fixtures/encodings).
"""

from __future__ import annotations

import json
from pathlib import Path

import ftfy
import pytest
from ftfy.badness import MOJIBAKE_CATEGORIES
from ftfy.fixes import uncurl_quotes
from hypothesis import given, settings
from hypothesis import strategies as st

from corpus_clean.decoding import decode_bytes, looks_binary
from corpus_clean.passes import PASSES, encoding
from corpus_clean.passes.encoding import SPEC, clean_spaces, encoding_pass, repair_text
from corpus_clean.record import Record

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"

#: ftfy marks this case "fail" because its fix_encoding step alone gets it wrong;
#: fix_text (what we compare with) gets it right.
RIGHT_IN_FIX_TEXT = {"Misleading mix-up in Spanish"}


def reference(text: str, **options) -> str:
    """What the pass must give: ftfy itself, document at once."""
    return clean_spaces(ftfy.fix_text(text, uncurl_quotes=False, **options))


def run(text: str, **fields) -> Record:
    return encoding_pass(Record(id="doc", text=text, **fields))


def visible(text: str) -> str:
    return "".join(text.split())


# ---------------------------------------------------------------------------------
# ftfy's published cases

def ftfy_cases(mark_failures: bool = False) -> list:
    params = []
    for path in sorted((FIXTURES / "ftfy-cases").glob("*.json")):
        for case in json.loads(path.read_text(encoding="utf-8")):
            known_failure = case["expect"] == "fail" and case["label"] not in RIGHT_IN_FIX_TEXT
            marks = [pytest.mark.xfail(strict=True, reason="ftfy gets it wrong")] if mark_failures and known_failure else []
            params.append(pytest.param(case, id=f"{path.stem}: {case['label']}", marks=marks))
    return params


def test_all_published_cases_are_here():
    assert len(ftfy_cases()) == 161


@pytest.mark.parametrize("case", ftfy_cases(mark_failures=True))
def test_published_case_is_repaired(case):
    # ``fixed`` is ftfy's default output, which straightens curly quotes; we keep them.
    assert uncurl_quotes(repair_text(case["original"])) == clean_spaces(case["fixed"])


@pytest.mark.parametrize("case", ftfy_cases())
def test_published_case_equals_ftfy(case):
    original = case["original"]
    # the second form is ftfy's own "extra layer of badness" check
    for text in (original, original.encode("utf-8").decode("latin-1")):
        assert repair_text(text) == reference(text)
        assert run(text).text == repair_text(text)  # reaching a fixed point changes nothing here


# ---------------------------------------------------------------------------------
# Real pages and the encoding edge cases

def page_paths() -> list[Path]:
    paths = sorted((FIXTURES / "seeds").glob("*.txt")) + sorted((FIXTURES / "encodings").glob("*.txt"))
    return [path for path in paths if not looks_binary(path.read_bytes())]


def decoded(path: Path) -> str:
    return decode_bytes(path.read_bytes())[0]


def test_there_are_five_seed_pages():
    assert len(sorted((FIXTURES / "seeds").glob("*.txt"))) == 5


@pytest.mark.parametrize("path", page_paths(), ids=lambda p: p.name)
def test_page_equals_ftfy(path):
    text = decoded(path)
    assert repair_text(text) == reference(text)
    assert run(text).text == repair_text(text)
    crlf = text.replace("\n", "\r\n")
    assert repair_text(crlf) == reference(crlf)


def test_page_with_one_bad_line_sends_only_that_line_to_ftfy(monkeypatch):
    calls = []

    def spy(segment, config):
        calls.append(segment)
        return ftfy.fix_and_explain(segment, config)

    monkeypatch.setattr(encoding, "fix_and_explain", spy)
    clean = "\n".join(decoded(path) for path in sorted((FIXTURES / "seeds").glob("*.txt")))
    clean = reference(clean)  # nothing left for ftfy to do
    text = clean + "\nThe cafÃ© on the corner\n" + clean
    assert repair_text(text) == reference(text)
    assert calls == ["The cafÃ© on the corner\n"]


def test_mojibake_file_is_repaired():
    text = decoded(FIXTURES / "encodings" / "mojibake.txt")
    out = run(text, meta={"encoding": "utf-8"})
    assert out.text.splitlines()[0] == "Local café reopens after the flood"
    assert "“We’re grateful to our neighbours,” she said on Tuesday — the crème brûlée" in out.text
    assert {entry["rule"] for entry in out.removed} == {"encoding.mojibake"}
    assert len(out.removed) == 3
    assert out.meta == {"encoding": "utf-8"}


# ---------------------------------------------------------------------------------
# Generated text

#: Pieces that trip ftfy's fixers and heuristics: mojibake of every kind, entities,
#: "<", line breaks, C1 and other controls, surrogates, combining marks, ligatures,
#: fullwidth forms, zero-width and no-break spaces, emoji.
PIECES = sorted(
    set("".join(MOJIBAKE_CATEGORIES.values()).replace("-", ""))
    | set(map(chr, range(0x80, 0x100)))
    | set("’‘“”„‚•–—…€™ŒœŠšŸžƒˆ˜ВГРСвЂўαβΒΓΞΟā√≈‚Ä")
    | {"cafÃ©", "â€™", "â€œ", "â€\x9d", "Ã ", "Â ", "Ã\xa0", "Ð¿Ñ€Ð¸", "вЂ™", "ГўВЂВ™", "√π", "×²",
       "&amp;", "&lt;", "&#x2019;", "&#39;", "&EACUTE;", "&nbsp;", "<", "<p>",
       "\r", "\r\n", "\n", "\n\n", "\u2028", "\u2029", "\x85", "\x1b[31m", "\x00", "\x7f", "\ufeff",
       "\ud83d", "\ude00", "\ud83d\ude00", "\u0301", "\u0308", "e\u0301", "\u0344", "ﬁ", "ﬂ", "ŉ", "Ǆ",
       "Ｌ", "ｏ", "　", "ｶ", "\u200b", "\u200c", "\u200d", "\u2060", "\u180e", "\u202f", "\u2007",
       "😀", "👩\u200d💻", "Привет", "Ελλάδα", "שלום", "日本語", "ß", "ü", " ", "  ", "a", "Z", ".", "9"}
)


def damaged(text: str) -> st.SearchStrategy[str]:
    """``text`` as it comes out of a wrong decoding (or as it is)."""
    def redecode(codec):
        return text.encode("utf-8", "surrogatepass").decode(codec, "replace")
    return st.sampled_from([text] + [redecode(c) for c in ("latin-1", "sloppy-windows-1252",
                                                          "sloppy-windows-1251", "macroman")])


mojibake_prone = st.lists(st.sampled_from(PIECES) | st.characters(), max_size=50).map("".join).flatmap(damaged)
any_text = st.text(st.characters(codec=None, exclude_categories=()), max_size=200)
texts = mojibake_prone | any_text


@settings(max_examples=400, deadline=None)
@given(texts)
def test_equals_ftfy(text):
    assert repair_text(text) == reference(text)


@settings(max_examples=150, deadline=None)
@given(texts, st.integers(1, 12))
def test_equals_ftfy_when_lines_are_cut(text, max_length):
    # ftfy cuts lines longer than max_decode_length (a million characters)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(encoding, "_MAX_SEGMENT", max_length)
        assert repair_text(text) == reference(text, max_decode_length=max_length)


@settings(max_examples=400, deadline=None)
@given(texts)
def test_pass_is_idempotent(text):
    once = run(text)
    twice = encoding_pass(once)
    assert twice.text == once.text
    assert twice.removed == once.removed


@settings(max_examples=300, deadline=None)
@given(texts)
def test_removed_entries_account_for_the_change(text):
    out = run(text)
    pos = 0
    replayed = []
    for entry in out.removed:
        assert entry["pass"] == "encoding" and entry["rule"].startswith("encoding.")
        start = entry["start"]
        assert start >= pos
        assert text[start:start + len(entry["text"])] == entry["text"]
        assert visible(entry["text"]) != visible(entry["fixed"])
        replayed += [text[pos:start], entry["fixed"]]
        pos = start + len(entry["text"])
    replayed.append(text[pos:])
    # what went in, with each recorded line replaced, is what came out, up to whitespace
    assert visible("".join(replayed)) == visible(out.text)


@settings(max_examples=200, deadline=None)
@given(st.text(st.characters(codec=None, exclude_categories=())))
def test_pass_never_raises(text):
    assert isinstance(run(text).text, str)


# ---------------------------------------------------------------------------------
# Behaviour by example

def test_clean_text_is_left_alone():
    text = "Berlin, 3. Mai – Die Preise für Heizöl sind gestiegen.\n„Gut“, sagte er. 1,12 €\n"
    out = run(text)
    assert out.text == text
    assert out.removed == []


def test_clean_spaces():
    assert clean_spaces("a\u00a0b\u202fc\u2007d") == "a b c d"
    assert clean_spaces("x\u200by\u2060z\ufeff\u180e!") == "xyz!"
    # joiners shape emoji and Persian or Indic words: kept
    assert clean_spaces("👩\u200d💻 می\u200cخواهم") == "👩\u200d💻 می\u200cخواهم"


def test_whitespace_changes_are_not_recorded():
    out = run("one\u00a0two\r\nthree\u2028four\r\n")
    assert out.text == "one two\nthree\nfour\n"
    assert out.removed == []


@pytest.mark.parametrize(("text", "fixed", "rule"), [
    ("The cafÃ© is open", "The café is open", "encoding.mojibake"),
    ("AT&amp;T said", "AT&T said", "encoding.html_entities"),
    ("bell\x07 and\x00 nul", "bell and nul", "encoding.control_chars"),
    ("a \x93quote\x94", "a “quote”", "encoding.mojibake"),  # Windows-1252 read as Latin-1
    ("a \x93quote\x94 — ok", "a “quote” — ok", "encoding.c1_controls"),  # not all Latin-1: per character
    ("ﬁnal ﬂight", "final flight", "encoding.ligatures"),
    ("ＬＯＵＤ", "LOUD", "encoding.character_width"),
    ("cafe\u0301", "café", "encoding.nfc"),
    ("\ud83d\ude00 ok", "😀 ok", "encoding.surrogates"),
    ("\x1b[31mred\x1b[0m", "red", "encoding.terminal_escapes"),
    ("zero\u200bwidth", "zerowidth", "encoding.zero_width"),
])
def test_rules(text, fixed, rule):
    out = run("Intro line\n" + text + "\nLast line")
    assert out.text == "Intro line\n" + fixed + "\nLast line"
    assert out.removed == [{"pass": "encoding", "rule": rule, "text": text, "start": 11, "fixed": fixed}]


def test_entities_are_kept_from_the_first_line_with_a_tag_on():
    text = "Tom &amp; Jerry\nsee <b>this</b> &amp; that\nR&amp;D\n"
    assert repair_text(text) == reference(text) == "Tom & Jerry\nsee <b>this</b> &amp; that\nR&amp;D\n"


def test_settles_where_ftfy_alone_would_not():
    # ftfy leaves "Â\u202f" alone; as "Â " it is mojibake the next time round
    text = "\xc2\u202f\xdc"
    assert repair_text(text) == "\xc2 \xdc"
    assert repair_text(repair_text(text)) != repair_text(text)
    assert run(text).text == repair_text(repair_text(text))


def test_pass_is_pure_and_keeps_other_fields():
    record = Record(id="a", text="cafÃ©", source={"path": "a.txt"}, meta={"encoding": "cp1252"},
                    extra={"lang": "fr"})
    out = encoding_pass(record)
    assert record.text == "cafÃ©" and record.removed == []
    assert out.text == "café"
    assert (out.id, out.source, out.meta, out.extra) == ("a", {"path": "a.txt"}, {"encoding": "cp1252"}, {"lang": "fr"})


def test_empty_text():
    assert run("").text == ""


def test_spec():
    assert SPEC.name == "encoding"
    assert PASSES["encoding"] is SPEC
    assert "\n" not in SPEC.description
    assert SPEC.create() is encoding_pass
