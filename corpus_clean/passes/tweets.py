"""The ``tweets`` pass: tweets pasted into a page become records of their own.

News and blog posts quote tweets as text. They are another author's words in another
register, so they leave the body for ``record.tweets``; the author's own prose around
them (the line introducing a tweet, too) stays. Tweets quoted inside reader comments
stay in the comment text and are recorded as well (``"in": "comments"``).

Three forms are read, each a few lines of the page (the formats themselves, with
their words in several languages, are data: ``corpus_clean/data/tweets.toml``):

* the embed: a block quote with the tweet text, closed by its signature
  ``— Name (@handle) April 25, 2016`` (the date often a link to the status, printed in
  the language of the page: "3. November 2023", "2023年11月3日", ...). The signature
  may be glued to the text, stand under the block quote, or lack its date (then it
  must end the block quote of the text). A tweet quoted in a tweet (a block quote in
  the block quote) is a record of its own. A label right above the embed ("Twitter",
  "Skip Twitter post by @x") and a link right below it ("View on Twitter") are its own;
* a pasted timeline: a header line ``Name @handle 13h13 hours ago`` (an age, a date
  or no time at all), then one tweet per line for as long as the lines read as tweets
  (a hashtag, a mention or a tweet link, one tweet long; any line right under a
  header with an age). Tweets glued together where a repeated prefix such as
  ``#Lavrov:`` starts each one are split there. The page chrome copied with them
  ("Replying to @x", "12 Retweets 34 Likes", "Translate Tweet", "X Retweeted" above a
  header) goes with them, and a stamp "9:12 AM · May 15, 2017" under a tweet is its time;
* a retweet pasted on its own line: ``RT @handle: text``.

Ordinary prose that mentions an @handle or a hashtag has none of these shapes. A
byline ``By Jane Doe @jdoe`` heads no tweet, with or without a date; a header
without an age (or a separator before its date) needs a name, a tweet-sized line
under it that does not name the account (an author box describes its account), and
without any time, evidence that it heads a tweet. A timeline widget of the site
(items cut short with "…", or stamped "3 days ago" on the line below) is site
chrome, not a quotation: left for the boilerplate pass. So are consent boxes that
stand in for an embed ("Twitter freischalten"): without the tweet's text, no tweet.
Other networks' embeds (Instagram "A post shared by", Mastodon ``@user@instance``,
Bluesky ``@name.bsky.social``) are not tweets.

Every character taken out of the body is accounted for: it is in a tweet's fields,
or in ``removed`` (rule ``tweets.markup`` for link syntax, escapes and quote markers;
``tweets.header``, ``tweets.signature``, ``tweets.retweet`` for what the fields do not
hold, such as "@", "13 hours ago" or the signature's dash; ``tweets.label`` and
``tweets.chrome`` for the lines around a tweet). The paragraphs around a removed
tweet stay separated by one blank line.

Idempotent: a second run finds no tweet in the body (those found are gone, and the
decisions about the lines that stay look only at lines that stay), and a tweet found
again in a comment is not recorded twice. Linear time: a line is looked at only if a
cheap scan of the whole text finds a handle near its end, a "(@" or an "RT @" in it,
and lines longer than a tweet could be are skipped.
"""

from __future__ import annotations

import json
import tomllib
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, field
from functools import cache, partial
from importlib import resources
from itertools import accumulate
from typing import Any, Iterator

import regex

from ..markup import Cuts, strip_markup
from ..months import iso_date, month_pattern
from ..record import Record
from .base import PassOption, PassSpec

PASS = "tweets"

# ---------------------------------------------------------------------------------
# The formats, read from corpus_clean/data/tweets.toml

#: A hashtag as Twitter links it: not inside a word, at least one letter.
_HASHTAG = regex.compile(r"(?<![\w&#])#(?P<tag>\w*[^\W\d_]\w*)")
#: A mention: not inside a word or an e-mail address.
_MENTION = regex.compile(r"(?<![\w@.])@(?P<user>[A-Za-z0-9_]{1,15})(?![\w@])")
_URL = regex.compile(r"(?:https?://|www\.|pic\.(?:twitter|x)\.com/)[^\s<>\[\]()]+")
_URL_TRAIL = regex.compile(r"[.,;:!?…'\"”’»]+$")
#: The leading "#Lavrov:" that may start each of several tweets glued together.
_PREFIX = regex.compile(r"#?\w+:")
#: Where a link that only tweets carry starts, in a word.
_TWEET_LINK_START = regex.compile(r"(?:https?://)?(?:(?:pic|www|mobile)\.)?(?:t\.co|twitter\.com|x\.com)/", regex.IGNORECASE)
#: One list marker: a bullet or a number ("•", "-", "6.", "2)").
_MARKER = r"(?:[•*+\-]|\d{1,3}[.)])"
_LIST_ITEM = regex.compile(rf"[ \t]*{_MARKER}[ \t]+\S")
#: What is left of a list item whose header went: its marker alone.
_BARE_MARKER = regex.compile(rf"[ \t]*(?:{_MARKER}[ \t]*)+")
_LIST_MARKER = rf"[ \t]*(?:{_MARKER}[ \t]+)*"
#: Block quote markers at a line start, as strip_markup takes them out.
_QUOTE = regex.compile(r"[ \t]*>+(?:[ \t]+|$)(?:>+[ \t]*)*")


