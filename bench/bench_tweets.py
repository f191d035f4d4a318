"""Benchmark: the tweets pass alone, document by document, one core.

    .venv/bin/python bench/bench_tweets.py [DOCS_DIR] [--size-mb 20]

The corpus is every .txt under fixtures/seeds and fixtures/tweets plus DOCS_DIR/*.txt
(default: ../shared/eval/dev/docs from the repository root, skipped with a note when
absent), repeated until it holds at least --size-mb MB of UTF-8. Prints MB/s (UTF-8
megabytes, 10^6 bytes) and how many tweets were found.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from corpus_clean.decoding import BinaryInputError, decode_bytes  # noqa: E402
from corpus_clean.passes.tweets import tweets_pass  # noqa: E402
from corpus_clean.record import Record  # noqa: E402


def read_texts(paths: list[Path]) -> list[str]:
    texts = []
    for path in paths:
        try:
            texts.append(decode_bytes(path.read_bytes())[0])
        except BinaryInputError:
            pass
    return texts


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("docs_dir", nargs="?", type=Path, default=ROOT / ".." / "shared" / "eval" / "dev" / "docs")
    parser.add_argument("--size-mb", type=float, default=20.0, help="minimum corpus size (default 20)")
    args = parser.parse_args()

    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    texts = read_texts(sorted((ROOT / "fixtures" / "seeds").glob("*.txt")) + sorted((ROOT / "fixtures" / "tweets").glob("*.txt")))
    if args.docs_dir.is_dir():
        texts += read_texts(sorted(args.docs_dir.glob("*.txt")))
    else:
        print(f"note: {args.docs_dir} not found, benchmarking on the fixtures alone")
    size = sum(len(text.encode("utf-8")) for text in texts)
    repeat = max(1, -(-int(args.size_mb * 1e6) // size))
    corpus = [Record(id=str(n), text=text) for n, text in enumerate(texts)] * repeat
    print(f"corpus: {len(texts)} documents, {size / 1e6:.1f} MB, repeated {repeat}x")

    start = time.perf_counter()
    found = sum(len(tweets_pass(record).tweets) for record in corpus)
    seconds = time.perf_counter() - start
    megabytes = size * repeat / 1e6
    print(f"tweets_pass  {megabytes / seconds:8.1f} MB/s  ({seconds:.2f} s for {megabytes:.1f} MB, {found} tweets)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
