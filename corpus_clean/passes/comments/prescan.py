"""Ruling a page out before reading its lines.

Most pages have no reader comments, and reading every line of a page (:func:`.lines.read_line`)
is the pass's main cost. A thread is only ever taken on evidence (:func:`.thread.is_evidence`):
a section heading, a comment form, a reply mark (a reply button, "In reply to X", a "Re:"
subject) or a "<name> sagt:" line. Such a line holds a phrase of the vocabulary, so the
page is searched for those phrases first, as bytes with ASCII letters lower-cased (fast
searches in C), and only the lines that hold one are read. A page without an evidence
line cannot hold a thread: the pass leaves it as it is, without reading the rest.

The searches are derived from ``corpus_clean/data/comments.toml`` when the module is
loaded. Headings, forms, reply buttons, "In reply to" and "Kommentar von": a few short
*keys*, chosen so that every phrase holds one ("omment" is in "comments", "Kommentar" and
"commentaire"), each the piece of a run of ASCII letters, so case and accents do not
hide it ("réponse" holds "ponse"). The verbs of "<name> sagt:" and Blogger's "said..."
are common words: a line is read for them only if it holds a colon or an ellipsis; a
"Re:" subject only where it starts the line.

>>> may_hold_thread("A page about gardens.\\n\\nRoses need sun.")
False
>>> may_hold_thread("Roses need sun.\\n\\n### 3 Kommentare\\n\\n  • Anna sagt:")
True
>>> may_hold_thread("Roses need sun. Comments on this are welcome, she said: come by.")
False
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from .lines import SUBJECT_PREFIXES, VOCABULARY, read_line
from .thread import is_evidence

#: Keys shorter than this are found in too many lines.
_MIN_KEY = 5
_ASCII_RUN = re.compile(r"[a-z0-9]+")


def _runs(phrase: str) -> list[str]:
    """The runs of ASCII letters and digits of ``phrase``, lower case ("réponse à" gives
    "r", "ponse"); a phrase without one is searched whole."""
    return _ASCII_RUN.findall(phrase.lower()) or [phrase.lower()]


def _keys(phrases: Iterable[str]) -> list[bytes]:
    """Few short strings such that every phrase holds one: a greedy cover by pieces of at
    least ``_MIN_KEY`` characters of the phrases' runs (shorter runs count whole)."""
    pieces = {}
    for phrase in set(phrases):
        runs = _runs(phrase)
        longest = max(len(run) for run in runs)
        pieces[phrase] = {run[i:j] for run in runs if len(run) == longest or len(run) >= _MIN_KEY
                          for i in range(len(run)) for j in range(i + min(_MIN_KEY, len(run)), len(run) + 1)}
    keys = []
    uncovered = set(pieces)
    while uncovered:
        holders: dict[str, int] = {}
        for phrase in sorted(uncovered):
            for piece in pieces[phrase]:
                holders[piece] = holders.get(piece, 0) + 1
        key = max(sorted(holders), key=lambda piece: (holders[piece], len(piece)))
        keys.append(key)
        uncovered = {phrase for phrase in uncovered if key not in pieces[phrase]}
    return [key.encode() for key in sorted(keys)]


def _minimal(keys: Iterable[str]) -> list[str]:
    """The keys that hold no other key (a line holding "antwortete" holds "antwortet")."""
    kept: list[str] = []
    for key in sorted(set(keys), key=len):
        if not any(shorter in key for shorter in kept):
            kept.append(key)
    return sorted(kept)


def _trie(words: list[str]) -> bytes:
    """An alternation of ``words`` as a trie ("d(?:etto|i(?:ce|jo|sse|t|z))"): the regex
    engine tries one branch per character instead of one per word.

    >>> _trie(["dice", "dijo", "dit", "detto", "sagt"])
    b'(?:d(?:etto|i(?:ce|jo|t))|sagt)'
    """
    branches: dict[str, list[str]] = {}
    for word in words:
        branches.setdefault(word[:1], []).append(word[1:])
    alternatives = []
    for first, rests in sorted(branches.items()):
        if "" in rests or len(rests) == 1:
            alternatives += [re.escape(first + rest).encode() for rest in rests]
        else:
            alternatives.append(re.escape(first).encode() + _trie(rests))
    return alternatives[0] if len(alternatives) == 1 else b"(?:" + b"|".join(alternatives) + b")"


