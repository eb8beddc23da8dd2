"""What a rewrite changed: constructed pairs where exactly one thing changes, and the seeds."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from framing.api import diff
from framing.cli import cli
from framing.rewrite.changes import RewriteDiff, diff_scores, word_diff
from framing.score import Engine
from tests.conftest import seed_path

SOURCE = """The interior ministry said on Monday that 1,200 families had been moved from the \
flooded valley since March 3.

"We will not let anyone sleep outside this winter," Interior Minister Clara Vogt told reporters \
in the capital.

Aid workers described shelters in the eastern district as overcrowded, and the regional governor \
said more tents would arrive by Friday.

According to the Red Cross, three field hospitals are operating near the river.

The army has deployed 400 soldiers to rebuild the main bridge, a defence spokesman said."""

ONE_CHANGE = {
    "number": (SOURCE.replace("1,200 families", "1,500 families"), ("number", "changed")),
    "date": (SOURCE.replace("since March 3", "since March 5"), ("date", "changed")),
    "quote": (
        SOURCE.replace(
            "We will not let anyone sleep outside this winter",
            "We will not let anybody sleep outside during the winter",
        ),
        ("quote", "altered"),
    ),
    "attribution": (
        SOURCE.replace(
            "According to the Red Cross, three field hospitals", "Three field hospitals"
        ),
        ("attribution", "stripped"),
    ),
    "hedge": (
        SOURCE.replace("hospitals are operating", "hospitals may be operating"),
        ("hedging", "added"),
    ),
    "commentary": (
        SOURCE + "\n\nThe situation underscores the precarious balance between relief and "
        "reconstruction.",
        ("commentary", "inserted"),
    ),
}


def _diff(engine: Engine, source: str, rewrite: str) -> RewriteDiff:
    return diff_scores(
        engine.score_text(source),
        engine.score_text(rewrite),
        engine.resources.lexicons["evaluation"],
    )


def test_an_identical_rewrite_changes_nothing(blank: Engine) -> None:
    d = _diff(blank, SOURCE, SOURCE)
    assert d.changes == []
    assert set(d.alignment.rewrite_label) == {"kept"}
    assert set(d.alignment.source_label) == {"kept"}


@pytest.mark.parametrize("name", sorted(ONE_CHANGE))
def test_exactly_the_one_change_is_found(blank: Engine, name: str) -> None:
    rewrite, expected = ONE_CHANGE[name]
    d = _diff(blank, SOURCE, rewrite)
    assert [(c.kind, c.change) for c in d.changes] == [expected]
    change = d.changes[0]
    if change.rewrite_span is not None:
        assert d.rewrite.text[slice(*change.rewrite_span)] == change.rewrite_text
    if change.source_span is not None and change.kind != "attribution":
        assert d.source.text[slice(*change.source_span)] == change.source_text


def test_number_change_names_both_values(blank: Engine) -> None:
    d = _diff(blank, SOURCE, ONE_CHANGE["number"][0])
    assert d.changes[0].source_text == "1,200" and d.changes[0].rewrite_text == "1,500"


def test_quote_turned_into_indirect_speech(blank: Engine) -> None:
    rewrite = SOURCE.replace(
        '"We will not let anyone sleep outside this winter," Interior Minister Clara Vogt told '
        "reporters in the capital.",
        "Interior Minister Clara Vogt told reporters in the capital that she would not let "
        "anyone sleep outside this winter.",
    )
    d = _diff(blank, SOURCE, rewrite)
    assert ("quote", "indirect") in [(c.kind, c.change) for c in d.changes]


def test_quotation_marks_lost(blank: Engine) -> None:
    rewrite = SOURCE.replace(
        '"We will not let anyone sleep outside this winter," Interior',
        "We will not let anyone sleep outside this winter, Interior",
    )
    d = _diff(blank, SOURCE, rewrite)
    assert ("quote", "quotation_marks_lost") in [(c.kind, c.change) for c in d.changes]


def test_named_source_made_anonymous_is_downgraded(blank: Engine) -> None:
    rewrite = SOURCE.replace("Interior Minister Clara Vogt told", "an official told")
    d = _diff(blank, SOURCE, rewrite)
    assert [(c.kind, c.change) for c in d.changes] == [("attribution", "downgraded")]


def test_dropped_sentences_are_not_changes_but_are_labelled(blank: Engine) -> None:
    rewrite = SOURCE.replace(
        "Aid workers described shelters in the eastern district as overcrowded, and the regional "
        "governor said more tents would arrive by Friday.\n\n",
        "",
    )
    d = _diff(blank, SOURCE, rewrite)
    assert d.alignment.source_label.count("dropped") == 1
    assert [c for c in d.changes if c.kind != "quote"] == []


def test_word_diff_marks_removed_and_added_words() -> None:
    assert word_diff("recognized as our nationals", "recognized as our citizens") == (
        "recognized as our [-nationals-] {+citizens+}"
    )


# --------------------------------------------------------------------------- seeds


@pytest.fixture(scope="module")
def seed_diff() -> RewriteDiff:
    return diff(seed_path("004"), seed_path("001"), spacy_model="blank")


def test_seeds_align_on_the_ministry_statement(seed_diff: RewriteDiff) -> None:
    a = seed_diff.alignment
    ministry = next(
        r for r, text in enumerate(a.rewrite) if text.startswith("North Korean soldiers are")
    )
    # a translated rewrite: the sentence renders two source sentences, loosely by its words
    assert a.rewrite_label[ministry] in ("merged", "loose")
    assert any("recognized as our nationals" in a.source[s] for s in a.rewrite_to[ministry])


def test_seed_quote_is_altered_and_partly_turned_indirect(seed_diff: RewriteDiff) -> None:
    quotes = [c for c in seed_diff.changes if c.kind == "quote"]
    altered = [c for c in quotes if c.change == "altered"]
    assert any(
        "recognized as our nationals" in (c.source_text or "")
        and "constitutionally recognized as our citizens" in (c.rewrite_text or "")
        for c in altered
    )
    assert any(
        c.change == "indirect" and "forcibly returned" in (c.source_text or "") for c in quotes
    )


def test_seed_attribution_upgrade_from_an_official_to_the_ministry(
    seed_diff: RewriteDiff,
) -> None:
    assert any(
        c.kind == "attribution"
        and c.change == "upgraded"
        and "an official" in c.detail
        and "Ministry" in (c.rewrite_text or "")
        for c in seed_diff.changes
    )


def test_diff_cli_formats() -> None:
    runner = CliRunner()
    args = ["diff", str(seed_path("004")), str(seed_path("001")), "--spacy-model", "blank"]
    out = runner.invoke(cli, [*args, "--format", "json"])
    assert out.exit_code == 0, out.output
    record = json.loads(out.stdout)
    assert record["counts"]["quote:altered"] >= 1
    assert {"alignment", "frame", "changes"} <= set(record)
    md = runner.invoke(cli, [*args, "--format", "markdown"])
    assert md.exit_code == 0 and "## Changes" in md.stdout
    table = runner.invoke(cli, args)
    assert table.exit_code == 0 and "quote: altered" in table.stdout


def test_seed_rewrite_makes_no_claim_about_ris_refuge_quote(seed_diff: RewriteDiff) -> None:
    """004 -> 001: 001 never renders "If I seek refuge, would they accept me?"; the government's
    offer of protection shares three words with it and must not be read as that quote turned
    indirect, nor its speaker Ri as downgraded to "The government"."""
    src = seed_diff.source
    refuge = src.text.index("If I seek refuge")
    quote_sents = {k for k, (s, e) in enumerate(src.sentences) if s <= refuge < e}
    claims = [
        c
        for c in seed_diff.changes
        if c.change != "dropped"
        and (c.source_sentence in quote_sents or "seek refuge" in (c.source_text or ""))
    ]
    assert claims == []
    assert not any(
        c.kind == "attribution" and "Ri" in c.detail and "government" in c.detail.lower()
        for c in seed_diff.changes
    )


def test_seed_weak_alignments_are_loose_and_claim_nothing(seed_diff: RewriteDiff) -> None:
    a = seed_diff.alignment
    announcement = next(s for s, t in enumerate(a.source) if t.startswith("The announcement"))
    concern = next(r for r, t in enumerate(a.rewrite) if t.startswith("Additionally"))
    assert a.match_class(concern, announcement) in ("loose", "unrelated")
    confident = {(r, s) for r, s, _ in a.pairs() if a.match_class(r, s) in ("verbatim", "close")}
    for c in seed_diff.changes:
        if "matched by its quoted words" in c.detail:
            continue  # a quote found inside a rewrite quote: its words are the evidence
        if (
            c.kind in ("quote", "attribution", "hedging", "number", "date")
            and c.change != "dropped"
        ):
            assert (c.rewrite_sentence, c.source_sentence) in confident, c


# --------------------------------------------------------------------------- a strike story

STRIKE = """ROTTERDAM (Reuters) - About 1,800 dockworkers walked off the job at the Port of \
Rotterdam on Monday, halting container traffic at Europe's largest port, the FNV union said.

