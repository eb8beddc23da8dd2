"""The SQL sink, against SQLite and a real PostgreSQL server: one row per item of the
comparison, nothing new on a second write, a new lexicon beside the old, NaN stored as NULL,
values only ever sent as parameters."""

from __future__ import annotations

import contextlib
import math
import socket
import sqlite3
import sys
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.exc import IntegrityError

from framing.comparison import Comparison
from framing.errors import ConfigError, ResourceMissingError
from framing.export.sql import (
    DB_VERSION,
    VIEWS,
    connect,
    create_schema,
    database_url,
    run_id,
    write_database,
)
from framing.schema import SCHEMA_VERSION
from tests.export.conftest import HOSTILE_OUTLET, HOSTILE_TITLE

TABLES = (
    "runs",
    "stories",
    "run_articles",
    "articles",
    "metrics",
    "evidence",
    "outlet_summaries",
    "pairs",
    "changes",
    "conflicts",
    "outlet_frames",
    "frame_probabilities",
)

INDEXES = {
    ("ix_articles_outlet", "articles"),
    ("ix_articles_date", "articles"),
    ("ix_run_articles_story_id", "run_articles"),
    ("ix_metrics_metric_outlet", "metrics"),
    ("ix_evidence_family_category", "evidence"),
    ("ix_outlet_summaries_metric", "outlet_summaries"),
    ("ix_pairs_kind", "pairs"),
    ("ix_changes_kind_change", "changes"),
    ("ix_outlet_frames_frame", "outlet_frames"),
    ("ix_frame_probabilities_frame_outlet", "frame_probabilities"),
}


def query(url: str, sql: str) -> list[tuple[Any, ...]]:
    """Rows read back without SQLAlchemy: with sqlite3 (as Datasette does) or psycopg."""
    if url.startswith("sqlite:///"):
        with contextlib.closing(sqlite3.connect(url.removeprefix("sqlite:///"))) as conn:
            return conn.execute(sql).fetchall()
    import psycopg

    with psycopg.connect(url.replace("postgresql+psycopg://", "postgresql://")) as conn:
        return conn.execute(sql).fetchall()


def counts(url: str) -> dict[str, int]:
    return {t: query(url, f"SELECT count(*) FROM {t}")[0][0] for t in TABLES}


def expected(c: Comparison) -> dict[str, int]:
    return {
        "runs": 1,
        "stories": len(c.stories.stories.stories) if c.stories else 0,
        "run_articles": len(c.articles),
        "articles": len(c.articles),
        # registry metrics, plus count and rate for each user-lexicon category
        "metrics": sum(len(c.metrics) + 2 * len(a.score.custom) for a in c.articles),
        "evidence": sum(len(a.score.evidence) for a in c.articles),
        "outlet_summaries": len(c.outlets),
        "pairs": len(c.stories.edges) if c.stories else 0,
        "changes": sum(len(d.changes) for d in c.stories.diffs.values()) if c.stories else 0,
        "conflicts": sum(len(x.claims) for x in c.stories.conflicts) if c.stories else 0,
        # frame-model tables: filled with --model only (tests/learn/test_apply.py)
        "outlet_frames": len(c.outlet_frames),
        "frame_probabilities": sum(len(a.score.model_frames.get("frames", ())) for a in c.articles),
    }


def same(stored: Any, scored: float | int | None) -> bool:
    """No data (NaN or None) is NULL; every other value comes back exactly."""
    if scored is None or (isinstance(scored, float) and math.isnan(scored)):
        return stored is None
    return bool(stored == scored) and type(stored) is type(scored)


# --------------------------------------------------------------------------- rows


def test_every_table_gets_one_row_per_item_of_the_comparison(
    db_url: str, seeds_comparison: Comparison
) -> None:
    added = write_database(seeds_comparison, db_url)

    assert added == expected(seeds_comparison) == counts(db_url)
    assert added["articles"] == 5
    assert added["metrics"] == 5 * len(seeds_comparison.metrics)
    assert added["evidence"] > 300