@dataclass(frozen=True)
class Formats:
    """The compiled tweet formats. Patterns named ``*_line`` match a whole line
    after markup is undone."""

    signature_line: regex.Pattern
    header_line: regex.Pattern
    retweet_line: regex.Pattern
    age_line: regex.Pattern
    status_line: regex.Pattern
    chrome_line: regex.Pattern
    above_line: regex.Pattern
    stamp_line: regex.Pattern
    label_line: regex.Pattern
    link_below_line: regex.Pattern
    full_date: regex.Pattern
    status_link: regex.Pattern
    tweetish: regex.Pattern
    candidate: regex.Pattern
    byline: regex.Pattern
    invitation: regex.Pattern
    particles: frozenset[str]
    tweet_line_chars: int
    tweet_chars: int
    chrome_line_chars: int
    embed_text_chars: int
    candidate_line_chars: int


def _either(patterns: list[str]) -> str:
    return "|".join(f"(?:{p})" for p in patterns)


def _words(words: list[str]) -> str:
    """Any of ``words``, spaces in them matching any run of spaces."""
    return "|".join(regex.escape(word).replace(r"\ ", r"[ \t]+") for word in words)


def _dates(layouts: list[str], month: str, clock: str, capture: bool = False) -> str:
    """One pattern for the date ``layouts``; with ``capture``, groups day, month
    (a name), mm (a number) and year."""
    group = (lambda name: f"?P<{name}>") if capture else (lambda name: "?:")
    fields = {"{day}": rf"({group('day')}\d{{1,2}})", "{month}": rf"({group('month')}{month})\.?",
              "{mm}": rf"({group('mm')}\d{{1,2}})", "{year}": rf"({group('year')}\d{{4}})",
              "{clock}": f"(?:{clock})"}
    alternatives = []
    for layout in layouts:
        layout = layout.replace(" ", r"[ \t]+")
        for placeholder, pattern in fields.items():
            layout = layout.replace(placeholder, pattern)
        alternatives.append(layout)
    return _either(alternatives)


def load_formats(data: dict[str, Any]) -> Formats:
    """Compile the formats from the parsed ``tweets.toml``."""
    handle = data["handle"]
    month = month_pattern()
    dates = data["dates"]
    full = _dates(dates["full"], month, dates["clock"])
    short = _dates(dates["short"], month, dates["clock"])
    timeline = data["timeline"]
    spelled = _either(timeline["spelled_ages"])
    separator = "|".join(map(regex.escape, timeline["separators"]))
    embed = data["embed"]
    dash = "|".join(map(regex.escape, embed["dashes"]))
    hyphen = "|".join(map(regex.escape, embed["hyphens"]))
    dash_chars = "".join(regex.escape(d) for d in embed["dashes"] if len(d) == 1)
    links = data["links"]
    status = links["status"].replace("{handle}", handle)
    # A name neither starts nor ends with an invisible format character (the
    # right-to-left mark a copied timeline puts before the "@"): those are no part of it.
    name = rf"[^\s\p{{Cf}}@:#][^@:#\n]{{0,{data['name_max_chars'] - 1}}}?(?<!\p{{Cf}})"
    verified = rf"(?P<verified>[ \t]*\p{{Cf}}*(?:{_words(data['verified_labels'])}))?"
    stamp = timeline["stamp"].replace(" ", r"[ \t]+").replace("{clock}", f"(?:{dates['clock']})").replace(
        "{full}", full)
    limits = data["limits"]
    caseless = regex.IGNORECASE
    return Formats(
        signature_line=regex.compile(
            rf"(?P<lead>.*?)(?:{dash}|(?<!\S)(?:{hyphen}))[ \t]*(?P<name>[^@\n{dash_chars}]{{0,80}}?)[ \t]*"
            rf"\([ \t]*@(?P<handle>{handle})[ \t]*\)[ \t]*(?:(?:on[ \t]+)?(?P<when>{full}))?[ \t.]*", caseless),
        header_line=regex.compile(
            rf"(?P<marker>{_LIST_MARKER})(?P<name>{name}){verified}[ \t]*\p{{Cf}}*[ \t]+\p{{Cf}}*@(?P<handle>{handle})"
            rf"(?![\w@])(?:[ \t]*(?P<separator>{separator})?[ \t]*(?P<when>(?P<age>{timeline['age']})|{full}|{short})"
            rf"(?P<spelled>[ \t]*(?:{spelled}))?)?[ \t]*", caseless),
        retweet_line=regex.compile(
            rf"[ \t]*{data['retweet']['prefix'].replace('{handle}', handle)}[ \t]*(?P<text>\S.*?)[ \t]*", caseless),
        age_line=regex.compile(rf"[ \t]*(?:{spelled})[ \t.]*", caseless),
        status_line=regex.compile(rf"[ \t]*(?:{status})[ \t]*", caseless),
        chrome_line=regex.compile(rf"[ \t]*(?:{_either(timeline['chrome'])})[ \t]*", caseless),
        above_line=regex.compile(rf"[ \t]*(?:{_either(timeline['above'])})[ \t]*", caseless),
        stamp_line=regex.compile(rf"[ \t]*{stamp}[ \t]*", caseless),
        label_line=regex.compile(rf"[ \t]*(?:{_either(embed['labels_above'])})[ \t]*[:.]?[ \t]*", caseless),
        link_below_line=regex.compile(rf"[ \t]*(?:{_either(embed['links_below'])})[ \t]*[:.]?[ \t]*", caseless),
        full_date=regex.compile(_dates(dates["full"], month, dates["clock"], capture=True), caseless),
        status_link=regex.compile(status, caseless),
        tweetish=regex.compile(_either([_HASHTAG.pattern, _MENTION.pattern, status, *links["tweet_only"]]), caseless),
        # a line worth reading (markup allowed): a handle near its end after a word
        # and a space, "(@" or "RT @"
        candidate=regex.compile(r"(?<=\S[^@\n]{0,80}[ \t][\[*_\p{Cf}]{0,3})@[A-Za-z0-9_\\]{1,40}[^@\n]{0,120}$"
                                r"|\([ \t]*\[?@|\bRT[ \t]*\[?@", regex.MULTILINE | caseless),
        byline=regex.compile(rf"(?:{_words(data['bylines'])})\b", caseless),
        invitation=regex.compile(rf"(?:{_words(data['invitations'])})\b", caseless),
        particles=frozenset(data["name_particles"]),
        tweet_line_chars=limits["tweet_line_chars"],
        tweet_chars=limits["tweet_chars"],
        chrome_line_chars=limits["chrome_line_chars"],
        embed_text_chars=limits["embed_text_chars"],
        candidate_line_chars=limits["candidate_line_chars"],
    )


