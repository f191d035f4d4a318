"""The accounting invariant: nothing a pass takes out of ``text`` disappears silently.

Every non-whitespace character of a pass's input text must end up in its output
``text``, in ``meta``, ``comments``, ``tweets``, or in a ``removed`` entry the pass
added. :func:`unaccounted` returns the characters that did not (as a multiset), so
tests can assert it is empty for every pass and document.
"""

from __future__ import annotations

from collections import Counter
from typing import Any, Iterator

from .record import Record


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def _visible(text: str) -> Counter:
    return Counter(ch for ch in text if not ch.isspace())


def unaccounted(before: Record, after: Record) -> Counter:
    """Characters of ``before.text`` found nowhere in ``after`` (empty when the pass accounted for all)."""
    new_removals = after.removed[len(before.removed):]
    found = _visible(after.text)
    for text in _strings([after.meta, after.comments, after.tweets]):
        found.update(_visible(text))
    for entry in new_removals:
        found.update(_visible(entry.get("text", "")))
    return _visible(before.text) - found
