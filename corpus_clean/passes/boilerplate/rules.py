"""Rule packs: line rules as data (TOML), the generic phrase families and site packs alike.

A pack is one TOML file (see README, "Site packs"): a ``name`` (the prefix of its rule
names), optionally the ``site`` it names in ``meta.site`` and ``detect`` patterns that
recognise the site from a page's text (a pack without ``detect`` applies to every page),
and ``[[rule]]`` entries. A rule recognises a line by

- ``phrases``: whole lines, compared ignoring case and the punctuation around them
  (a dictionary look-up, so long lists cost nothing);
- ``match``: regular expressions tried at the start of the line's plain text, ignoring
  case; named groups lift what they match into ``meta``;
- ``keywords``: with ``match``, the rule is only tried on lines holding one of these
  words (whole words, any case) or symbols (single characters like "©"), so a pattern
  that looks far into long lines, or that can start with any character, costs little.

The first rule that recognises a line wins, as in the file. The ``match`` patterns of
the rules without keywords are compiled into one alternation per line length
(``max_words``) and first character: the characters a pattern can start with are read
from the pattern itself, so a line is only tried against the patterns that can match
it, in one call. A pattern that can start with any character is only tried on the lines
holding a character it requires (a symbol such as "@", or a digit), read the same way.
"""

from __future__ import annotations

import re
import tomllib
from bisect import bisect_left
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from re import _constants as sre, _parser as sre_parse  # to read what a pattern starts with
from typing import Any, Callable

import regex

from ...errors import UnusableInputError

ACTIONS = ("remove", "end", "caption", "credit", "keep")
ZONES = ("any", "header", "footer")
#: Named groups a rule may use, lifted into meta; ``tag_<name>`` goes to ``tags.<name>``.
META_GROUPS = ("title", "authors", "date", "site", "original_source", "original_date")
_NAME = regex.compile(r"[a-z0-9][a-z0-9_-]*")
_WORD = re.compile(r"\w+")  # the standard engine is faster at this
_GROUP_NAME = regex.compile(r"\(\?P<(\w+)>")
_FLAGS = regex.IGNORECASE | regex.VERSION0
#: Punctuation around a line that does not change what phrase it is ("Menu »", "Share:",
#: "Read these next __" where an icon was).
_PHRASE_TRIM = " \t:;,.!?|/\\»«›‹>→←↓↑*_#•·–—-…()[]\"'“”„’"


def phrase_key(plain: str) -> str:
    """The form in which a line is compared with ``phrases``.

    >>> phrase_key("» Read More ...")
    'read more'
    """
    return plain.strip(_PHRASE_TRIM).casefold()


_PROPERTY = regex.compile(r"\\[pP]\{[^}]*\}")
#: Character classes a pattern may start with that are small enough to dispatch on.
_CATEGORIES = {sre.CATEGORY_DIGIT: "0123456789", sre.CATEGORY_SPACE: " \t"}


def _first(items: list) -> tuple[set[str] | None, bool]:
    """The characters a parsed pattern can start with (None: any) and whether it can
    match the empty string."""
    chars: set[str] = set()
    for op, value in items:
        if op is sre.AT or op in (sre.ASSERT, sre.ASSERT_NOT):
            continue  # zero-width: look further
        if op is sre.LITERAL:
            return chars | {chr(value)}, False
        if op is sre.IN:
            for kind, member in value:
                if kind is sre.LITERAL:
                    chars.add(chr(member))
                elif kind is sre.CATEGORY and member in _CATEGORIES:
                    chars.update(_CATEGORIES[member])
                else:
                    return None, False
            return chars, False
        if op is sre.BRANCH or op is sre.SUBPATTERN:
            branches = value[1] if op is sre.BRANCH else [value[3]]
            empty = False
            for branch in branches:
                found, nullable = _first(list(branch))
                if found is None:
                    return None, False
                chars |= found
                empty = empty or nullable
            if not empty:
                return chars, False
            continue
        if op in (sre.MAX_REPEAT, sre.MIN_REPEAT):
            low, _, item = value
            found, nullable = _first(list(item))
            if found is None:
                return None, False
            chars |= found
            if low > 0 and not nullable:
                return chars, False
            continue
        return None, False
    return chars, True


def first_characters(pattern: str) -> frozenset[str] | None:
    r"""The characters (lower case) a match of ``pattern``, ignoring case, can start
    with; None when any character can, or the pattern uses syntax only ``regex`` reads.

    >>> sorted(first_characters(r"(?:by|Von)\s+\w+"))
    ['b', 'v']
    >>> first_characters(r".*?cookie") is None
    True
    """
    # only the start matters: a Unicode property of ``regex`` reads as a word character
    readable = _PROPERTY.sub(r"\\w", pattern)
    try:
        found, nullable = _first(list(sre_parse.parse(readable, re.IGNORECASE)))
    except (re.error, ValueError, TypeError, OverflowError):
        return None
    if found is None or nullable:
        return None
    return frozenset(variant for char in found for variant in (char.lower(), char.upper().lower()))


