"""Tone: VADER compound score per sentence, aggregated over the article."""

from __future__ import annotations

import math

import pytest

from framing.document import Document
from framing.score import ArticleScore, Engine

NEUTRAL_1 = "The ferry left at nine."
NEGATIVE = "The bombing killed children and left families in terrible grief."
NEUTRAL_2 = "The road runs north."
TEXT = f"{NEUTRAL_1} {NEGATIVE} {NEUTRAL_2}"


def compound(engine: Engine, sentence: str) -> float:
    """VADER's own score for one sentence, as the reference for the family's numbers."""
    return float(engine.resources.vader.polarity_scores(sentence)["compound"])


def test_reference_sentences_are_what_they_claim(blank: Engine) -> None:
    assert compound(blank, NEGATIVE) <= -0.5
    assert compound(blank, NEUTRAL_1) == compound(blank, NEUTRAL_2) == 0.0


def test_one_negative_sentence_in_three_gives_a_third(blank: Engine) -> None:
    score = blank.score_text(TEXT)
    assert score.metrics["sentences"] == 3
    assert score.metrics["tone_negative_share"] == pytest.approx(1 / 3)
    assert score.metrics["tone_positive_share"] == 0.0


def test_tone_min_is_the_most_negative_sentence_score(blank: Engine) -> None:
    score = blank.score_text(TEXT)
    assert score.metrics["tone_min"] == pytest.approx(compound(blank, NEGATIVE))


def test_tone_mean_averages_sentences_not_the_whole_text(blank: Engine) -> None:
    score = blank.score_text(TEXT)
    assert score.metrics["tone_mean"] == pytest.approx(compound(blank, NEGATIVE) / 3)
    assert score.metrics["tone_mean"] != pytest.approx(compound(blank, TEXT))


def test_most_negative_sentence_detail_names_that_sentence(blank: Engine) -> None:
    score = blank.score_text(TEXT)
    worst = score.details["most_negative_sentence"]
    assert worst["text"] == NEGATIVE
    assert worst["sentence"] == 1
    assert worst["compound"] == pytest.approx(compound(blank, NEGATIVE))
    assert score.text[worst["start"] : worst["end"]] == NEGATIVE


def test_most_negative_sentence_offsets_delimit_its_text_before_a_paragraph_break(
    blank: Engine,
) -> None:
    headline = "Terrible grief after deadly bombing"  # a paragraph with no final period
    score = blank.score_text(f"{NEUTRAL_1}\n\n{headline}\n\n{NEUTRAL_2}")
    worst = score.details["most_negative_sentence"]
    assert worst["text"] == headline
    assert score.text[worst["start"] : worst["end"]] == headline


def test_evidence_marks_scored_sentences_with_their_score(blank: Engine) -> None:
    score = blank.score_text(TEXT)
    tone = [e for e in score.evidence if e.family == "tone"]
    assert len(tone) == 1  # neutral sentences carry no tone evidence
    (e,) = tone
    assert (e.category, e.text, e.sentence) == ("negative", NEGATIVE, 1)
    assert e.note == f"{compound(blank, NEGATIVE):+.4f}"
    assert e.text == score.text[e.start : e.end]


def test_positive_sentence_is_evidence_of_positive_tone(blank: Engine) -> None:
    positive = "The crowd cheered the brave and kind rescuers."
    score = blank.score_text(f"{NEUTRAL_1} {positive}")
    assert compound(blank, positive) >= 0.05
    assert score.metrics["tone_positive_share"] == pytest.approx(1 / 2)
    assert [(e.category, e.text) for e in score.evidence if e.family == "tone"] == [
        ("positive", positive)
    ]


def test_neutral_text_has_no_negative_share(blank: Engine) -> None:
    score = blank.score_text(f"{NEUTRAL_1} {NEUTRAL_2}")
    assert score.metrics["tone_negative_share"] == 0.0
    assert score.metrics["tone_mean"] == 0.0


def test_tone_of_a_text_without_words_is_nan_not_neutral(blank: Engine) -> None:
    score = blank.score_document(Document(text="— — —", source="dashes"))
    assert math.isnan(score.metrics["tone_mean"])
    assert math.isnan(score.metrics["tone_min"])
    assert score.details["most_negative_sentence"] is None


def test_tone_evidence_names_the_sentence_it_covers(seed_scores: dict[str, ArticleScore]) -> None:
    """Each tone evidence item is a whole sentence: its index points at its own span."""
    for score in seed_scores.values():
        tone = [e for e in score.evidence if e.family == "tone"]
        assert tone
        for e in tone:
            assert score.sentences[e.sentence] == (e.start, e.end), (e.text, e.sentence)
