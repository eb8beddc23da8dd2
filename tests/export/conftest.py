"""Fixtures for the export sinks: comparisons computed once per session, and a throwaway
PostgreSQL server on a free loopback port (skipped, with the reason, where none can run)."""

from __future__ import annotations

import contextlib
import glob
import json
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from framing.api import compare
from framing.comparison import Comparison
from tests.conftest import SEEDS

HOSTILE_TITLE = "'); DROP TABLE articles; --"
HOSTILE_OUTLET = 'Robert"); DROP TABLE outlet_summaries; -- \u00e9\u4e2d'

USER_LEXICON = """\
[lexicon]
name = "mine"
version = "1.0.0"
description = "A test lexicon: words about captivity."
license = "CC0-1.0"
references = ["none"]

[categories.captivity]
description = "Being held captive."
codebook = "test only"
terms = ["captured", "prisoner*", "soldiers"]
"""


@pytest.fixture(scope="session")
def seeds_comparison() -> Comparison:
    """The five seeds on the fast (blank) path, built-in lexicons."""
    return compare([str(SEEDS)], spacy_model="blank")


@pytest.fixture(scope="session")
def user_lexicon_comparison(tmp_path_factory: pytest.TempPathFactory) -> Comparison:
    """The same seeds scored with a user lexicon added: a different lexicon hash."""
    path = tmp_path_factory.mktemp("lexicon") / "mine.toml"
    path.write_text(USER_LEXICON, encoding="utf-8")
    return compare([str(SEEDS)], spacy_model="blank", lexicons=[str(path)])


@pytest.fixture(scope="session")
def hostile_comparison(tmp_path_factory: pytest.TempPathFactory) -> Comparison:
    """One article whose title and outlet are SQL injection attempts."""
    folder = tmp_path_factory.mktemp("hostile")
    record = {
        "title": HOSTILE_TITLE,
        "outlet": HOSTILE_OUTLET,
        "text": "Officials said on Tuesday that the soldiers were captured in January.",
    }
    (folder / "feed.jsonl").write_text(json.dumps(record) + "\n", encoding="utf-8")
    return compare([str(folder)], spacy_model="blank")


# --------------------------------------------------------------------------- PostgreSQL


def _pg_binaries() -> Path | None:
    """The folder holding initdb and pg_ctl: on PATH, else the newest Debian install."""
    found = shutil.which("initdb")
    if found and shutil.which("pg_ctl"):
        return Path(found).parent
    for folder in sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True):
        if (Path(folder) / "initdb").exists() and (Path(folder) / "pg_ctl").exists():
            return Path(folder)
    return None


def _as_server_user() -> list[str] | None:
    """The command prefix that runs the server binaries; None when they cannot run here.

    PostgreSQL refuses to run as root, so root runs them as the ``postgres`` user.
    """
    if os.geteuid() != 0:
        return []
    try:
        pwd.getpwnam("postgres")
    except KeyError:
        return None
    runuser = shutil.which("runuser")
    return [runuser, "-u", "postgres", "--"] if runuser else None


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[str]:
    """URL of a fresh PostgreSQL server's ``postgres`` database, stopped at the end."""
    pytest.importorskip("psycopg", reason="psycopg not installed (the postgres extra)")
    binaries = _pg_binaries()
    if binaries is None:
        pytest.skip("no PostgreSQL server binaries (initdb, pg_ctl) on PATH or /usr/lib/postgresql")
    prefix = _as_server_user()
    if prefix is None:
        pytest.skip("running as root without a 'postgres' user and runuser to start PostgreSQL")
    # not under pytest's basetemp: that folder is private to root, and the server runs as postgres
    folder = Path(tempfile.mkdtemp(prefix="framing-pg-"))
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres", "postgres")
    data, log, port = folder / "data", folder / "server.log", _free_port()

    def run(*args: str) -> None:
        subprocess.run([*prefix, *args], check=True, capture_output=True, timeout=60, cwd=folder)

    try:
        run(
            str(binaries / "initdb"),
            "-D",
            str(data),
            "-A",
            "trust",
            "-U",
            "framing",
            "-E",
            "UTF8",
            "--no-locale",
            "--no-sync",
        )
        options = f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off"
        # -l: the server must not inherit our pipes, or run() would wait for it to exit
        run(str(binaries / "pg_ctl"), "-D", str(data), "-l", str(log), "-o", options, "-w", "start")
        yield f"postgresql+psycopg://framing@127.0.0.1:{port}/postgres"
    except subprocess.CalledProcessError as exc:
        server_log = log.read_text(errors="replace") if log.exists() else ""
        pytest.fail(f"PostgreSQL did not start: {exc.stderr.decode(errors='replace')}{server_log}")
    finally:
        if (data / "postmaster.pid").exists():
            with contextlib.suppress(subprocess.SubprocessError):
                run(str(binaries / "pg_ctl"), "-D", str(data), "-m", "fast", "-w", "stop")
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """An empty database of each kind: a SQLite file, or a new PostgreSQL database."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'out' / 'framing.sqlite'}"
        return
    import psycopg
    from psycopg import sql

    server = request.getfixturevalue("postgres_server")
    admin = server.replace("postgresql+psycopg://", "postgresql://")
    name = f"test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    yield server.rsplit("/", 1)[0] + f"/{name}"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(name)))
