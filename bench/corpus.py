"""The benchmark corpus, built once for every benchmark in this folder.

Every .txt under fixtures/ that decodes, plus DOCS_DIR/*.txt (by default the dev pages,
../shared/eval/dev/docs from the repository root; without them the fixtures alone are
used, with a note), repeated until it holds at least ``size_mb`` MB of UTF-8.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable, Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from corpus_clean.decoding import BinaryInputError, decode_bytes  # noqa: E402
from corpus_clean.record import Record  # noqa: E402

DEV_DOCS = ROOT.parent / "shared" / "eval" / "dev" / "docs"


def add_corpus_arguments(parser) -> None:
    parser.add_argument("docs_dir", nargs="?", type=Path, default=DEV_DOCS,
                        help="folder of .txt pages (default: ../shared/eval/dev/docs)")
    parser.add_argument("--size-mb", type=float, default=20.0, help="minimum corpus size in MB (default 20)")


def pin_one_core() -> None:
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})


def _texts(paths: Iterable[Path]) -> list[tuple[str, str]]:
    texts = []
    for path in paths:
        try:
            texts.append((path.stem, decode_bytes(path.read_bytes())[0]))
        except BinaryInputError:
            pass
    return texts


def build_corpus(docs_dir: Path, size_mb: float) -> tuple[list[Record], float]:
    """The records (repeated) and their size in MB (10^6 bytes of UTF-8)."""
    texts = _texts(sorted((ROOT / "fixtures").rglob("*.txt")))
    if docs_dir.is_dir():
        texts += _texts(sorted(docs_dir.glob("*.txt")))
    else:
        print(f"note: {docs_dir} not found, benchmarking on the fixtures alone")
    size = sum(len(text.encode("utf-8")) for _, text in texts)
    repeat = max(1, -(-int(size_mb * 1e6) // size))
    print(f"corpus: {len(texts)} documents, {size / 1e6:.1f} MB, repeated {repeat}x")
    records = [Record(id=f"{stem}#{n}", text=text) for n in range(repeat) for stem, text in texts]
    return records, size * repeat / 1e6


def best_cpu_seconds(function: Callable[[Record], object], records: list[Record], rounds: int = 3,
                     before_round: Callable[[], None] = lambda: None) -> float:
    """CPU time of ``function`` over all records, best of ``rounds``."""
    best = float("inf")
    for _ in range(rounds):
        before_round()
        start = time.process_time()
        for record in records:
            function(record)
        best = min(best, time.process_time() - start)
    return best
