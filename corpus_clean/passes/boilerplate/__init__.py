"""The ``boilerplate`` pass: site chrome out, metadata in, markup residue gone.

A scraped page is the article wrapped in navigation, headers, share and donation
appeals, related-article lists, footers and disclaimers. The pass reads the page as
lines (:mod:`.lines`) and weighs three kinds of evidence about each:

1. generic rules that hold on every site, in several languages: link density, the
   shape of a sentence, and phrase families (copyright, cookies, newsletter, share,
   donate, related posts, comment forms ...) kept as data in
   ``data/boilerplate/generic.toml``;
2. site packs, data files that recognise their site from the page's text
   (``data/boilerplate/sites/*.toml``, plus the user's own with ``--rules``);
3. lines learned from the corpus as recurring boilerplate (``--model``, see
   :mod:`corpus_clean.learned`).

The article is the run of lines with the most prose (:mod:`.region`), cut at an
end-of-article marker; everything before and after it goes, and inside it the lines a
rule names and the link lines. Title, byline, date, tags and captions are lifted into
``meta`` (:mod:`.meta`). Kept lines lose their markup (``[text](#)`` becomes ``text``).
Every removed line is recorded in ``removed`` with its rule and offset, and every kept
line that lost markup as a rewrite (``fixed``: what the line became).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Sequence
from copy import deepcopy
from dataclasses import replace
from functools import lru_cache, partial
from itertools import groupby, repeat
from pathlib import Path
from typing import Any, Protocol

import regex

from ...record import Record
from ..base import PassFunction, PassOption, PassSpec
from .edges import Edges
from .lines import Line, Page
from .meta import find_date_line, find_title, lift
from .region import article_region, best_run, is_link_heavy, weight
from .rules import Rule, RulePack, Verdict, builtin_site_packs, generic_pack, load_pack

PASS = "boilerplate"
_ALNUM = re.compile(r"[^\W_]")
_LETTER = regex.compile(r"\p{L}")
#: Lines on either side of the article that all the rules read, for its metadata and
#: to name what goes; further out, lines go as the page's header or footer.
WINDOW = 10
#: A line right before a picture credit, and no longer than this, is the picture's caption.
CAPTION_WORDS = 15
#: A line this long that repeats an earlier line of the article is a duplicate.
REPEAT_WORDS = 10
#: A line this long whose runs of SHINGLE_WORDS words the article's other lines hold, at
#: least COPY_SHARE of them, is a copy of the article in one line.
COPY_WORDS = 150
SHINGLE_WORDS = 5
COPY_SHARE = 0.8


class LearnedBoilerplate(Protocol):
    """What the pass asks of a model learned from the corpus."""

    def rule_for_plain(self, plain_line: str, site: str | None) -> str | None:
        """The rule that removes a line, given without its markup (``markup.plain``), if any."""


@lru_cache(maxsize=64)
def _learned_rule(name: str) -> Rule:
    return Rule(name, "remove", "any", None, None)


def _rules(packs: tuple[RulePack, ...], plain: str, words: int, inside: bool) -> Verdict | None:
    """What the first of the ``packs`` that recognises a line says about it."""
    for pack in packs:
        verdict = pack.match(plain, words, keywords=inside)
        if verdict is not None:
            return verdict
    return None


#: Short lines (menu items, labels) recur from page to page of a site: what the rules
#: say about them is remembered, for up to this many lines at a time.
SHORT_WORDS = 8
REMEMBERED = 100_000
_rules_remembered = lru_cache(maxsize=REMEMBERED)(_rules)


def forget() -> None:
    """Forget what the rules said about short lines (for benchmarks and tests)."""
    _rules_remembered.cache_clear()


class _Judge:
    """What the rules say about a line: site packs first, then the generic rules, then
    the learned model. Rules with keywords, which look into whole lines, are only
    asked about the lines of the article (``inside``), where they decide between
    keeping and removing."""

    def __init__(self, site_packs: Sequence[RulePack], model: LearnedBoilerplate | None,
                 site: str | None):
        self.packs = (*site_packs, generic_pack())
        self.model, self.site = model, site

    def __call__(self, line: Line, inside: bool) -> Verdict | None:
        if not line.plain:
            return None
        rules = _rules_remembered if line.words <= SHORT_WORDS else _rules
        verdict = rules(self.packs, line.plain, line.words, inside)
        if verdict is not None:
            return verdict
        if self.model is not None:
            name = self.model.rule_for_plain(line.without_markup, self.site)  # the page stripped it
            if name:
                return Verdict(_learned_rule(name), {})
        return None


def _lead(page: Page, first: int) -> int:
    """Where the lines read as the article's start: after its title, the first-level
    heading shortly before its first line (the byline, the date, the picture and its
    caption come between), else at its first line."""
    position = bisect_left(page.headings, first)
    if position and page.headings[position - 1] >= first - WINDOW:
        return page.headings[position - 1] + 1
    return first


def _find_article(page: Page, judge: _Judge) -> tuple[tuple[int, int] | None, dict[int, Verdict | None]]:
    """The article's lines and what the rules say about the lines read fully: those of
    the article and around it. As that can move the article, again around its new
    place, until it stays put."""
    weights = list(map(weight, page.words, page.link_shares, page.sentences, repeat(None),
                       map(page.plains.__getitem__, page.numbers)))
    verdicts: dict[int, Verdict | None] = {}
    inside: set[int] = set()  # lines judged as lines of the article
    edges = Edges(page, verdicts)  # reads the verdicts as they grow
    while True:
        region = article_region(weights, verdicts, page.headings, page.link_shares)
        if region is not None:
            region = edges.extend(range(len(page)), *region)
        first, last = (0, len(page) - 1) if region is None else region
        lead = _lead(page, first)
        todo = [(index, lead <= index <= last) for index in range(max(first - WINDOW, 0),
                                                                   min(last + WINDOW, len(page) - 1) + 1)
                if index not in verdicts or (lead <= index <= last and index not in inside)]
        if not todo:
            return region, verdicts
        for index, in_article in todo:
            line = page.line(index)
            verdicts[index] = verdict = judge(line, in_article)
            weights[index] = weight(line.words, line.link_share, line.sentence, verdict, line.plain)
            if in_article:
                inside.add(index)


def _applies(verdict: Verdict | None, zone: str) -> bool:
    """Whether a rule speaks about a line in ``zone`` ("header", "article" or "footer")."""
    return verdict is not None and verdict.rule.where in ("any", zone)


def _in_zone(verdict: Verdict | None, zone: str) -> Verdict | None:
    """The verdict that speaks about a line in ``zone``: the rule's, or the next one's."""
    if verdict is not None and not _applies(verdict, zone):
        return verdict.otherwise
    return verdict


def _decide_line(line: Line, verdict: Verdict | None, zone: str, end_rule: str | None) -> str | None:
    """None to keep the line, else the rule that removes it."""
    if _applies(verdict, zone):
        return None if verdict.rule.action == "keep" and zone == "article" else verdict.rule.name
    if line.separator:
        return f"{PASS}.separator"
    if not line.plain:
        return f"{PASS}.markup"
    if not _LETTER.search(line.plain) and (line.plain.strip(".…") and not _ALNUM.search(line.plain)
                                           or sum(map(str.isdigit, line.plain)) >= 6):
        return f"{PASS}.decoration"  # "• • •", "♥—♥", "191119052250266"; an ellipsis marking a cut stays
    if is_link_heavy(line.link_share):
        return f"{PASS}.links"
    if zone == "article":
        return None
    return end_rule or f"{PASS}.{zone}"


def _decide(page: Page, region: tuple[int, int] | None, verdicts: dict[int, Verdict | None],
            meta: dict[str, Any], site: str | None) -> list[str | None]:
    """Per line None (kept) or the rule that removes it; fills ``meta``."""
    first, last = region if region is not None else (0, len(page) - 1)  # no prose: rules alone
    # lines not read fully are far from the article: the page's header or footer
    decisions: list[str | None] = [f"{PASS}.header"] * first + [f"{PASS}.article"] * (last + 1 - first) \
        + [f"{PASS}.footer"] * (len(page) - 1 - last)
    read = sorted(verdicts)
    end_rule = None  # the end-of-article marker the footer follows
    for index in read:
        zone = "header" if index < first else "article" if index <= last else "footer"
        line, verdict = page.line(index), _in_zone(verdicts[index], zone)
        decisions[index] = _decide_line(line, verdict, zone, end_rule)
        if decisions[index] is not None and _applies(verdict, zone):
            lift(meta, verdict.fields)
            if verdict.rule.action == "caption":
                meta.setdefault("captions", []).append(line.plain)
            if verdict.rule.action == "credit" and index > 0 and decisions[index - 1] is None \
                    and page.words[index - 1] <= CAPTION_WORDS:
                decisions[index - 1] = f"{PASS}.caption"  # the picture's caption comes before its credit
                meta.setdefault("captions", []).append(page.line(index - 1).plain)
            if verdict.rule.action == "end" and zone == "footer" and end_rule is None:
                end_rule = verdict.rule.name
    if site and not meta.get("site"):
        meta["site"] = site
    header = read[:bisect_left(read, first)]
    title = _title(page, first, header, verdicts)
    if title is not None and not meta.get("title"):
        meta["title"] = page.line(title).plain
        decisions[title] = f"{PASS}.title"
    if not meta.get("date"):
        after = [index for index in header if title is None or index > title]
        found = find_date_line([page.line(index) for index in after], [verdicts[index] for index in after])
        if found is not None:
            position, meta["date"] = found
            decisions[after[position]] = f"{PASS}.date"
    _drop_repeats(page, decisions, meta.get("title"))
    if region is not None:
        _tighten(page, decisions, verdicts)
    return decisions


def _quoted_tweets(tweets: Sequence[Any]) -> tuple[set[str], tuple[str, ...]]:
    """The lines of the tweets the ``tweets`` pass found in the body and left there (an
    embed is a block quote of the article), and their signatures' "(@handle)"."""
    lines, handles = set(), set()
    for tweet in tweets:
        if isinstance(tweet, dict) and tweet.get("in") == "body" and isinstance(tweet.get("text"), str):
            lines.update(" ".join(line.split()) for line in tweet["text"].split("\n") if line.strip())
            if tweet.get("handle"):
                handles.add(f"(@{tweet['handle']})")
    return lines, tuple(handles)


