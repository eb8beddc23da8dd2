"""Frames (lexicon ``framing``): humanitarian vs strategic language, and the frames counted apart.

Humanitarian: human cost, rights and law, aid and protection. Strategic: military operations and
losses as military facts, security and geopolitics, arms and alliances (people in arms,
``military_persons``, count with it). Terms count wherever they occur, quoted speech included:
choosing a quote is a framing choice too. Political conflict, human interest, crime and justice,
and health are other frames, counted apart and not sides of the index.

Words of harm (killed, died, wounded, victims, massacre) are decided by their sentence: a
civilian or a person as a person, or a humanitarian word, makes the harm a human cost
(humanitarian); otherwise military persons alone make it a military loss (strategic); otherwise a
crime word makes it crime; otherwise it is undecided and not counted. A civilian death is never
strategic.

The index (H - S) / (H + S) is undefined (NaN, with the reason in ``frame_index``) when the
article has fewer than :data:`MIN_INDEX_TERMS` humanitarian and strategic matches or they sit in
fewer than :data:`MIN_INDEX_SENTENCES` sentences: a page without frame language is "no frame
language", not "balanced". Its 95 % interval is the Wilson score interval of H / (H + S) mapped
onto the index.
"""

from __future__ import annotations

import math

from framing.evidence import FamilyResult
from framing.features._util import NAN, ratio
from framing.features.context import FeatureContext
from framing.features.registry import Metric, count, feature, rate, share
from framing.lexicon.matcher import Match

CITATION = (
    "Lee & Maslog (2005) war/peace journalism; Semetko & Valkenburg (2000) human-interest and "
    "conflict frames; Boydstun et al. (2014) Policy Frames Codebook"
)
SIDES = ("humanitarian", "strategic")
#: Frames reported apart, not in the index.
OTHERS = ("political_conflict", "human_interest", "crime_justice", "health")
CATEGORIES = (*SIDES, *OTHERS)
#: Lexicon categories that count as another category's matches (a sub-construct of it).
COUNTS_AS = {
    "rights_law": "humanitarian",
    "aid_protection": "humanitarian",
}
#: Context categories whose strong terms license a frame's weak terms in their sentence
#: ("troops" licenses "deployment"), besides the frame's own sub-constructs.
ANCHORS = {**COUNTS_AS, "military_persons": "strategic"}
#: Context categories: people, read by the harm rule and never counted (a person is not frame
#: language; what happens to them is).
CONTEXT_ONLY = frozenset({"civilian_persons", "military_persons"})
HARM = "harm"
#: Categories whose match in a sentence makes its harm a human cost (people as people).
CIVILIAN_CONTEXT = frozenset(
    {"civilian_persons", "humanitarian", "rights_law", "aid_protection", "human_interest"}
)
#: The index needs at least this many humanitarian + strategic matches...
MIN_INDEX_TERMS = 4
#: ... in at least this many sentences.
MIN_INDEX_SENTENCES = 2
#: z of the 95 % Wilson interval.
Z95 = 1.959963984540054


def harm_frame(ctx: FeatureContext, m: Match, by_sentence: dict[int, set[str]]) -> str | None:
    """The frame a harm match counts for, from the categories present in its sentence."""
    present = by_sentence.get(ctx.sentence_of[m.start], set())
    if present & CIVILIAN_CONTEXT:
        return "humanitarian"
    if "military_persons" in present:
        return "strategic"
    if "crime_justice" in present:
        return "crime_justice"
    return None


def wilson_index_interval(h: int, s: int) -> tuple[float, float]:
    """95 % interval of (H - S) / (H + S): the Wilson interval of H / (H + S), mapped by
    ``2p - 1``; NaN for no matches.

    >>> wilson_index_interval(4, 0)[1], round(wilson_index_interval(4, 0)[0], 3)
    (1.0, 0.02)
    """
    n = h + s
    if not n:
        return NAN, NAN
    p, z2 = h / n, Z95 * Z95
    centre = (p + z2 / (2 * n)) / (1 + z2 / n)
    half = Z95 * math.sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / (1 + z2 / n)
    return max(-1.0, 2 * (centre - half) - 1), min(1.0, 2 * (centre + half) - 1)


def _rates(name: str, label: str, citation: str = "") -> tuple[Metric, Metric, Metric]:
    return (
        count(f"{name}_terms", f"Matches of the {name} category ({label}).", unit="matches"),
        rate(
            f"{name}_per_1000_words",
            f"{name.replace('_', ' ').capitalize()} matches per 1,000 words.",
            "matches per 1,000 words",
            citation=citation,
        ),
        share(f"{name}_sentence_share", f"Share of sentences with a {name} match."),
    )


