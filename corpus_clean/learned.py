"""Boilerplate learned from the corpus itself: lines that recur across many documents.

A footer that no built-in rule knows still shows itself by repetition: the same line
in document after document of a site. :func:`learn_model` counts, for every line, the
number of documents it occurs in (per ``meta.site`` when a record has one, and over
the whole corpus); lines seen in enough documents become a :class:`LearnedModel`,
which the boilerplate pass asks about every line it keeps.

Memory stays bounded on any corpus: the count table holds 64-bit hashes of normalised
lines, not the lines, and has a fixed capacity. When it is full, the lines seen in
the fewest documents are dropped (lossy counting: a line that truly recurs comes back
and is counted again, only a rare line is forgotten). The text of a line is kept only
once it has been seen twice.

A real sentence that two articles happen to quote is not boilerplate: a line needs
``min_docs`` documents (default 3), and a line shaped like prose (``PROSE_WORDS`` words
or more) needs ``min_docs_prose`` (default 5).

The model is written as an editable TOML file (see :func:`save_model`).
"""

from __future__ import annotations

import json
import tomllib
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

import regex

from .errors import CorpusCleanError
from .markup import plain
from .record import Record

RULE = "boilerplate.learned"
FORMAT_VERSION = 1
#: A line with at least this many words is prose-shaped and needs more evidence.
PROSE_WORDS = 8
#: Documents a line needs by default to be learned; a prose-shaped line needs more.
MIN_DOCS = 3
MIN_DOCS_PROSE = 5
#: Default capacity of the count table (entries); about 100 bytes each, so ~50 MB.
MAX_ENTRIES = 500_000

_DIGITS = regex.compile(r"\d+")
_LIST_MARKER = regex.compile(r"^(?:[•*+\-–]|\d{1,3}[.)])\s+")
_LETTER = regex.compile(r"\p{L}")
_WORD = regex.compile(r"\w+")
#: Separates a site from a line inside a counted key; cannot occur in either.
_SITE_SEPARATOR = "\x00"


def line_key(line: str) -> str:
    """The form in which lines are compared: markup removed, case folded, digits as 0.

    >>> line_key("Copyright © [Moon of Alabama](#), 2016")
    'copyright © moon of alabama, 0'
    >>> line_key("  • [Impressum](#)")
    'impressum'
    >>> line_key("  * * *  ")
    ''
    """
    return plain_line_key(plain(line))


def plain_line_key(plain_line: str) -> str:
    """:func:`line_key` of a line whose markup is stripped already (``markup.plain``)."""
    text = _LIST_MARKER.sub("", unicodedata.normalize("NFC", plain_line.strip())).casefold()
    text = " ".join(_DIGITS.sub("0", text).split())  # str.split: the whitespace of str.isspace
    return text if _LETTER.search(text) else ""


@dataclass
class LearnedModel:
    """Learned boilerplate lines, by site ("" = the whole corpus), as normalised keys."""

    lines: dict[str, set[str]] = field(default_factory=dict)
    documents: int = 0
    min_docs: int = MIN_DOCS
    min_docs_prose: int = MIN_DOCS_PROSE
    #: for the model file: how many documents each line was seen in
    support: dict[tuple[str, str], int] = field(default_factory=dict)

    def rule_for(self, line: str, site: str | None) -> str | None:
        """``RULE`` if ``line`` is learned boilerplate for ``site`` or for the whole corpus."""
        return self.rule_for_plain(plain(line), site)

    def rule_for_plain(self, plain_line: str, site: str | None) -> str | None:
        """:meth:`rule_for` a line whose markup is stripped already (``markup.plain``)."""
        key = plain_line_key(plain_line)
        if key and (key in self.lines.get("", ()) or (site and key in self.lines.get(site, ()))):
            return RULE
        return None

    def __len__(self) -> int:
        return sum(map(len, self.lines.values()))


