"""The SQL sink: a comparison's tables in SQLite (the default; opens in Datasette as is) or
PostgreSQL, keyed so that writing the same comparison again adds nothing and a new lexicon
version adds rows beside the old ones.

>>> from framing.api import compare
>>> c = compare(["seeds"], spacy_model="blank")
>>> write_database(c, "sqlite:///framing.sqlite")["articles"]
5
>>> write_database(c, "sqlite:///framing.sqlite")["articles"]
0

Articles, metrics and evidence are keyed by content (article id, outlet, lexicon hash, pipeline,
tool version), so every comparison that scored an article shares its rows. Outlet summaries,
stories and pairs depend on which articles were compared, so they are keyed by ``run_id``;
``runs`` and ``run_articles`` say what each run was, and ``run_articles`` carries each article's
story and event in that run (clustering depends on the corpus compared, so a story id belongs to
a run, not to an article's content). Foreign keys tie every row to its run or article; dates are
typed (``DATE``, ``TIMESTAMP``).

The layout is created by :func:`migrate`, the same steps on SQLite and PostgreSQL, and recorded in
``framing_schema`` (layout version :data:`DB_VERSION`, output schema version and a fingerprint of
the views' definitions). A database
written by an older framing gets the columns it lacks when they may be empty (new metrics; old
rows keep NULL there); a missing key column is refused. The views dashboards read
(:data:`VIEWS`: latest score per article, outlet × metric, outlet × week × metric, story × outlet)
are rebuilt whenever any of the three changes. SQLAlchemy (and psycopg for PostgreSQL) are
imported only when used.
"""

from __future__ import annotations

import hashlib
import importlib
import json
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Any

from framing.about import __version__
from framing.comparison import MIN_ARTICLES_FOR_CI, Comparison
from framing.errors import ConfigError, ResourceMissingError
from framing.export.files import (
    article_rows,
    change_rows,
    conflict_rows,
    evidence_rows,
    metric_rows,
    pair_rows,
)
from framing.export.sqlsafe import keyed_columns, sql_value
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
    metric_columns,
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

#: Version of the database layout (tables, keys, views) that :func:`migrate` builds. 1 was the
#: unversioned layout before foreign keys, typed dates, stories and views; 2 adds them.
DB_VERSION = 2

URL_FORMS = "sqlite:///PATH.sqlite or postgresql://USER[:PASSWORD]@HOST:PORT/DATABASE"

Rows = Callable[[Comparison, str], Iterable[Mapping[str, Any]]]

#: The columns that identify a scored article (the ``articles`` primary key).
ARTICLE_KEY = ("article_id", "outlet", "lexicon_hash", "pipeline", "tool_version")


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
        Column(
            "created_at",
            "datetime",
            "When the run was first written (UTC); the latest run is the one written last.",
            nullable=False,
        ),
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

STORIES = TableSpec(
    "stories",
    "One row per story (topic cluster) a run found: its articles, events, outlets and dates.",
    (
        RUN_ID,
        _t(
            "story_id",
            "Story id within the run, e.g. story-001 (numbered by smallest article).",
            False,
        ),
        _t("title", "Headline of the story's first article (by id)."),
        _n("n_articles", "Articles in the story."),
        Column("n_events", "integer", "Same-event groups inside the story.", "events", False),
        Column("n_outlets", "integer", "Outlets covering the story.", "outlets", False),
        Column("first_date", "date", "Earliest publication date among its articles."),
        Column("last_date", "date", "Latest publication date among its articles."),
    ),
    ("run_id", "story_id"),
)

