"""Rule packs: line rules as data (TOML), the generic phrase families and site packs alike.

A pack is one TOML file (see README, "Site packs"): a ``name`` (the prefix of its rule
names), optionally the ``site`` it names in ``meta.site`` and ``detect`` patterns that
recognise the site from a page's text (a pack without ``detect`` applies to every page),
and ``[[rule]]`` entries. A rule's ``match`` patterns are tried at the start of a line's
plain text, ignoring case; named groups lift what they match into ``meta``.

All the rules of a pack are compiled into one alternation, tried once per line: the
first rule that matches wins, as in the file.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import regex

from ...errors import UnusableInputError

ACTIONS = ("remove", "end", "caption", "keep")
ZONES = ("any", "header", "footer")
#: Named groups a rule may use, lifted into meta; ``tag_<name>`` goes to ``tags.<name>``.
META_GROUPS = ("title", "authors", "date", "site", "original_source", "original_date")
_NAME = regex.compile(r"[a-z0-9][a-z0-9_-]*")
_GROUP_NAME = regex.compile(r"\(\?P<(\w+)>")
_FLAGS = regex.IGNORECASE | regex.VERSION0


@dataclass(frozen=True)
class Rule:
    name: str  # "<pack>.<rule>", as recorded in removed[].rule
    action: str
    where: str
    max_words: int | None
    pattern: regex.Pattern


@dataclass(frozen=True)
class Verdict:
    """A rule that matched a line, and the meta fields its named groups lifted."""

    rule: Rule
    fields: dict[str, str]


@dataclass(frozen=True)
class RulePack:
    name: str
    site: str | None
    detect: tuple[regex.Pattern, ...]
    rules: tuple[Rule, ...]
    combined: regex.Pattern
    source: str

    def applies_to(self, text: str) -> bool:
        return not self.detect or any(pattern.search(text) for pattern in self.detect)

    def match(self, plain: str, words: int) -> Verdict | None:
        """The first rule that matches the line (and allows its length), if any."""
        found = self.combined.match(plain)
        if found is None:
            return None
        # the rule whose group took part in the match (lastgroup may name an inner group)
        first = next(i for i in range(len(self.rules)) if found.start(f"r{i}") >= 0)
        if _fits(self.rules[first], words):
            return _verdict(self.rules[first], found)
        for rule in self.rules[first + 1:]:  # rare: the first match was too long a line
            if _fits(rule, words) and (found := rule.pattern.match(plain)):
                return _verdict(rule, found)
        return None


def _fits(rule: Rule, words: int) -> bool:
    return rule.max_words is None or words <= rule.max_words


def _verdict(rule: Rule, found: regex.Match) -> Verdict:
    fields = {key: value.strip() for key, value in found.groupdict().items()
              if value and not (key[0] == "r" and key[1:].isdigit())}  # r<n>: a rule's own group
    return Verdict(rule, fields)


# ---------------------------------------------------------------------------------
# Loading

def _fail(source: str, message: str) -> UnusableInputError:
    return UnusableInputError(f"{source}: {message} (see README, 'Site packs')")


def _patterns(value: Any, source: str, what: str) -> list[str]:
    patterns = [value] if isinstance(value, str) else value
    if not isinstance(patterns, list) or not patterns or not all(isinstance(p, str) for p in patterns):
        raise _fail(source, f"{what} must be a pattern or a list of patterns")
    return patterns


def _compile(pattern: str, source: str, what: str, flags: int = _FLAGS) -> regex.Pattern:
    try:
        return regex.compile(pattern, flags)
    except regex.error as e:
        raise _fail(source, f"{what}: bad regular expression {pattern!r}: {e}") from None


def _rule(entry: Any, pack: str, number: int, source: str) -> tuple[Rule, str]:
    what = f"[[rule]] number {number}"
    if not isinstance(entry, dict):
        raise _fail(source, f"{what} is not a table")
    name = entry.get("name")
    if not isinstance(name, str) or not _NAME.fullmatch(name):
        raise _fail(source, f"{what} needs a name of lower-case letters, digits, '_' or '-'")
    action, where = entry.get("action", "remove"), entry.get("where", "any")
    if action not in ACTIONS:
        raise _fail(source, f"rule {name!r}: action must be one of {', '.join(ACTIONS)}")
    if where not in ZONES:
        raise _fail(source, f"rule {name!r}: where must be one of {', '.join(ZONES)}")
    max_words = entry.get("max_words")
    if max_words is not None and (not isinstance(max_words, int) or max_words < 1):
        raise _fail(source, f"rule {name!r}: max_words must be a positive integer")
    patterns = _patterns(entry.get("match"), source, f"rule {name!r}: match")
    for pattern in patterns:
        for group in _GROUP_NAME.findall(pattern):
            if group not in META_GROUPS and not group.startswith("tag_"):
                raise _fail(source, f"rule {name!r}: unknown group (?P<{group}>); use one of "
                                    f"{', '.join(META_GROUPS)} or tag_<name>")
    alternation = "|".join(f"(?:{p})" for p in patterns)
    compiled = _compile(alternation, source, f"rule {name!r}")
    return Rule(f"{pack}.{name}", action, where, max_words, compiled), alternation


def parse_pack(text: str, source: str) -> RulePack:
    """A pack from the text of its TOML file; ``source`` names it in error messages."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        raise _fail(source, f"not valid TOML: {e}") from None
    name = data.get("name")
    if not isinstance(name, str) or not _NAME.fullmatch(name):
        raise _fail(source, "needs name = \"...\" (lower-case letters, digits, '_' or '-')")
    site = data.get("site")
    if site is not None and not isinstance(site, str):
        raise _fail(source, "site must be a string")
    detect = tuple(_compile(p, source, "detect", flags=regex.MULTILINE)
                   for p in (_patterns(data["detect"], source, "detect") if "detect" in data else []))
    entries = data.get("rule", [])
    if not isinstance(entries, list) or not entries:
        raise _fail(source, "needs at least one [[rule]]")
    rules, alternatives = [], []
    for number, entry in enumerate(entries, 1):
        rule, alternation = _rule(entry, name, number, source)
        rules.append(rule)
        alternatives.append(f"(?P<r{number - 1}>{alternation})")
    combined = _compile("|".join(alternatives), source, "rules")
    return RulePack(name, site, detect, tuple(rules), combined, source)


def load_pack(path: str | Path) -> RulePack:
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise UnusableInputError(f"{path}: cannot read the rule file ({e})") from None
    return parse_pack(text, str(path))


def _data(relative: str) -> tuple[str, str]:
    resource = resources.files("corpus_clean").joinpath("data/boilerplate").joinpath(relative)
    return resource.read_text(encoding="utf-8"), f"corpus_clean/data/boilerplate/{relative}"


@cache
def generic_pack() -> RulePack:
    """The phrase families that hold on every site (``data/boilerplate/generic.toml``)."""
    return parse_pack(*_data("generic.toml"))


@cache
def builtin_site_packs() -> tuple[RulePack, ...]:
    """The site packs shipped with corpus-clean (``data/boilerplate/sites/*.toml``), by file name."""
    folder = resources.files("corpus_clean").joinpath("data/boilerplate/sites")
    names = sorted(entry.name for entry in folder.iterdir() if entry.name.endswith(".toml"))
    return tuple(parse_pack(*_data(f"sites/{name}")) for name in names)
