"""Attribution: reporting cues, quotes, who speaks and how identifiable they are, rule by rule."""

from __future__ import annotations

from typing import Any

import pytest

from framing.score import ArticleScore, Engine


def records(score: ArticleScore) -> list[dict[str, Any]]:
    atts: list[dict[str, Any]] = score.details["attributions"]
    return atts


def cue_texts(score: ArticleScore) -> list[str | None]:
    return [a["cue"] for a in records(score)]


def only(score: ArticleScore) -> dict[str, Any]:
    """The one attribution of a text that should have exactly one."""
    (att,) = records(score)
    return att


# --- cues -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "cue"),
    [
        ("The ministry said the border was closed.", "said"),
        ("The envoy told reporters the talks would resume.", "told"),
        ("According to the ministry, the border is closed.", "According to"),
    ],
)
def test_reporting_cue_makes_one_attribution(blank: Engine, text: str, cue: str) -> None:
    score = blank.score_text(text)
    assert cue_texts(score) == [cue]
    assert score.metrics["attributions"] == 1


def test_cue_verb_inside_a_quote_is_not_a_cue(blank: Engine) -> None:
    score = blank.score_text('"I said no," she told reporters.')
    assert score.metrics["attributions"] == 1
    assert only(score)["cue"] == "told"


def test_when_asked_is_not_a_cue(blank: Engine) -> None:
    score = blank.score_text("When asked about the border, the envoy smiled.")
    assert score.metrics["attributions"] == 0


def test_when_asked_leaves_the_real_cue_of_its_sentence(blank: Engine) -> None:
    score = blank.score_text("When asked about the border, the envoy said nothing.")
    assert cue_texts(score) == ["said"]


def test_asked_to_leave_is_a_request_not_a_cue(blank: Engine) -> None:
    score = blank.score_text("The envoy was asked to leave the room.")
    assert score.metrics["attributions"] == 0


@pytest.mark.parametrize(
    "text",
    [
        "Claims of involvement were dropped.",
        "The ministry rejected claims of involvement.",
    ],
)
def test_weak_cue_used_as_a_noun_is_not_a_cue(blank: Engine, text: str) -> None:
    score = blank.score_text(text)
    assert score.metrics["attributions"] == 0


def test_claims_after_a_reporting_verb_is_a_noun(blank: Engine) -> None:
    score = blank.score_text("The general refuted claims of involvement.")
    assert "claims" not in cue_texts(score)


def test_weak_cue_used_as_a_verb_is_a_cue(blank: Engine) -> None:
    score = blank.score_text("He claims that the border is open.")
    assert cue_texts(score) == ["claims"]


def test_so_called_is_not_a_reporting_cue(blank: Engine) -> None:
    score = blank.score_text('The so-called "special operation" began in spring.')
    assert score.metrics["attributions"] == 0


# --- direct vs indirect -----------------------------------------------------------------------


def test_cue_without_quoted_words_is_indirect(blank: Engine) -> None:
    score = blank.score_text("Kim said the talks would resume.")
    assert only(score)["mode"] == "indirect"
    assert score.metrics["indirect_attributions"] == 1
    assert score.metrics["direct_attributions"] == 0
    assert score.metrics["direct_quotes"] == 0


def test_cue_with_a_quote_in_its_sentence_is_direct(blank: Engine) -> None:
    score = blank.score_text('"We are ready to sail now," the captain said.')
    att = only(score)
    assert att["mode"] == "direct"
    assert [score.text[s:e] for s, e in att["quotes"]] == ["We are ready to sail now,"]
    assert score.metrics["direct_attributions"] == 1
    assert score.metrics["indirect_attributions"] == 0
    assert score.metrics["direct_quotes"] == 1


def test_inverted_cue_finds_the_speaker_after_it(blank: Engine) -> None:
    score = blank.score_text('"We will go," said Kim.')
    att = only(score)
    assert (att["cue"], att["source"], att["source_kind"], att["mode"]) == (
        "said",
        "Kim",
        "named_person",
        "direct",
    )


def test_quote_over_two_sentences_links_to_the_cue_after_it(blank: Engine) -> None:
    score = blank.score_text('"I walked for days. Would they accept me?" Ri said.')
    att = only(score)
    assert att["mode"] == "direct"
    assert att["source"] == "Ri"
    assert [score.text[s:e] for s, e in att["quotes"]] == [
        "I walked for days. Would they accept me?"
    ]
    assert score.metrics["direct_quotes"] == 1
    assert score.metrics["unattributed"] == 0


def test_quote_of_four_words_without_a_cue_is_an_unattributed_quote(blank: Engine) -> None:
    score = blank.score_text('"We will never give up." The crowd cheered.')
    att = only(score)
    assert (att["cue"], att["source"], att["source_kind"], att["mode"]) == (
        None,
        None,
        "none",
        "direct",
    )
    assert score.metrics["direct_quotes"] == 1
    assert score.metrics["unattributed"] == 1


