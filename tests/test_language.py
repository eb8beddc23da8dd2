"""Language identification: recorded in every output, non-English refused unless turned off."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from framing import api
from framing.cli import cli
from framing.errors import InputError
from framing.language import MIN_LETTERS, REFUSE_CONFIDENCE, detect
from tests.conftest import ROOT, seed_path

sys.path.insert(0, str(ROOT / "benchmarks"))
from hard_inputs import ENGLISH, GERMAN, KOREAN, SPANISH

TEXTS = {"ko": KOREAN, "de": GERMAN, "es": SPANISH}
NAMES = {"ko": "Korean", "de": "German", "es": "Spanish"}


@pytest.mark.parametrize("code", sorted(TEXTS))
def test_korean_german_and_spanish_are_refused_naming_the_language(code: str) -> None:
    text = "\n\n".join(TEXTS[code])
    with pytest.raises(InputError) as error:
        api.score_text(text, spacy_model="blank", source="story.txt")
    message = str(error.value)
    assert message.startswith(f"story.txt: the text is in {NAMES[code]} ({code}, confidence")
    assert "--language-check off" in message
    assert "\n" not in message


@pytest.mark.parametrize("code", sorted(TEXTS))
def test_with_the_check_off_they_are_scored_and_the_language_recorded(code: str) -> None:
    score = api.score_text("\n\n".join(TEXTS[code]), spacy_model="blank", language_check="off")
    assert score.article["language"] == code
    assert score.article["language_confidence"] >= REFUSE_CONFIDENCE


def test_english_is_scored_and_recorded_as_english() -> None:
    score = api.score_text("\n\n".join(ENGLISH), spacy_model="blank")
    assert score.article["language"] == "en"
    assert score.article["language_confidence"] > 0.99
    assert score.to_dict()["article"]["language"] == "en"
    assert score.flat()["language"] == "en"


def test_a_foreign_place_name_or_short_quote_does_not_sink_an_english_article() -> None:
    assert not detect("Alphen aan den Rijn").refused  # confident, but too short to judge
    text = "\n\n".join([*ENGLISH, "“Wir schaffen das,” she said, quoting the chancellor."])
    assert api.score_text(text, spacy_model="blank").article["language"] == "en"


def test_a_short_text_is_never_refused_however_sure_the_detector_is() -> None:
    language = detect("Deutsche Bundesbank")
    assert language.letters < MIN_LETTERS
    assert not language.refused


def test_a_text_without_letters_has_no_language() -> None:
    for text in ("", "1,200 — 3,400 / 5%"):
        assert (detect(text).code, detect(text).confidence) == ("zxx", 0.0)


def test_a_long_text_is_judged_on_a_bounded_sample() -> None:
    language = detect("\n\n".join(GERMAN) * 2000)  # about 700,000 characters
    assert language.code == "de"
    assert language.letters <= 60_000


def test_cli_score_refuses_korean_in_one_line_and_scores_it_with_the_check_off(
    tmp_path: Path,
) -> None:
    path = tmp_path / "korean.txt"
    path.write_text("\n\n".join(KOREAN), encoding="utf-8")
    runner = CliRunner()
    refused = runner.invoke(cli, ["score", str(path), "--spacy-model", "blank"])
    assert refused.exit_code == 1
    assert (
        refused.stderr.strip()
        .splitlines()[-1]
        .startswith(f"Error: {path}: the text is in Korean (ko")
    )
    scored = runner.invoke(
        cli,
        [
            "score",
            str(path),
            "--spacy-model",
            "blank",
            "--format",
            "json",
            "--language-check",
            "off",
        ],
    )
    assert scored.exit_code == 0, scored.stderr
    assert json.loads(scored.stdout)["article"]["language"] == "ko"


def test_compare_reports_and_skips_a_non_english_article(tmp_path: Path) -> None:
    desk = tmp_path / "desk"
    desk.mkdir()
    (desk / "english.txt").write_text("\n\n".join(ENGLISH), encoding="utf-8")
    (desk / "german.txt").write_text("\n\n".join(GERMAN), encoding="utf-8")
    (desk / "seed.txt").write_text(seed_path("004").read_text(encoding="utf-8"), encoding="utf-8")
    with api.compare([str(desk)], spacy_model="blank", rewrites=False) as result:
        assert sorted(a.source for a in result.articles) == ["desk/english.txt", "desk/seed.txt"]
        assert [f.source for f in result.failures] == ["desk/german.txt"]
        assert "the text is in German (de" in result.failures[0].reason
        row = result.articles[0].row()
        assert (row["language"], row["encoding"]) == ("en", "utf-8")
