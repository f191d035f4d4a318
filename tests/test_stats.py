"""`corpus-clean stats`, `run --stats` and the counters behind them (corpus_clean.inspection.stats)."""

from __future__ import annotations

import json
import shutil
import weakref
from collections import Counter
from pathlib import Path

import pytest

from corpus_clean.inspection.stats import CorpusStats
from corpus_clean.inspection.trail import characters_removed
from corpus_clean.record import Record, count_lines

from .conftest import FIXTURES, SEEDS, jsonl
from .fake_passes import FAKE_PASSES, register

ALL = ",".join(["encoding", *FAKE_PASSES])


@pytest.fixture
def pages(tmp_path) -> Path:
    """The seeds, the inspect pages, two encoding cases and a binary file (skipped)."""
    folder = tmp_path / "pages"
    folder.mkdir()
    for page in [*SEEDS.glob("*.txt"), *(FIXTURES / "inspect").glob("*.txt"), FIXTURES / "encodings" / "mojibake.txt",
                 FIXTURES / "encodings" / "cp1251-russian.txt", FIXTURES / "encodings" / "binary.txt",
                 FIXTURES / "encodings" / "empty.txt"]:
        shutil.copy(page, folder / page.name)
    return folder


def stats_json(invoke, *args, input=None) -> dict:
    result = invoke("stats", *args, "--json", input=input)
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def test_totals_equal_the_sums_over_the_records(invoke, monkeypatch, pages, tmp_path):
    register(monkeypatch)
    out = tmp_path / "out.jsonl"
    invoke("run", pages, "--passes", ALL, "-o", out, "--quiet")
    records = jsonl(out.read_text(encoding="utf-8"))
    data = stats_json(invoke, out)

    entries = [e for r in records for e in r.get("removed", [])]
    assert data["documents"] == {"in": len(records), "out": len(records), "empty": 1, "skipped": 0}
    assert data["characters"]["in"] == sum(r["source"]["characters"] for r in records)
    assert data["characters"]["out"] == sum(len(r["text"]) for r in records)
    assert data["characters"]["removed"] == sum(characters_removed(e) for e in entries)
    assert data["lines"] == {"in": sum(r["source"]["lines"] for r in records),
                             "out": sum(count_lines(r["text"]) for r in records)}
    by_rule = Counter(e["rule"] for e in entries)
    assert {rule: row["removals"] for rule, row in data["rules"].items()} == by_rule
    assert {name: row["removals"] for name, row in data["passes"].items()} == Counter(e["pass"] for e in entries)
    assert sum(row["characters"] for row in data["passes"].values()) == data["characters"]["removed"]
    assert data["rules"]["fake_social.line"]["documents"] == sum(
        any(e["rule"] == "fake_social.line" for e in r.get("removed", [])) for r in records) == 2
    assert data["comments"] == {"count": sum(len(r.get("comments", [])) for r in records), "documents": 1}
    assert data["tweets"] == {"count": 1, "documents": 1}
    assert data["meta"] == {"title": 1}
    assert data["encodings"] == dict(Counter(r["meta"]["encoding"] for r in records))
    share = data["rules"]["fake_social.line"]["share"]
    assert share == round(data["rules"]["fake_social.line"]["characters"] / data["characters"]["in"], 6)


def test_raw_input_is_put_through_the_chain_and_skipped_inputs_counted(invoke, pages, tmp_path):
    out = tmp_path / "out.jsonl"
    invoke("run", pages, "-o", out, "--quiet")
    from_raw = stats_json(invoke, pages)
    from_output = stats_json(invoke, out)
    assert from_raw["skipped"] == {"binary": 1} and from_output["skipped"] == {}
    assert from_raw["documents"]["in"] == from_output["documents"]["in"] + 1
    for key in ("characters", "lines", "passes", "rules", "encodings"):
        assert from_raw[key] == from_output[key]


def test_run_stats_writes_what_stats_prints(invoke, pages, tmp_path):
    out, written = tmp_path / "out.jsonl", tmp_path / "stats.json"
    invoke("run", pages, "-o", out, "--stats", written, "--quiet")
    data = json.loads(written.read_text(encoding="utf-8"))
    assert data["skipped"] == {"binary": 1}
    printed = stats_json(invoke, out, "--by", "site")
    assert {k: v for k, v in data.items() if k not in ("skipped", "documents")} == \
        {k: v for k, v in printed.items() if k not in ("skipped", "documents")}
    assert data["documents"] == {**printed["documents"], "in": printed["documents"]["in"] + 1, "skipped": 1}


