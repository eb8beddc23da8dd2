"""Hedging (lexicon ``hedging``): hedges, boosters, attribution-distancing and approximators
kept apart.

Approximators ("around 11,000", "somewhat") make content approximate without lowering the
writer's commitment (Prince et al. 1982's approximators vs shields), so they are counted but do
not make a sentence hedged. Only the article's own voice counts: cues inside quoted speech
belong to the speaker and are reported separately as ``quoted_hedging_cues``.
"""

from __future__ import annotations

from framing.evidence import FamilyResult
from framing.features._util import ratio
from framing.features.context import FeatureContext
from framing.features.registry import count, feature, rate, share

CITATION = (
    "Hyland (1998, 2005) hedges and boosters; Prince, Frader & Bosk (1982) approximators "
    "and shields; Szarvas et al. (2012) uncertainty cues; Ganter & Strube (2009) weasel words"
)
KINDS = ("hedges", "boosters", "distancing", "approximators")
#: Categories that make a sentence hedged (approximators and boosters do not).
HEDGING_KINDS = frozenset({"hedges", "distancing"})


def _is_month(ctx: FeatureContext, start: int, end: int) -> bool:
    """The month May (capitalised mid-sentence, or before a number) is not the modal may."""
    tok = ctx.doc[start]
    if end - start != 1 or tok.text != "May":
        return False
    sent = ctx.sentence_of[start]
    first = sent >= 0 and ctx.sentences[sent].start == start
    nxt = ctx.lowers[start + 1] if start + 1 < len(ctx.doc) else ""
    return not first or nxt[:1].isdigit()


@feature(
    "hedging",
    title="Hedging",
    description="Epistemic hedges, boosters, attribution-distancing expressions and "
    "approximators in the article's own voice (outside quoted speech).",
    requires=("lexicon:hedging",),
    citation=CITATION,
    metrics=(
        count(
            "hedges",
            "Hedge matches outside quoted speech (may, appears, believed, unclear...).",
            unit="matches",
        ),
        count(
            "boosters",
            "Booster matches outside quoted speech (clearly, confirmed...).",
            unit="matches",
        ),
        count(
            "distancing",
            "Attribution-distancing matches outside quoted speech "
            "(reportedly, allegedly, it is believed...).",
            unit="matches",
        ),
        count(
            "approximators",
            "Approximator matches outside quoted speech (around {NUM}, an estimated, roughly, "
            "somewhat...); not part of hedged_sentence_share.",
            unit="matches",
        ),
        rate("hedges_per_sentence", "Hedges per sentence.", "matches per sentence"),
        rate("boosters_per_sentence", "Boosters per sentence.", "matches per sentence"),
        rate(
            "distancing_per_sentence",
            "Distancing expressions per sentence.",
            "matches per sentence",
        ),
        rate(
            "approximators_per_sentence",
            "Approximators per sentence.",
            "matches per sentence",
        ),
        share(
            "hedged_sentence_share",
            "Share of sentences with a hedge or a distancing expression outside quoted speech.",
        ),
        count(
            "quoted_hedging_cues",
            "Hedges, boosters, distancing expressions and approximators inside "
            "quoted speech (the speaker's, not the outlet's; not in the counts above).",
            unit="matches",
        ),
    ),
)
def hedging(ctx: FeatureContext) -> FamilyResult:
    ms = [
        m
        for m in ctx.strong_matches("hedging")
        if m.category in KINDS and not _is_month(ctx, m.start, m.end)
    ]
    own = [m for m in ms if ctx.quote_of[m.start] < 0]
    quoted = [m for m in ms if ctx.quote_of[m.start] >= 0]
    n_sent = len(ctx.sentences)
    counts = {kind: sum(1 for m in own if m.category == kind) for kind in KINDS}
    # in declared order: the four counts, then the four rates
    values: dict[str, float | int] = dict(counts)
    values.update({f"{kind}_per_sentence": ratio(k, n_sent) for kind, k in counts.items()})
    hedged = {ctx.sentence_of[m.start] for m in own if m.category in HEDGING_KINDS} - {-1}
    values["hedged_sentence_share"] = ratio(len(hedged), n_sent)
    values["quoted_hedging_cues"] = len(quoted)
    evidence = [ctx.evidence("hedging", m.category, m.start, m.end, m.term) for m in own]
    evidence += [
        ctx.evidence("hedging", f"quoted_{m.category}", m.start, m.end, m.term) for m in quoted
    ]
    return FamilyResult(values, evidence)
