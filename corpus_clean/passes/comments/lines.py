"""What one line of a scraped page is, for the comment-thread finder.

Every line is read once: its indentation and list marker, and, for short lines, its
kind -- a section heading ("12 Kommentare"), an author/date line ("Anna Schneider
sagt:", "**jeuys** 11. Dezember 2012 um 12:57"), a button line ("[Antworten](#) ↓"),
a pingback, or a line that ends a thread (a comment form, a "Related posts" section).
The words come from ``corpus_clean/data/comments.toml``; this module turns them into
word sets, looked up first because they are cheap, and patterns, run only on the few
lines whose words make a kind possible.

>>> read_line("  1. **jeuys** [11\\\\. Dezember 2012 um 12:57](#)", 0).kind
<Kind.META: 'meta'>
>>> read_line("  1. **jeuys** [11\\\\. Dezember 2012 um 12:57](#)", 0).meta
Meta(author='jeuys', date='11. Dezember 2012 um 12:57', said=False)
>>> read_line("### 45 Gedanken zu „Das wird man ja wohl noch sagen dürfen!“", 0).kind
<Kind.HEADING: 'heading'>
>>> read_line("[Antwort](#) ↓", 0).kind
<Kind.ACTION: 'action'>
"""

from __future__ import annotations

import functools
import re
import tomllib
from dataclasses import dataclass
from enum import Enum
from importlib import resources
from typing import Iterable, NamedTuple

import regex

from ...markup import plain
from ...months import month_names


def _load_vocabulary() -> dict:
    with resources.files("corpus_clean").joinpath("data/comments.toml").open("rb") as f:
        return tomllib.load(f)


VOCABULARY = _load_vocabulary()


def _words(words: Iterable[str]) -> str:
    """An alternation of phrases, longest first (so "antworten" wins over "antwort");
    spaces inside a phrase match any run of spaces."""
    unique = sorted({w.lower() for w in words}, key=len, reverse=True)
    return "(?:" + "|".join(regex.escape(w).replace("\\ ", r"\s+") for w in unique) + ")"


# ---------------------------------------------------------------------------------
# Lines and markers

#: A list item: bullet or printed number, then the item's text.
_MARKER_CHARS = "•◦▪‣*+-–"
_MARKER = regex.compile(
    rf"(?P<indent>[ \t]*)(?P<marker>[{regex.escape(_MARKER_CHARS)}]|\d{{1,4}}[.)])(?:[ \t]+|$)(?P<content>.*)")
#: A line too long to be a heading, a header or a button is text, whatever it holds;
#: this also keeps every per-line pattern below away from very long lines.
_MAX_SHORT = 400
#: Markup residue that is neither word nor punctuation once links are gone ("__" icons),
#: but not the "_" inside a name ("Lena_K").
_RESIDUE = regex.compile(r"(?<![^\W_])[_*]+|[_*]+(?![^\W_])|[#`~{}\[\]]+|\s+")
_WORD = regex.compile(r"[\p{L}\p{N}][\p{L}\p{N}.'’@_&-]*")
_ANY_WORD = regex.compile(r"\w")
#: (Not the dot of an initial: "Mark T.")
_SENTENCE_END = regex.compile(r"(?:[!?…:]|(?<!(?:^|[\s(\[*_])\p{Lu})\.)\W*$")


#: Links printed side by side ("[Anonymous](#)[March 4, 2016](#)") are words apart.
_ADJACENT_LINKS = re.compile(r"\)(?=!?\[)")


def normalize(text: str) -> str:
    """The visible words of a line: markup, icon residue and extra spaces gone.

    >>> normalize("  • **[Gitta Peyn](#)** sagt:")
    '• Gitta Peyn sagt:'
    >>> normalize("[Anonymous](#)[March 4, 2016 at 10:15 AM](#)")
    'Anonymous March 4, 2016 at 10:15 AM'
    """
    if ")[" in text or ")![" in text:
        text = _ADJACENT_LINKS.sub(") ", text)
    return _RESIDUE.sub(" ", plain(text)).strip()


def word_count(text: str) -> int:
    return len(_WORD.findall(text))


#: Words, for the look-ups below (letters and digits; "__" is an icon, not a word).
_TOKEN_RE = re.compile(r"[^\W_]+")


def _tokens(phrases: Iterable[str]) -> list[list[str]]:
    return [_TOKEN_RE.findall(p.lower()) for p in phrases]


def _firsts(phrases: Iterable[str]) -> frozenset[str]:
    return frozenset(t[0] for t in _tokens(phrases) if t)


def _all_words(phrases: Iterable[str]) -> frozenset[str]:
    return frozenset(w for t in _tokens(phrases) for w in t)


# ---------------------------------------------------------------------------------
# Dates and times, as comment headers print them

_DATES = VOCABULARY["date"]
_MONTH = _words(month_names()) + r"\.?"
_WEEKDAY = _words(_DATES["weekdays"]) + r"\.?,?"
_UNIT = _words(_DATES["units"])
#: "12:57", "4:47 pm", "14.30 Uhr", "10 h 12 min", "11h20"
_CLOCK = (r"[0-2]?\d(?::[0-5]\d(?::[0-5]\d(?:\.\d+)?)?(?:\s*(?:[ap]\.?m\.?|uhr|h)\b)?|\.[0-5]\d\s*uhr\b"
          r"|\s*h\s*[0-5]\d(?:\s*min)?\b)")
