"""Plain-text input: read a file's bytes as text and turn a raw dump into a cleaned Document."""

from __future__ import annotations

import re
from pathlib import Path

from framing.document import MAX_ARTICLE_CHARS, Document, Metadata, check_size
from framing.errors import InputError
from framing.ingest.clean import CleanedText, clean_text
from framing.ingest.decode import Decoded, decode_bytes

#: The largest file read (bytes): a text or page this large cannot hold one article.
MAX_FILE_BYTES = 40 * MAX_ARTICLE_CHARS

_HTML_START = re.compile(r"\s*(?:<!doctype\s+html|<html)", re.IGNORECASE)


def load_text(path: Path) -> str:
    """The text of a file (see :func:`load_decoded`), or InputError naming the file."""
    return load_decoded(path).text


def load_bytes(path: Path) -> bytes:
    """The bytes of a file, or InputError: missing, a directory, unreadable, or larger than
    :data:`MAX_FILE_BYTES`."""
    if not path.exists():
        raise InputError(f"{path}: no such file")
    if path.is_dir():
        raise InputError(f"{path}: is a directory, not a file")
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise InputError(
                f"{path}: {size:,} bytes; the largest file read is {MAX_FILE_BYTES:,} bytes"
            )
        return path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot be read ({exc.strerror or exc})") from exc


def load_decoded(path: Path) -> Decoded:
    """The text of a file and how it was decoded (UTF-8; UTF-16/32 with a byte-order mark; a
    guessed legacy encoding, with a warning: :mod:`framing.ingest.decode`).

    Missing files, directories, unreadable files, binary content (NUL bytes), bytes no
    encoding fits, and empty or whitespace-only files are all refused with a one-line message.
    """
    decoded = decode_bytes(load_bytes(path), str(path))
    text = decoded.text
    if not text.strip():
        raise InputError(f"{path}: empty (no text)" if not text else f"{path}: whitespace only")
    return decoded


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