@pytest.mark.parametrize(
    "text",
    [
        'The so-called "special operation" began in spring.',
        'The "special operation" began in spring.',
        'Residents called the shelter "home" for a year.',
    ],
)
def test_scare_quotes_are_not_direct_quotes(blank: Engine, text: str) -> None:
    score = blank.score_text(text)
    assert score.metrics["direct_quotes"] == 0
    assert score.metrics["direct_attributions"] == 0
    assert score.metrics["quote_word_share"] == 0.0


# --- source kinds -----------------------------------------------------------------------------

SOURCE_KINDS = [
    ("Foreign Minister Park Jin said the talks would resume.", "named_person"),
    ("The ministry said the talks would resume.", "named_organization"),
    ("Reuters reported that the talks would resume.", "named_organization"),
    ("Seoul said the talks would resume.", "named_organization"),
    ("An official said the talks would resume.", "anonymous"),
    ("Officials said the talks would resume.", "anonymous"),
    ("Sources said the talks would resume.", "anonymous"),
    ("Analysts suggest the talks will resume.", "anonymous"),
    ("The ferry left at dawn, officials said.", "anonymous"),
]


@pytest.mark.parametrize(("text", "kind"), SOURCE_KINDS)
def test_source_kind(blank: Engine, text: str, kind: str) -> None:
    score = blank.score_text(text)
    assert only(score)["source_kind"] == kind


@pytest.mark.parametrize(
    ("text", "source"),
    [
        ("Foreign Minister Park Jin said the talks would resume.", "Foreign Minister Park Jin"),
        ("The ministry said the talks would resume.", "The ministry"),
        ("Reuters reported that the talks would resume.", "Reuters"),
        ("Seoul said the talks would resume.", "Seoul"),
        ("An official said the talks would resume.", "An official"),
        ("The ferry left at dawn, officials said.", "officials"),
        ("According to the ministry, the border is closed.", "the ministry"),
    ],
)
def test_source_span_is_the_speaker_phrase(blank: Engine, text: str, source: str) -> None:
    score = blank.score_text(text)
    att = only(score)
    assert att["source"] == source
    start, end = att["source_span"]
    assert score.text[start:end] == source


def test_kind_counts_follow_the_source_kinds(blank: Engine) -> None:
    score = blank.score_text(
        "Foreign Minister Park Jin said the talks would resume. The ministry said the border "
        'was open. An official said the ferry would sail. "We will never give up." '
        "The crowd cheered."
    )
    m = score.metrics
    assert m["named_person_attributions"] == 1
    assert m["named_organization_attributions"] == 1
    assert m["anonymous_attributions"] == 1
    assert m["unattributed"] == 1
    assert m["attributions"] == 4


# --- pronouns ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "second",
    [
        "He told reporters the border would open.",
        "He added that the border would open.",
    ],
)
def test_pronoun_resolves_to_the_earlier_named_speaker(blank: Engine, second: str) -> None:
    score = blank.score_text(f"Kim said the talks would resume. {second}")
    first, then = records(score)
    assert first["source_kind"] == "named_person"
    assert then["source_kind"] == "named_person"
    assert then["resolved_from"] == "He"
    assert then["source"] == "Kim"


def test_pronoun_with_no_earlier_speaker_is_unresolved(blank: Engine) -> None:
    score = blank.score_text("He claims that the border is open.")
    att = only(score)
    assert att["source_kind"] == "unresolved"
    assert att["resolved_from"] == "He"
    assert score.metrics["unattributed"] == 1


def test_it_resolves_to_an_organisation_not_a_person(blank: Engine) -> None:
    score = blank.score_text(
        "Kim said the talks would resume. The ministry said the border was shut. "
        "It told reporters the ferry would sail."
    )
    last = records(score)[-1]
    assert last["resolved_from"] == "It"
    assert last["source_kind"] == "named_organization"
    assert last["source"] == "The ministry"


# --- rates and shares on a tiny text ------------------------------------------------------------

# 25 words, 4 sentences. Sentence 1: indirect cue (the ministry). Sentence 3: a 6-word quote
# with its cue (the captain). Sentences 2 and 4 carry no attribution.
RATES_TEXT = (
    "The ministry said the border was closed. The ferry left at dawn. "
    '"We are ready to sail now," the captain said. Rain fell all day.'
)


def test_attribution_density_is_attributed_sentences_over_sentences(blank: Engine) -> None:
    score = blank.score_text(RATES_TEXT)
    assert score.metrics["sentences"] == 4
    assert score.metrics["attributed_sentences"] == 2
    assert score.metrics["attribution_density"] == pytest.approx(2 / 4)