def test_writing_the_same_comparison_again_adds_nothing(
    db_url: str, seeds_comparison: Comparison
) -> None:
    write_database(seeds_comparison, db_url)
    before, created = counts(db_url), query(db_url, "SELECT created_at FROM runs")

    assert write_database(seeds_comparison, db_url) == dict.fromkeys(TABLES, 0)
    assert counts(db_url) == before
    assert query(db_url, "SELECT created_at FROM runs") == created


def test_a_new_lexicon_version_adds_rows_beside_the_old(
    db_url: str, seeds_comparison: Comparison, user_lexicon_comparison: Comparison
) -> None:
    old, new = seeds_comparison, user_lexicon_comparison
    old_hash, new_hash = old.articles[0].score.lexicon_hash, new.articles[0].score.lexicon_hash
    assert old_hash != new_hash
    write_database(old, db_url)

    added = write_database(new, db_url)

    assert added == expected(new)
    assert counts(db_url) == {t: expected(old)[t] + expected(new)[t] for t in TABLES}
    by_hash = query(db_url, "SELECT lexicon_hash, count(*) FROM articles GROUP BY lexicon_hash")
    assert dict(by_hash) == {old_hash: 5, new_hash: 5}
    runs = query(db_url, "SELECT lexicon_hash FROM runs")
    assert sorted(r[0] for r in runs) == sorted([old_hash, new_hash])


def test_values_read_back_equal_the_scores(db_url: str, seeds_comparison: Comparison) -> None:
    c = seeds_comparison
    write_database(c, db_url)
    columns = ", ".join(c.metrics)
    wide = {r[0]: r[1:] for r in query(db_url, f"SELECT article_id, {columns} FROM articles")}
    long = {
        (r[0], r[1]): r[2] for r in query(db_url, "SELECT article_id, metric, value FROM metrics")
    }

    for a in c.articles:
        for name, stored in zip(c.metrics, wide[a.article_id], strict=True):
            assert same(stored, a.score.metrics[name]), (a.article_id, name, stored)
            assert same(long[(a.article_id, name)], float(a.score.metrics[name])), name


def test_run_articles_are_the_key_columns_of_the_articles_compared(
    db_url: str, seeds_comparison: Comparison
) -> None:
    c = seeds_comparison
    write_database(c, db_url)
    rows = query(
        db_url,
        "SELECT run_id, article_id, outlet, lexicon_hash, pipeline, tool_version FROM run_articles",
    )
    keys = ("article_id", "outlet", "lexicon_hash", "pipeline", "tool_version")
    articles = [a.row() for a in c.articles]
    assert sorted(rows) == sorted((run_id(c), *(r[k] for k in keys)) for r in articles)


def test_outlet_summaries_read_back_with_their_run(
    db_url: str, seeds_comparison: Comparison
) -> None:
    c = seeds_comparison
    write_database(c, db_url)
    rows = query(
        db_url, "SELECT run_id, outlet, metric, n, mean, sd, delta, rank FROM outlet_summaries"
    )
    stored = {(r[1], r[2]): r for r in rows}

    assert {r[0] for r in rows} == {run_id(c)}
    for row in c.outlets:
        got = stored[(row["outlet"], row["metric"])]
        for value, key in zip(got[3:], ("n", "mean", "sd", "delta", "rank"), strict=True):
            assert same(value, row[key]), (row["outlet"], row["metric"], key)


def test_evidence_rows_are_the_matches_in_order(db_url: str, seeds_comparison: Comparison) -> None:
    a = seeds_comparison.articles[0]
    write_database(seeds_comparison, db_url)
    rows = query(
        db_url,
        'SELECT seq, family, category, text, start, "end", sentence, note '
        f"FROM evidence WHERE article_id = '{a.article_id}' ORDER BY seq",
    )

    assert [r[1:] for r in rows] == [
        (e.family, e.category, e.text, e.start, e.end, e.sentence, e.note) for e in a.score.evidence
    ]
    assert [r[0] for r in rows] == list(range(len(a.score.evidence)))


