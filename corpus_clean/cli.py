"""The command line: a thin layer over the library (readers, passes, pipeline, writer).

Option bundles (inputs, output, passes' own options) are declared once and shared by
every command; library errors become ``Error: ...`` messages that say what to do.
"""

from __future__ import annotations

import functools
import json
import os
import shutil
import sys
from contextlib import contextmanager
from typing import Any, Callable, Iterable, Iterator

import click

from . import __version__
from .errors import CorpusCleanError, ErrorPolicy, UnusableInputError
from .inspection.diff import DocumentDiff, diff_step, matches_any, narrow, to_json, unified
from .inspection.stats import CorpusStats, stats_view
from .inspection.trail import run_steps, shown_steps
from .inspection.view import render, side_by_side_view, unified_view
from .learned import MAX_ENTRIES, MIN_DOCS, MIN_DOCS_PROSE, learn_model, save_model
from .passes import PASSES, PassOption
from .pipeline import as_learned_from, build_chain, learn_models, resolve_passes, run_chain
from .progress import progress
from .readers import FORMATS, STDIN, ReadOptions, input_format, read_records, stdin_format
from .writer import AtomicFile, write_jsonl


class UsageProblem(click.ClickException):
    """An unusable argument: exit status 2, like click's own usage errors."""

    exit_code = 2


def _stacked(decorators: list[Callable]) -> Callable[[Callable], Callable]:
    """One decorator applying ``decorators`` as if written one above the other, in order
    (so click lists the options in that order)."""
    return lambda command: functools.reduce(lambda f, d: d(f), reversed(decorators), command)


def jobs_option(help: str) -> Callable[[Callable], Callable]:
    return click.option("-j", "--jobs", default=1, show_default=True, type=click.IntRange(1), help=help)


def _input_options(format_flag: str) -> Callable[[Callable], Callable]:
    """INPUT... plus the options that say how to read it, handed to the command as
    ``inputs``, ``read_options`` (a ReadOptions) and ``on_error``. ``format_flag`` names
    the input format option, for a command whose own ``--format`` is something else."""
    decorators = [
        click.argument("inputs", metavar="[INPUT]...", nargs=-1),
        click.option(format_flag, "fmt", type=click.Choice(FORMATS),
                     help="Input format; default: from each file's extension (.txt/.md text, .jsonl, "
                          ".csv, .tsv), standard input is JSONL if it starts with '{'."),
        click.option("--delimiter", metavar="REGEX",
                     help="Text files hold several documents, separated by lines that match REGEX entirely."),
        click.option("--text-column", default="text", show_default=True,
                     help="CSV/TSV column or JSONL field holding the text."),
        click.option("--id-column", help="CSV/TSV column or JSONL field holding the document id [default: id]."),
        click.option("--on-error", type=click.Choice(["skip", "fail"]), default="skip", show_default=True,
                     help="On a bad document or file: report it and go on, or stop with exit status 1."),
    ]

    def decorate(command: Callable) -> Callable:
        @functools.wraps(command)
        def with_read_options(*args, fmt, delimiter, text_column, id_column, **kwargs):
            read_options = ReadOptions(format=fmt, delimiter=delimiter, text_column=text_column,
                                       id_column=id_column)
            return command(*args, read_options=read_options, **kwargs)

        return _stacked(decorators)(with_read_options)

    return decorate


input_options = _input_options("--format")


def output_options(command: Callable) -> Callable:
    decorators = [
        click.option("-o", "--output", default="-", metavar="FILE", show_default=True,
                     help="Write JSONL here (compressed by .gz/.bz2/.xz/.zst extension), atomically; "
                          "'-' is standard output."),
        jobs_option("Worker processes; output order stays the input order."),
        click.option("-q", "--quiet", is_flag=True, help="No progress bar and no summary on standard error."),
    ]
    return _stacked(decorators)(command)


def _click_option(option: PassOption) -> Callable:
    if option.kind == "flag":
        return click.option(option.flag, option.name, is_flag=True, help=option.help)
    kinds = {"text": str, "int": int, "path": click.Path(exists=True, dir_okay=False),
             "choice": click.Choice(option.choices)}
    return click.option(option.flag, option.name, type=kinds[option.kind], multiple=option.multiple,
                        default=option.default, show_default=option.default is not None, help=option.help)


def pass_options(specs) -> Callable:
    """The options of the given passes (an option shared by two passes is declared once)."""
    options = {o.name: o for spec in specs for o in spec.options}

    return _stacked([_click_option(option) for option in options.values()])


@contextmanager
def user_errors():
    """Library errors become ``Error: ...`` messages; a closed pipe ends the run quietly."""
    try:
        yield
    except UnusableInputError as e:
        raise UsageProblem(str(e)) from None
    except CorpusCleanError as e:
        raise click.ClickException(str(e)) from None
    except BrokenPipeError:
        sys.stderr.close()  # the reader went away (e.g. `| head`)


