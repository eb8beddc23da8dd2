"""Basics: words, sentences, sentence length and vocabulary diversity."""

from __future__ import annotations

import math

import pytest

from framing.document import Document
from framing.score import Engine


def bare(engine: Engine, text: str) -> dict[str, float | int]:
    """Metrics of ``text`` scored as it is, without the cleaner (which would take a first
    headline-like line as the title)."""
    return engine.score_document(Document(text=text, source="bare")).metrics


# --- words ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("Russia's troops.", 2),
        ("Russia’s troops.", 2),
        ("They don't know.", 3),
        ("The talks, again, failed.", 4),
        ("Did the talks fail? Yes! They did.", 7),
        ("About 300 people left.", 4),
    ],
)
def test_words_exclude_punctuation_and_clitics(blank: Engine, text: str, words: int) -> None:
    assert blank.score_text(text).metrics["words"] == words


# --- sentences ----------------------------------------------------------------------------------


def test_sentences_split_at_final_punctuation(blank: Engine) -> None:
    score = blank.score_text("The ferry left. Did it return? It did! The crowd cheered.")
    assert score.metrics["sentences"] == 4


def test_paragraph_break_ends_a_sentence_without_a_period(blank: Engine) -> None:
    metrics = bare(blank, "Troops on the move\n\nThe refugees fled across the border.")
    assert metrics["sentences"] == 2


def test_headline_like_paragraph_inside_a_text_is_its_own_sentence(blank: Engine) -> None:
    score = blank.score_text(
        "The ferry sailed at dawn.\n\nA long night at sea\n\nThe crew slept on deck."
    )
    assert score.metrics["sentences"] == 3


def test_a_line_of_punctuation_is_not_a_sentence(blank: Engine) -> None:
    metrics = bare(blank, "The ferry left.\n\n* * *\n\nThe crew slept.")
    assert metrics["sentences"] == 2


# --- sentence length and vocabulary -------------------------------------------------------------


def test_mean_sentence_length_is_words_per_sentence(blank: Engine) -> None:
    score = blank.score_text("The troops left. The troops returned home.")
    assert score.metrics["mean_sentence_length"] == pytest.approx(7 / 2)


def test_type_token_ratio_ignores_case(blank: Engine) -> None:
    # words: the troops left the troops returned -> distinct: the, troops, left, returned
    score = blank.score_text("The troops left. The troops returned.")
    assert score.metrics["words"] == 6
    assert score.metrics["type_token_ratio"] == pytest.approx(4 / 6)


def test_type_token_ratio_is_one_without_repeats(blank: Engine) -> None:
    assert blank.score_text("Rain fell all day.").metrics["type_token_ratio"] == 1.0


def test_no_words_gives_zero_counts_and_nan_ratios(blank: Engine) -> None:
    metrics = bare(blank, "— — —")
    assert metrics["words"] == 0
    assert metrics["sentences"] == 0
    assert math.isnan(metrics["mean_sentence_length"])
    assert math.isnan(metrics["type_token_ratio"])


# --- boilerplate --------------------------------------------------------------------------------


def test_clean_text_has_no_boilerplate(blank: Engine) -> None:
    assert blank.score_text("The ferry left at dawn.").metrics["boilerplate_share"] == 0.0


def test_boilerplate_share_is_the_removed_share_of_characters(blank: Engine) -> None:
    body = "The ferry left at dawn and the crew slept on deck."
    score = blank.score_text(f"{body}\n\nShare\n\nAdvertisement")
    assert score.text == body
    removed, kept = len("Share") + len("Advertisement"), len("".join(body.split()))
    assert score.metrics["boilerplate_share"] == pytest.approx(removed / (removed + kept))