def test_no_data_is_stored_as_null_never_nan(db_url: str, seeds_comparison: Comparison) -> None:
    a = seeds_comparison.articles[0]
    empty = replace(a, score=replace(a.score, metrics={**a.score.metrics, "tone_mean": math.nan}))
    summary = {**seeds_comparison.outlets[0], "mean": math.nan}
    assert summary["sd"] is None  # one article: no spread
    c = replace(seeds_comparison, articles=[empty], outlets=[summary])

    write_database(c, db_url)

    assert query(db_url, "SELECT tone_mean FROM articles") == [(None,)]
    assert query(db_url, "SELECT value FROM metrics WHERE metric = 'tone_mean'") == [(None,)]
    assert query(db_url, "SELECT mean, sd FROM outlet_summaries") == [(None, None)]


def test_hostile_text_round_trips_as_text(db_url: str, hostile_comparison: Comparison) -> None:
    write_database(hostile_comparison, db_url)

    assert query(db_url, "SELECT title, outlet FROM articles") == [(HOSTILE_TITLE, HOSTILE_OUTLET)]
    assert {r[0] for r in query(db_url, "SELECT outlet FROM outlet_summaries")} == {HOSTILE_OUTLET}
    assert counts(db_url) == expected(hostile_comparison)


def test_a_failed_write_leaves_the_database_as_it_was(
    db_url: str, seeds_comparison: Comparison, user_lexicon_comparison: Comparison
) -> None:
    write_database(seeds_comparison, db_url)
    last = user_lexicon_comparison.articles[-1]
    broken = replace(last.score.evidence[-1], text=None)  # type: ignore[arg-type]  # NOT NULL
    evidence = (*last.score.evidence[:-1], broken)
    bad = replace(last, score=replace(last.score, evidence=evidence))
    c = replace(user_lexicon_comparison, articles=[*user_lexicon_comparison.articles[:-1], bad])

    with pytest.raises(IntegrityError):
        write_database(c, db_url)
    assert counts(db_url) == expected(seeds_comparison)


# --------------------------------------------------------------------------- runs


def test_the_run_row_says_what_was_compared(db_url: str, seeds_comparison: Comparison) -> None:
    c = seeds_comparison
    write_database(c, db_url)
    (row,) = query(
        db_url,
        "SELECT run_id, created_at, tool_version, schema_version, "
        "lexicon_hash, pipeline, reference, n_articles, n_failures, metrics "
        "FROM runs",
    )
    score = c.articles[0].score

    assert row[0] == run_id(c)
    # a typed timestamp: PostgreSQL returns it with its zone, SQLite as UTC text without one
    created = row[1] if isinstance(row[1], datetime) else datetime.fromisoformat(row[1])
    assert created.utcoffset() in (None, UTC.utcoffset(None))
    created = created.replace(tzinfo=UTC)
    assert abs((datetime.now(UTC) - created).total_seconds()) < 600
    assert row[2:] == (
        score.tool_version,
        SCHEMA_VERSION,
        score.lexicon_hash,
        score.pipeline_label,
        "The Korea Times",
        5,
        0,
        ",".join(c.metrics),
    )
    members = query(db_url, "SELECT article_id, outlet FROM run_articles")
    assert sorted(members) == sorted((a.article_id, a.outlet) for a in c.articles)


def test_the_run_id_changes_only_with_what_the_summaries_depend_on(
    seeds_comparison: Comparison, user_lexicon_comparison: Comparison
) -> None:
    c = seeds_comparison
    moved = replace(c.articles[0], outlet="Elsewhere")

    assert run_id(c) == run_id(replace(c, metrics=list(reversed(c.metrics))))
    assert run_id(c) == run_id(replace(c, articles=list(reversed(c.articles))))
    assert run_id(c) != run_id(replace(c, reference="Aggregator A"))
    assert run_id(c) != run_id(replace(c, metrics=c.metrics[:3]))
    assert run_id(c) != run_id(replace(c, articles=c.articles[1:]))
    assert run_id(c) != run_id(replace(c, articles=[moved, *c.articles[1:]]))
    assert run_id(c) != run_id(user_lexicon_comparison)


