"""Markup residue of scraped pages, turned into plain text with an account of what went.

The raw pages are markdown-like: links as ``[text](url)``, autolinks ``<http://...>``,
backslash escapes (``\\_``), emphasis markers (``*``, ``**``, ``_``), heading and quote
markers at line starts. Every pass that moves or keeps text uses :func:`strip_markup`,
so the rules live here once, and it returns the pieces it removed (with offsets) so
the pass can record them.

>>> strip_markup("By [Moon of Alabama](#), **2016**")[0]
'By Moon of Alabama, 2016'
>>> strip_markup(r"MFA Russia @mfa\\_russia")[0]
'MFA Russia @mfa_russia'
>>> strip_markup("## In-body heading")
('In-body heading', [(0, '## ')])

An underscore in an @handle is part of the name, not emphasis:

>>> strip_markup("— tall glass (@_orabora) and @RobertMaguire_, *bold*")
('— tall glass (@_orabora) and @RobertMaguire_, bold', [(46, '*'), (51, '*')])

A link's label is plain text too (escapes undone, emphasis gone):

>>> strip_markup(r"[11\\. Dezember](#) [**jeuys**](#)")
('11. Dezember jeuys', [(0, '['), (3, '\\\\'), (14, '](#)'), (19, '['), (20, '**'), (27, '**'), (29, '](#)')])

Markup never spans lines, so the plain text has the same lines as the input:

>>> plain('[a](http://x "title")\\n> quoted *text*\\n## head')
'a\\nquoted text\\nhead'
"""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import Iterable

import regex

#: Heading and quote markers at the start of a line; removed first.
_LINE_START = re.compile(r"^[ \t]*(?:\#{1,6}|>+)(?:[ \t]+|$)(?:>+[ \t]*)*", re.MULTILINE)
#: The same after a line break: a pattern that starts with a literal is found by a fast
#: scan, where "^" is tried at every character (five times slower on a page).
_NEXT_LINE_START = re.compile(r"\n[ \t]*(?:\#{1,6}|>+)(?:[ \t]+|$)(?:>+[ \t]*)*", re.MULTILINE)
_ESCAPE = r"(?P<escape>\\(?P<escaped>[\\`*_{}\[\]()#+\-.!>|~<]))"
#: A label holds no "[" and an address no "<": each scan stops at the next opening
#: bracket, so a line of a million "[" takes linear time, not quadratic. A link's title
#: stays on its line.
_LINK = r"""(?P<link>(?P<opening>!?\[)(?P<label>[^\[\]\n]*)
            (?P<closing>\]\((?P<url>[^()\s]*(?:\([^()\s]*\)[^()\s]*)*)(?:[ \t]+"[^"\n]*")?\)))"""
_AUTOLINK = r"(?P<autolink><(?P<address>(?:https?|ftp|mailto):[^<>\s]+)>)"
#: An @handle is kept whole, so an underscore in it is not taken for emphasis.
_HANDLE = r"(?P<handle>@[A-Za-z0-9_]+)"
_EMPHASIS = r"(?P<emphasis>(?<![\w\\])[*_`]{1,3}(?=[^\s*_`])|(?<=[^\s*_`])[*_`]{1,3}(?!\w))"
#: Inline markup: one alternation scanned left to right, so an escaped "\*" is never
#: taken for emphasis. Every branch starts with a character of its own ("\\", "[", "!",
#: "<", "@", "*", "_", "`"), which lets the engine skip plain text quickly.
_INLINE = regex.compile("|".join([_ESCAPE, _LINK, _AUTOLINK, _HANDLE, _EMPHASIS]), regex.VERBOSE)
#: The markup a link's label can hold: no links (a label has no "]"), no line starts.
_LABEL_MARKUP = regex.compile("|".join([_ESCAPE, _AUTOLINK, _EMPHASIS]), regex.VERBOSE)
#: A character some markup starts with: a label without one is plain text already.
_MAYBE_MARKUP = re.compile(r"[\\<*_`]")
#: A character some markup starts with, line starts and links too (a scan in C: faster
#: than a set of characters tested one by one).
_MARKUP_START = re.compile(r"[\\<*_`\[#>]")

def _took_part(match: regex.Match, group: str) -> bool:
    return group in match.re.groupindex and match.start(group) >= 0


def _kept(match: regex.Match) -> str:
    """What a piece of inline markup leaves in the text (dispatched on the branch that
    matched: this runs for every link of a page)."""
    kind = match.lastgroup
    if kind == "link":
        label = match.group("label")
        return _LABEL_MARKUP.sub(_kept_in_label, label) if _MAYBE_MARKUP.search(label) else label
    if kind == "emphasis":
        return ""
    if kind == "handle":
        return match.group()
    return _kept_in_label(match)


def _kept_in_label(match: regex.Match) -> str:
    if match.start("escape") >= 0:
        return match.group("escaped")
    if match.start("autolink") >= 0:
        return match.group("address")
    return ""


