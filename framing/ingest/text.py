"""Plain-text input: read a file's bytes as text and turn a raw dump into a cleaned Document."""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

from framing.document import Document, Metadata, check_size
from framing.errors import InputError
from framing.ingest.clean import CleanedText, clean_text
from framing.ingest.decode import Decoded, decode_bytes

_HTML_START = re.compile(r"\s*(?:<!doctype\s+html|<html)", re.IGNORECASE)


#: Largest single page (.txt, .md, .html, .pdf, .docx) read: 64 MB is hundreds of books,
#: never one article.
MAX_PAGE_BYTES = 64 * 1024 * 1024
#: Largest file of records (.json, .jsonl, .csv) read.
MAX_FILE_BYTES = 4 * 1024 * 1024 * 1024


def load_text(path: Path, *, limit: int | None = None) -> str:
    """The text of a file (see :func:`load_decoded`), or InputError naming the file."""
    return load_decoded(path, limit=limit).text


def load_bytes(path: Path, *, limit: int | None = None) -> bytes:
    """The bytes of a regular file, or InputError: missing, a directory, a special file (FIFO,
    device, socket: reading one may never end), unreadable, or over ``limit`` bytes
    (:data:`MAX_FILE_BYTES` when None)."""
    return read_regular(path, MAX_FILE_BYTES if limit is None else limit)


def load_decoded(path: Path, *, limit: int | None = None) -> Decoded:
    """The text of a file and how it was decoded (UTF-8; UTF-16/32 with a byte-order mark; a
    guessed legacy encoding, with a warning: :mod:`framing.ingest.decode`).

    Missing files, directories, special files, files over ``limit`` bytes, unreadable files,
    binary content (NUL bytes), bytes no encoding fits, and empty or whitespace-only files are
    all refused with a one-line message.
    """
    decoded = decode_bytes(load_bytes(path, limit=limit), str(path))
    text = decoded.text
    if not text.strip():
        raise InputError(f"{path}: empty (no text)" if not text else f"{path}: whitespace only")
    return decoded


def read_regular(path: Path, limit: int) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes, or InputError naming it; a FIFO
    or a device is refused before it is opened, and at most ``limit + 1`` bytes are read."""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot be read ({exc.strerror or exc})") from exc
    if stat.S_ISDIR(info.st_mode):
        raise InputError(f"{path}: is a directory, not a file")
    if not stat.S_ISREG(info.st_mode):
        raise InputError(f"{path}: not a regular file (a FIFO, device or socket); refused")
    if info.st_size > limit:
        raise InputError(f"{path}: {info.st_size:,} bytes, over the limit of {limit:,}")
    try:
        with open(path, "rb") as fh:  # read(n) reserves n bytes at once: ask for what is there
            data = fh.read(min(limit, info.st_size) + 1)
            if len(data) > info.st_size:  # it grew while being read
                data += fh.read(limit + 1 - len(data))
    except OSError as exc:
        raise InputError(f"{path}: cannot be read ({exc.strerror or exc})") from exc
    if len(data) > limit:  # it grew while being read
        raise InputError(f"{path}: over the limit of {limit:,} bytes")
    return data


def looks_like_html(raw: str) -> bool:
    """True if the text starts, after whitespace, with ``<!doctype html`` or ``<html``."""
    return _HTML_START.match(raw.lstrip("\ufeff")) is not None


def document_from_text(raw: str, source: str) -> Document:
    """Clean a raw plain-text dump into a Document; InputError if nothing is left.

    >>> document_from_text("Share\\n\\nThe port reopened on Friday.", "note.txt").text
    'The port reopened on Friday.'
    """
    if not raw.strip():
        raise InputError(f"{source}: empty (no text)")
    return document_from_cleaned(clean_text(raw), source)


def document_from_cleaned(
    cleaned: CleanedText, source: str, metadata: Metadata | None = None
) -> Document:
    """Wrap cleaning output as a Document (``metadata`` replaces the cleaner's if given)."""
    if not cleaned.text:
        raise InputError(
            f"{source}: nothing left after cleaning "
            f"(all {len(cleaned.removed)} non-blank lines were boilerplate)"
        )
    check_size(len(cleaned.text), source)
    return Document(
        text=cleaned.text,
        source=source,
        metadata=cleaned.metadata if metadata is None else metadata,
        removed=cleaned.removed,
        raw_chars=cleaned.raw_chars,
        warnings=cleaned.warnings,
    )


def document_as_is(text: str, source: str = "<text>") -> Document:
    """A Document of ``text`` exactly as given: no cleaning, so evidence offsets point into
    ``text`` itself. Nothing is removed, so ``boilerplate_share`` is 0 (NaN for an empty text).

    >>> document_as_is("Share\\n\\nThe port reopened.").text
    'Share\\n\\nThe port reopened.'
    """
    check_size(len(text), source)
    return Document(text=text, source=source, raw_chars=len("".join(text.split())))
