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
"""

from __future__ import annotations

import regex

# One alternation, scanned left to right, so an escaped "\*" is never taken for emphasis.
_MARKUP = regex.compile(
    r"""
    (?P<escape>\\(?P<escaped>[\\`*_{}\[\]()#+\-.!>|~<]))
  | (?P<link>!?\[(?P<label>[^\]\n]*)\]\((?P<url>[^()\s]*(?:\([^()\s]*\)[^()\s]*)*)(?:\s+"[^"\n]*")?\))
  | (?P<autolink><(?P<address>(?:https?|ftp|mailto):[^>\s]+)>)
  | (?P<heading>(?m:^)[ \t]*(?:\#{1,6}|>+)(?:[ \t]+|$)(?:>+[ \t]*)*)
  | (?P<emphasis>(?<![\w\\])[*_`]{1,3}(?=[^\s*_`])|(?<=[^\s*_`])[*_`]{1,3}(?!\w))
    """,
    regex.VERBOSE,
)


def _replacement(match: regex.Match) -> str:
    kind = match.lastgroup
    if kind == "link":
        return match.group("label")
    if kind == "escape":
        return match.group("escaped")
    if kind == "autolink":
        return match.group("address")
    return ""


def strip_markup(text: str) -> tuple[str, list[tuple[int, str]]]:
    """Plain text and the removed pieces as ``(offset in text, piece)``.

    A link keeps its label; the pieces removed are its brackets and target.
    """
    plain_text, removed, _ = strip_markup_with_links(text)
    return plain_text, removed


def strip_markup_with_links(text: str) -> tuple[str, list[tuple[int, str]], list[tuple[int, int]]]:
    """:func:`strip_markup`, plus where each link's label landed in the plain text
    (``(start, end)`` spans), so a caller can measure how much of a line is link text.

    >>> strip_markup_with_links("Read [the report](#) and [more](http://x.org).")
    ('Read the report and more.', [(5, '['), (16, '](#)'), (25, '['), (30, '](http://x.org)')], [(5, 15), (20, 24)])
    """
    out: list[str] = []
    removed: list[tuple[int, str]] = []
    links: list[tuple[int, int]] = []
    last = 0
    size = 0  # length of the plain text so far
    for match in _MARKUP.finditer(text):
        start, end = match.span()
        kept = _replacement(match)
        before = text[last:start]
        out.append(before)
        out.append(kept)
        if match.lastgroup == "link":
            links.append((size + len(before), size + len(before) + len(kept)))
        size += len(before) + len(kept)
        last = end
        whole = match.group()
        if match.lastgroup == "link":
            label_start, label_end = match.span("label")
            removed.append((start, text[start:label_start]))
            removed.append((label_end, text[label_end:end]))
        elif match.lastgroup == "autolink":
            removed.append((start, "<"))
            removed.append((end - 1, ">"))
        elif match.lastgroup == "escape":
            removed.append((start, "\\"))
        else:
            removed.append((start, whole))
    out.append(text[last:])
    return "".join(out), [(offset, piece) for offset, piece in removed if piece], links


def has_markup(text: str) -> bool:
    """Whether :func:`strip_markup` would change ``text``.

    >>> has_markup("a_b and 5 * 3"), has_markup("*a*")
    (False, True)
    """
    return _MARKUP.search(text) is not None


def plain(text: str) -> str:
    """Just the plain text (for comparisons and matching)."""
    return strip_markup(text)[0]
