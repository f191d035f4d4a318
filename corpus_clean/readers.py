"""Readers: raw inputs to a stream of records.

Every reader streams: a folder is walked lazily, multi-document, CSV/TSV and JSONL
files are read a line or a row at a time, so memory does not grow with corpus size
(only with the largest single document). Bad documents are reported to the
:class:`~corpus_clean.errors.ErrorPolicy` with file and line, and skipped.
"""

from __future__ import annotations

import csv
import io
import json
import os
import sys
from dataclasses import dataclass
from pathlib import Path, PurePath
from typing import BinaryIO, Iterable, Iterator

import regex

from .compression import COMPRESSED_SUFFIXES, open_binary, strip_compression
from .decoding import SNIFF_BYTES, BinaryInputError, decode_bytes, open_text
from .errors import ErrorPolicy, InputProblem, UnusableInputError
from .record import Record

FORMATS = ("text", "jsonl", "csv", "tsv")
#: File extensions of each format (before any compression suffix).
EXTENSIONS = {
    "text": (".txt", ".md"),
    "jsonl": (".jsonl", ".ndjson"),
    "csv": (".csv",),
    "tsv": (".tsv", ".tab"),
}
STDIN = "-"

csv.field_size_limit(sys.maxsize)  # fields of any size


@dataclass(frozen=True)
class ReadOptions:
    """How to turn inputs into records; the CLI's input options map onto these fields."""

    format: str | None = None  # None: inferred from each file's extension
    delimiter: str | None = None  # regex; a line matching it entirely separates documents
    text_column: str = "text"  # CSV/TSV column or JSONL field holding the text
    id_column: str | None = None  # CSV/TSV column or JSONL field holding the id ("id" if present)


def format_of(path: str | PurePath, options: ReadOptions) -> str:
    if options.format:
        return options.format
    suffix = strip_compression(path).suffix.lower()
    for fmt, extensions in EXTENSIONS.items():
        if suffix in extensions:
            return fmt
    return "text"


def _stem(relative: PurePath) -> str:
    """The id of a file: its path without compression suffix and extension, '/'-separated."""
    plain = strip_compression(relative)
    return plain.with_suffix("").as_posix() if plain.suffix else plain.as_posix()


def walk(folder: Path, fmt: str | None) -> Iterator[Path]:
    """Files of ``fmt`` (default: text) under ``folder``, recursively, sorted by path."""
    extensions = EXTENSIONS[fmt or "text"]
    wanted = tuple(ext + comp for ext in extensions for comp in ("", *COMPRESSED_SUFFIXES))
    for entry in sorted(os.scandir(folder), key=lambda e: e.name):
        if entry.is_dir():
            yield from walk(Path(entry.path), fmt)
        elif entry.name.lower().endswith(wanted):
            yield Path(entry.path)


def read_records(inputs: Iterable[str], options: ReadOptions = ReadOptions(),
                 policy: ErrorPolicy | None = None, stdin: BinaryIO | None = None) -> Iterator[Record]:
    """Records from files, folders and standard input ("-"), in input order.

    Raises UnusableInputError for an input that does not exist or an option that
    cannot apply; bad documents go to ``policy`` (default: warn and skip).
    """
    policy = policy or ErrorPolicy()
    if options.format and options.format not in FORMATS:
        raise UnusableInputError(f"unknown format {options.format!r}; use one of {', '.join(FORMATS)}")
    delimiter = _compile_delimiter(options.delimiter)
    for given in list(inputs) or [STDIN]:
        if given == STDIN:
            fmt, stream = stdin_format(stdin if stdin is not None else sys.stdin.buffer, options)
            yield from _read_stream(stream, "<stdin>", "stdin", fmt, options, delimiter, policy)
            continue
        path = Path(given)
        if path.is_dir():
            for file in walk(path, options.format):
                yield from _read_file(file, _stem(file.relative_to(path)), options, delimiter, policy)
        elif path.is_file():
            yield from _read_file(path, _stem(PurePath(path.name)), options, delimiter, policy)
        else:
            raise UnusableInputError(f"{given}: no such file or folder")


def _compile_delimiter(pattern: str | None):
    if pattern is None:
        return None
    try:
        return regex.compile(pattern)
    except regex.error as e:
        raise UnusableInputError(f"--delimiter {pattern!r} is not a valid regular expression: {e}") from None


def stdin_format(stream: BinaryIO, options: ReadOptions) -> tuple[str, BinaryIO]:
    """The format of standard input, given or sniffed (JSONL if it starts with '{', else
    text), and the stream to read it from, which still holds the bytes sniffed.

    >>> stdin_format(io.BytesIO(b' {"text": "x"}'), ReadOptions())[0]
    'jsonl'
    """
    if options.format:
        return options.format, stream
    stream = io.BufferedReader(stream, buffer_size=SNIFF_BYTES)
    return ("jsonl" if stream.peek(SNIFF_BYTES).lstrip()[:1] == b"{" else "text"), stream


