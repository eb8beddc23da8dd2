"""Hedging (lexicon ``hedging``): hedges, boosters, attribution-distancing and approximators
in the outlet's own voice.

Approximators ("around 11,000", "somewhat") make content approximate without lowering the
writer's commitment (Prince et al. 1982's approximators vs shields), so they are counted but do
not make a sentence hedged. Only the article's own voice counts: cues inside quoted speech
belong to the speaker (``quoted_hedging_cues``), and hedges, boosters and approximators in a
sentence of reported speech ("officials said the talks may fail", "according to the police, it
could...") belong to the source (``reported_hedging_cues``). Distancing is always the outlet's:
choosing to attribute a claim to no one in particular is its own move.

Senses are decided by context (:func:`_not_epistemic`): a question (it asserts nothing); the
month May; a capitalised word in mid-sentence (a name: "the Tomb of the Unknown Soldier");
"could" of purpose ("so that he could"); "whether ... or" (a disjunction, "whether they win or
lose"); "estimate(s)" as a noun after a determiner or possessive; "expected"/"anticipated" that
neither introduces a clause nor follows a form of *be*; "might" the noun; "possible" after a
superlative. Fixed non-epistemic phrases ("could not", "think about", "than expected") are the
lexicon's ``non_hedges``. Conditionals ("if", "would", "unless") are not hedges at all.
"""

from __future__ import annotations

from framing.evidence import FamilyResult
from framing.features._util import ratio
from framing.features.context import FeatureContext
from framing.features.registry import count, feature, rate, share
from framing.lexicon.matcher import Match

CITATION = (
    "Hyland (1998, 2005) hedges and boosters; Prince, Frader & Bosk (1982) approximators "
    "and shields; Szarvas et al. (2012) uncertainty cues; Ganter & Strube (2009) weasel words"
)
KINDS = ("hedges", "boosters", "distancing", "approximators")
#: Categories that make a sentence hedged (approximators and boosters do not).
HEDGING_KINDS = frozenset({"hedges", "distancing"})
#: Kinds that move to the source's voice in a sentence of reported speech.
SOURCE_VOICE_KINDS = frozenset({"hedges", "boosters", "approximators"})
#: Words after which "estimate(s)" is a noun (a figure), not the verb of estimating.
_NOUN_BEFORE = frozenset(
    {
        "a",
        "an",
        "the",
        "these",
        "those",
        "this",
        "that",
        "its",
        "their",
        "his",
        "her",
        "our",
        "my",
        "your",
        "'s",
        "'",
        "official",
        "latest",
        "initial",
        "early",
        "earlier",
        "new",
        "previous",
        "conservative",
        "independent",
        "government",
        "some",
        "such",
        "other",
        "analysts",
    }
)
#: Forms of *be* (and adverbs between) before which "expected" is the predictive passive.
_BE = frozenset(
    {
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
        "'s",
        "'re",
        "widely",
        "generally",
        "also",
        "now",
        "still",
        "not",
        "n't",
    }
)
_PASSIVE = frozenset({"is", "are", "was", "were", "be", "been", "being"})
_PURPOSE = frozenset({"so", "order"})
#: Note on distancing evidence in a sentence of reported speech (counted as distancing, but it
#: does not make the sentence hedged in the outlet's voice).
IN_REPORTED_SPEECH = "(in reported speech)"
#: Words after which "might" is the noun (power), not the modal.
_MIGHT_NOUN = frozenset(
    {"the", "its", "their", "his", "her", "our", "my", "your", "'s", "military", "economic"}
    | {"naval", "full", "sheer", "all", "industrial"}
)
_SUPERLATIVE = frozenset({"most", "least", "best", "worst"})
#: How far "whether" looks for its "or" (tokens, same sentence).
WHETHER_OR_WINDOW = 15


def _is_month(ctx: FeatureContext, start: int, end: int) -> bool:
    """The month May (capitalised mid-sentence, or before a number) is not the modal may."""
    tok = ctx.doc[start]
    if end - start != 1 or tok.text != "May":
        return False
    sent = ctx.sentence_of[start]
    first = sent >= 0 and ctx.sentences[sent].start == start
    nxt = ctx.lowers[start + 1] if start + 1 < len(ctx.doc) else ""
    return not first or nxt[:1].isdigit()


