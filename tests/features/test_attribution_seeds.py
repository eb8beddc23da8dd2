"""Who speaks in the seeds: every attribution of the Korea Times original (004) and of its
rewrite 001 typed the way a reader would type it, and `framing diff` 004 -> 001 naming only
those kinds (issue #14). The expected kinds were written down from the texts before the
attribution family was run on them; they hold on both paths."""

from __future__ import annotations

import re

import pytest

from framing import api
from framing.score import ArticleScore
from tests.conftest import seed_path

#: (cue, kind) of every attribution with a cue, in text order.
EXPECTED = {
    "004": [
        ("said", "named_organization"),  # The South Korean government said
        ("reaffirming", "named_organization"),  # ..., reaffirming its commitment
        ("reported", "anonymous"),  # local media reported
        ("expressed", "anonymous"),  # a North Korean soldier held in Ukraine expressed
        ("said", "anonymous"),  # an official at the Ministry of Foreign Affairs said
        ("added", "anonymous"),  # the official added
        ("According to", "named_organization"),  # an interview by Chosun Ilbo
        ("stated", "named_person"),  # a soldier identified only by his surname Ri
        ("said", "named_person"),  # Ri said
        ("adding", "named_person"),
        ("claimed", "named_person"),  # Ri claimed
        ("said", "named_person"),  # He also said (Ri)
        ("quoted as saying", "named_person"),  # he was quoted as saying (Ri)
        ("responded that", "named_person"),  # he responded that (Ri)
        ("said", "named_person"),  # Ambassador ... Dmytro Ponomarenko said
        ("said", "named_person"),  # Ponomarenko said
        ("stipulate", "document"),  # The Geneva Conventions on POWs stipulate
        ("acknowledged", "named_organization"),  # neither Russia nor North Korea
        ("acknowledged", "named_person"),  # U.S. President Donald Trump
        ("said", "named_person"),  # he said during a press conference (Trump)
    ],
    "001": [
        ("said", "named_organization"),  # the Ministry of Foreign Affairs said
        ("expressed", "anonymous"),  # a North Korean soldier detained by Ukraine
        ("stated", "anonymous"),  # one of the two North Korean soldiers
        ("stated", "named_organization"),  # the Ministry of Foreign Affairs stated
        ("added", "named_organization"),  # The government added
        ("confirmed", "named_organization"),  # It also confirmed (the government)
        ("conveyed", "named_organization"),  # it has already conveyed
        ("emphasized", "named_organization"),  # The Ministry emphasized
        ("expressed", "named_organization"),  # it expressed concern
        ("According to", "document"),  # the Third Geneva Convention
        ("stated", "named_person"),  # The captured soldier, identified as Ri, stated
        ("told", "none"),  # he was told: the teller is not named
        ("claimed", "named_person"),  # He also claimed (Ri)
    ],
}


def _typed(score: ArticleScore) -> list[tuple[str, str]]:
    """(first word of the cue, kind): "added" and "added that" are the same cue."""
    return [
        (a["cue"].split()[0], a["source_kind"]) for a in score.details["attributions"] if a["cue"]
    ]


def _first_words(expected: list[tuple[str, str]]) -> list[tuple[str, str]]:
    return [(cue.split()[0], kind) for cue, kind in expected]


@pytest.mark.parametrize("seed", sorted(EXPECTED))
def test_seed_sources_typed_right_fast(seed_scores: dict[str, ArticleScore], seed: str) -> None:
    assert _typed(seed_scores[seed]) == _first_words(EXPECTED[seed])


@pytest.mark.parsed
@pytest.mark.parametrize("seed", sorted(EXPECTED))
def test_seed_sources_typed_right_parsed(
    seed_scores_parsed: dict[str, ArticleScore], seed: str
) -> None:
    assert _typed(seed_scores_parsed[seed]) == _first_words(EXPECTED[seed])


def test_seed_pronouns_resolve_to_the_speaker(seed_scores: dict[str, ArticleScore]) -> None:
    recs = {(a["cue"], a["resolved_from"]): a for a in seed_scores["004"].details["attributions"]}
    assert "Ri" in recs[("quoted as saying", "he")]["source"]
    last = [a for a in seed_scores["004"].details["attributions"] if a["cue"]][-1]
    assert last["resolved_from"] == "he" and "Trump" in last["source"]
    confirmed = next(
        a for a in seed_scores["001"].details["attributions"] if a["cue"] == "confirmed"
    )
    assert "government" in confirmed["source"]


def test_diff_004_to_001_reports_the_kinds_of_both_articles(
    seed_scores: dict[str, ArticleScore],
) -> None:
    d = api.diff(seed_path("004"), seed_path("001"), spacy_model="blank")
    changes = [c for c in d.changes if c.kind == "attribution"]
    assert changes
    known = {
        (a["source"] or "no source", a["source_kind"])
        for seed in ("004", "001")
        for a in seed_scores[seed].details["attributions"]
    }
    for c in changes:
        for source, kind in re.findall(r"([^>()]+?) \((\w+)\)", c.detail):
            source = source.removeprefix("attribution to ").strip()
            assert (source, kind) in known, c.detail
