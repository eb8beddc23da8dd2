"""Hedging: hedges, boosters and distancing in the outlet's own voice, rule by rule."""

from __future__ import annotations

import pytest

from framing.score import ArticleScore, Engine


def cues(score: ArticleScore, category: str) -> list[str]:
    """Matched texts of one hedging category, lower-cased, in text order."""
    return [
        e.text.lower() for e in score.evidence if e.family == "hedging" and e.category == category
    ]


def counts(score: ArticleScore) -> tuple[int, int, int, int]:
    m = score.metrics
    return m["hedges"], m["boosters"], m["distancing"], m["approximators"]


# --- the three kinds, kept apart -------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "hedge"),
    [
        ("The talks may fail.", "may"),
        ("The envoy might resign.", "might"),
        ("The army appears to be tired.", "appears to"),
        ("Officials estimate that the town is empty.", "estimate"),
        ("Analysts think the talks will fail.", "think"),
    ],
)
def test_hedge_is_counted_as_a_hedge_only(blank: Engine, text: str, hedge: str) -> None:
    score = blank.score_text(text)
    assert cues(score, "hedges") == [hedge]
    assert counts(score) == (1, 0, 0, 0)
    assert score.metrics["hedged_sentence_share"] == 1.0


@pytest.mark.parametrize(
    ("text", "approximator"),
    [
        ("An estimated 300 people left.", "an estimated"),
        ("Approximately 50 boats sank.", "approximately"),
        ("Around 4,000 people crossed the river.", "around 4,000"),
        ("About 300 people left the town.", "about 300"),
        ("The town was somewhat calmer on Friday.", "somewhat"),
    ],
)
def test_approximator_is_counted_apart_and_does_not_hedge_the_sentence(
    blank: Engine, text: str, approximator: str
) -> None:
    score = blank.score_text(text)
    assert cues(score, "approximators") == [approximator]
    assert counts(score) == (0, 0, 0, 1)
    assert score.metrics["hedged_sentence_share"] == 0.0


@pytest.mark.parametrize(
    "text",
    [
        "A new kind of weapon was shown.",  # "kind of" is a noun phrase, not an adaptor
        "The think tank published a report.",  # "think tank" is not a hedge
        "About the talks, nothing was said.",  # "about" without a number
        "The army is largely made up of conscripts.",  # weak adaptor alone
    ],
)
def test_approximator_hard_negatives(blank: Engine, text: str) -> None:
    score = blank.score_text(text)
    assert score.metrics["approximators"] == 0
    assert score.metrics["hedges"] == 0


@pytest.mark.parametrize(
    ("text", "booster"),
    [
        ("The result was clearly a defeat.", "clearly"),
        ("The figure was confirmed on Monday.", "confirmed"),
    ],
)
def test_booster_is_counted_as_a_booster_only(blank: Engine, text: str, booster: str) -> None:
    score = blank.score_text(text)
    assert cues(score, "boosters") == [booster]
    assert counts(score) == (0, 1, 0, 0)


@pytest.mark.parametrize(
    ("text", "cue"),
    [
        ("The general reportedly fled.", "reportedly"),
        ("The mayor allegedly lied.", "allegedly"),
        ("It is believed that the talks ended.", "it is believed"),
    ],
)
def test_distancing_is_counted_as_distancing_only(blank: Engine, text: str, cue: str) -> None:
    score = blank.score_text(text)
    assert cues(score, "distancing") == [cue]
    assert counts(score) == (0, 0, 1, 0)


def test_not_confirmed_is_a_hedge_not_a_booster(blank: Engine) -> None:
    score = blank.score_text("The figure has not been confirmed.")
    assert cues(score, "hedges") == ["not been confirmed"]
    assert score.metrics["boosters"] == 0


# --- hard negatives ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "People around the world watched the vote.",
        "The ferry left around noon.",
        "The board met to talk about the deal.",
    ],
)
def test_approximator_without_a_number_is_not_a_hedge(blank: Engine, text: str) -> None:
    score = blank.score_text(text)
    assert score.metrics["hedges"] == 0


@pytest.mark.parametrize(
    "text",
    [
        "The vote was held in May 2025.",
        "The talks ended on 3 May.",
        "The ferry stopped running in May.",
    ],
)
def test_the_month_may_is_not_a_hedge(blank: Engine, text: str) -> None:
    score = blank.score_text(text)
    assert score.metrics["hedges"] == 0
    assert cues(score, "hedges") == []


