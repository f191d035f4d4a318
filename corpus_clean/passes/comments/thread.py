"""Where a page's reader-comment threads are, and where each comment starts.

A thread is a run of comments, each opened by an *anchor* line. Pages open comments in
four ways, and a thread keeps to the one its first comment uses:

* ``HEADER``: a list item that names the writer ("  1. **jeuys** 11. Dezember 2012",
  "  • Auslandsoesi sagt:"), or only the name, with the author/date line just below;
* ``META``: an author/date line without list marker ("Armanox June 28, 2015 at 10:25 pm");
  not the post's own byline right under the page's title;
* ``FOOTER``: an author/date line, or a date alone, under the comment's text and buttons
  ("__Daumen hoch 6 __Daumen runter" / "__1 Monat her"); the labels above the text (a
  role, a name, an avatar) are as many as every comment of the thread has;
* ``BARE``: list items holding the comment text itself: numbered items are top-level
  comments, bullets are replies, nesting follows indentation (the seed pages).

A thread ends at a comment form or closing notice, a new section or heading (but for a
comment's title just above its author line: "### Re: Compost" / "Submitted by …"), a
rule, a navigation list, the site's footer, or the blank lines that end a list; the site's
chrome after the last comment (a bar of links, a menu of short lines) is none of its
text. It is taken out only on evidence that it is reader comments: a section heading
("12 Kommentare") or sort bar just above it, reply marks (buttons, "In reply to X", "Re:"
subjects), vote buttons under two comments, "<name> sagt:" lines (with a
date, or more than one: an undated "Karim says:" introduces a quote), or (for list items
naming their writers) a comment form right after two or more of them. Names and dates
alone are no evidence: news teasers, event lists and bylines have them too; nor is a
site section after a list ("Related posts"), nor a heading above another section's
heading ("### Kommende Termine"). A bare list needs a heading and one more
sign, or, without heading, a comment form after an indented list nested at least two
deep (the seed pages). When unsure, the lines stay in the body. In a forum without a
comment heading, the posts before the first one titled "Re: …" are the topic's opening
post: the article, not a comment (unless the article is printed above them under its
own byline).

After a cut the pass looks again (see ``comments_pass``): a thread is found on the
lines as they are, not as they were.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from enum import Enum

import regex

from .lines import Kind, Line, is_link_bar, is_link_only, is_rule, normalize

#: The converter ends a list with three or more blank lines; inside a thread they mean
#: it is over, unless another comment follows straight away.
_END_OF_LIST_BLANKS = 3
#: Non-blank lines allowed between a blank-line break and the next comment's anchor.
_MAX_LINES_AFTER_BREAK = 5
#: Lines between a section heading and the first comment ("Kommentar hinzufügen",
#: "• Kommentare 4", "Alle Kommentare anzeigen").
_MAX_CHROME_LINES = 4
#: Heading and label lines, together, above a thread ("## Comments (1)" / "## One thought on …").
_MAX_HEADING_LINES = 8
_MAX_CHROME_WORDS = 8
#: A name on a list item, above a date line ("  1. Beate" / "19. Juni 2019 / 6:16",
#: "  5. Astrid S."); a sentence's punctuation makes it a headline.
_MAX_NAME_WORDS = 4
_NOT_A_NAME = regex.compile(r"[!?:;]\W*$|\w\w\.\W*$|\.\s+\w")
#: Label lines above an author/date line (avatar, name, points, profile link).
_MAX_LABEL_LINES = 6
#: Lines that a name may take before its author/date line ("Martina Berg" / "Autor").
_MAX_NAME_LINES = 1
#: Lines above the first author/date line of a thread that prints it under the comment:
#: searched for the labels that open the comment (its text lies between) ...
_MAX_FIRST_COMMENT_LINES = 60
#: ... or, when comments have none, for the heading or form above its text.
_MAX_TEXT_BEFORE_META = 12


#: Lines that no comment holds: a section heading, a comment form, a following section.
_ENDS = frozenset({Kind.HEADING, Kind.END, Kind.SECTION})


class Style(Enum):
    HEADER = "header"
    META = "meta"
    FOOTER = "footer"
    BARE = "bare"


@dataclass
class Unit:
    """One comment (or pingback): lines ``first`` to ``last`` (indexes, inclusive)."""

    anchor: int
    first: int
    last: int
    header_end: int            # last line of its author/date header
    pingback: bool = False
    depth: int = 0
    header_below: bool = False  # the author/date line follows the text
    labels_end: int = -1       # with the header below: the last of the labels that open it (name, avatar)

    def text_lines(self, lines: list[Line]) -> range:
        """The lines that may hold its text (the rest are its header and the labels above)."""
        if self.header_below:
            return range(max(self.first, self.labels_end + 1), self.anchor)
        return range(self.anchor if self.anchor_is_text(lines) else self.header_end + 1, self.last + 1)

    def anchor_is_text(self, lines: list[Line]) -> bool:
        """The list item opening the comment holds its text (or title), not its author:
        a bare item, or one with an author line below it."""
        if lines[self.anchor].kind is not Kind.TEXT:
            return False
        return self.header_end == self.anchor or any(
            lines[i].kind is Kind.META and lines[i].meta.author for i in range(self.anchor + 1, self.header_end + 1))


@dataclass
class Thread:
    start: int                 # first line of the section: heading, chrome or first unit
    end: int                   # last line of the last unit
    units: list[Unit]
    heading: list[int] = field(default_factory=list)   # heading and chrome lines before the units


# ---------------------------------------------------------------------------------
# Small line helpers

def _next_nonblank(lines: list[Line], i: int, limit: int | None = None) -> int | None:
    stop = len(lines) if limit is None else min(len(lines), limit)
    while i < stop:
        if not lines[i].is_blank:
            return i
        i += 1
    return None


def _blank_before(lines: list[Line], i: int) -> bool:
    return i == 0 or lines[i - 1].is_blank


def _is_chrome(line: Line) -> bool:
    """A short label or button between a section heading and its first comment."""
    return line.kind is not Kind.TEXT or (line.words <= _MAX_CHROME_WORDS and not line.is_prose)


def _is_name_line(line: Line) -> bool:
    return line.kind is Kind.TEXT and line.marker is None and not line.is_prose and line.words <= 3


# ---------------------------------------------------------------------------------
# Anchors

def _header_zone(lines: list[Line], i: int) -> int:
    """Last line of the author/date header that starts at anchor ``i``: the anchor,
    then at most one name line and the author/date lines below it."""
    last = i
    names = 0
    j = i + 1
    while j < len(lines):
        line = lines[j]
        if line.is_blank:
            j += 1
            continue
        if line.is_header:
            last = j
        elif (line.marker is None and names < _MAX_NAME_LINES and _is_name_line(line) and not lines[j - 1].is_blank
              and _meta_follows(lines, j + 1)):
            names += 1
            last = j
        else:
            break
        j += 1
    return last


def _meta_follows(lines: list[Line], i: int) -> bool:
    j = _next_nonblank(lines, i, i + 2)
    return j is not None and lines[j].is_header


def is_header_anchor(lines: list[Line], i: int) -> bool:
    """A list item that names its writer; or a list item with the author line below it
    (its title, its whole text, or only an avatar: "  1. ![](#)" / "[Ruth](#) March 4,
    2016"); or a name with the date line below it."""
    line = lines[i]
    if line.marker is None:
        return False
    if line.kind in (Kind.META, Kind.PINGBACK):
        return True
    avatar = line.kind is Kind.ACTION and line.words == 0
    if line.kind is not Kind.TEXT and not avatar:
        return False
    j = _next_nonblank(lines, i + 1, i + 3)
    if j is None:
        return False
    if lines[j].is_header and lines[j].kind is Kind.META:
        return True
    if avatar:
        return False
    if line.words > _MAX_NAME_WORDS or _NOT_A_NAME.search(line.content):
        return False  # a headline above a date: a teaser list
    if lines[j].is_header:
        return True
    # "• Martina Berg" / "Autor" / "19. Juni 2019 / 6:16"
    return j == i + 1 and _is_name_line(lines[j]) and _meta_follows(lines, j + 1)


def _is_meta_anchor(lines: list[Line], i: int) -> bool:
    """An author line, or a date line under a name ("[Luripu](#)" / "vor 1 Stunde"); not
    the post's own byline under the page's title."""
    line = lines[i]
    if line.marker is not None or _under_title(lines, i):
        return False
    if line.kind is Kind.META:
        return True
    if line.kind is not Kind.DATE:
        return False
    j = i - 1 if i and not lines[i - 1].is_blank else i - 2
    return j >= 0 and _is_name_line(lines[j])


def _under_title(lines: list[Line], i: int) -> bool:
    """Line ``i`` comes right after the page's title ("# Library extends Sunday opening hours")."""
    j = i - 1
    while j >= 0 and lines[j].is_blank:
        j -= 1
    return j >= 0 and lines[j].is_markdown_heading and not lines[j].content.startswith("##")


def _is_footer_anchor(lines: list[Line], i: int) -> bool:
    """An author/date line, or a date alone, under a comment's text and its buttons
    ("__Daumen hoch 6 __Daumen runter" / "__1 Monat her", "[Tom](#), [26. Januar 2022 13:05](#)")."""
    line = lines[i]
    if line.marker is not None or line.kind not in (Kind.META, Kind.DATE):
        return False
    j = i - 1
    while j >= 0 and (lines[j].is_blank or lines[j].kind is Kind.ACTION):
        j -= 1
    return j >= 0 and lines[j].kind is Kind.TEXT and not lines[j].is_markdown_heading


def _is_bare_anchor(lines: list[Line], i: int, top_indent: int) -> bool:
    """A list item of comment text: bullets at any depth, numbers only at the top
    (deeper numbers are the writer's own list), after a blank line."""
    line = lines[i]
    if line.marker is None or line.kind is Kind.ACTION or line.kind in _ENDS or not _blank_before(lines, i):
        return False
    return not line.marker[0].isdigit() or line.indent <= top_indent


# ---------------------------------------------------------------------------------
# Growing a thread from its first anchor

def _is_stop(line: Line, title_allowed: bool) -> bool:
    """A line no comment holds: a comment form, a new section, another heading, a
    horizontal rule, a navigation entry (a list item that is only a link)."""
    if line.kind in _ENDS or is_rule(line.raw):
        return True
    if line.marker is not None and line.kind is Kind.TEXT and is_link_only(line.content):
        return True
    return line.is_markdown_heading and line.kind is Kind.TEXT and not title_allowed


@dataclass
class _Growth:
    anchors: list[int]
    headers: list[int]         # end of each anchor's header zone
    last: int                  # last non-blank line of the last unit
    stop: int | None           # the line that ended the thread, if any
    indented: bool             # bare comments in the indented layout (see _indented_layout)


def _grow(lines: list[Line], first: int, style: Style) -> _Growth:
    """Follow the thread from anchor ``first`` to its end."""
    top_indent = lines[first].indent
    indented = style is Style.BARE and _indented_layout(lines, first)
    # (a footer is one line: a name line after it opens the next comment)
    zone = (lambda i: i) if style is Style.FOOTER else (lambda i: _header_zone(lines, i))
    anchors, headers = [first], [zone(first)]
    last = headers[0]
    blanks = 0
    after_break = None   # lines seen since blank lines ended the list, if they did
    i = headers[0] + 1
    # a heading right after a comment's header is its title (a footer ends a comment)
    titled = style is not Style.FOOTER
    title_allowed = titled
    stop = None
    while i < len(lines):
        line = lines[i]
        if line.is_blank:
            blanks += 1
            i += 1
            continue
        if blanks >= _END_OF_LIST_BLANKS and after_break is None:
            after_break = 0
        blanks = 0
        if after_break is not None:
            after_break += 1
            if after_break > _MAX_LINES_AFTER_BREAK:
                break
        if _is_anchor(lines, i, style, top_indent):
            if line.marker and line.marker[0].isdigit():
                top_indent = min(top_indent, line.indent)
            anchors.append(i)
            headers.append(zone(i))
            last = headers[-1]
            after_break = None
            title_allowed = titled
            i = headers[-1] + 1
            continue
        if ((_is_stop(line, title_allowed) and not _titles_next(lines, i, style, top_indent))
                or (indented and line.indent < min(top_indent, 2))):
            stop = i
            break
        title_allowed = False
        if after_break is None:
            last = i
        i += 1
    return _Growth(anchors, headers, last, stop, indented)


#: Lines between a comment's title and its author line ("### Re: Compost" / "Submitted by …").
_MAX_TITLE_GAP = 2


def _titles_next(lines: list[Line], i: int, style: Style, top_indent: int) -> bool:
    """A markdown heading right above the next comment's anchor is that comment's title
    (Drupal, forums), not a new section."""
    if not (lines[i].is_markdown_heading and lines[i].kind is Kind.TEXT):
        return False
    j = _next_nonblank(lines, i + 1, i + 1 + _MAX_TITLE_GAP * 2)
    return j is not None and _is_anchor(lines, j, style, top_indent)


def _is_anchor(lines: list[Line], i: int, style: Style, top_indent: int) -> bool:
    if style is Style.HEADER:
        return is_header_anchor(lines, i)
    if style is Style.META:
        return _is_meta_anchor(lines, i)
    if style is Style.FOOTER:
        return _is_footer_anchor(lines, i)
    return _is_bare_anchor(lines, i, top_indent)


def _indented_layout(lines: list[Line], first: int) -> bool:
    """Bare comments whose continuation lines are indented under their markers (the
    seed pages), rather than flush left (the converted pages)."""
    if lines[first].indent < 2:
        return False
    for i in range(first + 1, len(lines)):
        line = lines[i]
        if line.kind in _ENDS:
            break  # no unmarked line before the thread ends
        if not line.is_blank and line.marker is None:
            return line.indent >= 2
    return True


# ---------------------------------------------------------------------------------
# Units: which lines belong to which comment

def _units_from_anchors(lines: list[Line], growth: _Growth) -> list[Unit]:
    """Each comment runs from its anchor to the line before the next one."""
    units = []
    for n, (anchor, header_end) in enumerate(zip(growth.anchors, growth.headers)):
        last = growth.anchors[n + 1] - 1 if n + 1 < len(growth.anchors) else growth.last
        while last > header_end and lines[last].is_blank:
            last -= 1
        units.append(Unit(anchor, anchor, max(last, header_end), header_end,
                          pingback=lines[anchor].kind is Kind.PINGBACK))
    return units


def _trailing_labels(lines: list[Line], first: int, last: int) -> int:
    """How many non-blank lines at the end of ``lines[first:last + 1]`` are labels,
    names or buttons rather than prose."""
    count = 0
    for i in range(last, first - 1, -1):
        line = lines[i]
        if line.is_blank:
            continue
        # (a date line ends the comment above: "[March 4, 2016 at 10:15 AM](#)" under its text)
        prose = line.is_prose and not line.reply   # (a reply's subject: "### Re: Squealing disc brakes after rain")
        if prose or line.kind in _ENDS or line.kind in (Kind.META, Kind.DATE) or line.marker is not None \
                or count == _MAX_LABEL_LINES:
            break
        count += 1
    return count


def _take_back(lines: list[Line], i: int, count: int, floor: int) -> int:
    """The first of the ``count`` non-blank lines before line ``i`` (not before ``floor``)."""
    first = i
    j = i - 1
    while count and j >= floor:
        if not lines[j].is_blank:
            first = j
            count -= 1
        j -= 1
    return first


def _meta_units(lines: list[Line], growth: _Growth, floor: int) -> list[Unit]:
    """Comments opened by author/date lines. Sites print a few label lines above that
    line (avatar, name, points): as many as every gap between two author/date lines
    ends with, since each gap is one comment's text followed by the next one's labels."""
    anchors, headers = growth.anchors, growth.headers
    gaps = [_trailing_labels(lines, headers[n] + 1, anchors[n + 1] - 1) for n in range(len(anchors) - 1)]
    before_first = _trailing_labels(lines, floor, anchors[0] - 1)
    labels = min(gaps) if gaps else min(before_first, _MAX_CHROME_LINES)
    firsts = [_take_back(lines, anchors[0], min(labels, before_first), floor)]
    firsts += [_take_back(lines, a, labels, h + 1) for a, h in zip(anchors[1:], headers)]
    units = []
    for n, (first, anchor, header_end) in enumerate(zip(firsts, anchors, headers)):
        last = firsts[n + 1] - 1 if n + 1 < len(firsts) else _before_labels(lines, growth.last, header_end, firsts[1:])
        while last > header_end and lines[last].is_blank:
            last -= 1
        units.append(Unit(anchor, first, max(last, header_end), header_end))
    return units


def _before_labels(lines: list[Line], last: int, header_end: int, firsts: list[int]) -> int:
    """The end of the last comment: a line that opens every other comment's labels
    (phpBB's "Top" before each "Re: …") also follows the last one, and is none of its text."""
    if not firsts or not all(lines[f].kind is Kind.TEXT for f in firsts):
        return last
    label = {lines[f].content.strip() for f in firsts}
    if len(label) == 1 and last > header_end and lines[last].content.strip() in label:
        return last - 1
    return last


def _is_label(line: Line) -> bool:
    """A line that opens a comment above its text: a name (a long one too: "Paul Pimmel -
    der Herr des Kosmos"), a role, an avatar, a profile link."""
    return line.kind is Kind.ACTION or (line.kind is Kind.TEXT and not line.ends_sentence
                                        and line.words <= _MAX_CHROME_WORDS)


def _leading_labels(lines: list[Line], start: int, anchor: int) -> list[int]:
    """The label lines that open the comment from ``start`` to its footer ``anchor``; a
    comment of one short line ("Top") keeps it as its text."""
    found: list[int] = []
    i = start
    while i < anchor and len(found) < _MAX_LABEL_LINES:
        if not lines[i].is_blank:
            if not _is_label(lines[i]):
                return found
            found.append(i)
        i += 1
    while found and lines[found.pop()].kind is not Kind.TEXT:
        pass   # no text after the labels: the last of them is the text
    return found


def _label_shape(line: Line) -> tuple[Kind, bool, bool]:
    """What two label lines share when their words differ: a linked name, a role marker."""
    return line.kind, line.marker is not None, is_link_only(line.content)


def _first_footer_start(lines: list[Line], anchor: int, others: list[list[int]], labels: int,
                        floor: int) -> tuple[int, int] | None:
    """Where the first comment of a footer thread starts, and its last label line.

    Its ``labels`` are as many as every other comment's (``others``: their label lines), and
    those above its text that look most like theirs (the same role or avatar; else a line
    of the same kind: a linked name for a linked name); the nearest wins a tie. Without
    labels it starts at its first line of prose after a line no comment holds (a heading,
    a form, a rule) not far above."""
    block: list[int] = []   # its non-blank lines, from the anchor up
    bounded = floor > 0     # (an earlier thread, not the top of the page)
    blanks = 0
    i = anchor - 1
    while i >= floor and len(block) < _MAX_FIRST_COMMENT_LINES:
        line = lines[i]
        if line.is_blank:
            blanks += 1
            if blanks >= _END_OF_LIST_BLANKS:
                bounded = True
                break
        elif line.kind not in (Kind.TEXT, Kind.ACTION) or is_rule(line.raw) or line.is_markdown_heading:
            bounded = True
            break
        else:
            blanks = 0
            block.append(i)
        i -= 1
    block.reverse()
    if not labels:
        first = next((j for j in block if lines[j].is_prose), None)
        if first is None or not bounded or len(block) > _MAX_TEXT_BEFORE_META:
            return None
        return first, first - 1
    contents = [{normalize(lines[o[k]].content) for o in others} for k in range(labels)]
    normalized = {j: normalize(lines[j].content) for j in block if _is_label(lines[j])}
    shapes = [{_label_shape(lines[o[k]]) for o in others} for k in range(labels)]
    best, best_score = None, labels   # (labels shaped like the others' at least)
    for p in range(len(block) - labels):
        window = block[p:p + labels]
        if not all(_is_label(lines[j]) for j in window):
            continue
        if not any(lines[j].kind is Kind.TEXT for j in block[p + labels:]):
            break   # no text below: these are the comment's last lines and buttons
        score = sum(2 if normalized[j] in contents[k] else _label_shape(lines[j]) in shapes[k]
                    for k, j in enumerate(window))
        if score >= best_score:
            best, best_score = p, score
    if best is None:
        return None
    return block[best], block[best + labels - 1]


def _footer_units(lines: list[Line], growth: _Growth, floor: int) -> list[Unit] | None:
    """Comments whose author/date line (or date alone) comes after their text: each runs
    from its labels (as many as every comment has) to that line; the last one also takes
    the buttons after it. None if the layout is not this one: text after the last
    author/date line means each of them heads a comment."""
    anchors = growth.anchors
    tail = _buttons_after(lines, anchors[-1])
    if any(lines[i].is_prose for i in range(tail + 1, growth.last + 1)):
        return None
    starts = [_next_nonblank(lines, a + 1) for a in anchors[:-1]]
    others = [_leading_labels(lines, start, anchor) for start, anchor in zip(starts, anchors[1:])]
    labels = min(len(o) for o in others) if others else 0
    first = _first_footer_start(lines, anchors[0], others, labels, floor)
    if first is None:
        return None
    units = [Unit(anchors[0], first[0], anchors[0], anchors[0], header_below=True, labels_end=first[1])]
    for start, anchor, own in zip(starts, anchors[1:], others):
        units.append(Unit(anchor, start, anchor, anchor, header_below=True,
                          labels_end=own[labels - 1] if labels else start - 1))
    units[-1].last = tail
    return units


def _buttons_after(lines: list[Line], anchor: int) -> int:
    """The last of the button lines right after line ``anchor``, or ``anchor``."""
    last = anchor
    j = anchor + 1
    while j < len(lines) and (lines[j].is_blank or lines[j].kind is Kind.ACTION):
        if lines[j].kind is Kind.ACTION:
            last = j
        j += 1
    return last


# ---------------------------------------------------------------------------------
# Evidence

def is_evidence(line: Line) -> bool:
    """A line only comment sections have: a section heading or sort bar, a comment form, a
    reply mark, vote buttons or "<name> sagt:". Every accepted thread has one (its heading,
    a reply mark, votes or "sagt:" in a comment, or the form after it; see ``_accepted``),
    so a page without one has none."""
    return (line.kind in (Kind.HEADING, Kind.END) or line.reply or line.vote
            or (line.kind is Kind.META and line.meta.said))


def _has_reply_button(lines: list[Line], unit: Unit) -> bool:
    return any(lines[i].reply for i in range(unit.first, unit.last + 1))


def _has_votes(lines: list[Line], unit: Unit) -> bool:
    return any(lines[i].vote for i in range(unit.first, unit.last + 1))


def _voted(lines: list[Line], comments: list[Unit]) -> bool:
    """Vote buttons under two comments at least."""
    return sum(_has_votes(lines, u) for u in comments) >= 2


def _holds_footers(lines: list[Line], units: list[Unit]) -> bool:
    """A comment that holds two author/date lines under texts: these comments are another
    layout's (the article under its byline, then comments that print their date last)."""
    return any(sum(_is_footer_anchor(lines, i) for i in range(u.header_end + 1, u.last + 1)) >= 2 for u in units)


def _has_header(lines: list[Line], unit: Unit) -> bool:
    return any(lines[i].kind in (Kind.META, Kind.DATE) for i in range(unit.first, unit.last + 1))


def _says(lines: list[Line], unit: Unit) -> bool:
    """Opened by "<name> sagt:" or "Kommentar von <name>"."""
    return any(lines[i].kind is Kind.META and lines[i].meta.said for i in range(unit.anchor, unit.header_end + 1))


def _dated(lines: list[Line], unit: Unit) -> bool:
    """Its header holds a date ("Anna sagt:" / "3. März 2021 um 09:12 Uhr")."""
    return any(lines[i].kind in (Kind.META, Kind.DATE) and lines[i].meta.date
               for i in range(unit.anchor, unit.header_end + 1))


def _said(lines: list[Line], comments: list[Unit]) -> bool:
    """Comments that name their writers as only comments do: "<name> sagt:" with a date,
    or several of them. One undated "Karim says:" introduces a quote in an article."""
    said = [u for u in comments if _says(lines, u)]
    return len(said) >= 2 or any(_dated(lines, u) for u in said)


def _has_text(lines: list[Line], unit: Unit) -> bool:
    """Some text of its own: a comment that is only links is a teaser ("Neue Kommentare")."""
    return any(lines[i].kind is Kind.TEXT and not is_link_only(lines[i].content) for i in unit.text_lines(lines))


def _accepted(lines: list[Line], style: Style, units: list[Unit], heading: bool, form_after: bool,
              indented: bool = False) -> bool:
    """Enough evidence that these units are reader comments. Repeated name-and-date
    lines alone are not: news teasers and event lists have them too."""
    comments = [u for u in units if not u.pingback and _has_text(lines, u)]
    if not comments:
        return False
    marked = any(_has_reply_button(lines, u) for u in comments) or _said(lines, comments) or _voted(lines, comments)
    if style is Style.HEADER:
        # a comment form follows articles too: with it alone, one dated list item is no thread
        return heading or marked or (form_after and len(comments) >= 2)
    if style in (Style.META, Style.FOOTER):
        # an article's byline is an author/date line too, and a comment form may follow the article
        return heading or marked
    if heading:
        return form_after or marked or any(_has_header(lines, u) for u in comments)
    depths = {lines[u.anchor].indent for u in units}
    return form_after and indented and len(depths) >= 2 and len(comments) >= 3


# ---------------------------------------------------------------------------------
# Candidates

def _heading_above(lines: list[Line], first: int, floor: int) -> list[int]:
    """Section heading lines (and the labels between them and the first comment) just
    above line ``first``: empty if there is no heading."""
    found: list[int] = []
    chrome: list[int] = []
    i = first - 1
    while i >= floor and len(found) + len(chrome) < _MAX_HEADING_LINES:
        line = lines[i]
        if line.is_blank:
            i -= 1
            continue
        if line.kind is Kind.HEADING:
            found.append(i)
        elif found or len(chrome) >= _MAX_CHROME_LINES or not _is_chrome(line) or line.is_markdown_heading:
            break   # (another section's heading, "### Kommende Termine", heads what follows)
        else:
            chrome.append(i)
        i -= 1
    if not found:
        return []
    return [j for j in sorted(found + chrome) if j >= min(found)]


def _form_after(lines: list[Line], growth: _Growth) -> bool:
    return growth.stop is not None and lines[growth.stop].kind is Kind.END


def _thread(lines: list[Line], units: list[Unit], heading: list[int]) -> Thread:
    start = heading[0] if heading else units[0].first
    units[-1].last = _before_chrome(lines, units[-1])
    return Thread(start, units[-1].last, units, heading)


#: Adjacent short lines that are a site's menu ("Home" / "Recipes" / "About" / "Contact"),
#: not a comment's signature ("Liebe Grüße," / "Nossi").
_MIN_MENU_LINES = 3
_MAX_MENU_WORDS = 3


def _is_menu_entry(line: Line) -> bool:
    return (line.kind is Kind.TEXT and line.marker is None and not line.is_prose and line.words <= _MAX_MENU_WORDS
            and not line.is_markdown_heading)


def _under(anchor: Line, line: Line) -> bool:
    """Whether ``line`` is indented under the list marker of ``anchor``: part of its item."""
    return anchor.marker is not None and line.indent >= anchor.indent + 2


def _before_chrome(lines: list[Line], unit: Unit) -> int:
    """The last line of a thread's last comment: the site's navigation that may follow
    it (a bar of links, a menu of short lines) is the page's chrome, not the comment's
    text; the thread ends where the chrome starts. Its first line of text is its own,
    and so are lines indented under its list marker."""
    if unit.header_below:
        return unit.last   # (it ends at its author/date line and buttons)
    text = unit.text_lines(lines)
    first = _next_nonblank(lines, text.start, text.stop)
    if first is None:
        return unit.last
    anchor = lines[unit.anchor]
    i = unit.last
    while i > first:
        line = lines[i]
        if line.is_blank or (line.kind is Kind.TEXT and is_link_bar(line.content) and not _under(anchor, line)):
            i -= 1
            continue
        j = i
        while j > first and _is_menu_entry(lines[j]) and not _under(anchor, lines[j]):
            j -= 1
        if i - j < _MIN_MENU_LINES:
            break
        i = j
    return i


def _shape(line: Line) -> tuple[bool, bool]:
    return line.kind is Kind.META and line.meta.author is not None, line.reply


def _typical_start(lines: list[Line], growth: _Growth) -> int:
    """The first author/date line shaped like most of the thread's: a post's own byline
    ("[HansEhrlich](#) 17.10.2019") may sit just above comments dated without name but
    with reply buttons ("17.10.2019 [Antworten](#)")."""
    shapes = [_shape(lines[a]) for a in growth.anchors]
    typical = max(set(shapes), key=shapes.count)
    return next(n for n, shape in enumerate(shapes) if shape == typical)


def _from_anchor(lines: list[Line], anchor: int, style: Style, floor: int) -> tuple[Thread | None, int]:
    """The thread that starts at ``anchor``, if accepted, and the last line it covers."""
    growth = _grow(lines, anchor, style)
    if style is Style.META and len(growth.anchors) > 2:
        skip = _typical_start(lines, growth)
        if skip:
            floor = growth.headers[skip - 1] + 1
            growth = replace(growth, anchors=growth.anchors[skip:], headers=growth.headers[skip:])
    units = _meta_units(lines, growth, floor) if style is Style.META else _units_from_anchors(lines, growth)
    heading = _heading_above(lines, units[0].first, floor)
    if not heading:
        units = units[_opening_posts(lines, units, floor):]
    if (units and not (style is Style.META and _holds_footers(lines, units))
            and _accepted(lines, style, units, bool(heading), _form_after(lines, growth))):
        return _thread(lines, units, heading), units[-1].last
    # (its anchors are no other thread's; what follows the last may be, of another layout)
    return None, growth.headers[-1]


def _has_subject(lines: list[Line], unit: Unit) -> bool:
    """Titled as a reply ("### Re: Squealing brakes") above its author line."""
    return any(lines[i].reply and lines[i].kind is Kind.TEXT for i in range(unit.first, unit.anchor))


def _opening_posts(lines: list[Line], units: list[Unit], floor: int) -> int:
    """How many posts open a forum thread: those before the first titled as a reply,
    when the replies are so titled. The opening post is the page's article; none is,
    when the article is printed above under its own byline (Drupal: "Submitted by …")."""
    posts = next((n for n, unit in enumerate(units) if _has_subject(lines, unit)), 0)
    if posts and any(lines[i].is_header and _under_title(lines, i) for i in range(floor, units[0].first)):
        return 0
    return posts


def _from_heading(lines: list[Line], h: int, floor: int) -> tuple[Thread | None, int]:
    """A thread after a section heading whose comments are bare list items, or text
    with the author/date line below it."""
    chrome = seen = 0
    i = h + 1
    while (i := _next_nonblank(lines, i)) is not None:
        line = lines[i]
        if is_header_anchor(lines, i) or _is_meta_anchor(lines, i):
            return None, h  # found from the anchor, with this heading above it
        if line.marker is not None and _is_bare_anchor(lines, i, line.indent) and line.is_prose:
            growth = _grow(lines, i, Style.BARE)
            units = _units_from_anchors(lines, growth)
            heading = _heading_above(lines, i, floor)
            if heading and _accepted(lines, Style.BARE, units, True, _form_after(lines, growth)):
                return _thread(lines, units, heading), units[-1].last
            return None, growth.last
        if line.is_prose:
            return None, h   # comments whose author line follows them: found from that line
        seen += 1
        if line.kind is not Kind.HEADING:
            chrome += 1
        if chrome > _MAX_CHROME_LINES or seen > _MAX_HEADING_LINES or not _is_chrome(line):
            return None, h
        i += 1
    return None, h


def _from_footer(lines: list[Line], anchor: int, floor: int) -> Thread | None:
    """The thread whose first author/date line (or date) under a comment is ``anchor``, if accepted."""
    growth = _grow(lines, anchor, Style.FOOTER)
    units = _footer_units(lines, growth, floor)
    if units is None:
        return None
    heading = _heading_above(lines, units[0].first, floor)
    if _accepted(lines, Style.FOOTER, units, bool(heading), _form_after(lines, growth)):
        return _thread(lines, units, heading)
    return None


def _from_form(lines: list[Line], form: int, floor: int) -> Thread | None:
    """An indented thread of bare list items that runs up to a comment form, with no
    heading (the seed pages)."""
    first = None
    i = form - 1
    while i >= floor and (lines[i].is_blank or lines[i].indent >= 2):
        if lines[i].marker is not None and not lines[i].is_blank:
            first = i
        i -= 1
    if first is None or not _is_bare_anchor(lines, first, lines[first].indent):
        return None
    growth = _grow(lines, first, Style.BARE)
    if growth.stop != form:
        return None
    units = _units_from_anchors(lines, growth)
    if _accepted(lines, Style.BARE, units, False, True, indented=growth.indented):
        return _thread(lines, units, [])
    return None


#: Share of a page's words that a thread of one or two comments may hold.
_MAX_SHARE_OF_ONE_COMMENT = 0.5
#: Kinds of lines without list marker that may start a thread or announce one.
_MAY_START = frozenset({Kind.META, Kind.DATE, Kind.HEADING, Kind.END})


def _is_the_article(lines: list[Line], thread: Thread, page_words: int) -> bool:
    """One or two "comments" without reply button or "sagt:" that hold most of the
    page: the article, under a heading and a byline shaped like a comment header."""
    if len(thread.units) > 2 or any(_has_reply_button(lines, u) or _says(lines, u) or _has_votes(lines, u)
                                    for u in thread.units):
        return False
    return sum(lines[i].words for i in range(thread.start, thread.end + 1)) > _MAX_SHARE_OF_ONE_COMMENT * page_words


def find_threads(lines: list[Line]) -> list[Thread]:
    """The accepted threads of a page, in order, not overlapping."""
    page_words = sum(line.words for line in lines)
    threads: list[Thread] = []
    floor = 0   # lines before this belong to an earlier thread or candidate
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.marker is None and line.kind not in _MAY_START:
            i += 1
            continue
        found, covered = None, i
        if is_header_anchor(lines, i):
            found, covered = _from_anchor(lines, i, Style.HEADER, floor)
        elif _is_footer_anchor(lines, i) and (footer := _from_footer(lines, i, floor)) is not None:
            found = footer
        elif _is_meta_anchor(lines, i):
            found, covered = _from_anchor(lines, i, Style.META, floor)
        elif line.kind is Kind.HEADING:
            found, covered = _from_heading(lines, i, floor)
        elif line.kind is Kind.END and line.indent == 0:
            found = _from_form(lines, i, floor)
        if found is not None and _is_the_article(lines, found, page_words):
            found, covered = None, found.end
        if found is not None:
            threads.append(found)
            covered = found.end
        if found is not None or covered > i:
            floor = covered + 1
        i = max(i, covered) + 1
    return threads


# ---------------------------------------------------------------------------------
# The tree

def assign_depths(lines: list[Line], thread: Thread) -> None:
    """Depth of each comment from the indentation of its marker: the distinct indents
    of the thread's markers, in order, are depths 0, 1, 2... (steps differ: 2 under a
    bullet, 3 under a number). Comments without markers are top-level."""
    indents = sorted({lines[u.anchor].indent for u in thread.units if lines[u.anchor].marker is not None})
    rank = {indent: depth for depth, indent in enumerate(indents)}
    for unit in thread.units:
        line = lines[unit.anchor]
        unit.depth = rank[line.indent] if line.marker is not None else 0


def parents(depths: list[int]) -> list[int | None]:
    """Index of each comment's parent: the nearest earlier comment one level up, in
    the same branch; None at the top or when that comment is not on the page.

    >>> parents([1, 2, 3, 1, 3, 4, 0, 1])
    [None, 0, 1, None, None, 4, None, 6]
    """
    result: list[int | None] = []
    branch: list[tuple[int, int]] = []   # (depth, index) of the comments above the current one
    for index, depth in enumerate(depths):
        while branch and branch[-1][0] >= depth:
            branch.pop()
        result.append(branch[-1][1] if branch and branch[-1][0] == depth - 1 else None)
        branch.append((depth, index))
    return result