def test_attributions_per_100_words(blank: Engine) -> None:
    score = blank.score_text(RATES_TEXT)
    assert score.metrics["words"] == 25
    assert score.metrics["attributions"] == 2
    assert score.metrics["attributions_per_100_words"] == pytest.approx(2 / 25 * 100)
    assert score.metrics["named_sources_per_100_words"] == pytest.approx(1 / 25 * 100)


def test_quote_word_share_is_quoted_words_over_words(blank: Engine) -> None:
    score = blank.score_text(RATES_TEXT)
    assert score.metrics["quote_word_share"] == pytest.approx(6 / 25)


# --- the sources list -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "full"),
    [
        (
            "Foreign Minister Anna Berg said the talks would resume. "
            "Berg added that the border would open.",
            "Foreign Minister Anna Berg",
        ),
        (
            "Foreign Minister Park Jin said the talks would resume. "
            "Park added that the border would open.",
            "Foreign Minister Park Jin",
        ),
    ],
)
def test_surname_and_full_name_are_one_source(blank: Engine, text: str, full: str) -> None:
    score = blank.score_text(text)
    assert score.metrics["named_person_attributions"] == 2
    assert score.metrics["distinct_named_sources"] == 1
    assert score.details["sources"] == [{"source": full, "kind": "named_person", "count": 2}]


def test_sources_list_counts_each_source_and_sorts_by_count(blank: Engine) -> None:
    score = blank.score_text(
        "The ministry said the border was closed. Officials said the ferry would sail. "
        "The ministry said the talks would resume."
    )
    assert score.details["sources"] == [
        {"source": "The ministry", "kind": "named_organization", "count": 2},
        {"source": "Officials", "kind": "anonymous", "count": 1},
    ]
    assert score.metrics["distinct_named_sources"] == 1


def test_anonymous_sources_are_not_distinct_named_sources(blank: Engine) -> None:
    score = blank.score_text("An official said the talks would resume.")
    assert score.metrics["distinct_named_sources"] == 0


# --- evidence ---------------------------------------------------------------------------------


def test_attribution_evidence_points_into_the_text(blank: Engine) -> None:
    score = blank.score_text(RATES_TEXT)
    evidence = [e for e in score.evidence if e.family == "attribution"]
    assert {e.category for e in evidence} == {
        "cue",
        "source:named_organization",
        "source:anonymous",
        "direct_quote",
    }
    for e in evidence:
        assert e.text == score.text[e.start : e.end]
    (quote,) = [e for e in evidence if e.category == "direct_quote"]
    assert quote.note == "the captain"


# --- the parsed path agrees on the clear cases ---------------------------------------------------


@pytest.mark.parsed
@pytest.mark.parametrize(("text", "kind"), SOURCE_KINDS)
def test_parsed_source_kind(parsed: Engine, text: str, kind: str) -> None:
    score = parsed.score_text(text)
    assert only(score)["source_kind"] == kind


@pytest.mark.parsed
def test_parsed_inverted_cue(parsed: Engine) -> None:
    att = only(parsed.score_text('"We will go," said Kim.'))
    assert (att["source"], att["source_kind"], att["mode"]) == ("Kim", "named_person", "direct")


@pytest.mark.parsed
def test_parsed_pronoun_resolves_to_the_earlier_named_speaker(parsed: Engine) -> None:
    score = parsed.score_text(
        "Kim said the talks would resume. He added that the border would open."
    )
    then = records(score)[-1]
    assert (then["source_kind"], then["resolved_from"], then["source"]) == (
        "named_person",
        "He",
        "Kim",
    )


@pytest.mark.parsed
def test_parsed_cue_verb_inside_a_quote_is_not_a_cue(parsed: Engine) -> None:
    score = parsed.score_text('"I said no," she told reporters.')
    assert cue_texts(score) == ["told"]


@pytest.mark.parsed
def test_parsed_weak_cue_as_noun_vs_verb(parsed: Engine) -> None:
    assert parsed.score_text("Claims of involvement were dropped.").metrics["attributions"] == 0
    assert cue_texts(parsed.score_text("He claims that the border is open.")) == ["claims"]


def test_an_acronym_source_is_an_organisation(blank: Engine) -> None:
    score = blank.score_text("NASA said the launch was delayed by a week.")
    assert only(score)["source_kind"] == "named_organization"


# --- issue 14: cues, resolution and typing -----------------------------------------------------


