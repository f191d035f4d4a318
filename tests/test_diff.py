"""`corpus-clean diff` and the annotated diffs behind it (corpus_clean.inspection).

The real passes are exercised through the encoding pass; the other kinds of change
(lines removed by a rule, markup stripped, text moved to meta, comments, tweets) by
the small passes of tests/fake_passes.py, registered for the test.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import time
from pathlib import Path

import pytest
from hypothesis import given, settings

from corpus_clean.inspection.diff import diff_step, narrow, split_lines, to_json, unified
from corpus_clean.inspection.trail import Step, locate, trace
from corpus_clean.inspection.view import render, side_by_side_view, unified_view
from corpus_clean.passes.encoding import encoding_pass
from corpus_clean.record import Record

from .conftest import FIXTURES, SEEDS, jsonl
from .fake_passes import FAKE_PASSES, register, social_pass
from .documents import documents

INSPECT = FIXTURES / "inspect"
HARBOUR = (INSPECT / "harbour-dredging.txt").read_text(encoding="utf-8")
CHAIN = [("encoding", encoding_pass), *FAKE_PASSES.items()]
ALL = ",".join(["encoding", *FAKE_PASSES])


def steps_of(text: str, chain=CHAIN, record_id: str = "doc") -> list[Step]:
    return list(trace(Record(id=record_id, text=text), chain))


def minus_lines(text: str) -> dict[str, dict]:
    """The "-" lines of the JSON diffs of every pass, by their text."""
    return {line["text"].rstrip("\n"): line for step in steps_of(text)
            for hunk in to_json(diff_step(step))["hunks"] for line in hunk["lines"] if line["op"] == "-"}


# ------------------------------------------------------------------ annotations

def test_each_removed_line_names_its_rule():
    lines = minus_lines(HARBOUR)
    assert lines["Share this on [Facebook](#) · [Twitter](#)"]["rules"] == ["fake_social.line"]
    assert lines["By **Ines Holt**, Valley Ledger"]["rules"] == ["fake_social.markup"]
    assert lines["Comments"]["rules"] == ["fake_thread.marker"]


def test_moved_lines_name_where_they_went():
    lines = minus_lines(HARBOUR)
    assert lines["# Harbour dredging to start in May"]["moved_to"] == "meta.title"
    assert lines["Valley Ledger @valleyledger 2h"]["moved_to"] == "tweets[0]"
    assert lines["Dredgers arrive at the quay on Monday. #harbour #millbrook"]["moved_to"] == "tweets[0]"
    assert lines["1. About time. The silt has been there since the flood."]["moved_to"] == "comments[0]"
    assert lines["  • Agreed, the boats scrape the bottom at low tide."]["moved_to"] == "comments[1]"
    assert lines["2. Who pays for it? The article does not say."]["moved_to"] == "comments[2]"
    assert not any(line.get("unplaced") for line in lines.values())


def test_a_rewritten_line_is_neither_moved_nor_unplaced():
    step = steps_of("Tom &amp; Jerry\nThe cafÃ© is open.\n", [("encoding", encoding_pass)])[0]
    [hunk] = diff_step(step).hunks
    removed = [line for line in hunk.lines if line.op == "-"]
    assert [line.rules for line in removed] == [("encoding.html_entities",), ("encoding.mojibake",)]
    assert not any(line.moved_to or line.unplaced for line in removed)


def test_hunk_header_lists_rules_and_destinations_with_their_lines():
    step = steps_of(HARBOUR)[3]  # fake_thread
    assert step.pass_name == "fake_thread"
    [hunk] = diff_step(step).hunks
    assert hunk.annotation() == "fake_thread.marker 14 · fake_thread.list_marker 16,18,20 · comments[0-2] 16,18,20"


def test_text_moved_without_leaving_the_text_is_listed_with_no_lines():
    def quote_tweet(record: Record) -> Record:  # a tweet found inside a comment stays there
        out = record.copy()
        out.tweets.append({"name": "Valley Ledger", "handle": "valleyledger", "text": "Dredgers arrive",
                           "in": "comments"})
        return out

    diff = diff_step(steps_of("Some text.", [("quotes", quote_tweet)])[0])
    assert not diff.hunks and [(m.to, m.lines) for m in diff.moves] == [("tweets[0]", ())]


def test_a_line_that_vanished_without_a_trace_is_unplaced():
    def silent(record: Record) -> Record:
        out = record.copy()
        out.text = record.text.replace("Share this\n", "")
        return out

    diff = diff_step(steps_of("Body.\nShare this\nMore body.\n", [("silent", silent)])[0])
    assert diff.unplaced == (2,)
    assert "1 line(s) accounted for nowhere: 2" in unified(diff)


# ------------------------------------------------------------------ placing removals

def test_removals_are_placed_by_their_offsets_not_by_search():
    text = "Share this\nBody.\nShare this\n"
    after = Record(id="d", text="Share this\nBody.\n")
    after.remove("p", "p.social", "Share this", start=17)  # the second one
    diff = diff_step(Step("p", Record(id="d", text=text), after))
    assert diff.removals[0].span == (17, 27) and diff.removals[0].lines == (3, 3)


def test_locate_maps_a_later_pass_offsets_back_to_the_original():
    original = "Share this\nTom &amp; Jerry [said](#) hello\n"
    entries = [
        {"pass": "a", "text": "Share this", "start": 0},
        {"pass": "a", "text": "Tom &amp; Jerry [said](#) hello", "start": 11, "fixed": "Tom & Jerry [said](#) hello"},
        # pass b saw "\nTom & Jerry [said](#) hello\n": its "[" is at 13
        {"pass": "b", "text": "[", "start": 13},
        {"pass": "b", "text": "](#)", "start": 18},
    ]
    spans = locate(original, entries)
    assert [original[a:b] for a, b in spans] == ["Share this", entries[1]["text"], "[", "](#)"]
    assert spans[2] == (original.index("["), original.index("[") + 1)


def test_an_entry_whose_text_is_not_there_is_reported_not_placed():
    after = Record(id="d", text="Body.")
    after.remove("p", "p.ghost", "Never there", start=0)
    diff = diff_step(Step("p", Record(id="d", text="Body."), after))
    assert diff.removals[0].span is None and diff.removals[0].hunk is None
    assert "# not found in the text: p.ghost 'Never there'" in unified(diff)


# ------------------------------------------------------------------ the plain diff applies

def apply_unified(text: str, patch: str) -> str:
    """A small applier of our unified diffs (one file, hunks in order, exact context),
    to check the format on many random documents without starting `patch` each time."""
    old, out, position, previous = split_lines(text), [], 0, None
    lines = split_lines(patch)
    index = 0
    while index < len(lines):
        header = re.match(r"@@ -(\d+)(?:,(\d+))? \+\d+(?:,\d+)? @@", lines[index])
        index += 1
        if not header:
            continue
        start = int(header[1]) - (0 if header[2] == "0" else 1)
        out += old[position:start]
        position = start
        while index < len(lines) and lines[index][:1] in (" ", "-", "+", "\\"):
            line = lines[index]
            index += 1
            if line.startswith("\\"):  # "\ No newline at end of file": the line before has none
                if previous in (" ", "+"):
                    out[-1] = out[-1].removesuffix("\n")
                continue
            previous = line[0]
            if line[0] in " -":
                assert old[position].removesuffix("\n") == line[1:].removesuffix("\n"), "context does not match"
                position += 1
            if line[0] in " +":
                out.append(line[1:])
    return "".join(out + old[position:])


@settings(max_examples=150, deadline=None)
@given(documents())
def test_plain_diff_of_every_pass_turns_its_input_into_its_output(text):
    for step in steps_of(text):
        assert apply_unified(step.before.text, unified(diff_step(step))) == step.after.text


def corpus_inputs(tmp_path: Path) -> Path:
    folder = tmp_path / "pages"
    folder.mkdir()
    for page in [*INSPECT.glob("*.txt"), *SEEDS.glob("*.txt"), FIXTURES / "encodings" / "mojibake.txt",
                 FIXTURES / "encodings" / "cp1252-german-french.txt"]:
        shutil.copy(page, folder / page.name)
    return folder


def originals(invoke, folder: Path) -> dict[str, str]:
    return {r["id"]: r["text"] for r in jsonl(invoke("read", folder, "--quiet").stdout)}


@pytest.mark.skipif(shutil.which("patch") is None, reason="GNU patch is not installed")
@pytest.mark.parametrize("against", [False, True], ids=["pass by pass", "against a run"])
def test_patch_applies_the_piped_diff(invoke, monkeypatch, tmp_path, against):
    register(monkeypatch)
    folder = corpus_inputs(tmp_path)
    work = tmp_path / "work"
    work.mkdir()
    for record_id, text in originals(invoke, folder).items():
        (work / record_id).write_bytes(text.encode("utf-8"))
    run = invoke("run", folder, "--passes", ALL, "--quiet")
    if against:
        (tmp_path / "run.jsonl").write_text(run.stdout, encoding="utf-8")
        diff = invoke("diff", folder, "--against", tmp_path / "run.jsonl")
    else:
        diff = invoke("diff", folder, "--passes", ALL)
    assert diff.exit_code == 0 and diff.stdout.count("\n--- a/") >= 7
    subprocess.run(["patch", "-p1", "--quiet", "--force"], input=diff.stdout_bytes, cwd=work, check=True)
    for record in jsonl(run.stdout):
        assert (work / record["id"]).read_bytes().decode("utf-8") == record["text"], record["id"]


def test_piped_diff_has_no_colours_and_annotations_outside_hunks(invoke, monkeypatch):
    register(monkeypatch)
    out = invoke("diff", INSPECT / "harbour-dredging.txt", "--passes", ALL).stdout
    assert "\x1b[" not in out
    in_hunk = False
    for line in out.splitlines():
        if line.startswith("@@ "):
            in_hunk = True
        elif in_hunk and line[:1] not in (" ", "-", "+", "\\"):
            in_hunk = False
            assert line.startswith("# "), line  # a new document or pass starts with its comment line


# ------------------------------------------------------------------ narrowing, options

def test_json_covers_every_removed_entry_of_the_run(invoke, monkeypatch, tmp_path):
    register(monkeypatch)
    folder = corpus_inputs(tmp_path)
    run = jsonl(invoke("run", folder, "--passes", ALL, "--quiet").stdout)
    shown = jsonl(invoke("diff", folder, "--passes", ALL, "--format", "json").stdout)

    def key(record_id, entry):
        return record_id, entry["pass"], entry["rule"], entry["start"], entry["text"]

    expected = sorted(key(r["id"], e) for r in run for e in r.get("removed", []))
    assert expected and sorted(key(d["id"], e) for d in shown for e in d["removed"]) == expected
    assert all(e["where"]["span"] and e["where"]["hunk"] is not None for d in shown for e in d["removed"])


def test_pass_option_shows_one_pass_and_runs_the_ones_before(invoke, monkeypatch):
    register(monkeypatch)
    shown = jsonl(invoke("diff", INSPECT / "harbour-dredging.txt", "--passes", ALL, "--pass", "fake_thread",
                         "--format", "json").stdout)
    assert [d["pass"] for d in shown] == ["fake_thread"]
    # the title line went in an earlier pass, so the thread starts at line 12 of its input
    assert shown[0]["hunks"][0]["header"].startswith("@@ -10,")


def test_rule_glob_keeps_matching_hunks_and_entries(invoke, monkeypatch):
    register(monkeypatch)
    shown = jsonl(invoke("diff", INSPECT / "harbour-dredging.txt", "--passes", ALL, "--rule", "*.line",
                         "--format", "json", "--context", "0").stdout)
    assert [d["pass"] for d in shown] == ["fake_social"]
    assert {e["rule"] for e in shown[0]["removed"]} == {"fake_social.line"}
    assert len(shown[0]["hunks"]) == 2
    moved = jsonl(invoke("diff", INSPECT / "harbour-dredging.txt", "--passes", ALL, "--rule", "comments*",
                         "--format", "json").stdout)
    assert [(d["pass"], d["removed"], [m["to"] for m in d["moved"]]) for d in moved] == [
        ("fake_thread", [], ["comments[0]", "comments[1]", "comments[2]"])]


def test_narrow_by_pass_in_a_run_drops_moved_text_it_cannot_attribute():
    chain_end = steps_of(HARBOUR)[-1].after
    diff = diff_step(Step("run", Record(id="doc", text=HARBOUR), chain_end))
    only_thread = narrow(diff, passes=["fake_thread"])
    assert {r.entry["pass"] for r in only_thread.removals} == {"fake_thread"} and not only_thread.moves
    assert all(r.hunk is not None and r.hunk < len(only_thread.hunks) for r in only_thread.removals)


def test_id_limit_and_context(invoke, tmp_path):
    folder = corpus_inputs(tmp_path)
    everything = jsonl(invoke("diff", folder, "--passes", "encoding", "--format", "json").stdout)
    # a seed with no-break spaces, the CRLF page, the mojibake page
    assert [d["id"] for d in everything] == ["002_b04b3d2a205fa87b", "library-crlf", "mojibake"]
    limited = jsonl(invoke("diff", folder, "--passes", "encoding", "--format", "json", "--limit", "1").stdout)
    assert [d["id"] for d in limited] == [everything[0]["id"]]
    by_id = jsonl(invoke("diff", folder, "--passes", "encoding", "--format", "json", "--id", "moji*").stdout)
    assert [d["id"] for d in by_id] == ["mojibake"]
    wide = invoke("diff", folder, "--passes", "encoding", "--id", "mojibake", "-U", "0").stdout
    assert "\n @@" not in wide and "@@ -1,3 +1,3 @@" in wide


def test_unknown_pass_is_a_usage_error(invoke):
    result = invoke("diff", SEEDS, "--pass", "spellcheck")
    assert result.exit_code == 2 and "--pass 'spellcheck': no such pass" in result.stderr


def test_a_pass_that_raises_is_reported_and_the_batch_goes_on(invoke, monkeypatch, tmp_path):
    from corpus_clean.passes import PASSES, PassSpec

    def explode(record: Record) -> Record:
        if "café" in record.text:
            raise ValueError("boom")
        return social_pass(record)

    monkeypatch.setitem(PASSES, "explode", PassSpec("explode", "raises", build=lambda: explode))
    folder = corpus_inputs(tmp_path)
    result = invoke("diff", folder, "--passes", "encoding,explode", "--format", "json")
    assert result.exit_code == 0
    assert "mojibake: pass 'explode' failed: ValueError: boom; skipped" in result.stderr
    assert any(d["id"] == "library-crlf" and d["pass"] == "explode" for d in jsonl(result.stdout))


def test_against_reports_documents_the_run_does_not_have(invoke, tmp_path):
    folder = corpus_inputs(tmp_path)
    run = [r for r in jsonl(invoke("run", folder, "--passes", "encoding", "--quiet").stdout) if r["id"] != "mojibake"]
    (tmp_path / "run.jsonl").write_text("".join(json.dumps(r) + "\n" for r in reversed(run)), encoding="utf-8")
    result = invoke("diff", folder, "--against", tmp_path / "run.jsonl", "--format", "json")
    assert "mojibake: no record with this id in" in result.stderr
    assert [d["id"] for d in jsonl(result.stdout)] == ["002_b04b3d2a205fa87b", "library-crlf"]


# ------------------------------------------------------------------ colours and columns

def test_colours_when_asked(invoke, monkeypatch):
    register(monkeypatch)
    out = invoke("diff", INSPECT / "harbour-dredging.txt", "--passes", ALL, "--color", "always").stdout
    assert "\x1b[31m-Share this on" in out  # removed: red
    assert "\x1b[33m-# Harbour dredging" in out  # moved: yellow
    assert '\x1b[2m "We have waited eleven years' in out  # context: dim
    assert "meta.title" in out and "fake_social.line" in out


def test_no_color_gives_the_plain_diff(invoke, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    plain = invoke("diff", FIXTURES / "encodings" / "mojibake.txt").stdout
    assert plain.startswith("# mojibake · encoding") and "--- a/mojibake\t(before encoding)" in plain


def test_side_by_side_puts_a_line_beside_what_it_became():
    step = steps_of("Tom &amp; Jerry\n", [("encoding", encoding_pass)])[0]
    out = render(side_by_side_view(diff_step(step)), colored=False, width=160)
    row = next(line for line in out.splitlines() if "Tom &amp; Jerry" in line)
    assert "Tom & Jerry" in row.replace("Tom &amp; Jerry", "") and "encoding.html_entities" in row


def test_terminal_view_shows_control_characters_as_symbols():
    step = steps_of("evil \x1b[2J line\x85\n", [("encoding", encoding_pass)])[0]
    out = render(unified_view(diff_step(step)), colored=True, width=100)
    assert "\x1b[2J" not in out and "\\x1b[2J" in out


# ------------------------------------------------------------------ scale

def test_large_documents_diff_in_linear_time():
    many_lines = "".join(f"Line {i} of a long page, with words.\r\n" for i in range(40_000))  # every line changes
    one_line = "word " * 400_000 + "cafÃ©"
    repeated = "Share this\n\n" * 30_000
    every_other = "".join(f"Paragraph {i}.\nShare this\n" for i in range(30_000))  # quadratic for difflib
    for text in (many_lines, one_line, repeated, every_other):
        started = time.perf_counter()
        for step in steps_of(text, [("encoding", encoding_pass), ("fake_social", social_pass)]):
            unified(diff_step(step))
        assert time.perf_counter() - started < 10


def test_a_short_line_moved_into_a_longer_paragraph_is_found_as_a_word():
    def merge(record: Record) -> Record:  # a comment's lines joined into one paragraph
        out = record.copy()
        out.comments.append({"text": "ok then, see you", "author": None})
        out.text = "Body.\n"
        return out

    before = Record(id="d", text="Body.\nok\nthen, see you\n")
    lines = diff_step(Step("merge", before, merge(before))).hunks[0].lines
    assert [(line.text, line.moved_to) for line in lines if line.op == "-"] == [
        ("ok\n", "comments[0]"), ("then, see you\n", "comments[0]")]
