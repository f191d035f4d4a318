"""Markup residue: the fast whole-text functions agree with strip_markup, which accounts
for every piece it removes."""

from __future__ import annotations

from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from corpus_clean.markup import has_markup, plain, strip_markup

from .conftest import FIXTURES

PIECES = ["[", "]", "(", ")", "](#)", "[x](#)", "![img](http://a.b/c.png)", "<http://x.org>", "\\", "\\_", "\\*",
          "*", "**", "_", "__", "`", "#", "## ", "> ", ">", "\n", "\n# ", "\n> ", " ", "\t", "a", "Wort", ".", "é"]
markdownish = st.lists(st.sampled_from(PIECES), max_size=60).map("".join)
texts = markdownish | st.text(max_size=200)


def visible(text: str) -> Counter:
    return Counter(char for char in text if not char.isspace())


@settings(max_examples=500, deadline=None)
@given(texts)
def test_plain_is_strip_markup(text):
    assert plain(text) == strip_markup(text)[0]


@settings(max_examples=500, deadline=None)
@given(texts)
def test_pieces_account_for_the_change(text):
    result, pieces = strip_markup(text)
    for offset, piece in pieces:
        assert text[offset:offset + len(piece)] == piece
    assert visible(result) + visible("".join(piece for _, piece in pieces)) == visible(text)


@settings(max_examples=500, deadline=None)
@given(texts)
def test_lines_are_kept_and_has_markup_tells(text):
    assert plain(text).count("\n") == text.count("\n")
    assert has_markup(text) == (plain(text) != text)


@pytest.mark.parametrize("path", sorted((FIXTURES / "seeds").glob("*.txt")), ids=lambda p: p.name)
def test_real_pages(path):
    text = path.read_text(encoding="utf-8")
    assert plain(text) == strip_markup(text)[0]
    assert plain(text).count("\n") == text.count("\n")


def test_link_labels_hold_no_brackets():
    # the innermost brackets make the link; a stray "[" stays text
    assert plain("[a [b](#)") == "[a b"
    assert plain("[" * 10 + "x](#)") == "[" * 9 + "x"
