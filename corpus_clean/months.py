"""Month names of many languages: one table (``data/months.toml``) for every pass that
reads a date, so a language added there is read everywhere.

>>> month_numbers()["oktober"], month_numbers()["févr"]
(10, 2)
>>> month_names()[0] > month_names()[-1] or len(month_names()[0]) >= len(month_names()[-1])
True
"""

from __future__ import annotations

import tomllib
from functools import cache
from importlib import resources


@cache
def month_numbers() -> dict[str, int]:
    """Each month name or abbreviation (case folded) and its month number."""
    data = tomllib.loads(resources.files("corpus_clean").joinpath("data/months.toml").read_text("utf-8"))
    return {name.casefold(): int(number) for number, names in data["months"].items() for name in names}


@cache
def month_names() -> tuple[str, ...]:
    """The names, longest first, so that an alternation tries "march" before "mar"."""
    return tuple(sorted(month_numbers(), key=len, reverse=True))
