"""Small passes for testing the inspection tools: they remove, rewrite and move text
the way the real passes do (same record contract), on pages like fixtures/inspect.

Each is a pure function ``Record -> Record`` that keeps the trail: removals with
their rule and offset, moved text in ``meta``, ``comments``, ``tweets``. ``register``
adds them to the registry for one test. The ``broken_*`` passes each break the
accounting in one way, to show the audit catches it.
"""

from __future__ import annotations

import re
from typing import Iterator

from corpus_clean.markup import strip_markup
from corpus_clean.passes import PASSES, PassSpec
from corpus_clean.record import Record


def lines_with_offsets(text: str) -> Iterator[tuple[int, str]]:
    position = 0
    for line in text.split("\n"):
        yield position, line
        position += len(line) + 1


_SOCIAL = re.compile(r"(Share this|Follow us)\b.*")


def social_pass(record: Record) -> Record:
    """Removes share/follow lines (rule fake_social.line) and markup (fake_social.markup)."""
    out = record.copy()
    kept = []
    for start, line in lines_with_offsets(record.text):
        if _SOCIAL.fullmatch(line.strip()):
            out.remove("fake_social", "fake_social.line", line, start=start)
            continue
        plain, pieces = strip_markup(line)
        for offset, piece in pieces:
            out.remove("fake_social", "fake_social.markup", piece, start=start + offset)
        kept.append(plain)
    out.text = "\n".join(kept)
    return out


def title_pass(record: Record) -> Record:
    """Lifts a first "# " line into meta.title (and records the line, as the seeds' gold does)."""
    out = record.copy()
    first = record.text.split("\n", 1)[0]
    if first.startswith("# ") and "title" not in record.meta:
        out.meta["title"] = first[2:].strip()
        out.remove("fake_title", "fake_title.header", first, start=0)
        out.text = record.text[len(first):].lstrip("\n")
    return out


_MARKED = re.compile(r"\s*(?P<marker>\d+\.|•) (?P<text>.*)")


def thread_pass(record: Record) -> Record:
    """From a "Comments" line on: numbered lines become comments, bullets replies; the
    marker line and the list markers are recorded as removed."""
    out = record.copy()
    lines = list(lines_with_offsets(record.text))
    marker = next((i for i, (_, line) in enumerate(lines) if line.strip() == "Comments"), None)
    if marker is None:
        return out
    start, line = lines[marker]
    out.remove("fake_thread", "fake_thread.marker", line, start=start)
    for offset, line in lines[marker + 1:]:
        if match := _MARKED.fullmatch(line):
            out.remove("fake_thread", "fake_thread.list_marker", match["marker"], start=offset + match.start("marker"))
            reply = match["marker"] == "•"
            parent = next((c["id"] for c in reversed(out.comments) if c["depth"] == 0), None) if reply else None
            out.comments.append({"id": f"c{len(out.comments) + 1}", "parent": parent, "depth": int(reply),
                                 "number": None if reply else match["marker"][:-1], "text": match["text"]})
        elif line.strip() and out.comments:
            out.comments[-1]["text"] += "\n\n" + line.strip()
        elif line.strip():
            out.remove("fake_thread", "fake_thread.before_first_comment", line, start=offset)
    out.text = record.text[:start].rstrip() + "\n"
    return out


_TWEET_HEADER = re.compile(r"(?P<name>[^@\n]+?) @(?P<handle>\w+)(?: (?P<when>\d+[hm]))?")


def tweet_pass(record: Record) -> Record:
    """A "Name @handle 2h" line and the line after it become a tweet; the header line is
    also recorded as removed (its "@" is in no field)."""
    out = record.copy()
    lines = list(lines_with_offsets(record.text))
    kept, index = [], 0
    while index < len(lines):
        start, line = lines[index]
        header = _TWEET_HEADER.fullmatch(line.strip())
        if header and index + 1 < len(lines) and lines[index + 1][1].strip():
            text = lines[index + 1][1].strip()
            out.remove("fake_tweets", "fake_tweets.header", line, start=start)
            out.tweets.append({"name": header["name"], "handle": header["handle"], "when": header["when"],
                               "text": text, "hashtags": re.findall(r"#(\w+)", text), "in": "body"})
            index += 2
            continue
        kept.append(line)
        index += 1
    out.text = "\n".join(kept)
    return out


FAKE_PASSES = {
    "fake_title": title_pass,
    "fake_tweets": tweet_pass,
    "fake_thread": thread_pass,
    "fake_social": social_pass,
}


def register(monkeypatch) -> list[str]:
    """Put the fake passes in the registry for one test; returns their names in order."""
    for name, function in FAKE_PASSES.items():
        monkeypatch.setitem(PASSES, name, PassSpec(name, f"test pass {name}", build=lambda f=function: f))
    return list(FAKE_PASSES)


# ------------------------------------------------------------------ passes that break the accounting

def broken_silent_pass(record: Record) -> Record:
    """Drops share lines without a word."""
    out = record.copy()
    out.text = "\n".join(line for line in record.text.split("\n") if not _SOCIAL.fullmatch(line.strip()))
    return out


def broken_offset_pass(record: Record) -> Record:
    """Records its removals one character off."""
    out = social_pass(record)
    for entry in out.removed[len(record.removed):]:
        entry["start"] += 1
    return out


def broken_inventing_pass(record: Record) -> Record:
    """Adds a line of its own."""
    out = record.copy()
    out.text = record.text + "\nRead more at our site."
    return out


def broken_scrambling_pass(record: Record) -> Record:
    """Moves share lines into meta with their words reversed: the characters are all
    there, the lines are not."""
    out = record.copy()
    moved = [line for line in record.text.split("\n") if _SOCIAL.fullmatch(line.strip())]
    out.meta["scrambled"] = [" ".join(reversed(line.split())) for line in moved]
    out.text = "\n".join(line for line in record.text.split("\n") if line not in moved)
    return out
