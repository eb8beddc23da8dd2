"""The database as dashboards read it: views that count every article once, typed dates,
foreign keys, stories, and migrations that bring an older database up to date; SQLite and
PostgreSQL alike."""

from __future__ import annotations

import contextlib
import sqlite3
from dataclasses import replace
from datetime import date

import pytest
import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

from framing.comparison import Comparison, summarize
from framing.export.sql import DB_VERSION, VIEWS, connect, iso_date, write_database
from framing.schema import SCHEMA_VERSION
from tests.export.test_sql import query


def with_pipeline(c: Comparison, name: str) -> Comparison:
    """The same comparison as if scored with another spaCy pipeline."""
    arts = [
        replace(a, score=replace(a.score, pipeline={**a.score.pipeline, "name": name}))
        for a in c.articles
    ]
    return replace(c, articles=arts, outlets=summarize(arts, c.metrics, c.reference))


def per_outlet(url: str, view: str, column: str = "n_articles") -> dict[str, int]:
    return dict(query(url, f"SELECT outlet, {column} FROM {view} ORDER BY outlet"))  # type: ignore[arg-type]


SEED_OUTLETS = {"Aggregator A": 1, "Aggregator B": 1, "Aggregator C": 2, "The Korea Times": 1}


def test_every_view_returns_rows_on_the_seeds(db_url: str, seeds_comparison: Comparison) -> None:
    write_database(seeds_comparison, db_url)

    for view in VIEWS:
        assert query(db_url, f"SELECT count(*) FROM {view}")[0][0] > 0, view
    assert per_outlet(db_url, "outlet_metrics") == SEED_OUTLETS
    assert per_outlet(db_url, "story_coverage") == SEED_OUTLETS


def test_counts_per_outlet_stay_right_after_a_second_run_with_another_pipeline(
    db_url: str, seeds_comparison: Comparison
) -> None:
    write_database(seeds_comparison, db_url)
    other = with_pipeline(seeds_comparison, "en_core_web_sm")
    assert write_database(other, db_url)["articles"] == 5  # the articles table holds both

    assert query(db_url, "SELECT count(*) FROM articles")[0][0] == 10
    assert query(db_url, "SELECT count(*) FROM article_scores")[0][0] == 5
    assert per_outlet(db_url, "outlet_metrics") == SEED_OUTLETS
    # the latest run's scores are the ones shown
    pipelines = {r[0] for r in query(db_url, "SELECT pipeline FROM article_scores")}
    assert pipelines == {other.articles[0].score.pipeline_label}
    weekly = query(
        db_url, "SELECT outlet, n_articles FROM outlet_week_metrics WHERE metric = 'words'"
    )
    assert weekly == [("Aggregator A", 1)]  # the one seed with a date
    assert {r[0] for r in query(db_url, "SELECT run_id FROM reference_deltas")} == {
        query(db_url, "SELECT run_id FROM runs ORDER BY created_at DESC LIMIT 1")[0][0]
    }


def test_identical_texts_of_one_outlet_count_once(
    db_url: str, seeds_comparison: Comparison
) -> None:
    c = seeds_comparison
    twice = replace(c, articles=[*c.articles, c.articles[0]])

    write_database(twice, db_url)

    assert per_outlet(db_url, "outlet_metrics") == SEED_OUTLETS


def test_outlet_means_are_the_means_of_the_articles(
    db_url: str, seeds_comparison: Comparison
) -> None:
    write_database(seeds_comparison, db_url)
    stored = per_outlet(db_url, "outlet_metrics", "words")

    for row in seeds_comparison.outlets:
        if row["metric"] == "words":
            assert stored[row["outlet"]] == pytest.approx(row["mean"])


def test_a_new_lexicon_version_is_a_second_row_per_outlet_not_a_double_count(
    db_url: str, seeds_comparison: Comparison, user_lexicon_comparison: Comparison
) -> None:
    write_database(seeds_comparison, db_url)
    write_database(user_lexicon_comparison, db_url)

    rows = query(db_url, "SELECT outlet, lexicon_hash, n_articles FROM outlet_metrics")
    assert len(rows) == 8
    assert {r[1] for r in rows} == {
        seeds_comparison.articles[0].score.lexicon_hash,
        user_lexicon_comparison.articles[0].score.lexicon_hash,
    }
    assert sum(r[2] for r in rows) == 10


def test_stories_and_events_are_recorded_per_run(db_url: str, seeds_comparison: Comparison) -> None:
    c = seeds_comparison
    assert c.stories is not None
    write_database(c, db_url)

    rows = query(db_url, "SELECT source, story_id, event_id FROM run_articles")
    assert {r[0]: (r[1], r[2]) for r in rows} == {
        s: (c.stories.stories.story_of[s], c.stories.stories.event_of[s])
        for s in c.stories.stories.ids
    }
    (story,) = query(db_url, "SELECT story_id, n_articles, n_outlets, first_date FROM stories")
    assert story[:3] == ("story-001", 5, 4)
    assert str(story[3]) == "2025-05-16"