RUN_ARTICLES = TableSpec(
    "run_articles",
    "Which articles each run compared (join to articles on the article key columns), with "
    "each article's story and event in that run.",
    (
        RUN_ID,
        _t("article_id", "The article's id.", False),
        _t("outlet", "Outlet the article was attributed to in this run.", False),
        _t("lexicon_hash", "Fingerprint of every lexicon used.", False),
        _t("pipeline", "spaCy pipeline the article was scored with.", False),
        _t("tool_version", "framing version.", False),
        _t("source", "Input label of the article in this run (file, with #N for a row)."),
        _t("story_id", "Story (topic cluster) of the article in this run; empty without one."),
        _t("event_id", "Same-event group inside the story, e.g. story-001/e1."),
    ),
    ("run_id", "article_id", "outlet", "lexicon_hash", "pipeline", "tool_version"),
)


def sql_articles() -> TableSpec:
    """The ``articles`` table as stored: ``date`` typed (ISO dates only, else NULL) and the
    value as given beside it."""
    spec = articles()
    columns: list[Column] = []
    for col in spec.columns:
        if col.name == "date":
            columns += [
                Column("date", "date", "Publication date (NULL when not an ISO YYYY-MM-DD)."),
                _t("date_as_given", "Publication date as given in the input."),
            ]
        else:
            columns.append(col)
    return replace(spec, columns=tuple(columns))


@dataclass(frozen=True)
class SqlTable:
    """A table spec under its SQL name, with where its rows come from, its indexes and the
    tables its columns refer to (``(columns, table)``: the same names there)."""

    spec: TableSpec
    rows: Rows
    indexes: tuple[tuple[str, ...], ...] = ()
    references: tuple[tuple[tuple[str, ...], str], ...] = ()


_BY_RUN = ((("run_id",), "runs"),)
_BY_ARTICLE = ((ARTICLE_KEY, "articles"),)