_TIME = r"(?<!\d)" + _CLOCK
#: Between a date and its time: "um", "at", "às" ...
_TIME_CONNECTOR = _words(_DATES["time_connectors"])
#: A two-digit year glued to the time after it, as in "th3Chris28.09.1913:39".
_YEAR = r"(?:\d{2}(?=[0-2]?\d:[0-5]\d)|\d{4}(?!\d)|\d{2}(?!\d))"
#: "3 Stunden", "3 Std.", "2h", "1 Stunde 51 Minuten", "2 years, 3 months".
_AMOUNTS = r"\d+\s*" + _UNIT + r"(?!\w)\.?(?:,?\s+\d+\s*" + _UNIT + r"(?!\w)\.?)*"
# Every date holds a digit, but for worded relative ones ("vor einer Stunde"): the
# patterns are tried at the digit runs of a line only, those starting with the digits
# anchored there, those starting with a word (a month, "vor") anchored at the word just
# before. (They hold no Unicode classes, so the standard engine, faster here, runs them.)
_DIGITS_FIRST_RE = re.compile("|".join([
    r"[0-3]?\d\.?\s*(?:de\s+)?" + _MONTH + r"(?:\s*(?:de\s+)?\d{4})?(?!\w)",   # 11. Dezember 2012
    r"[0-3]?\d[./-][01]?\d[./-]" + _YEAR,                                       # 17.10.2019, 18/02/2020
    r"\d{4}-[01]\d-[0-3]\d",                                                     # 2020-04-22
    r"[0-3]?\d[./][01]?\d\.?(?=\s*(?:,|" + _TIME_CONNECTOR + r")?\s*" + _TIME + ")",  # Le 12/02 à 11:30
    _AMOUNTS + r"\s+" + _words(_DATES["relative_after"]) + r"(?!\w)",  # 2 hours ago, 2h ago, 1 Stunde 51 Minuten her
]), re.IGNORECASE)
_CONNECTOR = r"(?:,|" + _TIME_CONNECTOR + ")"
_WORD_FIRST_RE = re.compile("|".join([
    _MONTH + r"\s+[0-3]?\d(?:st|nd|rd|th)?(?!\d)(?:,?\s+\d{4})?",                  # September 12, 2018
    _words(_DATES["relative_before"]) + r"\s+" + _AMOUNTS,                    # vor 3 Stunden, vor 3 Std.
    _words(_DATES["days"]) + r"\s*" + _CONNECTOR + r"?\s*" + _TIME,               # Gestern um 14:30
]), re.IGNORECASE)
_DATE_WORD_LIST = [*month_names(), *_DATES["relative_before"], *_DATES["days"]]
_DATE_WORDS = frozenset(w.lower() for w in _DATE_WORD_LIST)
_DIGIT_RUN_RE = re.compile(r"\d+")
#: The word before a digit run, perhaps with a connector between ("September ",
#: "il y a ", "Gestern um "), looked for this far back.
_WORD_REACH = 24
_WORD_BEFORE_RE = re.compile(rf"(?<![\w'’])([\w'’]+)\.?,?\s+(?:{_TIME_CONNECTOR}\s+)?$", re.IGNORECASE)
#: Date words of several words ("il y a"), looked for when the word before a digit run ends one.
_PHRASES = [w.lower() for w in _DATE_WORD_LIST if " " in w]
_PHRASE_LASTS = frozenset(w.split()[-1] for w in _PHRASES)
_PHRASE_BEFORE_RE = re.compile(rf"(?<![\w'’]){_words(_PHRASES or ['(?!)'])}\.?,?\s+$", re.IGNORECASE)
#: Relative dates without a digit: "vor einer Stunde", "an hour ago".
_WORDED_DATE_RE = re.compile(
    r"(?<!\w)(?:" + _words(_DATES["relative_before"]) + r"\s+(?:einer?|einem|un|une|una|an?)\s+" + _UNIT
    + r"|(?:an?|one)\s+" + _UNIT + r"\s+" + _words(_DATES["relative_after"]) + r")(?!\w)", re.IGNORECASE)
#: Around a date: the weekday before it ("Do 9 Apr 2020") and the time after ("/ 08:34").
_WEEKDAY_BEFORE_RE = re.compile(rf"{_WEEKDAY}\s*$", re.IGNORECASE)
_TIME_AFTER_RE = re.compile(rf"\s*(?:,|/|-|–|—|\||·|{_TIME_CONNECTOR})?\s*{_CLOCK}", re.IGNORECASE)
_TIME_RE = re.compile(_TIME, re.IGNORECASE)
#: Weekday names are short: look this far back for one.
_WEEKDAY_REACH = 16


