"""The SQL sink: a comparison's tables in SQLite (the default; opens in Datasette as is) or
PostgreSQL, keyed so that writing the same comparison again adds nothing and a new lexicon
version adds rows beside the old ones.

>>> from framing.api import compare
>>> c = compare(["seeds"], spacy_model="blank")
>>> write_database(c, "sqlite:///framing.sqlite")["articles"]
5
>>> write_database(c, "sqlite:///framing.sqlite")["articles"]
0

Articles, metrics and evidence are keyed by content (article id, outlet, lexicon hash, tool
version), so every comparison that scored an article shares its rows. Outlet summaries depend on
which articles were compared, so they are keyed by ``run_id``; ``runs`` and ``run_articles`` say
what each run was. SQLAlchemy (and psycopg for PostgreSQL) are imported only when used.
"""

from __future__ import annotations

import hashlib
import importlib
import json
import math
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Any

from framing.about import __version__
from framing.comparison import Comparison
from framing.errors import ConfigError, ResourceMissingError
from framing.export.files import (
    article_rows,
    change_rows,
    conflict_rows,
    evidence_rows,
    metric_rows,
    pair_rows,
)
from framing.export.tables import (
    CHANGES,
    CONFLICTS,
    EVIDENCE,
    FRAME_PROBABILITIES,
    METRICS_LONG,
    OUTLET_FRAMES,
    OUTLETS,
    PAIRS,
    Column,
    TableSpec,
    articles,
)
from framing.learn.apply import frame_rows
from framing.schema import SCHEMA_VERSION

if TYPE_CHECKING:
    from types import ModuleType

    import sqlalchemy as sa
    from sqlalchemy.engine import URL

#: Rows per INSERT round (executemany): few round trips, bounded memory.
BATCH = 5000
#: ... and at most this many cells: 5,000 rows of the ~70-column articles table held ~25 MB
#: that 1,000 articles never reach (issue #6); a narrow table keeps whole batches of BATCH.
BATCH_CELLS = 50_000

URL_FORMS = "sqlite:///PATH.sqlite or postgresql://USER[:PASSWORD]@HOST:PORT/DATABASE"

Rows = Callable[[Comparison, str], Iterable[Mapping[str, Any]]]


def _t(name: str, description: str, nullable: bool = True) -> Column:
    return Column(name, "string", description, nullable=nullable)


def _n(name: str, description: str) -> Column:
    return Column(name, "integer", description, "articles", nullable=False)


RUN_ID = _t(
    "run_id",
    "Fingerprint of the comparison: the articles compared (content hash and "
    "outlet), lexicon hash, tool version, pipeline, reference and metrics.",
    False,
)

RUNS = TableSpec(
    "runs",
    "One row per comparison written: what was compared, with which lexicons and tool version.",
    (
        RUN_ID,
        _t("created_at", "When the run was first written (UTC, ISO 8601).", False),
        _t("tool_version", "framing version.", False),
        _t("schema_version", "Version of these tables' schema.", False),
        _t("lexicon_hash", "Fingerprint of every lexicon used (empty when nothing was scored)."),
        _t("pipeline", "spaCy pipeline the articles were scored with (blank or a trained one)."),
        _t("reference", "The reference outlet the deltas are taken against."),
        _n("n_articles", "Articles compared."),
        _n("n_failures", "Inputs reported and skipped."),
        _t("metrics", "Metrics summarised, comma-separated, in report order.", False),
    ),
    ("run_id",),
)

RUN_ARTICLES = TableSpec(
    "run_articles",
    "Which articles each run compared (join to articles on the article key columns).",
    (
        RUN_ID,
        _t("article_id", "The article's id.", False),
        _t("outlet", "Outlet the article was attributed to in this run.", False),
        _t("lexicon_hash", "Fingerprint of every lexicon used.", False),
        _t("pipeline", "spaCy pipeline the article was scored with.", False),
        _t("tool_version", "framing version.", False),
    ),
    ("run_id", "article_id", "outlet", "lexicon_hash", "pipeline", "tool_version"),
)


@dataclass(frozen=True)
class SqlTable:
    """A table spec under its SQL name, with where its rows come from and its indexes."""

    spec: TableSpec
    rows: Rows
    indexes: tuple[tuple[str, ...], ...] = ()


