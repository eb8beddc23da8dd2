"""Readability: textstat's formulas on the cleaned text, offline."""

from __future__ import annotations

import math

import pytest

from framing.document import Document
from framing.features.readability import LANG, textstat_offline
from framing.score import Engine

METRICS = ("flesch_reading_ease", "flesch_kincaid_grade", "gunning_fog", "smog_index", "dale_chall")
SIMPLE = "The cat sat on the mat. The dog ran to the park. We had fun in the sun."
COMPLEX = (
    "Unprecedented geopolitical considerations necessitated a comprehensive reevaluation of "
    "multilateral institutional arrangements."
)
ARTICLE = (
    "The ferry left the harbour at dawn.\n\n"
    "Officials said the crossing would resume on Monday, after engineers replaced a cracked "
    "propeller shaft."
)


def test_every_readability_metric_is_declared_and_offline() -> None:
    assert tuple(textstat_offline()) == METRICS


@pytest.mark.parametrize("text", [SIMPLE, COMPLEX, ARTICLE])
def test_readability_values_are_finite(blank: Engine, text: str) -> None:
    score = blank.score_text(text)
    for name in METRICS:
        assert math.isfinite(score.metrics[name]), name


@pytest.mark.parametrize("text", [SIMPLE, COMPLEX, ARTICLE])
@pytest.mark.parametrize("name", METRICS)
def test_readability_matches_textstat_on_the_cleaned_text(
    blank: Engine, text: str, name: str
) -> None:
    score = blank.score_text(text)
    expected = textstat_offline()[name](score.text, LANG)
    assert score.metrics[name] == pytest.approx(expected)


def test_simpler_text_reads_easier(blank: Engine) -> None:
    simple, hard = blank.score_text(SIMPLE), blank.score_text(COMPLEX)
    assert simple.metrics["flesch_reading_ease"] > hard.metrics["flesch_reading_ease"]
    assert simple.metrics["flesch_kincaid_grade"] < hard.metrics["flesch_kincaid_grade"]
    assert simple.metrics["gunning_fog"] < hard.metrics["gunning_fog"]


def test_readability_of_a_text_without_words_is_nan_not_very_hard(blank: Engine) -> None:
    score = blank.score_document(Document(text="— — —", source="dashes"))
    for name in METRICS:
        assert math.isnan(score.metrics[name]), name