_HEADING, _AUTHOR, _ACTIONS = VOCABULARY["heading"], VOCABULARY["author"], VOCABULARY["actions"]
#: Headings, sort bars, comment forms, reply and vote buttons, "In reply to", "Kommentar von".
_KEYS = _keys(_HEADING["nouns"] + _HEADING["counted_nouns"] + _HEADING["phrases"] + VOCABULARY["sort"]["orders"]
              + VOCABULARY["end"]["forms"] + _ACTIONS["reply"] + _ACTIONS["votes"]
              + [p for p in _AUTHOR["reply_to"] if p[0].isalpha()] + _AUTHOR["prefixes"])
#: Vote counters ("+3 -1") hold no word: they are searched as bytes (``VOTE_COUNTS_RE``
#: is tried on the lines found).
_VOTE_COUNTS = re.compile(rb"\+ ?[0-9]+[ \t]*(?:-|" + "−".encode() + b"|" + "–".encode() + rb") ?[0-9]")
#: A colon or an ellipsis, after which a line may name its writer ("Anna sagt:",
#: "Anonymous said..."); not the colon of a time ("10:15") or of an address ("http://").
_END_MARK = re.compile(rb":(?<![0-9]:)(?!//)|:(?![0-9/])|\.\.\.|" + re.escape("…".encode()))
_VERB = re.compile(_trie(_minimal(max(_runs(verb.split()[-1]), key=len)
                                  for verb in _AUTHOR["verbs"] + _AUTHOR["ellipsis_verbs"])))
#: A "Re:" subject starts its line (a numbered item's number perhaps before it).
_SUBJECT = re.compile(rb"[^a-z\n]*(?:" + b"|".join(re.escape(p.encode()) for p in sorted(SUBJECT_PREFIXES))
                      + rb") ?:")


def _line_around(low: bytes, at: int) -> tuple[int, int]:
    """Start and end of the line holding offset ``at``."""
    end = low.find(b"\n", at)
    return low.rfind(b"\n", 0, at) + 1, len(low) if end < 0 else end


def _lines_with_keys(low: bytes) -> Iterable[tuple[int, int]]:
    for key in _KEYS:
        at = low.find(key)
        while at >= 0:
            start, end = _line_around(low, at)
            yield start, end
            at = low.find(key, end)


def _lines_with_vote_counts(low: bytes) -> Iterable[tuple[int, int]]:
    for found in _VOTE_COUNTS.finditer(low):
        yield _line_around(low, found.start())


def _lines_naming_writers(low: bytes) -> Iterable[tuple[int, int]]:
    """Lines with a colon or an ellipsis and a verb, or starting with a "Re:" subject."""
    end = -1
    for mark in _END_MARK.finditer(low):
        at = mark.start()
        if at < end:
            continue   # that line was seen
        start, end = _line_around(low, at)
        if _SUBJECT.match(low, start, at + 1) or _VERB.search(low, start, end):
            yield start, end


def may_hold_thread(text: str) -> bool:
    """Whether a line of ``text`` is evidence of a comment thread (see module doc)."""
    data = text.encode("utf-8", "surrogatepass")
    low = data.lower()
    read: set[int] = set()   # starts of the lines read so far
    for found in (_lines_with_keys(low), _lines_with_vote_counts(low), _lines_naming_writers(low)):
        for start, end in found:
            if start not in read:
                read.add(start)
                line = data[start:end].decode("utf-8", "surrogatepass").removesuffix("\r")
                if is_evidence(read_line(line, 0)):
                    return True
    return False