def _date_at_digits(text: str) -> re.Match | None:
    for run in _DIGIT_RUN_RE.finditer(text):
        at = run.start()
        before = _WORD_BEFORE_RE.search(text, max(0, at - _WORD_REACH), at)
        if before:
            word = before.group(1).lower()
            if word in _PHRASE_LASTS:   # "il y a 2 jours": the date starts words earlier
                before = _PHRASE_BEFORE_RE.search(text, max(0, at - _WORD_REACH), at) or before
            if word in _DATE_WORDS or word in _PHRASE_LASTS:
                found = _WORD_FIRST_RE.match(text, before.start())
                if found and found.end() > at:
                    return found
        found = _DIGITS_FIRST_RE.match(text, at)
        if found:
            return found
    return None


def find_date(text: str) -> tuple[int, int] | None:
    """Span of the printed date (weekday, date, time) in ``text``, if there is one.

    >>> text = "Josef Franz Lindner, Do 9 Apr 2020 / 08:34 Antworten"
    >>> start, end = find_date(text); text[start:end]
    'Do 9 Apr 2020 / 08:34'
    """
    found = _date_at_digits(text) or _WORDED_DATE_RE.search(text)
    if found is None:
        return None
    start, end = found.span()
    weekday = _WEEKDAY_BEFORE_RE.search(text, max(0, start - _WEEKDAY_REACH), start)
    if weekday:
        start = weekday.start()
    time = _TIME_AFTER_RE.match(text, end)
    return start, time.end() if time else end


#: "Kyle Glen @KyleJGlen 43m43 minutes ago" heads a pasted tweet, not a comment.
_TWEET_HEADER = regex.compile(r"@\w{1,15}\s+\d{1,2}[smhd]\d{0,2}\b")


# ---------------------------------------------------------------------------------
# Author lines

_AUTHOR = VOCABULARY["author"]
_ACTIONS = VOCABULARY["actions"]
_ALL_ACTIONS = _ACTIONS["reply"] + _ACTIONS["votes"] + _ACTIONS["other"]
_REPLY_WORDS = _words(_ACTIONS["reply"])
_ACTION_WORDS = _words(_ALL_ACTIONS)
_REPLY_RE = regex.compile(rf"(?<!\w){_REPLY_WORDS}(?!\w)", regex.IGNORECASE)
#: "Antworten: 6", "Replies: 12": a topic list's statistic (similar threads), not a button.
_REPLY_COUNT_RE = regex.compile(rf"\W*{_REPLY_WORDS}\s*:\s*\d+\W*", regex.IGNORECASE)
_REPLY_TOKENS = frozenset(p.lower() for p in _ACTIONS["reply"] if " " not in p)
_ACTION_TOKENS = _all_words(_ALL_ACTIONS)
#: Buttons a name line may end with ("Mathias [Antworten]", "… [Zum Antworten anmelden]").
_ACTION_PHRASES = frozenset(" ".join(p.lower().split()) for p in _ALL_ACTIONS)
#: Vote buttons ("Daumen hoch 6 Daumen runter", "Vote Up 4 Vote Down") and counters ("+3 -1").
_VOTE_FIRSTS = _firsts(_ACTIONS["votes"])
_VOTE_RE = regex.compile(rf"(?<!\w){_words(_ACTIONS['votes'])}(?!\w)", regex.IGNORECASE)
VOTE_COUNTS_RE = re.compile(r"(?<![\w+])\+ ?[0-9]+[ \t]*[-−–] ?[0-9]+(?!\w)")
_LONGEST_ACTION = max(len(p.split()) for p in _ACTION_PHRASES)
#: "Anna sagt:", "Marie dit :", and Blogger's "Anonymous said...".
_VERB_ENDS = (":", "...", "…")  # (spelled out in ``_may_be_meta``, which is hot)
#: (Connectors may stand between the verb and its colon once the date is out: "Peter
#: schrieb am 12.03.2020 um 10:15:" reads "Peter schrieb am :".)
_VERB_RE = regex.compile(rf"(?P<who>.+?)\s+(?:{_words(_AUTHOR['verbs'])}(?:\s+{_words(_AUTHOR['connectors'])})*\s*:|"
                         rf"{_words(_AUTHOR['ellipsis_verbs'])}\s*(?:\.\.\.|…))\s*(?P<rest>.*)", regex.IGNORECASE)
_PREFIX_RE = regex.compile(rf"{_words(_AUTHOR['prefixes'])}\s*:?\s+(?P<who>.+)", regex.IGNORECASE)
_FIELD_LABEL_RE = regex.compile(rf"(?<!\w){_words(_AUTHOR['field_labels'])}\s*:", regex.IGNORECASE)
_BYLINE_RE = regex.compile(rf"{_words(_AUTHOR['bylines'])}\s+(?=\S)", regex.IGNORECASE)
_REPLY_TO = _words(_AUTHOR["reply_to"])
#: "Lisa Tran → Mark Peters": the name after the arrow is whom she answers.
_REPLY_TO_TAIL_RE = regex.compile(rf"\s+{_REPLY_TO}\s+(?P<whom>.+)$", regex.IGNORECASE)
#: What is left of a header line around the name: connectors, weekdays, separators,
#: and buttons at its end ("Mathias [Antworten]"; "YHMAG Edit@r" keeps its "Edit").
_FILLER_WORDS = _all_words(_AUTHOR["connectors"] + _DATES["weekdays"])
_ROLES = frozenset(w.lower() for w in _AUTHOR["roles"])
_SEPARATORS = str.maketrans({c: " " for c in "|·•,:;/()[]↓↑←→»«+#–—"})
#: At most this many words of a name before "sagt:" ("Thomas (sphericon auf twitter)"),
#: and next to a date ("Anna Maria Schneider"); longer is a title ("Chat mit Abgeordneten").
_MAX_NAME_WORDS = 4
_MAX_DATED_NAME_WORDS = 3
_MAX_LINKED_NAME_WORDS = 8
#: An author/date line is short; longer lines are text, whatever dates they mention.
_MAX_HEADER_WORDS = 20