@cache
def formats() -> Formats:
    """The formats of ``data/tweets.toml``, compiled on first use (a second or so of
    work that commands and worker processes without this pass need not pay)."""
    with resources.files("corpus_clean").joinpath("data/tweets.toml").open("rb") as data:
        return load_formats(tomllib.load(data))


# ---------------------------------------------------------------------------------
# One line as plain text, with the way back to the characters it came from


class _Plain:
    """A raw line with markup undone (:func:`strip_markup`). Markup is only ever
    deleted, so a plain offset maps back to a raw one by the pieces cut before it."""

    __slots__ = ("text", "pieces", "_cuts")

    def __init__(self, raw: str) -> None:
        self.text, self.pieces = strip_markup(raw)
        self._cuts = Cuts(self.pieces)

    def raw_offset(self, offset: int) -> int:
        """Where plain character ``offset`` is in the raw line."""
        return self._cuts.offset_before(offset)

    def raw_end(self, offset: int) -> int:
        """Where the plain text before ``offset`` ends in the raw line."""
        return self.raw_offset(offset - 1) + 1 if offset else 0

    def raw_runs(self, start: int, end: int) -> Iterator[tuple[int, str]]:
        """``text[start:end]`` as (raw offset, text) runs, each contiguous in raw."""
        cut_at = self._cuts.at
        cuts = cut_at[bisect_right(cut_at, start):bisect_right(cut_at, end - 1)]
        for a, b in zip([start, *cuts], [*cuts, end]):
            if a < b:
                yield self.raw_offset(a), self.text[a:b]

    def has_link(self) -> bool:
        return any(piece.startswith("](") for _, piece in self.pieces)


# ---------------------------------------------------------------------------------
# Reading one text


@dataclass
class _Found:
    """Tweets read from one place of the text. ``spans``: the (start, end) pieces of
    the text they came from; ``residue``: what of those no field holds, as
    (rule, offset, text)."""

    form: str  # "embed", "timeline" or "retweet"
    tweets: list[dict[str, Any]]
    spans: list[tuple[int, int]] = field(default_factory=list)
    residue: list[tuple[str, int, str]] = field(default_factory=list)


def _cut_short(line: str) -> bool:
    """A tweet as a widget shows it: a word broken off with "…", then at most links.

    >>> _cut_short("Der weltgrößte #Internetknoten feiert… https://t.co/Ug4SxiInsB")
    True
    >>> _cut_short("Sounds good… pic.twitter.com/abc and more")
    False
    """
    words = line.split()
    while words and (link := _TWEET_LINK_START.search(words[-1])):
        words[-1] = words[-1][:link.start()]
        if not words[-1]:
            words.pop()
    return bool(words) and len(words[-1]) > 1 and words[-1][-1] == "…" and words[-1][-2].isalnum()


def _unique(items: Iterator[str]) -> list[str]:
    return list(dict.fromkeys(items))


def _clean_text(lines: list[str]) -> str:
    """Tweet text: spaces collapsed, at most one blank line between paragraphs.

    >>> _clean_text(["  on.  meth. ", "", "", "meth.", "we're. on. it.", ""])
    "on. meth.\\n\\nmeth.\\nwe're. on. it."
    """
    out: list[str] = []
    for line in lines:
        line = " ".join(line.split())
        if line or (out and out[-1]):
            out.append(line)
    while out and not out[-1]:
        out.pop()
    return "\n".join(out)


