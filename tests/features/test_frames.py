"""Frames: humanitarian vs strategic language, rule by rule (lexicon ``framing``)."""

from __future__ import annotations

import math

import pytest

from framing.document import Document
from framing.score import ArticleScore, Engine


def frame_terms(score: ArticleScore, side: str) -> list[str]:
    """The matched texts of one frame, lower-cased, in text order."""
    return [e.text.lower() for e in score.evidence if e.family == "frames" and e.category == side]


# --- humanitarian terms ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "term"),
    [
        ("The court rejected his claim for asylum.", "asylum"),
        ("Thousands of refugees waited at the gate.", "refugees"),
        ("She described years of persecution at home.", "persecution"),
        ("The report lists abuses of human rights in the camps.", "human rights"),
    ],
)
def test_humanitarian_term_is_counted(blank: Engine, text: str, term: str) -> None:
    score = blank.score_text(text)
    assert term in frame_terms(score, "humanitarian")
    assert score.metrics["humanitarian_terms"] >= 1


def test_each_humanitarian_term_counts_once(blank: Engine) -> None:
    score = blank.score_text(
        "The asylum judge heard that refugees faced persecution and that human rights were ignored."
    )
    assert frame_terms(score, "humanitarian") == [
        "asylum",
        "refugees",
        "persecution",
        "human rights",
    ]
    assert score.metrics["humanitarian_terms"] == 4
    assert score.metrics["strategic_terms"] == 0


# --- strategic terms ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "term"),
    [
        ("The army fired artillery at the river crossing.", "artillery"),
        ("The deployment of troops began on Monday.", "deployment"),
        ("The troops held the frontline all winter.", "frontline"),
        ("The two states signed an arms deal.", "arms deal"),
    ],
)
def test_strategic_term_is_counted(blank: Engine, text: str, term: str) -> None:
    score = blank.score_text(text)
    assert term in frame_terms(score, "strategic")


def test_each_strategic_term_counts_once(blank: Engine) -> None:
    score = blank.score_text("The troops began a deployment to the frontline after an arms deal.")
    # "troops" is context (military_persons): it licenses the weak terms but is not counted
    assert frame_terms(score, "strategic") == ["deployment", "frontline", "arms deal"]
    assert score.metrics["strategic_terms"] == 3
    assert score.metrics["humanitarian_terms"] == 0


# --- weak terms: only next to a strong term of the same frame --------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "The firm signed a strategic partnership with Samsung.",
        "Our marketing strategy worked well this year.",
        "The crews deploy solar panels on the roofs.",
        "The coach changed tactics after the first half.",
    ],
)
def test_business_sense_of_a_weak_strategic_term_counts_nothing(blank: Engine, text: str) -> None:
    score = blank.score_text(text)
    assert score.metrics["strategic_terms"] == 0
    assert score.metrics["humanitarian_terms"] == 0
    assert score.metrics["strategic_sentence_share"] == 0.0
    assert [e for e in score.evidence if e.family == "frames"] == []


def test_weak_strategic_term_counts_in_a_sentence_with_troops(blank: Engine) -> None:
    score = blank.score_text("The strategic value of the troops was plain.")
    assert frame_terms(score, "strategic") == ["strategic"]
    assert score.metrics["strategic_terms"] == 1


def test_weak_term_needs_a_strong_term_in_its_own_sentence(blank: Engine) -> None:
    score = blank.score_text("The artillery left the city. The firm changed its strategy.")
    assert frame_terms(score, "strategic") == ["artillery"]


def test_strong_term_of_the_other_frame_does_not_license_a_weak_term(blank: Engine) -> None:
    score = blank.score_text("The refugees had a strategy to wait.")
    assert score.metrics["strategic_terms"] == 0
    assert frame_terms(score, "humanitarian") == ["refugees"]


@pytest.mark.parametrize(
    "text",
    [
        "New rules on data protection came into force.",
        "Market forces set the price of rice.",
    ],
)
def test_everyday_phrases_with_frame_words_are_not_counted(blank: Engine, text: str) -> None:
    score = blank.score_text(text)
    assert score.metrics["humanitarian_terms"] == 0
    assert score.metrics["strategic_terms"] == 0


# --- index (H - S) / (H + S) -----------------------------------------------------------------