def _rereadable(inputs) -> bool:
    return bool(inputs) and STDIN not in inputs


def _with_models(inputs, read_options: ReadOptions, on_error: str, names, options: dict[str, Any] | None,
                 jobs: int = 1) -> dict[str, Any]:
    """``options``, with the model of a pass of ``names`` that learns from the corpus,
    learned in a first read of the inputs unless they are standard input or a model was given."""
    options = options or {}
    if not _rereadable(inputs):
        return options
    silent = ErrorPolicy(on_error=on_error, warn=lambda message: None)  # reported in the second read
    return learn_models(names, options, lambda: read_records(inputs, read_options, silent), jobs, silent)


def _report_skipped(policy: ErrorPolicy, done: str, quiet: bool = False) -> None:
    if policy.total and not quiet:
        kinds = ", ".join(f"{n} {kind}" for kind, n in sorted(policy.counts.items()))
        click.echo(f"{done}; {policy.total} skipped ({kinds})", err=True)


def _execute(inputs, read_options: ReadOptions, on_error, output, jobs, quiet, names=None,
             options: dict[str, Any] | None = None, stats_path: str | None = None) -> None:
    """Read, run the passes ``names`` (None: none), write; report what was skipped.

    A pass that learns from the corpus gets its model from a first read of the
    inputs, unless they are standard input or a model was given. ``stats_path``:
    where to write the statistics of the output (see ``stats``).
    """
    policy = ErrorPolicy(on_error=on_error)
    with user_errors():
        chain = resolve_passes(names) if names is not None else []
        options = _with_models(inputs, read_options, on_error, chain, options, jobs)
        records = run_chain(read_records(inputs, read_options, policy), chain, options, jobs, policy)
        counters = CorpusStats(by="site") if stats_path else None
        if counters:
            records = counters.observe(records)
        with progress(False if quiet else None) as track:
            written = write_jsonl(track(records), output)
        if counters:
            counters.add_skipped(policy.counts)
            _write_json(counters.to_json(), stats_path)
        _report_skipped(policy, f"{written} documents written", quiet)


