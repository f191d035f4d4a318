"""Metadata the page states about itself, lifted into ``meta``: title, authors, date,
site, original source and date of a republished article, tags, captions.

Only what the page states, and never over a value already in ``meta`` (a field the
input brought, or an earlier line of the page).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import regex

from .dates import find_date
from .lines import Line
from .region import is_link_heavy
from .rules import Verdict

_AUTHOR_SEPARATOR = regex.compile(r"\s*(?:,|;|\band\b|\bund\b|&|\bet\b|\by\b)\s*", regex.IGNORECASE)
_TAG_SEPARATOR = regex.compile(r"\s*[,;]\s*")
_WORD = regex.compile(r"\w+")
#: A title has a few words and does not end like a sentence.
TITLE_WORDS = (3, 40)
#: A line longer than this is not a date line (the article's dateline), even if it holds a date.
DATE_LINE_WORDS = 15


def _split(value: str, separator: regex.Pattern) -> list[str]:
    return [part for part in separator.split(value) if part]


def lift(meta: dict[str, Any], fields: dict[str, str]) -> bool:
    """Put the fields a rule matched into ``meta`` (dates as ISO, lists split), keeping
    what is already there; True if the line said something meta did not know yet."""
    lifted = False
    for key, value in fields.items():
        if key.startswith("tag_"):
            tags = meta.setdefault("tags", {})
            name = key[4:]
            if not tags.get(name):
                tags[name] = _split(value, _TAG_SEPARATOR)
                lifted = True
            continue
        if meta.get(key):
            continue
        if key in ("date", "original_date"):
            iso = find_date(value)
            if iso:
                meta[key] = iso
                lifted = True
        elif key == "authors":
            meta[key] = _split(value, _AUTHOR_SEPARATOR)
            lifted = True
        else:
            meta[key] = value
            lifted = True
    return lifted


def _title_shaped(line: Line, verdict: Verdict | None) -> bool:
    if line.separator or is_link_heavy(line.link_share):
        return False
    if verdict is not None and (verdict.rule.where == "any" or verdict.fields):
        return False  # chrome a rule knows, or a byline / dateline
    low, high = TITLE_WORDS
    return low <= len(_WORD.findall(line.plain)) <= high and not line.plain.endswith(".")


Candidate = tuple[int, Line, Verdict | None]


def find_title(headings: Sequence[Candidate], nearby: Sequence[Candidate]) -> int | None:
    """The title's index: the last headline-shaped first-level heading before the
    article, else the first headline-shaped line of those read near it (a shorter
    label before the headline is a section name)."""
    for index, line, verdict in reversed(headings):
        if _title_shaped(line, verdict):
            return index
    for index, line, verdict in nearby:
        if _title_shaped(line, verdict):
            return index
    return None


def find_date_line(lines: Sequence[Line], verdicts: Sequence[Verdict | None]) -> tuple[int, str] | None:
    """The first short line that holds a full date (and is not a caption or a picture
    credit): its position and the date."""
    for position, (line, verdict) in enumerate(zip(lines, verdicts)):
        if line.words <= DATE_LINE_WORDS and (verdict is None or verdict.rule.action not in ("caption", "credit")):
            iso = find_date(line.output)
            if iso:
                return position, iso
    return None
