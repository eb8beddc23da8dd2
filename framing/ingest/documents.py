"""PDF and Word (.docx) input: the text and the document's own metadata, then the cleaner.

PDF text comes from ``pypdf`` (pure Python), page by page, with title, author and creation
date from the document information; Word text from ``python-docx``, paragraph by paragraph,
with title, author and creation date from its core properties. Both libraries are the
``documents`` extra (``pip install 'framing-toolkit[documents]'``), imported only when such a
file is read. The text goes through ``clean_text`` like a plain-text dump; a PDF with no text
layer (a scan) is refused, since framing does no OCR.
"""

from __future__ import annotations

import io
from datetime import datetime
from pathlib import Path
from typing import Any

from framing.document import Document, Metadata
from framing.errors import InputError, MissingExtraError
from framing.ingest.clean import clean_text, parse_date
from framing.ingest.text import MAX_PAGE_BYTES, document_from_cleaned, load_bytes

_HINT = "pip install 'framing-toolkit[documents]'"


def _require(module: str, kind: str) -> Any:
    import importlib

    try:
        return importlib.import_module(module)
    except ImportError as exc:
        raise MissingExtraError(f"reading {kind} files needs {module} ({_HINT})") from exc


def read_pdf(path: Path) -> Document:
    """The text of a PDF file, pages joined by blank lines, with its metadata."""
    pypdf = _require("pypdf", "PDF")
    data = load_bytes(path, limit=MAX_PAGE_BYTES)
    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise InputError(f"{path}: the PDF is encrypted")
        pages = [page.extract_text() or "" for page in reader.pages]
        info = reader.metadata or {}
    except InputError:
        raise
    except Exception as exc:  # pypdf raises many kinds on a damaged file
        raise InputError(f"{path}: not a readable PDF ({exc.__class__.__name__}: {exc})") from exc
    text = "\n\n".join(p.strip() for p in pages if p.strip())
    if not text:
        raise InputError(f"{path}: the PDF has no text layer (a scan?); framing does no OCR")
    created = info.get("/CreationDate")
    return _document(
        path,
        text,
        title=_string(info.get("/Title")),
        author=_string(info.get("/Author")),
        date=_pdf_date(_string(created)),
    )


def read_docx(path: Path) -> Document:
    """The text of a Word file, one paragraph per paragraph, with its core properties."""
    docx = _require("docx", "Word")
    data = load_bytes(path, limit=MAX_PAGE_BYTES)
    try:
        word = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises zip, XML and key errors on a damaged file
        raise InputError(
            f"{path}: not a readable .docx file ({exc.__class__.__name__}: {exc})"
        ) from exc
    text = "\n\n".join(p.text.strip() for p in word.paragraphs if p.text.strip())
    if not text:
        raise InputError(f"{path}: the document has no text")
    props = word.core_properties
    created: datetime | None = props.created
    return _document(
        path,
        text,
        title=_string(props.title),
        author=_string(props.author),
        date=created.date().isoformat() if created else None,
    )


def _document(
    path: Path, text: str, *, title: str | None, author: str | None, date: str | None
) -> Document:
    cleaned = clean_text(text, title=title)
    found = cleaned.metadata
    metadata = Metadata(
        title=title or found.title,
        date=date or found.date,
        byline=author or found.byline,
        email_domain=found.email_domain,
        original_source=found.original_source,
        extra=found.extra,
    )
    return document_from_cleaned(cleaned, str(path), metadata)


def _string(value: object) -> str | None:
    text = str(value).strip() if value is not None else ""
    return text or None


def _pdf_date(value: str | None) -> str | None:
    """``D:20250516120000+09'00'`` → ``2025-05-16``; other forms through :func:`parse_date`."""
    if not value:
        return None
    digits = value.removeprefix("D:")[:8]
    if len(digits) == 8 and digits.isdigit():
        try:
            return datetime.strptime(digits, "%Y%m%d").date().isoformat()
        except ValueError:
            return None
    return parse_date(value)
