"""The line alignment behind the diffs: correct opcodes, difflib's hunks, linear time."""

from __future__ import annotations

import difflib
import time

from hypothesis import given, settings
from hypothesis import strategies as st

from corpus_clean.inspection.align import grouped, opcodes

lines = st.lists(st.sampled_from(["", "a", "b", "c", "Share this", "x y"]), max_size=40)


def apply(codes, a, b):
    out = []
    for tag, i1, i2, j1, j2 in codes:
        if tag == "equal":
            assert a[i1:i2] == b[j1:j2]
        out += a[i1:i2] if tag == "equal" else b[j1:j2]
    return out


@settings(max_examples=400, deadline=None)
@given(lines, lines)
def test_opcodes_turn_one_sequence_into_the_other(a, b):
    codes = opcodes(a, b)
    assert apply(codes, a, b) == b
    ends = [(0, 0), *[(c[2], c[4]) for c in codes]]
    assert [(c[1], c[3]) for c in codes] == ends[:-1] and ends[-1] == (len(a), len(b))  # contiguous, complete
    assert all(c[0] != "equal" or c[2] > c[1] for c in codes)


@settings(max_examples=200, deadline=None)
@given(lines, lines, st.integers(0, 4))
def test_hunks_are_grouped_as_difflib_groups_them(a, b, context):
    matcher = difflib.SequenceMatcher(None, a, b)
    assert list(grouped(matcher.get_opcodes(), context)) == list(matcher.get_grouped_opcodes(context))


def test_matches_lines_unique_on_both_sides_first():
    old = ["intro", "", "Share this", "", "body", "", "Share this", "", "end"]
    new = ["intro", "", "", "body", "", "", "end"]
    assert [c for c in opcodes(old, new) if c[0] != "equal"] == [("delete", 2, 3, 2, 2), ("delete", 6, 7, 5, 5)]


def test_linear_where_difflib_is_quadratic():
    old = [line for i in range(50_000) for line in (f"Paragraph {i}.", "Share this")]
    new = [f"Paragraph {i}." for i in range(50_000)]
    started = time.perf_counter()
    codes = opcodes(old, new)
    assert time.perf_counter() - started < 5
    assert sum(c[2] - c[1] for c in codes if c[0] == "delete") == 50_000
