"""Benchmark: every pass of the chain, alone, per MB, on one core.

    .venv/bin/python bench/bench_passes.py [DOCS_DIR] [--size-mb 20] [--rounds 3]

Each pass is timed (CPU time, best of --rounds) on what it receives in `run`: the
output of the passes before it. Prints MB/s per pass (MB of the chain's input, 10^6
bytes of UTF-8), the cost of each pass relative to the encoding pass, and the chain.
"""

from __future__ import annotations

import argparse
import sys

from corpus import add_corpus_arguments, best_cpu_seconds, build_corpus, pin_one_core

from corpus_clean.passes import PASSES
from corpus_clean.passes import boilerplate as boilerplate_module
from corpus_clean.passes import comments as comments_module


def forget() -> None:
    """Passes that remember short lines between documents start each round afresh."""
    boilerplate_module.forget()
    comments_module.forget()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    add_corpus_arguments(parser)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    pin_one_core()
    records, megabytes = build_corpus(args.docs_dir, args.size_mb)
    seconds = {}
    for name, spec in PASSES.items():
        function = spec.create()
        function(records[0])  # compile what the pass compiles lazily before timing
        seconds[name] = best_cpu_seconds(function, records, args.rounds, forget)
        records = [function(record) for record in records]
    for name, spent in seconds.items():
        print(f"{name:<12} {megabytes / spent:8.1f} MB/s  ({spent:.2f} s for {megabytes:.1f} MB, "
              f"{spent / seconds['encoding']:.1f}x the encoding pass)")
    total = sum(seconds.values())
    print(f"{'chain':<12} {megabytes / total:8.1f} MB/s  ({total:.2f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