class Meta(NamedTuple):
    author: str | None
    date: str | None
    said: bool = False    # "<name> sagt:", "Kommentar von <name>": only comments read so


_PRINTED_NUMBER = re.compile(r"#?\d+[.:]?")


def _is_filler(word: str) -> bool:
    if len(word) == 2 and word[1] == "." and word[0].isupper():
        return False  # an initial ("Ken W."), not the connector "w"
    return word == "-" or word.lower().strip(".") in _FILLER_WORDS


def _name_words(text: str) -> list[str]:
    """The words of ``text`` that may be a name: separators, connectors, weekdays, role
    labels (unless they are all there is) and the buttons at its end left out."""
    words = [w for w in text.translate(_SEPARATORS).split() if not _is_filler(w)]
    while words:
        button = next((n for n in range(min(_LONGEST_ACTION, len(words)), 0, -1)
                       if " ".join(words[-n:]).lower().strip(".!?") in _ACTION_PHRASES), 0)
        if not button:
            break
        del words[-button:]
    while words and _PRINTED_NUMBER.fullmatch(words[0]):
        del words[0]   # the comment's number ("#1 Tom — March 3, 2023")
    named = [w for w in words if w.lower() not in _ROLES]
    return named or words


def is_role(text: str) -> bool:
    """A role label printed beside a name ("Autor", "Gast"), not the name itself."""
    return text.lower() in _ROLES


def _name(text: str, max_words: int = _MAX_NAME_WORDS) -> str | None:
    """The name left once dates, times and filler words are gone; None if it is not one."""
    name = " ".join(_name_words(text))
    if not name or ":" in name or word_count(name) > max_words:
        return None
    return name


def parse_meta(text: str) -> Meta | None:
    """Author and date of a comment header line (already normalized), or None.

    >>> parse_meta("Milan Griffes on September 12, 2018 at 4:47 pm said:")
    Meta(author='Milan Griffes', date='September 12, 2018 at 4:47 pm', said=True)
    >>> parse_meta("Anna Schneider sagt:")
    Meta(author='Anna Schneider', date=None, said=True)
    >>> parse_meta("geschrieben von berg2012 am 21. Jan. 2015, 19:04 antworten")
    Meta(author='berg2012', date='21. Jan. 2015, 19:04', said=True)
    >>> parse_meta("th3Chris28.09.1913:39")
    Meta(author='th3Chris', date='28.09.1913:39', said=False)
    >>> parse_meta("Heute ist der 3. Mai und das Wetter ist schön, ganz ehrlich.") is None
    True
    """
    if word_count(text) > _MAX_HEADER_WORDS or _TWEET_HEADER.search(text) or _FIELD_LABEL_RE.search(text):
        return None
    date = None
    rest = text
    span = find_date(text)
    if span:
        date = " ".join(text[span[0]:span[1]].split())
        rest = _TIME_RE.sub(" ", text[:span[0]] + " " + text[span[1]:])
    rest = " ".join(rest.split())
    answers = _REPLY_TO_TAIL_RE.search(rest)
    if answers and _name(answers.group("whom")):
        rest = rest[:answers.start()]
    for pattern in (_VERB_RE, _PREFIX_RE):
        if pattern is _VERB_RE and not any(end in rest for end in _VERB_ENDS):
            continue
        found = pattern.fullmatch(rest)
        if found and not _name_words(found.groupdict().get("rest") or ""):
            # "Kommentar von <name>" may name a blog that linked here ("Krimitagebuch | Folge 10")
            who = _name(found.group("who"), _MAX_NAME_WORDS if pattern is _VERB_RE else _MAX_LINKED_NAME_WORDS)
            if who:
                return Meta(who, date, said=True)
    if date is None or (_SENTENCE_END.search(rest) and word_count(rest) > 2):
        return None
    byline = _BYLINE_RE.match(rest)
    if byline:
        rest = rest[byline.end():]
    name = _name(rest, _MAX_DATED_NAME_WORDS)
    if name is None and _name_words(rest):
        return None  # more words around the date than a name has: a sentence
    return Meta(name, date)


# ---------------------------------------------------------------------------------
# Headings, buttons, pingbacks and the ends of threads

