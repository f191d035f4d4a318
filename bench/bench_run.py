"""Benchmark: `corpus-clean run` end to end, its speed and its memory as the corpus grows.

    .venv/bin/python bench/bench_run.py [DOCS_DIR] [--sizes 10,40] [--jobs 1,2]

For each size, a corpus of that many MB is written to a temporary folder (the pages of
bench/corpus.py copied under new names, gzip-compressed, in sub-folders of 500), then
`corpus-clean run FOLDER -o OUT.jsonl.gz` runs in a child process. Prints wall time,
MB/s of input text and the child's peak resident memory: memory that does not grow
with the corpus is what the streaming readers, the bounded pipeline and the bounded
learned-line table promise.
"""

from __future__ import annotations

import argparse
import gzip
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from corpus import ROOT, add_corpus_arguments, build_corpus

CLI = Path(sys.executable).with_name("corpus-clean")


def write_corpus(folder: Path, texts: list[str]) -> None:
    for n, text in enumerate(texts):
        part = folder / f"part{n // 500:04d}"
        part.mkdir(exist_ok=True)
        with gzip.open(part / f"page{n:06d}.txt.gz", "wt", encoding="utf-8", compresslevel=1) as f:
            f.write(text)


def run(folder: Path, jobs: int) -> tuple[float, int]:
    """Wall seconds and peak resident memory (KiB) of one `corpus-clean run`."""
    out = folder.parent / "out.jsonl.gz"
    start = time.perf_counter()
    child = subprocess.Popen([str(CLI), "run", str(folder), "-o", str(out), "--jobs", str(jobs), "--quiet"])
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - start
    if status:
        raise SystemExit(f"corpus-clean run failed with status {status}")
    # with --jobs, the workers' memory is in RUSAGE_CHILDREN of the child; the parent's is here
    return seconds, usage.ru_maxrss


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    add_corpus_arguments(parser)
    parser.add_argument("--sizes", default="10,40", help="corpus sizes in MB, comma-separated (default 10,40)")
    parser.add_argument("--jobs", default="1", help="--jobs values to try, comma-separated (default 1)")
    args = parser.parse_args()
    if not CLI.exists():
        raise SystemExit(f"{CLI} not found: install the project first (see README)")
    sizes = [float(s) for s in args.sizes.split(",")]
    records, megabytes = build_corpus(args.docs_dir, max(sizes))
    texts = [r.text for r in records]
    per_text = megabytes / len(texts)
    for size in sizes:
        count = max(1, round(size / per_text))
        with tempfile.TemporaryDirectory(dir=ROOT.parent if os.access(ROOT.parent, os.W_OK) else None) as tmp:
            folder = Path(tmp) / "pages"
            folder.mkdir()
            write_corpus(folder, texts[:count])
            for jobs in (int(j) for j in args.jobs.split(",")):
                seconds, peak = run(folder, jobs)
                mb = per_text * count
                print(f"{mb:7.1f} MB  {count:6d} documents  --jobs {jobs}  {seconds:7.1f} s  "
                      f"{mb / seconds:6.2f} MB/s  peak memory {peak / 1024:6.0f} MB (main process)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
