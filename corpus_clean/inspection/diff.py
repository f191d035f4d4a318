"""What a pass changed in one document, as a line diff annotated from the audit trail.

:func:`diff_step` aligns the text a pass received with the text it returned (line by
line, as ``diff -u`` would) and says, for every line that left the text, which rules
removed pieces of it (the ``removed`` entries, placed by their offsets) and where it
went if it was moved (``meta.title``, ``comments[3]``, ``tweets[1]``). :func:`unified`
writes it as a plain unified diff that ``patch`` applies: the annotations are on
comment lines before the file header and after the ``@@ ... @@`` of each hunk, where
patch reads nothing.

>>> from corpus_clean.record import Record
>>> before = Record(id="doc", text="# Title\\nSome prose.\\nShare this!\\n")
>>> after = Record(id="doc", text="Some prose.\\n", meta={"title": "Title"})
>>> after.remove("boilerplate", "boilerplate.social", "Share this!", start=20)
>>> print(unified(diff_step(Step("boilerplate", before, after))), end="")  # doctest: +NORMALIZE_WHITESPACE
# doc · boilerplate: 1 removal (boilerplate.social 1); moved to meta.title
--- a/doc (before boilerplate)
+++ b/doc (after boilerplate)
@@ -1,3 +1 @@ meta.title 1 · boilerplate.social 3
-# Title
 Some prose.
-Share this!
"""

from __future__ import annotations

import fnmatch
import itertools
import re
from collections import Counter
from dataclasses import dataclass, field, replace
from typing import Any, Iterable, Sequence

from . import align
from .trail import Destinations, Step, lines_of, locate, visible


@dataclass(frozen=True)
class Line:
    """A line of the diff: ``op`` is " " (context), "-" (before only) or "+" (after only).

    ``text`` keeps its "\\n" (the last line of a text may have none); ``old`` and
    ``new`` are 1-based line numbers. A "-" line says what became of it: ``rules``
    that removed pieces of it, ``moved_to`` where it went; ``unplaced`` when the
    trail explains neither (the accounting invariant is broken).
    """

    op: str
    text: str
    old: int | None = None
    new: int | None = None
    rules: tuple[str, ...] = ()
    moved_to: str | None = None
    unplaced: bool = False

    @property
    def labels(self) -> tuple[str, ...]:
        return self.rules + ((self.moved_to,) if self.moved_to else ())


@dataclass(frozen=True)
class Hunk:
    old_start: int  # 0-based index of the first line before, and line counts, as in the header
    old_count: int
    new_start: int
    new_count: int
    lines: tuple[Line, ...]

    @property
    def header(self) -> str:
        return f"@@ -{_range(self.old_start, self.old_count)} +{_range(self.new_start, self.new_count)} @@"

    def annotation(self) -> str:
        """Each rule and destination of the hunk with the (old) line numbers it concerns."""
        where: dict[str, list[int]] = {}
        for line in self.lines:
            for label in line.labels:
                where.setdefault(label, []).append(line.old)
        return " · ".join(f"{label} {_ranges(numbers)}" for label, numbers in _merge_items(where).items())


@dataclass(frozen=True)
class Removal:
    """A ``removed`` entry of the step, where it was found (``span`` in the text before,
    1-based ``lines``) and the index of the hunk that shows it; None where not found."""

    entry: dict[str, Any]
    span: tuple[int, int] | None
    lines: tuple[int, int] | None
    hunk: int | None


@dataclass(frozen=True)
class Move:
    """Text moved to ``to`` from the (old, 1-based) ``lines``; empty when no line of the
    text was taken out for it (a tweet found in a comment stays in the comment)."""

    to: str
    lines: tuple[int, ...]


@dataclass(frozen=True)
class DocumentDiff:
    id: str
    pass_name: str
    hunks: tuple[Hunk, ...]
    removals: tuple[Removal, ...]
    moves: tuple[Move, ...]
    unplaced: tuple[int, ...] = field(default=())  # old line numbers the trail does not explain

    def __bool__(self) -> bool:
        return bool(self.hunks or self.removals or self.moves)


#: Unmatched lines around a line in which what it kept of itself is looked for.
NEARBY = 20


def split_lines(text: str) -> list[str]:
    """Lines with their "\\n", split as ``patch`` splits them (only at "\\n").

    >>> split_lines("a\\r\\nb\\u2028c\\n\\nd")
    ['a\\r\\n', 'b\\u2028c\\n', '\\n', 'd']
    """
    lines = [line + "\n" for line in text.split("\n")]
    lines[-1] = lines[-1][:-1]
    return lines if lines[-1] else lines[:-1]


