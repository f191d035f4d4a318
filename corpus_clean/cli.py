"""The command line: a thin layer over the library (readers, passes, pipeline, writer).

Option bundles (inputs, output, passes' own options) are declared once and shared by
every command; library errors become ``Error: ...`` messages that say what to do.
"""

from __future__ import annotations

import functools
import sys
from contextlib import contextmanager
from typing import Any, Callable

import click

from . import __version__
from .errors import CorpusCleanError, ErrorPolicy, StopOnError, UnusableInputError
from .passes import PASSES, PassOption
from .learned import MAX_ENTRIES, learn_model, save_model
from .pipeline import before_learning, learn_models, resolve_passes, run_chain
from .progress import progress
from .readers import FORMATS, STDIN, ReadOptions, read_records
from .writer import write_jsonl


class UsageProblem(click.ClickException):
    """An unusable argument: exit status 2, like click's own usage errors."""

    exit_code = 2


def input_options(command: Callable) -> Callable:
    """INPUT... plus the options that say how to read it."""
    decorators = [
        click.argument("inputs", metavar="[INPUT]...", nargs=-1),
        click.option("--format", "fmt", type=click.Choice(FORMATS),
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
    return functools.reduce(lambda f, d: d(f), reversed(decorators), command)


def output_options(command: Callable) -> Callable:
    decorators = [
        click.option("-o", "--output", default="-", metavar="FILE", show_default=True,
                     help="Write JSONL here (compressed by .gz/.bz2/.xz/.zst extension), atomically; "
                          "'-' is standard output."),
        click.option("-j", "--jobs", default=1, show_default=True, type=click.IntRange(1),
                     help="Worker processes; output order stays the input order."),
        click.option("-q", "--quiet", is_flag=True, help="No progress bar and no summary on standard error."),
    ]
    return functools.reduce(lambda f, d: d(f), reversed(decorators), command)


def _click_option(option: PassOption) -> Callable:
    if option.kind == "flag":
        return click.option(option.flag, option.name, is_flag=True, help=option.help)
    kinds = {"text": str, "int": int, "path": click.Path(exists=True, dir_okay=False)}
    return click.option(option.flag, option.name, type=kinds[option.kind], multiple=option.multiple,
                        default=option.default, help=option.help)


def pass_options(specs) -> Callable:
    """The options of the given passes (an option shared by two passes is declared once)."""
    options = {o.name: o for spec in specs for o in spec.options}

    def decorate(command: Callable) -> Callable:
        for option in reversed(list(options.values())):
            command = _click_option(option)(command)
        return command

    return decorate


@contextmanager
def user_errors():
    """Library errors become ``Error: ...`` messages; a closed pipe ends the run quietly."""
    try:
        yield
    except StopOnError as e:
        raise click.ClickException(str(e)) from None
    except UnusableInputError as e:
        raise UsageProblem(str(e)) from None
    except CorpusCleanError as e:
        raise click.ClickException(str(e)) from None
    except BrokenPipeError:
        sys.stderr.close()  # the reader went away (e.g. `| head`)


def _rereadable(inputs) -> bool:
    return bool(inputs) and STDIN not in inputs


def _execute(inputs, fmt, delimiter, text_column, id_column, on_error, output, jobs, quiet,
             names=None, options: dict[str, Any] | None = None) -> None:
    """Read, run the passes ``names`` (None: none), write; report what was skipped.

    A pass that learns from the corpus gets its model from a first read of the
    inputs, unless they are standard input or a model was given.
    """
    policy = ErrorPolicy(on_error=on_error)
    read = ReadOptions(format=fmt, delimiter=delimiter, text_column=text_column, id_column=id_column)
    with user_errors():
        chain = resolve_passes(names) if names is not None else []
        if _rereadable(inputs):
            silent = ErrorPolicy(on_error=on_error, warn=lambda message: None)  # reported in the second read
            options = learn_models(chain, options or {}, lambda: read_records(inputs, read, silent), jobs, silent)
        records = read_records(inputs, read, policy)
        with progress(False if quiet else None) as track:
            written = write_jsonl(track(run_chain(records, chain, options, jobs, policy)), output)
        if policy.total and not quiet:
            kinds = ", ".join(f"{n} {kind}" for kind, n in sorted(policy.counts.items()))
            click.echo(f"{written} documents written; {policy.total} skipped ({kinds})", err=True)


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
def read(inputs, fmt, delimiter, text_column, id_column, on_error, output, jobs, quiet):
    """Turn raw inputs into records without cleaning them."""
    _execute(inputs, fmt, delimiter, text_column, id_column, on_error, output, jobs, quiet)


@cli.command()
@input_options
@output_options
@click.option("-p", "--passes", "names", metavar="LIST", default=",".join(PASSES), show_default=True,
              help="Comma-separated passes to run, in this order.")
@pass_options(PASSES.values())
def run(inputs, fmt, delimiter, text_column, id_column, on_error, output, jobs, quiet, names, **options):
    """Run a chain of passes (default: all) over the inputs."""
    _execute(inputs, fmt, delimiter, text_column, id_column, on_error, output, jobs, quiet, names, options)


@cli.command(name="passes")
def list_passes():
    """List the passes, in the default order of `run`."""
    width = max(map(len, PASSES))
    for spec in PASSES.values():
        click.echo(f"{spec.name:<{width}}  {spec.description}")


@cli.command()
@input_options
@click.option("-o", "--output", required=True, metavar="FILE", help="Write the model (an editable TOML file) here.")
@click.option("--min-docs", default=3, show_default=True, type=click.IntRange(2),
              help="A line is boilerplate when it occurs in at least this many documents.")
@click.option("--min-docs-prose", default=5, show_default=True, type=click.IntRange(2),
              help="The same for lines shaped like prose (8 words or more), so a sentence quoted "
                   "by a few articles is kept.")
@click.option("--max-lines", default=MAX_ENTRIES, show_default=True, type=click.IntRange(1000),
              help="Capacity of the line-count table, which bounds memory (about 100 bytes a line).")
@click.option("-j", "--jobs", default=1, show_default=True, type=click.IntRange(1),
              help="Worker processes for the passes that run before counting.")
def learn(inputs, fmt, delimiter, text_column, id_column, on_error, output, min_docs, min_docs_prose,
          max_lines, jobs):
    """Learn boilerplate lines that recur across the corpus, for `boilerplate --model`.

    The texts are put through the passes that come before `boilerplate` in `run`, and
    lines are counted per document (per meta.site when the records have one).
    `run` does this by itself in a first read when it is given files.
    """
    policy = ErrorPolicy(on_error=on_error)
    read = ReadOptions(format=fmt, delimiter=delimiter, text_column=text_column, id_column=id_column)
    with user_errors():
        records = run_chain(read_records(inputs, read, policy), before_learning(resolve_passes(None)),
                            jobs=jobs, policy=policy)
        model = learn_model(records, min_docs=min_docs, min_docs_prose=min_docs_prose, max_entries=max_lines)
        save_model(model, output)
    click.echo(f"{len(model)} boilerplate lines learned from {model.documents} documents, written to {output}",
               err=True)


def _pass_command(spec) -> click.Command:
    @input_options
    @output_options
    @pass_options([spec])
    def command(inputs, fmt, delimiter, text_column, id_column, on_error, output, jobs, quiet, **options):
        _execute(inputs, fmt, delimiter, text_column, id_column, on_error, output, jobs, quiet, [spec.name], options)

    command.__doc__ = f"{spec.description}\n\nReads raw inputs or JSONL (standard input by default), writes JSONL."
    return click.command(name=spec.name)(command)


for _spec in PASSES.values():
    cli.add_command(_pass_command(_spec))


def main() -> None:
    cli()
