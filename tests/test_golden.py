"""Golden outputs of `framing score` on the seeds (fast path): any change to a number shows here.

Regenerate after an intended change with ``FRAMING_UPDATE_GOLDEN=1 pytest tests/test_golden.py``
and review the diff. Fields that only name software versions are dropped before comparing, so
a version bump alone does not break the files.
"""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from framing.cli import cli
from tests.conftest import ROOT, SEEDS, seed_path

GOLDEN = Path(__file__).resolve().parent / "golden"
UPDATE = os.environ.get("FRAMING_UPDATE_GOLDEN") == "1"
SEED = seed_path("004").relative_to(ROOT)
ALL_SEEDS = [p.relative_to(ROOT) for p in sorted(SEEDS.glob("*.txt"))]


@pytest.fixture(autouse=True)
def _in_root(monkeypatch: pytest.MonkeyPatch) -> None:
    # sources are recorded as given on the command line: relative paths keep the files portable
    monkeypatch.chdir(ROOT)


def framing_score(*args: str | Path) -> str:
    result = CliRunner().invoke(
        cli, ["score", *map(str, args), "--spacy-model", "blank"], catch_exceptions=False
    )
    assert result.exit_code == 0, result.output
    return result.stdout


def without_versions(record: dict[str, Any]) -> dict[str, Any]:
    """The record minus the software versions: the tool's, and spaCy's (on the blank path the
    pipeline's own version is spaCy's too)."""
    del record["tool"]["version"]
    del record["pipeline"]["spacy"]
    if record["pipeline"]["name"] == "blank":
        del record["pipeline"]["version"]
    return record


def check_golden(name: str, actual: str) -> None:
    path = GOLDEN / name
    if UPDATE:
        GOLDEN.mkdir(exist_ok=True)
        path.write_bytes(actual.encode("utf-8"))
    assert path.exists(), f"{path} is missing: run with FRAMING_UPDATE_GOLDEN=1 to create it"
    expected = path.read_bytes().decode("utf-8")
    assert actual == expected, f"{name} changed: review, then FRAMING_UPDATE_GOLDEN=1"


def test_json_of_seed_004_matches_the_golden_file() -> None:
    record = without_versions(json.loads(framing_score(SEED, "--format", "json")))
    assert record["article"]["source"] == str(SEED)
    check_golden("004_blank.json", json.dumps(record, indent=2, ensure_ascii=False) + "\n")


def test_csv_of_all_seeds_matches_the_golden_file() -> None:
    out = framing_score(*ALL_SEEDS, "--format", "csv")
    header = next(csv.reader(io.StringIO(out)))
    # the only version a row carries is the output schema's (a data version, kept on purpose)
    assert [c for c in header if "version" in c] == ["schema_version"]
    assert "spacy" not in header
    check_golden("seeds_blank.csv", out)


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_the_same_input_gives_the_same_bytes(fmt: str) -> None:
    assert framing_score(SEED, "--format", fmt) == framing_score(SEED, "--format", fmt)


def test_the_same_bytes_in_another_process() -> None:
    # another hash seed: no output may depend on set or dict iteration order of strings
    code = (
        "import sys; from framing.cli import cli; "
        f"cli(['score', {str(SEED)!r}, '--spacy-model', 'blank', '--format', 'json'], "
        "standalone_mode=False)"
    )
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    other = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=True,
    ).stdout
    assert other == framing_score(SEED, "--format", "json")
