"""Record input: JSON (one object or a list), JSON Lines and CSV, one Document per record.

A record's text field is ``text_field`` if given, else the first present of ``TEXT_FIELDS``.
Known metadata fields fill ``Metadata`` (``METADATA_FIELDS``, first present alias wins); the
other scalar fields go to ``Metadata.extra`` as strings. Field names match case-insensitively.
The text goes through ``clean_text`` like a plain-text dump (scraped records carry the same
furniture), with the record's title, if any, as the known headline.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Union

from framing.document import Document, Metadata
from framing.errors import InputError
from framing.ingest.clean import clean_text, parse_date
from framing.ingest.text import document_from_cleaned

TEXT_FIELDS: tuple[str, ...] = ("text", "body", "content", "article", "maintext")
METADATA_FIELDS: dict[str, tuple[str, ...]] = {
    "title": ("title",),
    "date": ("date", "published", "pubdate"),
    "byline": ("author", "byline"),
    "outlet": ("outlet", "source", "publisher", "sitename"),
    "url": ("url",),
    "id": ("id",),
}
_KNOWN = frozenset(TEXT_FIELDS).union(*METADATA_FIELDS.values())

#: Longest JSON Lines line (one record) accepted; a longer one is skipped as a bad record.
MAX_RECORD_CHARS = 64 * 1024 * 1024


class RecordError(InputError):
    """One record of a file could not be read; the file's other records can (``where`` says
    which record: "line 3", "object 2", "row 4 (line 5)")."""

    def __init__(self, message: str, where: str) -> None:
        super().__init__(message)
        self.where = where
        self.before = 0  # how many of the file's documents were read before this record


#: Where readers report the records they skip; None makes the first bad record raise.
Skipped = Union[list[RecordError], None]  # noqa: UP007 - a runtime alias in 3.11


#: A ``\\uD800``–``\\uDFFF`` escape: JSON may spell a lone surrogate, which no UTF-8 sink can write.
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89abcdefABCDEF]")


def _loads(text: str, where: str) -> object:
    """``json.loads``, with nesting too deep for the parser reported as bad input, not a
    ``RecursionError`` traceback (issue #20), and lone surrogates made U+FFFD."""
    try:
        data = json.loads(text)
        return _scrub(data) if _SURROGATE_ESCAPE.search(text) else data
    except RecursionError:
        raise InputError(f"{where}: JSON nested too deeply to read") from None


def _scrub(value: object) -> object:
    """``value`` with every lone surrogate in its strings (keys too) replaced by U+FFFD."""
    if isinstance(value, str):
        return value.encode("utf-8", "surrogatepass").decode("utf-8", "replace")
    if isinstance(value, list):
        return [_scrub(v) for v in value]
    if isinstance(value, dict):
        return {_scrub(k): _scrub(v) for k, v in value.items()}
    return value


def read_json(
    path: Path, raw: str, *, text_field: str | None = None, skipped: Skipped = None
) -> list[Document]:
    """Documents from a JSON file holding one object or a list of objects; with ``skipped``
    a bad object is reported there and the others read."""
    try:
        data = _loads(raw, str(path))
    except json.JSONDecodeError as exc:
        raise InputError(
            f"{path}: invalid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}"
        ) from exc
    items = data if isinstance(data, list) else [data]
    if not items:
        raise InputError(f"{path}: the JSON list holds no records")
    located = ((n, f"object {n}", item) for n, item in enumerate(items, start=1))
    return _documents(str(path), located, text_field, skipped)


def read_jsonl(
    path: Path, raw: str, *, text_field: str | None = None, skipped: Skipped = None
) -> list[Document]:
    """Documents from a JSON Lines file: one object per line, blank lines skipped; with
    ``skipped`` a bad line is reported there and the others read."""
    return _documents(str(path), _jsonl_items(path, raw.splitlines()), text_field, skipped)


def read_csv(
    path: Path, raw: str, *, text_field: str | None = None, skipped: Skipped = None
) -> list[Document]:
    """Documents from a comma-separated file with a header row; with ``skipped`` a bad row is
    reported there and the others read."""
    return _documents(str(path), _csv_records(path, raw), text_field, skipped)


def read_records(
    records: Iterable[Mapping[str, object]], source: str, *, text_field: str | None = None
) -> list[Document]:
    """Documents from records already in memory; ``source`` names them in messages and ids.

    >>> [d.source for d in read_records([{"id": "a1", "text": "Rain fell on Monday."}], "feed")]
    ['feed#a1']
    """
    located = ((n, f"record {n}", record) for n, record in enumerate(records, start=1))
    return _documents(source, located, text_field)


def document_from_record(
    record: Mapping[str, object], source: str, where: str, *, text_field: str | None = None
) -> Document:
    """One record as a Document; ``where`` ("feed.jsonl: line 3") locates it in error messages."""
    fields = {key.strip().casefold(): key for key in record if isinstance(key, str)}
    text_key = _text_key(fields, text_field)
    if text_key is None:
        wanted = f"'{text_field}'" if text_field else "one of " + ", ".join(TEXT_FIELDS)
        present = ", ".join(sorted(str(k) for k in record)) or "none"
        raise InputError(
            f"{where} has no text field; expected {wanted} (fields present: {present})"
        )
    text = record[text_key]
    if not isinstance(text, str):
        raise InputError(f"{where}: field '{text_key}' is not a string")
    if not text.strip():
        raise InputError(f"{where}: field '{text_key}' is empty")

    def value(name: str) -> str | None:
        for alias in METADATA_FIELDS[name]:
            key = fields.get(alias)
            found = record[key] if key is not None else None
            if _is_scalar(found) and str(found).strip():
                return str(found).strip()
        return None

    title = value("title")
    cleaned = clean_text(text, title=title)
    found = cleaned.metadata
    date = value("date")
    extra = sorted(
        (str(key), str(item))
        for key, item in record.items()
        if isinstance(key, str)
        and key.strip()  # an unnamed column (a spreadsheet's index) is not metadata
        and key.strip().casefold() not in _KNOWN
        and key != text_key
        and _is_scalar(item)
    )
    metadata = Metadata(
        title=title or found.title,
        date=(parse_date(date) or date) if date else found.date,
        byline=value("byline") or found.byline,
        email_domain=found.email_domain,
        original_source=found.original_source,
        outlet=value("outlet"),
        url=value("url"),
        extra=tuple(sorted([*found.extra, *extra])),
    )
    return document_from_cleaned(cleaned, source, metadata)


def _documents(
    source: str,
    located: Iterable[tuple[int, str, object]],
    text_field: str | None,
    skipped: Skipped = None,
) -> list[Document]:
    """A Document per located record; a record that is an :class:`InputError` (it could not
    be parsed) or cannot be read goes to ``skipped`` (or raises when that is None)."""
    documents = []
    bad = 0
    for n, where, record in located:
        try:
            if isinstance(record, InputError):
                raise record
            if not isinstance(record, Mapping):
                raise InputError(f"{source}: {where} is a {type(record).__name__}, not an object")
            id_key = next((k for k in record if str(k).strip().casefold() == "id"), None)
            record_id = record[id_key] if id_key is not None else None
            name = str(record_id).strip() if _is_scalar(record_id) else ""
            documents.append(
                document_from_record(
                    record, f"{source}#{name or n}", f"{source}: {where}", text_field=text_field
                )
            )
        except InputError as exc:
            if skipped is None:
                raise
            bad += 1
            error = exc if isinstance(exc, RecordError) else RecordError(str(exc), where)
            error.before = len(documents)
            skipped.append(error)
    if not documents:
        raise InputError(f"{source}: no records" + (f" could be read ({bad} bad)" if bad else ""))
    return documents


def _jsonl_items(
    path: Path, lines: Iterable[str], first_line: int = 1, first_record: int = 0
) -> Iterator[tuple[int, str, object]]:
    """(record number, "line N", parsed record or the :class:`InputError` it gave)."""
    n = first_record
    for number, line in enumerate(lines, start=first_line):
        if not line.strip():
            continue
        n += 1
        where = f"line {number}"
        record: object
        if len(line) > MAX_RECORD_CHARS:
            record = RecordError(
                f"{path}: line {number} is longer than {MAX_RECORD_CHARS:,} characters", where
            )
        else:
            try:
                record = _loads(line, f"{path}: line {number}")
            except json.JSONDecodeError as exc:
                record = RecordError(
                    f"{path}: invalid JSON on line {number}, column {exc.colno}: {exc.msg}", where
                )
            except InputError as exc:
                record = RecordError(str(exc), where)
        yield n, where, record


def jsonl_records(
    path: Path, lines: Iterable[str], first_line: int = 1, first_record: int = 0
) -> Iterator[tuple[int, str, object]]:
    """(record number, "line N", parsed record) for JSON Lines ``lines`` of ``path``, which
    start at line ``first_line`` after ``first_record`` records (a shard of a larger file);
    blank lines are skipped, a bad line raises :class:`InputError` naming it."""
    for n, where, record in _jsonl_items(path, lines, first_line, first_record):
        if isinstance(record, InputError):
            raise record
        yield n, where, record


#: Largest CSV cell accepted: whole articles live in one cell (Python's default is 128 KiB).
CSV_FIELD_LIMIT = 64 * 1024 * 1024


def _csv_records(path: Path, raw: str) -> Iterator[tuple[int, str, object]]:
    lines_read = 0
    if csv.field_size_limit() < CSV_FIELD_LIMIT:
        csv.field_size_limit(CSV_FIELD_LIMIT)

    def counted() -> Iterator[str]:
        nonlocal lines_read  # csv's own line_num lags by one when a line fails to parse
        for line in io.StringIO(raw, newline=""):
            lines_read += 1
            yield line

    reader = csv.DictReader(counted(), strict=True)
    try:
        header = reader.fieldnames
    except csv.Error as exc:
        raise InputError(f"{path}: malformed CSV header at line {lines_read}: {exc}") from exc
    if not header:
        raise InputError(f"{path}: no header row")
    n = 0
    while True:
        n += 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:  # that row only: the reader goes on at the next line
            where = f"row {n} (line {lines_read})"
            yield n, where, RecordError(f"{path}: malformed CSV at line {lines_read}: {exc}", where)
            continue
        where = f"row {n} (line {reader.line_num})"
        if None in row or None in row.values():
            got = len(row) - 1 + len(row[None]) if None in row else _filled(row)
            message = f"{path}: {where} has {got} fields; the header has {len(header)}"
            yield n, where, RecordError(message, where)
            continue
        yield n, where, row


def _filled(row: Mapping[str | None, object]) -> int:
    return sum(value is not None for value in row.values())


def _text_key(fields: Mapping[str, str], text_field: str | None) -> str | None:
    names = (text_field,) if text_field else TEXT_FIELDS
    for name in names:
        key = fields.get(name.strip().casefold())
        if key is not None:
            return key
    return None


def _is_scalar(value: object) -> bool:
    return isinstance(value, str | int | float | bool)
