"""Month names of many languages: one table (``data/months.toml``) for every pass that
reads a date, so a language added there is read everywhere.

>>> month_numbers()["oktober"], month_numbers()["févr"]
(10, 2)
>>> month_names()[0] > month_names()[-1] or len(month_names()[0]) >= len(month_names()[-1])
True
>>> iso_date("2012", "Dezember", "11"), iso_date("2016", "04", "25"), iso_date("2021", "feb", "30")
('2012-12-11', '2016-04-25', None)
"""

from __future__ import annotations

import datetime
import tomllib
from functools import cache
from importlib import resources

import regex


@cache
def month_numbers() -> dict[str, int]:
    """Each month name or abbreviation (case folded) and its month number."""
    data = tomllib.loads(resources.files("corpus_clean").joinpath("data/months.toml").read_text("utf-8"))
    return {name.casefold(): int(number) for number, names in data["months"].items() for name in names}


@cache
def month_names() -> tuple[str, ...]:
    """The names, longest first, so that an alternation tries "march" before "mar"."""
    return tuple(sorted(month_numbers(), key=len, reverse=True))


@cache
def month_pattern() -> str:
    """A regular expression for any month name (no group), longest names first."""
    return "|".join(map(regex.escape, month_names()))


def iso_date(year: str, month: str, day: str) -> str | None:
    """``YYYY-MM-DD`` of a date whose month is a number or a name of the table; None
    for a day the month does not have ("February 30")."""
    number = int(month) if month.isdigit() else month_numbers()[month.casefold()]
    try:
        return datetime.date(int(year), number, int(day)).isoformat()
    except ValueError:
        return None
