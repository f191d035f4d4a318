"""Benchmark: the comments pass alone, document by document, one core.

    .venv/bin/python bench/bench_comments.py [DOCS_DIR] [--size-mb 20]

The corpus is every .txt under fixtures/seeds and fixtures/comments plus DOCS_DIR/*.txt
(default: ../shared/eval/dev/docs from the repository root, skipped with a note when
absent), repeated until it holds at least --size-mb MB of UTF-8. Prints MB/s (10^6
bytes of UTF-8 per second) and how many documents got comments.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from corpus_clean.passes.comments import comments_pass  # noqa: E402
from corpus_clean.record import Record  # noqa: E402


def build_corpus(docs_dir: Path, size_mb: float) -> list[str]:
    paths = sorted((ROOT / "fixtures" / "seeds").glob("*.txt")) + sorted((ROOT / "fixtures" / "comments").glob("*.txt"))
    if docs_dir.is_dir():
        paths += sorted(docs_dir.glob("*.txt"))
    else:
        print(f"note: {docs_dir} not found, benchmarking on the fixtures alone")
    texts = [path.read_text(encoding="utf-8") for path in paths]
    size = sum(len(text.encode("utf-8")) for text in texts)
    repeat = max(1, -(-int(size_mb * 1e6) // size))
    print(f"corpus: {len(texts)} documents, {size / 1e6:.1f} MB, repeated {repeat}x")
    return texts * repeat


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("docs_dir", nargs="?", type=Path, default=ROOT.parent / "shared" / "eval" / "dev" / "docs")
    parser.add_argument("--size-mb", type=float, default=20)
    args = parser.parse_args()
    corpus = build_corpus(args.docs_dir, args.size_mb)
    records = [Record(id=str(n), text=text) for n, text in enumerate(corpus)]
    start = time.perf_counter()
    with_comments = sum(bool(comments_pass(record).comments) for record in records)
    seconds = time.perf_counter() - start
    megabytes = sum(len(text.encode("utf-8")) for text in corpus) / 1e6
    print(f"comments_pass  {megabytes / seconds:.1f} MB/s  ({seconds:.2f} s for {megabytes:.1f} MB); "
          f"{with_comments} of {len(corpus)} documents with comments")


if __name__ == "__main__":
    main()