def test_dates_are_typed_and_the_value_as_given_is_kept(
    db_url: str, seeds_comparison: Comparison
) -> None:
    a = seeds_comparison.articles[0]
    odd = replace(seeds_comparison.articles[1], date="16 May 2025")
    write_database(replace(seeds_comparison, articles=[a, odd]), db_url)

    rows = dict(query(db_url, "SELECT date_as_given, date FROM articles"))  # type: ignore[arg-type]
    assert str(rows["2025-05-16"]) == "2025-05-16"
    assert rows["16 May 2025"] is None
    assert iso_date("2025-13-01") is None and iso_date("2025-02-03") == date(2025, 2, 3)


def test_foreign_keys_are_enforced(db_url: str, seeds_comparison: Comparison) -> None:
    write_database(seeds_comparison, db_url)
    engine = connect(db_url)
    try:
        with pytest.raises(IntegrityError), engine.begin() as conn:
            conn.execute(
                sa.text(
                    "INSERT INTO metrics (article_id, outlet, metric, lexicon_hash, pipeline, "
                    "tool_version, schema_version) "
                    "VALUES ('nope', 'x', 'words', 'h', 'p', 't', 's')"
                )
            )
    finally:
        engine.dispose()


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_an_older_database_is_migrated_and_the_migration_recorded(
    db_url: str, seeds_comparison: Comparison
) -> None:
    """The layout before versioning: no stories, no story columns, no views, no record."""
    path = db_url.removeprefix("sqlite:///")
    write_database(seeds_comparison, db_url)
    with contextlib.closing(sqlite3.connect(path)) as conn:
        for view in reversed(VIEWS):
            conn.execute(f"DROP VIEW {view}")
        conn.execute("DROP TABLE framing_schema")
        key = "run_id, article_id, outlet, lexicon_hash, pipeline, tool_version"
        conn.execute(
            "CREATE TABLE old (run_id TEXT NOT NULL, article_id TEXT NOT NULL, outlet TEXT NOT "
            "NULL, lexicon_hash TEXT NOT NULL, pipeline TEXT NOT NULL, tool_version TEXT NOT "
            f"NULL, PRIMARY KEY ({key}))"
        )
        conn.execute(f"INSERT INTO old SELECT {key} FROM run_articles")
        conn.execute("DROP TABLE run_articles")
        conn.execute("ALTER TABLE old RENAME TO run_articles")
        conn.execute("DROP TABLE stories")
        conn.execute("ALTER TABLE articles DROP COLUMN tone_min")  # a metric added since
        conn.commit()

    added = write_database(with_pipeline(seeds_comparison, "other"), db_url)

    assert added["articles"] == 5 and added["stories"] == 1
    ((version, schema, changes),) = query(
        db_url, "SELECT version, schema_version, changes FROM framing_schema"
    )
    assert (version, schema) == (DB_VERSION, SCHEMA_VERSION)
    assert "added run_articles.story_id" in changes and "added articles.tone_min" in changes
    assert "created framing_schema, stories" in changes
    assert query(db_url, "SELECT count(*) FROM articles WHERE date_as_given IS NOT NULL") == [(2,)]
    # old rows keep no data where the layout had no column
    assert query(db_url, "SELECT count(*) FROM articles WHERE tone_min IS NULL")[0][0] == 5
    assert per_outlet(db_url, "outlet_metrics") == SEED_OUTLETS


@pytest.mark.parametrize("db_url", ["postgresql"], indirect=True)
def test_an_older_postgresql_database_gets_typed_dates(
    db_url: str, seeds_comparison: Comparison
) -> None:
    import psycopg

    write_database(seeds_comparison, db_url)
    with psycopg.connect(db_url.replace("postgresql+psycopg://", "postgresql://")) as conn:
        for view in reversed(VIEWS):
            conn.execute(f"DROP VIEW {view}")
        conn.execute("DROP TABLE framing_schema")
        conn.execute("ALTER TABLE articles DROP COLUMN date_as_given")
        conn.execute("ALTER TABLE articles ALTER COLUMN date TYPE TEXT")
        conn.execute("ALTER TABLE runs ALTER COLUMN created_at TYPE TEXT")
        conn.execute("UPDATE articles SET date = 'May 16' WHERE date IS NULL")

    write_database(with_pipeline(seeds_comparison, "other"), db_url)

    types = query(
        db_url,
        "SELECT table_name, data_type FROM information_schema.columns WHERE "
        "(table_name, column_name) IN (('articles', 'date'), ('runs', 'created_at'))",
    )
    assert sorted(types) == [("articles", "date"), ("runs", "timestamp with time zone")]
    given = query(db_url, "SELECT date_as_given, date FROM articles WHERE pipeline LIKE 'blank@%'")
    assert sorted(given, key=str) == sorted(
        [("2025-05-16", date(2025, 5, 16))] + [("May 16", None)] * 4, key=str
    )


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_every_view_column_is_documented(db_url: str, seeds_comparison: Comparison) -> None:
    from framing.export.dashboard import datasette_metadata
    from framing.export.sql import sql_articles

    write_database(seeds_comparison, db_url)
    documented = datasette_metadata("framing")["databases"]["framing"]["tables"]

    for view in VIEWS:
        names = [r[0] for r in query(db_url, f"SELECT name FROM pragma_table_info('{view}')")]
        described = [c for c in documented[view]["columns"] if c != "…"]
        if view == "article_scores":
            described += sql_articles().names
        assert names == described, view
