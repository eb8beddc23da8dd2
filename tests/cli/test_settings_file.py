"""`framing.toml` and `--config` change the flags' defaults; a flag on the command line wins."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli.test_cli import one_line_error, run
from tests.conftest import seed_path

SEED = seed_path("004")


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_the_folders_settings_file_sets_the_defaults(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    lexicon = _write(
        tmp_path / "watch.toml",
        '[lexicon]\nname = "watch"\nversion = "1.0"\n\n'
        '[categories.asylum]\ncodebook = "test"\nterms = ["asylum"]\n',
    )
    _write(tmp_path / "framing.toml", f'spacy_model = "blank"\nlexicons = ["{lexicon}"]\n')
    monkeypatch.chdir(tmp_path)
    record = json.loads(run("score", SEED, "--format", "json").stdout)
    assert record["pipeline"]["name"] == "blank"
    assert "watch" in record["lexicons"]


def test_a_flag_beats_the_file(tmp_path: Path) -> None:
    config = _write(tmp_path / "team.toml", 'spacy_model = "no_such_pipeline"\n')
    failed = run("--config", config, "score", SEED)
    assert "no_such_pipeline" in one_line_error(failed)
    ok = run("--config", config, "score", SEED, "--spacy-model", "blank", "--format", "json")
    assert ok.exit_code == 0, ok.output
    assert json.loads(ok.stdout)["pipeline"]["name"] == "blank"


def test_switches_can_be_set_in_the_file_and_turned_back_on_the_command_line(
    tmp_path: Path,
) -> None:
    formula = tmp_path / "formula.jsonl"
    formula.write_text(json.dumps({"text": "=1+1 officials said. " * 5, "title": "=HYPERLINK()"}))
    config = _write(tmp_path / "f.toml", 'formula_guard = false\nspacy_model = "blank"\n')
    raw = run("--config", config, "score", formula, "--format", "csv").stdout
    assert ",=HYPERLINK()," in raw
    guarded = run("--config", config, "score", formula, "--format", "csv", "--formula-guard")
    assert ",'=HYPERLINK()," in guarded.stdout


def test_an_unknown_key_is_one_line_and_exit_1(tmp_path: Path) -> None:
    config = _write(tmp_path / "f.toml", "jbos = 2\n")
    line = one_line_error(run("--config", config, "score", SEED))
    assert "f.toml: unknown setting 'jbos'; did you mean 'jobs'?" in line
