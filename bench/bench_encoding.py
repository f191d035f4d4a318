"""Benchmark: the encoding repair against ftfy.fix_text, document by document, one core.

    .venv/bin/python bench/bench_encoding.py [DOCS_DIR] [--size-mb 20] [--target 10]

The corpus is built by bench/corpus.py (the fixtures plus DOCS_DIR/*.txt, by default
the dev pages, repeated to --size-mb MB). Both functions run over the same documents in the same process; their outputs must be
identical (up to clean_spaces, which ftfy does not do). Exit status 1 if they differ or
if the speed-up is below --target.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable

import ftfy
from corpus import add_corpus_arguments, build_corpus, pin_one_core

from corpus_clean.passes.encoding import clean_spaces, encoding_pass, repair_text
from corpus_clean.record import Record


def timed(function: Callable[[str], str], corpus: list[str]) -> tuple[list[str], float]:
    start = time.perf_counter()
    outputs = [function(text) for text in corpus]
    return outputs, time.perf_counter() - start


def ftfy_reference(text: str) -> str:
    return clean_spaces(ftfy.fix_text(text, uncurl_quotes=False))


def run_pass(text: str) -> str:
    return encoding_pass(Record(id="bench", text=text)).text


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    add_corpus_arguments(parser)
    parser.add_argument("--target", type=float, default=10.0, help="minimum speed-up (default 10)")
    args = parser.parse_args()

    pin_one_core()
    records, megabytes = build_corpus(args.docs_dir, args.size_mb)
    corpus = [record.text for record in records]

    expected, ftfy_seconds = timed(ftfy_reference, corpus)
    got, fast_seconds = timed(repair_text, corpus)
    settled, pass_seconds = timed(run_pass, corpus)
    ratio = ftfy_seconds / fast_seconds

    print(f"ftfy.fix_text  {megabytes / ftfy_seconds:8.1f} MB/s  ({ftfy_seconds:.2f} s for {megabytes:.1f} MB)")
    print(f"repair_text    {megabytes / fast_seconds:8.1f} MB/s  ({fast_seconds:.2f} s)")
    print(f"encoding_pass  {megabytes / pass_seconds:8.1f} MB/s  ({pass_seconds:.2f} s, records and fixed point)")
    print(f"speed-up       {ratio:8.1f}x     (target {args.target:g}x)")

    differing = sum(a != b for a, b in zip(expected, got))
    print(f"outputs identical to ftfy: {'yes' if not differing else f'NO, {differing} documents differ'}")
    print(f"documents the pass settled further: {sum(a != b for a, b in zip(got, settled))}")
    return 0 if not differing and ratio >= args.target else 1


if __name__ == "__main__":
    sys.exit(main())