def _required(items: list) -> set[str]:
    """Pieces of one character (a symbol, or ``\\d``) that every match of a parsed
    pattern holds."""
    found: set[str] = set()
    for op, value in items:
        if op is sre.LITERAL:
            char = chr(value)
            if not char.isalnum() and not char.isspace():
                found.add(regex.escape(char))
        elif op is sre.IN and value == [(sre.CATEGORY, sre.CATEGORY_DIGIT)]:
            found.add(r"\d")
        elif op is sre.SUBPATTERN:
            found |= _required(list(value[3]))
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT) and value[0] >= 1:
            found |= _required(list(value[2]))
        elif op is sre.BRANCH:
            found |= set.intersection(*(_required(list(branch)) for branch in value[1]))
    return found


def required_character(pattern: str) -> str | None:
    r"""A piece of ``pattern`` that every match holds, as a pattern of one character: a
    symbol, else a digit (``\d``); None when none can be read.

    >>> required_character(r"[A-Z]\S*\s+@\w{1,15}"), required_character(r"(?:\w+ )?(?:\d{4}|\d\d?\.\d\d)")
    ('@', '\\d')
    >>> required_character(r"(?:a|b)?c") is None
    True
    """
    try:
        found = _required(list(sre_parse.parse(_PROPERTY.sub(r"\\w", pattern), re.IGNORECASE)))
    except (re.error, ValueError, TypeError, OverflowError):
        return None
    return min(found, key=lambda piece: (piece == r"\d", piece)) if found else None


def _holds(piece: str) -> Callable[[str], bool]:
    """Whether a text holds a ``piece`` of :func:`required_character`."""
    symbol = regex.sub(r"\\(.)", r"\1", piece)
    if piece != r"\d" and len(symbol) == 1 and symbol.isascii():
        return lambda text: symbol in text  # an ASCII symbol is its own case
    search = regex.compile(piece, _FLAGS).search
    return lambda text: search(text) is not None


@dataclass(frozen=True)
class Rule:
    name: str  # "<pack>.<rule>", as recorded in removed[].rule
    action: str
    where: str
    max_words: int | None
    pattern: regex.Pattern | None
    keywords: tuple[str, ...] = ()

    def fits(self, words: int) -> bool:
        return self.max_words is None or words <= self.max_words


@dataclass(frozen=True)
class Verdict:
    """A rule that recognised a line, and the meta fields its named groups lifted.
    When the rule only speaks about the header or the footer, ``otherwise`` is the
    first later rule that recognises the line anywhere."""

    rule: Rule
    fields: dict[str, str]
    otherwise: Verdict | None = None

    def anywhere(self) -> Verdict | None:
        """The verdict of the first rule that speaks about the line wherever it is."""
        return self if self.rule.where == "any" else self.otherwise


def _verdict(rule: Rule, found: regex.Match | None, otherwise: Verdict | None = None) -> Verdict:
    if found is None:
        return Verdict(rule, {}, otherwise)
    return Verdict(rule, {key: value.strip() for key, value in found.groupdict().items()
                          if value and key[0] != "_"}, otherwise)  # "_<n>": the marker group of a rule


@dataclass(frozen=True)
class _Alternation:
    """The ``match`` patterns of several rules as one regular expression."""

    pattern: regex.Pattern
    rules: tuple[tuple[int, str], ...]  # the rules' indexes in the pack, in order, and their marker groups

    def first(self, plain: str) -> tuple[int, regex.Match] | None:
        found = self.pattern.match(plain)
        if found is None:
            return None
        for index, marker in self.rules:  # which rule matched: its empty marker group took part
            if found.start(marker) >= 0:
                return index, found
        raise AssertionError("a match without a rule")


