"""Corpus statistics from the records a run wrote: counters only, never the documents.

:class:`CorpusStats` takes records one at a time (:meth:`CorpusStats.add`) and keeps
sums: documents, characters and lines in and out, removals per pass and per rule,
comments, tweets, metadata found, encodings, documents left empty, inputs skipped.
Its JSON (:meth:`CorpusStats.to_json`) is what ``stats --json`` prints and ``run
--stats FILE`` writes; :func:`stats_view` draws it as tables.

"In" figures come from ``source.characters`` and ``source.lines``, which the chain
records on each document before its first pass (see
:func:`corpus_clean.pipeline.apply_chain`); for records without them (JSONL written
by another tool) they are unknown (``null``) rather than guessed.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Iterable, Iterator, Mapping

from rich import box
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from ..passes import PASSES
from ..record import Record, count_lines
from .trail import characters_removed

#: The group of records whose ``meta`` lacks the field grouped by.
NO_GROUP = "(none)"


@dataclass
class Removals:
    """What one pass or rule removed: entries, their characters, the documents it touched."""

    removals: int = 0
    characters: int = 0
    documents: int = 0


@dataclass
class Tally:
    """The counters of one group of documents (or of the whole corpus)."""

    documents: int = 0
    empty: int = 0
    characters_in: int = 0
    lines_in: int = 0
    unknown_in: int = 0  # documents without a recorded input size
    characters_out: int = 0
    lines_out: int = 0
    passes: dict[str, Removals] = field(default_factory=dict)
    rules: dict[str, tuple[str, Removals]] = field(default_factory=dict)  # rule -> (pass, counts)
    comments: int = 0
    documents_with_comments: int = 0
    tweets: int = 0
    documents_with_tweets: int = 0
    meta: Counter = field(default_factory=Counter)  # field -> documents that have it
    encodings: Counter = field(default_factory=Counter)

    def add(self, record: Record) -> None:
        self.documents += 1
        text = record.text
        self.characters_out += len(text)
        self.lines_out += count_lines(text)
        self.empty += not text.strip()
        size, lines = record.source.get("characters"), record.source.get("lines")
        if isinstance(size, int) and isinstance(lines, int):
            self.characters_in += size
            self.lines_in += lines
        else:
            self.unknown_in += 1
        seen_passes, seen_rules = set(), set()
        for entry in record.removed:
            pass_name, rule = str(entry.get("pass", "?")), str(entry.get("rule", "?"))
            characters = characters_removed(entry)
            by_pass = self.passes.setdefault(pass_name, Removals())
            by_rule = self.rules.setdefault(rule, (pass_name, Removals()))[1]
            for counts in (by_pass, by_rule):
                counts.removals += 1
                counts.characters += characters
            if pass_name not in seen_passes:
                seen_passes.add(pass_name)
                by_pass.documents += 1
            if rule not in seen_rules:
                seen_rules.add(rule)
                by_rule.documents += 1
        self.comments += len(record.comments)
        self.documents_with_comments += bool(record.comments)
        self.tweets += len(record.tweets)
        self.documents_with_tweets += bool(record.tweets)
        self.meta.update(key for key, value in record.meta.items()
                         if key != "encoding" and value not in (None, "", [], {}))
        if isinstance(record.meta.get("encoding"), str):
            self.encodings[record.meta["encoding"]] += 1

    def to_json(self, top: int | None = None) -> dict[str, Any]:
        known = not self.unknown_in
        characters_in = self.characters_in if known else None
        removed = sum(r.characters for r in self.passes.values())

        def share(characters: int) -> float | None:
            return round(characters / characters_in, 6) if characters_in else None

        def removals(pass_name: str | None, counts: Removals) -> dict[str, Any]:
            obj = {"pass": pass_name} if pass_name is not None else {}
            return {**obj, "removals": counts.removals, "characters": counts.characters,
                    "documents": counts.documents, "share": share(counts.characters)}

        rules = sorted(self.rules.items(), key=lambda item: (-item[1][1].characters, item[0]))
        return {
            "documents": {"out": self.documents, "empty": self.empty},
            "characters": {"in": characters_in, "out": self.characters_out, "removed": removed,
                           "removed_share": share(removed)},
            "lines": {"in": self.lines_in if known else None, "out": self.lines_out},
            "unknown_input_size": self.unknown_in,
            "passes": {name: removals(None, self.passes[name]) for name in _chain_order(self.passes)},
            "rules": {rule: removals(pass_name, counts) for rule, (pass_name, counts) in rules[:top]},
            "rules_not_shown": max(0, len(rules) - top) if top is not None else 0,
            "comments": {"count": self.comments, "documents": self.documents_with_comments},
            "tweets": {"count": self.tweets, "documents": self.documents_with_tweets},
            "meta": dict(self.meta.most_common()),
            "encodings": dict(self.encodings.most_common()),
        }


class CorpusStats:
    """Counters over a stream of records, for the whole corpus and per value of a
    ``meta`` field (``by="site"``); memory grows with the number of rules and groups,
    not of documents."""

    def __init__(self, by: str | None = None):
        self.by = by
        self.total = Tally()
        self.groups: dict[str, Tally] = {}
        self.skipped: Counter = Counter()

    def add(self, record: Record) -> None:
        self.total.add(record)
        if self.by:
            self.groups.setdefault(_group(record.meta.get(self.by)), Tally()).add(record)

    def observe(self, records: Iterable[Record]) -> Iterator[Record]:
        """Pass records through, counting them on the way (for ``run --stats``)."""
        for record in records:
            self.add(record)
            yield record

    def add_skipped(self, counts: Mapping[str, int]) -> None:
        """Inputs skipped, by kind (an :class:`~corpus_clean.errors.ErrorPolicy`'s counts)."""
        self.skipped.update(counts)

    def to_json(self, top: int | None = None) -> dict[str, Any]:
        """The statistics; ``top``: only the rules that removed the most characters."""
        data = self.total.to_json(top)
        skipped = sum(self.skipped.values())
        data["documents"] = {"in": self.total.documents + skipped, **data["documents"], "skipped": skipped}
        data["skipped"] = dict(self.skipped.most_common())
        if self.by:
            data["by"] = self.by
            data["groups"] = {name: _group_json(tally) for name, tally in
                              sorted(self.groups.items(), key=lambda item: -item[1].documents)}
        return data


def _group(value: Any) -> str:
    if isinstance(value, list):
        value = ", ".join(map(str, value))
    return str(value) if value not in (None, "") else NO_GROUP


def _group_json(tally: Tally) -> dict[str, Any]:
    """The short form of a group: sizes, removals, comments, tweets."""
    data = tally.to_json(top=0)
    return {key: data[key] for key in ("documents", "characters", "lines", "comments", "tweets")}


# ------------------------------------------------------------------ tables

def _number(value: int | None) -> str:
    return "?" if value is None else f"{value:,}"


def _percent(value: float | None) -> str:
    return "" if value is None else f"{100 * value:.2f}%"


def _table(*columns: str, title: str) -> Table:
    table = Table(box=box.SIMPLE_HEAD, title=title, title_justify="left", title_style="bold", pad_edge=False)
    for index, column in enumerate(columns):
        table.add_column(column, justify="left" if index == 0 else "right")
    return table


def _chain_order(names) -> list[str]:
    """The passes in the order of `run`, then any others (from other runs) by name."""
    chain = list(PASSES)
    return sorted(names, key=lambda n: (chain.index(n) if n in chain else len(chain), n))


def stats_view(data: Mapping[str, Any]) -> RenderableType:
    """Tables of what :meth:`CorpusStats.to_json` gives."""
    documents, characters, lines = data["documents"], data["characters"], data["lines"]
    overview = _table("", "in", "out", "removed", title="Corpus")
    overview.add_row("documents", _number(documents.get("in")), _number(documents["out"]),
                     f"{documents.get('skipped', 0):,} skipped, {documents['empty']:,} left empty")
    overview.add_row("characters", _number(characters["in"]), _number(characters["out"]),
                     f"{characters['removed']:,}  {_percent(characters['removed_share'])}")
    overview.add_row("lines", _number(lines["in"]), _number(lines["out"]), "")
    parts: list[RenderableType] = [overview]
    if data["unknown_input_size"]:
        parts.append(Text(f"? {data['unknown_input_size']:,} documents carry no input size (source.characters): "
                          "run stats on the raw input, or use run --stats", "dim italic"))

    passes = _table("pass", "removals", "documents", "characters", "share", title="Removals per pass")
    for name, row in data["passes"].items():
        passes.add_row(name, f"{row['removals']:,}", f"{row['documents']:,}", f"{row['characters']:,}",
                       _percent(row["share"]))
    rules = _table("rule", "removals", "documents", "characters", "share", title="Removals per rule")
    for name, row in data["rules"].items():
        rules.add_row(name, f"{row['removals']:,}", f"{row['documents']:,}", f"{row['characters']:,}",
                      _percent(row["share"]))
    if data.get("rules_not_shown"):
        rules.caption = f"and {data['rules_not_shown']:,} more rules"
    parts += [passes, rules]

    found = _table("found", "count", "documents", title="Moved out of the text")
    for kind in ("comments", "tweets"):
        found.add_row(kind, f"{data[kind]['count']:,}", f"{data[kind]['documents']:,}")
    for key, count in data["meta"].items():
        found.add_row(f"meta.{key}", "", f"{count:,}")
    parts.append(found)

    inputs = _table("inputs", "count", title="Inputs")
    for name, count in data["encodings"].items():
        inputs.add_row(f"encoding {name}", f"{count:,}")
    for kind, count in data["skipped"].items():
        inputs.add_row(f"skipped: {kind}", f"{count:,}")
    parts.append(inputs)

    if "groups" in data:
        groups = _table(f"meta.{data['by']}", "documents", "characters in", "characters out", "removed", "comments",
                        "tweets", title=f"By {data['by']}")
        for name, row in data["groups"].items():
            groups.add_row(name, f"{row['documents']['out']:,}", _number(row["characters"]["in"]),
                           f"{row['characters']['out']:,}", _percent(row["characters"]["removed_share"]),
                           f"{row['comments']['count']:,}", f"{row['tweets']['count']:,}")
        parts.append(groups)
    return Group(*parts)
