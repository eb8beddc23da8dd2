"""Humanitarian vs strategic language (lexicon ``framing``).

Humanitarian: human cost and rights. Strategic: military, security and geopolitical
calculation. Terms count wherever they occur, quoted speech included: choosing a quote is a
framing choice too. The index (H - S) / (H + S) is 0 when neither occurs. Political conflict
(disagreement between parties) and human interest (individual people, private lives, feelings)
are counted apart: they are other frames, not sides of this index.
"""

from __future__ import annotations

from framing.evidence import FamilyResult
from framing.features._util import NAN, ratio
from framing.features.context import FeatureContext
from framing.features.registry import Metric, count, feature, rate, share

CITATION = (
    "Lee & Maslog (2005) war/peace journalism; Semetko & Valkenburg (2000) human-interest and "
    "conflict frames; Boydstun et al. (2014) Policy Frames Codebook"
)
SIDES = ("humanitarian", "strategic")
#: Political disagreement and the human face of a story (Semetko & Valkenburg's conflict and
#: human-interest frames); reported, not in the index.
CATEGORIES = (*SIDES, "political_conflict", "human_interest")


@feature(
    "frames",
    title="Humanitarian vs strategic language",
    description="Lexicon counts of human-cost/rights language against military/security/"
    "geopolitical language, and a signed index between them; political conflict (disagreement "
    "between parties) and human interest (the human face of a story) are counted apart.",
    requires=("lexicon:framing",),
    citation=CITATION,
    metrics=(
        count("humanitarian_terms", "Matches of the humanitarian category.", unit="matches"),
        count("strategic_terms", "Matches of the strategic category.", unit="matches"),
        rate(
            "humanitarian_per_1000_words",
            "Humanitarian matches per 1,000 words.",
            "matches per 1,000 words",
        ),
        rate(
            "strategic_per_1000_words",
            "Strategic matches per 1,000 words.",
            "matches per 1,000 words",
        ),
        share("humanitarian_sentence_share", "Share of sentences with a humanitarian match."),
        share("strategic_sentence_share", "Share of sentences with a strategic match."),
        count(
            "political_conflict_terms",
            "Matches of the political_conflict category (disagreement, reproach, sides; "
            "not military strategy; not in the index).",
            unit="matches",
        ),
        rate(
            "political_conflict_per_1000_words",
            "Political-conflict matches per 1,000 words.",
            "matches per 1,000 words",
            citation="Semetko & Valkenburg (2000) conflict frame",
        ),
        share(
            "political_conflict_sentence_share",
            "Share of sentences with a political-conflict match.",
        ),
        count(
            "human_interest_terms",
            "Matches of the human_interest category (family roles, ages, private lives, "
            "feelings of the people affected; not in the index).",
            unit="matches",
        ),
        rate(
            "human_interest_per_1000_words",
            "Human-interest matches per 1,000 words.",
            "matches per 1,000 words",
            citation="Semetko & Valkenburg (2000) human-interest frame",
        ),
        share(
            "human_interest_sentence_share",
            "Share of sentences with a human-interest match.",
        ),
        Metric(
            "humanitarian_strategic_index",
            "(H - S) / (H + S) over match counts: +1 all "
            "humanitarian, -1 all strategic, 0 balanced or neither.",
            "index",
            "number",
            -1,
            1,
            "signed",
            CITATION,
        ),
    ),
)
def frames(ctx: FeatureContext) -> FamilyResult:
    values: dict[str, float | int] = {}
    evidence = []
    counts = {}
    shares = {}
    for side in CATEGORIES:
        ms = [m for m in ctx.strong_matches("framing") if m.category == side]
        counts[side] = len(ms)
        sents = {ctx.sentence_of[m.start] for m in ms} - {-1}
        shares[side] = ratio(len(sents), len(ctx.sentences))
        evidence += [ctx.evidence("frames", side, m.start, m.end, m.term) for m in ms]
    # in declared order: the two sides measure by measure, then each other frame's three
    for group in (SIDES, *((c,) for c in CATEGORIES[len(SIDES) :])):
        values.update({f"{c}_terms": counts[c] for c in group})
        values.update({f"{c}_per_1000_words": ratio(counts[c], ctx.n_words, 1000) for c in group})
        values.update({f"{c}_sentence_share": shares[c] for c in group})
    h, s = counts["humanitarian"], counts["strategic"]
    values["humanitarian_strategic_index"] = (
        (h - s) / (h + s) if h + s else (0.0 if ctx.n_words else NAN)
    )
    return FamilyResult(values, evidence)