# --------------------------------------------------------------------------- schema


def test_create_schema_is_idempotent(db_url: str) -> None:
    engine = connect(db_url)
    try:
        first = create_schema(engine)
        second = create_schema(engine)
    finally:
        engine.dispose()

    assert sorted(first.tables) == sorted(second.tables) == sorted([*TABLES, "framing_schema"])
    assert counts(db_url) == dict.fromkeys(TABLES, 0)
    assert query(db_url, "SELECT version, schema_version FROM framing_schema") == [
        (DB_VERSION, SCHEMA_VERSION)
    ]


def test_dashboard_indexes_exist(db_url: str, seeds_comparison: Comparison) -> None:
    write_database(seeds_comparison, db_url)
    sql = (
        "SELECT name, tbl_name FROM sqlite_master WHERE type = 'index' AND name LIKE 'ix_%'"
        if db_url.startswith("sqlite")
        else "SELECT indexname, tablename FROM pg_indexes WHERE indexname LIKE 'ix_%'"
    )
    assert set(query(db_url, sql)) == INDEXES


PRIMARY_KEY = {
    "sqlite": "SELECT name FROM pragma_table_info('{t}') WHERE pk > 0 ORDER BY pk",
    "postgresql": "SELECT a.attname FROM pg_index i JOIN pg_attribute a "
    "ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey) "
    "WHERE i.indrelid = '{t}'::regclass AND i.indisprimary "
    "ORDER BY array_position(i.indkey::int2[], a.attnum)",
}


@pytest.mark.parametrize(
    ("table", "key"),
    [
        ("articles", ("article_id", "outlet", "lexicon_hash", "pipeline", "tool_version")),
        ("metrics", ("article_id", "outlet", "metric", "lexicon_hash", "pipeline", "tool_version")),
        ("evidence", ("article_id", "outlet", "seq", "lexicon_hash", "pipeline", "tool_version")),
        ("outlet_summaries", ("run_id", "outlet", "metric")),
        ("runs", ("run_id",)),
        (
            "run_articles",
            ("run_id", "article_id", "outlet", "lexicon_hash", "pipeline", "tool_version"),
        ),
    ],
)
def test_primary_keys(db_url: str, table: str, key: tuple[str, ...]) -> None:
    engine = connect(db_url)
    try:
        create_schema(engine)
    finally:
        engine.dispose()
    dialect = "sqlite" if db_url.startswith("sqlite") else "postgresql"

    assert tuple(r[0] for r in query(db_url, PRIMARY_KEY[dialect].format(t=table))) == key


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_the_sqlite_file_has_only_plain_types(db_url: str, seeds_comparison: Comparison) -> None:
    write_database(seeds_comparison, db_url)
    types = {
        r[0] for t in TABLES for r in query(db_url, f"SELECT type FROM pragma_table_info('{t}')")
    }
    assert types == {"TEXT", "INTEGER", "FLOAT", "DATE", "DATETIME"}


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_evidence_by_article_uses_the_primary_key_index(
    db_url: str, seeds_comparison: Comparison
) -> None:
    """Why there is no separate evidence(article_id) index."""
    write_database(seeds_comparison, db_url)
    plan = query(db_url, "EXPLAIN QUERY PLAN SELECT * FROM evidence WHERE article_id = 'x'")
    assert "sqlite_autoindex_evidence_1" in plan[0][-1]


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_a_database_from_another_schema_is_refused(
    db_url: str, seeds_comparison: Comparison
) -> None:
    path = db_url.removeprefix("sqlite:///")
    write_database(seeds_comparison, db_url)
    with contextlib.closing(sqlite3.connect(path)) as conn:
        for view in reversed(VIEWS):
            conn.execute(f"DROP VIEW {view}")
        conn.execute("ALTER TABLE articles DROP COLUMN content_hash")

    with pytest.raises(ConfigError, match=r"'articles' lacks column\(s\) content_hash"):
        write_database(seeds_comparison, db_url)


