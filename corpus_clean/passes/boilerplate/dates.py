"""Dates as pages print them ("April 27, 2016", "19. Oktober 2019", "27.04.2016",
"2016-04-27"), read into ISO form. Month names come from :mod:`corpus_clean.months`.

>>> find_date("Global Research, April 27, 2016")
'2016-04-27'
>>> find_date("19. Oktober 2019 16:14 Uhr"), find_date("25 de abril de 2016"), find_date("27.04.2016")
('2019-10-19', '2016-04-25', '2016-04-27')
>>> find_date("Nov 19, 2019, 10:31 pm CST"), find_date("2020-01-28T05:55"), find_date("31.02.2019")
('2019-11-19', '2020-01-28', None)
"""

from __future__ import annotations

from functools import cache

import regex

from ...months import iso_date, month_pattern


@cache
def _date_re() -> regex.Pattern:
    month = month_pattern()
    return regex.compile(
        rf"""
        (?<!\d)(?P<y1>\d{{4}})[-/](?P<m1>\d{{1,2}})[-/](?P<d1>\d{{1,2}})(?!\d)
      | (?<!\d)(?P<d2>\d{{1,2}})\.\s?(?P<m2>\d{{1,2}})\.\s?(?P<y2>\d{{4}})(?!\d)
      | (?<![\d\w])(?P<d3>\d{{1,2}})(?:\.|st|nd|rd|th|er|º)?\s+(?:de\s+)?(?P<m3>{month})(?!\w)\.?,?\s+(?:de\s+)?(?P<y3>\d{{4}})(?!\d)
      | (?<!\w)(?P<m4>{month})(?!\w)\.?\s+(?P<d4>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y4>\d{{4}})(?!\d)
        """,
        regex.VERBOSE | regex.IGNORECASE,
    )


#: Every date holds a digit: one scan turns most lines away before the long pattern.
_DIGIT = regex.compile(r"\d")


def find_date(text: str) -> str | None:
    """The first date in ``text`` with day, month and year, as YYYY-MM-DD; else None."""
    if _DIGIT.search(text) is None:
        return None
    for match in _date_re().finditer(text):
        for n in "1234":
            if match.group("y" + n):
                iso = iso_date(match.group("y" + n), match.group("m" + n), match.group("d" + n))
                if iso:
                    return iso
    return None

