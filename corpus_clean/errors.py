"""Errors the user can act on, and the policy that decides whether a bad document stops a batch."""

from __future__ import annotations

import sys
from collections import Counter
from dataclasses import dataclass, field
from typing import Callable


class CorpusCleanError(Exception):
    """An error whose message tells the user what went wrong and what to do."""


class UnusableInputError(CorpusCleanError):
    """An argument that cannot be used at all (missing file, unknown column, bad regex)."""


@dataclass
class InputProblem:
    """One bad document or input: where it is, what is wrong, what happened to it."""

    where: str  # "path:line", "path" or a document id
    message: str
    kind: str  # a short counter name, e.g. "invalid-json", "binary", "pass-error"

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


class StopOnError(CorpusCleanError):
    """Raised under ``--on-error fail`` at the first bad document."""

    def __init__(self, problem: InputProblem):
        super().__init__(f"{problem} (stopped: --on-error fail)")


class PassFailed(Exception):
    """A pass raised on a document: the document is reported, the batch goes on."""

    def __init__(self, pass_name: str, error: Exception):
        super().__init__(f"pass {pass_name!r} failed: {type(error).__name__}: {error}")
        self.pass_name = pass_name


def _print_warning(message: str) -> None:
    print(f"Warning: {message}", file=sys.stderr)


@dataclass
class ErrorPolicy:
    """Reports bad documents, counts them by kind, and stops the run if asked to.

    ``on_error="skip"`` (the default) warns and goes on; ``"fail"`` raises StopOnError.
    """

    on_error: str = "skip"
    warn: Callable[[str], None] = _print_warning
    counts: Counter = field(default_factory=Counter)

    def report(self, problem: InputProblem) -> None:
        self.counts[problem.kind] += 1
        if self.on_error == "fail":
            raise StopOnError(problem)
        self.warn(f"{problem}; skipped")

    @property
    def total(self) -> int:
        return sum(self.counts.values())