def input_format(given: str, options: ReadOptions) -> str:
    """The format a file or folder (not standard input) is read as."""
    if Path(given).is_dir():
        return options.format or "text"
    return format_of(given, options)


def _read_file(path: Path, stem: str, options: ReadOptions, delimiter, policy: ErrorPolicy) -> Iterator[Record]:
    try:
        stream = open_binary(path)
    except OSError as e:
        policy.report(InputProblem(str(path), f"cannot open: {e.strerror or e}", "unreadable"))
        return
    with stream:
        yield from _read_stream(stream, str(path), stem, format_of(path, options), options, delimiter, policy)


def _read_stream(stream: BinaryIO, where: str, stem: str, fmt, options: ReadOptions, delimiter,
                 policy: ErrorPolicy) -> Iterator[Record]:
    """Dispatch one open binary stream to its format's reader."""
    try:
        if fmt == "text" and delimiter is None:
            yield from _read_single(stream, where, stem)
            return
        text, encoding = open_text(stream, newline="" if fmt in ("csv", "tsv") else None)
        if fmt == "text":
            yield from _read_delimited(text, where, stem, encoding, delimiter)
        elif fmt == "jsonl":
            yield from _read_jsonl(text, where, stem, options, policy)
        else:
            yield from _read_table(text, where, stem, encoding, fmt, options, policy)
    except BinaryInputError as e:
        policy.report(InputProblem(where, f"{e}; if it is text, convert it to UTF-8", "binary"))
    except (OSError, EOFError, ValueError) as e:
        # damaged compressed data and the like: the rest of this input is unreadable
        policy.report(InputProblem(where, f"cannot read: {e}", "unreadable"))


def _read_single(stream: BinaryIO, where: str, stem: str) -> Iterator[Record]:
    text, encoding = decode_bytes(stream.read())
    yield Record(id=stem, text=text, source={"path": where, "index": 0}, meta={"encoding": encoding})


def _read_delimited(lines: Iterable[str], where: str, stem: str, encoding: str, delimiter) -> Iterator[Record]:
    """Documents separated by lines that match ``delimiter`` entirely; blank documents are skipped."""
    index, start_line, buffer = 0, 1, []
    for number, line in enumerate(lines, 1):
        if delimiter.fullmatch(line.rstrip("\r\n")):
            if "".join(buffer).strip():
                yield _delimited_record(buffer, where, stem, index, start_line, encoding)
                index += 1
            buffer, start_line = [], number + 1
        else:
            buffer.append(line)
    if "".join(buffer).strip():
        yield _delimited_record(buffer, where, stem, index, start_line, encoding)


def _delimited_record(buffer, where, stem, index, line, encoding) -> Record:
    return Record(id=f"{stem}#{index}", text="".join(buffer),
                  source={"path": where, "index": index, "line": line}, meta={"encoding": encoding})


def _read_jsonl(lines: Iterable[str], where: str, stem: str, options: ReadOptions,
                policy: ErrorPolicy) -> Iterator[Record]:
    index = 0
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
            record = Record.from_json(obj, default_id=f"{stem}#{index}", text_field=options.text_column,
                                      id_field=options.id_column or "id")
        except ValueError as e:  # JSONDecodeError is a ValueError
            problem = "invalid JSON" if isinstance(e, json.JSONDecodeError) else "unusable record"
            policy.report(InputProblem(f"{where}:{number}", f"{problem}: {e}", "invalid-jsonl"))
            continue
        record.source = record.source or {"path": where, "index": index, "line": number}
        index += 1
        yield record


def _read_table(text, where: str, stem: str, encoding: str, fmt: str, options: ReadOptions,
                policy: ErrorPolicy) -> Iterator[Record]:
    reader = csv.reader(text, dialect="excel-tab" if fmt == "tsv" else "excel")
    header = next(reader, None)
    if header is None:
        return
    text_at = _column(header, options.text_column, where, "--text-column")
    id_name = options.id_column or ("id" if "id" in header else None)
    id_at = _column(header, id_name, where, "--id-column") if id_name else None
    index, start_line = 0, reader.line_num + 1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as e:
            policy.report(InputProblem(f"{where}:{start_line}", f"malformed {fmt.upper()} row: {e}", "invalid-row"))
            start_line = reader.line_num + 1
            continue
        line, start_line = start_line, reader.line_num + 1
        if not row:
            continue
        if len(row) != len(header):
            policy.report(InputProblem(f"{where}:{line}", f"row has {len(row)} fields, the header has {len(header)}",
                                       "invalid-row"))
            continue
        record_id = row[id_at] if id_at is not None and row[id_at] else f"{stem}#{index}"
        yield Record(id=record_id, text=row[text_at], source={"path": where, "index": index, "line": line},
                     meta={"encoding": encoding})
        index += 1


def _column(header: list[str], name: str, where: str, option: str) -> int:
    if name in header:
        return header.index(name)
    raise UnusableInputError(f"{where} has no column {name!r} (columns: {', '.join(header)}); "
                             f"choose one with {option}")