_HEADING = VOCABULARY["heading"]
_NOUN = _words(_HEADING["nouns"])
_ANY_NOUN = _words(_HEADING["nouns"] + _HEADING["counted_nouns"])
_WORD_COUNT = _words(_HEADING["counts"])
#: "Kommentare", "Comments (3)", "Kommentare 4": a noun alone, or with its count after it.
_NOUN_LINE_RE = regex.compile(rf"{_NOUN}\s*(?:\(\s*\d+\s*\)|\d+)?\s*:?", regex.IGNORECASE)
#: "12 Kommentare", "Un commentaire", "6 thoughts on “…”", "Dieser Artikel hat 32 Kommentare."
_COUNTED_RE = regex.compile(rf"(?:(?:^|(?<=\s))\d+|^{_WORD_COUNT})\s+{_ANY_NOUN}(?!\w)", regex.IGNORECASE)
#: At most this many words before the count ("Dieser Artikel hat", "Charger plus dans à la une").
_MAX_WORDS_BEFORE_COUNT = 6
_MAX_WORDS_AFTER_NOUN = 6
#: "… on “Title”", "… zu „Title“", "… to _Title_": a preposition, then a quoted title.
_TITLE_RE = regex.compile(r"\W*\w{1,5}\W*\s*[\"“„«‘‚'_*]")
_HEADING_PHRASE_RE = regex.compile(rf"{_words(_HEADING['phrases'])}\W*", regex.IGNORECASE)

#: A line of buttons and counters only ("[Liken](#)Gefällt 1 Person", "Hilfreich?+1").
_ACTION_RE = regex.compile(
    rf"(?:{_ACTION_WORDS}|\d+(?:[.,]\d+)?[km]?|[\s\W_])*+", regex.IGNORECASE)
_PINGBACK_RE = regex.compile(rf"{_words(VOCABULARY['pingback']['words'])}\s*:", regex.IGNORECASE)
_END = VOCABULARY["end"]
#: A comment form or closing notice starts the line, perhaps after a label ("HINWEIS:").
_FORM_RE = regex.compile(rf"(?:\w+:\s*)?{_words(_END['forms'])}(?!\w)", regex.IGNORECASE)
_SECTION_RE = regex.compile(rf"{_words(_END['sections'])}(?!\w)", regex.IGNORECASE)
#: Forms and section labels are short lines; a sentence that mentions one is text.
_MAX_END_WORDS = 14
_MAX_SECTION_WORDS = 6
#: A site's footer: "© 2022 Site", "Copyright 2023 …", "… All rights reserved."
_FOOTER_START_RE = regex.compile(_words(_END["footer_starts"]), regex.IGNORECASE)
_FOOTER_PHRASE_RE = regex.compile(rf"(?<!\w){_words(_END['footer_phrases'])}(?!\w)", regex.IGNORECASE)
_MAX_FOOTER_WORDS = 24

_SORT = VOCABULARY["sort"]
_SORT_ORDER_RE = regex.compile(rf"(?<!\w){_words(_SORT['orders'])}(?!\w)", regex.IGNORECASE)
#: A label, then orders between separators and icons: "Sortiert nach: neuste | älteste".
_SORT_BAR_RE = regex.compile(
    rf"(?:{_words(_SORT['labels'])}\s*:?)?(?:[\W_]*+{_words(_SORT['orders'])}(?!\w))++[\W_]*+", regex.IGNORECASE)


def is_heading(text: str) -> bool:
    """A reader-comment section heading (``text`` normalized).

    >>> [is_heading(t) for t in ("Kommentare", "Comments (3)", "Antworten", "6 thoughts on “Lemon trees”",
    ...                          "Dieser Artikel hat 32 Kommentare.",
    ...                          "Wir haben 5 Kommentare von Lesern bekommen, die alle sehr freundlich waren")]
    [True, True, False, True, True, False]
    """
    if len(text) > _MAX_SHORT:
        return False
    if _NOUN_LINE_RE.fullmatch(text):
        return True
    if _HEADING_PHRASE_RE.fullmatch(text):
        return True
    counted = _COUNTED_RE.search(text)
    if not counted or word_count(text[:counted.start()]) > _MAX_WORDS_BEFORE_COUNT or "|" in text:
        return False  # "5343 mal gelesen | 32 Kommentare" is the post's own line
    after = text[counted.end():]
    # nothing more, a few words ("read them below or add one"), or the post's title in quotes
    return word_count(after) <= _MAX_WORDS_AFTER_NOUN or _TITLE_RE.match(after) is not None


def is_sort_bar(text: str) -> bool:
    """A comment section's sort bar: two orders or more, nothing else but a label (``text`` normalized).

    >>> [is_sort_bar(t) for t in ("Sortiert nach: neuste | älteste | beste Bewertung", "Newest Oldest Most Voted",
    ...                           "Neueste", "Neueste | Meistgelesen", "Sort by: newest | price")]
    [True, True, False, False, False]
    """
    if len(text) > _MAX_SHORT or _SORT_BAR_RE.fullmatch(text) is None:
        return False
    return len({" ".join(order.lower().split()) for order in _SORT_ORDER_RE.findall(text)}) >= 2


def is_footer(text: str) -> bool:
    """A site's footer line (``text`` normalized): copyright, "Powered by …".

    >>> [is_footer(t) for t in ("© 2022 Gartenblog", "Copyright 2023 Linda's Kitchen. All rights reserved.",
    ...                         "Der Copyright-Vermerk fehlte auf dem Foto.")]
    [True, True, False]
    """
    return word_count(text) <= _MAX_FOOTER_WORDS and (
        _FOOTER_START_RE.match(text) is not None or _FOOTER_PHRASE_RE.search(text) is not None)