def diff_step(step: Step, context: int = 3) -> DocumentDiff:
    """The annotated diff of one pass (or of a whole run) on one document."""
    before, after = step.before.text, step.after.text
    old, new = split_lines(before), split_lines(after)
    starts = [0, *itertools.accumulate(map(len, old[:-1]))]
    entries = step.removals
    spans = locate(before, entries)
    pieces: dict[int, list[tuple[int, int, str]]] = {}  # old line index -> (start, end, rule)
    entry_lines = [lines_of(span, starts) if span else range(0) for span in spans]
    for entry, span, indexes in zip(entries, spans, entry_lines):
        rule = str(entry.get("rule", entry.get("pass", "?")))
        for index in indexes:
            pieces.setdefault(index, []).append((*span, rule))
    destinations = Destinations(step.destinations)

    codes = align.opcodes(old, new)
    changes = [opcode for opcode in codes if opcode[0] != "equal"]
    placed = _fates(old, new, starts, pieces, destinations, [i for _, i1, i2, _, _ in changes for i in range(i1, i2)],
                    [j for _, _, _, j1, j2 in changes for j in range(j1, j2)])

    hunks, line_hunk = [], {}
    for group in align.grouped(codes, context):
        lines = []
        for tag, i1, i2, j1, j2 in group:
            if tag == "equal":
                lines += [Line(" ", old[i], i + 1, j1 + i - i1 + 1) for i in range(i1, i2)]
                continue
            for i in range(i1, i2):
                lines.append(placed[i])
                line_hunk[i] = len(hunks)
            lines += [Line("+", new[j], None, j + 1) for j in range(j1, j2)]
        first, last = group[0], group[-1]
        hunks.append(Hunk(first[1], last[2] - first[1], first[3], last[4] - first[3], tuple(lines)))

    removals = [Removal(entry, span, (indexes[0] + 1, indexes[-1] + 1) if indexes else None,
                        _first_hunk(indexes, line_hunk))
                for entry, span, indexes in zip(entries, spans, entry_lines)]
    moved: dict[str, list[int]] = {d.label: [] for d in destinations.destinations}
    unplaced = []
    for _, line in sorted(placed.items()):
        if line.moved_to:
            moved[line.moved_to].append(line.old)
        if line.unplaced:
            unplaced.append(line.old)
    return DocumentDiff(step.after.id, step.pass_name, tuple(hunks), tuple(removals),
                        tuple(Move(label, tuple(lines)) for label, lines in moved.items()), tuple(unplaced))


def _first_hunk(indexes: range, line_hunk: dict[int, int]) -> int | None:
    for index in indexes:
        hunk = line_hunk.get(index)
        if hunk is not None:
            return hunk
    return None


def _fates(old: list[str], new: list[str], starts: list[int], pieces: dict[int, list[tuple[int, int, str]]],
           destinations: Destinations, shown: list[int], added: list[int]) -> dict[int, Line]:
    """The "-" lines (indexes ``shown``; ``added``: the "+" lines) with what became of
    each: the rules that removed pieces of it; and the rest of it kept (rewritten,
    joined, re-wrapped: found in the new lines where it belongs), moved to a
    destination, or unplaced.

    Where the rest belongs: the "-" and "+" lines are aligned again, compared by their
    visible characters and, on the old side, without the removed pieces, so a line
    that only lost its markup matches what it became wherever the line diff put it.
    Lines left unmatched are looked for in the unmatched new lines around them
    (paragraphs joined or split), then as a whole line anywhere in the new text (the
    alignment of a block that a page repeats may cross from one copy to the other).
    (A "+" line is what some "-" lines became: a line of the new text that the line
    diff matched is its old self.) A line deleted silently that way still shows in
    :func:`corpus_clean.audit.unaccounted`, which counts characters.
    """
    if not shown:
        return {}
    remaining = {i: _without(old[i], starts[i], pieces[i]) for i in shown if i in pieces}
    old_keys = [(i, visible(remaining[i]) if i in remaining else key)
                for i, key in zip(shown, visible_lines([old[i] for i in shown]))]
    old_keys = [(i, key) for i, key in old_keys if key]
    new_keys = [key for key in visible_lines([new[j] for j in added]) if key]
    anywhere = set(visible_lines(new))  # a line repeated on the page may be matched across copies
    kept: set[int] = set()
    for tag, a1, a2, b1, b2 in align.opcodes([key for _, key in old_keys], new_keys):
        if tag == "equal":
            kept.update(i for i, _ in old_keys[a1:a2])
            continue
        around = _InOrder("".join(new_keys[max(0, b1 - NEARBY):b2 + NEARBY]))
        kept.update(i for i, key in old_keys[a1:a2] if key in around or key in anywhere)
    keyed = {i for i, _ in old_keys}

    fates = {}
    for i in shown:
        text, rules = old[i], tuple(dict.fromkeys(rule for _, _, rule in pieces.get(i, ())))
        if i not in keyed:
            # all removed (or blank); a line may also be lifted whole (a title into meta.title)
            lifted = destinations.find(text) if rules else None
            fates[i] = Line("-", text, i + 1, rules=rules, moved_to=lifted.label if lifted else None)
        elif i in kept:
            fates[i] = Line("-", text, i + 1, rules=rules)
        else:
            destination = destinations.find(remaining.get(i, text))
            fates[i] = Line("-", text, i + 1, rules=rules, moved_to=destination.label if destination else None,
                            unplaced=destination is None)
    return fates


