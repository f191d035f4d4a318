"""A page as lines: cheap statistics for every line, a full reading where it matters.

Corpora are gigabytes, so the work per line is kept small. Markup is stripped from the
whole page at once (:func:`corpus_clean.markup.plain` keeps the lines as they are), and
every non-blank line gets three numbers, all the article search needs: its words, the
share of it that is link text, and whether it ends like a sentence. Only the lines in
and around the article are read fully (:class:`Line`: list marker, clean text), for
the rules and the output.

>>> page = Page("Menu\\n\\n  • [Share on Facebook](#) now\\n## In-body *heading*")
>>> page.numbers, page.words, [round(share, 2) for share in page.link_shares]
([0, 2, 3], [1, 5, 2], [0.0, 0.79, 0.0])
>>> line = page.line(1)
>>> line.marker, line.plain, line.output
('• ', 'Share on Facebook now', '• Share on Facebook now')
>>> page.line(2).output
'In-body heading'
"""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import cached_property
from itertools import accumulate

import regex

from ...markup import has_markup, plain

#: Horizontal rules and the separator rows of markdown tables: nothing to read.
_SEPARATOR = re.compile(r"[ \t]*(?:(?:[-*_=~][ \t]*){3,}|\|?(?:[ \t]*:?-{3,}:?[ \t]*\|)+[ \t]*(?::?-{3,}:?)?[ \t]*)")
_SEPARATOR_FIRST = frozenset("-*_=~|:")
#: List markers at the start of a line (several when lists are nested on one line),
#: and a heading or quote marker after them (a first-level heading is often the last
#: crumb of a breadcrumb list).
#: (any space but a line break after a marker: the clean text has a plain space there)
_MARKERS = re.compile(r"[^\S\n]*((?:(?:[•·▪◦‣●○■□➤►▸*+\-–]|\d{1,3}[.)])[^\S\n]+)+)(#{1,6}[^\S\n]+|>+[^\S\n]+)?")
_MARKER_FIRST = frozenset("•·▪◦‣●○■□➤►▸*+-–0123456789")
_H1_START = re.compile(r"[ \t]*#[ \t]")
#: A first-level heading, perhaps inside a list item (breadcrumbs end with the title).
H1 = regex.compile(r"^[ \t]*(?:(?:[•·*+\-–]|\d{1,3}[.)])[ \t]+)*#[ \t]", regex.MULTILINE)
#: "#" and a space, which every first-level heading holds ("#" alone is the address of a link).
_HASH_SPACE = re.compile(r"#[ \t]")
#: Link labels, to measure how much of a line is link text.
_LABELS = re.compile(r"\[([^\[\]\n]*)\]\(")
#: A sentence ends with terminal punctuation, perhaps inside closing quotes or brackets.
_TERMINAL = frozenset(".!?…:;。！？")
_CLOSING = frozenset("\"'”’»“)]")
#: Scripts written without spaces count a character as a word.
_WORDS_NO_SPACES = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Thai}]|\w+")


def _visible(text: str) -> int:
    return len(text) - text.count(" ") - text.count("\t")


def count_words(text: str) -> int:
    """Words of a plain line; a character of Chinese or Japanese counts as one.

    >>> count_words("Zwei Wörter"), count_words("蔡健雅出生于新加坡。新加坡华语流行乐女歌手")
    (2, 20)
    >>> count_words("2.        |  \xa0       | LG Staufen      | WÜ      |") == count_words("2. | | LG Staufen | WÜ |")
    True
    """
    tokens = len(text.split())
    if tokens and _maybe_no_spaces(text, tokens):
        return len(_WORDS_NO_SPACES.findall(text))
    return tokens


def _maybe_no_spaces(text: str, tokens: int) -> bool:
    """Very long tokens of non-ASCII text: perhaps Chinese or Japanese. (Spaces do not
    count: a table row padded with them is not.)"""
    return len(text) > 15 * tokens and not text.isascii() and len("".join(text.split())) > 15 * tokens


def link_share(raw: str, plain_line: str) -> float:
    """The share of a line's visible characters that are link labels."""
    if "](" not in raw:
        return 0.0
    labels = "".join(_LABELS.findall(raw))
    visible = _visible(plain_line)
    return min(1.0, (len(labels) - labels.count(" ")) / visible) if visible else 0.0


#: "(12)": the count after an item of a flattened dropdown or category list.
_COUNT = re.compile(r"\(\d+\)")


def is_counted_list(plain_line: str) -> bool:
    """A line of items with their counts, like a flattened archive dropdown:
    "Archiv Januar 2020 (1) Dezember 2019 (3) November 2019 (2)".

    >>> is_counted_list("Archiv Januar 2020 (1) Dezember 2019 (3) November 2019 (2)")
    True
    """
    return len(_COUNT.findall(plain_line)) >= 3


def ends_sentence(plain_line: str) -> bool:
    """Whether a line ends like a sentence; in a table too, before the cell's border.

    >>> ends_sentence("Choose how long each half lasts.  |"), ends_sentence("Half length |")
    (True, False)
    """
    text = plain_line.rstrip(" \t|")
    end = text[-1:]
    return end in _TERMINAL or (end in _CLOSING and text[-2:-1] in _TERMINAL)


