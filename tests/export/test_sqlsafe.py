"""Values made safe for each database (issue #20, finding 9): a NUL character or a 3 kB outlet
or date no longer loses every row of the run in PostgreSQL."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from framing.api import compare
from framing.export.sql import connect, write_database
from framing.export.sqlsafe import KEY_BYTES, shorten, sql_value

TEXT = "Officials said on Monday that {n} families had been displaced near the border."


def test_nul_becomes_the_replacement_character_and_floats_without_data_null() -> None:
    assert sql_value("Wire\x00Service", keyed=True) == "Wire\ufffdService"
    assert sql_value(float("nan"), keyed=False) is None
    assert sql_value(float("inf"), keyed=False) is None
    assert sql_value(3, keyed=True) == 3 and sql_value(None, keyed=True) is None


def test_only_long_keys_are_shortened_and_distinct_ones_stay_distinct() -> None:
    long_a, long_b = "é" * 3000 + "a", "é" * 3000 + "b"
    assert sql_value(long_a, keyed=False) == long_a  # a plain column keeps it whole
    a, b = sql_value(long_a, keyed=True), sql_value(long_b, keyed=True)
    assert a != b and len(a.encode()) <= KEY_BYTES and len(b.encode()) <= KEY_BYTES
    assert a.startswith("é" * 50) and shorten(long_a) == a  # readable and repeatable
    exactly = "x" * KEY_BYTES
    assert sql_value(exactly, keyed=True) == exactly


@pytest.mark.parametrize("db_url", ["sqlite", "postgresql"], indirect=True)
def test_nul_and_3kb_keys_are_stored_with_every_other_row(db_url: str, tmp_path: Path) -> None:
    import sqlalchemy as sa

    records = [
        {"id": "nul", "outlet": "Wire\u0000Service", "title": "a\u0000b", "text": TEXT.format(n=1)},
        {"id": "long", "outlet": "O" * 3000, "date": "2025-05-16" + " " * 2990 + "x",
         "text": TEXT.format(n=2)},
        {"id": "plain", "outlet": "Daily", "text": TEXT.format(n=3)},
    ]  # fmt: skip
    feed = tmp_path / "feed.jsonl"
    feed.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    c = compare([str(feed)], spacy_model="blank")
    assert len(c.articles) == 3
    added = write_database(c, db_url)
    assert added["articles"] == 3 and added["run_articles"] == 3
    assert write_database(c, db_url)["articles"] == 0  # the same keys again: nothing new
    engine = connect(db_url)
    try:
        with engine.connect() as conn:
            got = dict(conn.execute(sa.text("SELECT article_id, outlet FROM articles")).all())
    finally:
        engine.dispose()
    outlets = sorted(got.values(), key=len)
    assert outlets[0] == "Daily" and outlets[1] == "Wire\ufffdService"
    assert outlets[2].startswith("OOOO") and len(outlets[2].encode()) <= KEY_BYTES
