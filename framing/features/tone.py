"""Tone with VADER, sentence by sentence.

VADER's compound score saturates near +/-1 on article-length text, so each sentence is scored
on its own and the scores are aggregated. Sentences are scored by the fast mirror of VADER in
:mod:`framing.features._vader`, which gives VADER's own compound, float for float.
"""

from __future__ import annotations

from framing.evidence import FamilyResult
from framing.features._util import NAN, ratio
from framing.features._vader import sentence_tone
from framing.features.context import FeatureContext
from framing.features.registry import Metric, feature, share

CITATION = "Hutto & Gilbert (2014) VADER, ICWSM"
#: VADER's own thresholds for a negative / positive compound score.
NEGATIVE, POSITIVE = -0.05, 0.05


@feature(
    "tone",
    title="Tone",
    description="VADER compound sentiment per sentence, aggregated over the article.",
    citation=CITATION,
    details=("most_negative_sentence",),
    metrics=(
        Metric(
            "tone_mean",
            "Mean VADER compound score over sentences.",
            "compound score",
            "number",
            -1,
            1,
            "signed",
            CITATION,
        ),
        share(
            "tone_negative_share",
            f"Share of sentences with compound <= {NEGATIVE}.",
            citation=CITATION,
        ),
        share(
            "tone_positive_share",
            f"Share of sentences with compound >= {POSITIVE}.",
            citation=CITATION,
        ),
        Metric(
            "tone_min",
            "Compound score of the most negative sentence.",
            "compound score",
            "number",
            -1,
            1,
            "signed",
            CITATION,
        ),
    ),
)
def tone(ctx: FeatureContext) -> FamilyResult:
    tone_of = sentence_tone(ctx.resources.vader)
    text = ctx.text  # a sentence's text is its character span (spaCy's Span.text, unbuilt)
    scores = [tone_of(text[s.start_char : s.end_char]) for s in ctx.sentences]
    n = len(scores)
    evidence = []
    for s, c in zip(ctx.sentences, scores, strict=True):
        if c <= NEGATIVE or c >= POSITIVE:
            cat = "negative" if c <= NEGATIVE else "positive"
            evidence.append(ctx.evidence("tone", cat, s.start, s.end, f"{c:+.4f}"))
    details: dict[str, object] = {"most_negative_sentence": None}
    if n:
        k = min(range(n), key=lambda i: (scores[i], i))
        sent = ctx.sentences[k]
        span = ctx.evidence("tone", "most_negative", sent.start, sent.end)
        details["most_negative_sentence"] = {
            "sentence": k,
            "text": span.text,
            "start": span.start,
            "end": span.end,
            "compound": scores[k],
        }
    return FamilyResult(
        {
            "tone_mean": sum(scores) / n if n else NAN,
            "tone_negative_share": ratio(sum(c <= NEGATIVE for c in scores), n),
            "tone_positive_share": ratio(sum(c >= POSITIVE for c in scores), n),
            "tone_min": min(scores) if n else NAN,
        },
        evidence,
        details,
    )
