"""Table files: CSV, Parquet, JSON Lines and datapackage.json agree with the table specs."""

from __future__ import annotations

import csv
import json
import math
import os
import re
import shutil
from dataclasses import replace
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from framing.api import compare
from framing.comparison import Comparison, OutletRow, summarize
from framing.corpus.articles import ArticleColumns, ArticleRow, RunColumns, ScoredArticle
from framing.errors import ConfigError
from framing.export import atomic_write, neutralise, safe_path
from framing.export.files import write_tables
from framing.export.tables import OUTLETS, articles, metric_columns
from tests.conftest import SEEDS

TABLES = ("articles", "outlets", "metrics_long", "evidence")
REWRITE_TABLES = ("pairs", "changes", "conflicts")  # tested in tests/rewrite/test_analysis.py
MODEL_TABLES = ("frame_probabilities", "outlet_frames")  # tested in tests/learn/test_apply.py
FILES = sorted(
    [f"{t}.csv" for t in TABLES + REWRITE_TABLES + MODEL_TABLES]
    + [f"{t}.parquet" for t in TABLES + REWRITE_TABLES + MODEL_TABLES]
    + ["evidence.jsonl", "articles.jsonl", "datapackage.json"]
)
ARROW = {"string": pa.string(), "integer": pa.int64(), "number": pa.float64()}
INTEGER = re.compile(r"-?\d+")
NAN = float("nan")
NO_DATA = ("flesch_reading_ease", "tone_mean")  # made NaN for one article


@pytest.fixture(scope="module")
def seeds() -> Comparison:
    return compare([str(SEEDS)], spacy_model="blank")


def with_articles(c: Comparison, articles: list[ScoredArticle]) -> Comparison:
    return Comparison(
        articles, summarize(articles, c.metrics, c.reference), c.metrics, c.reference, c.failures
    )


def edited(a: ScoredArticle, **metrics: float) -> ScoredArticle:
    return replace(a, score=replace(a.score, metrics={**a.score.metrics, **metrics}))


@pytest.fixture(scope="module")
def gappy(seeds: Comparison) -> Comparison:
    """The seeds with no data for two metrics of the one Aggregator A article."""
    first, *rest = seeds.articles
    assert first.outlet == "Aggregator A"
    return with_articles(seeds, [edited(first, **dict.fromkeys(NO_DATA, NAN)), *rest])