class Line:
    """One non-blank line read fully."""

    __slots__ = ("number", "start", "raw", "without_markup", "separator", "marker", "plain", "words", "link_share",
                 "sentence")

    def __init__(self, number: int, start: int, raw: str, plain_line: str, words: int, share: float, sentence: bool):
        self.number = number  # index among all the lines of the page, blank ones too
        self.start = start  # offset of the line in the text
        self.raw = raw  # as received, without the line break
        self.without_markup = plain_line  # the raw line with its markup stripped
        self.words, self.link_share, self.sentence = words, share, sentence  # as the page counted them
        self.marker = ""  # a list marker kept in the output ("• ", "1. "; outer ones of nested lists go)
        # a rule or table border: nothing to read
        self.separator = plain_line.lstrip(" \t")[:1] in _SEPARATOR_FIRST and bool(_SEPARATOR.fullmatch(plain_line))
        if self.separator:
            self.plain = ""
            return
        markers = _list_marker(plain_line)
        if markers:
            self.marker = markers.group(1).split()[-1] + " "
            plain_line = plain_line[markers.end():]
        self.plain = " ".join(plain_line.split())  # markup and list markers removed, spaces collapsed

    @property
    def output(self) -> str:
        """The line as it stands in the clean text when kept."""
        return self.marker + self.plain

    def settle(self) -> None:
        """Unescaping can leave markup that a second reading would strip ("\\\\*x*" gives
        "*x*"): read the output again until nothing changes, so the pass is idempotent."""
        for _ in range(5):
            text = self.output
            again = Line(self.number, self.start, text, plain(text), self.words, 0.0, self.sentence)
            if again.output == text or not again.plain:
                return
            self.marker, self.plain = again.marker, again.plain

    def __repr__(self) -> str:
        return f"Line({self.number}, {self.plain[:40]!r})"


def _list_marker(text: str) -> re.Match | None:
    """The list markers (and a heading or quote marker after them) that start ``text``,
    if some text follows them."""
    if text.lstrip()[:1] not in _MARKER_FIRST:
        return None
    text = text.rstrip()
    markers = _MARKERS.match(text)
    return markers if markers and markers.end() < len(text) else None


class Page:
    """The lines of a text, split at "\\n" only: ``numbers`` are the non-blank ones, and
    ``words``, ``link_shares``, ``sentences`` their statistics, by position in ``numbers``."""

    def __init__(self, text: str):
        self.text = text
        self.raws = text.split("\n")
        self.plains = plain(text).split("\n")
        self._ends = list(accumulate(map(len, self.raws)))
        self.numbers = [number for number, raw in enumerate(self.raws) if raw and not raw.isspace()]
        plains = [self.plains[number] for number in self.numbers]
        self.words = list(map(len, map(str.split, plains)))  # count_words, but for the exceptions:
        for index in [i for i, (text, words) in enumerate(zip(plains, self.words)) if _maybe_no_spaces(text, words)]:
            self.words[index] = count_words(plains[index])
        raws = [self.raws[number] for number in self.numbers]
        self.link_shares = [link_share(raw, text) if "](" in raw else 0.0 for raw, text in zip(raws, plains)]
        # a first-level heading is a title, even when it ends with a question mark
        self.sentences = [ends_sentence(text) and not _H1_START.match(raw) for raw, text in zip(raws, plains)]
        self._lines: list[Line | None] = [None] * len(self.numbers)

    def __len__(self) -> int:
        return len(self.numbers)

    @cached_property
    def headings(self) -> list[int]:
        """Indexes of the first-level headings."""
        text, found = self.text, []
        number, counted, line_start = 0, 0, 0
        # the lines holding what a heading holds, found fast, each read once
        while (hash_mark := _HASH_SPACE.search(text, line_start)) is not None:
            line_start = text.rfind("\n", line_start, hash_mark.start()) + 1 or line_start
            if H1.match(text, line_start):
                number += text.count("\n", counted, line_start)  # the heading's line
                counted = line_start
                found.append(bisect_left(self.numbers, number))
            line_start = text.find("\n", hash_mark.start()) + 1
            if not line_start:
                break
        return found

    def start(self, number: int) -> int:
        """Offset in the text of line ``number``."""
        return self._ends[number] - len(self.raws[number]) + number

    def span(self, first: int, last: int) -> tuple[str, int]:
        """The text of lines ``first`` to ``last`` (numbers) and its offset."""
        start = self.start(first)
        return self.text[start:self._ends[last] + last], start

    def line(self, index: int) -> Line:
        """The ``index``-th non-blank line, read fully."""
        line = self._lines[index]
        if line is None:
            number = self.numbers[index]
            raw, plain_line = self.raws[number], self.plains[number]
            line = self._lines[index] = Line(number, self.start(number), raw, plain_line,
                                             self.words[index], self.link_shares[index], self.sentences[index])
            output = line.output
            if output != raw.strip() and has_markup(output):  # a line left as it was is settled
                line.settle()
        return line