def test_modal_may_and_month_may_in_one_sentence(blank: Engine) -> None:
    score = blank.score_text("The talks may resume in May.")
    assert score.metrics["hedges"] == 1
    (evidence,) = [e for e in score.evidence if e.category == "hedges"]
    assert evidence.text == "may"
    assert evidence.start == score.text.index("may")


# --- quoted speech belongs to the speaker -------------------------------------------------------


def test_hedge_inside_quoted_speech_is_reported_apart(blank: Engine) -> None:
    score = blank.score_text('"The talks may fail, and we might leave," the envoy said.')
    assert score.metrics["hedges"] == 0
    assert score.metrics["hedged_sentence_share"] == 0.0
    assert score.metrics["quoted_hedging_cues"] == 2
    assert cues(score, "quoted_hedges") == ["may", "might"]


def test_boosters_and_distancing_inside_quotes_are_quoted_cues(blank: Engine) -> None:
    score = blank.score_text('"The army clearly lost and reportedly fled," the envoy said.')
    assert counts(score) == (0, 0, 0, 0)
    assert score.metrics["quoted_hedging_cues"] == 2
    assert cues(score, "quoted_boosters") == ["clearly"]
    assert cues(score, "quoted_distancing") == ["reportedly"]


def test_same_hedge_outside_the_quote_counts_as_the_outlets(blank: Engine) -> None:
    score = blank.score_text('"We might leave," the envoy said. The ferry may leave.')
    assert cues(score, "hedges") == ["may"]
    assert cues(score, "quoted_hedges") == ["might"]
    assert score.metrics["hedges"] == 1
    assert score.metrics["quoted_hedging_cues"] == 1


def test_quote_with_only_a_closing_mark_still_holds_its_hedge(blank: Engine) -> None:
    score = blank.score_text("We may leave soon,” the minister said.")
    assert score.metrics["hedges"] == 0
    assert score.metrics["quoted_hedging_cues"] == 1
    assert cues(score, "quoted_hedges") == ["may"]


# --- rates and shares ------------------------------------------------------------------------

# One booster (sentence 1), one hedge (2), one distancing cue (3), one approximator (4),
# nothing in sentence 5.
SHARE_TEXT = (
    "The talks clearly failed. The envoy may resign. The army reportedly withdrew. "
    "Around 300 people stayed. The ferry left."
)


def test_hedged_sentence_share_counts_hedges_and_distancing_not_boosters(blank: Engine) -> None:
    score = blank.score_text(SHARE_TEXT)
    assert score.metrics["sentences"] == 5
    assert counts(score) == (1, 1, 1, 1)
    assert score.metrics["hedged_sentence_share"] == pytest.approx(2 / 5)
    assert score.metrics["approximators_per_sentence"] == pytest.approx(1 / 5)


def test_a_booster_alone_leaves_the_sentence_unhedged(blank: Engine) -> None:
    score = blank.score_text("The result was clearly a defeat.")
    assert score.metrics["hedged_sentence_share"] == 0.0


def test_per_sentence_rates_divide_by_sentences(blank: Engine) -> None:
    score = blank.score_text(SHARE_TEXT)
    assert score.metrics["hedges_per_sentence"] == pytest.approx(1 / 5)
    assert score.metrics["boosters_per_sentence"] == pytest.approx(1 / 5)
    assert score.metrics["distancing_per_sentence"] == pytest.approx(1 / 5)


def test_two_hedges_in_one_sentence_mark_it_once(blank: Engine) -> None:
    score = blank.score_text("The talks may perhaps resume. The ferry left.")
    assert score.metrics["hedges"] == 2
    assert score.metrics["hedged_sentence_share"] == pytest.approx(1 / 2)


def test_hedging_evidence_points_into_the_text(blank: Engine) -> None:
    score = blank.score_text(SHARE_TEXT + ' "We may go," she said.')
    hedging = [e for e in score.evidence if e.family == "hedging"]
    assert len(hedging) == sum(counts(score)) + score.metrics["quoted_hedging_cues"]
    for e in hedging:
        assert e.text == score.text[e.start : e.end]


