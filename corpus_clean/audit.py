"""The accounting invariant: nothing a pass takes out of ``text`` disappears silently,
and nothing appears in it from nowhere.

For every pass and document:

- :func:`unaccounted`: every non-whitespace character of the input text ends up in
  the output ``text``, in ``meta``, ``comments``, ``tweets``, or in a ``removed``
  entry the pass added (as a multiset of characters);
- :func:`misplaced`: every entry the pass added holds the text found at its
  ``start`` in the text the pass received, and no two overlap, so the trail needs
  no guessing;
- :func:`invented`: the output text holds no character the input did not, once
  the rewrites recorded in entries (``fixed``) are taken into account;
- :func:`unplaced_lines`: line by line, each line that left the text was removed by
  an entry, rewritten in place, or moved to a value in ``meta``, ``comments`` or
  ``tweets`` that holds it: the document can be rebuilt paragraph for paragraph;
- :func:`replay`: the input with the entries applied at their offsets, which is the
  output text (up to whitespace) when the pass moved nothing.

:func:`problems` runs them all on one step. Tests assert it finds nothing for every
registered pass; ``bench/bench_inspection.py`` runs it over a folder of pages.
"""

from __future__ import annotations

from collections import Counter
from typing import Any, Iterable

from .inspection.diff import diff_step
from .inspection.trail import Step, moved_to, new_removals, strings, visible
from .record import Record


def _visible(text: str) -> Counter:
    return Counter(visible(text))


def unaccounted(before: Record, after: Record) -> Counter:
    """Characters of ``before.text`` found nowhere in ``after`` (empty when the pass accounted for all)."""
    found = _visible(after.text)
    for text in strings([after.meta, after.comments, after.tweets]):
        found.update(_visible(text))
    for entry in new_removals(before, after):
        found.update(_visible(entry.get("text", "")))
    return _visible(before.text) - found


def misplaced(before: Record, after: Record) -> list[dict[str, Any]]:
    """Entries the pass added whose ``text`` is not at their ``start`` in ``before.text``
    (or that lack either), or that overlap an earlier one (a character taken twice)."""
    def in_place(entry: dict[str, Any]) -> bool:
        start, text = entry.get("start"), entry.get("text")
        return (isinstance(start, int) and isinstance(text, str) and start >= 0
                and before.text.startswith(text, start))

    entries = new_removals(before, after)
    wrong = [entry for entry in entries if not in_place(entry)]
    end = 0
    for entry in sorted((e for e in entries if in_place(e)), key=lambda e: e["start"]):
        if entry["start"] < end:
            wrong.append(entry)
        end = max(end, entry["start"] + len(entry["text"]))
    return wrong


def invented(before: Record, after: Record) -> Counter:
    """Characters of ``after.text`` that ``before.text`` did not hold, less what the
    pass recorded as removed, plus what it recorded as rewritten (``fixed``)."""
    available = _visible(before.text)
    for entry in new_removals(before, after):
        available.subtract(_visible(entry.get("text", "")))
        available.update(_visible(entry.get("fixed", "")))
    return _visible(after.text) - +available


def unplaced_lines(before: Record, after: Record) -> list[str]:
    """Lines of ``before.text`` that left the text and that the trail explains in no
    way (see :func:`corpus_clean.inspection.diff.diff_step`)."""
    lines = before.text.split("\n")
    return [lines[number - 1] for number in diff_step(Step("audit", before, after), context=0).unplaced]


def replay(text: str, entries: Iterable[dict[str, Any]]) -> str:
    """``text`` with each entry's text, at its ``start``, cut or replaced by its ``fixed``.

    The entries must be in place (see :func:`misplaced`) and not overlap.

    >>> replay("Share this! Body.", [{"text": "Share this! ", "start": 0}])
    'Body.'
    >>> replay("cafÃ© open", [{"text": "cafÃ©", "start": 0, "fixed": "café"}])
    'café open'
    """
    parts, position = [], 0
    for entry in sorted(entries, key=lambda e: e["start"]):
        parts += [text[position:entry["start"]], entry.get("fixed", "")]
        position = entry["start"] + len(entry["text"])
    parts.append(text[position:])
    return "".join(parts)


def _is_subsequence(short: str, long: str) -> bool:
    characters = iter(long)
    return all(c in characters for c in short)  # each "in" resumes where the last stopped


def problems(before: Record, after: Record) -> list[str]:
    """Everything wrong with the trail one pass left on one document (empty when all is well)."""
    found = []
    if lost := unaccounted(before, after):
        found.append(f"characters lost: {dict(lost)}")
    if wrong := misplaced(before, after):
        found.append(f"entries not at their offset: {wrong[:3]}")
    if new := invented(before, after):
        found.append(f"characters from nowhere: {dict(new)}")
    if lines := unplaced_lines(before, after):
        found.append(f"lines explained nowhere: {lines[:3]}")
    if not found:
        replayed = visible(replay(before.text, new_removals(before, after)))
        if not moved_to(before, after) and replayed != visible(after.text):
            found.append("the entries applied to the input do not give the output")
        if not _is_subsequence(visible(after.text), replayed):
            found.append("the output is not the input less what was taken out, in order")
    return found
