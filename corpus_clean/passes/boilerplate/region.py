"""Where the article is: the run of lines with the most prose, found in linear time.

Each line gets a weight: prose lines count their words (less their link text),
everything else counts against (short lines a little, link lines by their link words).
The article is the run of lines with the greatest total weight (Kadane's maximum
subarray): one long run of short link lines before or after it is enough to keep
navigation, teaser lists and footers out, while a stray link or caption inside the
article does not split it.

The weight never goes down when a line loses its markup, and every line the pass
removes inside the article weighs at most zero; with the region made tight (every
prefix and every suffix of it weighs more than zero) a second run finds the whole
clean text to be the article, which makes the pass idempotent.
"""

from __future__ import annotations

from collections.abc import Sequence

from .lines import is_counted_list
from .rules import Verdict

#: A line whose text is at least this share link text is navigation, not prose.
LINK_HEAVY = 0.5
#: Words a sentence-shaped line needs to count as prose.
PROSE_WORDS = 8
#: Words a line without final punctuation needs to count as (half) prose.
LONG_WORDS = 20
#: After an end marker, at most this many lines of its box, and then this many
#: paragraphs of prose in a row: the article goes on, the marker labelled a teaser box.
BOX_LINES = 8
RESUMING_PROSE = 3
#: Prose (in words) before a first-level heading near the start of the run that makes
#: it the page's header: less than this, and less than this share of what follows.
HEADER_PROSE = 20
HEADER_SHARE = 4


def is_link_heavy(link_share: float) -> bool:
    return link_share >= LINK_HEAVY


def weight(words: int, link_share: float, sentence: bool, verdict: Verdict | None = None,
           plain_line: str = "") -> float:
    """How much a non-blank line speaks for being inside the article. A rule that only
    names lines outside the article (``where`` header or footer) does not count. A long
    line without final punctuation counts half, unless it is a list of counted items."""
    verdict = verdict and verdict.anywhere()
    if verdict is not None:
        return 1.0 if verdict.rule.action == "keep" else -1.0
    if words == 0:
        return -1.0
    link_words = words * link_share
    if is_link_heavy(link_share):
        return -1.0 - link_words
    if sentence and words >= PROSE_WORDS:
        return words - link_words
    if words >= LONG_WORDS and not is_counted_list(plain_line):
        return (words - link_words) / 2
    return -1.0


def best_run(weights: Sequence[float], start: int = 0, stop: int | None = None) -> tuple[int, int] | None:
    """``(first, last)`` of the run of ``weights[start:stop]`` with the greatest sum, if
    that sum is positive; the run is tight (every prefix and suffix sums above zero).

    >>> best_run([-1, 5, -2, 3, -9, 4])
    (1, 3)
    >>> best_run([-1, -2]) is None
    True
    """
    stop = len(weights) if stop is None else stop
    best, best_span = 0.0, None
    total, first = 0.0, start
    for index in range(start, stop):
        if total <= 0:
            total, first = 0.0, index
        total += weights[index]
        if total > best:
            best, best_span = total, (first, index)
    return best_span


def _resumes(weights: Sequence[float], marker: int, last: int) -> bool:
    """Whether the article goes on after the box an end marker labels: past the box's
    lines (a few, not prose), several paragraphs of prose follow one another. (Prose
    right after the marker is what it announced: teasers, a comment policy.)"""
    index = marker + 1
    while index <= min(last, marker + BOX_LINES) and weights[index] < PROSE_WORDS:
        index += 1
    return index > marker + 1 and all(index + k <= last and weights[index + k] >= PROSE_WORDS
                                       for k in range(RESUMING_PROSE))


def _after_heading(weights: Sequence[float], first: int, last: int, headings: Sequence[int]) -> int:
    """Where the article starts in the run ``first..last``: at its first first-level
    heading when only a little prose, and little against what follows, comes before it
    (a teaser, the text of a search box): that is the page's header, the heading the
    article's title."""
    heading = next((index for index in headings if first < index <= last), None)
    if heading is None:
        return first
    before = sum(w for w in weights[first:heading] if w > 0)
    after = sum(w for w in weights[heading + 1:last + 1] if w > 0)
    if before < HEADER_PROSE and before * HEADER_SHARE < after:
        run = best_run(weights, heading, last + 1)
        if run is not None:
            return run[0]
    return first


def article_region(weights: Sequence[float], verdicts: dict[int, Verdict | None], headings: Sequence[int],
                   link_shares: Sequence[float]) -> tuple[int, int] | None:
    """``(first, last)`` indexes of the article's lines (inclusive), None if there is no prose.

    The article starts at a first-level heading (``headings``, sorted indexes) near the
    start of the run. An end marker (a rule with action "end", e.g. "Related posts",
    "Leave a comment") inside the run ends the article there, unless more of the
    article's prose follows it than precedes it (teasers, right under their links, do
    not count), or the article goes on right after the marker's box (then it labels a
    teaser box in the middle of the text).
    """
    run = best_run(weights)
    if run is None:
        return None
    first, last = run
    first = _after_heading(weights, first, last, headings)
    # prose of the article, but for paragraphs right under a line of links: teasers of
    # a list, each under its share bar or linked title
    article_prose = [weights[i] if weights[i] > 0 and not (i > first and is_link_heavy(link_shares[i - 1])) else 0.0
                     for i in range(first, last + 1)]
    before, after = 0.0, sum(article_prose)
    for index in range(first, last + 1):
        after -= article_prose[index - first]
        verdict = verdicts.get(index)
        verdict = verdict and verdict.anywhere()
        if verdict is not None and verdict.rule.action == "end" and before >= after \
                and not _resumes(weights, index, last):
            return best_run(weights, first, index)
        if weights[index] > 0:
            before += weights[index]
    return first, last
