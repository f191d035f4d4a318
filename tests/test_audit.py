"""The accounting invariant, for every registered pass and for the whole chain.

Every non-whitespace character a pass receives ends up in its output text, in meta,
comments, tweets, or in a removed entry naming the pass and rule; every entry is at
its offset; nothing appears from nowhere; and line by line, each line that left the
text is explained, so a document can be rebuilt paragraph for paragraph from its
record. Checked on the pages under fixtures/ and on random page-like documents.
Parametrized over the registry, so a pass is covered as soon as it is registered.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings

from corpus_clean import audit
from corpus_clean.errors import ErrorPolicy
from corpus_clean.inspection.trail import Step, trace
from corpus_clean.passes import PASSES
from corpus_clean.pipeline import build_chain
from corpus_clean.readers import read_records
from corpus_clean.record import Record

from .conftest import FIXTURES, SEEDS
from .documents import documents
from .fake_passes import (FAKE_PASSES, broken_inventing_pass, broken_offset_pass, broken_scrambling_pass,
                          broken_silent_pass)

PAGES = [r for r in read_records([str(SEEDS), str(FIXTURES / "inspect"), str(FIXTURES / "encodings"),
                                  str(FIXTURES / "learned")], policy=ErrorPolicy(warn=lambda message: None))]


def accounting_problems(step: Step) -> list[str]:
    return [f"{step.pass_name} on {step.before.id}: {problem}" for problem in audit.problems(step.before, step.after)]


def chain_problems(record: Record, names) -> list[str]:
    """Problems of every step of the chain, and of the chain as one step."""
    steps = list(trace(record, build_chain(names)))
    problems = [problem for step in steps for problem in accounting_problems(step)]
    if steps:
        final = steps[-1].after
        if lost := audit.unaccounted(record, final):
            problems.append(f"chain on {record.id}: characters lost: {dict(lost)}")
        if new := audit.invented(record, final):
            problems.append(f"chain on {record.id}: characters from nowhere: {dict(new)}")
    return problems


def test_there_are_pages_to_check():
    assert len(PAGES) >= 15


@pytest.mark.parametrize("name", list(PASSES))
def test_pass_alone_accounts_for_everything_on_the_pages(name):
    assert [p for page in PAGES for p in chain_problems(page, [name])] == []


@pytest.mark.parametrize("name", list(PASSES))
def test_pass_in_its_place_in_the_chain_accounts_for_everything_on_the_pages(name):
    names = list(PASSES)
    names = names[:names.index(name) + 1]
    assert [p for page in PAGES for p in chain_problems(page, names)] == []


@pytest.mark.parametrize("name", list(PASSES))
@settings(max_examples=120, deadline=None)
@given(text=documents())
def test_pass_accounts_for_everything_on_random_documents(name, text):
    assert chain_problems(Record(id="random", text=text), [name]) == []


@settings(max_examples=120, deadline=None)
@given(text=documents())
def test_whole_chain_accounts_for_everything_on_random_documents(text):
    assert chain_problems(Record(id="random", text=text), list(PASSES)) == []


def test_fake_passes_keep_the_contract_too():
    """The passes the inspection tests rely on are honest, so those tests test the tools."""
    chain = [("encoding", PASSES["encoding"].create()), *FAKE_PASSES.items()]
    assert [p for page in PAGES for step in trace(page, chain) for p in accounting_problems(step)] == []


# ------------------------------------------------------------------ the audit catches broken passes

PAGE = next(page for page in PAGES if page.id == "harbour-dredging")


@pytest.mark.parametrize("broken, finding", [
    (broken_silent_pass, "characters lost"),
    (broken_offset_pass, "entries not at their offset"),
    (broken_inventing_pass, "characters from nowhere"),
    (broken_scrambling_pass, "lines explained nowhere"),
])
def test_each_kind_of_broken_trail_is_caught(broken, finding):
    problems = accounting_problems(Step("broken", PAGE, broken(PAGE)))
    assert any(finding in problem for problem in problems)


def test_an_entry_overlapping_another_is_misplaced():
    after = Record(id="d", text="Body.")
    after.remove("p", "p.a", "Share this", start=0)
    after.remove("p", "p.b", "this", start=6)
    assert audit.misplaced(Record(id="d", text="Share this Body."), after) == [after.removed[1]]