def kinds(score: ArticleScore) -> list[tuple[str | None, str]]:
    return [(a["cue"], a["source_kind"]) for a in records(score) if a["cue"]]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("A new poll shows Clinton ahead in Ohio.", [("shows", "document")]),
        ("The survey found broad support for the plan.", [("found", "document")]),
        (
            "The Geneva Conventions stipulate that prisoners be released.",
            [("stipulate", "document")],
        ),
        # event participles and inanimate subjects report nobody's speech
        ("Fires have continued, showing no sign of stopping.", []),
        ("Those facts suggest a wider problem.", []),
        ("He found the keys under the mat.", []),
        ("Analysts suggest the talks will fail.", [("suggest", "anonymous")]),
    ],
)
def test_document_cues_and_non_speech_guards(
    blank: Engine, text: str, expected: list[tuple[str, str]]
) -> None:
    assert kinds(blank.score_text(text)) == expected


def test_colon_introduced_quote_is_an_attribution(blank: Engine) -> None:
    score = blank.score_text(
        'Her answer was blunt. Kim Jong-un: "We will never give up the weapons."'
    )
    att = next(a for a in records(score) if a["cue"] == ":")
    assert att["mode"] == "direct"


def test_dash_after_a_quote_credits_the_name(blank: Engine) -> None:
    score = blank.score_text(
        "Voters in the district were split over the plan on Tuesday.\n\n"
        '"He makes blanket statements about people he knows nothing about." ― Pamela Padilla'
        "\n\nThe vote on the plan is due next week in the state capital."
    )
    att = next(a for a in records(score) if a["cue"] == "―")
    assert (att["source"], att["source_kind"], att["mode"]) == (
        "Pamela Padilla",
        "named_person",
        "direct",
    )


@pytest.mark.parametrize(
    "text",
    [
        "Kurt Volker, a senior diplomat, said the talks had failed.",
        "Another diplomat, Kurt Volker, said the talks had failed.",
    ],
)
def test_apposition_either_order_names_the_person(blank: Engine, text: str) -> None:
    att = only(blank.score_text(text))
    assert (att["source"], att["source_kind"]) == ("Kurt Volker", "named_person")


@pytest.mark.parametrize(
    ("text", "kind", "rule"),
    [
        (
            "The Port of Rotterdam Authority said the port was closed.",
            "named_organization",
            "organisation head",
        ),
        ("Republicans say the bill is dead.", "anonymous", "members of a named group (Democrats)"),
        ("You know the talks are over, you said.", "none", "generic (you, we, people)"),
        (
            "A soldier identified only by his surname Ri said he wants to defect.",
            "named_person",
            "named in the phrase (identified as X)",
        ),
    ],
)
def test_source_kind_and_the_rule_that_typed_it(
    blank: Engine, text: str, kind: str, rule: str
) -> None:
    att = records(blank.score_text(text))[-1]
    assert (att["source_kind"], att["source_rule"]) == (kind, rule)
    note = next(e.note for e in blank.score_text(text).evidence if e.category.startswith("source:"))
    assert rule in note


def test_passive_told_names_no_source(blank: Engine) -> None:
    score = blank.score_text("Ri said he was told he would be trained as a student.")
    assert kinds(score) == [("said", "named_person"), ("told", "none")]


def test_he_resolves_to_the_person_named_before_not_a_description(blank: Engine) -> None:
    text = (
        "Kurt Volker arrived on Monday. The late neurologist was not there. "
        "He said the talks had failed."
    )
    att = only(blank.score_text(text))
    assert (att["resolved_from"], att["source"], att["source_kind"]) == (
        "He",
        "Kurt Volker",
        "named_person",
    )


DATELINE = (
    "LONDON (AP) — The Port Authority said on Monday that ships were waiting. "
    "It posted a notice on its website."
)


def _check_dateline(engine: Engine) -> None:
    atts = records(engine.score_text(DATELINE))
    assert all("LONDON" not in (a["source"] or "") for a in atts)
    posted = next(a for a in atts if a["cue"] == "posted")
    assert (posted["source"], posted["source_kind"]) == ("The Port Authority", "named_organization")


def test_it_never_resolves_to_a_dateline(blank: Engine) -> None:
    _check_dateline(blank)


@pytest.mark.parsed
def test_it_never_resolves_to_a_dateline_parsed(parsed: Engine) -> None:
    _check_dateline(parsed)


def test_surname_after_full_name_is_the_person(blank: Engine) -> None:
    score = blank.score_text(
        "Foreign Minister Andrii Sybiha said the talks would resume. Sybiha added that "
        "nothing was agreed."
    )
    assert [a["source_kind"] for a in records(score)] == ["named_person", "named_person"]
    assert score.metrics["distinct_named_sources"] == 1


def test_document_attributions_are_counted(blank: Engine) -> None:
    m = blank.score_text("A new poll shows Clinton ahead. The ministry said it was calm.").metrics
    assert (m["document_attributions"], m["named_organization_attributions"]) == (1, 1)