_SPACES_BUT_NEWLINES = re.compile(r"[^\S\n]+")


def visible_lines(lines: list[str]) -> list[str]:
    """The visible characters of each line (lines as :func:`split_lines` gives them).

    >>> visible_lines(["a b\\r\\n", "\\n", " c"])
    ['ab', '', 'c']
    """
    return _SPACES_BUT_NEWLINES.sub("", "".join(lines)).split("\n")[:len(lines)]


def _without(text: str, start: int, pieces: Iterable[tuple[int, int, str]]) -> str:
    """A line (at offset ``start``) without the removed pieces that overlap it.

    >>> _without("By [Ann](#)\\n", 10, [(13, 14, "r"), (17, 21, "r")])
    'By Ann\\n'
    """
    rest, position = [], start
    for piece_start, piece_end, _ in sorted(pieces):
        rest.append(text[max(position, start) - start:max(piece_start, start) - start])
        position = max(position, piece_end)
    rest.append(text[max(position, start) - start:])
    return "".join(rest)


class _InOrder:
    """Text searched for pieces that mostly come in order: each search starts where the
    last one ended (then, failing, from the start), so thousands of lines cost one pass."""

    def __init__(self, text: str):
        self.text, self.cursor = text, 0

    def __contains__(self, piece: str) -> bool:
        at = self.text.find(piece, self.cursor)
        if at < 0:
            at = self.text.find(piece)
        if at >= 0:
            self.cursor = at + len(piece)
        return at >= 0


# ------------------------------------------------------------------ narrowing

def matches_any(value: str, globs: Sequence[str]) -> bool:
    """Whether ``value`` matches one of the shell-style ``globs`` (any value when there are none)."""
    return not globs or any(fnmatch.fnmatchcase(value, glob) for glob in globs)


def narrow(diff: DocumentDiff, rules: Sequence[str] = (), passes: Sequence[str] = ()) -> DocumentDiff:
    """Only what matches: removals of ``passes`` whose rule matches a glob of ``rules``,
    text moved (by a pass of ``passes``) to a destination that matches one, and the
    hunks that show them. A run's moved text is not kept when ``passes`` are given:
    the trail does not say which pass moved it."""
    if not rules and not passes:
        return diff

    removals = tuple(r for r in diff.removals
                     if (not passes or r.entry.get("pass") in passes) and matches_any(str(r.entry.get("rule")), rules))
    moves = tuple(m for m in diff.moves if (not passes or diff.pass_name in passes) and matches_any(m.to, rules))
    labels = {str(r.entry.get("rule")) for r in removals} | {m.to for m in moves}
    kept = [index for index, hunk in enumerate(diff.hunks)
            if any(labels.intersection(line.labels) for line in hunk.lines)]
    renumber = {old: new for new, old in enumerate(kept)}
    removals = tuple(replace(r, hunk=renumber.get(r.hunk)) for r in removals)
    return replace(diff, hunks=tuple(diff.hunks[index] for index in kept), removals=removals, moves=moves)


# ------------------------------------------------------------------ plain text and JSON

def summary(diff: DocumentDiff) -> str:
    """One line: removals by rule, destinations, and what the trail does not explain."""
    parts = []
    if diff.removals:
        rules = Counter(str(r.entry.get("rule")) for r in diff.removals)
        count = len(diff.removals)
        parts.append(f"{count} removal{'s' if count != 1 else ''} ("
                     + ", ".join(f"{rule} {n}" for rule, n in rules.most_common()) + ")")
    if diff.moves:
        parts.append("moved to " + ", ".join(_merge_items({m.to: [] for m in diff.moves})))
    if diff.unplaced:
        parts.append(f"{len(diff.unplaced)} line(s) accounted for nowhere: {_ranges(diff.unplaced)}")
    if parts:
        return "; ".join(parts)
    changed = [line for hunk in diff.hunks for line in hunk.lines if line.op != " "]
    if visible("".join(line.text for line in changed if line.op == "-")) == visible(
            "".join(line.text for line in changed if line.op == "+")):
        return "no removals; whitespace changed"
    return "no removals"


