"""A progress bar on standard error when it is a terminal; nothing in pipes or with --quiet."""

from __future__ import annotations

import sys
from contextlib import contextmanager
from typing import Iterable, Iterator

from .record import Record


@contextmanager
def progress(enabled: bool | None = None) -> Iterator:
    """Yields a function that wraps a record stream and counts documents and megabytes through it."""
    if enabled is None:
        enabled = sys.stderr.isatty()
    if not enabled:
        yield lambda records: records
        return
    from rich.console import Console
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    columns = (SpinnerColumn(), TextColumn("{task.completed:,} documents"),
               TextColumn("{task.fields[mb]:.1f} MB"), TextColumn("{task.fields[rate]:.2f} MB/s"),
               TimeElapsedColumn())
    with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("clean", total=None, mb=0.0, rate=0.0)

        def track(records: Iterable[Record]) -> Iterator[Record]:
            size = 0
            for record in records:
                size += len(record.text.encode("utf-8", "surrogatepass"))
                elapsed = bar.tasks[0].elapsed or 1e-9
                bar.update(task, advance=1, mb=size / 1e6, rate=size / 1e6 / elapsed)
                yield record

        yield track