# --------------------------------------------------------------------------- URLs and extras


@pytest.mark.parametrize("db_url", ["postgresql"], indirect=True)
def test_a_bare_postgresql_url_uses_psycopg_3(db_url: str, seeds_comparison: Comparison) -> None:
    bare = db_url.replace("postgresql+psycopg://", "postgresql://")

    assert write_database(seeds_comparison, bare) == expected(seeds_comparison)


@pytest.mark.parametrize(
    ("url", "driver"),
    [
        ("postgresql://framing@localhost:5432/news", "postgresql+psycopg"),
        ("postgres://framing@localhost/news", "postgresql+psycopg"),
        ("postgresql+psycopg://framing@localhost/news", "postgresql+psycopg"),
        ("sqlite:///out/framing.sqlite", "sqlite"),
    ],
)
def test_database_urls(url: str, driver: str) -> None:
    assert database_url(url).drivername == driver


@pytest.mark.parametrize(
    "url", ["mysql://framing@localhost/news", "postgresql+psycopg2://x@h/db", "out/db.sqlite"]
)
def test_other_databases_are_refused_with_the_valid_forms(url: str) -> None:
    with pytest.raises(ConfigError, match=r"use sqlite:///PATH\.sqlite or postgresql://"):
        database_url(url)


def test_an_unreachable_server_is_a_one_line_error_without_the_password(
    seeds_comparison: Comparison,
) -> None:
    with socket.socket() as s:  # a port nothing listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    url = f"postgresql://framing:s3cret@127.0.0.1:{port}/news"

    with pytest.raises(ConfigError) as info:
        write_database(seeds_comparison, url)
    message = str(info.value)
    assert message.startswith(
        f"cannot write to database postgresql+psycopg://framing:***@127.0.0.1:{port}/news: "
    )
    assert "s3cret" not in message and "\n" not in message


def test_a_missing_driver_names_the_extra_to_install(
    monkeypatch: pytest.MonkeyPatch, seeds_comparison: Comparison, tmp_path: Path
) -> None:
    monkeypatch.setitem(sys.modules, "psycopg", None)
    with pytest.raises(ResourceMissingError, match=r"psycopg 3.*framing-toolkit\[postgres\]"):
        write_database(seeds_comparison, "postgresql://framing@127.0.0.1:1/news")

    monkeypatch.setitem(sys.modules, "sqlalchemy", None)
    with pytest.raises(ResourceMissingError, match=r"SQLAlchemy 2.*framing-toolkit\[postgres\]"):
        write_database(seeds_comparison, f"sqlite:///{tmp_path / 'never.sqlite'}")


def test_wide_tables_are_inserted_in_smaller_batches_with_the_same_rows(
    seeds_comparison: Comparison, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # issue #6: batches are bounded in cells, so the wide articles table holds fewer rows at a
    # time; what the database holds does not depend on how the rows were batched
    from framing.export import sql

    write_database(seeds_comparison, f"sqlite:///{tmp_path / 'default.sqlite'}")
    monkeypatch.setattr(sql, "BATCH_CELLS", 1)  # one row per INSERT round
    added = write_database(seeds_comparison, f"sqlite:///{tmp_path / 'rows.sqlite'}")
    assert added["articles"] == 5
    dumps = []
    for name in ("default.sqlite", "rows.sqlite"):
        with contextlib.closing(sqlite3.connect(tmp_path / name)) as db:
            # the run's created_at is the wall-clock second of each write: the one cell that
            # may differ between the two databases
            db.execute("UPDATE runs SET created_at = ''")
            db.execute("UPDATE framing_schema SET applied_at = ''")
            # sorted: iterdump lists indexes in no fixed order
            dumps.append(sorted(db.iterdump()))
    assert dumps[0] == dumps[1] and len(dumps[0]) > 100