def sql_tables() -> list[SqlTable]:
    """Every SQL table, in insert order.

    No index on evidence(article_id): the primary key starts with article_id, so its index
    already serves that lookup.
    """
    return [
        SqlTable(RUNS, lambda c, run_id: [run_row(c, run_id)]),
        SqlTable(RUN_ARTICLES, _by_run(_run_article_rows)),
        SqlTable(articles(), lambda c, _: article_rows(c.articles), (("outlet",), ("date",))),
        SqlTable(
            replace(METRICS_LONG, name="metrics"),
            lambda c, _: metric_rows(c.articles, c.metrics),
            (("metric", "outlet"),),
        ),
        SqlTable(EVIDENCE, lambda c, _: evidence_rows(c.articles), (("family", "category"),)),
        SqlTable(
            replace(
                OUTLETS,
                name="outlet_summaries",
                columns=(RUN_ID, *OUTLETS.columns),
                primary_key=("run_id", "outlet", "metric"),
            ),
            lambda c, run_id: ({"run_id": run_id, **r} for r in c.outlets),
            (("metric",),),
        ),
        # pairs, changes and conflicts depend on which articles were compared: keyed by run
        *(
            SqlTable(
                replace(spec, columns=(RUN_ID, *spec.columns), primary_key=("run_id", *key)),
                _by_run(rows),
                indexes,
            )
            for spec, rows, key, indexes in (
                (PAIRS, pair_rows, ("source", "rewrite"), (("kind",),)),
                (CHANGES, change_rows, ("source", "rewrite", "seq"), (("kind", "change"),)),
                (CONFLICTS, conflict_rows, ("story", "quantity", "article", "start"), ()),
                (
                    OUTLET_FRAMES,
                    lambda c: iter(c.outlet_frames),
                    ("outlet", "frame"),
                    (("frame",),),
                ),
            )
        ),
        SqlTable(
            FRAME_PROBABILITIES,
            lambda c, _: frame_rows(c.articles),
            (("frame", "outlet"),),
        ),
    ]


def _run_article_rows(c: Comparison) -> Iterable[dict[str, Any]]:
    """The article key columns of every article, from the entries kept in memory."""
    for e in c.entries:
        yield {
            "article_id": e.article_id,
            "outlet": e.outlet,
            "lexicon_hash": e.lexicon_hash,
            "pipeline": e.pipeline,
            "tool_version": e.tool_version,
        }


def _by_run(rows: Callable[[Comparison], Iterable[Mapping[str, Any]]]) -> Rows:
    return lambda c, run_id: ({"run_id": run_id, **r} for r in rows(c))


def _require(module: str, what: str, extra: str, major: int = 0) -> ModuleType:
    """Import an optional dependency (at least version ``major``), or fail naming the extra
    that installs it."""
    try:
        found = importlib.import_module(module)
    except ImportError:
        found = None
    version = str(getattr(found, "__version__", "0"))
    if found is None or int(version.split(".")[0]) < major:
        raise ResourceMissingError(
            f"database output needs {what}{f' (found {version})' if found else ''}: "
            f"pip install 'framing-toolkit[{extra}]'"
        )
    return found


def database_url(url: str) -> URL:
    """``url`` parsed, with a bare ``postgresql://`` (or ``postgres://``) set to psycopg 3.

    >>> database_url("postgresql://framing@localhost/news").drivername
    'postgresql+psycopg'
    """
    _require("sqlalchemy", "SQLAlchemy 2", "postgres", major=2)
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        parsed = make_url(url)
    except ArgumentError:
        raise ConfigError(f"not a database URL: {url!r}; use {URL_FORMS}") from None
    backend, _, driver = parsed.drivername.partition("+")
    if backend in ("postgresql", "postgres") and driver in ("", "psycopg"):
        return parsed.set(drivername="postgresql+psycopg")
    if backend == "sqlite" and driver in ("", "pysqlite"):
        return parsed
    raise ConfigError(f"unsupported database {parsed.drivername!r}; use {URL_FORMS}")


def connect(url: str) -> sa.Engine:
    """An engine for ``url``; a SQLite file's folder is created if needed."""
    parsed = database_url(url)
    if parsed.get_backend_name() == "postgresql":
        _require("psycopg", "psycopg 3", "postgres")
    elif parsed.database and parsed.database != ":memory:":
        Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
    import sqlalchemy as sa

    return sa.create_engine(parsed)


def build_metadata() -> sa.MetaData:
    """Tables, primary keys and indexes from the table specs; plain types only (TEXT, INTEGER,
    FLOAT) so Datasette and any SQLite client read the file as is."""
    import sqlalchemy as sa

    types: dict[str, type[sa.types.TypeEngine[Any]]] = {
        "string": sa.Text,
        "integer": sa.Integer,
        "number": sa.Float,
        "boolean": sa.Boolean,
    }
    metadata = sa.MetaData()
    for table in sql_tables():
        spec = table.spec
        sa.Table(
            spec.name,
            metadata,
            *(
                sa.Column(
                    col.name,
                    types[col.type](),
                    comment=col.description,
                    nullable=col.nullable and col.name not in spec.primary_key,
                )
                for col in spec.columns
            ),
            sa.PrimaryKeyConstraint(*spec.primary_key, name=f"pk_{spec.name}"),
            *(sa.Index(f"ix_{spec.name}_{'_'.join(cols)}", *cols) for cols in table.indexes),
            comment=spec.description,
        )
    return metadata


