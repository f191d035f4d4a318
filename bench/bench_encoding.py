"""Benchmark: the encoding repair against ftfy.fix_text, document by document, one core.

    .venv/bin/python bench/bench_encoding.py [DOCS_DIR] [--size-mb 20] [--target 10]

The corpus is every .txt under fixtures/seeds and fixtures/encodings that decodes, plus
DOCS_DIR/*.txt (default: ../shared/eval/dev/docs from the repository root, skipped with
a note when absent), repeated until it holds at least --size-mb MB of UTF-8. Both
functions run over the same documents in the same process; their outputs must be
identical (up to clean_spaces, which ftfy does not do). Exit status 1 if they differ or
if the speed-up is below --target.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

import ftfy

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from corpus_clean.decoding import BinaryInputError, decode_bytes  # noqa: E402
from corpus_clean.passes.encoding import clean_spaces, encoding_pass, repair_text  # noqa: E402
from corpus_clean.record import Record  # noqa: E402


def read_texts(paths: list[Path]) -> list[str]:
    texts = []
    for path in paths:
        try:
            texts.append(decode_bytes(path.read_bytes())[0])
        except BinaryInputError:
            pass
    return texts


def build_corpus(docs_dir: Path, size_mb: float) -> list[str]:
    fixtures = sorted((ROOT / "fixtures" / "seeds").glob("*.txt")) + sorted((ROOT / "fixtures" / "encodings").glob("*.txt"))
    texts = read_texts(fixtures)
    print(f"fixtures: {len(texts)} documents")
    if docs_dir.is_dir():
        docs = read_texts(sorted(docs_dir.glob("*.txt")))
        print(f"{docs_dir}: {len(docs)} documents")
        texts += docs
    else:
        print(f"note: {docs_dir} not found, benchmarking on the fixtures alone")
    size = sum(len(text.encode("utf-8")) for text in texts)
    repeat = max(1, -(-int(size_mb * 1e6) // size))
    print(f"corpus: {len(texts)} documents, {size / 1e6:.1f} MB, repeated {repeat}x")
    return texts * repeat


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
    parser.add_argument("docs_dir", nargs="?", type=Path, default=ROOT / ".." / "shared" / "eval" / "dev" / "docs")
    parser.add_argument("--size-mb", type=float, default=20.0, help="minimum corpus size (default 20)")
    parser.add_argument("--target", type=float, default=10.0, help="minimum speed-up (default 10)")
    args = parser.parse_args()

    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core, as promised
    corpus = build_corpus(args.docs_dir.resolve(), args.size_mb)
    megabytes = sum(len(text.encode("utf-8")) for text in corpus) / 1e6

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
