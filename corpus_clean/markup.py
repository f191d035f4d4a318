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

Markup never spans lines, so the plain text has the same lines as the input:

>>> plain('[a](http://x "title")\\n> quoted *text*\\n## head')
'a\\nquoted text\\nhead'
"""

from __future__ import annotations

import re
from bisect import bisect_right

import regex

#: Heading and quote markers at the start of a line; removed first.
_LINE_START = re.compile(r"^[ \t]*(?:\#{1,6}|>+)(?:[ \t]+|$)(?:>+[ \t]*)*", re.MULTILINE)
#: Inline markup: one alternation scanned left to right, so an escaped "\*" is never
#: taken for emphasis. Every branch starts with a character of its own ("\\", "[", "!",
#: "<", "*", "_", "`"), which lets the engine skip plain text quickly. Groups name what
#: each branch keeps (label, escaped, address) and what it removes (the rest). A link
#: label holds no bracket: the innermost brackets make the link, and a run of stray "["
#: costs linear time, not quadratic.
_INLINE_PATTERN = r"""
    (?P<escape>(?P<backslash>\\)(?P<escaped>[\\`*_{}\[\]()#+\-.!>|~<]))
  | (?P<link>(?P<opening>!?\[)(?P<label>[^\[\]\n]*)(?P<closing>\]\((?P<url>[^()\s]*(?:\([^()\s]*\)[^()\s]*)*)(?:[ \t]+"[^"\n]*")?\)))
  | (?P<autolink>(?P<lt><)(?P<address>(?:https?|ftp|mailto):[^>\s]+)(?P<gt>>))
  | (?P<emphasis>(?<![\w\\])[*_`]{1,3}(?=[^\s*_`])|(?<=[^\s*_`])[*_`]{1,3}(?!\w))
"""
_INLINE = regex.compile(_INLINE_PATTERN, regex.VERBOSE)
#: The same, and the text between markup too (removed by the substitution below).
_INLINE_OR_TEXT = regex.compile(_INLINE_PATTERN + r"| [^\\!\[<*_`]+ | .", regex.VERBOSE | regex.DOTALL)
_KEPT = r"\g<label>\g<escaped>\g<address>"
_REMOVED = r"\g<backslash>\g<opening>\g<closing>\g<lt>\g<gt>\g<emphasis>"


def _kept(match: regex.Match) -> str:
    """What a piece of inline markup leaves in the text (a link its label)."""
    for group in ("label", "escaped", "address"):
        if match.start(group) >= 0:
            return match.group(group)
    return ""


def _without_line_starts(text: str) -> tuple[str, list[tuple[int, str]]]:
    """``text`` without heading and quote markers, and the markers with their offsets."""
    removed = [(match.start(), match.group()) for match in _LINE_START.finditer(text)]
    if not removed:
        return text, []
    return _LINE_START.sub("", text), removed


def strip_markup(text: str) -> tuple[str, list[tuple[int, str]]]:
    """Plain text and the removed pieces as ``(offset in text, piece)``.

    A link keeps its label; the pieces removed are its brackets and target. Heading and
    quote markers at line starts go first, then inline markup.

    >>> strip_markup("Read [the report](#) and <http://x.org>.")
    ('Read the report and http://x.org.', [(5, '['), (16, '](#)'), (25, '<'), (38, '>')])
    """
    inner, removed = _without_line_starts(text)
    # offsets in ``inner`` -> offsets in ``text``: add the markers removed before them
    marker_at, shift_after, total = [], [0], 0
    for offset, piece in removed:
        marker_at.append(offset - total)
        total += len(piece)
        shift_after.append(total)
    out: list[str] = []
    last = 0
    for match in _INLINE.finditer(inner):
        out.append(inner[last:match.start()])
        out.append(_kept(match))
        last = match.end()
        for group in ("backslash", "opening", "closing", "lt", "gt", "emphasis"):
            at = match.start(group)
            if at >= 0:
                removed.append((at + shift_after[bisect_right(marker_at, at)], match.group(group)))
    out.append(inner[last:])
    return "".join(out), sorted(removed)


def has_markup(text: str) -> bool:
    """Whether :func:`strip_markup` would change ``text``.

    >>> has_markup("a_b and 5 * 3"), has_markup("*a*"), has_markup("> quote")
    (False, True, True)
    """
    return _INLINE.search(text) is not None or _LINE_START.search(text) is not None


def markup_pieces(text: str) -> str:
    r"""The markup :func:`strip_markup` removes from ``text``, run together, computed
    without Python work per piece (for the record of a whole document).

    >>> markup_pieces("## A [link](http://x) and **bold**\\_")
    '##[](http://x)****\\'
    """
    markers = "".join(match.group() for match in _LINE_START.finditer(text)) if "#" in text or ">" in text else ""
    return markers.replace(" ", "").replace("\t", "") + _INLINE_OR_TEXT.sub(_REMOVED, _LINE_START.sub("", text))


def plain(text: str) -> str:
    """Just the plain text (for comparisons and matching): ``strip_markup(text)[0]``,
    computed without Python work per piece, fast on a whole document."""
    return _INLINE.sub(_KEPT, _LINE_START.sub("", text))
