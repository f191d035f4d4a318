"""Running a chain of passes over a stream of records, in one process or in N, in input order."""

from __future__ import annotations

import dataclasses
import multiprocessing
from collections import deque
from typing import Any, Callable, Iterable, Iterator, Sequence

from .errors import ErrorPolicy, InputProblem, PassFailed, UnusableInputError
from .passes import PASSES, Expander, PassFunction
from .record import Record, count_lines

#: Records sent to a worker process at a time; small enough to keep order cheap.
CHUNK_SIZE = 8


def resolve_passes(names: str | Sequence[str] | None) -> list[str]:
    """Pass names from a comma-separated string or a list; None means all, in default order."""
    if names is None:
        return list(PASSES)
    if isinstance(names, str):
        names = [n.strip() for n in names.split(",") if n.strip()]
    unknown = [n for n in names if n not in PASSES]
    if unknown:
        raise UnusableInputError(f"unknown pass {unknown[0]!r}; choose from {', '.join(PASSES)} "
                                 "(see `corpus-clean passes`)")
    return list(names)


def build_chain(names: Sequence[str], options: dict[str, Any] | None = None) -> list[tuple[str, PassFunction]]:
    return [(name, PASSES[name].create(options)) for name in names]


def with_input_size(record: Record) -> Record:
    """The record with the size of its text in ``source`` (``characters``, ``lines``),
    unless an earlier run recorded it: what went into the chain, for ``stats``.

    >>> with_input_size(Record(id="d", text="One\\nTwo")).source
    {'characters': 7, 'lines': 2}
    """
    if "characters" in record.source:
        return record
    source = {**record.source, "characters": len(record.text), "lines": count_lines(record.text)}
    return dataclasses.replace(record, source=source)


def build_expanders(names: Sequence[str], options: dict[str, Any] | None = None) -> list[Expander]:
    """What the passes' options ask to do with each finished record (see PassSpec.expand)."""
    return [e for name in names if (e := PASSES[name].create_expander(options)) is not None]


def _expand(record: Record, expanders: list[Expander]) -> Iterator[Record]:
    records = [record]
    for expander in expanders:
        records = [out for r in records for out in expander(r)]
    yield from records


def apply_chain(chain: list[tuple[str, PassFunction]], record: Record) -> Record | InputProblem:
    """The record after every pass (its input size recorded), or the problem that stopped it."""
    record = with_input_size(record)
    for name, function in chain:
        try:
            record = function(record)
        except Exception as e:  # a pass must never crash a batch: report the document instead
            return InputProblem(record.id, str(PassFailed(name, e)), "pass-error")
    return record


def run_chain(records: Iterable[Record], names: Sequence[str] | None = None, options: dict[str, Any] | None = None,
              jobs: int = 1, policy: ErrorPolicy | None = None) -> Iterator[Record]:
    """Apply the passes ``names`` (default: all) to each record; output order equals input order.

    A pass option may turn a finished record into several (``comments --explode``); they
    follow each other in place of the record.
    """
    policy = policy or ErrorPolicy()
    names = resolve_passes(names)
    if jobs <= 1:
        chain = build_chain(names, options)
        results: Iterable[Record | InputProblem] = (apply_chain(chain, r) for r in records)
    else:
        results = _parallel(records, names, options or {}, jobs)
    expanders = build_expanders(names, options)
    for result in results:
        if isinstance(result, InputProblem):
            policy.report(result)
        else:
            yield from _expand(result, expanders)


def before_learning(names: Sequence[str]) -> list[str]:
    """The passes of ``names`` that run before the first pass that learns from the corpus."""
    for position, name in enumerate(names):
        if PASSES[name].learn is not None:
            return list(names[:position])
    return list(names)


def learn_models(names: Sequence[str], options: dict[str, Any], reread: Callable[[], Iterable[Record]],
                 jobs: int = 1, policy: ErrorPolicy | None = None) -> dict[str, Any]:
    """Options with a ``model`` learned in a first read, if a pass of ``names`` learns and none was given.

    ``reread`` gives the input records again. They are first put through the passes
    that come before the learning pass, so it learns from the text it will see.
    """
    options = dict(options)
    learner = next((PASSES[n] for n in names if PASSES[n].learn is not None), None)
    if learner is not None and not options.get("model"):
        options["model"] = learner.learn(as_learned_from(reread(), names, options, jobs, policy))
    return options


def as_learned_from(records: Iterable[Record], names: Sequence[str], options: dict[str, Any] | None = None,
                    jobs: int = 1, policy: ErrorPolicy | None = None) -> Iterator[Record]:
    """The records as the first pass of ``names`` that learns sees them: through the passes before it."""
    return run_chain(records, before_learning(names), options, jobs, policy)


# ------------------------------------------------------------------ worker processes

_worker_chain: list[tuple[str, PassFunction]] = []


def _init_worker(names: Sequence[str], options: dict[str, Any]) -> None:
    global _worker_chain
    _worker_chain = build_chain(names, options)


def _work(chunk: list[Record]) -> list[Record | InputProblem]:
    return [apply_chain(_worker_chain, r) for r in chunk]


def _chunks(records: Iterable[Record], size: int) -> Iterator[list[Record]]:
    chunk: list[Record] = []
    for record in records:
        chunk.append(record)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _parallel(records: Iterable[Record], names, options, jobs: int) -> Iterator[Record | InputProblem]:
    """Ordered map over a process pool with a bounded number of chunks in flight.

    Pool.imap would read the whole input ahead; here at most ``4 * jobs`` chunks are
    pending, so memory stays bounded on any corpus size.
    """
    context = multiprocessing.get_context("spawn")  # safe with threads (progress bar) in the parent
    with context.Pool(jobs, initializer=_init_worker, initargs=(names, options)) as pool:
        pending: deque = deque()
        for chunk in _chunks(records, CHUNK_SIZE):
            pending.append(pool.apply_async(_work, (chunk,)))
            if len(pending) >= 4 * jobs:
                yield from pending.popleft().get()
        while pending:
            yield from pending.popleft().get()