def _urls(text: str) -> list[str]:
    return _unique(url for m in _URL.finditer(text) if (url := _URL_TRAIL.sub("", m.group())))


_RUN = regex.compile(r"\S+(?:[ \t]+\S+)*")


class _Reader:
    """Finds the tweets of one text.

    Lines are read on demand. ``taken`` holds the lines already part of a tweet; the
    embeds are read first, and the timeline and retweet readers step over their
    lines, so those judge a line by the neighbours it has once the embeds are gone
    (what a second run sees). For the same reason timeline headers are read from the
    last one up.
    """

    def __init__(self, text: str, where: str) -> None:
        self.text = text
        self.where = where
        self.f = formats()
        self.lines = text.split("\n")
        self._ends = list(accumulate(map(len, self.lines)))
        self._plain: dict[int, _Plain] = {}
        self._header: dict[int, regex.Match | None] = {}
        self.taken: set[int] = set()
        self.widget: set[int] = set()
        #: Taken header lines whose list marker stays in the text ("  6." of "  6. Name
        #: @x 2h"): the readers see the marker, as a second run does.
        self.markers: set[int] = set()
        self._skip_forward: dict[int, int] = {}
        self._skip_backward: dict[int, int] = {}

    def read(self) -> list[_Found]:
        candidates = self.candidates()
        found = [*self.embeds(candidates), *self.timelines(candidates), *self.retweets(candidates)]
        return sorted(found, key=lambda f: f.spans[0])

    # -- lines

    def start(self, i: int) -> int:
        return self._ends[i] - len(self.lines[i]) + i

    def span(self, i: int, skip: int = 0) -> tuple[int, int]:
        return self.start(i) + skip, self.start(i) + len(self.lines[i])

    def plain(self, i: int) -> _Plain:
        if i not in self._plain:
            self._plain[i] = _Plain(self.lines[i])
        return self._plain[i]

    def tweet_line(self, i: int) -> str:
        return self.plain(i).text.strip()

    def blank(self, i: int) -> bool:
        return not self.lines[i].strip()

    def depth(self, i: int) -> int:
        """How many block quotes line ``i`` is in (0: none), by its markers."""
        m = _QUOTE.match(self.lines[i])
        return m.group().count(">") if m else 0

    def adjacent(self, i: int, step: int) -> int | None:
        """The nearest non-blank line from ``i`` in the direction ``step``, unless taken."""
        j = i + step
        while 0 <= j < len(self.lines) and self.blank(j):
            j += step
        return j if 0 <= j < len(self.lines) and j not in self.taken else None

    def next_content(self, i: int) -> int | None:
        """The next line that is neither blank nor taken."""
        return self._content(i, 1, self._skip_forward)

    def previous_content(self, i: int) -> int | None:
        return self._content(i, -1, self._skip_backward)

    def _content(self, i: int, step: int, skips: dict[int, int]) -> int | None:
        # Lines only ever become skippable (taken), so a jump over lines found
        # skippable stays right: each line is stepped over once, then jumped.
        j, path = i + step, []
        while 0 <= j < len(self.lines):
            if j in skips:
                path.append(j)
                j = skips[j]
            elif (j in self.taken and j not in self.markers) or self.blank(j):
                path.append(j)
                j += step
            else:
                break
        for k in path:
            skips[k] = j
        return j if 0 <= j < len(self.lines) else None

    def candidates(self) -> list[int]:
        """The lines the cheap scan points at, each once, in order; long lines skipped."""
        found, pos, line = [], 0, 0
        while m := self.f.candidate.search(self.text, pos):
            line += self.text.count("\n", pos, m.start())
            if len(self.lines[line]) <= self.f.candidate_line_chars:
                found.append(line)
            pos = self.text.find("\n", m.start())
            if pos < 0:
                break
        return found

    # -- what a line reads as

    def signature(self, i: int) -> regex.Match | None:
        if "(" not in self.lines[i] or "@" not in self.lines[i] or len(self.lines[i]) > self.f.candidate_line_chars:
            return None
        return self.f.signature_line.fullmatch(self.plain(i).text)

    def header(self, i: int) -> regex.Match | None:
        if i not in self._header:
            self._header[i] = self._read_header(i)
        return self._header[i]

    def _read_header(self, i: int) -> regex.Match | None:
        if "@" not in self.lines[i] or len(self.lines[i]) > self.f.candidate_line_chars:
            return None
        m = self.f.header_line.fullmatch(self.plain(i).text)
        if not m or not any(ch.isalpha() for ch in m["name"]) or self.f.byline.match(m["name"]):
            return None  # "By Jane Doe @jdoe · May 14, 2017" is a byline
        if not _timed(m) and (self.f.invitation.match(m["name"]) or not self.reads_as_name(m["name"])
                              or (m["when"] is None and self.plain(i).has_link())):
            # "Great game tonight @ManUtd" is a tweet line, "Follow Jane Doe @jdoe" an
            # invitation, "Live Q&A with Jane Doe @jdoe May 3" an announcement, "[Jane
            # Doe](#) [@jdoe](#)" a byline: a timeline pasted as text has no links. A
            # tweet's age or a separator before the time mark a header whatever the name
            # ("Twitter Support @Support 5m", "tall glass of coquito @_orabora · Apr 25").
            return None
        return m

    def reads_as_name(self, name: str) -> bool:
        """Every word capitalised (or caseless), but for particles such as "de"."""
        return not any(word[0].islower() and word not in self.f.particles for word in name.split())

    def names_the_account(self, i: int, m: regex.Match) -> bool:
        """Line ``i`` names the account of header ``m`` (its handle, or the first word of
        its name): under a header without an age, that is the account's description in
        an author or profile box, not one of its tweets (a tweet seldom names its author).
        """
        line = self.tweet_line(i).casefold()
        if "@" + m["handle"].casefold() in line:
            return True
        words = [w for w in m["name"].casefold().split() if len(w) > 2 and w not in self.f.particles]
        return bool(words) and regex.search(rf"(?<!\w){regex.escape(words[0])}(?!\w)", line) is not None

    def status_line_of(self, i: int, handle: str) -> bool:
        m = self.f.status_line.fullmatch(self.plain(i).text)
        return bool(m and m["handle"].casefold() == handle.casefold())

    def chrome(self, i: int) -> bool:
        """A line of the Twitter page copied with a tweet: a reply line, counters, a button."""
        return self.short(i) and self.f.chrome_line.fullmatch(self.plain(i).text) is not None

    def stamp(self, i: int) -> regex.Match | None:
        """The time stamp X prints under a tweet ("9:12 AM · May 15, 2017")."""
        return self.f.stamp_line.fullmatch(self.plain(i).text) if self.short(i) else None

    def short(self, i: int) -> bool:
        """Short enough to be chrome, a label or a stamp (longer lines are not read as such)."""
        return len(self.lines[i]) <= self.f.chrome_line_chars

    def tweet_sized(self, line: str) -> bool:
        """A line one tweet could hold (links not counted), or tweets glued at a
        repeated prefix such as "#Lavrov:"."""
        if len(line) > self.f.tweet_line_chars:
            return False
        if len(_URL.sub("", line)) <= self.f.tweet_chars:
            return True
        prefix = _PREFIX.match(line)
        return bool(prefix) and line.find(prefix.group(), prefix.end()) > 0

    def continues(self, i: int) -> bool:
        """A line that is one more tweet under a timeline header: it reads as a tweet
        (a hashtag, a mention, a tweet link) and is one tweet long, does not introduce
        something (a final ":"), is not a list item, not a bare status link, not cut
        short, not the page's chrome."""
        line = self.tweet_line(i)
        return (self.tweet_sized(line) and not line.endswith(":")
                and not _LIST_ITEM.match(self.lines[i]) and not self.f.status_line.fullmatch(line)
                and not _cut_short(line) and bool(self.f.tweetish.search(line)) and not self.chrome(i))

    def ends_timeline(self, i: int) -> bool:
        """A list item, what a header left of one, or a header."""
        return bool(i in self.markers or _LIST_ITEM.match(self.lines[i]) or _BARE_MARKER.fullmatch(self.lines[i])
                    or self.header(i))

    def widget_item(self, i: int) -> bool:
        """A tweet line of a timeline widget: cut short, or its age on the line below."""
        below = self.next_content(i)
        return bool(_cut_short(self.tweet_line(i))
                    or (below is not None and self.f.age_line.fullmatch(self.plain(below).text)))

    # -- fields and accounting

    def tweet(self, name: str | None, handle: str, when: str | None, text: str, url: str | None) -> dict[str, Any]:
        when = " ".join(when.split()) if when else None
        return {
            "name": " ".join(name.split()) or None if name else None,
            "handle": handle,
            "when": when,
            "date": self.iso_date(when),
            "text": text,
            "hashtags": _unique(m["tag"] for m in _HASHTAG.finditer(text)),
            "mentions": _unique(m["user"] for m in _MENTION.finditer(text)),
            "urls": _urls(text),
            "url": url,
            "in": self.where,
        }

    def iso_date(self, when: str | None) -> str | None:
        m = self.f.full_date.fullmatch(when) if when else None
        if not m:
            return None
        return iso_date(m["year"], m["mm"] or m["month"], m["day"])

    def status_url(self, lines: list[int], handle: str) -> str | None:
        """The first link to a status of ``handle`` on the raw ``lines``."""
        for i in lines:
            for m in self.f.status_link.finditer(self.lines[i]):
                if m["handle"].casefold() == handle.casefold():
                    return m.group()
        return None

    def account(self, found: _Found, i: int, held: list[tuple[int, int]], rule: str, skip: int = 0) -> None:
        """Line ``i`` leaves the body from plain offset ``skip`` on: record it as a
        span, the markup cut from it, and what of its plain text is not in ``held``
        (the plain spans the tweet's fields hold)."""
        plain, base = self.plain(i), self.start(i)
        raw_skip = plain.raw_end(skip)
        found.spans.append(self.span(i, raw_skip))
        found.residue.extend(("markup", base + offset, piece) for offset, piece in plain.pieces if offset >= raw_skip)
        pos = skip
        for a, b in [*sorted(held), (len(plain.text), len(plain.text))]:
            for run in _RUN.finditer(plain.text, pos, max(pos, a)):
                found.residue.extend((rule, base + offset, text)
                                     for offset, text in plain.raw_runs(*run.span()) if text.strip())
            pos = max(pos, b)

    def account_text(self, found: _Found, lines: list[int]) -> None:
        for i in lines:
            self.account(found, i, [(0, len(self.plain(i).text))], "markup")

    # -- the embed

    def embeds(self, candidates: list[int]) -> Iterator[_Found]:
        for i in candidates:
            if i in self.taken or not (m := self.signature(i)):
                continue
            glued = bool(m["lead"].strip())
            if m["when"] is not None:
                above = self.embed_text_lines(i, glued)
            elif self.depth(i) and not glued:  # without a date, a signature only ends the block quote of a tweet
                above = self.fit(self.quote_above(i, self.depth(i)))
            else:
                continue
            first = next((n for n, k in enumerate(above) if self.tweet_line(k)), None)
            inner = [above.pop(first)] if first is not None and self.short(above[first]) \
                and self.f.label_line.fullmatch(self.tweet_line(above[first])) else []  # "> Twitter" opening the quote
            text = _clean_text([self.plain(k).text for k in above] + [m["lead"]])
            if not text:
                continue  # no tweet without its text (the signature of a tweet the page lost)
            below = self.next_content(i)
            link = [below] if below is not None and self.status_line_of(below, m["handle"]) else []
            labels = inner + self.labels(min([*above, *inner, i]), link[-1] if link else i)
            self.taken.update([*above, i, *link, *labels])
            url = self.status_url([i, *link], m["handle"])
            found = _Found("embed", [self.tweet(m["name"], m["handle"], m["when"], text, url)])
            self.account_text(found, above)
            self.account(found, i, [m.span("lead"), m.span("name"), m.span("handle"), m.span("when")], "signature")
            self.account_text(found, link)  # held in "url"
            for k in labels:
                self.account(found, k, [], "label")
            yield found

    def embed_text_lines(self, i: int, glued: bool) -> list[int]:
        """The lines of the tweet above its signature: the block quote the signature
        closes, else the paragraph it ends, else (a signature on its own) the block
        quote or paragraph before it."""
        if self.depth(i):
            lines = self.quote_above(i, self.depth(i))
            if glued or any(self.tweet_line(k) for k in lines):
                return self.fit(lines)
        elif glued:
            return self.fit(self.paragraph_above(i))
        k = i - 1
        if k < 0 or self.blank(k) or k in self.taken or self.depth(k) > self.depth(i):
            k = self.previous_content(i)
            if k is None or (not self.depth(k) and self.tweet_line(k).endswith(":")):
                return []  # the author's line introducing the tweet
        return self.fit(self.quote_above(k + 1, 1) if self.depth(k) else self.paragraph_above(k + 1))

    def quote_above(self, i: int, depth: int) -> list[int]:
        """The lines of the block quote right above line ``i``, ``depth`` quotes deep or
        deeper, up to the signature of a tweet before it. The lines of a tweet quoted
        in it (deeper, read before) are stepped over: they are that tweet's."""
        lines, k = [], i - 1
        while k >= 0 and (d := self.depth(k)) >= depth:
            if k in self.taken:
                if d == depth:
                    break
            elif self.signature(k):
                break
            else:
                lines.append(k)
            k -= 1
        return lines[::-1]

    def paragraph_above(self, i: int) -> list[int]:
        """The lines of the paragraph right above line ``i`` (not quoted, no list)."""
        lines, k = [], i - 1
        while k >= 0 and not self.blank(k) and k not in self.taken and not self.depth(k) \
                and not _LIST_ITEM.match(self.lines[k]) and not self.signature(k) and not self.header(k):
            lines.append(k)
            k -= 1
        return lines[::-1]

    def fit(self, lines: list[int]) -> list[int]:
        """The last paragraphs of ``lines`` that fit in a tweet: the rest of a longer
        quote is the author's quotation above the embed."""
        size, first = 0, len(lines)
        for n in range(len(lines) - 1, -1, -1):
            size += len(self.plain(lines[n]).text)
            if size > self.f.embed_text_chars:
                break
            if n == 0 or not self.plain(lines[n - 1]).text.strip():
                first = n
        return lines[first:]

    def labels(self, first: int, last: int) -> list[int]:
        """The line right above an embed's first line naming it ("Twitter"), and the
        one right below its last linking to it ("View on Twitter")."""
        above, below = self.adjacent(first, -1), self.adjacent(last, 1)
        return ([above] if above is not None and self.short(above)
                and self.f.label_line.fullmatch(self.plain(above).text) else []) + \
            ([below] if below is not None and self.short(below)
             and self.f.link_below_line.fullmatch(self.plain(below).text) else [])

    # -- the pasted timeline

    def timelines(self, candidates: list[int]) -> Iterator[_Found]:
        # From the last header up: the lines a header's decision looks at (its tweets
        # and what follows them) are those left once the headers below took theirs,
        # which is what a second run sees.
        for i in reversed(candidates):
            if i in self.taken or not (m := self.header(i)):
                continue
            lines = self.timeline_lines(i, m)
            if lines is None:
                continue
            above = [i - 1] if i and i - 1 not in self.taken and self.short(i - 1) and self.f.above_line.fullmatch(
                self.plain(i - 1).text) else []
            self.taken.update([*above, i, *lines])
            if m["marker"].strip():
                self.markers.add(i)
            yield self.timeline(i, m, lines, above)

    def timeline_lines(self, i: int, m: regex.Match) -> list[int] | None:
        """The lines under header ``i``: tweets, the chrome copied with them, status
        links right after one. None if the header heads no tweet (a byline, a
        profile box, a widget)."""
        handle = m["handle"]
        lines: list[int] = []
        j = self.next_content(i)
        while j is not None and not self.ends_timeline(j) and self.chrome(j):  # "Replying to @x"
            lines.append(j)
            j = self.next_content(j)
        if j is None or self.ends_timeline(j) or not self.tweet_sized(self.tweet_line(j)):
            return lines if _timed(m) else None  # a tweet the page does not show the text of
        if m["when"] is None:  # a tweet line, the chrome of a copied tweet or its stamp show it is one
            below = self.next_content(j)
            evidence = lines or self.continues(j) or (below is not None and (self.chrome(below) or self.stamp(below)))
            if not evidence:
                return None
        if not _timed(m) and self.names_the_account(j, m):
            return None
        lines.append(j)
        while (k := self.next_content(lines[-1])) is not None and not self.ends_timeline(k):
            if self.status_line_of(k, handle) and not self.status_line_of(lines[-1], handle):
                lines.append(k)
            elif self.chrome(k) or self.stamp(k) or self.continues(k):
                lines.append(k)
            else:
                break
        if any(self.widget_item(k) for k in lines if not self.status_line_of(k, handle) and not self.chrome(k)):
            self.widget.update(lines)  # site chrome: neither its header's nor retweets
            return None
        return lines

    def timeline(self, i: int, m: regex.Match, lines: list[int], above: list[int]) -> _Found:
        """The tweets under header ``i``: one a line (lines glued at a repeated prefix
        split), the first with the header's time; a status link is the address of
        the tweet above it (or of the header's tweet), a time stamp its time."""
        name, handle = m["name"], m["handle"]
        links = {k for k in lines if self.status_line_of(k, handle)}
        stamps = {k: s for k in lines if k not in links and (s := self.stamp(k))}
        chrome = {k for k in lines if k not in links and k not in stamps and self.chrome(k)}
        texts = {k: self.tweet_line(k) for k in lines if k not in links and k not in stamps and k not in chrome}
        prefix = _PREFIX.match(next(iter(texts.values()), ""))
        if prefix and sum(text.startswith(prefix.group()) for text in texts.values()) < 2:
            prefix = None
        found = _Found("timeline", [self.tweet(name, handle, m["when"], "", self.status_url([i], handle))])
        for k in above:
            self.account(found, k, [], "chrome")
        self.account(found, i, [m.span("name"), m.span("handle"), m.span("when")], "header",
                     skip=len(m["marker"]))
        for k in lines:
            held: list[tuple[int, int]] = []
            last = found.tweets[-1]
            if k in links:
                if last["url"] is None:
                    last["url"] = self.status_url([k], handle)
                    held = [(0, len(self.plain(k).text))]
            elif k in stamps:
                if last["when"] is None:
                    last["when"], last["date"] = stamps[k]["when"], self.iso_date(stamps[k]["when"])
                    held = [stamps[k].span("when")]
            elif k in texts:
                for text in _split_glued(texts[k], prefix.group()) if prefix else [texts[k]]:
                    if found.tweets[-1]["text"]:
                        found.tweets.append(self.tweet(name, handle, None, text, None))
                    else:  # the header's own tweet
                        found.tweets[-1] = self.tweet(name, handle, found.tweets[-1]["when"], text,
                                                      found.tweets[-1]["url"])
                held = [(0, len(self.plain(k).text))]
            self.account(found, k, held, "header" if k in links else "markup" if k in texts else "chrome")
        return found

    # -- the pasted retweet

    def retweets(self, candidates: list[int]) -> Iterator[_Found]:
        """"RT @handle: text" on a line of its own. (Under a timeline header it is the
        header's tweet, read before; in a widget it is site chrome.)"""
        for i in candidates:
            if i in self.taken or i in self.widget or "RT" not in self.lines[i].upper() \
                    or not (m := self.f.retweet_line.fullmatch(self.plain(i).text)) or not self.continues(i):
                continue
            self.taken.add(i)
            found = _Found("retweet", [self.tweet(None, m["handle"], None, _clean_text([m["text"]]), None)])
            self.account(found, i, [m.span("handle"), m.span("text")], "retweet")
            yield found


