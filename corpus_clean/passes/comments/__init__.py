"""The ``comments`` pass: reader comments out of the body, rebuilt as a thread.

Scraped article pages end with reader comments flattened into text. The pass finds
each comment section (see :mod:`.thread` for the signals it trusts), takes it out of
``text`` and turns it into ``comments``, in document order::

    {"id": "c3", "parent": "c1", "depth": 1, "number": null,
     "author": "Anna Schneider", "date": "1. November 2023 um 11:54 Uhr", "text": "..."}

``depth`` follows the indentation of the list markers, ``parent`` is the nearest earlier
comment one level up in the same branch (null at the top, and for a reply whose parent
is not on the page), ``number`` the printed number of a numbered top-level comment.
Each line of a comment is one paragraph of its text, as plain text (links keep their
label, escapes and emphasis go). A tweet pasted into a comment stays in its text.

What the section held besides the comments' text is recorded in ``removed``: the
section heading (``comments.heading``), labels around it and above author lines, a
reply's subject ("Re: …") among them (``comments.label``), author/date lines and
"In reply to X" lines (``comments.header``; the author and date are also in the
comment), list markers (``comments.marker``), reply buttons and like counts
(``comments.button``), pingbacks (``comments.pingback``) and the markup stripped from the
text (``comments.markup``). A comment's own title above its author line is the first
paragraph of its text. A comment form after the thread stays in the body.

Pages where no thread is found with enough evidence are returned unchanged; most pages
are ruled out by a search for the words of evidence lines before their lines are read
(:mod:`.prescan`). Cutting a thread out brings the lines around it together, so the pass
looks again until nothing more is found: running it twice changes nothing.

With the ``explode`` option, each comment is also written as a record of its own
after its article (:func:`explode_record`, applied by the pipeline after the last pass).

>>> page = '''Das ist der Artikel.
...
... ### 2 Kommentare
...
...   • Anna Schneider sagt:
...
... [1\\\\. November 2023 um 11:54 Uhr](#)
...
... Dieses Amt gehört abgeschafft.
...
... [Antworten](#)
...
...     1. Uhu sagt:
...
... [1\\\\. November 2023 um 11:33 Uhr](#)
...
... Ja, *angeblich*.
...
...
...
...
... ### Schreibe einen Kommentar'''
>>> out = comments_pass(Record(id="doc", text=page))
>>> print(out.text)
Das ist der Artikel.
<BLANKLINE>
### Schreibe einen Kommentar
>>> [(c["id"], c["parent"], c["depth"], c["author"], c["text"]) for c in out.comments]
[('c1', None, 0, 'Anna Schneider', 'Dieses Amt gehört abgeschafft.'), ('c2', 'c1', 1, 'Uhu', 'Ja, angeblich.')]
>>> sorted({entry["rule"] for entry in out.removed})
['comments.button', 'comments.header', 'comments.heading', 'comments.markup']
"""

from __future__ import annotations

from typing import Any

import regex

from ...markup import strip_markup
from ...record import Record
from ..base import PassOption, PassSpec
from .lines import EMPTY, Kind, Line, is_role, normalize, read_lines
from .lines import forget  # noqa: F401  (re-exported: benchmarks start each round afresh)
from .prescan import may_hold_thread
from .thread import Thread, Unit, assign_depths, find_threads, parents

PASS = "comments"
_SPACES = regex.compile(r"\s+")
#: A label that is only a printed number ("  1. 1"): not a name, not a title.
_NUMBER_ONLY = regex.compile(r"[\W\d_]*")