def is_action(text: str) -> bool:
    """Buttons and counters only; a line of punctuation ("…..") is the writer's."""
    return len(text) <= _MAX_SHORT and _ACTION_RE.fullmatch(text) is not None and _ANY_WORD.search(text) is not None


def end_kind(text: str) -> Kind | None:
    """``Kind.END`` for a comment form or closing notice, ``Kind.SECTION`` for a site
    section that follows threads ("Related posts"), else None."""
    if word_count(text) <= _MAX_END_WORDS and _FORM_RE.match(text):
        return Kind.END
    if word_count(text) <= _MAX_SECTION_WORDS and _SECTION_RE.match(text):
        return Kind.SECTION
    return None


#: "In reply to Greta Lind", "In reply to [Title](#) by Gast": whom a comment answers.
_REPLY_TO_LINE_RE = regex.compile(
    rf"{_words(p for p in _AUTHOR['reply_to'] if p[0].isalpha())}\s+\S.*", regex.IGNORECASE)
_MAX_REPLY_TO_WORDS = 12
#: A post's subject that answers another: "### Re: Squealing brakes", "**AW:** Frage" (the
#: prefix and its colon as the page prints them, markup before them).
SUBJECT_PREFIXES = frozenset(w.lower() for w in VOCABULARY["subject"]["reply_prefixes"])
_SUBJECT_RE = regex.compile(rf"[\W_]*{_words(SUBJECT_PREFIXES)} ?:[\W_]*\w", regex.IGNORECASE)
_MAX_SUBJECT_WORDS = 20


class Kind(Enum):
    BLANK = "blank"
    TEXT = "text"
    HEADING = "heading"   # announces a comment section
    META = "meta"         # names a comment's author (and perhaps its date)
    DATE = "date"         # a date and time alone: a comment's, or any listing's
    ACTION = "action"     # buttons, counters, empty links
    PINGBACK = "pingback"
    END = "end"           # a comment form or closing notice
    SECTION = "section"   # a site section that follows threads ("Related posts")
    REPLY_TO = "reply_to"  # names whom the comment answers ("In reply to Greta Lind")


@dataclass(slots=True)
class Line:
    """One line of the text: ``start`` is its offset, ``raw`` has no newline."""

    start: int
    raw: str
    indent: int
    marker: str | None      # "•", "1." ... of a list item
    content: str            # the raw line after indentation and marker
    content_start: int      # where ``content`` starts in ``raw``
    kind: Kind
    meta: Meta | None       # of META and DATE lines
    words: int              # visible words of the content
    reply: bool             # marks a reply: a reply button ("Antworten"), "In reply to X", "Re: …"
    vote: bool              # vote buttons or counters ("Daumen hoch 6 Daumen runter", "+3 -1")

    @property
    def indent_end(self) -> int:
        """Where the line's marker, or its text, starts in ``raw``."""
        return len(self.raw) - len(self.raw.lstrip())

    @property
    def is_markdown_heading(self) -> bool:
        return self.marker is None and self.content.startswith("#")

    @property
    def is_blank(self) -> bool:
        return self.kind is Kind.BLANK

    @property
    def is_header(self) -> bool:
        """Names a comment's author or date, without list marker."""
        return self.marker is None and self.kind in (Kind.META, Kind.DATE)

    @property
    def is_prose(self) -> bool:
        """Reads like a sentence rather than a name, a label or a button."""
        return self.kind is Kind.TEXT and (self.words > 4 or self.ends_sentence)

    @property
    def ends_sentence(self) -> bool:
        return _SENTENCE_END.search(self.content) is not None


_LINK = regex.compile(r"!?\[[^\[\]\n]*\]\([^()\s]*\)")
_LINK_LABEL = regex.compile(r"\[([^\[\]\n]*)\]\(")


def _dated_title(content: str) -> bool:
    """A link whose label holds a date and more: the title of a post or an event, not a header."""
    for label in _LINK_LABEL.findall(content):
        span = find_date(label)
        if span and word_count(label[:span[0]] + " " + label[span[1]:]) >= 2:
            return True
    return False


# ---------------------------------------------------------------------------------
# Cheap gates: the words a line must hold for each kind to be possible. Big word
# alternations are slow in Python's regex engines, so each line's words are looked up
# in these sets first, and the patterns run only on the few lines that pass.

