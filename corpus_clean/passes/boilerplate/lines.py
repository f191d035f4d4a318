"""A page as lines, each with the features the boilerplate rules look at, computed once.

>>> line = parse_line("  • [Share on Facebook](#) now", number=0, start=0)
>>> line.kind, line.marker, line.plain, line.words, round(line.link_share, 2)
('item', '• ', 'Share on Facebook now', 4, 0.83)
>>> parse_line("## In-body *heading*", 0, 0).output
'In-body heading'
"""

from __future__ import annotations

from dataclasses import dataclass, field

import regex

from ...markup import has_markup, strip_markup_with_links

BLANK, SEPARATOR, HEADING, ITEM, QUOTE, TEXT = "blank", "separator", "heading", "item", "quote", "text"

#: Horizontal rules and the separator rows of markdown tables: nothing to read.
_SEPARATOR = regex.compile(r"[ \t]*(?:(?:[-*_=~][ \t]*){3,}|\|?(?:[ \t]*:?-{3,}:?[ \t]*\|)+[ \t]*(?::?-{3,}:?)?[ \t]*)")
#: List markers at the start of a line (several when lists are nested on one line).
_MARKERS = regex.compile(r"[ \t]*(?:(?:[•·▪◦‣●○■□➤►▸*+\-–]|\d{1,3}[.)])[ \t]+)+")
_LAST_MARKER = regex.compile(r"(?:[•·▪◦‣●○■□➤►▸*+\-–]|\d{1,3}[.)])[ \t]+$")
_WORD = regex.compile(r"\w+")
#: A sentence ends with terminal punctuation, perhaps inside closing quotes or brackets.
_SENTENCE_END = regex.compile(r"[.!?…:;][\"'”’»“)\]]*$")


@dataclass(slots=True)
class Line:
    number: int  # index among the page's lines
    start: int  # offset of the line in the text
    raw: str  # as received, without the line break
    kind: str
    marker: str = ""  # a list marker kept in the output ("• ", "1. ")
    plain: str = ""  # markup removed, spaces collapsed
    pieces: list[tuple[int, str]] = field(default_factory=list)  # markup removed: (offset in raw, piece)
    words: int = 0
    link_share: float = 0.0  # share of the visible characters that are link text
    sentence: bool = False  # ends like a sentence

    @property
    def output(self) -> str:
        """The line as it stands in the clean text when kept."""
        return self.marker + self.plain

    @property
    def link_words(self) -> float:
        return self.words * self.link_share


def _visible_length(text: str) -> int:
    return len(text) - text.count(" ") - text.count("\t")


def parse_line(raw: str, number: int, start: int) -> Line:
    """The features of one line (``raw`` without its line break)."""
    body = raw.rstrip()
    if not body.strip():
        return Line(number, start, raw, BLANK)
    if _SEPARATOR.fullmatch(body):
        return Line(number, start, raw, SEPARATOR)
    kind, marker, offset, pieces = TEXT, "", 0, []
    markers = _MARKERS.match(body)
    if markers and markers.end() < len(body):
        kind, offset = ITEM, markers.end()
        last = _LAST_MARKER.search(markers.group())
        marker = last.group().split()[0] + " "
        extra = markers.group()[:last.start()]  # outer markers of nested lists on one line
        if extra.strip():
            pieces.append((markers.start(), extra.strip()))
    rest = body[offset:]
    stripped = rest.lstrip()
    if stripped.startswith("#"):
        kind = HEADING if kind == TEXT else kind
    elif stripped.startswith(">"):
        kind = QUOTE if kind == TEXT else kind
    plain, removed, links = strip_markup_with_links(rest)
    pieces.extend((offset + at, piece) for at, piece in removed)
    visible = _visible_length(plain)
    linked = sum(_visible_length(plain[a:b]) for a, b in links) if links else 0
    plain = " ".join(plain.split())
    line = Line(number, start, raw, kind, marker, plain, pieces,
                words=len(_WORD.findall(plain)),
                link_share=linked / visible if visible else 0.0,
                sentence=bool(_SENTENCE_END.search(plain)))
    return _settled(line)


def _settled(line: Line) -> Line:
    """Unescaping can leave markup that a second reading would strip ("\\\\*x*" is "*x*"):
    read the output again until nothing changes, so the pass is idempotent."""
    for _ in range(5):
        if not line.plain or not has_markup(line.output):
            break
        again = parse_line(line.output, line.number, line.start)
        if again.output == line.output:
            break
        # pieces of later readings are not at offsets of raw: recorded at the line start
        line.pieces.extend((0, piece) for _, piece in again.pieces)
        line.marker, line.plain, line.words, line.sentence = again.marker, again.plain, again.words, again.sentence
    return line


def split_lines(text: str) -> list[Line]:
    """Every line of ``text`` (split at "\\n" only), with its offset."""
    lines, start = [], 0
    for number, raw in enumerate(text.split("\n")):
        lines.append(parse_line(raw, number, start))
        start += len(raw) + 1
    return lines
