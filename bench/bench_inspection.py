"""The audit trail on a folder of real pages, and the speed of `diff` and `stats`.

    .venv/bin/python bench/bench_inspection.py [DOCS_DIR] [--passes LIST]

DOCS_DIR (default: ../shared/eval/dev/docs from the repository root) is read like
`run` reads a folder; the passes (default: all, in the order of `run`) are applied one
by one. It reports:

- the accounting invariant (corpus_clean.audit.problems) per pass and for the chain:
  the share of documents whose trail is complete, and the first problems found;
- that the JSON diffs cover every removed entry (each placed in the text), and that
  the stats totals equal the sums over the records;
- MB/s (UTF-8 megabytes of input text, 10^6 bytes) of: the passes alone, diff
  (every step to an annotated plain unified diff), and stats (counting the records).

Exit status 1 if a document breaks the invariant or a check fails.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

from corpus import DEV_DOCS  # first: it puts the repository on the path
from corpus_clean import audit
from corpus_clean.errors import ErrorPolicy
from corpus_clean.inspection.diff import diff_step, to_json, unified
from corpus_clean.inspection.stats import CorpusStats
from corpus_clean.inspection.trail import characters_removed, trace
from corpus_clean.pipeline import build_chain, resolve_passes, with_input_size
from corpus_clean.readers import read_records


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("docs_dir", nargs="?", type=Path, default=DEV_DOCS)
    parser.add_argument("--passes", help="comma-separated passes (default: all)")
    args = parser.parse_args()

    names = resolve_passes(args.passes)
    chain = build_chain(names)
    records = [with_input_size(r) for r in read_records([str(args.docs_dir)],
                                                       policy=ErrorPolicy(warn=lambda message: None))]
    megabytes = sum(len(r.text.encode("utf-8", "surrogatepass")) for r in records) / 1e6
    print(f"{args.docs_dir}: {len(records)} documents, {megabytes:.1f} MB; passes {','.join(names)}")

    started = time.perf_counter()
    traces = [list(trace(record, chain)) for record in records]
    passes_seconds = time.perf_counter() - started

    started = time.perf_counter()
    diffs = [diff_step(step) for steps in traces for step in steps]
    for document_diff in diffs:
        unified(document_diff)
    diff_seconds = time.perf_counter() - started

    outputs = [steps[-1].after if steps else record for record, steps in zip(records, traces)]
    started = time.perf_counter()
    counters = CorpusStats(by="site")
    for record in outputs:
        counters.add(record)
    data = counters.to_json()
    stats_seconds = time.perf_counter() - started

    failed = False
    broken: Counter = Counter()
    examples = []
    for record, steps in zip(records, traces):
        for step in steps:
            for problem in audit.problems(step.before, step.after):
                broken[step.pass_name] += 1
                examples.append(f"{step.pass_name} on {record.id}: {problem}")
        if steps and (audit.unaccounted(record, steps[-1].after) or audit.invented(record, steps[-1].after)):
            broken["chain"] += 1
            examples.append(f"chain on {record.id}: characters lost or from nowhere")
    for name in [*names, "chain"]:
        complete = len(records) - broken[name]
        print(f"trail complete  {name:<12} {complete}/{len(records)} documents ({100 * complete / len(records):.1f}%)")
    for example in examples[:10]:
        print("  " + example[:300])
    failed |= bool(examples)

    entries = [(r.id, e["rule"], e.get("start"), e["text"]) for r in outputs for e in r.removed]
    shown = [(d["id"], e["rule"], e.get("start"), e["text"]) for d in map(to_json, diffs) for e in d["removed"]]
    placed = all(r.span is not None for d in diffs for r in d.removals)
    covered = sorted(shown) == sorted(entries)
    print(f"diff --format json covers every removed entry: {'yes' if covered else 'NO'} ({len(entries)} entries), "
          f"all placed in the text: {'yes' if placed else 'NO'}")
    sums = (data["documents"]["out"] == len(outputs)
            and data["characters"]["out"] == sum(len(r.text) for r in outputs)
            and data["characters"]["in"] == sum(r.source["characters"] for r in outputs)
            and data["characters"]["removed"] == sum(characters_removed(e) for r in outputs for e in r.removed)
            and sum(row["removals"] for row in data["rules"].values()) == len(entries)
            and data["comments"]["count"] == sum(len(r.comments) for r in outputs)
            and data["tweets"]["count"] == sum(len(r.tweets) for r in outputs))
    print(f"stats totals equal the sums over the records: {'yes' if sums else 'NO'}")
    failed |= not (covered and placed and sums)

    for label, seconds in (("passes", passes_seconds), ("diff", diff_seconds), ("stats", stats_seconds)):
        print(f"{label:<8} {megabytes / seconds:8.1f} MB/s  ({seconds:.2f} s)")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
