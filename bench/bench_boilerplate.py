"""Benchmark: the boilerplate pass against the encoding pass, per MB, one core.

    .venv/bin/python bench/bench_boilerplate.py [DOCS_DIR] [--size-mb 20]

The corpus is every .txt under fixtures/seeds and fixtures/boilerplate, plus
DOCS_DIR/*.txt (default: ../shared/eval/dev/docs from the repository root, skipped with
a note when absent), repeated until it holds at least --size-mb MB of UTF-8. The
documents first go through the encoding pass (as in `run`); then each pass is timed
over all of them, in CPU time, best of three rounds.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from corpus_clean.decoding import BinaryInputError, decode_bytes  # noqa: E402
from corpus_clean.passes import boilerplate  # noqa: E402
from corpus_clean.passes.boilerplate import boilerplate_pass  # noqa: E402
from corpus_clean.passes.encoding import encoding_pass  # noqa: E402
from corpus_clean.record import Record  # noqa: E402


def read_records(paths: list[Path]) -> list[Record]:
    records = []
    for path in paths:
        try:
            records.append(Record(id=path.stem, text=decode_bytes(path.read_bytes())[0]))
        except BinaryInputError:
            pass
    return records


def best_cpu_seconds(function: Callable[[Record], Record], records: list[Record], rounds: int = 3) -> float:
    best = float("inf")
    for _ in range(rounds):
        boilerplate.forget()  # what the rules said about short lines: each round starts afresh
        start = time.process_time()
        for record in records:
            function(record)
        best = min(best, time.process_time() - start)
    return best


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("docs_dir", nargs="?", type=Path, default=ROOT / ".." / "shared" / "eval" / "dev" / "docs")
    parser.add_argument("--size-mb", type=float, default=20.0, help="minimum corpus size (default 20)")
    args = parser.parse_args()

    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core
    paths = sorted((ROOT / "fixtures" / "seeds").glob("*.txt")) + sorted((ROOT / "fixtures" / "boilerplate").glob("*.txt"))
    if args.docs_dir.is_dir():
        paths += sorted(args.docs_dir.glob("*.txt"))
    else:
        print(f"note: {args.docs_dir} not found, benchmarking on the fixtures alone")
    raw = read_records(paths)
    size = sum(len(r.text.encode("utf-8")) for r in raw)
    repeat = max(1, -(-int(args.size_mb * 1e6) // size))
    raw = raw * repeat
    repaired = [encoding_pass(record) for record in raw]
    megabytes = size * repeat / 1e6
    print(f"corpus: {len(raw) // repeat} documents, {size / 1e6:.1f} MB, repeated {repeat}x")

    boilerplate_pass(repaired[0])  # compile the rules before timing
    encoding = best_cpu_seconds(encoding_pass, raw)
    boilerplate = best_cpu_seconds(boilerplate_pass, repaired)
    print(f"encoding_pass     {megabytes / encoding:8.1f} MB/s  ({encoding:.2f} s for {megabytes:.1f} MB)")
    print(f"boilerplate_pass  {megabytes / boilerplate:8.1f} MB/s  ({boilerplate:.2f} s)")
    print(f"boilerplate costs {boilerplate / encoding:.1f}x the encoding pass per MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