# A text with enough frame language for a defined index: at least 4 humanitarian + strategic
# matches in at least 2 sentences.
HUMANITARIAN_ONLY = "The refugees asked for asylum. Displaced families fled the persecution."
STRATEGIC_ONLY = "The artillery kept up the shelling. Missiles and drones hit the airbase."


def test_index_is_plus_one_with_only_humanitarian_terms(blank: Engine) -> None:
    score = blank.score_text(HUMANITARIAN_ONLY)
    assert score.metrics["humanitarian_terms"] >= 4
    assert score.metrics["humanitarian_strategic_index"] == 1.0


def test_index_is_minus_one_with_only_strategic_terms(blank: Engine) -> None:
    score = blank.score_text(STRATEGIC_ONLY)
    assert score.metrics["strategic_terms"] >= 4
    assert score.metrics["humanitarian_strategic_index"] == -1.0


def test_index_is_zero_when_both_frames_balance(blank: Engine) -> None:
    score = blank.score_text(
        "The artillery hit the camp. The refugees fled. Missiles and drones hit asylum seekers."
    )
    h, s = score.metrics["humanitarian_terms"], score.metrics["strategic_terms"]
    assert h == s == 3
    assert score.metrics["humanitarian_strategic_index"] == 0.0


def test_index_is_signed_share_of_the_difference(blank: Engine) -> None:
    score = blank.score_text("The refugees fled the shelling. Asylum seekers feared persecution.")
    h, s = score.metrics["humanitarian_terms"], score.metrics["strategic_terms"]
    assert (h, s) == (4, 1)  # refugees, fled, asylum, persecution; shelling
    assert score.metrics["humanitarian_strategic_index"] == pytest.approx((4 - 1) / (4 + 1))


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("The ferry sailed at dawn and the crew sang.", "0 humanitarian + strategic"),
        ("The refugees asked for asylum.", "2 humanitarian + strategic"),  # too few matches
        ("Refugees fled persecution and asked for asylum.", "in 1 sentence"),  # one sentence
    ],
)
def test_index_is_undefined_without_enough_frame_language(
    blank: Engine, text: str, why: str
) -> None:
    score = blank.score_text(text)
    assert math.isnan(score.metrics["humanitarian_strategic_index"])
    assert math.isnan(score.metrics["humanitarian_strategic_index_low"])
    assert math.isnan(score.metrics["humanitarian_strategic_index_high"])
    assert score.details["frame_index"]["defined"] is False
    assert why in score.details["frame_index"]["reason"]


def test_defined_index_has_no_reason_and_an_interval_around_it(blank: Engine) -> None:
    score = blank.score_text("The refugees fled the shelling. Asylum seekers feared persecution.")
    m = score.metrics
    assert score.details["frame_index"] == {"defined": True, "reason": None}
    assert -1 <= m["humanitarian_strategic_index_low"] < m["humanitarian_strategic_index"]
    assert m["humanitarian_strategic_index"] < m["humanitarian_strategic_index_high"] <= 1


def test_interval_narrows_with_more_evidence() -> None:
    from framing.features.frames import wilson_index_interval

    low4, high4 = wilson_index_interval(3, 1)
    low40, high40 = wilson_index_interval(30, 10)
    assert high40 - low40 < high4 - low4
    assert low40 < 0.5 < high40  # the point estimate (30 - 10) / 40 = 0.5 lies inside


def test_frame_salience_is_h_plus_s_per_1000_words(blank: Engine) -> None:
    score = blank.score_text(HUMANITARIAN_ONLY)
    m = score.metrics
    expected = (m["humanitarian_terms"] + m["strategic_terms"]) / m["words"] * 1000
    assert m["frame_salience"] == pytest.approx(expected)


def test_index_and_rates_are_nan_for_a_text_without_words(blank: Engine) -> None:
    # score_text refuses such input, so the family is reached through a bare Document
    score = blank.score_document(Document(text="— — —", source="dashes"))
    assert score.metrics["humanitarian_terms"] == 0
    assert math.isnan(score.metrics["humanitarian_strategic_index"])
    assert math.isnan(score.metrics["frame_salience"])
    assert score.details["frame_index"]["reason"] == "no words"
    assert math.isnan(score.metrics["humanitarian_per_1000_words"])
    assert math.isnan(score.metrics["strategic_sentence_share"])


# --- rates and sentence shares ----------------------------------------------------------------