The strike began at 6 a.m. after talks on a new wage agreement collapsed on Friday, union \
spokesman Jan de Vries told reporters.

"We have waited two years for a fair offer," de Vries said.

The Port of Rotterdam Authority said about 30 ships were waiting to berth and that it expected \
delays to last several days.

Employers' group VNO said it regretted the walkout and remained open to talks."""

OPINION = (
    "The walkout shows once again how militant unions are holding Europe's economy hostage to "
    "protect outdated jobs."
)


def test_strike_rewrite_changed_count_under_approximators(blank: Engine) -> None:
    rewrite = STRIKE.replace("ROTTERDAM (Reuters) - About 1,800", "ROTTERDAM — Around 2,500")
    d = _diff(blank, STRIKE, rewrite + "\n\n" + OPINION)
    numbers = [c for c in d.changes if c.kind == "number"]
    assert [(c.change, c.source_text, c.rewrite_text) for c in numbers] == [
        ("changed", "About 1,800", "Around 2,500")
    ]
    commentary = [c for c in d.changes if c.kind == "commentary"]
    assert [c.rewrite_text for c in commentary] == [OPINION]
    assert "once again" in commentary[0].detail and "militant" in commentary[0].detail
    assert not any(c.kind == "attribution" for c in d.changes), d.changes


def test_about_turned_around_is_not_a_change(blank: Engine) -> None:
    rewrite = STRIKE.replace("About 1,800", "Around 1,800").replace("(Reuters) -", "—")
    assert [c for c in _diff(blank, STRIKE, rewrite).changes if c.kind == "number"] == []


def test_an_added_fact_is_not_commentary(blank: Engine) -> None:
    fact = "Shipping line Maersk said it would divert three vessels to Antwerp, a shameful mess."
    d = _diff(blank, STRIKE, STRIKE + "\n\n" + fact)
    assert not any(c.kind == "commentary" for c in d.changes)


@pytest.mark.parametrize(
    "sentence",
    [
        "As always, the dockworkers' demands are utterly reckless.",
        "The walkout is a disastrous, shameful debacle for the port.",
    ],
)
def test_inserted_commentary_needs_evaluation(blank: Engine, sentence: str) -> None:
    d = _diff(blank, STRIKE, STRIKE + "\n\n" + sentence)
    assert [c.kind for c in d.changes if c.kind == "commentary"] == ["commentary"]
    neutral = "The walkout continued into the evening at the port."
    d = _diff(blank, STRIKE, STRIKE + "\n\n" + neutral)
    assert not any(c.kind == "commentary" for c in d.changes)
