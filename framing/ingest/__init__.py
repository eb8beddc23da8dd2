"""Ingest: one reader per input kind, each returning cleaned ``Document`` values.

``read_path`` picks the reader from the file extension; ``read_text`` cleans a string (HTML is
recognised by its opening tag); ``read_records`` takes records already in memory. Every failure
is an ``InputError`` whose one-line message names the file (and the line or row).
"""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

from framing.document import Document
from framing.errors import InputError
from framing.ingest.clean import REMOVAL_REASONS, CleanedText, clean_text, parse_date
from framing.ingest.decode import Decoded
from framing.ingest.html import document_from_html
from framing.ingest.records import (
    METADATA_FIELDS,
    TEXT_FIELDS,
    RecordError,
    Skipped,
    read_csv,
    read_json,
    read_jsonl,
    read_records,
)
from framing.ingest.text import MAX_PAGE_BYTES, document_from_text, load_decoded, looks_like_html

__all__ = [
    "METADATA_FIELDS",
    "REMOVAL_REASONS",
    "SUPPORTED_EXTENSIONS",
    "TEXT_FIELDS",
    "CleanedText",
    "RecordError",
    "clean_text",
    "parse_date",
    "read_path",
    "read_records",
    "read_text",
]

_TEXT = (".txt", ".md", "")
_HTML = (".html", ".htm")
_RECORDS = (".json", ".jsonl", ".csv")
_DOCUMENTS = (".pdf", ".docx")  # the ``documents`` extra
SUPPORTED_EXTENSIONS: tuple[str, ...] = (*_TEXT, *_HTML, *_RECORDS, *_DOCUMENTS)


def read_path(
    path: str | os.PathLike[str], *, text_field: str | None = None, skipped: Skipped = None
) -> list[Document]:
    """Read one file into Documents: one for a text or HTML page, one per record otherwise.

    PDF and Word files need the ``documents`` extra (:mod:`framing.ingest.documents`).
    ``text_field`` names the text field of JSON, JSON Lines and CSV records. For example,
    ``read_path("feed.jsonl", text_field="summary")`` gives one Document per line, with sources
    ``feed.jsonl#<id>`` (or ``feed.jsonl#<n>`` for a record without an ``id``). With a list
    ``skipped``, a record that cannot be read is added to it (a :class:`RecordError`) and the
    file's other records are still read; without, it raises.
    """
    file = Path(path)
    extension = file.suffix.lower()
    if extension not in SUPPORTED_EXTENSIONS:
        supported = ", ".join(e or "(no extension)" for e in SUPPORTED_EXTENSIONS)
        raise InputError(f"{file}: unsupported file type '{extension}'; supported: {supported}")
    if extension == ".pdf":
        from framing.ingest.documents import read_pdf

        return [read_pdf(file)]
    if extension == ".docx":
        from framing.ingest.documents import read_docx

        return [read_docx(file)]
    decoded = load_decoded(file, limit=None if extension in _RECORDS else MAX_PAGE_BYTES)
    return [
        _with_encoding(d, decoded)
        for d in _read_decoded(file, extension, decoded.text, text_field, skipped)
    ]


def _read_decoded(
    file: Path, extension: str, raw: str, text_field: str | None, skipped: Skipped
) -> list[Document]:
    if extension == ".json":
        return read_json(file, raw, text_field=text_field, skipped=skipped)
    if extension == ".jsonl":
        return read_jsonl(file, raw, text_field=text_field, skipped=skipped)
    if extension == ".csv":
        return read_csv(file, raw, text_field=text_field, skipped=skipped)
    if extension in _HTML:
        return [document_from_html(raw, str(file))]
    return [read_text(raw, str(file))]


def _with_encoding(document: Document, decoded: Decoded) -> Document:
    """``document`` with how its file was decoded, and the warning of a guessed encoding."""
    warnings = (
        document.warnings if decoded.warning is None else (decoded.warning, *document.warnings)
    )
    return replace(
        document,
        encoding=decoded.encoding,
        encoding_confidence=decoded.confidence,
        warnings=warnings,
    )


def read_text(raw: str, source: str = "<stdin>") -> Document:
    """Clean a raw text dump into a Document; HTML (``<!doctype html``/``<html``) is extracted.

    >>> read_text("Subscribe\\n\\nThe bridge reopened on Friday.").text
    'The bridge reopened on Friday.'
    """
    if looks_like_html(raw):
        return document_from_html(raw, source)
    return document_from_text(raw.lstrip("\ufeff"), source)
