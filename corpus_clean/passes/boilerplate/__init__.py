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
Every removed line, and the markup of every kept line, is recorded in ``removed`` with
its rule and offset.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache, partial
from pathlib import Path
from typing import Any, Protocol

from ...record import Record
from ..base import PassFunction, PassOption, PassSpec
from .lines import BLANK, SEPARATOR, Line, split_lines
from .meta import find_date_line, find_title, lift
from .region import article_region, is_link_heavy
from .rules import Rule, RulePack, Verdict, builtin_site_packs, generic_pack, load_pack

PASS = "boilerplate"


class LearnedBoilerplate(Protocol):
    """What the pass asks of a model learned from the corpus."""

    def rule_for(self, line: str, site: str | None) -> str | None: ...


@lru_cache(maxsize=64)
def _learned_rule(name: str) -> Rule:
    return Rule(name, "remove", "any", None, None)


def _verdict(line: Line, packs: Sequence[RulePack], model: LearnedBoilerplate | None,
             site: str | None) -> Verdict | None:
    if line.kind in (BLANK, SEPARATOR) or not line.plain:
        return None
    for pack in packs:
        verdict = pack.match(line.plain, line.words)
        if verdict is not None:
            return verdict
    if model is not None:
        name = model.rule_for(line.raw, site)
        if name:
            return Verdict(_learned_rule(name), {})
    return None


@dataclass
class _Page:
    """One page being cleaned: its lines, what rules said, and what the pass decides."""

    lines: list[Line]
    verdicts: list[Verdict | None]
    decisions: list[str | None]  # per line: None = kept, else the rule that removed it
    captions: set[int]  # line numbers whose text went to meta.captions


def _applies(verdict: Verdict | None, zone: str) -> bool:
    """Whether a rule speaks about a line in ``zone`` ("header", "article" or "footer")."""
    return verdict is not None and verdict.rule.where in ("any", zone)


def _decide_line(line: Line, verdict: Verdict | None, zone: str, end_rule: str | None) -> str | None:
    """None to keep the line, else the rule that removes it."""
    if _applies(verdict, zone):
        return None if verdict.rule.action == "keep" and zone == "article" else verdict.rule.name
    if line.kind == SEPARATOR:
        return f"{PASS}.separator"
    if not line.plain:
        return f"{PASS}.markup"
    if is_link_heavy(line):
        return f"{PASS}.links"
    if zone == "article":
        return None
    return end_rule or f"{PASS}.{zone}"


def _decide(page: _Page, region: tuple[int, int] | None, meta: dict[str, Any], site: str | None) -> None:
    lines, verdicts, decisions = page.lines, page.verdicts, page.decisions
    if region is None:  # no prose at all: only what rules and link density say goes
        region = (0, len(lines) - 1)
    first, last = region
    end_rule = None  # the end-of-article marker the footer follows
    for line in lines:
        if line.kind == BLANK:
            continue
        verdict, number = verdicts[line.number], line.number
        zone = "header" if number < first else "article" if number <= last else "footer"
        decisions[number] = _decide_line(line, verdict, zone, end_rule)
        if decisions[number] is not None and _applies(verdict, zone):
            lift(meta, verdict.fields)
            if verdict.rule.action == "caption":
                page.captions.add(number)
            if verdict.rule.action == "end" and zone == "footer" and end_rule is None:
                end_rule = verdict.rule.name
    if site and not meta.get("site"):
        meta["site"] = site
    header = lines[:first]
    title = find_title(header, verdicts)
    if title is not None and not meta.get("title"):
        meta["title"] = title.plain
        decisions[title.number] = f"{PASS}.title"
    if not meta.get("date"):
        found = find_date_line(header, verdicts, after=title.number if title is not None else -1)
        if found is not None:
            line, meta["date"] = found
            decisions[line.number] = f"{PASS}.date"


def _assemble(page: _Page) -> str:
    """The kept lines: lines that were adjacent stay together, paragraphs apart by a blank line."""
    parts: list[str] = []
    previous = None
    for line in page.lines:
        if line.kind == BLANK or page.decisions[line.number] is not None:
            continue
        if parts:
            parts.append("\n" if previous == line.number - 1 else "\n\n")
        parts.append(line.output)
        previous = line.number
    return "".join(parts)


def _record(out: Record, page: _Page, text: str) -> None:
    """Removed lines (adjacent lines of one rule as one entry) and the markup of kept lines."""
    group: list[Line] = []

    def flush() -> None:
        if group:
            start, end = group[0].start, group[-1].start + len(group[-1].raw)
            out.remove(PASS, page.decisions[group[0].number], text[start:end], start=start)
            group.clear()

    for line in page.lines:
        rule = page.decisions[line.number]
        if group and (rule is None or line.kind == BLANK or rule != page.decisions[group[-1].number]
                      or line.number != group[-1].number + 1):
            flush()
        if line.kind == BLANK:
            continue
        if rule is not None:
            group.append(line)
            if line.number in page.captions:
                out.meta.setdefault("captions", []).append(line.plain)
        elif line.pieces:
            offset, _ = line.pieces[0]
            out.remove(PASS, f"{PASS}.markup", " ".join(piece for _, piece in line.pieces),
                       start=line.start + offset)
    flush()


def boilerplate_pass(record: Record, site_packs: Sequence[RulePack] | None = None,
                     model: LearnedBoilerplate | None = None) -> Record:
    """Take the site chrome out of ``record.text``, lift its metadata into ``meta``.

    ``site_packs``: the site packs to try (default: the built-in ones); the generic
    rules always apply. ``model``: boilerplate learned from the corpus, if any.
    """
    out = record.copy()
    text = record.text
    packs = [pack for pack in (builtin_site_packs() if site_packs is None else site_packs)
             if pack.applies_to(text)]
    site = next((pack.site for pack in packs if pack.site), None)
    incoming_site = record.meta.get("site")
    packs.append(generic_pack())
    lines = split_lines(text)
    verdicts = [_verdict(line, packs, model, incoming_site) for line in lines]
    page = _Page(lines, verdicts, [None] * len(lines), set())
    _decide(page, article_region(lines, verdicts), out.meta, site)
    out.text = _assemble(page)
    _record(out, page, text)
    return out


def _load_model(model: Any) -> LearnedBoilerplate | None:
    if model is None or hasattr(model, "rule_for"):
        return model
    from ...learned import load_model  # only needed when a model file is given

    return load_model(model)


def build(rules: Sequence[str | Path] = (), model: Any = None) -> PassFunction:
    """The pass with the user's site packs (tried before the built-in ones) and a
    learned model (a path to a model file, or a loaded model)."""
    packs = tuple(load_pack(path) for path in rules) + builtin_site_packs()
    return partial(boilerplate_pass, site_packs=packs, model=_load_model(model))


SPEC = PassSpec(
    name=PASS,
    description="Remove site chrome (navigation, footers, appeals, related lists), lift title, authors, "
                "date, tags and captions into meta, strip markup residue.",
    build=build,
    options=(
        PassOption("rules", "A site pack (TOML, see README 'Site packs') to use besides the built-in "
                            "ones; repeat for several.", kind="path", multiple=True),
        PassOption("model", "Boilerplate lines learned from the corpus (`corpus-clean learn`).", kind="path"),
    ),
)
