"""Everything `framing compare` writes into its output folder, in one call, as one whole set.

The files of a run are written into a staging folder inside the output folder
(``OUT/.framing-staging-<token>/``), which is committed only when every file is complete: a
``.commit`` list is written, then each file is renamed over its old version (a rename within
one folder is atomic) and the staging folder removed. So an interrupted run (kill -9, SIGTERM,
Ctrl-C, a full disk) leaves the previous run's files untouched; the one window where two runs
meet is the few renames after ``.commit``, and the next run finishes those before anything else
(:func:`recover`). The next run also deletes what dead runs left behind: uncommitted staging
folders and the ``.NAME.XXXXXXXX.tmp`` files of :func:`~framing.export.atomic_file`.

One run at a time writes into a folder (a lock on ``OUT/.framing-lock``); a second one stops
with one line before scoring anything. The database sink (:mod:`framing.export.sql`) is one
transaction of its own. A sink that cannot be written (a read-only or full folder, a database
that refuses the rows) is reported as one line naming it, and the other sinks are still
written.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import secrets
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from framing.comparison import Comparison
from framing.corpus.inputs import OUTPUT_MARKER, Failure
from framing.errors import ConfigError, FramingError
from framing.export import atomic_write, safe_path

DEFAULT_DB = "framing.sqlite"
STAGING = ".framing-staging-"
LOCK = ".framing-lock"
COMMIT = ".commit"
#: What :func:`~framing.export.atomic_file` names its temporary files: ``.NAME.XXXXXXXX.tmp``.
_TEMP = re.compile(r"^\..+\.[A-Za-z0-9_]{8}\.tmp$")


def default_db_url(out: str | Path) -> str:
    """The embedded default sink: a SQLite file in the output folder (opens in Datasette)."""
    from sqlalchemy.engine import URL

    # URL.create escapes characters such as ? and # that a plain f-string would not
    return URL.create("sqlite", database=str(safe_path(out, DEFAULT_DB))).render_as_string()


def db_file(url: str) -> Path | None:
    """The file of a SQLite database URL (never read as input), else None."""
    try:
        from sqlalchemy.engine import make_url

        parsed = make_url(url)
    except Exception:
        return None
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    return Path(str(parsed.database))


def _reason(exc: BaseException) -> str:
    orig = getattr(exc, "orig", None)  # a driver's error wrapped by SQLAlchemy: its own words
    if isinstance(orig, BaseException):
        lines = str(orig).strip().splitlines()
        return f"{orig.__class__.__name__}: {lines[0] if lines else ''}".strip(": ")
    if isinstance(exc, OSError):
        where = f" ({exc.filename})" if exc.filename else ""
        return f"{exc.strerror or exc.__class__.__name__}{where}"
    return " ".join(str(exc).split()) or exc.__class__.__name__


@contextmanager
def claimed(out: str | Path) -> Iterator[Path]:
    """The output folder, created, locked for this run and cleaned of what dead runs left.

    Raises :class:`~framing.errors.ConfigError` only when another run holds the folder; a
    folder that cannot be created or written is left to :func:`write_outputs` to report.
    """
    folder = Path(out)
    created = not folder.exists()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd: int | None = os.open(folder / LOCK, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError:
        fd = None  # read-only or missing: writing will fail and be reported
    try:
        if fd is not None:
            _lock(fd, folder)
            with contextlib.suppress(OSError):  # what is not cleaned now, a later run cleans
                recover(folder)
        yield folder
    finally:
        if fd is not None:
            if created:  # a run that wrote nothing leaves no folder behind
                with contextlib.suppress(OSError):
                    if [p.name for p in folder.iterdir()] == [LOCK]:
                        (folder / LOCK).unlink()
                        folder.rmdir()
            os.close(fd)  # closing releases the lock


def _lock(fd: int, folder: Path) -> None:
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows: no advisory locks, runs are not guarded
        return
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        raise ConfigError(
            f"{folder}: another framing run is writing into this folder; wait for it to "
            "finish or choose another --out"
        ) from None


def recover(folder: Path) -> None:
    """Finish the commit of a run that died while renaming its files into ``folder``, and
    delete what other dead runs left: uncommitted staging folders and temporary files. Only
    safe while holding the folder's lock (:func:`claimed`)."""
    for entry in sorted(folder.iterdir()):
        if entry.name.startswith(STAGING) and entry.is_dir():
            names = _committed(entry)
            for name in names:
                if (entry / name).is_file():
                    os.replace(entry / name, folder / name)
            shutil.rmtree(entry, ignore_errors=True)
        elif _TEMP.match(entry.name) and entry.is_file():
            entry.unlink(missing_ok=True)


def _committed(stage: Path) -> list[str]:
    try:
        names = json.loads((stage / COMMIT).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []  # never committed (or the list itself was cut short): discarded
    return [n for n in names if isinstance(n, str) and "/" not in n and not n.startswith(".")]


def _commit(stage: Path, folder: Path, names: list[str]) -> None:
    atomic_write(stage / COMMIT, json.dumps(names))
    for name in names:
        os.replace(stage / name, folder / name)
    _sync(folder)
    shutil.rmtree(stage, ignore_errors=True)


def _sync(folder: Path) -> None:
    """Make the renames durable (a folder's entries are flushed by fsync on the folder)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def write_files(c: Comparison, out: str | Path, *, formula_guard: bool = True) -> list[Path]:
    """Tables, report.md, report.html and datapackage.json into ``out``, as one whole set (see
    the module docstring); returns the files written. Raises OSError when the folder cannot
    be written (nothing in it has changed then)."""
    from framing.export.files import write_tables
    from framing.export.report import write_report

    folder = Path(out)
    folder.mkdir(parents=True, exist_ok=True)
    stage = folder / f"{STAGING}{os.getpid()}-{secrets.token_hex(4)}"
    stage.mkdir()
    try:
        staged = write_tables(c, stage, formula_guard=formula_guard)
        staged += write_report(c, stage)
        marker = folder / OUTPUT_MARKER
        if not marker.is_file():
            atomic_write(marker, "framing compare writes into this folder\n")
        names = [p.name for p in staged]
        _commit(stage, folder, names)
    finally:
        if stage.exists() and not (stage / COMMIT).is_file():
            shutil.rmtree(stage, ignore_errors=True)
    return [safe_path(folder, n) for n in names]


def write_outputs(
    c: Comparison, out: str | Path, *, formula_guard: bool = True, db: str | None = None
) -> tuple[list[Path], dict[str, int], list[Failure]]:
    """Every file into ``out`` (:func:`write_files`) and the rows into ``db``.

    Returns the files written, the rows the database sink added per table (nothing when
    ``db`` is None), and the sinks that could not be written, each as one line naming it: one
    failing sink never stops the others.
    """
    failed: list[Failure] = []
    written: list[Path] = []
    try:
        written = write_files(c, out, formula_guard=formula_guard)
    except (OSError, FramingError) as exc:
        failed.append(Failure(f"files in {out}", f"not written: {_reason(exc)}", "sink"))
    added: dict[str, int] = {}
    if db is not None:
        from framing.export.sql import write_database

        try:
            added = write_database(c, db)
        except ConfigError as exc:  # its message names the database already
            failed.append(Failure("database", _reason(exc), "sink"))
        except Exception as exc:
            failed.append(Failure(f"database {_hide(db)}", _reason(exc), "sink"))
    return written, added, failed


def _hide(url: str) -> str:
    """A database URL without its password, for messages."""
    try:
        from sqlalchemy.engine import make_url

        shown: Any = make_url(url).render_as_string(hide_password=True)
        return str(shown)
    except Exception:
        return url
