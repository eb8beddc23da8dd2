"""Large comparisons: scored articles spilled to disk and every file streamed give the same
bytes as the in-memory path, keep no article in memory, and leave nothing behind."""

from __future__ import annotations

import gc
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from framing.api import compare
from framing.comparison import Comparison
from framing.corpus.articles import ScoredArticle
from framing.corpus.spill import SpilledArticles
from framing.export import files
from framing.export.outputs import write_outputs
from framing.export.tables import EVIDENCE
from tests.conftest import SEEDS


def written(c: Comparison, out: Path) -> dict[str, bytes]:
    write_outputs(c, out)
    return {p.name: p.read_bytes() for p in sorted(out.iterdir()) if not p.name.startswith(".")}


def test_a_spilled_comparison_writes_the_same_bytes(
    seeds_comparison: Comparison, tmp_path: Path
) -> None:
    with compare([str(SEEDS)], spacy_model="blank", spill=True) as spilled:
        assert isinstance(spilled.articles, SpilledArticles)
        assert spilled.outlets == seeds_comparison.outlets
        assert spilled.unknown_outlets == seeds_comparison.unknown_outlets == []
        got = written(spilled, tmp_path / "spilled")
    want = written(seeds_comparison, tmp_path / "memory")
    assert list(got) == list(want) and len(got) == 23
    assert got == want


def test_a_spilled_comparison_holds_no_article_in_memory() -> None:
    gc.collect()
    before = sum(isinstance(o, ScoredArticle) for o in gc.get_objects())
    c = compare([str(SEEDS)], spacy_model="blank", spill=True, rewrites=False)
    gc.collect()
    assert sum(isinstance(o, ScoredArticle) for o in gc.get_objects()) == before
    assert len(c.articles) == 5 and c.stories is None
    c.close()


def test_spilled_articles_read_back_in_order_and_the_file_goes_on_close(
    seeds_comparison: Comparison, tmp_path: Path
) -> None:
    store = SpilledArticles(tmp_path)
    store.extend(seeds_comparison.articles)
    sources = [a.source for a in seeds_comparison.articles]
    assert [a.source for a in store] == sources
    assert store[-1].source == sources[-1] and [a.source for a in store[1:3]] == sources[1:3]
    assert [e.source for e in store.entries] == sources
    with pytest.raises(IndexError):
        store[5]
    assert len(list(tmp_path.iterdir())) == 1
    store.close()
    assert list(tmp_path.iterdir()) == []


def test_parquet_is_streamed_in_row_groups_with_the_same_rows(
    seeds_comparison: Comparison, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    files.write_tables(seeds_comparison, tmp_path / "one")
    monkeypatch.setattr(files, "ROW_GROUP", 7)
    files.write_tables(seeds_comparison, tmp_path / "many")
    one = pq.ParquetFile(tmp_path / "one" / "evidence.parquet")
    many = pq.ParquetFile(tmp_path / "many" / "evidence.parquet")
    n = len(files.rows_for(EVIDENCE, seeds_comparison))
    assert one.metadata.num_row_groups == 1
    assert many.metadata.num_row_groups == -(-n // 7) > 1
    assert many.read().equals(one.read())
    assert many.schema_arrow.equals(one.schema_arrow, check_metadata=True)
    for name in ("evidence.csv", "evidence.jsonl", "articles.jsonl", "articles.csv"):
        assert (tmp_path / "many" / name).read_bytes() == (tmp_path / "one" / name).read_bytes()


def test_an_interrupted_table_leaves_the_old_files_and_no_temporary_ones(
    seeds_comparison: Comparison, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    files.write_tables(seeds_comparison, tmp_path)
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    rows = files.rows_for(EVIDENCE, seeds_comparison)

    def broken(spec: object, c: Comparison) -> object:
        yield from rows[:3]
        raise OSError("disk full")

    monkeypatch.setattr(files, "iter_rows", broken)
    with pytest.raises(OSError, match="disk full"):
        files.write_tables(seeds_comparison, tmp_path)
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before


@pytest.mark.parametrize("row_group", [7, 8192])
@pytest.mark.parametrize("arrow_batch", [1, 3, 512])
def test_parquet_rows_wait_in_arrow_batches_with_the_same_bytes(
    seeds_comparison: Comparison,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    row_group: int,
    arrow_batch: int,
) -> None:
    # issue #6: a row group of the articles table waited as 8,192 dicts (~8 kB each); it now
    # waits as Arrow columns, converted ARROW_BATCH rows at a time, and writes the same bytes
    monkeypatch.setattr(files, "ROW_GROUP", row_group)
    monkeypatch.setattr(files, "ARROW_BATCH", 10**9)  # the whole group at once, as before
    files.write_tables(seeds_comparison, tmp_path / "whole")
    monkeypatch.setattr(files, "ARROW_BATCH", arrow_batch)
    files.write_tables(seeds_comparison, tmp_path / "batched")
    names = sorted(p.name for p in (tmp_path / "whole").glob("*.parquet"))
    assert len(names) == 9
    for name in names:
        assert (tmp_path / "batched" / name).read_bytes() == (
            tmp_path / "whole" / name
        ).read_bytes()