def test_standard_input_may_be_jsonl_or_raw(invoke, pages):
    records = invoke("run", pages, "--quiet").stdout
    assert stats_json(invoke, input=records)["documents"]["out"] == 10
    raw = stats_json(invoke, input="Tom &amp; Jerry\n")
    assert raw["rules"]["encoding.html_entities"]["removals"] == 1


def test_passes_option_runs_them_on_jsonl_too(invoke):
    record = json.dumps({"id": "x", "text": "Tom &amp; Jerry"}) + "\n"
    assert stats_json(invoke, input=record)["rules"] == {}
    assert list(stats_json(invoke, "--passes", "encoding", input=record)["rules"]) == ["encoding.html_entities"]


def test_mixing_run_output_and_raw_inputs_is_a_usage_error(invoke, pages, tmp_path):
    out = tmp_path / "out.jsonl"
    invoke("run", pages, "-o", out, "--quiet")
    result = invoke("stats", out, pages)
    assert result.exit_code == 2 and "not both" in result.stderr


def site_records() -> str:
    rows = [
        {"id": "a", "text": "Body a.", "meta": {"site": "Ledger"}, "source": {"characters": 20, "lines": 2},
         "removed": [{"pass": "boilerplate", "rule": "boilerplate.footer", "text": "Footer line.", "start": 8}]},
        {"id": "b", "text": "Body b.", "meta": {"site": "Ledger"}, "source": {"characters": 7, "lines": 1}},
        {"id": "c", "text": "", "meta": {"site": "Gazette"}, "source": {"characters": 4, "lines": 1},
         "removed": [{"pass": "boilerplate", "rule": "boilerplate.menu", "text": "Menu", "start": 0}]},
        {"id": "d", "text": "No site.", "source": {"characters": 8, "lines": 1},
         "comments": [{"text": "First!"}], "tweets": [{"text": "Hello", "handle": "h"}]},
    ]
    return "".join(json.dumps(row) + "\n" for row in rows)


def test_by_site_groups_and_top_rules(invoke):
    data = stats_json(invoke, "--by", "site", "--top", "1", input=site_records())
    assert list(data["rules"]) == ["boilerplate.footer"] and data["rules_not_shown"] == 1
    assert data["groups"]["Ledger"]["documents"]["out"] == 2
    assert data["groups"]["Ledger"]["characters"] == {"in": 27, "out": 14, "removed": 12,
                                                      "removed_share": round(12 / 27, 6)}
    assert data["groups"]["Gazette"]["documents"] == {"out": 1, "empty": 1}
    assert data["groups"]["(none)"]["comments"] == {"count": 1, "documents": 1}
    assert sum(group["documents"]["out"] for group in data["groups"].values()) == data["documents"]["out"]


def test_table_names_every_figure(invoke):
    out = invoke("stats", "--by", "site", input=site_records()).stdout
    assert "\x1b[" not in out
    for expected in ("documents", "characters", "lines", "boilerplate.footer", "comments", "tweets",
                     "By site", "Ledger", "Gazette", "(none)", "1 left empty"):
        assert expected in out, expected
    row = next(line for line in out.splitlines() if line.lstrip().startswith("characters"))
    assert row.split()[1:3] == ["39", "22"]


def test_unknown_input_sizes_are_not_guessed(invoke):
    data = stats_json(invoke, input=json.dumps({"id": "x", "text": "Text."}) + "\n")
    assert data["characters"]["in"] is None and data["lines"]["in"] is None
    assert data["unknown_input_size"] == 1
    assert "carry no input size" in invoke("stats", input=json.dumps({"id": "x", "text": "Text."}) + "\n").stdout


def test_counters_keep_no_documents():
    stats = CorpusStats(by="site")
    for i in range(2000):
        record = Record(id=str(i), text="x" * 1000, meta={"site": f"site{i % 3}"},
                        removed=[{"pass": "p", "rule": "p.r", "text": "y" * 10, "start": 0}])
        ref = weakref.ref(record)
        stats.add(record)
        del record  # records hold no cycles: the last reference gone, the record is gone
        assert ref() is None
    assert stats.to_json()["characters"]["out"] == 2_000_000 and len(stats.groups) == 3


def test_a_rewrite_counts_the_characters_it_changed():
    stats = CorpusStats()
    stats.add(Record(id="x", text="The café is open", source={"characters": 17, "lines": 1},
                     removed=[{"pass": "encoding", "rule": "encoding.mojibake", "text": "The cafÃ© is open",
                               "fixed": "The café is open", "start": 0}]))
    assert stats.to_json()["rules"]["encoding.mojibake"]["characters"] == 2