_COUNT_TOKEN = re.compile(r"\d+[km]?")
#: A link's target holds no visible words ("](http://example.com/2019/...)").
_LINK_TARGET_RE = re.compile(r"\]\([^()\s]*\)")
#: The first two words of each form and section ("leave a", "die kommentarfunktion"), or
#: its one word; a line starts with them, or has one label word before ("HINWEIS: Die …").
_END_STARTS = frozenset(tuple(t[:2]) for t in _tokens(_END["forms"] + _END["sections"]) if t)
_END_FIRSTS = frozenset(start[0] for start in _END_STARTS)
#: The first two words of each "In reply to" ("in reply", "antwort auf", "réponse à").
_REPLY_TO_STARTS = frozenset(tuple(t[:2]) for t in _tokens(p for p in _AUTHOR["reply_to"] if p[0].isalpha()))
_HEADING_NOUNS = _all_words(_HEADING["nouns"])
_HEADING_WORDS = _all_words(_HEADING["nouns"] + _HEADING["counted_nouns"])
_HEADING_COUNTS = _all_words(_HEADING["counts"])
_HEADING_STARTS = frozenset(tuple(t[:2]) for t in _tokens(_HEADING["phrases"]) if t)
_VERB_LASTS = frozenset(t[-1] for t in _tokens(_AUTHOR["verbs"] + _AUTHOR["ellipsis_verbs"]) if t)
_PREFIX_FIRSTS = _firsts(_AUTHOR["prefixes"])
_RELATIVE_WORDS = _all_words(_DATES["relative_before"] + _DATES["relative_after"])
_PINGBACK_FIRSTS = _firsts(VOCABULARY["pingback"]["words"])
_SORT_FIRSTS = _firsts(_SORT["labels"] + _SORT["orders"])
_SORT_WORDS = _all_words(_SORT["labels"] + _SORT["orders"])
_FOOTER_FIRSTS = _firsts(_END["footer_starts"])
_FOOTER_LASTS = frozenset(t[-1] for t in _tokens(_END["footer_phrases"]) if t)


#: Digits that may be a date without a month or day word: "17.10.2019", "2020-04-22",
#: "12/02", markup perhaps between ("[12](#)/05/2020").
_DIGIT_DATE_RE = re.compile(r"\d[^\w\s]{0,8}[./-][^\w\s]{0,8}\d")
_DAY_WORDS = _all_words([*month_names(), *_DATES["days"]])
_UNIT_WORDS = _all_words(_DATES["units"])


def _may_end(tokens: list[str]) -> bool:
    if tokens[0] not in _END_FIRSTS and (len(tokens) < 2 or tokens[1] not in _END_FIRSTS):
        return False
    return any(tuple(tokens[at:at + length]) in _END_STARTS for at in (0, 1) for length in (1, 2))


def _may_head(tokens: list[str]) -> bool:
    """A noun first ("Kommentare (3)"), a phrase ("Vos réactions"), or a noun after its
    count ("12 Kommentare", "Ein Kommentar", "Dieser Artikel hat 32 Kommentare")."""
    if tuple(tokens[:2]) in _HEADING_STARTS or tuple(tokens[:1]) in _HEADING_STARTS:
        return True
    if _HEADING_WORDS.isdisjoint(tokens):
        return False
    if tokens[0] in _HEADING_NOUNS:
        return True
    return any(word in _HEADING_WORDS and (tokens[at - 1].isdigit() or (at == 1 and tokens[0] in _HEADING_COUNTS))
               for at, word in enumerate(tokens[1:], 1))


def _may_be_meta(tokens: list[str], content: str) -> bool:
    """Whether ``parse_meta`` may find an author or a date: it needs a verb and its colon,
    a prefix ("Kommentar von"), a relative date ("vor" or "ago" with digits or a unit:
    "vor 3 Stunden", "an hour ago"), or digits with a month or day word, or digits
    shaped like a date."""
    if (":" in content or "..." in content or "…" in content) and not _VERB_LASTS.isdisjoint(tokens):
        return True
    if not _PREFIX_FIRSTS.isdisjoint(tokens):
        return True
    digits = _DIGIT_RUN_RE.search(content) is not None
    if not _RELATIVE_WORDS.isdisjoint(tokens) and (digits or not _UNIT_WORDS.isdisjoint(tokens)):
        return True
    return digits and (not _DAY_WORDS.isdisjoint(tokens) or _DIGIT_DATE_RE.search(content) is not None)


def _kind(tokens: list[str], content: str, marker: str | None) -> tuple[Kind, Meta | None]:
    """The kind of a short line from its words (lowercase, link targets dropped) and content."""
    if not tokens:
        # nothing but icons and empty links is a button; a line of punctuation ("…..") is text
        return (Kind.TEXT, None) if normalize(content) else (Kind.ACTION, None)
    first = tokens[0]
    text = None
    if first in _PINGBACK_FIRSTS and _PINGBACK_RE.match(text := normalize(content)):
        return Kind.PINGBACK, None
    if _may_end(tokens) and (end := end_kind(text or (text := normalize(content)))):
        return end, None
    if (("©" in content or first in _FOOTER_FIRSTS or not _FOOTER_LASTS.isdisjoint(tokens))
            and is_footer(text or (text := normalize(content)))):
        return Kind.SECTION, None
    # (not "[4 Kommentare](#)", a link to the section; but "## [4 Kommentare](#)" heads it)
    if (marker is None and _may_head(tokens) and is_heading(text or (text := normalize(content)))
            and (content.startswith("#") or is_heading(normalize(_LINK.sub(" ", content))))):
        return Kind.HEADING, None
    if (marker is None and first in _SORT_FIRSTS and _SORT_WORDS.issuperset(tokens)
            and is_sort_bar(text or (text := normalize(content)))):
        return Kind.HEADING, None
    # quotes ("> Damon Otter said:") name no commenter of this page
    if len(tokens) <= _MAX_HEADER_WORDS and not content.startswith(">") and _may_be_meta(tokens, content):
        meta = parse_meta(text or (text := normalize(content)))
        if meta is not None and not _dated_title(content):
            return (Kind.META if meta.author or _reply_button(content) else Kind.DATE), meta
    if ((first in _ACTION_TOKENS or _COUNT_TOKEN.fullmatch(first))
            and all(t in _ACTION_TOKENS or _COUNT_TOKEN.fullmatch(t) for t in tokens) and is_action(text or normalize(content))):
        return Kind.ACTION, None
    if (len(tokens) <= _MAX_REPLY_TO_WORDS and tuple(tokens[:2]) in _REPLY_TO_STARTS
            and _REPLY_TO_LINE_RE.fullmatch(text or normalize(content))):
        return Kind.REPLY_TO, None
    return Kind.TEXT, None


