"""Checks before work: a typo costs a second, not a run, and nothing is written."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from framing import api
from framing.cli import cli
from framing.errors import ConfigError, FramingError, InputError
from framing.preflight import did_you_mean
from tests.conftest import SEEDS


@pytest.fixture
def no_scoring(monkeypatch: pytest.MonkeyPatch) -> None:
    """Scoring anything fails the test: the checks must come first."""

    def refuse(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("scoring started before the options were checked")

    monkeypatch.setattr(api, "score_inputs", refuse)
    monkeypatch.setattr(api, "score_documents", refuse)


def compare_cli(*args: str) -> Any:
    return CliRunner().invoke(cli, ["compare", *args, "--spacy-model", "blank"])


def test_did_you_mean_prefers_a_case_only_difference_then_the_closest_name() -> None:
    assert did_you_mean("NYT", ["nyt", "NYP"]) == "; did you mean 'nyt'?"
    assert did_you_mean("seedz", ["seeds", "tests"]) == "; did you mean 'seeds'?"
    assert did_you_mean("zzz", ["seeds"]) == ""


def test_a_misspelt_folder_writes_nothing_and_suggests_the_right_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, no_scoring: None
) -> None:
    shutil.copytree(SEEDS, tmp_path / "seeds")
    monkeypatch.chdir(tmp_path)
    result = compare_cli("seedz", "--out", "out")
    assert result.exit_code == 1
    assert result.stderr.strip() == "Error: seedz: no such file or directory; did you mean 'seeds'?"
    assert not (tmp_path / "out").exists()


def test_a_reference_in_the_wrong_case_is_refused_before_scoring(
    tmp_path: Path, no_scoring: None
) -> None:
    desk = tmp_path / "desk"
    for outlet in ("nyt", "wapo"):
        (desk / outlet).mkdir(parents=True)
        shutil.copy(next(SEEDS.glob("004_*.txt")), desk / outlet / "a.txt")
    with pytest.raises(ConfigError) as error:
        api.compare_to_folder([desk], tmp_path / "out", reference="NYT", spacy_model="blank")
    assert "--reference 'NYT' is not an outlet; did you mean 'nyt'?" in str(error.value)
    assert not (tmp_path / "out").exists()


def test_a_reference_that_page_metadata_may_still_name_is_checked_after_scoring(
    tmp_path: Path,
) -> None:
    # no manifest, sidecar or folder: the outlet comes from each page's metadata, so the check
    # waits for the pages, and still stops before anything is written
    page = tmp_path / "page.txt"
    shutil.copy(next(SEEDS.glob("004_*.txt")), page)
    with pytest.raises(ConfigError, match="reference outlet 'Nope' has no articles"):
        api.compare_to_folder([page], tmp_path / "out", reference="Nope", spacy_model="blank")
    assert not (tmp_path / "out").exists()


def test_a_metric_typo_names_the_closest_metric(tmp_path: Path, no_scoring: None) -> None:
    result = compare_cli(str(SEEDS), "--out", str(tmp_path / "out"), "--metrics", "hedgs")
    assert result.exit_code == 1
    assert "did you mean 'hedges'" in result.stderr
    assert "flesch_reading_ease" not in result.stderr  # not all 52 names
    assert not (tmp_path / "out").exists()


def test_an_out_that_is_a_file_is_refused_before_scoring(tmp_path: Path, no_scoring: None) -> None:
    (tmp_path / "out").write_text("not a folder")
    with pytest.raises(ConfigError, match="is a file, not a folder"):
        api.compare_to_folder([SEEDS], tmp_path / "out", spacy_model="blank")
    assert compare_cli(str(SEEDS), "--out", str(tmp_path / "out")).exit_code == 2  # click's


@pytest.mark.parametrize(
    ("db", "message"),
    [
        ("nonsense", "not a database URL"),
        ("nosuchdb://host/db", "--db nosuchdb://host/db"),
        ("postgresql://u@127.0.0.1:9/db", "cannot connect"),
    ],
)
def test_a_bad_database_url_is_refused_before_scoring(
    tmp_path: Path, no_scoring: None, db: str, message: str
) -> None:
    with pytest.raises(ConfigError) as error:
        api.compare_to_folder([SEEDS], tmp_path / "out", db=db, spacy_model="blank")
    assert message in str(error.value)
    assert "\n" not in str(error.value)
    assert not (tmp_path / "out").exists()


def test_a_missing_lexicon_is_refused_before_scoring(tmp_path: Path, no_scoring: None) -> None:
    with pytest.raises(FramingError, match=r"nope\.toml"):
        api.compare_to_folder(
            [SEEDS], tmp_path / "out", lexicons=[str(tmp_path / "nope.toml")], spacy_model="blank"
        )
    assert not (tmp_path / "out").exists()


def test_nothing_is_written_when_nothing_could_be_read(tmp_path: Path) -> None:
    desk = tmp_path / "desk"
    desk.mkdir()
    (desk / "empty.txt").write_bytes(b"")
    (desk / "binary.txt").write_bytes(b"\x00\x01")
    with pytest.raises(InputError) as error:
        api.compare_to_folder([desk], tmp_path / "out", spacy_model="blank")
    assert str(error.value).startswith("nothing could be read (2 input(s) failed: desk/")
    assert "nothing was written" in str(error.value)
    assert not (tmp_path / "out").exists()


def test_a_url_without_fetch_says_how_to_fetch_it() -> None:
    result = CliRunner().invoke(
        cli, ["score", "https://example.org/story", "--spacy-model", "blank"]
    )
    assert result.exit_code == 1
    assert result.stderr.strip() == (
        "Error: https://example.org/story: is a URL; pass --fetch to download and score it"
    )
