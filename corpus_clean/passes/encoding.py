"""The ``encoding`` pass: mojibake, HTML entities, control and zero-width characters,
Unicode NFC and line endings, repaired by ftfy -- but only where ftfy would act.

The output is exactly ``clean_spaces(ftfy.fix_text(text, uncurl_quotes=False))``.
ftfy fixes a text segment by segment (a line, or a million characters of a longer
one), and every one of its fixers leaves a segment alone unless some tell-tale
character is in it. We look for all the tell-tales at once over the whole document
with a few regular-expression searches (which run in C), and hand only the segments
they point at to ftfy. Clean documents, the vast majority, never reach ftfy.

The pass repeats the repair of a changed line until nothing changes, because ftfy is
not idempotent (nor is the space clean-up after it), and records each line whose
visible characters changed. One limit: on a line of a million characters or more,
which ftfy cuts at arbitrary places, a second run may still change something.

Bytes to text (byte-order marks, code pages) happens earlier, where files are read:
see :mod:`corpus_clean.decoding`.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from re import _constants as sre, _parser as sre_parse  # to read ftfy's badness regex
from typing import NamedTuple

from ftfy import TextFixerConfig, fix_and_explain
from ftfy.badness import BADNESS_RE, is_bad
from ftfy.chardata import C1_CONTROL_RE, CONTROL_CHARS, HTML_ENTITY_RE, LIGATURES, WIDTH_MAP
from ftfy.fixes import SURROGATE_RE

from ..record import Record
from .base import PassSpec

# ---------------------------------------------------------------------------------
# Spaces ftfy keeps but a corpus does not want.

#: Invisible characters that only break words apart for search and tokenisers.
#: ZERO WIDTH JOINER (U+200D) and NON-JOINER (U+200C) are kept on purpose: they
#: change how emoji sequences and Persian or Indic words are written.
_ZERO_WIDTH = "\u200b\u2060\ufeff\u180e"
#: No-break spaces become plain spaces: the line-breaking hint means nothing in a corpus.
_NO_BREAK_SPACES = "\xa0\u202f\u2007"
_SPACE_FIXES = tuple((char, "") for char in _ZERO_WIDTH) + tuple((char, " ") for char in _NO_BREAK_SPACES)


def clean_spaces(text: str) -> str:
    """Drop zero-width characters and turn no-break spaces into spaces.

    >>> clean_spaces("a\\u00a0b\\u200bc\\u200dd")
    'a bc\\u200dd'
    """
    for char, replacement in _SPACE_FIXES:
        if char in text:  # a scan is much cheaper than a copy
            text = text.replace(char, replacement)
    return text


# ---------------------------------------------------------------------------------
# What makes ftfy act on a segment (see ftfy.fix_and_explain, ftfy 6.3.1).

#: The configuration ``fix_text(text, uncurl_quotes=False)`` uses, per state of the
#: HTML switch: "auto" until the first segment that holds a "<", False from there on.
#: With explanations, which fix_text does without: the fixes are the same (the
#: encoding steps run with ftfy's defaults either way), and they name our rules.
_CONFIGS = {html: TextFixerConfig(uncurl_quotes=False, unescape_html=html) for html in ("auto", False)}
_MAX_SEGMENT = TextFixerConfig().max_decode_length


def _char_class(chars: Iterable[str]) -> str:
    return "[" + "".join(map(re.escape, sorted(set(chars)))) + "]"


#: Characters that make a fixer other than fix_encoding and unescape_html act:
#: fix_c1_controls, fix_surrogates, fix_latin_ligatures, fix_character_width,
#: remove_control_chars (which covers the ESC of remove_terminal_escapes) and
#: fix_line_breaks (U+2028, U+2029; U+0085 is a C1 control; "\r" is _LONE_CR_RE).
#: ftfy's own tables, merged by the regex parser into one character set.
_TRIGGER_RE = re.compile("|".join([
    C1_CONTROL_RE.pattern,
    SURROGATE_RE.pattern,
    _char_class(chr(code) for table in (LIGATURES, WIDTH_MAP, CONTROL_CHARS) for code in table),
    "[\u2028\u2029]",
]))
#: A "\r" that does not end a line. A final "\r\n" alone only becomes "\n" (done
#: without ftfy), so CRLF files do not send every line to ftfy.
_LONE_CR_RE = re.compile("\r(?!\n)")


def _non_ascii_chars(item: tuple) -> str | None:
    """The characters one parsed regex item matches, if they are all non-ASCII."""
    op, value = item
    if op is sre.LITERAL:
        value = [item]
    elif op is not sre.IN:
        return None
    chars = []
    for kind, member in value:
        if kind is sre.LITERAL and member > 0x7F:
            chars.append(chr(member))
        elif kind is sre.RANGE and member[0] > 0x7F:
            chars.extend(map(chr, range(member[0], member[1] + 1)))
        else:
            return None
    return "".join(chars)


def _badness_clues() -> tuple[str, str, str]:
    """Cheap necessary conditions for ``is_bad``, read from ftfy's BADNESS_RE.

    Searching BADNESS_RE itself is slow (~7 MB/s): it tries ~35 alternatives at
    every position. But each alternative has two adjacent items that match only
    non-ASCII characters, or at least one such item. Returns three character
    classes, firsts, seconds and singles: every match of BADNESS_RE holds a first
    followed by a second, or a single.
    """
    [(_, (_, alternatives))] = sre_parse.parse(BADNESS_RE.pattern, BADNESS_RE.flags).data
    firsts, seconds, singles = set(), set(), set()
    for alternative in alternatives:
        items = [_non_ascii_chars(item) for item in alternative]
        pair = next(((a, b) for a, b in zip(items, items[1:]) if a and b), None)
        if pair:
            firsts.update(pair[0])
            seconds.update(pair[1])
        elif any(items):
            singles.update(next(filter(None, items)))
        else:
            raise RuntimeError("unexpected ftfy BADNESS_RE: an alternative without a non-ASCII item")
    return _char_class(firsts), _char_class(seconds), _char_class(singles)


_FIRSTS, _SECONDS, _SINGLES = _badness_clues()
_BAD_CLUES_RE = re.compile(f"{_FIRSTS}{_SECONDS}|{_SINGLES}")
#: Where a segment may change, but for NFC and entities: a character that makes a
#: fixer act, a single mojibake clue, a character clean_spaces replaces, or a pair
#: of clues. Written to start with one character set, which the engine scans for
#: in C: twice as fast as searching for singles and pairs one after the other.
_SUSPECT_CHARS = "|".join([_TRIGGER_RE.pattern, _SINGLES, _char_class(_ZERO_WIDTH + _NO_BREAK_SPACES)])
_SUSPECT_RE = re.compile(f"(?:{_SUSPECT_CHARS}|{_FIRSTS})(?:(?<={_SUSPECT_CHARS})|(?={_SECONDS}))")


def _needs_ftfy(segment: str, html: str | bool) -> bool:
    """False when every step of ``fix_and_explain`` is sure to leave ``segment`` alone
    (a final "\\r\\n" aside)."""
    return bool(
        _TRIGGER_RE.search(segment)
        or _LONE_CR_RE.search(segment)
        or (html and HTML_ENTITY_RE.search(segment))
        or (_BAD_CLUES_RE.search(segment) and is_bad(segment))
        or not unicodedata.is_normalized("NFC", segment)
    )


# ---------------------------------------------------------------------------------
# Segments, as ftfy.fix_text cuts them.

def _ftfy_segments(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each segment: a line with its "\\n", cut every _MAX_SEGMENT."""
    pos = 0
    while pos < len(text):
        end = text.find("\n", pos) + 1 or len(text)
        end = min(end, pos + _MAX_SEGMENT)
        yield pos, end
        pos = end