def _is_vote(tokens: list[str], content: str) -> bool:
    if "+" in content and VOTE_COUNTS_RE.search(content):
        return True
    return not _VOTE_FIRSTS.isdisjoint(tokens) and _VOTE_RE.search(normalize(content)) is not None


def _is_reply_subject(tokens: list[str], content: str) -> bool:
    return (bool(tokens) and tokens[0] in SUBJECT_PREFIXES and len(tokens) <= _MAX_SUBJECT_WORDS
            and _SUBJECT_RE.match(content) is not None)


def is_link_only(content: str) -> bool:
    """Only links (and punctuation): a teaser, a navigation entry."""
    return not normalize(_LINK.sub(" ", content)) and bool(_LINK.search(content))


def is_link_bar(content: str) -> bool:
    """Links side by side with nothing but separators between: a navigation bar
    ("[Impressum](#) | [Datenschutz](#) | [Kontakt](#)")."""
    return len(_LINK.findall(content)) >= 2 and _ANY_WORD.search(_LINK.sub(" ", content)) is None


def _reply_button(content: str) -> bool:
    """A link that is a reply button ("[Antworten](#)"); "[Hinterlasse eine Antwort](#)" is not."""
    return any(_REPLY_RE.search(label) and is_action(normalize(label)) for label in _LINK_LABEL.findall(content))


#: An empty line: no offset is ever needed for one (nothing of it is recorded), so all share this.
EMPTY = Line(-1, "", 0, None, "", 0, Kind.BLANK, None, 0, False, False)
#: Short lines recur (buttons, labels, a site's chrome on each of its pages): what one
#: reads as is remembered for this many distinct lines.
_REMEMBERED_LINES = 1 << 14


def read_line(raw: str, start: int) -> Line:
    """Classify one line (without its newline) found at offset ``start``."""
    if not raw:
        return EMPTY
    if len(raw) > _MAX_SHORT:
        return Line(start, raw, *_classify(raw))
    return Line(start, raw, *_classify_short(raw))


def _classify(raw: str) -> tuple:
    """The fields of the ``Line`` of ``raw`` after ``start`` and ``raw``."""
    body = raw.lstrip()
    if not body:
        return len(raw), None, "", len(raw), Kind.BLANK, None, 0, False, False
    content_start = len(raw) - len(body)
    indent = content_start if "\t" not in raw[:content_start] else len(raw[:content_start].expandtabs(4))
    marker = None
    if body[0] in _MARKER_CHARS or body[0].isdigit():
        item = _MARKER.match(raw)
        if item and not is_rule(raw):
            marker, content_start = item.group("marker"), item.start("content")
    content = raw[content_start:]
    if len(content) > _MAX_SHORT:
        # a paragraph: text, whatever it mentions (its word count need not be exact)
        return indent, marker, content, content_start, Kind.TEXT, None, content.count(" ") + 1, False, False
    # (a target "#" holds no word: only other targets need taking out)
    words = _LINK_TARGET_RE.sub("]", content) if content.count("](") != content.count("](#)") else content
    tokens = _TOKEN_RE.findall(words.lower())
    kind, meta = _kind(tokens, content, marker)
    reply = ((kind is Kind.ACTION and not _REPLY_TOKENS.isdisjoint(tokens) and not _REPLY_COUNT_RE.fullmatch(content))
             or (kind is Kind.META and _reply_button(content)) or kind is Kind.REPLY_TO
             or (kind is Kind.TEXT and _is_reply_subject(tokens, content)))
    vote = kind is Kind.ACTION and _is_vote(tokens, content)
    return indent, marker, content, content_start, kind, meta, len(tokens), reply, vote


_classify_short = functools.lru_cache(maxsize=_REMEMBERED_LINES)(_classify)


def forget() -> None:
    """Forget the short lines read so far (for benchmarks)."""
    _classify_short.cache_clear()


_RULE = regex.compile(r"[ \t]*(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,})")


def is_rule(raw: str) -> bool:
    """"* * *", "---" and "___" are horizontal rules, not list items; "__" is an icon."""
    return _RULE.fullmatch(raw) is not None


def read_lines(text: str) -> list[Line]:
    lines = []
    pos = 0
    for raw in text.split("\n"):
        lines.append(read_line(raw.removesuffix("\r"), pos))
        pos += len(raw) + 1
    return lines