def _write_json(data: dict[str, Any], path: str) -> None:
    with AtomicFile(path) as stream:
        stream.write(json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8") + b"\n")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="corpus-clean")
def cli() -> None:
    """Clean scraped news and blog text into JSONL, one document per line.

    Each pass is a sub-command that reads raw files or JSONL and writes JSONL, so
    passes pipe into each other; `run` chains them all.
    """


@cli.command()
@input_options
@output_options
def read(inputs, read_options, on_error, output, jobs, quiet):
    """Turn raw inputs into records without cleaning them."""
    _execute(inputs, read_options, on_error, output, jobs, quiet)


@cli.command()
@input_options
@output_options
@click.option("-p", "--passes", "names", metavar="LIST", default=",".join(PASSES), show_default=True,
              help="Comma-separated passes to run, in this order.")
@click.option("--stats", "stats_path", metavar="FILE", type=click.Path(dir_okay=False),
              help="Also write the statistics of the run to FILE, as JSON: what `stats --json --by site` "
                   "shows for the output, with the inputs skipped.")
@pass_options(PASSES.values())
def run(inputs, read_options, on_error, output, jobs, quiet, names, stats_path, **options):
    """Run a chain of passes (default: all) over the inputs."""
    _execute(inputs, read_options, on_error, output, jobs, quiet, names, options, stats_path)


@cli.command(name="passes")
def list_passes():
    """List the passes, in the default order of `run`."""
    width = max(map(len, PASSES))
    for spec in PASSES.values():
        click.echo(f"{spec.name:<{width}}  {spec.description}")


@cli.command()
@input_options
@click.option("-o", "--output", required=True, metavar="FILE", help="Write the model (an editable TOML file) here.")
@click.option("--min-docs", default=MIN_DOCS, show_default=True, type=click.IntRange(2),
              help="A line is boilerplate when it occurs in at least this many documents.")
@click.option("--min-docs-prose", default=MIN_DOCS_PROSE, show_default=True, type=click.IntRange(2),
              help="The same for lines shaped like prose (8 words or more), so a sentence quoted "
                   "by a few articles is kept.")
@click.option("--max-lines", default=MAX_ENTRIES, show_default=True, type=click.IntRange(1000),
              help="Capacity of the line-count table, which bounds memory (about 100 bytes a line).")
@jobs_option("Worker processes for the passes that run before counting.")
def learn(inputs, read_options, on_error, output, min_docs, min_docs_prose, max_lines, jobs):
    """Learn boilerplate lines that recur across the corpus, for `boilerplate --model`.

    The texts are put through the passes that come before `boilerplate` in `run`, and
    lines are counted per document (per meta.site when the records have one).
    `run` does this by itself in a first read when it is given files.
    """
    policy = ErrorPolicy(on_error=on_error)
    with user_errors():
        records = as_learned_from(read_records(inputs, read_options, policy), resolve_passes(None),
                                  jobs=jobs, policy=policy)
        model = learn_model(records, min_docs=min_docs, min_docs_prose=min_docs_prose, max_entries=max_lines)
        save_model(model, output)
    click.echo(f"{len(model)} boilerplate lines learned from {model.documents} documents, written to {output}",
               err=True)


# ------------------------------------------------------------------ inspection

DIFF_FORMATS = ("unified", "side-by-side", "json")


def _known_passes(names, option: str) -> list[str]:
    unknown = [n for n in names if n not in PASSES]
    if unknown:
        raise UsageProblem(f"{option} {unknown[0]!r}: no such pass; choose from {', '.join(PASSES)}")
    return list(names)


@cli.command()
@_input_options("--input-format")
@click.option("--against", "run_output", metavar="RUN.jsonl", type=click.Path(exists=True, dir_okay=False),
              help="Do not run the passes: compare each input document with its record (same id) in RUN.jsonl, "
                   "the output of an earlier run on these inputs, annotated with that record's removed entries.")
@click.option("-p", "--passes", "names", metavar="LIST", default=",".join(PASSES), show_default=True,
              help="Passes to run, in this order, as for `run` (not with --against).")
@click.option("--pass", "shown_passes", metavar="NAME", multiple=True,
              help="Show only what this pass removed or moved (repeatable).")
@click.option("--rule", "rule_globs", metavar="GLOB", multiple=True,
              help="Show only hunks where a rule matching GLOB removed something, or where text went to a "
                   "destination matching it, e.g. 'encoding.*', 'meta.title', 'comments*' (repeatable).")
@click.option("--id", "ids", metavar="GLOB", multiple=True, help="Only documents whose id matches GLOB (repeatable).")
@click.option("-n", "--limit", type=click.IntRange(1), metavar="N",
              help="Show at most N documents (counting those with something to show).")
@click.option("-U", "--context", default=3, show_default=True, type=click.IntRange(0), metavar="N",
              help="Unchanged lines shown around each change.")
@click.option("--format", "view", type=click.Choice(DIFF_FORMATS), default="unified", show_default=True,
              help="unified: a unified diff (plain text that `patch -p1` applies when piped or without colours); "
                   "side-by-side: before and after in two columns; json: one object per document and pass "
                   "with every removed entry, its place and hunk.")
@click.option("--color", type=click.Choice(["auto", "always", "never"]), default="auto", show_default=True,
              help="Colours: auto means in a terminal unless NO_COLOR is set.")
@pass_options(PASSES.values())
def diff(inputs, read_options, on_error, run_output, names, shown_passes, rule_globs, ids, limit, context, view,
         color, **options):
    """Show what each pass removed or moved, document by document.

    Runs the passes on the inputs itself (raw files, or JSONL) and shows, for each
    document and pass, the text before and after the pass as a unified diff, with the
    rule that removed each line and where moved text went (meta.title, comments[3],
    tweets[1]). With --against, shows the original input against an earlier run's
    output instead, without running anything.

    In a terminal the diff is coloured (removed red, moved yellow, kept context dim)
    and paged; piped, or with NO_COLOR set, it is a plain unified diff: annotations
    sit on lines `patch` ignores, so `corpus-clean diff pages/ | patch -p1` applies it.
    """
    policy = ErrorPolicy(on_error=on_error)
    with user_errors():
        shown_passes = _known_passes(shown_passes, "--pass")
        records = (r for r in read_records(inputs, read_options, policy) if matches_any(r.id, ids))
        if run_output:
            def results(report: ErrorPolicy):
                run_records = read_records([run_output], ReadOptions(format="jsonl"), report)
                return (r for r in run_records if matches_any(r.id, ids))

            silent = ErrorPolicy(on_error=on_error, warn=lambda message: None)  # reported in the second read
            result_ids = {r.id for r in results(silent)}
            steps = run_steps(records, results(policy), result_ids, policy, run_output)
        else:
            def build(chain):  # the chain stops after the last pass shown: learn only for it
                return build_chain(chain, _with_models(inputs, read_options, on_error, chain, options))

            steps = shown_steps(records, resolve_passes(names), build, policy, shown_passes)
        diffs = (narrow(diff_step(step, context), rule_globs, shown_passes if run_output else ()) for step in steps)
        _show_diffs(_first_documents((d for d in diffs if d), limit), view, color)
    _report_skipped(policy, "diff done")


def _first_documents(diffs: Iterable[DocumentDiff], limit: int | None) -> Iterator[DocumentDiff]:
    """The diffs of the first ``limit`` documents (all with None)."""
    ids: set[str] = set()
    for document_diff in diffs:
        if limit is not None and document_diff.id not in ids and len(ids) == limit:
            return
        ids.add(document_diff.id)
        yield document_diff


def _show_diffs(diffs: Iterable[DocumentDiff], view: str, color: str) -> None:
    """JSON lines; a plain unified diff; or rich drawings, coloured if asked or in a
    terminal (NO_COLOR aside). A terminal gets them through a pager."""
    terminal = sys.stdout.isatty()
    colored = color == "always" or (color == "auto" and terminal and not os.environ.get("NO_COLOR"))
    if view == "json":
        chunks: Iterable[str] = (json.dumps(to_json(d), ensure_ascii=False) + "\n" for d in diffs)
    elif view == "unified" and not colored:
        chunks = (unified(d) for d in diffs)
    else:
        draw, width = unified_view if view == "unified" else side_by_side_view, _terminal_width()
        chunks = (render(draw(d), colored, width) for d in diffs)
    if terminal and view != "json":
        os.environ.setdefault("LESS", "-FRX")  # as git does: no pager for one screen, colours kept
        click.echo_via_pager(chunks, color=colored)
        return
    stream = sys.stdout.buffer
    for chunk in chunks:
        stream.write(chunk.encode("utf-8", "surrogatepass"))  # byte for byte what the text holds, for patch
        stream.flush()


def _terminal_width() -> int:
    return shutil.get_terminal_size((120, 24)).columns


@cli.command()
@input_options
@click.option("-p", "--passes", "names", metavar="LIST",
              help="Run these passes first (comma-separated, in this order). Default: raw inputs go through "
                   "all passes, as with `run`; JSONL is counted as it is, as the output of a run.")
@click.option("--json", "as_json", is_flag=True, help="Print the statistics as JSON (what `run --stats` writes).")
@click.option("--top", type=click.IntRange(0), metavar="N",
              help="List only the N rules that removed the most characters.")
@click.option("--by", "group_by", metavar="FIELD",
              help="Also count per value of this meta field, e.g. `--by site`.")
@jobs_option("Worker processes for the passes.")
@pass_options(PASSES.values())
def stats(inputs, read_options, on_error, names, as_json, top, group_by, jobs, **options):
    """Count documents, characters, lines, removals per pass and rule, comments, tweets.

    Reads the JSONL output of a run (or runs the passes on raw inputs first) and
    prints tables: documents, characters and lines in and out; per pass and per rule
    the removals, the documents they touched, the characters removed and their share
    of the input; comments, tweets and metadata found; encodings; documents left
    empty; inputs skipped. Keeps counters, not documents.

    Characters in are those the chain received (source.characters, recorded by every
    run); an entry that rewrote text (with "fixed") counts the characters it changed.
    """
    policy = ErrorPolicy(on_error=on_error)
    with user_errors():
        stdin = None
        kinds = set()
        for given in inputs or [STDIN]:
            if given == STDIN:
                fmt, stdin = stdin_format(sys.stdin.buffer, read_options)
            else:
                fmt = input_format(given, read_options)
            kinds.add(fmt == "jsonl")
        if len(kinds) > 1:
            raise UsageProblem("give either the JSONL output of a run or raw inputs, not both")
        records = read_records(inputs, read_options, policy, stdin=stdin)
        if names or kinds == {False}:
            chain = resolve_passes(names)
            options = _with_models(inputs, read_options, on_error, chain, options, jobs)
            records = run_chain(records, chain, options, jobs, policy)
        counters = CorpusStats(by=group_by)
        with progress() as track:
            for record in track(records):
                counters.add(record)
        counters.add_skipped(policy.counts)
        data = counters.to_json(top)
    if as_json:
        click.echo(json.dumps(data, ensure_ascii=False, indent=1))
    else:
        click.echo(render(stats_view(data), sys.stdout.isatty() and not os.environ.get("NO_COLOR"),
                          _terminal_width()), nl=False)


def _pass_command(spec) -> click.Command:
    @input_options
    @output_options
    @pass_options([spec])
    def command(inputs, read_options, on_error, output, jobs, quiet, **options):
        _execute(inputs, read_options, on_error, output, jobs, quiet, [spec.name], options)

    command.__doc__ = f"{spec.description}\n\nReads raw inputs or JSONL (standard input by default), writes JSONL."
    return click.command(name=spec.name)(command)


for _spec in PASSES.values():
    cli.add_command(_pass_command(_spec))


def main() -> None:
    cli()
