"""The article's edges: lines next to the run of prose that do not weigh enough to
hold on their own, but read as the article's.

The run of prose (:mod:`.region`) starts at the first paragraph that counts as prose
and ends at the last. Around it stand lines that are too short to count, yet are the
article's: a standfirst between the title and the first paragraph, a short closing
sentence ("We hope you enjoy it!"), the list that a last line ending with a colon
announces. Such a line joins the article when nothing speaks against it: no rule
names it, it is not link text, not a title. The same reading decides on the clean
text, where the line still stands next to the article, so a second run keeps it too.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from .dates import find_date
from .lines import Page
from .meta import DATE_LINE_WORDS
from .region import is_link_heavy
from .rules import Verdict

#: At most this many lines join the article at either edge.
EDGE_LINES = 3
#: Words a line without final punctuation needs to join the article (a standfirst).
STANDFIRST_WORDS = 8
#: Words a sentence needs to join it.
SENTENCE_WORDS = 3
#: At most this many lines of the list that the article's last line announces with a
#: colon join the article.
LISTED_LINES = 100


class Edges:
    """What joins the article at its edges, on a ``page`` whose lines near the article
    the rules have read (``verdicts``)."""

    def __init__(self, page: Page, verdicts: dict[int, Verdict | None]):
        self.page, self.verdicts, self.headings = page, verdicts, frozenset(page.headings)
        self._datelines: dict[int, bool] = {}  # the walks ask about the same lines again

    def _plain_line(self, index: int) -> bool:
        """Read by the rules, named by none, neither link text nor a title."""
        if index not in self.verdicts or index in self.headings:
            return False
        verdict = self.verdicts[index]
        if verdict is not None and verdict.anywhere() is not None:
            return False
        return not is_link_heavy(self.page.link_shares[index])

    def _dateline(self, index: int) -> bool:
        if index not in self._datelines:
            self._datelines[index] = self.page.words[index] <= DATE_LINE_WORDS \
                and find_date(self.page.line(index).plain) is not None
        return self._datelines[index]

    def _joins(self, index: int) -> bool:
        """Whether a line named by no rule joins the article: a sentence, or a line of
        a few words (a standfirst), but not a dateline."""
        if not self._plain_line(index):
            return False
        words = self.page.words[index]
        if words < STANDFIRST_WORDS and not (words >= SENTENCE_WORDS and self.page.sentences[index]):
            return False
        return not self._dateline(index)

    def _blank(self, index: int) -> bool:
        """A line with nothing to read (an image's empty link): the edge looks past it."""
        return not self.page.words[index]

    def _heads(self, index: int) -> bool:
        """Whether a line stands at the head of the article: its title, its dateline, its byline."""
        verdict = self.verdicts.get(index)
        return index in self.headings or self._dateline(index) or (verdict is not None and bool(verdict.fields))

    def extend(self, indexes: Sequence[int], first: int, last: int) -> tuple[int, int]:
        """``first``, ``last`` (positions in ``indexes``, the page's lines in order)
        moved out over the lines that join the article."""
        lead, above = self._walk(indexes, first, -1)
        if above is not None and not self._heads(indexes[above]):
            lead = first  # lines after other chrome: teasers, another article's headline
        end = self._walk(indexes, last, 1)[0]
        if self.page.line(indexes[end]).plain.endswith(":"):
            end = self._walk(indexes, end, 1, self._listed, LISTED_LINES)[0]
        return lead, end

    def _listed(self, index: int) -> bool:
        """Whether a line joins the article as an item of the list it announces."""
        return self._plain_line(index) and self.page.words[index] > 0 and not self._dateline(index)

    def _walk(self, indexes: Sequence[int], edge: int, step: int, joins: Callable[[int], bool] | None = None,
              limit: int = EDGE_LINES) -> tuple[int, int | None]:
        """The edge at position ``edge`` moved in direction ``step`` over at most ``limit``
        lines that join (by default, as :meth:`_joins` says), and the position of the
        line that stopped it (None: the page's end)."""
        joins = joins or self._joins
        joined, position = 0, edge + step
        while joined < limit and 0 <= position < len(indexes):
            if joins(indexes[position]):
                edge, joined = position, joined + 1
            elif not self._blank(indexes[position]):
                return edge, position
            position += step
        return edge, position if 0 <= position < len(indexes) else None