def _without_line_starts(text: str) -> tuple[str, list[tuple[int, str]]]:
    """``text`` without heading and quote markers, and the markers with their offsets."""
    removed = [(match.start(), match.group()) for match in _LINE_START.finditer(text)]
    if not removed:
        return text, []
    return _LINE_START.sub("", text), removed


def _strip_inline(text: str, pattern: regex.Pattern = _INLINE) -> tuple[str, list[tuple[int, str]]]:
    out: list[str] = []
    removed: list[tuple[int, str]] = []
    last = 0
    for match in pattern.finditer(text):
        start, end = match.span()
        out.append(text[last:start])
        last = end
        if _took_part(match, "link"):
            label_start, label_end = match.span("label")
            label, label_removed = _strip_inline(match.group("label"), _LABEL_MARKUP)
            out.append(label)
            removed.append((start, text[start:label_start]))
            removed.extend((label_start + offset, piece) for offset, piece in label_removed)
            removed.append((label_end, text[label_end:end]))
            continue
        out.append(_kept(match) if pattern is _INLINE else _kept_in_label(match))
        if match.start("autolink") >= 0:
            removed += [(start, "<"), (end - 1, ">")]
        elif match.start("escape") >= 0:
            removed.append((start, "\\"))
        elif match.start("emphasis") >= 0:
            removed.append((start, match.group()))
    out.append(text[last:])
    return "".join(out), removed


def strip_markup(text: str) -> tuple[str, list[tuple[int, str]]]:
    """Plain text and the removed pieces as ``(offset in text, piece)``.

    A link keeps its label (as plain text); the pieces removed are its brackets and
    target, and the markup inside the label. Heading and quote markers at line starts
    go first, then inline markup.

    >>> strip_markup("Read [the report](#) and <http://x.org>.")
    ('Read the report and http://x.org.', [(5, '['), (16, '](#)'), (25, '<'), (38, '>')])
    """
    inner, markers = _without_line_starts(text)
    result, removed = _strip_inline(inner)
    if markers:  # offsets in ``inner`` -> offsets in ``text``
        in_text = Cuts(markers).offset_before
        removed = [(in_text(at), piece) for at, piece in removed]
    return result, sorted((offset, piece) for offset, piece in markers + removed if piece)


class Cuts:
    """Offsets in a text from which ``pieces`` (``(offset, piece)`` in the text before,
    in order) were deleted, mapped back to the text before.

    >>> cuts = Cuts([(0, "## "), (8, "*")])   # "## Head *x" -> "Head x"
    >>> cuts.offset_before(0), cuts.offset_before(5)
    (3, 9)
    """

    __slots__ = ("at", "_total")

    def __init__(self, pieces: Iterable[tuple[int, str]]) -> None:
        self.at: list[int] = []       # offset in the text after at which each piece was
        self._total: list[int] = [0]  # characters deleted before, up to each piece
        for offset, piece in pieces:
            self.at.append(offset - self._total[-1])
            self._total.append(self._total[-1] + len(piece))

    def offset_before(self, offset: int) -> int:
        return offset + self._total[bisect_right(self.at, offset)]


def has_markup(text: str) -> bool:
    """Whether :func:`strip_markup` would change ``text``.

    >>> has_markup("a_b and 5 * 3 by @a_b"), has_markup("*a*"), has_markup("> quote")
    (False, True, True)
    """
    if _MARKUP_START.search(text) is None:
        return False
    return _LINE_START.search(text) is not None or any(
        match.start("handle") < 0 for match in _INLINE.finditer(text))


def _line_starts_removed(text: str) -> str:
    """``_LINE_START.sub("", text)``, faster."""
    text = _NEXT_LINE_START.sub("\n", text)
    first = _LINE_START.match(text)
    return text[first.end():] if first else text


#: A link label holding a character some markup starts with (possessive, so a long run
#: of such characters is read once: linear time).
_MARKED_LABEL = re.compile(r"\[[^\[\]\n\\<*_`]*+[\\<*_`][^\[\]\n]*+\]\(")
#: What :func:`_kept` leaves of a match outside such labels: the group of the branch
#: that matched (the others are empty), nothing for emphasis.
_KEPT = r"\g<label>\g<escaped>\g<address>\g<handle>"


def plain(text: str) -> str:
    """Just the plain text (for comparisons and matching): ``strip_markup(text)[0]``,
    fast on a whole document. Markup never spans lines, so the lines holding a link
    label with markup in it go through :func:`_kept`, and the rest of the text, in a
    few pieces, through a template: no Python call per piece of markup there."""
    text = _line_starts_removed(text)
    pieces, done = [], 0
    while (marked := _MARKED_LABEL.search(text, done)) is not None:
        start = text.rfind("\n", done, marked.start()) + 1 or done
        end = text.find("\n", marked.end())
        end = len(text) if end < 0 else end
        pieces += [_INLINE.sub(_KEPT, text[done:start]), _INLINE.sub(_kept, text[start:end])]
        done = end
    pieces.append(_INLINE.sub(_KEPT, text[done:]))
    return "".join(pieces)
