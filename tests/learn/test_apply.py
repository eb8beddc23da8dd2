"""Frame models in the runs: `framing train`, `score --model`, `compare --model` and `suggest`
end to end on the seeds, and the scikit-learn pieces they stand on."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

from framing.cli import cli
from framing.integrations.sklearn import _ROWS, FramingFeatures, remember_scores
from framing.score import ArticleScore, Engine
from tests.conftest import SEEDS
from tests.learn.test_learn import corpus


def run(*args: object) -> tuple[int, str, str]:
    result = CliRunner(env={"COLUMNS": "120"}).invoke(
        cli, [str(a) for a in args], catch_exceptions=False
    )
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture(scope="module")
def model_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("cli")
    labels = folder / "coded.csv"
    with labels.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=["id", "body", "frames", "outlet"])
        writer.writeheader()
        for r in corpus():
            writer.writerow(
                {"id": r["id"], "body": r["text"], "frames": r["labels"], "outlet": r["outlet"]}
            )
    out = folder / "m.skops"
    code, stdout, _ = run(
        "train", labels, "--text-field", "body", "--labels-field", "frames",
        "--group-by", "outlet", "--folds", "4", "--out", out,
    )  # fmt: skip
    assert code == 0
    assert "ROC AUC" in stdout and "Security" in stdout and "Economy" in stdout
    return out


def test_train_json_is_the_card(model_file: Path, tmp_path: Path) -> None:
    labels = tmp_path / "coded.jsonl"
    labels.write_text("".join(json.dumps(r) + "\n" for r in corpus()), encoding="utf-8")
    code, stdout, _ = run(
        "train", labels, "--frames", "Security", "--folds", "2", "--format", "json",
        "--out", tmp_path / "s.skops",
    )  # fmt: skip
    assert code == 0
    card = json.loads(stdout)
    assert card["frames"] == ["Security"] and card["sha256"]
    assert set(card["cv"]["Security"]) >= {"roc_auc", "pr_auc", "f1", "brier", "base_rate"}


def test_train_with_one_class_is_one_line(tmp_path: Path) -> None:
    labels = tmp_path / "coded.jsonl"
    rows = [{"text": f"Troops moved on day {i}.", "labels": "Security"} for i in range(5)]
    labels.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    code, _, stderr = run("train", labels, "--out", tmp_path / "m.skops")
    assert code == 1
    assert stderr.strip().count("\n") == 0 and "frame 'Security'" in stderr


def test_score_with_a_model_gives_probabilities_and_evidence(model_file: Path) -> None:
    seed = sorted(SEEDS.glob("004_*.txt"))[0]
    code, stdout, _ = run(
        "score", seed, "--spacy-model", "blank", "--model", model_file, "--format", "json"
    )
    assert code == 0
    record = json.loads(stdout)
    frames = record["model_frames"]["frames"]
    assert [f["frame"] for f in frames] == ["Economy", "Security"]
    for f in frames:
        assert 0 <= f["probability"] <= 1
        for e in f["evidence"]:
            if e["kind"] == "sentence":
                assert record["text"][e["start"] : e["end"]] == e["text"]
            elif e["start"] is not None:
                found = record["text"][e["start"] : e["end"]].lower()
                assert found.startswith(e["text"].split()[0])
    code, stdout, _ = run("score", seed, "--spacy-model", "blank", "--model", model_file)
    assert code == 0 and "Frame model" in stdout


def test_a_refused_model_is_one_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.skops"
    bad.write_bytes(b"PK\x03\x04 not really")
    seed = sorted(SEEDS.glob("004_*.txt"))[0]
    code, _, stderr = run("score", seed, "--spacy-model", "blank", "--model", bad)
    assert code == 1 and "not a framing model file" in stderr


def test_compare_with_a_model_writes_the_frame_tables(model_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    code, stdout, _ = run(
        "compare", SEEDS, "--spacy-model", "blank", "--model", model_file, "--out", out,
        "--no-rewrites",
    )  # fmt: skip
    assert code == 0 and "Frame model by outlet" in stdout
    with (out / "frame_probabilities.csv").open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == 5 * 2
    assert all(0 <= float(r["probability"]) <= 1 for r in rows)
    with (out / "outlet_frames.csv").open(encoding="utf-8") as fh:
        outlets = list(csv.DictReader(fh))
    assert {r["frame"] for r in outlets} == {"Economy", "Security"}
    import sqlite3

    with sqlite3.connect(out / "framing.sqlite") as db:
        (n,) = db.execute("select count(*) from frame_probabilities").fetchone()
        (m,) = db.execute("select count(*) from outlet_frames").fetchone()
    assert (n, m) == (10, len(outlets))
    import pyarrow.parquet as pq

    package = json.loads((out / "datapackage.json").read_text(encoding="utf-8"))
    for table in ("frame_probabilities", "outlet_frames"):
        spec = next(r for r in package["resources"] if r["name"] == table)
        names = [f["name"] for f in spec["schema"]["fields"]]
        with (out / f"{table}.csv").open(encoding="utf-8") as fh:
            assert next(csv.reader(fh)) == names
        assert pq.read_table(out / f"{table}.parquet").num_rows == (10 if table[0] == "f" else m)
    report = (out / "report.md").read_text(encoding="utf-8")
    assert "## Frame model" in report and "share over threshold" in report
    assert 'id="frames"' in (out / "report.html").read_text(encoding="utf-8")


def test_compare_without_a_model_leaves_the_frame_tables_empty(tmp_path: Path) -> None:
    out = tmp_path / "out"
    code, _, _ = run("compare", SEEDS, "--spacy-model", "blank", "--out", out, "--no-rewrites")
    assert code == 0
    assert (out / "frame_probabilities.csv").read_text(encoding="utf-8").count("\n") == 1


def test_suggest_writes_a_csv_ready_to_code(model_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "next.csv"
    code, _, _ = run("suggest", SEEDS, "--model", model_file, "-n", "3", "--out", out)
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert [r["rank"] for r in rows] == ["1", "2", "3"]
    assert all(r["labels"] == "" and r["text"] for r in rows)
    assert {"p.Economy", "p.Security", "uncertainty"} <= set(rows[0])


def test_framing_features_work_inside_a_column_transformer() -> None:
    from sklearn.compose import ColumnTransformer
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import cross_val_score
    from sklearn.pipeline import make_pipeline

    from framing.learn.features import text_column

    rows = corpus()
    x = text_column(r["text"] for r in rows)
    y = ["Security" in r["labels"] for r in rows]
    pipe = make_pipeline(
        ColumnTransformer(
            [
                ("words", TfidfVectorizer(), 0),
                ("metrics", FramingFeatures(metrics=["strategic_terms", "words"]), 0),
            ]
        ),
        LogisticRegression(),
    )
    assert cross_val_score(pipe, x, y, cv=3).mean() > 0.8
    names = pipe.fit(x, y)[0].get_feature_names_out()
    assert "metrics__strategic_terms" in names


def test_remembered_scores_give_the_same_features(
    blank: Engine, seed_scores: dict[str, ArticleScore]
) -> None:
    """Metrics reused from a run equal the ones FramingFeatures computes itself (the model
    reuses them to keep --model cheap)."""
    scores = list(seed_scores.values())
    texts = [s.text for s in scores]
    names = [m for m in FramingFeatures().fit(["x"]).metrics_ if m != "boilerplate_share"]
    features = FramingFeatures(metrics=names).fit(texts)
    _ROWS.clear()
    fresh = features.transform(texts)
    _ROWS.clear()
    assert remember_scores(blank, scores) == len(scores)
    reused = features.transform(texts)
    np.testing.assert_allclose(reused, fresh, equal_nan=True)
    assert remember_scores(blank, [s for s in scores if False]) == 0
