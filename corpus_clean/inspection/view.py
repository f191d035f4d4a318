"""Diffs for a person at a terminal, drawn with rich: removed red, moved yellow, added
green, kept context dim, each line that left the text labelled with its rule or its
destination. Without colours (piped, NO_COLOR) the same drawings are plain text.
"""

from __future__ import annotations

import io
import itertools
import re

from rich import box
from rich.console import Console, Group, RenderableType
from rich.table import Table
from rich.text import Text

from .diff import DocumentDiff, Hunk, Line, summary

STYLES = {
    "title": "bold",
    "note": "dim italic",
    "hunk": "cyan",
    "context": "dim",
    "removed": "red",
    "moved": "yellow",
    "added": "green",
    "unplaced": "bold red reverse",
}

#: Control characters would move the cursor or start escape sequences: shown as symbols.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")


def _shown(text: str) -> str:
    """A line as it can be shown: without its "\\n", control characters as visible symbols.

    >>> _shown("a\\x1b[31mb\\r\\n")
    'a\\\\x1b[31mb\\\\r'
    """
    return _CONTROL.sub(lambda m: repr(m.group())[1:-1], text.removesuffix("\n"))


def render(renderable: RenderableType, colored: bool, width: int) -> str:
    """A drawing as text: with the terminal's colours, or plain (no trailing spaces)."""
    console = Console(file=io.StringIO(), force_terminal=colored, no_color=not colored,
                      color_system="auto" if colored else None, width=width, highlight=False)
    with console.capture() as capture:
        console.print(renderable)
    text = capture.get()
    return text if colored else "\n".join(line.rstrip() for line in text.split("\n"))


def _line_style(line: Line) -> str:
    if line.op == "+":
        return STYLES["added"]
    if line.op == " ":
        return STYLES["context"]
    return STYLES["moved"] if line.moved_to else STYLES["removed"]


def _what(line: Line) -> Text:
    """What became of a "-" line: its rules, where it went, or that nothing says."""
    what = Text()
    if line.rules:
        what.append(", ".join(line.rules), STYLES["removed"])
    if line.moved_to:
        what.append((" → " if line.rules else "→ ") + line.moved_to, STYLES["moved"])
    if line.unplaced:
        what.append(" accounted for nowhere", STYLES["unplaced"])
    return what


def _title(diff: DocumentDiff) -> Text:
    title = Text(f"{diff.id} · {diff.pass_name}", STYLES["title"])
    title.append("  " + summary(diff), STYLES["note"])
    return title


def _not_found(diff: DocumentDiff) -> list[Text]:
    return [Text(f"not found in the text: {r.entry.get('rule')} {_shown(str(r.entry.get('text')))!r}",
                 STYLES["unplaced"]) for r in diff.removals if r.span is None]


def unified_view(diff: DocumentDiff) -> RenderableType:
    """The unified diff, coloured, each "-" line followed by what removed it or where it went."""
    parts: list[RenderableType] = [_title(diff), *_not_found(diff)]
    for hunk in diff.hunks:
        header = Text(hunk.header, STYLES["hunk"])
        header.append(" " + hunk.annotation(), STYLES["note"])
        parts.append(header)
        for line in hunk.lines:
            text = Text(line.op + _shown(line.text), _line_style(line))
            if line.op == "-":
                what = _what(line)
                if what:
                    text.append("   ⟵ ", STYLES["note"])
                    text.append_text(what)
            parts.append(text)
    return Group(*parts, Text())


def side_by_side_view(diff: DocumentDiff) -> RenderableType:
    """Before and after in two columns, a line of one beside the line it became."""
    parts: list[RenderableType] = [_title(diff), *_not_found(diff)]
    for hunk in diff.hunks:
        parts.append(_hunk_table(hunk))
    return Group(*parts, Text())


def _hunk_table(hunk: Hunk) -> Table:
    table = Table(box=box.SIMPLE_HEAD, expand=True, title=hunk.header, title_style=STYLES["hunk"],
                  title_justify="left", pad_edge=False)
    table.add_column("", justify="right", style=STYLES["note"], no_wrap=True)
    table.add_column("before", ratio=5)
    table.add_column("", justify="right", style=STYLES["note"], no_wrap=True)
    table.add_column("after", ratio=5)
    table.add_column("what", ratio=2, overflow="fold")
    for op, run in itertools.groupby(hunk.lines, key=lambda line: line.op == " "):
        lines = list(run)
        if op:
            for line in lines:
                text = _shown(line.text)
                table.add_row(str(line.old), Text(text, STYLES["context"]), str(line.new),
                              Text(text, STYLES["context"]), "")
            continue
        old = [line for line in lines if line.op == "-"]
        new = [line for line in lines if line.op == "+"]
        for left, right in itertools.zip_longest(old, new):
            table.add_row(
                str(left.old) if left else "", Text(_shown(left.text), _line_style(left)) if left else "",
                str(right.new) if right else "", Text(_shown(right.text), _line_style(right)) if right else "",
                _what(left) if left else "")
    return table