def create_schema(bind: sa.Engine | sa.Connection) -> sa.MetaData:
    """Create any missing table and index (idempotent); refuse a database whose existing
    tables lack columns of this schema version, since rows could not be written into them."""
    import sqlalchemy as sa

    metadata = build_metadata()
    metadata.create_all(bind)
    found = sa.inspect(bind)
    for table in metadata.sorted_tables:
        have = {col["name"] for col in found.get_columns(table.name)}
        missing = [c.name for c in table.columns if c.name not in have]
        if missing:
            raise ConfigError(
                f"table {table.name!r} lacks column(s) {', '.join(missing)} of schema "
                f"{SCHEMA_VERSION}: it was created by another framing version; write to a new "
                "database"
            )
    return metadata


def _scoring(c: Comparison) -> dict[str, str | None]:
    """How the articles were scored. One comparison has one of each; were there several, they
    would be listed rather than one picked."""

    def joined(values: Iterable[str]) -> str | None:
        return ",".join(sorted(set(values))) or None

    entries = c.entries
    return {
        "tool_version": joined(e.tool_version for e in entries) or __version__,
        "lexicon_hash": joined(e.lexicon_hash for e in entries),
        "pipeline": joined(e.pipeline for e in entries),
    }


def run_id(c: Comparison) -> str:
    """16 hex digits identifying what a comparison's summaries depend on.

    Articles enter with their outlet: moving an article to another outlet changes the summaries.
    Metric order does not change any summary, so the names are sorted.
    """
    payload = {
        "articles": sorted([e.content_hash, e.outlet] for e in c.entries),
        **_scoring(c),
        "reference": c.reference,
        "metrics": sorted(c.metrics),
    }
    blob = json.dumps(payload, sort_keys=True, ensure_ascii=False).encode("utf-8")
    return hashlib.sha256(blob).hexdigest()[:16]


def run_row(c: Comparison, rid: str) -> dict[str, Any]:
    """The ``runs`` row of a comparison."""
    return {
        "run_id": rid,
        "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "schema_version": SCHEMA_VERSION,
        **_scoring(c),
        "reference": c.reference,
        "n_articles": len(c.articles),
        "n_failures": len(c.failures),
        "metrics": ",".join(c.metrics),
    }


def _value(value: Any) -> Any:
    """No data is NULL, never NaN (PostgreSQL would store NaN; SQLite stores NULL anyway)."""
    if isinstance(value, float) and (math.isnan(value) or math.isinf(value)):
        return None
    return value


def write_database(comparison: Comparison, url: str) -> dict[str, int]:
    """Write a comparison into the database at ``url``, in one transaction; returns the rows
    added per table (all 0 when the same comparison was written before).

    >>> write_database(c, "postgresql://framing@localhost:5432/news")  # doctest: +SKIP
    {'runs': 1, 'run_articles': 5, 'articles': 5, 'metrics': 220, 'evidence': 385, ...}
    """
    engine = connect(url)
    from sqlalchemy.dialects import postgresql, sqlite
    from sqlalchemy.exc import OperationalError

    rid = run_id(comparison)
    added: dict[str, int] = {}
    try:
        with engine.begin() as conn:
            metadata = create_schema(conn)
            dialect = postgresql if conn.dialect.name == "postgresql" else sqlite
            for table in sql_tables():
                target = metadata.tables[table.spec.name]
                key = list(table.spec.primary_key)
                stmt = dialect.insert(target).on_conflict_do_nothing(index_elements=key)
                added[target.name] = 0
                rows = iter(table.rows(comparison, rid))
                names = table.spec.names
                size = min(BATCH, max(1, BATCH_CELLS // len(names)))
                # in batches, so a large comparison is never one list of rows in memory
                while batch := [{k: _value(r[k]) for k in names} for r in islice(rows, size)]:
                    # executemany: the statement is prepared once and run for every row; both
                    # drivers sum rowcount over the rows, and SQLAlchemy passes it on when asked
                    result = conn.execute(
                        stmt, batch, execution_options={"preserve_rowcount": True}
                    )
                    added[target.name] += result.rowcount
    except OperationalError as exc:  # unreachable server, wrong password, locked file, …
        where = engine.url.render_as_string(hide_password=True)
        reason = str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)
        raise ConfigError(f"cannot write to database {where}: {reason}") from exc
    finally:
        engine.dispose()
    return added
