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
"""

from __future__ import annotations

import regex

# One alternation, scanned left to right, so an escaped "\*" is never taken for emphasis.
# A label holds no "[" and an address no "<": each scan stops at the next opening
# bracket, so a line of a million "[" takes linear time, not quadratic.
_MARKUP = regex.compile(
    r"""
    (?P<escape>\\(?P<escaped>[\\`*_{}\[\]()#+\-.!>|~<]))
  | (?P<link>!?\[(?P<label>[^\[\]\n]*)\]\((?P<url>[^()\s]*(?:\([^()\s]*\)[^()\s]*)*)(?:\s+"[^"\n]*")?\))
  | (?P<autolink><(?P<address>(?:https?|ftp|mailto):[^<>\s]+)>)
  | (?P<handle>@[A-Za-z0-9_]+)
  | (?P<heading>(?m:^)[ \t]*(?:\#{1,6}|>+)(?:[ \t]+|$)(?:>+[ \t]*)*)
  | (?P<emphasis>(?<![\w\\])[*_`]{1,3}(?=[^\s*_`])|(?<=[^\s*_`])[*_`]{1,3}(?!\w))
    """,
    regex.VERBOSE,
)


#: The markup a link's label can hold: no links (a label has no "]"), no line starts.
_LABEL_MARKUP = regex.compile(
    r"""
    (?P<escape>\\(?P<escaped>[\\`*_{}\[\]()#+\-.!>|~<]))
  | (?P<autolink><(?P<address>(?:https?|ftp|mailto):[^<>\s]+)>)
  | (?P<emphasis>(?<![\w\\])[*_`]{1,3}(?=[^\s*_`])|(?<=[^\s*_`])[*_`]{1,3}(?!\w))
    """,
    regex.VERBOSE,
)


def _replacement(match: regex.Match) -> str:
    kind = match.lastgroup
    if kind == "escape":
        return match.group("escaped")
    if kind == "autolink":
        return match.group("address")
    if kind == "handle":
        return match.group()
    return ""


def strip_markup(text: str) -> tuple[str, list[tuple[int, str]]]:
    """Plain text and the removed pieces as ``(offset in text, piece)``.

    A link keeps its label (as plain text); the pieces removed are its brackets and
    target, and the markup inside the label.
    """
    return _strip(text, _MARKUP)


def _strip(text: str, pattern: regex.Pattern) -> tuple[str, list[tuple[int, str]]]:
    out: list[str] = []
    removed: list[tuple[int, str]] = []
    last = 0
    for match in pattern.finditer(text):
        start, end = match.span()
        out.append(text[last:start])
        last = end
        whole = match.group()
        if match.lastgroup == "link":
            label_start, label_end = match.span("label")
            label, label_removed = _strip(match.group("label"), _LABEL_MARKUP)
            out.append(label)
            removed.append((start, text[start:label_start]))
            removed.extend((label_start + offset, piece) for offset, piece in label_removed)
            removed.append((label_end, text[label_end:end]))
            continue
        out.append(_replacement(match))
        if match.lastgroup == "autolink":
            removed.append((start, "<"))
            removed.append((end - 1, ">"))
        elif match.lastgroup == "escape":
            removed.append((start, "\\"))
        elif match.lastgroup != "handle":
            removed.append((start, whole))
    out.append(text[last:])
    return "".join(out), [(offset, piece) for offset, piece in removed if piece]


def plain(text: str) -> str:
    """Just the plain text (for comparisons and matching)."""
    return strip_markup(text)[0]