@feature(
    "frames",
    title="Frames",
    description="Lexicon counts of human-cost/rights/aid language against military/security/"
    "geopolitical language, and a signed index between them that is undefined without enough "
    "frame language; political conflict, human interest, crime and justice, and health are "
    "counted apart.",
    requires=("lexicon:framing",),
    citation=CITATION,
    details=("frame_index",),
    metrics=(
        count(
            "humanitarian_terms",
            "Matches of the humanitarian category, plus harm words decided humanitarian by "
            "their sentence (civilians, people).",
            unit="matches",
        ),
        count(
            "strategic_terms",
            "Matches of the strategic and military_persons categories, plus harm words "
            "decided strategic (only military persons in their sentence).",
            unit="matches",
        ),
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
        *_rates(
            "political_conflict",
            "disagreement, reproach, sides, parties, chambers and elections; not in the index",
            "Semetko & Valkenburg (2000) conflict frame; Boydstun et al. (2014) Political",
        ),
        *_rates(
            "human_interest",
            "family roles, ages, private lives, feelings of the people affected; not in the index",
            "Semetko & Valkenburg (2000) human-interest frame",
        ),
        *_rates(
            "crime_justice",
            "crime, law enforcement and punishment, plus harm words decided by a crime word; "
            "not in the index",
            "Boydstun et al. (2014) Crime & Punishment",
        ),
        *_rates(
            "health",
            "illness, disease, health care, public-health measures; not in the index",
            "Boydstun et al. (2014) Health & Safety",
        ),
        rate(
            "frame_salience",
            "Humanitarian + strategic matches per 1,000 words: how much frame language the "
            "index stands on.",
            "matches per 1,000 words",
        ),
        Metric(
            "humanitarian_strategic_index",
            "(H - S) / (H + S) over match counts: +1 all humanitarian, -1 all strategic, 0 "
            f"balanced; undefined (no value) below {MIN_INDEX_TERMS} matches or "
            f"{MIN_INDEX_SENTENCES} sentences with one.",
            "index",
            "number",
            -1,
            1,
            "signed",
            CITATION,
        ),
        Metric(
            "humanitarian_strategic_index_low",
            "Lower end of the index's 95 % interval (Wilson interval of H / (H + S)); no "
            "value where the index is undefined.",
            "index",
            "number",
            -1,
            1,
            "signed",
            "Wilson (1927) score interval",
        ),
        Metric(
            "humanitarian_strategic_index_high",
            "Upper end of the index's 95 % interval; no value where the index is undefined.",
            "index",
            "number",
            -1,
            1,
            "signed",
            "Wilson (1927) score interval",
        ),
    ),
)
def frames(ctx: FeatureContext) -> FamilyResult:
    matches = ctx.matches("framing")
    # a weak term needs a strong term of the same frame in its sentence; a sub-construct's
    # strong term anchors its frame's weak terms ("troops" anchors "deployment")
    anchored = {
        (ctx.sentence_of[m.start], ANCHORS.get(m.category, m.category))
        for m in matches
        if not m.weak
    }
    strong = [
        m
        for m in matches
        if not m.weak or (ctx.sentence_of[m.start], ANCHORS.get(m.category, m.category)) in anchored
    ]
    by_sentence: dict[int, set[str]] = {}
    for m in matches:
        if m.category != HARM:
            by_sentence.setdefault(ctx.sentence_of[m.start], set()).add(m.category)
    decided: dict[str, list[tuple[Match, str]]] = {c: [] for c in CATEGORIES}
    for m in strong:
        if m.category in CONTEXT_ONLY:
            continue
        if m.category == HARM:
            frame = harm_frame(ctx, m, by_sentence)
            if frame is not None:
                decided[frame].append((m, f"{m.term} (harm)"))
            continue
        target = COUNTS_AS.get(m.category, m.category)
        if target in decided:
            note = m.term if target == m.category else f"{m.term} ({m.category})"
            decided[target].append((m, note))
    values: dict[str, float | int] = {}
    evidence = []
    counts, shares, sentences = {}, {}, {}
    for side in CATEGORIES:
        ms = sorted(decided[side], key=lambda t: (t[0].start, t[0].end))
        counts[side] = len(ms)
        sentences[side] = {ctx.sentence_of[m.start] for m, _ in ms} - {-1}
        shares[side] = ratio(len(sentences[side]), len(ctx.sentences))
        evidence += [ctx.evidence("frames", side, m.start, m.end, note) for m, note in ms]
    # in declared order: the two sides measure by measure, then each other frame's three
    for group in (SIDES, *((c,) for c in OTHERS)):
        values.update({f"{c}_terms": counts[c] for c in group})
        values.update({f"{c}_per_1000_words": ratio(counts[c], ctx.n_words, 1000) for c in group})
        values.update({f"{c}_sentence_share": shares[c] for c in group})
    h, s = counts["humanitarian"], counts["strategic"]
    values["frame_salience"] = ratio(h + s, ctx.n_words, 1000)
    n_sent = len(sentences["humanitarian"] | sentences["strategic"])
    if not ctx.n_words:
        reason = "no words"
    elif h + s < MIN_INDEX_TERMS:
        reason = (
            f"no frame language: {h + s} humanitarian + strategic matches "
            f"(fewer than {MIN_INDEX_TERMS})"
        )
    elif n_sent < MIN_INDEX_SENTENCES:
        reason = (
            f"no frame language: matches in {n_sent} sentence (fewer than {MIN_INDEX_SENTENCES})"
        )
    else:
        reason = ""
    if reason:
        values["humanitarian_strategic_index"] = NAN
        values["humanitarian_strategic_index_low"] = NAN
        values["humanitarian_strategic_index_high"] = NAN
    else:
        low, high = wilson_index_interval(h, s)
        values["humanitarian_strategic_index"] = (h - s) / (h + s)
        values["humanitarian_strategic_index_low"] = low
        values["humanitarian_strategic_index_high"] = high
    details = {"frame_index": {"defined": not reason, "reason": reason or None}}
    return FamilyResult(values, evidence, details)