def _timed(header: regex.Match) -> bool:
    """A header whose time reads as a tweet's: an age ("13h"), or a time after a
    separator ("· Apr 25"). A bare date after a handle may close a byline too."""
    return header["age"] is not None or (header["when"] is not None and header["separator"] is not None)


def _split_glued(line: str, prefix: str) -> list[str]:
    """Tweets glued together, each starting with ``prefix``.

    >>> _split_glued("#Lavrov: one @RussiaUN#Lavrov: two", "#Lavrov:")
    ['#Lavrov: one @RussiaUN', '#Lavrov: two']
    """
    parts = regex.split(rf"(?<=\S)(?={regex.escape(prefix)})", line)
    return [part.strip() for part in parts if part.strip()]


# ---------------------------------------------------------------------------------
# The pass

_BLANK_LINES_AT_START = regex.compile(r"\A(?:[ \t]*\n)+")


def _cut(text: str, spans: list[tuple[int, int]]) -> str:
    """``text`` without ``spans`` (sorted, disjoint); where something was cut, the
    text on either side is one blank line apart.

    >>> _cut("Intro:\\n\\nName @a 2h\\ntweet\\n\\nMore prose.\\n", [(8, 18), (19, 24)])
    'Intro:\\n\\nMore prose.\\n'
    """
    if not spans:
        return text
    chunks, pos = [], 0
    for start, end in spans:
        chunks.append(text[pos:start])
        pos = end
    chunks.append(text[pos:])
    out: list[str] = []
    for n, chunk in enumerate(chunks):
        if n:
            chunk = _BLANK_LINES_AT_START.sub("", chunk)
        if not chunk.strip():
            continue
        if out:
            out[-1] = out[-1].rstrip()
            out.append("\n\n")
        out.append(chunk)
    if out and not chunks[-1].strip():  # the text ended with a tweet
        out[-1] = out[-1].rstrip() + ("\n" if text.endswith("\n") else "")
    return "".join(out)


