"""Writing outputs: atomic files confined to the output folder, and the sinks built on them."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

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


def atomic_write(path: str | Path, data: str | bytes) -> Path:
    """Write via a temporary file in the same folder and rename it into place, so a reader
    never sees a half-written file and an interrupted run leaves the old file intact."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data.encode("utf-8") if isinstance(data, str) else data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o644)  # mkstemp makes 0600; outputs are meant to be shared and served
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target
