"""Checks made before any article is scored or anything written, so a typo costs a second
and not a run: the inputs exist, ``--out`` and ``--db`` are usable, the ``--reference`` names
an outlet. Each failure is a one-line error with a did-you-mean suggestion where one fits.
(``--metrics``, lexicons and the spaCy pipeline are checked by loading them, before scoring.)
"""

from __future__ import annotations

import difflib
import os
from collections.abc import Sequence
from pathlib import Path

from framing.corpus.inputs import Failure, InputFile
from framing.errors import ConfigError, InputError


def did_you_mean(name: str, choices: Sequence[str]) -> str:
    """``"; did you mean 'x'?"`` for the closest of ``choices`` (case-insensitive), or ``""``.

    >>> did_you_mean("NYT", ["nyt", "The Korea Times"])
    "; did you mean 'nyt'?"
    """
    by_fold = {c.casefold(): c for c in choices}
    if name.casefold() in by_fold:
        return f"; did you mean {by_fold[name.casefold()]!r}?"
    close = difflib.get_close_matches(name.casefold(), list(by_fold), n=1, cutoff=0.6)
    return f"; did you mean {by_fold[close[0]]!r}?" if close else ""


def is_url(path: str | os.PathLike[str]) -> bool:
    return str(path).lower().startswith(("http://", "https://"))


def check_paths(
    paths: Sequence[str | os.PathLike[str]], *, fetch: bool = False, every: bool = True
) -> None:
    """Every given path exists (``-`` is stdin; a URL needs ``fetch``); with ``every=False``
    (a batch, where a missing path is reported and skipped) at least one does."""
    problems = []
    for given in paths:
        try:
            _check_path(given, fetch)
        except InputError as exc:
            if every:
                raise
            problems.append(exc)
    if problems and len(problems) == len(paths):
        raise problems[0]


def _check_path(given: str | os.PathLike[str], fetch: bool) -> None:
    if str(given) == "-":
        return
    if is_url(given):
        if not fetch:
            raise InputError(f"{given}: is a URL; pass --fetch to download and score it")
        return
    path = Path(given)
    if path.exists():
        return
    parent = path.parent if str(path.parent) else Path(".")
    try:
        siblings = [p.name for p in parent.iterdir()] if parent.is_dir() else []
    except OSError:
        siblings = []
    raise InputError(f"{given}: no such file or directory{did_you_mean(path.name, siblings)}")


def check_out(out: str | os.PathLike[str]) -> None:
    """``out`` is a folder, or can be made one: not a file, and its nearest existing parent is
    a writable folder."""
    path = Path(out)
    if path.exists() and not path.is_dir():
        raise ConfigError(f"--out {out}: is a file, not a folder")
    existing = path
    while not existing.exists():
        existing = existing.parent
    if not existing.is_dir() or not os.access(existing, os.W_OK | os.X_OK):
        raise ConfigError(f"--out {out}: cannot be written ({existing} is not a writable folder)")


def check_db(db: str) -> None:
    """``db`` is a SQLAlchemy URL whose driver is installed; a SQLite file's folder can be
    written; a server is reachable (connecting is cheap next to a run that fails at the end)."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError, SQLAlchemyError

    try:
        url = make_url(db)
    except ArgumentError as exc:
        raise ConfigError(f"--db {db}: not a database URL ({exc})") from exc
    if url.get_backend_name() == "sqlite":
        if url.database and url.database != ":memory:":
            check_out(Path(url.database).parent or ".")
        return
    try:
        engine = create_engine(url)
    except (ImportError, SQLAlchemyError) as exc:
        raise ConfigError(f"--db {url.render_as_string()}: {' '.join(str(exc).split())}") from exc
    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
    except SQLAlchemyError as exc:
        reason = " ".join(str(getattr(exc, "orig", exc)).split())
        raise ConfigError(f"--db {url.render_as_string()}: cannot connect ({reason})") from exc
    finally:
        engine.dispose()


def check_reference(reference: str, inputs: Sequence[InputFile | Failure]) -> None:
    """The reference outlet is one the inputs name (manifest, sidecar or folder). When some
    inputs have no outlet yet (it comes from their page metadata, read while scoring), only a
    reference that matches a known outlet in all but case is refused here."""
    files = [i for i in inputs if isinstance(i, InputFile)]
    known = sorted({i.placement.outlet for i in files if i.placement.outlet})
    if reference in known:
        return
    all_known = all(i.placement.outlet for i in files)
    hint = did_you_mean(reference, known)
    folded = {k.casefold() for k in known}
    if all_known or reference.casefold() in folded:
        choices = ", ".join(known) or "none"
        raise ConfigError(f"--reference {reference!r} is not an outlet{hint} (outlets: {choices})")
