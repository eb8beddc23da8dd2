"""Frames by construct (framing lexicon 2.0.0): harm decided by who is harmed, crime and
health apart from the index, and an index that says when it has nothing to say."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from framing.score import ArticleScore, Engine

FIXTURE = Path(__file__).parents[1] / "fixtures" / "no_frame_sample.jsonl"


def harm(score: ArticleScore) -> list[tuple[str, str]]:
    """(frame, text) of every harm word a frame counted."""
    return [
        (e.category, e.text.lower())
        for e in score.evidence
        if e.family == "frames" and e.note.endswith("(harm)")
    ]


# --- harm: who is harmed decides the frame ----------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "'He died in my hands': 3 demonstrators killed by security forces.",
        "Soldiers opened fire and killed four civilians at the market.",
        "Two soldiers and a teacher were killed in the shelling.",
        "Troops shot dead two protesters near the border.",
        "Shelling wounded eleven people, including three children.",
        "Russian troops killed residents of the village, survivors said.",
    ],
)
def test_civilian_death_never_counts_strategic(blank: Engine, text: str) -> None:
    score = blank.score_text(text)
    decided = harm(score)
    assert decided, text
    assert all(frame == "humanitarian" for frame, _ in decided), decided


@pytest.mark.parametrize(
    "text",
    [
        "Forty soldiers were killed in the assault on the bridge.",
        "The battalion lost 12 men killed and 30 wounded.",  # "men" is a civilian word: human
        "Three militants died in the firefight.",
    ],
)
def test_harm_with_military_persons(blank: Engine, text: str) -> None:
    decided = harm(blank.score_text(text))
    assert decided
    frames = {f for f, _ in decided}
    if " men " in text:
        assert frames == {"humanitarian"}  # people named as people: a human cost
    else:
        assert frames == {"strategic"}


def test_harm_with_a_crime_word_counts_as_crime(blank: Engine) -> None:
    score = blank.score_text("The gunman's victims were named by police on Monday.")
    assert ("crime_justice", "victims") in harm(score)
    assert score.metrics["humanitarian_terms"] == 0


def test_harm_without_any_context_is_undecided_and_not_counted(blank: Engine) -> None:
    score = blank.score_text("The death toll rose to 40 on Tuesday.")
    assert harm(score) == []
    assert score.metrics["humanitarian_terms"] == score.metrics["strategic_terms"] == 0


# --- crime and justice, health: their own categories, outside the index ----------------------


@pytest.mark.parametrize(
    ("text", "category", "term"),
    [
        ("The league's punishment was a four-game suspension.", "crime_justice", "punishment"),
        ("He was sentenced to ten years for fraud.", "crime_justice", "sentenced"),
        ("The bishop faced claims of sexual abuse.", "crime_justice", "abuse"),
        ("An outbreak of cholera spread through the camp.", "health", "outbreak"),
        ("Hospitals ran short of vaccines.", "health", "vaccines"),
    ],
)
def test_crime_and_health_terms(blank: Engine, text: str, category: str, term: str) -> None:
    score = blank.score_text(text)
    texts = [e.text.lower() for e in score.evidence if e.category == category]
    assert term in texts
    assert score.metrics["humanitarian_terms"] == 0


def test_rights_abuses_stay_humanitarian(blank: Engine) -> None:
    # the longer rights phrase wins over crime's "abus*"
    score = blank.score_text("Monitors documented human rights abuses in the camps.")
    assert score.metrics["humanitarian_terms"] >= 1
    assert score.metrics["crime_justice_terms"] == 0


# --- political conflict: parties and chambers -------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Republicans in the Senate blocked the bill.",
        "Labour MPs voted against the budget in parliament.",
    ],
)
def test_parties_and_chambers_are_political(blank: Engine, text: str) -> None:
    assert blank.score_text(text).metrics["political_conflict_terms"] >= 2


def test_a_party_for_a_birthday_is_not_political(blank: Engine) -> None:
    assert (
        blank.score_text("The party ran late into the night.").metrics["political_conflict_terms"]
        == 0
    )


# --- the index says when it has nothing to say -----------------------------------------------


def _sample() -> list[dict[str, str]]:
    return [json.loads(line) for line in FIXTURE.read_text(encoding="utf-8").splitlines()]


def test_sample_is_thirty_sports_and_business_articles() -> None:
    sample = _sample()
    assert len(sample) == 30
    assert {d["kind"] for d in sample} == {"sport", "business"}


def test_index_is_undefined_on_sports_and_business_pages(blank: Engine) -> None:
    scores = [blank.score_text(d["text"], source=d["id"]) for d in _sample()]
    index = [s.metrics["humanitarian_strategic_index"] for s in scores]
    undefined = sum(math.isnan(i) for i in index)
    assert undefined / len(index) >= 0.9
    assert not any(abs(i) == 1.0 for i in index if not math.isnan(i))
    for s in scores:
        if math.isnan(s.metrics["humanitarian_strategic_index"]):
            assert s.details["frame_index"]["reason"].startswith("no frame language")
