"""The main job end to end: `framing compare seeds` writes every output, and they read back."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner, Result

from framing.cli import cli
from framing.features import metrics
from tests.conftest import SEEDS

OUTPUTS = (
    "articles.csv",
    "outlets.csv",
    "metrics_long.csv",
    "evidence.csv",
    "articles.parquet",
    "outlets.parquet",
    "metrics_long.parquet",
    "evidence.parquet",
    "articles.jsonl",
    "evidence.jsonl",
    "report.md",
    "report.html",
    "datapackage.json",
    "framing.sqlite",
)


def run(*args: str, input: str | None = None) -> Result:
    return CliRunner().invoke(cli, ["compare", *args, "--spacy-model", "blank"], input=input)


@pytest.fixture(scope="module")
def main_job(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Result]:
    out = tmp_path_factory.mktemp("outputs")
    return out, run(str(SEEDS), "--out", str(out))


def test_main_job_writes_every_output(main_job: tuple[Path, Result]) -> None:
    out, result = main_job
    assert result.exit_code == 0, result.output
    for name in OUTPUTS:
        assert (out / name).is_file() and (out / name).stat().st_size > 0, name
    assert not list(out.glob(".*.tmp")), "temporary files left behind"


def test_terminal_shows_every_outlet_and_the_reference(main_job: tuple[Path, Result]) -> None:
    _, result = main_job
    for outlet in ("The Korea Times", "Aggregator A", "Aggregator B", "Aggregator C"):
        assert outlet in result.stdout
    assert "Δ vs The Korea Times" in result.stdout
    assert "scored 5 articles from 4 outlets" in result.stderr


def test_outputs_read_back_and_match_datapackage(main_job: tuple[Path, Result]) -> None:
    out, _ = main_job
    package = json.loads((out / "datapackage.json").read_text(encoding="utf-8"))
    csv_resources = [r for r in package["resources"] if r.get("format") == "csv"]
    assert {r["path"] for r in csv_resources} == {
        "articles.csv",
        "outlets.csv",
        "metrics_long.csv",
        "evidence.csv",
        "pairs.csv",
        "changes.csv",
        "conflicts.csv",
        "frame_probabilities.csv",
        "outlet_frames.csv",
    }
    for res in csv_resources:
        names = [f["name"] for f in res["schema"]["fields"]]
        frame = pd.read_csv(out / res["path"], keep_default_na=False, dtype=str)
        assert list(frame.columns) == names
        table = pq.read_table(out / res["path"].replace(".csv", ".parquet"))
        assert table.column_names == names
        assert table.num_rows == len(frame)
    articles = pd.read_parquet(out / "articles.parquet")
    assert len(articles) == 5
    assert set(articles["outlet"]) == {
        "The Korea Times",
        "Aggregator A",
        "Aggregator B",
        "Aggregator C",
    }
    assert all(m.name in articles.columns for m in metrics())
    assert package["framing"]["reference"] == "The Korea Times"


def test_sqlite_sink_has_every_table(main_job: tuple[Path, Result]) -> None:
    out, _ = main_job
    with sqlite3.connect(out / "framing.sqlite") as db:
        tables = {r[0] for r in db.execute("select name from sqlite_master where type='table'")}
        assert {"runs", "articles", "metrics", "outlet_summaries", "evidence"} <= tables
        assert db.execute("select count(*) from articles").fetchone()[0] == 5


def _counts(db_file: Path) -> dict[str, int]:
    with sqlite3.connect(db_file) as db:
        names = [r[0] for r in db.execute("select name from sqlite_master where type='table'")]
        return {n: db.execute(f'select count(*) from "{n}"').fetchone()[0] for n in names}


def test_running_the_main_job_twice_adds_no_rows(tmp_path: Path) -> None:
    assert run(str(SEEDS), "--out", str(tmp_path)).exit_code == 0
    first = _counts(tmp_path / "framing.sqlite")
    assert run(str(SEEDS), "--out", str(tmp_path)).exit_code == 0
    assert _counts(tmp_path / "framing.sqlite") == first


def test_same_input_gives_the_same_bytes(main_job: tuple[Path, Result], tmp_path: Path) -> None:
    out, _ = main_job
    assert run(str(SEEDS), "--out", str(tmp_path), "--no-db").exit_code == 0
    for name in OUTPUTS:
        if name != "framing.sqlite":
            assert (tmp_path / name).read_bytes() == (out / name).read_bytes(), name


def _bad_folder(root: Path) -> Path:
    folder = root / "mixed"
    (folder / "Good Times").mkdir(parents=True)
    (folder / "Good Times" / "a.txt").write_text(
        "The minister said the troops would stay. Refugees fled the fighting, officials said.",
        encoding="utf-8",
    )
    (folder / "Other Post").mkdir()
    (folder / "Other Post" / "b.txt").write_text(
        '"We will protect civilians," the ambassador told reporters on Monday.', encoding="utf-8"
    )
    (folder / "Other Post" / "binary.txt").write_bytes(b"\x00\x01\x02GIF89a\x00")
    (folder / "Other Post" / "empty.txt").write_bytes(b"")
    (folder / "Other Post" / "latin1.txt").write_bytes("Caf\xe9 cr\xe8me said".encode("latin-1"))
    return folder


def test_bad_files_are_reported_and_skipped_and_the_rest_is_written(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run(str(_bad_folder(tmp_path)), "--out", str(out))
    assert result.exit_code == 1
    failed = [ln for ln in result.stderr.splitlines() if ln.startswith("FAILED ")]
    assert len(failed) == 3
    for name in ("binary.txt", "empty.txt", "latin1.txt"):
        assert sum(name in ln for ln in failed) == 1
    rows = pd.read_csv(out / "articles.csv")
    assert sorted(rows["outlet"]) == ["Good Times", "Other Post"]
    assert len(pq.read_table(out / "articles.parquet")) == 2


def test_keep_going_exits_zero_but_still_reports(tmp_path: Path) -> None:
    result = run(str(_bad_folder(tmp_path)), "--out", str(tmp_path / "out"), "--keep-going")
    assert result.exit_code == 0
    assert "skipped 3 files; the 2 articles scored were written" in result.stderr


def test_stdin_jsonl(tmp_path: Path) -> None:
    lines = [
        {"text": "The ministry said the troops would stay in the region.", "outlet": "Wire"},
        {"text": "Refugees fled, and aid groups said families needed asylum.", "outlet": "Daily"},
    ]
    payload = "".join(json.dumps(x) + "\n" for x in lines)
    result = run("-", "--out", str(tmp_path), "--no-db", "--format", "csv", input=payload)
    assert result.exit_code == 0, result.output
    assert set(pd.read_csv(tmp_path / "articles.csv")["outlet"]) == {"Wire", "Daily"}
    assert result.stdout.startswith("outlet,metric,n,mean")


def test_metrics_subset_and_formats(tmp_path: Path) -> None:
    result = run(
        str(SEEDS),
        "--out",
        str(tmp_path),
        "--no-db",
        "--metrics",
        "frames,direct_quotes",
        "--format",
        "markdown",
    )
    assert result.exit_code == 0, result.output
    assert "| humanitarian_strategic_index |" in result.stdout
    assert "| direct_quotes |" in result.stdout
    assert "| hedges |" not in result.stdout
    bad = run(str(SEEDS), "--out", str(tmp_path), "--no-db", "--metrics", "nonsense")
    assert bad.exit_code == 1 and "unknown metric 'nonsense'" in bad.stderr


def test_unknown_reference_is_a_one_line_error(tmp_path: Path) -> None:
    result = run(str(SEEDS), "--out", str(tmp_path), "--no-db", "--reference", "Nope")
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("Error:")]
    assert errors == [result.stderr.strip().splitlines()[-1]]
    assert "--reference 'Nope' is not an outlet" in errors[0]
    assert not (tmp_path / "articles.csv").exists()  # refused before anything was scored


def test_jobs_and_cache_give_the_same_bytes_and_a_rerun_scores_nothing(
    main_job: tuple[Path, Result], tmp_path: Path
) -> None:
    out, first = main_job
    cache = tmp_path / "scores.sqlite"
    for n in (1, 2):
        result = run(
            str(SEEDS), "--out", str(tmp_path / "out"), "--no-db", "-j", "2", "--cache", str(cache)
        )
        assert result.exit_code == 0, result.output
        assert result.stdout == first.stdout
        hits, scored = (0, 5) if n == 1 else (5, 0)
        said = " ".join(result.stderr.split())  # rich wraps long paths
        assert f"cache {cache}: {hits} hit(s), {scored} scored" in said
        for name in OUTPUTS:
            if name != "framing.sqlite":
                assert (tmp_path / "out" / name).read_bytes() == (out / name).read_bytes(), name
    assert not list(tmp_path.glob("**/framing-spill-*")), "spill folder left behind"


def test_no_rewrites_writes_empty_story_tables_and_the_same_article_tables(
    main_job: tuple[Path, Result], tmp_path: Path
) -> None:
    out, _ = main_job
    assert (out / "pairs.csv").read_text(encoding="utf-8").count("\n") > 1
    result = run(str(SEEDS), "--out", str(tmp_path), "--no-db", "--no-rewrites")
    assert result.exit_code == 0, result.output
    for name in ("pairs.csv", "changes.csv", "conflicts.csv"):
        assert (tmp_path / name).read_text(encoding="utf-8").count("\n") == 1, name  # header
    for name in ("articles.csv", "outlets.csv", "evidence.jsonl", "articles.jsonl"):
        assert (tmp_path / name).read_bytes() == (out / name).read_bytes(), name
    assert "Stories and rewrites" not in (tmp_path / "report.md").read_text(encoding="utf-8")