def _is_name(ctx: FeatureContext, start: int, end: int) -> bool:
    """A one-word cue written as a name mid-sentence ("the Unknown Soldier"), not after a mark
    that starts a clause; sentences in capitals are left alone."""
    text = ctx.texts[start]
    if end - start != 1 or not (text[:1].isupper() and text[1:].islower()):
        return False
    sent = ctx.sentence_of[start]
    if sent < 0 or ctx.sentences[sent].start == start:
        return False
    prev = ctx.texts[start - 1]
    return not any(ch in prev for ch in "\"“‘'(:—–-")


def _in_question(ctx: FeatureContext, i: int) -> bool:
    """Token ``i`` is in a sentence that ends with a question mark (closing quotes aside)."""
    k = ctx.sentence_of[i]
    if k < 0:
        return False
    sent = ctx.sentences[k]
    j = sent.end - 1
    while j > sent.start and (ctx.is_space[j] or ctx.texts[j] in {'"', "”", "'", "’", ")"}):
        j -= 1
    return ctx.texts[j] == "?"


def _not_epistemic(ctx: FeatureContext, m: Match) -> bool:
    """A hedge word used in a sense that is not epistemic (see the module docstring)."""
    if _is_month(ctx, m.start, m.end) or _is_name(ctx, m.start, m.end):
        return True
    if _in_question(ctx, m.start):
        return True  # a question asserts nothing, so it hedges nothing
    after = ctx.lowers[m.end] if m.end < len(ctx.lowers) else ""
    if ctx.lowers[m.end - 1] in ("think", "thinks") and after in ("about", "of"):
        return True  # to consider, not to believe
    if m.end - m.start != 1:
        return False
    word = ctx.lowers[m.start]
    sent = ctx.sentences[ctx.sentence_of[m.start]] if ctx.sentence_of[m.start] >= 0 else None
    lo = sent.start if sent else 0
    hi = sent.end if sent else len(ctx.lowers)
    prev = ctx.lowers[m.start - 1] if m.start > lo else ""
    nxt = ctx.lowers[m.start + 1] if m.start + 1 < hi else ""
    if word == "could":
        j = m.start + 1
        while j < hi and ctx.is_space[j]:
            j += 1
        after_could = ctx.lowers[j] if j < hi else ""
        return after_could in ("not", "n't", "never") or any(
            w in _PURPOSE for w in ctx.lowers[max(lo, m.start - 4) : m.start]
        )
    if word == "whether":
        window = ctx.lowers[m.start + 1 : min(hi, m.start + 1 + WHETHER_OR_WINDOW)]
        return "or" in window
    if word in ("estimate", "estimates", "estimation"):
        return word == "estimation" or prev in _NOUN_BEFORE
    if word in ("expected", "anticipated"):
        return nxt not in ("to", "that") and prev not in _BE
    if word == "might":  # the noun: "military might", "with all their might"
        return prev in _MIGHT_NOUN
    if word == "possible":
        return prev in _SUPERLATIVE or (prev.endswith("est") and len(prev) > 4)
    if word in ("expectation", "expectations"):
        return nxt != "that"
    return False


def reported_speech(ctx: FeatureContext) -> tuple[frozenset[int], frozenset[int]]:
    """Sentences of reported (indirect) speech and the tokens of their reporting cues: a cue
    as the attribution family finds it (a speech verb used as one, or a source phrase such as
    "according to"), outside quoted speech. A participle ("..., suggesting") is not taken as a
    cue here. Kept per article in ``ctx.memo``."""
    key = "hedging.reported_speech"
    got = ctx.memo.get(key)
    if got is None:
        # imported here: a module-level import would register the attribution family before
        # this one and move its columns ahead of hedging's
        from framing.features.attribution import _cues as attribution_cues

        cues = []
        if "attribution" in ctx.resources.lexicons:
            cues = [
                m
                for m in attribution_cues(ctx)
                if not _clause_participle(ctx, m)
                and ctx.sentence_of[m.start] >= 0
                and not _agentless_passive(ctx, m)
            ]
        got = (
            frozenset(ctx.sentence_of[m.start] for m in cues),
            frozenset(i for m in cues for i in range(m.start, m.end)),
        )
        ctx.memo[key] = got
    return got  # type: ignore[return-value]