class _Recorded:
    """The record's tweets, counted once (not again for every comment: a page may hold
    thousands), so that tweets found again are not recorded twice."""

    def __init__(self, tweets: list[dict[str, Any]]):
        self.tweets = tweets
        self.counts = Counter(map(self._key, tweets))

    @staticmethod
    def _key(tweet: dict[str, Any]) -> str:
        return json.dumps(tweet, sort_keys=True, ensure_ascii=False)

    def add_new(self, found: list[dict[str, Any]]) -> None:
        """Append the ``found`` tweets not recorded yet (as many times as they were
        found), so a second run adds no copies of the tweets it finds again."""
        seen: Counter = Counter()
        added = []
        for tweet in found:
            key = self._key(tweet)
            if seen[key] < self.counts[key]:
                seen[key] += 1
            else:
                self.tweets.append(tweet)
                added.append(key)
        self.counts.update(added)


def _read(text: str, where: str) -> list[_Found]:
    return _Reader(text, where).read() if "@" in text else []  # every form has an "@"


def find_tweets(text: str, where: str = "body") -> list[dict[str, Any]]:
    """The tweets quoted in ``text``, in order (``where``: "body" or "comments").

    >>> [t["handle"] for t in find_tweets("> Nice. pic.twitter.com/a1\\n>\\n> — Dele (@dele_official) November 19, 2019")]
    ['dele_official']
    """
    return [tweet for found in _read(text, where) for tweet in found.tweets]