def _keep_quoted_tweets(page: Page, decisions: list[str | None], tweets: Sequence[Any]) -> None:
    """A tweet that stayed in the body is quoted material, never boilerplate: its lines
    and its signature stay (the lines of a pasted tweet are gone from the text by now)."""
    lines, handles = _quoted_tweets(tweets)
    if not lines:
        return
    for index, decision in enumerate(decisions):
        if decision is not None:
            plain = page.line(index).plain
            if plain and (plain in lines or any(handle in plain for handle in handles)):
                decisions[index] = None


def _drop_repeats(page: Page, decisions: list[str | None], title: str | None) -> None:
    """Kept lines that repeat the title, or a long line kept before them, or that copy
    the rest of the article."""
    seen = set()
    for index, decision in enumerate(decisions):
        if decision is None:
            text = page.line(index).plain
            if text == title:
                decisions[index] = f"{PASS}.title"
            elif page.words[index] >= REPEAT_WORDS:
                if text in seen:
                    decisions[index] = f"{PASS}.duplicate"
                seen.add(text)
    for index in _copies(page, [index for index, decision in enumerate(decisions) if decision is None]):
        decisions[index] = f"{PASS}.duplicate"


def _shingles(text: str) -> set[int]:
    """The runs of SHINGLE_WORDS words of ``text``, hashed (a page may be megabytes)."""
    words = text.casefold().split()
    return set(map(hash, zip(*(words[k:] for k in range(SHINGLE_WORDS)))))