def sql_tables() -> list[SqlTable]:
    """Every SQL table, in insert order (a table after those it refers to).

    No index on evidence(article_id): the primary key starts with article_id, so its index
    already serves that lookup.
    """
    return [
        SqlTable(RUNS, lambda c, run_id: [run_row(c, run_id)]),
        SqlTable(STORIES, _by_run(story_rows), (), _BY_RUN),
        SqlTable(
            sql_articles(),
            lambda c, _: (_typed_date(r) for r in article_rows(c.articles)),
            (("outlet",), ("date",)),
        ),
        SqlTable(
            RUN_ARTICLES,
            _by_run(_run_article_rows),
            (("story_id",),),
            (*_BY_RUN, *_BY_ARTICLE, (("run_id", "story_id"), "stories")),
        ),
        SqlTable(
            replace(METRICS_LONG, name="metrics"),
            lambda c, _: metric_rows(c.articles, c.metrics),
            (("metric", "outlet"),),
            _BY_ARTICLE,
        ),
        SqlTable(
            EVIDENCE,
            lambda c, _: evidence_rows(c.articles),
            (("family", "category"),),
            _BY_ARTICLE,
        ),
        SqlTable(
            replace(
                OUTLETS,
                name="outlet_summaries",
                columns=(RUN_ID, *OUTLETS.columns),
                primary_key=("run_id", "outlet", "metric"),
            ),
            lambda c, run_id: ({"run_id": run_id, **r} for r in c.outlets),
            (("metric",),),
            _BY_RUN,
        ),
        # pairs, changes and conflicts depend on which articles were compared: keyed by run
        *(
            SqlTable(
                replace(spec, columns=(RUN_ID, *spec.columns), primary_key=("run_id", *key)),
                _by_run(rows),
                indexes,
                _BY_RUN,
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
            _BY_ARTICLE,
        ),
    ]


def iso_date(value: str | None) -> date | None:
    """A date for an ISO ``YYYY-MM-DD`` value (a time after it is ignored), else None.

    >>> iso_date("2025-05-16"), iso_date("2025-05-16T09:00:00+09:00"), iso_date("May 16")
    (datetime.date(2025, 5, 16), datetime.date(2025, 5, 16), None)
    """
    if not value or len(value) < 10:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _typed_date(row: Mapping[str, Any]) -> dict[str, Any]:
    return {**row, "date": iso_date(row.get("date")), "date_as_given": row.get("date")}


def _run_article_rows(c: Comparison) -> Iterable[dict[str, Any]]:
    """The article key columns of every article, from the entries kept in memory, with the
    article's story and event when the rewrite analysis ran."""
    stories = c.stories.stories if c.stories is not None else None
    for e in c.entries:
        yield {
            "article_id": e.article_id,
            "outlet": e.outlet,
            "lexicon_hash": e.lexicon_hash,
            "pipeline": e.pipeline,
            "tool_version": e.tool_version,
            "source": e.source,
            "story_id": stories.story_of.get(e.source) if stories else None,
            "event_id": stories.event_of.get(e.source) if stories else None,
        }


def story_rows(c: Comparison) -> Iterator[dict[str, Any]]:
    """One row per story of the comparison's rewrite analysis (none without it)."""
    if c.stories is None:
        return
    meta = {a.source: (a.outlet, a.title, iso_date(a.date)) for a in c.articles}
    for story in c.stories.stories.stories:
        members = [meta[i] for i in story.article_ids if i in meta]
        dates = sorted(d for _, _, d in members if d is not None)
        yield {
            "story_id": story.id,
            "title": next((t for _, t, _ in members if t), None),
            "n_articles": len(story.article_ids),
            "n_events": len(story.events),
            "n_outlets": len({o for o, _, _ in members}),
            "first_date": dates[0] if dates else None,
            "last_date": dates[-1] if dates else None,
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


def _sqlite_foreign_keys(dbapi_connection: Any, _record: Any) -> None:
    """SQLite checks foreign keys only when asked, per connection."""
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.close()


def connect(url: str) -> sa.Engine:
    """An engine for ``url``; a SQLite file's folder is created if needed, and its foreign keys
    are enforced."""
    parsed = database_url(url)
    if parsed.get_backend_name() == "postgresql":
        _require("psycopg", "psycopg 3", "postgres")
    elif parsed.database and parsed.database != ":memory:":
        Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
    import sqlalchemy as sa

    engine = sa.create_engine(parsed)
    if parsed.get_backend_name() == "sqlite":
        sa.event.listen(engine, "connect", _sqlite_foreign_keys)
    return engine


FRAMING_SCHEMA = "framing_schema"


def build_metadata() -> sa.MetaData:
    """Tables, primary and foreign keys and indexes from the table specs; plain types (TEXT,
    INTEGER, FLOAT, DATE, TIMESTAMP) so Datasette and any SQLite client read the file as is."""
    import sqlalchemy as sa

    types: dict[str, Callable[[], sa.types.TypeEngine[Any]]] = {
        "string": sa.Text,
        "integer": sa.Integer,
        "number": sa.Float,
        "boolean": sa.Boolean,
        "date": sa.Date,
        "datetime": lambda: sa.DateTime(timezone=True),
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
            *(
                sa.ForeignKeyConstraint(
                    cols,
                    [f"{target}.{c}" for c in cols],
                    name=f"fk_{spec.name}_{target}",
                )
                for cols, target in table.references
            ),
            *(sa.Index(f"ix_{spec.name}_{'_'.join(cols)}", *cols) for cols in table.indexes),
            comment=spec.description,
        )
    sa.Table(
        FRAMING_SCHEMA,
        metadata,
        sa.Column("version", sa.Integer, primary_key=True, comment="Layout version (DB_VERSION)."),
        sa.Column("schema_version", sa.Text, primary_key=True, comment="Output schema version."),
        sa.Column(
            "views", sa.Text, primary_key=True, comment="Fingerprint of the views' definitions."
        ),
        sa.Column("applied_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("changes", sa.Text, nullable=False, comment="What the migration did."),
        comment="Which layout and schema version this database was migrated to, and when.",
    )
    return metadata


def migrate(bind: sa.Connection) -> sa.MetaData:
    """Bring the database to this layout and schema version, recording what was done.

    Idempotent: an up-to-date database is only inspected. Tables and indexes missing are
    created; columns missing from existing tables are added when they may be empty (a newer
    metric: old rows keep NULL); a missing column that may not be empty is refused, since rows
    could not be written into it. Views are rebuilt when the layout, schema or view definitions
    differ from the last recorded.
    """
    import sqlalchemy as sa

    metadata = build_metadata()
    found = sa.inspect(bind)
    existing = set(found.get_table_names())
    changes: list[str] = []
    for table in metadata.sorted_tables:
        if table.name not in existing:
            continue
        have = {col["name"] for col in found.get_columns(table.name)}
        missing = [c for c in table.columns if c.name not in have]
        required = [c.name for c in missing if not c.nullable]
        if required:
            raise ConfigError(
                f"table {table.name!r} lacks column(s) {', '.join(required)} of schema "
                f"{SCHEMA_VERSION}: it was created by another framing version; write to a new "
                "database"
            )
        for col in missing:
            kind = col.type.compile(dialect=bind.dialect)
            bind.execute(
                sa.text(
                    f"ALTER TABLE {_quote(bind, table.name)} "
                    f"ADD COLUMN {_quote(bind, col.name)} {kind}"
                )
            )
            changes.append(f"added {table.name}.{col.name}")
        if table.name == "articles" and "date_as_given" not in have:
            _typed_dates_from_v1(bind)
            changes.append("articles.date typed, the value as given kept in date_as_given")
    created = [t.name for t in metadata.sorted_tables if t.name not in existing]
    metadata.create_all(bind)
    if created:
        changes.append(f"created {', '.join(created)}")
    record = metadata.tables[FRAMING_SCHEMA]
    fingerprint = views_fingerprint(bind.dialect.name)
    done = bind.execute(
        sa.select(sa.func.count())
        .select_from(record)
        .where(
            record.c.version == DB_VERSION,
            record.c.schema_version == SCHEMA_VERSION,
            record.c.views == fingerprint,
        )
    ).scalar_one()
    if not done or changes or set(VIEWS) - set(sa.inspect(bind).get_view_names()):
        create_views(bind)
        changes.append(f"views {', '.join(VIEWS)}")
        if not done:
            bind.execute(
                record.insert().values(
                    version=DB_VERSION,
                    schema_version=SCHEMA_VERSION,
                    views=fingerprint,
                    applied_at=datetime.now(UTC),
                    changes="; ".join(changes),
                )
            )
    return metadata


def _typed_dates_from_v1(bind: sa.Connection) -> None:
    """Layout 1 stored dates as given, as text: keep that in ``date_as_given`` and leave in
    ``date`` only ISO dates, typed where the database has types."""
    import sqlalchemy as sa

    bind.execute(sa.text("UPDATE articles SET date_as_given = date"))
    if bind.dialect.name == "postgresql":
        for table, col, kind in (
            ("articles", "date", "DATE"),
            ("runs", "created_at", "TIMESTAMPTZ"),
        ):
            bind.execute(
                sa.text(
                    f"ALTER TABLE {table} ALTER COLUMN {col} TYPE {kind} USING CASE WHEN "
                    f"{col} ~ '^\\d{{4}}-\\d{{2}}-\\d{{2}}' THEN CAST({col} AS {kind}) END"
                )
            )
    else:
        bind.execute(
            sa.text(
                "UPDATE articles SET date = substr(date, 1, 10) WHERE date GLOB "
                "'[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]*' AND date(substr(date, 1, 10)) "
                "IS NOT NULL"
            )
        )
        bind.execute(
            sa.text("UPDATE articles SET date = NULL WHERE date IS NOT NULL AND date(date) IS NULL")
        )


def create_schema(bind: sa.Engine | sa.Connection) -> sa.MetaData:
    """:func:`migrate` in a transaction of its own when given an engine."""
    import sqlalchemy as sa

    if isinstance(bind, sa.Engine):
        with bind.begin() as conn:
            return migrate(conn)
    return migrate(bind)


def _quote(bind: sa.Connection, name: str) -> str:
    return str(bind.dialect.identifier_preparer.quote(name))


# --------------------------------------------------------------------------- views

#: View name -> what it holds (docs/tables.md documents each; the dashboard shows these).
VIEWS: dict[str, str] = {
    "article_scores": "The latest score of each article per lexicon version: one row per "
    "article, outlet and lexicon hash, from the run written last that scored it, with its "
    "story and event in that run. Count articles here, never in `articles`.",
    "outlet_metrics": "Outlet × metric, wide: articles and the mean of every metric per outlet "
    "and lexicon version, over `article_scores` (so no article counts twice).",
    "outlet_week_metrics": "Outlet × week × metric, long: articles with a date, the week they "
    "fall in (its Monday) and the mean of each metric.",
    "story_coverage": "Story × outlet: which outlet covered which story, in the latest run "
    "that grouped articles into stories, with articles, events and dates.",
    "reference_deltas": "The latest run's outlet summaries: each outlet's mean, 95 % CI and "
    "difference from the reference outlet, per metric, with the outlet's CI shifted onto the "
    "difference (the reference's own uncertainty is not in it); CIs only from 3 articles up, "
    "too_few_articles = 1 below.",
}

MIN_N = MIN_ARTICLES_FOR_CI


def view_sql(name: str, dialect: str) -> str:
    """The ``SELECT`` of one view for ``dialect`` (``sqlite`` or ``postgresql``)."""
    q = '"{}"'.format
    key_join = " AND ".join(f"a.{k} = ra.{k}" for k in ARTICLE_KEY)
    if name == "article_scores":
        cols = [c.name for c in sql_articles().columns]
        return (
            "SELECT ra.run_id, r.created_at AS scored_at, ra.source AS run_source, "
            "ra.story_id, ra.event_id, "
            + ", ".join(f"a.{q(c)}" for c in cols)
            + " FROM (SELECT ra.*, ROW_NUMBER() OVER (PARTITION BY ra.article_id, ra.outlet, "
            "ra.lexicon_hash ORDER BY r.created_at DESC, r.run_id DESC) AS latest "
            "FROM run_articles ra JOIN runs r ON r.run_id = ra.run_id) ra "
            "JOIN runs r ON r.run_id = ra.run_id "
            f"JOIN articles a ON {key_join} WHERE ra.latest = 1"
        )
    if name == "outlet_metrics":
        means = ", ".join(f"AVG(s.{q(m.name)}) AS {q(m.name)}" for m in metric_columns())
        return (
            "SELECT s.outlet, s.lexicon_hash, COUNT(*) AS n_articles, "
            f"MIN(s.date) AS first_date, MAX(s.date) AS last_date, {means} "
            "FROM article_scores s GROUP BY s.outlet, s.lexicon_hash"
        )
    if name == "outlet_week_metrics":
        week = (
            "date(s.date, 'weekday 0', '-6 days')"
            if dialect == "sqlite"
            else "CAST(date_trunc('week', s.date) AS DATE)"
        )
        return (
            f"SELECT s.outlet, s.lexicon_hash, {week} AS week, m.metric, m.unit, "
            "COUNT(m.value) AS n_articles, AVG(m.value) AS mean "
            "FROM article_scores s JOIN metrics m ON "
            + " AND ".join(f"m.{k} = s.{k}" for k in ARTICLE_KEY)
            + f" WHERE s.date IS NOT NULL GROUP BY s.outlet, s.lexicon_hash, {week}, m.metric, "
            "m.unit"
        )
    if name == "story_coverage":
        return (
            "SELECT ra.run_id, ra.story_id, st.title AS story_title, ra.outlet, "
            "COUNT(*) AS n_articles, COUNT(DISTINCT ra.event_id) AS n_events, "
            "MIN(a.date) AS first_date, MAX(a.date) AS last_date "
            f"FROM run_articles ra JOIN articles a ON {key_join} "
            "JOIN stories st ON st.run_id = ra.run_id AND st.story_id = ra.story_id "
            "WHERE ra.run_id = (SELECT s.run_id FROM stories s JOIN runs r ON r.run_id = "
            "s.run_id ORDER BY r.created_at DESC, r.run_id DESC LIMIT 1) "
            "GROUP BY ra.run_id, ra.story_id, st.title, ra.outlet"
        )
    if name == "reference_deltas":
        return (
            "SELECT o.run_id, o.outlet, o.metric, o.reference, o.n, o.mean, "
            f"CASE WHEN o.n >= {MIN_N} THEN o.ci_low END AS ci_low, "
            f"CASE WHEN o.n >= {MIN_N} THEN o.ci_high END AS ci_high, "
            "o.delta, o.delta_relative, "
            f"CASE WHEN o.n >= {MIN_N} THEN o.ci_low - o.mean + o.delta END AS delta_ci_low, "
            f"CASE WHEN o.n >= {MIN_N} THEN o.ci_high - o.mean + o.delta END AS delta_ci_high, "
            f"CASE WHEN o.n < {MIN_N} THEN 1 ELSE 0 END AS too_few_articles "
            "FROM outlet_summaries o WHERE o.run_id = (SELECT r.run_id FROM runs r "
            "ORDER BY r.created_at DESC, r.run_id DESC LIMIT 1)"
        )
    raise ValueError(f"no view {name!r}; views: {', '.join(VIEWS)}")


def views_fingerprint(dialect: str) -> str:
    """16 hex digits that change whenever a view's definition does."""
    blob = "\n".join(f"{name}: {view_sql(name, dialect)}" for name in VIEWS)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()[:16]


def create_views(bind: sa.Connection) -> None:
    """Drop and create every view (in dependency order)."""
    import sqlalchemy as sa

    dialect = bind.dialect.name
    for name in reversed(VIEWS):
        bind.execute(sa.text(f"DROP VIEW IF EXISTS {_quote(bind, name)}"))
    for name in VIEWS:
        bind.execute(sa.text(f"CREATE VIEW {_quote(bind, name)} AS {view_sql(name, dialect)}"))


# --------------------------------------------------------------------------- runs


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
        "created_at": datetime.now(UTC),
        "schema_version": SCHEMA_VERSION,
        **_scoring(c),
        "reference": c.reference,
        "n_articles": len(c.articles),
        "n_failures": len(c.failures),
        "metrics": ",".join(c.metrics),
    }


def write_database(comparison: Comparison, url: str) -> dict[str, int]:
    """Write a comparison into the database at ``url``, in one transaction; returns the rows
    added per table (all 0 when the same comparison was written before).

    >>> write_database(c, "postgresql://framing@localhost:5432/news")  # doctest: +SKIP
    {'runs': 1, 'stories': 2, 'articles': 5, 'run_articles': 5, 'metrics': 220, ...}
    """
    engine = connect(url)
    from sqlalchemy.dialects import postgresql, sqlite
    from sqlalchemy.exc import OperationalError

    rid = run_id(comparison)
    added: dict[str, int] = {}
    try:
        with engine.begin() as conn:
            metadata = migrate(conn)
            dialect = postgresql if conn.dialect.name == "postgresql" else sqlite
            for table in sql_tables():
                target = metadata.tables[table.spec.name]
                key = list(table.spec.primary_key)
                stmt = dialect.insert(target).on_conflict_do_nothing(index_elements=key)
                added[target.name] = 0
                rows = iter(table.rows(comparison, rid))
                names = table.spec.names
                keyed = keyed_columns(table.spec.primary_key, table.indexes)
                size = min(BATCH, max(1, BATCH_CELLS // len(names)))
                # in batches, so a large comparison is never one list of rows in memory
                while batch := [
                    {k: sql_value(r.get(k), keyed=k in keyed) for k in names}
                    for r in islice(rows, size)
                ]:
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