@pytest.fixture(scope="module")
def out(gappy: Comparison, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("tables")
    write_tables(gappy, folder)
    return folder


@pytest.fixture(scope="module")
def package(out: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((out / "datapackage.json").read_text(encoding="utf-8"))
    return data


def fields(package: dict[str, Any], table: str) -> list[dict[str, Any]]:
    (resource,) = [r for r in package["resources"] if r["name"] == table]
    assert resource["path"] == f"{table}.csv"
    result: list[dict[str, Any]] = resource["schema"]["fields"]
    return result


def required(field: dict[str, Any]) -> bool:
    return bool(field.get("constraints", {}).get("required"))


def read_csv(path: Path) -> pd.DataFrame:
    """Every cell as the text written, empty cells as ''."""
    return pd.read_csv(path, dtype=str, keep_default_na=False)


def csv_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


# --- the files written --------------------------------------------------------------------


# --- the typed rows are the declared tables --------------------------------------------------


def test_the_article_row_model_is_the_articles_table_without_its_metric_columns() -> None:
    metric_names = {c.name for c in metric_columns()}
    fixed = [name for name in articles().names if name not in metric_names]
    assert list(ArticleRow.__annotations__) == fixed
    assert ArticleRow.__required_keys__ == set(fixed)
    assert [*ArticleColumns.__annotations__, *RunColumns.__annotations__] == fixed
    # a metric column may never shadow a fixed one: the row holds both under one dict
    assert not metric_names & set(fixed)


def test_the_outlet_row_model_is_the_outlets_table() -> None:
    assert OutletRow.__required_keys__ == set(OUTLETS.names)
    assert not OutletRow.__optional_keys__


def test_rows_hold_the_declared_columns_in_table_order(seeds: Comparison) -> None:
    for a in seeds.articles:
        assert list(a.row()) == articles().names
        assert {k: a.row()[k] for k in RunColumns.__annotations__} == a.run_columns()
    for row in seeds.outlets:
        assert list(row) == OUTLETS.names


def test_every_table_file_is_written_and_nothing_else(
    gappy: Comparison, out: Path, tmp_path: Path
) -> None:
    assert sorted(p.name for p in out.iterdir()) == FILES
    written = write_tables(gappy, tmp_path / "new" / "folder")
    assert sorted(p.name for p in written) == FILES
    assert all(p.parent == (tmp_path / "new" / "folder").resolve() for p in written)


def test_the_datapackage_describes_every_file_written(out: Path, package: dict[str, Any]) -> None:
    paths = sorted(r["path"] for r in package["resources"])
    assert paths == sorted(n for n in FILES if n != "datapackage.json")
    assert package["framing"]["reference"] == "The Korea Times"


@pytest.mark.parametrize("table", TABLES)
def test_csv_header_is_the_datapackage_field_list_in_order(
    out: Path, package: dict[str, Any], table: str
) -> None:
    with (out / f"{table}.csv").open(encoding="utf-8", newline="") as fh:
        header = next(csv.reader(fh))
    assert header == [f["name"] for f in fields(package, table)]


@pytest.mark.parametrize("table", TABLES)
def test_csv_values_cast_to_the_declared_types_and_required_cells_are_filled(
    out: Path, package: dict[str, Any], table: str
) -> None:
    frame = read_csv(out / f"{table}.csv")
    assert len(frame) > 0
    for field in fields(package, table):
        column = frame[field["name"]]
        if required(field):
            assert (column != "").all(), field["name"]
        cells = column[column != ""]
        if field["type"] == "integer":
            bad = [v for v in cells if not INTEGER.fullmatch(v)]
            assert not bad, (field["name"], bad[:3])
        elif field["type"] == "number":
            pd.to_numeric(cells, errors="raise")
        else:
            assert field["type"] == "string", field


@pytest.mark.parametrize("table", TABLES)
def test_pandas_reads_number_columns_as_numbers(
    out: Path, package: dict[str, Any], table: str
) -> None:
    frame = pd.read_csv(out / f"{table}.csv")
    for field in fields(package, table):
        if field["type"] in ("integer", "number") and frame[field["name"]].notna().any():
            assert frame[field["name"]].dtype.kind in "if", field["name"]


@pytest.mark.parametrize("table", TABLES)
def test_parquet_schema_has_the_declared_arrow_types(
    out: Path, package: dict[str, Any], table: str
) -> None:
    schema = pq.read_schema(out / f"{table}.parquet")
    declared = fields(package, table)
    assert schema.names == [f["name"] for f in declared]
    for field in declared:
        arrow = schema.field(field["name"])
        assert arrow.type == ARROW[field["type"]], field["name"]
        assert arrow.nullable is not required(field), field["name"]


@pytest.mark.parametrize("table", TABLES)
def test_csv_and_parquet_hold_the_same_rows(out: Path, table: str) -> None:
    text = read_csv(out / f"{table}.csv")
    frame = pq.read_table(out / f"{table}.parquet").to_pandas()
    assert list(frame.columns) == list(text.columns)
    assert len(frame) == len(text)
    assert list(frame["outlet"]) == list(text["outlet"])


def test_row_counts(gappy: Comparison, out: Path) -> None:
    evidence = sum(len(a.score.evidence) for a in gappy.articles)
    n_metrics = len(gappy.metrics)
    expected = {
        "articles": 5,
        "outlets": 4 * n_metrics,
        "metrics_long": 5 * n_metrics,
        "evidence": evidence,
    }
    for table, n in expected.items():
        assert len(read_csv(out / f"{table}.csv")) == n, table
        assert pq.read_metadata(out / f"{table}.parquet").num_rows == n, table
    assert evidence > 0
    assert len(jsonl(out / "evidence.jsonl")) == evidence
    assert len(jsonl(out / "articles.jsonl")) == 5


def test_no_data_is_an_empty_cell_in_csv_and_null_in_parquet_and_json(out: Path) -> None:
    text = read_csv(out / "articles.csv")
    table = pq.read_table(out / "articles.parquet").to_pylist()
    records = jsonl(out / "articles.jsonl")
    for name in NO_DATA:
        assert text[name][0] == "" and text[name][1] != ""
        assert table[0][name] is None and table[1][name] is not None
        assert records[0]["metrics"][name] is None
        assert not math.isnan(records[1]["metrics"][name])

    long_text = read_csv(out / "metrics_long.csv")
    long_table = pq.read_table(out / "metrics_long.parquet").to_pylist()
    first = text["article_id"][0]
    for name in NO_DATA:
        (i,) = long_text.index[(long_text["article_id"] == first) & (long_text["metric"] == name)]
        assert long_text["value"][i] == ""
        assert long_table[i]["value"] is None

    # the outlet's only article has no data, so its summary is empty, not zero
    outlets = csv_rows(out / "outlets.csv")
    (row,) = [r for r in outlets if r["outlet"] == "Aggregator A" and r["metric"] == NO_DATA[1]]
    assert row["n"] == "0"
    assert row["mean"] == row["delta"] == row["rank"] == ""


def test_json_files_never_hold_bare_nan(out: Path) -> None:
    for name in ("articles.jsonl", "evidence.jsonl", "datapackage.json"):
        assert "NaN" not in (out / name).read_text(encoding="utf-8"), name


def test_article_records_carry_their_outlet(gappy: Comparison, out: Path) -> None:
    records = jsonl(out / "articles.jsonl")
    outlets = list(read_csv(out / "articles.csv")["outlet"])
    assert [r["article"]["outlet"] for r in records] == outlets
    assert [r["article"]["source"] for r in records] == [a.source for a in gappy.articles]
    assert [r["article"]["id"] for r in records] == [a.article_id for a in gappy.articles]


def test_evidence_jsonl_is_the_evidence_table(out: Path) -> None:
    records = jsonl(out / "evidence.jsonl")
    frame = pq.read_table(out / "evidence.parquet").to_pylist()
    assert records == frame


# --- formula guard ------------------------------------------------------------------------

FORMULA = "=cmd|' /C calc'!A0"
AT_OUTLET = "@SUM(1)"


@pytest.fixture(scope="module")
def hostile(seeds: Comparison) -> Comparison:
    first, *rest = seeds.articles
    evil = replace(edited(first, tone_mean=-0.5), title=FORMULA, outlet=AT_OUTLET)
    return with_articles(seeds, [evil, *rest])


def test_formula_cells_are_made_inert_in_csv_but_numbers_stay_numbers(
    hostile: Comparison, tmp_path: Path
) -> None:
    write_tables(hostile, tmp_path)
    articles = csv_rows(tmp_path / "articles.csv")
    assert articles[0]["title"] == "'" + FORMULA
    assert articles[0]["outlet"] == "'" + AT_OUTLET
    assert articles[0]["tone_mean"] == "-0.5"
    assert float(articles[0]["tone_mean"]) == -0.5
    outlets = csv_rows(tmp_path / "outlets.csv")
    guarded = [r for r in outlets if r["outlet"] == "'" + AT_OUTLET]
    assert len(guarded) == len(hostile.metrics)
    deltas = [r["delta"] for r in outlets if r["delta"].startswith("-")]
    assert deltas and all(float(d) < 0 for d in deltas)
    assert not any(cell.startswith("'") for r in outlets for k, cell in r.items() if k != "outlet")
    assert {r["outlet"] for r in csv_rows(tmp_path / "metrics_long.csv")} >= {"'" + AT_OUTLET}
    # only CSV is for spreadsheets: Parquet and JSON keep the text as it was
    table = pq.read_table(tmp_path / "articles.parquet").to_pylist()
    assert (table[0]["title"], table[0]["outlet"]) == (FORMULA, AT_OUTLET)
    record = jsonl(tmp_path / "articles.jsonl")[0]
    assert (record["article"]["title"], record["article"]["outlet"]) == (FORMULA, AT_OUTLET)


def test_the_formula_guard_can_be_turned_off(hostile: Comparison, tmp_path: Path) -> None:
    write_tables(hostile, tmp_path, formula_guard=False)
    articles = csv_rows(tmp_path / "articles.csv")
    assert (articles[0]["title"], articles[0]["outlet"]) == (FORMULA, AT_OUTLET)


@pytest.mark.parametrize("cell", ["=1+1", "+1", "-1", "@A1", "\tx", "\rx"])
def test_every_formula_prefix_is_neutralised(cell: str) -> None:
    assert neutralise(cell) == "'" + cell


@pytest.mark.parametrize("value", [-0.5, -3, 0, "a=b", "", "Plain title", None])
def test_numbers_and_plain_text_are_left_alone(value: object) -> None:
    assert neutralise(value) == value


# --- determinism --------------------------------------------------------------------------


def test_writing_twice_gives_identical_bytes(gappy: Comparison, out: Path, tmp_path: Path) -> None:
    first = {name: (out / name).read_bytes() for name in FILES}
    write_tables(gappy, tmp_path / "again")
    write_tables(gappy, tmp_path / "again")  # overwriting an earlier run
    assert sorted(p.name for p in (tmp_path / "again").iterdir()) == FILES
    for name in FILES:
        assert (tmp_path / "again" / name).read_bytes() == first[name], name


# --- safe_path and atomic_write -----------------------------------------------------------


@pytest.mark.parametrize("name", ["../x.csv", "a/../../x.csv", "/etc/passwd", "..", "../out2/x"])
def test_safe_path_refuses_names_outside_the_folder(tmp_path: Path, name: str) -> None:
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(ConfigError, match="outside"):
        safe_path(out, name)


def test_safe_path_refuses_an_absolute_path_outside_the_folder(tmp_path: Path) -> None:
    with pytest.raises(ConfigError):
        safe_path(tmp_path / "out", str(tmp_path / "elsewhere" / "x.csv"))


def test_safe_path_refuses_a_symlink_that_leads_outside(tmp_path: Path) -> None:
    (tmp_path / "out").mkdir()
    (tmp_path / "secret").mkdir()
    (tmp_path / "out" / "link").symlink_to(tmp_path / "secret", target_is_directory=True)
    with pytest.raises(ConfigError):
        safe_path(tmp_path / "out", "link/x.csv")


@pytest.mark.parametrize("name", ["x.csv", "sub/x.csv", "sub/../x.csv", "./x.csv"])
def test_safe_path_allows_names_inside_the_folder(tmp_path: Path, name: str) -> None:
    target = safe_path(tmp_path, name)
    assert tmp_path.resolve() in target.parents


def test_safe_path_allows_an_absolute_path_inside_the_folder(tmp_path: Path) -> None:
    inside = tmp_path / "x.csv"
    assert safe_path(tmp_path, str(inside)) == inside.resolve()


def test_atomic_write_writes_text_and_bytes_and_leaves_no_temp_files(tmp_path: Path) -> None:
    atomic_write(tmp_path / "sub" / "a.txt", "caf\u00e9\n")
    atomic_write(tmp_path / "sub" / "b.bin", b"\x00\x01")
    atomic_write(tmp_path / "sub" / "a.txt", "replaced\n")
    assert sorted(os.listdir(tmp_path / "sub")) == ["a.txt", "b.bin"]
    assert (tmp_path / "sub" / "a.txt").read_text(encoding="utf-8") == "replaced\n"
    assert (tmp_path / "sub" / "b.bin").read_bytes() == b"\x00\x01"


@pytest.mark.parametrize("failing", ["replace", "fsync"])
def test_a_failed_write_leaves_the_old_file_intact(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failing: str
) -> None:
    target = tmp_path / "outlets.csv"
    atomic_write(target, "old,content\n")

    def boom(*args: object, **kwargs: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, failing, boom)
    with pytest.raises(OSError, match="disk full"):
        atomic_write(target, "new,content\n" * 1000)
    monkeypatch.undo()
    assert target.read_text(encoding="utf-8") == "old,content\n"
    assert os.listdir(tmp_path) == ["outlets.csv"]


def test_frictionless_validates_the_package(out: Path) -> None:
    """Every CSV against its declared schema, Parquet as tables, JSON Lines as files."""
    frictionless = pytest.importorskip("frictionless")

    report = frictionless.validate(str(out / "datapackage.json"))

    assert report.valid, report.flatten(["title", "rowNumber", "fieldName", "message"])[:5]
    assert len(report.tasks) == len(FILES) - 1


def test_frictionless_finds_a_cell_of_the_wrong_type(out: Path, tmp_path: Path) -> None:
    frictionless = pytest.importorskip("frictionless")
    copy = tmp_path / "copy"
    shutil.copytree(out, copy)
    text = (copy / "outlets.csv").read_text(encoding="utf-8").splitlines()
    header = text[0].split(",")
    row = text[1].split(",")
    row[header.index("n")] = "many"
    (copy / "outlets.csv").write_text("\n".join([text[0], ",".join(row), *text[2:]]) + "\n")

    report = frictionless.validate(str(copy / "datapackage.json"))

    assert not report.valid
    assert [e.type for e in report.tasks[2].errors] == ["type-error"]