# --- modal senses by context (hedging 2.0.0) --------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Holmes could not hear the shots.",  # denied ability
        "He couldn't be reached for comment.",
        "From the roof she could hear the sirens.",  # perception: ability
        "The sites could only be visited by the monitors.",  # permission
        "He was held so that he could be questioned.",  # purpose
        "If the bridge fails, the town would be cut off.",  # conditional
        "Would the ceasefire hold through the winter? The envoys left on Monday.",  # question
        "The minister would travel to Paris on Monday.",  # a reported plan
        "They will play whether it rains or not.",  # whether ... or
        "They met whether or not the ban held.",
        "Voters think about the price of bread.",  # to consider
        "The estimates of the damage vary widely.",  # a noun
        "Profits were higher than expected.",  # a fact against a forecast
        "Sales fell as expected in May.",
        "The talks began in May.",  # the month
        "Flowers lay at the Tomb of the Unknown Soldier.",  # a name
        "The police made the severest possible arrests.",  # a superlative
        "Speculators bought the bonds.",  # people
        "Where might the fund earn that return? Nobody in the city knows.",  # a question
        "He was convicted beyond a reasonable doubt.",  # a legal standard
        "Voters believe in the good sense of the country.",  # to trust
        "We strike back with our full military might.",  # the noun
    ],
)
def test_non_epistemic_senses_are_not_hedges(blank: Engine, text: str) -> None:
    score = blank.score_text(text)
    assert cues(score, "hedges") == [], text
    assert score.metrics["hedged_sentence_share"] == 0.0


@pytest.mark.parametrize(
    ("text", "hedge"),
    [
        ("The bridge could collapse within days.", "could"),  # epistemic possibility
        ("Nothing could be ruled out.", "could"),
        ("It could not be ruled out.", "could not be ruled out"),
        ("It is unclear whether the bridge will hold.", "unclear"),
        ("The town may flood again.", "may"),
        ("Officials estimate that the town is empty.", "estimate"),
        ("The deal is expected to close in June.", "expected"),
    ],
)
def test_epistemic_senses_remain_hedges(blank: Engine, text: str, hedge: str) -> None:
    score = blank.score_text(text)
    assert hedge in cues(score, "hedges"), text


def test_conditional_never_counts_even_beside_a_hedge(blank: Engine) -> None:
    score = blank.score_text("If the dam breaks, the valley would probably flood.")
    assert cues(score, "hedges") == ["probably"]


# --- reported speech is the source's voice -----------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Officials said the talks may fail.",
        "The talks may fail, officials said.",
        "According to the police, the suspect might have fled.",
        "The minister suggested that the plan could work.",
    ],
)
def test_hedge_in_reported_speech_is_reported_apart(blank: Engine, text: str) -> None:
    score = blank.score_text(text)
    assert score.metrics["hedges"] == 0
    assert score.metrics["reported_hedging_cues"] >= 1
    assert cues(score, "reported_hedges")
    assert score.metrics["hedged_sentence_share"] == 0.0


def test_same_hedge_in_the_outlets_sentence_counts(blank: Engine) -> None:
    score = blank.score_text("Officials said the talks ended. The deal may fail.")
    assert cues(score, "hedges") == ["may"]
    assert cues(score, "reported_hedges") == []
    assert score.metrics["hedged_sentence_share"] == 0.5


def test_participle_after_a_comma_is_not_a_reporting_cue(blank: Engine) -> None:
    score = blank.score_text("The data arrived late, suggesting the count may be wrong.")
    assert cues(score, "hedges") == ["suggesting", "may"]


def test_agentless_passive_is_not_reported_speech(blank: Engine) -> None:
    score = blank.score_text("The figure was confirmed on Monday, but the toll may rise.")
    assert cues(score, "hedges") == ["may"]
    assert score.metrics["reported_hedging_cues"] == 0


def test_distancing_in_reported_speech_counts_but_does_not_hedge_the_sentence(
    blank: Engine,
) -> None:
    score = blank.score_text("Sources said the general had fled.")
    assert score.metrics["distancing"] == 1
    (e,) = [e for e in score.evidence if e.family == "hedging"]
    assert e.note.endswith("(in reported speech)")
    assert score.metrics["hedged_sentence_share"] == 0.0
    own = blank.score_text("The general reportedly fled.")
    assert own.metrics["hedged_sentence_share"] == 1.0