def _copies(page: Page, kept: list[int]) -> list[int]:
    """The long kept lines whose word sequences the other kept lines nearly all hold: the
    article again, run into one line (structured data, a teaser of the whole text)."""
    long_lines = [index for index in kept if page.words[index] >= COPY_WORDS]
    if not long_lines or len(kept) < 2:
        return []
    shingles = {index: _shingles(page.line(index).plain) for index in kept}
    everywhere = Counter(shingle for index in kept for shingle in shingles[index])
    copies = []
    for index in long_lines:
        own = shingles[index]
        elsewhere = sum(everywhere[shingle] > 1 for shingle in own)
        if own and elsewhere >= COPY_SHARE * len(own):
            copies.append(index)
            everywhere.subtract(own)   # (of two copies, one stays)
    return copies


def _tighten(page: Page, decisions: list[str | None], verdicts: dict[int, Verdict | None]) -> None:
    """Keep the best run of the kept lines as a second reading would weigh them (without
    their links): the kept lines at either end that would not hold on their own go, so
    that a second run of the pass changes nothing."""
    kept = [index for index, decision in enumerate(decisions) if decision is None]
    weights = [weight(page.words[index], 0.0, page.sentences[index], verdicts.get(index), page.line(index).plain)
               for index in kept]
    run = best_run(weights)
    first, last = (len(kept), -1) if run is None else Edges(page, verdicts).extend(kept, *run)
    for position, index in enumerate(kept):
        if position < first:
            decisions[index] = f"{PASS}.header"
        elif position > last:
            decisions[index] = f"{PASS}.footer"