def unified(diff: DocumentDiff) -> str:
    """The diff as plain text that ``patch -p1`` applies to a file named after the id."""
    name = _file_name(diff.id)
    out = [f"# {name} · {diff.pass_name}: {summary(diff)}\n"]
    for removal in diff.removals:
        if removal.span is None:
            rule, text = removal.entry.get("rule"), _excerpt(removal.entry.get("text"))
            out.append(f"# not found in the text: {rule} {text}\n")
    if diff.hunks:
        out += [f"--- a/{name}\t(before {diff.pass_name})\n", f"+++ b/{name}\t(after {diff.pass_name})\n"]
    for hunk in diff.hunks:
        note = hunk.annotation()
        out.append(f"{hunk.header} {note}\n" if note else f"{hunk.header}\n")
        for line in hunk.lines:
            out.append(line.op + line.text)
            if not line.text.endswith("\n"):
                out.append("\n\\ No newline at end of file\n")
    return "".join(out)


def to_json(diff: DocumentDiff) -> dict[str, Any]:
    """The diff as a JSON object (``--format json``): every entry of the step in
    ``removed``, each with ``where`` it was found (None if not): its ``span`` in the
    text before, its first and last ``lines`` there, the index of its ``hunk`` (None
    when narrowed away)."""
    return {
        "id": diff.id,
        "pass": diff.pass_name,
        "hunks": [{"header": h.header,
                   "lines": [_line_json(line) for line in h.lines]} for h in diff.hunks],
        "removed": [{**r.entry, "where": _where_json(r)} for r in diff.removals],
        "moved": [{"to": m.to, "lines": list(m.lines)} for m in diff.moves],
        "unplaced": list(diff.unplaced),
    }


def _where_json(removal: Removal) -> dict[str, Any] | None:
    if removal.span is None:
        return None
    return {"span": list(removal.span), "lines": list(removal.lines), "hunk": removal.hunk}


def _line_json(line: Line) -> dict[str, Any]:
    obj: dict[str, Any] = {"op": line.op, "text": line.text}
    for key in ("old", "new"):
        if getattr(line, key) is not None:
            obj[key] = getattr(line, key)
    if line.rules:
        obj["rules"] = list(line.rules)
    if line.moved_to:
        obj["moved_to"] = line.moved_to
    if line.unplaced:
        obj["unplaced"] = True
    return obj


# ------------------------------------------------------------------ helpers

def _range(start: int, count: int) -> str:
    """A line range of a unified diff header (as difflib writes it)."""
    if count == 1:
        return str(start + 1)
    return f"{start + 1 if count else start},{count}"


def _ranges(numbers: Iterable[int]) -> str:
    """
    >>> _ranges([3, 4, 5, 9, 11, 12])
    '3-5,9,11-12'
    """
    runs: list[list[int]] = []
    for number in sorted(set(numbers)):
        if runs and number == runs[-1][1] + 1:
            runs[-1][1] = number
        else:
            runs.append([number, number])
    return ",".join(str(a) if a == b else f"{a}-{b}" for a, b in runs)


_INDEXED = re.compile(r"(.*)\[(\d+)\]")


def _merge_items(where: dict[str, list[int]]) -> dict[str, list[int]]:
    """Labels of items of one list, ``comments[3]``, ``comments[4]`` ..., merged into
    ``comments[3-4]`` (in first-seen order), so a thread does not make a header of a
    thousand labels.

    >>> list(_merge_items({"comments[0]": [1], "meta.title": [2], "comments[1]": [3], "comments[5]": [4]}))
    ['comments[0-1,5]', 'meta.title']
    """
    merged: dict[str, tuple[list[int], list[int]]] = {}  # key -> (indexes, lines)
    for label, lines in where.items():
        match = _INDEXED.fullmatch(label)
        key, index = (match.group(1), int(match.group(2))) if match else (label, None)
        indexes, numbers = merged.setdefault(key, ([], []))
        if index is not None:
            indexes.append(index)
        numbers.extend(lines)
    return {f"{key}[{_ranges(indexes)}]" if indexes else key: numbers for key, (indexes, numbers) in merged.items()}


_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f\x85\u2028\u2029]")


def _file_name(record_id: str) -> str:
    """The id as a file name for the diff headers: no control characters (a newline or
    tab would end the header); they become "?"."""
    return _UNPRINTABLE.sub("?", record_id) or "?"


def _excerpt(text: Any, width: int = 60) -> str:
    text = " ".join(str(text).split())
    return repr(text if len(text) <= width else text[:width - 1] + "…")