def _has_long_line(text: str) -> bool:
    return len(text) >= _MAX_SEGMENT and max(map(len, text.split("\n"))) >= _MAX_SEGMENT


def _line_around(text: str, pos: int) -> tuple[int, int]:
    return text.rfind("\n", 0, pos) + 1, text.find("\n", pos) + 1 or len(text)


def _lines_matching(pattern: re.Pattern[str], text: str, endpos: int) -> Iterator[tuple[int, int]]:
    """Lines holding a match, each once; the search resumes after the line, so a line
    with many matches is not scanned many times."""
    pos = 0
    while match := pattern.search(text, pos, endpos):
        line = _line_around(text, match.start())
        yield line
        pos = line[1]


def _unnormalized_lines(text: str) -> Iterator[tuple[int, int]]:
    pos = 0
    for line in text.split("\n"):
        end = min(pos + len(line) + 1, len(text))
        if not unicodedata.is_normalized("NFC", line):
            yield pos, end
        pos = end


def _suspect_segments(text: str, html_end: int) -> list[tuple[int, int]]:
    """The segments that may need ftfy, in order. ``html_end``: where the segment
    with the first "<" starts (entities are left alone from there on)."""
    if _has_long_line(text):
        # a cut inside a line is not a line boundary the searches know about
        return list(_ftfy_segments(text))
    found = set(_lines_matching(HTML_ENTITY_RE, text, html_end))
    for pattern in (_SUSPECT_RE, _LONE_CR_RE):
        found.update(_lines_matching(pattern, text, len(text)))
    if not unicodedata.is_normalized("NFC", text):
        found.update(_unnormalized_lines(text))
    return sorted(found)


# ---------------------------------------------------------------------------------
# The repair.

class SegmentFix(NamedTuple):
    """``text[start:end]`` becomes ``fixed``; ``steps``: ftfy's explanation."""

    start: int
    end: int
    fixed: str
    steps: list
    html_before: str | bool  # the HTML switch as the segment was reached


