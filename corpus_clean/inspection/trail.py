"""The audit trail a pass leaves on a record, read back: what it removed, where, and what it moved.

A pass takes text out of ``text`` in two ways. It *removes* it, with an entry in
``removed`` naming the pass, the rule, the text and its ``start`` offset in the text
the pass received (an entry with ``fixed`` rewrote that text instead). Or it *moves*
it into ``meta``, ``comments`` or ``tweets``, which carry no offsets: moved text is
found again by matching lines against what the pass added there (see
:class:`Destinations`).
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections import Counter
from dataclasses import dataclass
from typing import Any, Callable, Collection, Iterable, Iterator, Sequence

from ..errors import ErrorPolicy, InputProblem, PassFailed, UnusableInputError
from ..learned import line_key
from ..passes.base import PassFunction
from ..record import Record


def new_removals(before: Record, after: Record) -> list[dict[str, Any]]:
    """The ``removed`` entries a pass added to ``before`` (a pass only appends)."""
    return after.removed[len(before.removed):]


@dataclass(frozen=True)
class Step:
    """One pass applied to one document: the record it received and the one it returned.

    ``pass_name`` is "run" for a whole chain seen at once (the original input and a
    run's final record).
    """

    pass_name: str
    before: Record
    after: Record

    @property
    def removals(self) -> list[dict[str, Any]]:
        """The ``removed`` entries this step added."""
        return new_removals(self.before, self.after)

    @property
    def destinations(self) -> list[Destination]:
        return moved_to(self.before, self.after)


def trace(record: Record, chain: Sequence[tuple[str, PassFunction]]) -> Iterator[Step]:
    """Apply the passes one by one, yielding each pass's input and output.

    Raises :class:`PassFailed` naming the pass that raised.
    """
    for name, function in chain:
        try:
            after = function(record)
        except Exception as error:
            raise PassFailed(name, error) from error
        yield Step(name, record, after)
        record = after


def chain_steps(records: Iterable[Record], chain: Sequence[tuple[str, PassFunction]],
                policy: ErrorPolicy) -> Iterator[Step]:
    """Every step of every record through the chain; a document on which a pass
    raises is reported to ``policy`` (as ``run`` would) after the steps before it."""
    for record in records:
        try:
            yield from trace(record, chain)
        except PassFailed as failure:
            policy.report(InputProblem(record.id, str(failure), "pass-error"))


def shown_steps(records: Iterable[Record], names: Sequence[str], build: Callable[[Sequence[str]], Sequence[tuple[str, PassFunction]]],
                policy: ErrorPolicy, shown: Sequence[str] = ()) -> Iterator[Step]:
    """The steps of the chain ``names`` that show the passes ``shown`` (all when empty);
    the chain stops after the last pass shown. ``build`` makes the chain from names.

    Raises UnusableInputError for a shown pass that is not in the chain.
    """
    for name in shown:
        if name not in names:
            raise UnusableInputError(f"--pass {name!r} is not in --passes {','.join(names)}")
    if shown:
        names = names[:max(names.index(n) for n in shown) + 1]
    return (step for step in chain_steps(records, build(names), policy) if not shown or step.pass_name in shown)


def run_steps(originals: Iterable[Record], results: Iterable[Record], result_ids: Collection[str],
              policy: ErrorPolicy, run_name: str) -> Iterator[Step]:
    """One step per document from the original input to a run's record of it (read
    from ``run_name``); an original the run has no record of is reported to ``policy``."""
    for original, result in pair_by_id(originals, results, result_ids):
        if result is None:
            policy.report(InputProblem(original.id, f"no record with this id in {run_name}", "not-in-run"))
        else:
            yield Step("run", original, result)


def pair_by_id(originals: Iterable[Record], results: Iterable[Record],
               result_ids: Collection[str]) -> Iterator[tuple[Record, Record | None]]:
    """Each original with the record of the same id among ``results`` (None if
    ``result_ids``, the ids of all results, lacks it).

    Results come in the order of the originals when both are a run's input and
    output; then one document at a time is in memory. Results that come earlier
    than their original wait in memory until it comes.
    """
    results = iter(results)
    waiting: dict[str, Record] = {}
    for original in originals:
        if original.id not in result_ids:
            yield original, None
            continue
        found = waiting.pop(original.id, None)
        while found is None:
            result = next(results, None)
            if result is None:
                break
            if result.id == original.id:
                found = result
            else:
                waiting[result.id] = result
        yield original, found


def characters_removed(entry: dict[str, Any]) -> int:
    """Characters an entry took out: its text, or for a rewrite (an entry with ``fixed``)
    the part of its text between what the rewrite left unchanged at both ends.

    >>> characters_removed({"text": "Share this"})
    10
    >>> characters_removed({"text": "The cafÃ© is open", "fixed": "The café is open"})
    2
    """
    text = entry.get("text", "")
    fixed = entry.get("fixed")
    if not isinstance(text, str):
        return 0
    if not isinstance(fixed, str):
        return len(text)
    prefix = _common_prefix(text, fixed)
    suffix = _common_prefix(text[prefix:][::-1], fixed[prefix:][::-1])
    return len(text) - prefix - suffix


def _common_prefix(a: str, b: str) -> int:
    """Length of the common prefix, by halving (comparisons of slices run in C)."""
    low, high = 0, min(len(a), len(b))
    while low < high:
        middle = (low + high + 1) // 2
        if a[low:middle] == b[low:middle]:
            low = middle
        else:
            high = middle - 1
    return low


# ------------------------------------------------------------------ removals: where they were

def locate(text: str, entries: Sequence[dict[str, Any]]) -> list[tuple[int, int] | None]:
    """The span of each entry in ``text`` (None if its text is not there).

    An entry's ``start`` is an offset into the text its pass received. When ``text``
    is that text, the entry is where it says (checked, not trusted). When ``text`` is
    the original input of a chain (entries of several passes, in pass order, as a
    run's record lists them), the offsets of a later pass are mapped back through the
    edits of the passes before it, and the text is looked for from there on (text a
    pass moved or whitespace it changed is not in the trail, so the mapped offset can
    fall short of the true one, never beyond it).
    """
    spans: list[tuple[int, int] | None] = []
    earlier = _Edits([])  # edits of the passes before the current one
    edits: list[tuple[int, int, int]] = []  # (position in text, length, length of what replaced it)
    current = None
    for entry in entries:
        if entry.get("pass") != current:
            current = entry.get("pass")
            earlier = _Edits(earlier.edits + edits)
            edits = []
        piece, start, fixed = entry.get("text"), entry.get("start"), entry.get("fixed")
        if not isinstance(piece, str) or not piece:
            spans.append(None)
            continue
        hint = earlier.original_position(start) if isinstance(start, int) else 0
        found = hint if text.startswith(piece, hint) else text.find(piece, hint)
        if found < 0:
            found = text.rfind(piece, 0, hint + len(piece))
        if found < 0:
            spans.append(None)
            continue
        spans.append((found, found + len(piece)))
        edits.append((found, len(piece), len(fixed) if isinstance(fixed, str) else 0))
    return spans


class _Edits:
    """Edits of the original text, ``(position, length, kept)``: ``length`` characters
    became ``kept`` characters; maps offsets in the edited text back to the original."""

    def __init__(self, edits: list[tuple[int, int, int]]):
        self.edits = sorted(edits)
        self._ends, self._shifts = [], []  # where each edit's result ends in the edited text; shift after it
        shortened = 0
        for position, length, kept in self.edits:
            self._ends.append(position - shortened + kept)
            shortened += length - kept
            self._shifts.append(shortened)

    def original_position(self, start: int) -> int:
        """Where offset ``start`` of the edited text lies in the original: shifted by
        what the edits that end before it took out."""
        start = max(start, 0)
        done = bisect.bisect_right(self._ends, start) if self._ends else 0
        return start + self._shifts[done - 1] if done else start


def lines_of(span: tuple[int, int], starts: list[int]) -> range:
    """Indexes of the lines (given by their ``starts``) that the character span overlaps.

    >>> list(lines_of((3, 6), [0, 2, 5, 6]))
    [1, 2]
    """
    first = bisect.bisect_right(starts, span[0]) - 1
    last = bisect.bisect_right(starts, max(span[0], span[1] - 1)) - 1
    return range(max(first, 0), last + 1)


# ------------------------------------------------------------------ moved text: where it went

@dataclass(frozen=True)
class Destination:
    """A place a pass filled with text from the page: ``meta.title``, ``comments[3]``, ``tweets[1]``."""

    label: str
    texts: tuple[str, ...]


def moved_to(before: Record, after: Record) -> list[Destination]:
    """What a pass added to ``meta``, ``comments`` and ``tweets`` (values that were already there are not)."""
    found = list(_new_meta(before.meta, after.meta, "meta"))
    for field in ("comments", "tweets"):
        old, new = getattr(before, field), getattr(after, field)
        for index, item in enumerate(new):
            if index < len(old) and old[index] == item:
                continue
            texts = tuple(s for s in strings(item) if s.strip())
            if texts:
                found.append(Destination(f"{field}[{index}]", texts))
    return found


def _new_meta(old: Any, new: Any, path: str) -> Iterator[Destination]:
    if isinstance(new, dict):
        for key, value in new.items():
            previous = old.get(key) if isinstance(old, dict) else None
            if previous != value:
                yield from _new_meta(previous, value, f"{path}.{key}")
    elif isinstance(new, list):
        for index, value in enumerate(new):
            previous = old[index] if isinstance(old, list) and index < len(old) else None
            if previous != value:
                yield from _new_meta(previous, value, f"{path}[{index}]")
    elif isinstance(new, str) and new.strip():
        yield Destination(path, (new,))


def strings(value: Any) -> Iterator[str]:
    """Every string in a JSON value."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings(item)


#: A line or value shorter than this (compared normalised) must be a whole line or word
#: of the other to match: "ok", "c1" or "13h" are found inside too much by chance.
MIN_VALUE_LENGTH = 4


class Destinations:
    """Finds where a line of text that left ``text`` went.

    Lines are compared with the lines of the values as
    :func:`corpus_clean.learned.line_key` gives them (markup removed, case folded,
    digits as 0, spaces collapsed). A line went to the first destination with a line
    that holds it (a comment paragraph, a tweet's text; a short line as a word),
    else to the one with the longest line found inside it (a title under its "# ", a
    tweeter's name in the line that introduces the tweet), else, for a line without
    letters such as a comment's number, to the first whose characters include it.
    """

    def __init__(self, destinations: Sequence[Destination]):
        self.destinations = list(destinations)
        keyed = [(line_key(line), d) for d in self.destinations for text in d.texts for line in text.split("\n")]
        keyed = [(key, d) for key, d in keyed if key]
        self._joined = "\n".join(key for key, _ in keyed)  # keys hold no "\n": a find never spans two
        self._ends = list(itertools.accumulate(len(key) + 1 for key, _ in keyed))
        self._owners = [d for _, d in keyed]
        self._by_line: dict[str, Destination] = {}  # a line of a value -> its first destination
        for key, d in keyed:
            self._by_line.setdefault(key, d)
        self._values = sorted(((key, d) for key, d in keyed if len(key) >= MIN_VALUE_LENGTH),
                              key=lambda item: -len(item[0]))
        self._characters = [Counter(visible(" ".join(d.texts))) for d in self.destinations]

    def find(self, line: str) -> Destination | None:
        if not self.destinations:
            return None
        key = line_key(line)
        if len(key) >= MIN_VALUE_LENGTH:
            at = self._joined.find(key)
            if at >= 0:
                return self._owners[bisect.bisect_right(self._ends, at)]
        elif key:
            if key in self._by_line:
                return self._by_line[key]
            word = re.search(rf"(?<!\w){re.escape(key)}(?!\w)", self._joined)
            return self._owners[bisect.bisect_right(self._ends, word.start())] if word else None
        if key:
            return next((destination for value, destination in self._values if value in key), None)
        characters = Counter(visible(line))
        if not characters:
            return None
        return next((d for d, held in zip(self.destinations, self._characters) if not characters - held), None)


def visible(text: str) -> str:
    """The text without its whitespace."""
    return "".join(text.split())