class _LineCounter:
    """Documents per line, with bounded memory (see the module docstring)."""

    def __init__(self, max_entries: int):
        self.max_entries = max_entries
        self.counts: Counter[int] = Counter()
        self.texts: dict[int, str] = {}
        self.documents: Counter[str] = Counter()

    def add(self, record: Record) -> None:
        site = str(record.meta.get("site") or "")
        self.documents[""] += 1
        if site:
            self.documents[site] += 1
        keys = {k for k in map(line_key, record.text.splitlines()) if k}
        for key in keys:
            for scope in ("", site) if site else ("",):
                counted = scope + _SITE_SEPARATOR + key
                digest = hash(counted)
                self.counts[digest] += 1
                if self.counts[digest] == 2:
                    self.texts[digest] = counted
        if len(self.counts) > self.max_entries:
            self._prune()

    def _prune(self) -> None:
        """Forget the rarest lines until the table is at most three quarters full."""
        level = 1
        while len(self.counts) > self.max_entries * 3 // 4:
            for digest in [d for d, n in self.counts.items() if n <= level]:
                del self.counts[digest]
                self.texts.pop(digest, None)
            level += 1

    def frequent(self, min_docs: int, min_docs_prose: int) -> dict[tuple[str, str], int]:
        out = {}
        for digest, counted in self.texts.items():
            scope, key = counted.split(_SITE_SEPARATOR, 1)
            needed = min_docs_prose if len(_WORD.findall(key)) >= PROSE_WORDS else min_docs
            if self.counts[digest] >= needed:
                out[(scope, key)] = self.counts[digest]
        return out


def learn_model(records: Iterable[Record], min_docs: int = MIN_DOCS, min_docs_prose: int = MIN_DOCS_PROSE,
                max_entries: int = MAX_ENTRIES) -> LearnedModel:
    """Count lines over ``records`` (one pass, bounded memory) and keep the recurring ones."""
    counter = _LineCounter(max_entries)
    for record in records:
        counter.add(record)
    support = counter.frequent(min_docs, min_docs_prose)
    lines: dict[str, set[str]] = {}
    for scope, key in support:
        lines.setdefault(scope, set()).add(key)
    return LearnedModel(lines=lines, documents=counter.documents[""], min_docs=min_docs,
                        min_docs_prose=min_docs_prose, support=support)


_HEADER = """\
# corpus-clean learned boilerplate model (`corpus-clean learn`).
# Each [[line]] is a line seen in `documents` documents of `site` ("" = the whole corpus);
# the boilerplate pass removes such lines with the rule "boilerplate.learned".
# Lines are compared normalised: markup removed, lower case, digits as 0, spaces collapsed.
# Edit freely: delete an entry to keep that line, add one to remove a line everywhere.
"""


def _toml_string(value: str) -> str:
    # a JSON string is a valid TOML basic string (same escapes)
    return json.dumps(value, ensure_ascii=False)


def save_model(model: LearnedModel, path: str | Path) -> None:
    from .writer import AtomicFile  # the same atomic write as the JSONL output

    entries = sorted(((scope, key) for scope, keys in model.lines.items() for key in keys),
                     key=lambda sk: (sk[0], -model.support.get(sk, 0), sk[1]))
    parts = [_HEADER, f"version = {FORMAT_VERSION}\ndocuments = {model.documents}\n"
                      f"min_docs = {model.min_docs}\nmin_docs_prose = {model.min_docs_prose}\n"]
    for scope, key in entries:
        parts.append(f"\n[[line]]\nsite = {_toml_string(scope)}\ntext = {_toml_string(key)}\n"
                     f"documents = {model.support.get((scope, key), 0)}\n")
    with AtomicFile(path) as stream:
        stream.write("".join(parts).encode("utf-8", "replace"))  # a lone surrogate cannot be stored


def load_model(path: str | Path) -> LearnedModel:
    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as e:
        raise CorpusCleanError(f"{path}: not a readable model file ({e}); write one with `corpus-clean learn`") from None
    lines: dict[str, set[str]] = {}
    support = {}
    for number, entry in enumerate(data.get("line", []), 1):
        if not isinstance(entry, dict) or not isinstance(entry.get("text"), str):
            raise CorpusCleanError(f"{path}: [[line]] number {number} has no text = \"...\"; fix or delete it")
        scope = str(entry.get("site") or "")
        # an entry written by hand may hold markup or capitals: compare it normalised
        key = line_key(entry["text"])
        if key:
            lines.setdefault(scope, set()).add(key)
            support[(scope, key)] = int(entry.get("documents", 0))
    return LearnedModel(lines=lines, documents=int(data.get("documents", 0)),
                        min_docs=int(data.get("min_docs", MIN_DOCS)), min_docs_prose=int(data.get("min_docs_prose", MIN_DOCS_PROSE)),
                        support=support)