def _html_switch(first_lt: int, pos: int) -> str | bool:
    """ftfy's unescape_html up to ``pos``: "auto" until a "<" was seen (fix_text
    turns it off for good at the first segment holding a "<")."""
    return "auto" if first_lt < 0 or first_lt >= pos else False


def _segment_fixes(text: str, html: str | bool = "auto") -> Iterator[SegmentFix]:
    """The segments that ``repair_text`` changes, in order, but for the final
    "\\r\\n" of lines that change in no other way. ``html``: False if a "<" came before."""
    first_lt = text.find("<") if html else 0
    html_end = len(text) if first_lt < 0 else text.rfind("\n", 0, first_lt) + 1
    for start, end in _suspect_segments(text, html_end):
        segment = text[start:end]
        fixed, steps = segment.replace("\r\n", "\n"), []
        html = _html_switch(first_lt, end)
        if _needs_ftfy(segment, html):
            fixed, steps = fix_and_explain(segment, _CONFIGS[html])
        fixed = clean_spaces(fixed)
        if fixed != segment:
            yield SegmentFix(start, end, fixed, steps, _html_switch(first_lt, start))


def _apply(text: str, fixes: Iterable[SegmentFix]) -> str:
    parts, pos = [], 0
    for fix in fixes:
        parts += [text[pos:fix.start].replace("\r\n", "\n"), fix.fixed]
        pos = fix.end
    parts.append(text[pos:].replace("\r\n", "\n"))
    return "".join(parts)


def repair_text(text: str) -> str:
    """``clean_spaces(ftfy.fix_text(text, uncurl_quotes=False))``, fast.

    >>> repair_text("The cafÃ© serves crÃ¨me brÃ»lÃ©e &amp; more\\r\\n")
    'The café serves crème brûlée & more\\n'
    """
    return _apply(text, _segment_fixes(text))


# ---------------------------------------------------------------------------------
# The pass.

#: Repairs of a repair, at most, to reach a fixed point (a guard against a cycle,
#: never seen: one more round is all it takes in practice). ftfy is not idempotent
#: (a U+2028 it turns into "\\n" makes a new segment, judged anew), nor is clean_spaces
#: after it ("Â\\u202f" is left alone, but "Â " is mojibake).
_MAX_ROUNDS = 10


def _settle(fix: SegmentFix) -> SegmentFix:
    """Repair a fixed segment again until nothing changes; collect the steps."""
    steps = list(fix.steps)
    fixed = fix.fixed
    for _ in range(_MAX_ROUNDS):
        # the switch as the segment was reached: a fix may split it into lines
        # that come before its "<"
        again = list(_segment_fixes(fixed, fix.html_before))
        if not again:
            break
        steps += [step for later in again for step in later.steps]
        fixed = _apply(fixed, again)
    return fix._replace(fixed=fixed, steps=steps)


#: Rule names for ftfy's steps (an explanation's parameter); the rest is mojibake
#: repair (encode / transcode / decode, decode_inconsistent_utf8).
_RULES = {
    "unescape_html": "html_entities",
    "fix_c1_controls": "c1_controls",
    "fix_latin_ligatures": "ligatures",
    "fix_character_width": "character_width",
    "fix_surrogates": "surrogates",
    "remove_terminal_escapes": "terminal_escapes",
    "remove_control_chars": "control_chars",
    "NFC": "nfc",
}


def _rule(steps: list) -> str:
    """The first ftfy step that changed more than line breaks; else clean_spaces
    dropped a zero-width character."""
    for _, parameter in steps:
        if parameter != "fix_line_breaks":
            return "encoding." + _RULES.get(parameter, "mojibake")
    return "encoding.zero_width"


def _visible(text: str) -> str:
    return "".join(text.split())


def _strip_eol(line: str) -> str:
    return line.removesuffix("\n").removesuffix("\r")


def encoding_pass(record: Record) -> Record:
    """Repair ``record.text`` (see :func:`repair_text`), repeated to a fixed point.

    Each line whose visible characters changed is recorded in ``removed`` with
    ``start`` (offset in the text received) and what it became (``fixed``); changes
    of whitespace alone (no-break spaces, CRLF) are not. ``meta["encoding"]``, set by
    the reader that decoded the bytes, is kept as it is.
    """
    out = record.copy()
    text = record.text
    fixes = [_settle(fix) for fix in _segment_fixes(text)]
    out.text = _apply(text, fixes)
    for fix in fixes:
        original = text[fix.start:fix.end]
        if _visible(original) != _visible(fix.fixed):
            out.remove("encoding", _rule(fix.steps), _strip_eol(original), start=fix.start,
                       fixed=_strip_eol(fix.fixed))
    return out


SPEC = PassSpec(
    name="encoding",
    description="Repair mojibake, HTML entities, control and zero-width characters, NFC and line endings (ftfy).",
    build=lambda: encoding_pass,
)
