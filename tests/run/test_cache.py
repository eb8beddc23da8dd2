"""The score cache: a second run scores nothing and writes the same bytes; anything a score
depends on (lexicons, text, metadata) misses; the stored form reads back exactly."""

from __future__ import annotations

import math
import sqlite3
from dataclasses import fields, is_dataclass, replace
from pathlib import Path
from typing import Any

import pytest

from framing.api import compare
from framing.document import Document
from framing.errors import ConfigError
from framing.export.files import write_tables
from framing.ingest import read_path
from framing.run.cache import ScoreCache, decode, encode
from framing.run.local import score_documents
from framing.score import Engine, get_engine
from tests.conftest import SEEDS

LEXICON = """\
[lexicon]
name = "mine"
version = "1.0.0"
description = "Test lexicon."
license = "CC0-1.0"
references = ["none"]

[categories.captivity]
description = "Being held captive."
codebook = "test only"
terms = [{terms}]
"""


def same(a: Any, b: Any, where: str = "score") -> None:
    """Equal values of equal types all the way down (NaN equals NaN)."""
    assert type(a) is type(b), where
    if is_dataclass(a):
        for f in fields(a):
            same(getattr(a, f.name), getattr(b, f.name), f"{where}.{f.name}")
    elif isinstance(a, dict):
        assert list(a) == list(b), where
        for k in a:
            same(a[k], b[k], f"{where}[{k!r}]")
    elif isinstance(a, list | tuple):
        assert len(a) == len(b), where
        for i, (x, y) in enumerate(zip(a, b, strict=True)):
            same(x, y, f"{where}[{i}]")
    elif isinstance(a, float) and math.isnan(a):
        assert math.isnan(b), where
    else:
        assert a == b, where


def test_a_stored_score_reads_back_exactly(blank: Engine) -> None:
    for path in sorted(SEEDS.glob("*.txt")):
        score = blank.score_document(read_path(path)[0])
        same(decode(encode(score)), score)


def test_no_data_stays_nan_through_the_cache(blank: Engine) -> None:
    score = blank.score_document(Document(text="", source="empty.txt"))
    nan = [k for k, v in score.metrics.items() if isinstance(v, float) and math.isnan(v)]
    assert "tone_mean" in nan  # rates, readability and tone of no text have no data
    back = decode(encode(score))
    assert all(math.isnan(back.metrics[k]) for k in nan)


def counting(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Record every article the engine actually scores."""
    calls: list[str] = []
    original = Engine.score_document

    def spy(self: Engine, document: Any) -> Any:
        calls.append(document.source)
        return original(self, document)

    monkeypatch.setattr(Engine, "score_document", spy)
    return calls


def test_a_second_run_scores_nothing_and_writes_the_same_bytes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = counting(monkeypatch)
    db = tmp_path / "cache.sqlite"
    outputs = []
    for run in ("first", "second"):
        calls.clear()
        with ScoreCache(db) as cache:
            c = compare([str(SEEDS)], spacy_model="blank", cache=cache)
            hits, misses = cache.hits, cache.misses
        write_tables(c, tmp_path / run)
        outputs.append({p.name: p.read_bytes() for p in (tmp_path / run).iterdir()})
        if run == "first":
            assert (hits, misses, len(calls)) == (0, 5, 5)
        else:
            assert (hits, misses, calls) == (5, 0, [])
    assert outputs[0] == outputs[1]
    assert len(outputs[0]) == 21


def test_worker_processes_read_the_cache_too(tmp_path: Path) -> None:
    docs = [d for p in sorted(SEEDS.glob("*.txt")) for d in read_path(p)]
    with ScoreCache(tmp_path / "c.sqlite") as cache:
        first = list(score_documents(docs, get_engine("blank"), jobs=2, cache=cache))
        assert (cache.hits, cache.misses, len(cache)) == (0, 5, 5)
    with ScoreCache(tmp_path / "c.sqlite") as cache:
        again = list(score_documents(docs, get_engine("blank"), jobs=2, cache=cache))
        assert (cache.hits, cache.misses) == (5, 0)
    same(again, first)


def test_changing_a_lexicon_misses_every_article(tmp_path: Path) -> None:
    old, new = tmp_path / "old.toml", tmp_path / "new.toml"
    old.write_text(LEXICON.format(terms='"captured"'), encoding="utf-8")
    new.write_text(LEXICON.format(terms='"captured", "soldiers"'), encoding="utf-8")
    docs = [read_path(p)[0] for p in sorted(SEEDS.glob("*.txt"))]
    with ScoreCache(tmp_path / "c.sqlite") as cache:
        list(score_documents(docs, get_engine("blank", (str(old),)), cache=cache))
        list(score_documents(docs, get_engine("blank", (str(old),)), cache=cache))
        assert (cache.hits, cache.misses) == (5, 5)
        scores = list(score_documents(docs, get_engine("blank", (str(new),)), cache=cache))
        assert (cache.hits, cache.misses) == (5, 10)
    assert any(s.custom["mine.captivity"]["count"] for s in scores)


def test_the_key_follows_the_text_and_metadata_but_not_the_file_name(blank: Engine) -> None:
    doc = read_path(SEEDS / "004_d472f51968b70f97.txt")[0]
    key = ScoreCache.key(doc, blank)
    assert ScoreCache.key(replace(doc, source="elsewhere/renamed.txt"), blank) == key
    assert ScoreCache.key(replace(doc, text=doc.text + " "), blank) != key
    retitled = replace(doc, metadata=replace(doc.metadata, title="Another title"))
    assert ScoreCache.key(retitled, blank) != key
    assert ScoreCache.key(doc, get_engine("blank", ())) == key


def test_a_hit_under_another_name_is_the_score_of_that_name(blank: Engine) -> None:
    doc = read_path(SEEDS / "004_d472f51968b70f97.txt")[0]
    moved = replace(doc, source="elsewhere/renamed.txt")
    with ScoreCache(":memory:") as cache:
        cache.put([(cache.key(doc, blank), blank.score_document(doc))])
        hit = cache.get(cache.key(moved, blank), moved)
    assert hit is not None
    same(hit, blank.score_document(moved))


def test_a_file_that_is_not_a_cache_is_a_config_error(tmp_path: Path) -> None:
    bogus = tmp_path / "notes.sqlite"
    bogus.write_text("not a database, just notes\n" * 100, encoding="utf-8")
    with pytest.raises(ConfigError, match="not a usable score cache"):
        ScoreCache(bogus)
    other = tmp_path / "other.sqlite"
    with sqlite3.connect(other) as db:
        db.execute("CREATE TABLE unrelated (x)")
    with pytest.raises(ConfigError, match=r"other\.sqlite"):
        ScoreCache(other, readonly=True)
