"""Everything `framing compare` writes into its output folder, in one call."""

from __future__ import annotations

from pathlib import Path

from framing.comparison import Comparison
from framing.export import safe_path

DEFAULT_DB = "framing.sqlite"


def default_db_url(out: str | Path) -> str:
    """The embedded default sink: a SQLite file in the output folder (opens in Datasette)."""
    from sqlalchemy.engine import URL

    # URL.create escapes characters such as ? and # that a plain f-string would not
    return URL.create("sqlite", database=str(safe_path(out, DEFAULT_DB))).render_as_string()


def write_outputs(
    c: Comparison, out: str | Path, *, formula_guard: bool = True, db: str | None = None
) -> tuple[list[Path], dict[str, int]]:
    """Tables, report.md, report.html and datapackage.json into ``out``; rows into ``db``.

    Returns the files written and the rows the database sink added per table (nothing when
    ``db`` is None).
    """
    from framing.export.files import write_tables
    from framing.export.report import write_report

    written = write_tables(c, out, formula_guard=formula_guard)
    written += write_report(c, out)
    added: dict[str, int] = {}
    if db is not None:
        from framing.export.sql import write_database

        added = write_database(c, db)
    return written, added