class _Builder:
    """Turns the units of a thread into comments, recording what else their lines held."""

    def __init__(self, out: Record, lines: list[Line]):
        self.out = out
        self.lines = lines

    def drop(self, rule: str, line: Line, text: str | None = None, offset: int = 0) -> None:
        piece = line.raw if text is None else text
        if piece.strip():
            self.out.remove(PASS, f"{PASS}.{rule}", piece, start=line.start + offset)

    def paragraph(self, line: Line, offset: int) -> str:
        """Plain text of ``line.raw[offset:]``; the markup pieces are recorded."""
        plain, pieces = strip_markup(line.raw[offset:])
        for at, piece in pieces:
            self.drop("markup", line, piece, offset + at)
        return _SPACES.sub(" ", plain).strip()

    def comment(self, unit: Unit) -> dict[str, Any] | None:
        lines = self.lines
        if unit.pingback:
            for i in range(unit.first, unit.last + 1):
                self.drop("pingback", lines[i])
            return None
        author = date = None
        labels: list[str] = []     # names above an author/date line (avatar, name, points)
        more_name: list[str] = []  # a name's second line in the header ("Martina Berg" / "Autor")
        title = None               # a list item above the author/date line: a name or a title
        paragraphs: list[str] = []
        for i in range(unit.first, unit.last + 1):
            line = lines[i]
            if line.is_blank:
                continue
            if line.kind in (Kind.META, Kind.DATE) and (i <= unit.header_end or line.marker is None):
                self.drop("header", line)
                author = author or line.meta.author
                date = date or line.meta.date
            elif i < unit.anchor and (not unit.header_below or i <= unit.labels_end):
                if line.is_markdown_heading and line.kind is Kind.TEXT and not line.reply:
                    paragraphs.append(self.paragraph(line, line.indent_end))   # the comment's title
                    continue
                self.drop("label", line)   # (and a reply's subject, "Re: …", which repeats another's)
                if line.kind is Kind.TEXT and not line.reply:
                    labels.append(normalize(line.content))
            elif unit.anchor < i <= unit.header_end:
                self.drop("header", line)
                more_name.append(normalize(line.content))
            elif i == unit.anchor and unit.header_end > unit.anchor and line.kind is Kind.TEXT:
                self.drop("marker", line, line.raw[:line.content_start])
                title = line
            elif line.kind is Kind.ACTION:
                self.drop("marker" if i == unit.anchor else "button", line)   # (an avatar's list item)
            elif line.kind is Kind.REPLY_TO:
                self.drop("header", line)
            else:
                # the comment's own marker goes; a list inside the comment keeps its markers
                own_marker = line.marker is not None and i == unit.anchor
                if own_marker:
                    self.drop("marker", line, line.raw[:line.content_start])
                text = self.paragraph(line, line.content_start if own_marker else line.indent_end)
                if text:
                    paragraphs.append(text)
        if title is not None:
            label = normalize(title.content)
            if _NUMBER_ONLY.fullmatch(label):
                self.drop("label", title, title.content, title.content_start)
            elif author is None:
                author = " ".join([label, *more_name])
                self.drop("header", title, title.content, title.content_start)
            else:
                paragraphs.insert(0, self.paragraph(title, title.content_start))
        if author is None and labels:
            # (the name nearest the text; a role label may sit either side of it: "Gast" / "Bibi Blue")
            author = next((label for label in reversed(labels) if not is_role(label)), labels[-1])
        paragraphs = [p for p in paragraphs if p]
        if not paragraphs:
            return None
        anchor = lines[unit.anchor]
        numbered = anchor.marker is not None and anchor.marker[0].isdigit()
        return {"depth": unit.depth, "number": anchor.marker.rstrip(".)") if numbered and unit.depth == 0 else None,
                "author": author, "date": date, "text": "\n\n".join(paragraphs)}

    def thread(self, thread: Thread) -> list[dict[str, Any]]:
        for i in thread.heading:
            self.drop("heading" if self.lines[i].kind is Kind.HEADING else "label", self.lines[i])
        assign_depths(self.lines, thread)
        return [c for c in map(self.comment, thread.units) if c is not None]


#: Cutting a thread out brings the lines around it together, which may complete
#: another thread (a heading above the cut, comments below it): the pass looks again,
#: at most this many times, so that running it twice changes nothing.
_MAX_ROUNDS = 8


def _joined(before: list[Line], after: list[Line]) -> list[Line]:
    """Two runs of lines around a cut, with one blank line between them."""
    while before and before[-1].is_blank:
        before.pop()
    skip = 0
    while skip < len(after) and after[skip].is_blank:
        skip += 1
    if before and skip < len(after):
        before.append(EMPTY)
    before.extend(after[skip:])
    return before


def _cut(lines: list[Line], threads: list[Thread]) -> list[Line]:
    kept: list[Line] = []
    pos = 0
    for thread in threads:
        kept = _joined(kept, lines[pos:thread.start])
        pos = thread.end + 1
    kept = _joined(kept, lines[pos:])
    if lines[-1].is_blank and kept and not kept[-1].is_blank:
        kept.append(EMPTY)  # the text ended with a newline: so does the body
    return kept


def comments_pass(record: Record) -> Record:
    """Move the reader comments of ``record.text`` into ``record.comments`` (see module doc)."""
    out = record.copy()
    if not may_hold_thread(record.text):
        return out
    lines = read_lines(record.text)
    builder = _Builder(out, lines)
    threads: list[tuple[int, list[dict[str, Any]]]] = []   # (offset, comments), in document order
    for _ in range(_MAX_ROUNDS):
        found = find_threads(lines)
        if not found:
            break
        builder.lines = lines
        threads += [(lines[thread.start].start, builder.thread(thread)) for thread in found]
        lines = _cut(lines, found)
    if not threads:
        return out
    out.text = "\n".join(line.raw for line in lines)
    first = len(out.comments) + 1
    for _, comments in sorted(threads, key=lambda pair: pair[0]):
        ids = [f"c{first + n}" for n in range(len(comments))]
        first += len(comments)
        for comment, id_, parent in zip(comments, ids, parents([c["depth"] for c in comments])):
            out.comments.append({"id": id_, "parent": None if parent is None else ids[parent], **comment})
    return out


def explode_record(record: Record) -> list[Record]:
    """The article, then each of its comments as a record of its own: id
    ``<article id>/<comment id>``, ``article`` and ``parent`` naming records by id."""
    article = record.copy()
    article.comments = []
    ids = {c.get("id"): f"{record.id}/{c.get('id')}" for c in record.comments}
    records = [article]
    for comment in record.comments:
        fields = {key: comment.get(key) for key in ("depth", "number", "author", "date")}
        records.append(Record(
            id=ids[comment.get("id")], text=comment.get("text") or "", source=dict(record.source),
            extra={"article": record.id, "parent": ids.get(comment.get("parent")), **fields}))
    return records


SPEC = PassSpec(
    name=PASS,
    description="Take reader comments out of the body and rebuild the thread (author, date, depth, parent).",
    build=lambda explode=False: comments_pass,
    options=(PassOption("explode", "Write each comment as a record of its own (id <doc>/cN), after its article.",
                        kind="flag"),),
    expand=lambda explode=False: explode_record if explode else None,
)
