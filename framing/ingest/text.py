"""Plain-text input: read a file as UTF-8 and turn a raw dump into a cleaned Document."""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

from framing.document import Document, Metadata
from framing.errors import InputError
from framing.ingest.clean import CleanedText, clean_text

_HTML_START = re.compile(r"\s*(?:<!doctype\s+html|<html)", re.IGNORECASE)


#: Largest single page (.txt, .md, .html) read: 64 MB is hundreds of books, never one article.
MAX_PAGE_BYTES = 64 * 1024 * 1024
#: Largest file of records (.json, .jsonl, .csv) read.
MAX_FILE_BYTES = 4 * 1024 * 1024 * 1024


def load_text(path: Path, *, limit: int | None = None) -> str:
    """The content of a UTF-8 text file (a BOM is allowed), or InputError naming the file.

    Missing files, directories, special files (FIFOs, devices, sockets: reading one may never
    end), files over ``limit`` bytes (:data:`MAX_FILE_BYTES` when None), unreadable files,
    binary content (NUL bytes), invalid UTF-8 and empty or whitespace-only files are all
    refused with a one-line message.
    """
    data = read_regular(path, MAX_FILE_BYTES if limit is None else limit)
    if b"\x00" in data:
        raise InputError(f"{path}: binary content (NUL bytes); expected UTF-8 text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{path}: not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start})"
        ) from exc
    if not text.strip():
        raise InputError(f"{path}: empty (no text)" if not text else f"{path}: whitespace only")
    return text


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
    return Document(
        text=cleaned.text,
        source=source,
        metadata=cleaned.metadata if metadata is None else metadata,
        removed=cleaned.removed,
        raw_chars=cleaned.raw_chars,
    )


def document_as_is(text: str, source: str = "<text>") -> Document:
    """A Document of ``text`` exactly as given: no cleaning, so evidence offsets point into
    ``text`` itself. Nothing is removed, so ``boilerplate_share`` is 0 (NaN for an empty text).

    >>> document_as_is("Share\\n\\nThe port reopened.").text
    'Share\\n\\nThe port reopened.'
    """
    return Document(text=text, source=source, raw_chars=len("".join(text.split())))
