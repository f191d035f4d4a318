"""Line alignment for the diffs, in about linear time on any document.

difflib's matcher is quadratic when the matching lines are short runs between lines
that changed (a page where every other line is a removed share line: minutes for 50,000
lines). This is patience diff instead: lines that occur exactly once on each side are
matched where their order agrees (longest increasing subsequence), then the gaps
between them are aligned the same way, each on its own. A gap with no such line is
left to difflib when small, else matched greedily in order.

Opcodes are difflib's: ``(tag, i1, i2, j1, j2)`` with tags "equal", "replace",
"delete", "insert".

>>> opcodes(["a", "x", "b", "y"], ["a", "b", "z"])
[('equal', 0, 1, 0, 1), ('delete', 1, 2, 1, 1), ('equal', 2, 3, 1, 2), ('replace', 3, 4, 2, 3)]
"""

from __future__ import annotations

import bisect
import difflib
from collections import Counter, defaultdict
from typing import Hashable, Iterator, Sequence

Opcode = tuple[str, int, int, int, int]

#: A gap without a line unique on both sides goes to difflib up to this many line pairs.
SMALL_GAP = 20_000


def matches(a: Sequence[Hashable], b: Sequence[Hashable]) -> list[tuple[int, int]]:
    """Pairs ``(i, j)`` of equal lines, increasing in both."""
    found: list[tuple[int, int]] = []
    regions = [(0, len(a), 0, len(b))]
    while regions:
        a_lo, a_hi, b_lo, b_hi = regions.pop()
        while a_lo < a_hi and b_lo < b_hi and a[a_lo] == b[b_lo]:
            found.append((a_lo, b_lo))
            a_lo, b_lo = a_lo + 1, b_lo + 1
        while a_lo < a_hi and b_lo < b_hi and a[a_hi - 1] == b[b_hi - 1]:
            a_hi, b_hi = a_hi - 1, b_hi - 1
            found.append((a_hi, b_hi))
        if a_lo == a_hi or b_lo == b_hi:
            continue
        anchors = _unique_anchors(a, b, a_lo, a_hi, b_lo, b_hi)
        if not anchors:
            found += _without_anchors(a, b, a_lo, a_hi, b_lo, b_hi)
            continue
        found += anchors
        edges = [(a_lo - 1, b_lo - 1), *anchors, (a_hi, b_hi)]
        regions += [(i + 1, next_i, j + 1, next_j) for (i, j), (next_i, next_j) in zip(edges, edges[1:])]
    return sorted(found)


def _unique_anchors(a, b, a_lo, a_hi, b_lo, b_hi) -> list[tuple[int, int]]:
    """Lines once in each side of the region, matched where their order agrees."""
    count_a = Counter(a[a_lo:a_hi])
    count_b = Counter(b[b_lo:b_hi])
    in_b = {b[j]: j for j in range(b_lo, b_hi) if count_b[b[j]] == 1 and count_a.get(b[j]) == 1}
    pairs = [(i, in_b[a[i]]) for i in range(a_lo, a_hi) if a[i] in in_b]
    return _longest_increasing(pairs)


def _longest_increasing(pairs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The longest run of pairs (in order of i) whose j increase: patience sorting."""
    tails: list[int] = []  # j of the last pair of the best run of each length
    tail_index: list[int] = []
    previous = [-1] * len(pairs)
    for index, (_, j) in enumerate(pairs):
        length = bisect.bisect_left(tails, j)
        if length == len(tails):
            tails.append(j)
            tail_index.append(index)
        else:
            tails[length], tail_index[length] = j, index
        previous[index] = tail_index[length - 1] if length else -1
    run, index = [], tail_index[-1] if tail_index else -1
    while index >= 0:
        run.append(pairs[index])
        index = previous[index]
    return run[::-1]


def _without_anchors(a, b, a_lo, a_hi, b_lo, b_hi) -> list[tuple[int, int]]:
    """Equal lines of a region where none is unique on both sides (blank lines, a
    repeated line): difflib's alignment when the region is small, else each line of
    ``a`` takes the next equal line of ``b``."""
    if (a_hi - a_lo) * (b_hi - b_lo) <= SMALL_GAP:
        matcher = difflib.SequenceMatcher(None, a[a_lo:a_hi], b[b_lo:b_hi], autojunk=False)
        return [(a_lo + i + k, b_lo + j + k) for i, j, size in matcher.get_matching_blocks() for k in range(size)]
    positions: dict = defaultdict(list)
    for j in range(b_lo, b_hi):
        positions[b[j]].append(j)
    found, next_j = [], b_lo
    for i in range(a_lo, a_hi):
        candidates = positions.get(a[i])
        if candidates:
            k = bisect.bisect_left(candidates, next_j)
            if k < len(candidates):
                found.append((i, candidates[k]))
                next_j = candidates[k] + 1
    return found


def opcodes(a: Sequence[Hashable], b: Sequence[Hashable]) -> list[Opcode]:
    """How to turn ``a`` into ``b``, as difflib's ``get_opcodes`` says it."""
    blocks: list[list[int]] = []  # [i, j, size] of runs of matches
    for i, j in matches(a, b):
        if blocks and blocks[-1][0] + blocks[-1][2] == i and blocks[-1][1] + blocks[-1][2] == j:
            blocks[-1][2] += 1
        else:
            blocks.append([i, j, 1])
    result: list[Opcode] = []
    i = j = 0
    for block_i, block_j, size in [*blocks, [len(a), len(b), 0]]:
        if i < block_i or j < block_j:
            tag = "replace" if i < block_i and j < block_j else "delete" if i < block_i else "insert"
            result.append((tag, i, block_i, j, block_j))
        i, j = block_i + size, block_j + size
        if size:
            result.append(("equal", block_i, i, block_j, j))
    return result


def grouped(codes: list[Opcode], context: int = 3) -> Iterator[list[Opcode]]:
    """Changes with up to ``context`` equal lines around them, in hunks (as difflib's
    ``get_grouped_opcodes``; nothing when nothing changed)."""
    if not any(tag != "equal" for tag, *_ in codes):
        return
    codes = list(codes)
    if codes[0][0] == "equal":
        tag, i1, i2, j1, j2 = codes[0]
        codes[0] = tag, max(i1, i2 - context), i2, max(j1, j2 - context), j2
    if codes[-1][0] == "equal":
        tag, i1, i2, j1, j2 = codes[-1]
        codes[-1] = tag, i1, min(i2, i1 + context), j1, min(j2, j1 + context)
    group: list[Opcode] = []
    for tag, i1, i2, j1, j2 in codes:
        if tag == "equal" and i2 - i1 > 2 * context:
            group.append((tag, i1, min(i2, i1 + context), j1, min(j2, j1 + context)))
            yield group
            group = []
            i1, j1 = max(i1, i2 - context), max(j1, j2 - context)
        group.append((tag, i1, i2, j1, j2))
    if group and not (len(group) == 1 and group[0][0] == "equal"):
        yield group