def _title(page: Page, first: int, header: list[int], verdicts: dict[int, Verdict | None]) -> int | None:
    """The title's index among the lines before the article (``first``); ``header``:
    those read fully. First-level headings are looked for in the whole header."""
    headings = page.headings[:bisect_left(page.headings, first)]
    return find_title([(index, page.line(index), verdicts.get(index)) for index in headings],
                      [(index, page.line(index), verdicts[index]) for index in header])


def _assemble(page: Page, decisions: list[str | None]) -> str:
    """The kept lines: lines that were adjacent stay together, paragraphs apart by a blank line."""
    parts: list[str] = []
    previous = None
    for index, decision in enumerate(decisions):
        if decision is None:
            line = page.line(index)
            if parts:
                parts.append("\n" if previous == line.number - 1 else "\n\n")
            parts.append(line.output)
            previous = line.number
    return "".join(parts)


def _record(out: Record, page: Page, decisions: list[str | None], verdicts: dict[int, Verdict | None]) -> None:
    """Removed lines as entries (adjacent lines of one rule together, and far from the
    article whole runs of lines), and each kept line that lost markup as a rewrite:
    its text and, in ``fixed``, what it became."""
    text, numbers = page.text, page.numbers
    start = 0
    # runs of lines with one decision, all read fully or none (found without a Python step per line)
    for (decision, read), run in groupby(zip(decisions, map(verdicts.__contains__, range(len(decisions))))):
        stop = start + len(list(run))
        if decision is None:
            for line in map(page.line, range(start, stop)):
                if line.output != line.raw.strip():
                    out.remove(PASS, f"{PASS}.markup", line.raw, start=line.start, fixed=line.output)
        elif not read:  # far from the article: the run goes whole, blank lines and all
            out.remove(PASS, decision, *page.span(numbers[start], numbers[stop - 1]))
        else:  # read fully: adjacent lines together
            first = start
            for index in range(start + 1, stop + 1):
                if index == stop or numbers[index] != numbers[index - 1] + 1:
                    out.remove(PASS, decision, *page.span(numbers[first], numbers[index - 1]))
                    first = index
        start = stop


def boilerplate_pass(record: Record, site_packs: Sequence[RulePack] | None = None,
                     model: LearnedBoilerplate | None = None) -> Record:
    """Take the site chrome out of ``record.text``, lift its metadata into ``meta``.

    ``site_packs``: the site packs to try (default: the built-in ones); the generic
    rules always apply. ``model``: boilerplate learned from the corpus, if any.
    """
    # a copy of what the pass changes (meta, removed); the comments and tweets are only passed on
    out = replace(record, meta=deepcopy(record.meta), removed=list(record.removed))
    packs = [pack for pack in (builtin_site_packs() if site_packs is None else site_packs)
             if pack.applies_to(record.text)]
    page = Page(record.text)
    region, verdicts = _find_article(page, _Judge(packs, model, record.meta.get("site")))
    site = next((pack.site for pack in packs if pack.site), None)
    decisions = _decide(page, region, verdicts, out.meta, site)
    _keep_quoted_tweets(page, decisions, record.tweets)
    out.text = _assemble(page, decisions)
    _record(out, page, decisions, verdicts)
    return out


def _load_model(model: Any) -> LearnedBoilerplate | None:
    if model is None or hasattr(model, "rule_for_plain"):
        return model
    from ...learned import load_model  # only needed when a model file is given

    return load_model(model)


def build(rules: Sequence[str | Path] = (), model: Any = None) -> PassFunction:
    """The pass with the user's site packs (tried before the built-in ones) and a
    learned model (a path to a model file, or a loaded model)."""
    packs = tuple(load_pack(path) for path in rules) + builtin_site_packs()
    return partial(boilerplate_pass, site_packs=packs, model=_load_model(model))


def _learn(records):
    from ...learned import learn_model  # imported when a run learns, not at start-up

    return learn_model(records)


SPEC = PassSpec(
    name=PASS,
    description="Remove site chrome (navigation, footers, appeals, related lists), lift title, authors, "
                "date, tags and captions into meta, strip markup residue.",
    build=build,
    options=(
        PassOption("rules", "A site pack (TOML, see README 'Site packs') to use besides the built-in "
                            "ones; repeat for several.", kind="path", multiple=True),
        PassOption("model", "Boilerplate lines learned from the corpus (`corpus-clean learn`); without it, "
                            "`run` given files learns them in a first read.", kind="path"),
    ),
    learn=_learn,
)