# 20 words in 4 sentences: humanitarian "refugees", "fled" (sentence 1), strategic "artillery"
# (sentence 2); sentences 3 and 4 carry neither.
RATES_TEXT = (
    "The refugees fled at night. The artillery stayed in the town. "
    "The ferry left the harbour early. Cold rain fell."
)


def test_rates_are_matches_per_1000_words(blank: Engine) -> None:
    score = blank.score_text(RATES_TEXT)
    assert score.metrics["words"] == 20
    assert score.metrics["humanitarian_per_1000_words"] == pytest.approx(2 / 20 * 1000)
    assert score.metrics["strategic_per_1000_words"] == pytest.approx(1 / 20 * 1000)


def test_sentence_shares_count_sentences_not_matches(blank: Engine) -> None:
    score = blank.score_text(RATES_TEXT)
    assert score.metrics["sentences"] == 4
    assert score.metrics["humanitarian_sentence_share"] == pytest.approx(1 / 4)
    assert score.metrics["strategic_sentence_share"] == pytest.approx(1 / 4)


def test_terms_in_quoted_speech_count_too(blank: Engine) -> None:
    score = blank.score_text('"We saw the refugees at the border," the mayor said.')
    assert frame_terms(score, "humanitarian") == ["refugees"]


# --- evidence ---------------------------------------------------------------------------------


def test_every_frame_count_has_evidence_pointing_into_the_text(blank: Engine) -> None:
    score = blank.score_text(RATES_TEXT + "\n\nThe strategic value of the artillery was plain.")
    frames = [e for e in score.evidence if e.family == "frames"]
    for side in ("humanitarian", "strategic"):
        assert len([e for e in frames if e.category == side]) == score.metrics[f"{side}_terms"]
    for e in frames:
        assert e.text == score.text[e.start : e.end]
        assert e.note  # the lexicon term that matched


def test_frame_evidence_carries_its_sentence_index(blank: Engine) -> None:
    score = blank.score_text(RATES_TEXT)
    assert [(e.text, e.sentence) for e in score.evidence if e.family == "frames"] == [
        ("refugees", 0),
        ("fled", 0),
        ("artillery", 1),
    ]


# --- the separate frames: political conflict and human interest -------------------------------


@pytest.mark.parametrize(
    ("text", "category", "term"),
    [
        ("The senators clashed over the bill.", "political_conflict", "clashed"),
        ("Critics condemned the plan.", "political_conflict", "critics"),
        ("Her grandmother grew up by the river.", "human_interest", "grandmother"),
        ("The 63-year-old said the floods took her home.", "human_interest", "year-old"),
        ("Residents were worried about the water.", "human_interest", "worried"),
    ],
)
def test_separate_frame_term_is_counted(blank: Engine, text: str, category: str, term: str) -> None:
    score = blank.score_text(text)
    assert term in frame_terms(score, category)
    assert score.metrics[f"{category}_terms"] >= 1


@pytest.mark.parametrize(
    "text",
    [
        "The think tank published the emissions data for 2023.",
        "The home team won the final.",  # weak "home" without a strong human-interest term
        "A new kind of turbine was installed offshore.",
    ],
)
def test_separate_frame_hard_negatives(blank: Engine, text: str) -> None:
    score = blank.score_text(text)
    assert score.metrics["human_interest_terms"] == 0
    assert score.metrics["political_conflict_terms"] == 0


def test_separate_frames_stay_out_of_the_index(blank: Engine) -> None:
    score = blank.score_text(
        "The mother wept as critics condemned the airstrikes. Police arrested the arms dealers."
        " Senators and doctors blamed the missiles and the shelling."
    )
    assert score.metrics["human_interest_terms"] == 2
    assert score.metrics["political_conflict_terms"] >= 3
    assert score.metrics["crime_justice_terms"] >= 1
    assert score.metrics["health_terms"] == 1
    # the index sees only the strategic airstrikes, arms, missiles and shelling
    assert score.metrics["humanitarian_strategic_index"] == -1.0


def test_weak_human_interest_term_needs_a_strong_one_in_its_sentence(blank: Engine) -> None:
    score = blank.score_text("Farmers felt the drought. A farmer's daughter was worried.")
    # "farmers" and "felt" are weak and alone in the first sentence; the second has strong terms
    assert frame_terms(score, "human_interest") == ["farmer", "daughter", "worried"]