class RulePack:
    """The rules of one TOML file, ready to recognise lines (see :meth:`match`)."""

    def __init__(self, name: str, site: str | None, detect: tuple[regex.Pattern, ...], rules: tuple[Rule, ...],
                 phrases: dict[str, int], patterns: dict[int, list[str]], source: str):
        self.name, self.site, self.detect, self.rules, self.source = name, site, detect, rules, source
        self.phrases = phrases
        # keyword (a word or a symbol) -> the keyword rules it opens
        self._opens: dict[str, list[int]] = {}
        for index, rule in enumerate(rules):
            for keyword in rule.keywords:
                self._opens.setdefault(keyword, []).append(index)
        self._words = frozenset(keyword for keyword in self._opens if _WORD.fullmatch(keyword))
        self._symbols = tuple(keyword for keyword in self._opens if keyword not in self._words)
        self._keyword_longest = max((rule.max_words or 10**9 for rule in rules if rule.keywords), default=0)
        # the patterns tried on every line, with what they can start with; a pattern that
        # can start with anything is tried only on lines holding a character it requires
        self._patterns = []
        required: list[str] = []
        for i in sorted(patterns):
            for pattern in patterns[i] if not rules[i].keywords else ():
                starts = first_characters(pattern)
                piece = required_character(pattern) if starts is None else None
                if piece is not None and piece not in required:
                    required.append(piece)
                self._patterns.append((i, pattern, starts, None if piece is None else required.index(piece)))
        self._conditions = tuple(_holds(piece) for piece in required)
        self._limits = sorted({rules[i].max_words for i, _, _, _ in self._patterns if rules[i].max_words})
        # (length bucket, first character) -> the conditions to test, and by their outcome
        # the alternation to try
        self._dispatch: dict[tuple[int, str], tuple[tuple[int, ...], dict[tuple[bool, ...], _Alternation | None]]] = {}
        self._compiled: dict[tuple[tuple[int, str], ...], _Alternation] = {}  # by the patterns chosen
        self._max_phrase_words = max((len(phrase.split()) for phrase in phrases), default=0)

    def _alternation(self, words: int, plain: str) -> _Alternation | None:
        """The patterns a line of ``words`` words, ``plain``, may match: by its length, its
        first character and the characters it holds that some of them require."""
        key = (bisect_left(self._limits, words), plain[:1].lower())
        dispatch = self._dispatch.get(key)
        if dispatch is None:
            dispatch = self._dispatch[key] = self._candidates(*key)
        conditions, alternations = dispatch
        holds = tuple(self._conditions[condition](plain) for condition in conditions) if conditions else ()
        try:
            return alternations[holds]
        except KeyError:
            alternation = alternations[holds] = self._compile_chosen(key, holds)
            return alternation

    def _candidates(self, bucket: int, first: str) -> tuple[tuple[int, ...], dict]:
        """The conditions that decide between the patterns of a length and first character."""
        limit = self._limits[bucket] if bucket < len(self._limits) else None
        return tuple(sorted({condition for index, _, starts, condition in self._patterns
                             if condition is not None and self._fits(index, limit, starts, first)})), {}

    def _fits(self, index: int, limit: int | None, starts: frozenset[str] | None, first: str) -> bool:
        max_words = self.rules[index].max_words
        return (max_words is None or (limit is not None and max_words >= limit)) and (starts is None or first in starts)

    def _compile_chosen(self, key: tuple[int, str], holds: tuple[bool, ...]) -> _Alternation | None:
        bucket, first = key
        limit = self._limits[bucket] if bucket < len(self._limits) else None
        conditions = self._dispatch[key][0]
        chosen = tuple((index, pattern) for index, pattern, starts, condition in self._patterns
                       if self._fits(index, limit, starts, first)
                       and (condition is None or holds[conditions.index(condition)]))
        if not chosen:
            return None
        if chosen not in self._compiled:
            by_rule: dict[int, list[str]] = {}
            for index, pattern in chosen:
                by_rule.setdefault(index, []).append(pattern)
            joined = "|".join(f"(?:{'|'.join(f'(?:{p})' for p in by_rule[i])})(?P<_{i}>)" for i in by_rule)
            self._compiled[chosen] = _Alternation(_compile(joined, self.source, "rules"),
                                                  tuple((index, f"_{index}") for index in by_rule))
        return self._compiled[chosen]

    def applies_to(self, text: str) -> bool:
        return not self.detect or any(pattern.search(text) for pattern in self.detect)

    def match(self, plain: str, words: int, keywords: bool = True) -> Verdict | None:
        """The first rule that recognises a line: ``plain`` text, ``words`` long; with
        ``keywords`` False, rules with keywords are left out."""
        key = phrase_key(plain) if words <= self._max_phrase_words else None
        best = self.phrases.get(key) if key is not None else None
        found = None
        alternation = self._alternation(words, plain)
        if alternation is not None:
            first = alternation.first(plain)
            if first is not None and (best is None or first[0] < best):
                best, found = first
        if keywords and words <= self._keyword_longest:
            held = [*self._words.intersection(_WORD.findall(plain.lower())),
                    *[symbol for symbol in self._symbols if symbol in plain]]
            opened = sorted({index for keyword in held for index in self._opens[keyword]}) if held else ()
            for index in opened:
                if best is not None and index > best:
                    break
                rule = self.rules[index]
                if rule.fits(words):
                    hit = rule.pattern.match(plain)
                    if hit is not None:
                        best, found = index, hit
                        break
        if best is None:
            return None
        otherwise = self._anywhere_after(best, plain, words, key, keywords) if self.rules[best].where != "any" else None
        return _verdict(self.rules[best], found, otherwise)

    def _anywhere_after(self, index: int, plain: str, words: int, key: str | None, keywords: bool) -> Verdict | None:
        """The first rule after ``index`` that recognises the line anywhere (rare: one at a time)."""
        for later in range(index + 1, len(self.rules)):
            rule = self.rules[later]
            if rule.where != "any" or not rule.fits(words) or (rule.keywords and not keywords):
                continue
            if key is not None and self.phrases.get(key) == later:
                return Verdict(rule, {})
            hit = rule.pattern.match(plain) if rule.pattern is not None else None
            if hit is not None:
                return _verdict(rule, hit)
        return None