def _clause_participle(ctx: FeatureContext, m: Match) -> bool:
    """ ", suggesting that ...": a participle after a comma comments on the clause before it
    and reports no one's speech ("now saying", "despite admitting" do)."""
    return ctx.lowers[m.end - 1].endswith("ing") and m.start > 0 and ctx.texts[m.start - 1] == ","


def _agentless_passive(ctx: FeatureContext, m: Match) -> bool:
    """ "has not been confirmed", "was announced on Monday": a passive reporting verb with no
    "by" after it names no source; the statement is the outlet's."""
    prev = ctx.lowers[m.start - 1] if m.start > 0 else ""
    nxt = ctx.lowers[m.end] if m.end < len(ctx.lowers) else ""
    return prev in _PASSIVE and nxt != "by"


def _in_reported_speech(ctx: FeatureContext, m: Match) -> bool:
    """In a sentence of reported speech, the reporting cue included: "officials suggested",
    "the ministry confirmed" give the source's stance, not the outlet's."""
    return ctx.sentence_of[m.start] in reported_speech(ctx)[0]


@feature(
    "hedging",
    title="Hedging",
    description="Epistemic hedges, boosters, attribution-distancing expressions and "
    "approximators in the article's own voice (outside quoted and reported speech).",
    requires=("lexicon:hedging",),
    citation=CITATION,
    metrics=(
        count(
            "hedges",
            "Hedge matches in the outlet's own voice (may, appears, believed, unclear...).",
            unit="matches",
        ),
        count(
            "boosters",
            "Booster matches in the outlet's own voice (clearly, confirmed...).",
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
            "Approximator matches in the outlet's own voice (around {NUM}, an estimated, "
            "roughly, somewhat...); not part of hedged_sentence_share.",
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
            "Share of sentences with a hedge in the outlet's own voice, or a distancing "
            "expression outside quoted and reported speech.",
        ),
        count(
            "quoted_hedging_cues",
            "Hedges, boosters, distancing expressions and approximators inside "
            "quoted speech (the speaker's, not the outlet's; not in the counts above).",
            unit="matches",
        ),
        count(
            "reported_hedging_cues",
            "Hedges, boosters and approximators in sentences of reported speech (a reporting "
            "cue outside quotes: the source's stance, not the outlet's; not in the counts "
            "above).",
            unit="matches",
        ),
    ),
)
def hedging(ctx: FeatureContext) -> FamilyResult:
    ms = [
        m
        for m in ctx.strong_matches("hedging")
        if m.category in KINDS and not (m.category == "hedges" and _not_epistemic(ctx, m))
    ]
    quoted = [m for m in ms if ctx.quote_of[m.start] >= 0]
    rest = [m for m in ms if ctx.quote_of[m.start] < 0]
    reported = [m for m in rest if m.category in SOURCE_VOICE_KINDS and _in_reported_speech(ctx, m)]
    reported_ids = {id(m) for m in reported}
    own = [m for m in rest if id(m) not in reported_ids]
    # distancing stays the outlet's (its choice of an unnamed source), but a sentence of
    # reported speech is not the outlet's own hedged proposition
    in_report = {id(m) for m in own if m.category == "distancing" and _in_reported_speech(ctx, m)}
    n_sent = len(ctx.sentences)
    counts = {kind: sum(1 for m in own if m.category == kind) for kind in KINDS}
    # in declared order: the four counts, then the four rates
    values: dict[str, float | int] = dict(counts)
    values.update({f"{kind}_per_sentence": ratio(k, n_sent) for kind, k in counts.items()})
    hedged = {
        ctx.sentence_of[m.start]
        for m in own
        if m.category in HEDGING_KINDS and id(m) not in in_report
    } - {-1}
    values["hedged_sentence_share"] = ratio(len(hedged), n_sent)
    values["quoted_hedging_cues"] = len(quoted)
    values["reported_hedging_cues"] = len(reported)
    evidence = [
        ctx.evidence(
            "hedging",
            m.category,
            m.start,
            m.end,
            f"{m.term} {IN_REPORTED_SPEECH}" if id(m) in in_report else m.term,
        )
        for m in own
    ]
    evidence += [
        ctx.evidence("hedging", f"quoted_{m.category}", m.start, m.end, m.term) for m in quoted
    ]
    evidence += [
        ctx.evidence("hedging", f"reported_{m.category}", m.start, m.end, m.term) for m in reported
    ]
    return FamilyResult(values, evidence)
