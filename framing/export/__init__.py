"""Writing outputs: atomic files confined to the output folder, and the sinks built on them."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from framing.errors import ConfigError

#: A CSV cell starting with one of these is run as a formula by spreadsheet programs.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: object) -> object:
    """A text cell a spreadsheet would run as a formula, made inert with a leading '.

    (OWASP "CSV injection"); numbers are never touched, so -0.5 stays a number.
    """
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def safe_path(out_dir: str | Path, name: str) -> Path:
    """``out_dir / name``, refusing any name that would land outside ``out_dir``."""
    root = Path(out_dir).resolve()
    target = (root / name).resolve()
    if target != root and root not in target.parents:
        raise ConfigError(f"output {name!r} would be written outside {root}")
    return target


@contextmanager
def atomic_file(path: str | Path) -> Iterator[BinaryIO]:
    """A binary file to write in pieces, renamed onto ``path`` only when the block ends without
    an error, so a reader never sees a half-written file and an interrupted run leaves the old
    file intact (the temporary file sits in the same folder, so the rename is atomic)."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o644)  # mkstemp makes 0600; outputs are meant to be shared and served
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def atomic_write(path: str | Path, data: str | bytes | Iterable[str]) -> Path:
    """Write ``data`` (text, bytes, or text in pieces, e.g. a generator) via
    :func:`atomic_file`; returns the path."""
    with atomic_file(path) as fh:
        if isinstance(data, bytes):
            fh.write(data)
        elif isinstance(data, str):
            fh.write(data.encode("utf-8"))
        else:
            for piece in data:
                fh.write(piece.encode("utf-8"))
    return Path(path)