# ---------------------------------------------------------------------------------
# Loading

def _fail(source: str, message: str) -> UnusableInputError:
    return UnusableInputError(f"{source}: {message} (see README, 'Site packs')")


def _strings(value: Any, source: str, what: str) -> list[str]:
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list) or not items or not all(isinstance(p, str) and p for p in items):
        raise _fail(source, f"{what} must be a string or a list of strings")
    return items


def _compile(pattern: str, source: str, what: str, flags: int = _FLAGS) -> regex.Pattern:
    try:
        return regex.compile(pattern, flags)
    except regex.error as e:
        raise _fail(source, f"{what}: bad regular expression {pattern!r}: {e}") from None


def _rule(entry: Any, pack: str, number: int, source: str) -> tuple[Rule, list[str], list[str]]:
    what = f"[[rule]] number {number}"
    if not isinstance(entry, dict):
        raise _fail(source, f"{what} is not a table")
    name = entry.get("name")
    if not isinstance(name, str) or not _NAME.fullmatch(name):
        raise _fail(source, f"{what} needs a name of lower-case letters, digits, '_' or '-'")
    unknown = set(entry) - {"name", "action", "where", "max_words", "match", "phrases", "keywords"}
    if unknown:
        raise _fail(source, f"rule {name!r}: unknown key {sorted(unknown)[0]!r}")
    action, where = entry.get("action", "remove"), entry.get("where", "any")
    if action not in ACTIONS:
        raise _fail(source, f"rule {name!r}: action must be one of {', '.join(ACTIONS)}")
    if where not in ZONES:
        raise _fail(source, f"rule {name!r}: where must be one of {', '.join(ZONES)}")
    max_words = entry.get("max_words")
    if max_words is not None and (not isinstance(max_words, int) or max_words < 1):
        raise _fail(source, f"rule {name!r}: max_words must be a positive integer")
    if "match" not in entry and "phrases" not in entry:
        raise _fail(source, f"rule {name!r} needs match = [...] or phrases = [...]")
    phrases = [phrase_key(p) for p in _strings(entry["phrases"], source, f"rule {name!r}: phrases")] \
        if "phrases" in entry else []
    keywords = tuple(k.lower() for k in _strings(entry["keywords"], source, f"rule {name!r}: keywords")) \
        if "keywords" in entry else ()
    if not all(_WORD.fullmatch(keyword) or (len(keyword) == 1 and not keyword.isspace()) for keyword in keywords):
        raise _fail(source, f"rule {name!r}: keywords must be single words or single symbols")
    if keywords and "match" not in entry:
        raise _fail(source, f"rule {name!r}: keywords only go with match")
    patterns: list[str] = []
    compiled = None
    if "match" in entry:
        patterns = _strings(entry["match"], source, f"rule {name!r}: match")
        for pattern in patterns:
            for group in _GROUP_NAME.findall(pattern):
                if group not in META_GROUPS and not group.startswith("tag_"):
                    raise _fail(source, f"rule {name!r}: unknown group (?P<{group}>); use one of "
                                        f"{', '.join(META_GROUPS)} or tag_<name>")
        compiled = _compile("|".join(f"(?:{p})" for p in patterns), source, f"rule {name!r}")
    return Rule(f"{pack}.{name}", action, where, max_words, compiled, keywords), patterns, phrases


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
                   for p in (_strings(data["detect"], source, "detect") if "detect" in data else []))
    entries = data.get("rule", [])
    if not isinstance(entries, list) or not entries:
        raise _fail(source, "needs at least one [[rule]]")
    rules, patterns, phrases = [], {}, {}
    for number, entry in enumerate(entries, 1):
        rule, rule_patterns, rule_phrases = _rule(entry, name, number, source)
        index = len(rules)
        rules.append(rule)
        if rule_patterns:
            patterns[index] = rule_patterns
        for phrase in rule_phrases:
            phrases.setdefault(phrase, index)
    return RulePack(name, site, detect, tuple(rules), phrases, patterns, source)


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