#: Which tweets leave the body, by the ``leave`` option.
LEAVING_FORMS = {
    "pasted": {"timeline", "retweet"},
    "all": {"embed", "timeline", "retweet"},
    "none": set(),
}


def tweets_pass(record: Record, leave: str = "pasted") -> Record:
    """Record the tweets of ``record.text`` and of the comments; move those of the
    forms ``leave`` names (see LEAVING_FORMS) out of the text.

    By default a pasted tweet (the copied timeline, "RT @x:" lines) leaves the body,
    and an embed stays: it is a block quote the article itself shows, kept as quoted
    material like any other block quote (and recorded in ``tweets`` too).
    """
    out = record.copy()
    leaving = LEAVING_FORMS[leave]
    staying: list[dict[str, Any]] = []
    cut: list[_Found] = []
    for found in _read(record.text, "body"):
        (cut if found.form in leaving else staying).append(found)
    for f in cut:
        out.tweets.extend(f.tweets)
        for rule, start, text in sorted(f.residue, key=lambda r: r[1]):
            out.remove(PASS, f"{PASS}.{rule}", text, start=start)
    out.text = _cut(record.text, sorted(span for f in cut for span in f.spans))
    recorded = _Recorded(out.tweets)
    recorded.add_new([tweet for f in staying for tweet in f.tweets])
    for comment in out.comments:
        if isinstance(comment, dict) and isinstance(comment.get("text"), str):
            tweets = find_tweets(comment["text"], "comments")
            if comment.get("id") is not None:
                for tweet in tweets:
                    tweet["comment"] = comment["id"]
            recorded.add_new(tweets)
    return out


SPEC = PassSpec(
    name=PASS,
    description="Record pasted and embedded tweets as structured records; pasted ones leave the body.",
    build=lambda tweets_leave="pasted": partial(tweets_pass, leave=tweets_leave),
    options=(PassOption("tweets_leave", "Which tweets leave the body text: pasted (copied timelines and RT lines; "
                                        "embeds stay as block quotes), all, or none (only recorded).",
                        kind="choice", choices=tuple(LEAVING_FORMS), default="pasted"),),
)
