"""Basics: length, sentence length, vocabulary diversity and how much of the page was furniture."""

from __future__ import annotations

from framing.evidence import FamilyResult
from framing.features._util import ratio
from framing.features.context import FeatureContext
from framing.features.registry import Metric, count, feature, share


@feature(
    "basics",
    title="Basics",
    description="Size of the cleaned article and the share of the page that was not article.",
    metrics=(
        count(
            "words",
            "Word tokens in the cleaned text (tokens with a letter or digit; clitics "
            "such as 's are not separate words).",
            unit="words",
        ),
        count(
            "sentences",
            "Sentences holding at least one word; a paragraph break always ends a sentence.",
            unit="sentences",
        ),
        Metric(
            "mean_sentence_length",
            "Words per sentence.",
            "words per sentence",
            "number",
            0,
            None,
            "higher=harder",
        ),
        share(
            "type_token_ratio",
            "Distinct lower-cased words / words. Falls as texts get "
            "longer: compare articles of similar length.",
            direction="neutral",
        ),
        share(
            "boilerplate_share",
            "Share of the raw input's non-whitespace characters removed "
            "as page furniture, related-headline lists, captions and metadata lines.",
            direction="neutral",
        ),
    ),
)
def basics(ctx: FeatureContext) -> FamilyResult:
    words = [t for t, w in zip(ctx.plain_lowers, ctx.word_mask, strict=True) if w]
    n, s = len(words), len(ctx.sentences)
    return FamilyResult(
        {
            "words": n,
            "sentences": s,
            "mean_sentence_length": ratio(n, s),
            "type_token_ratio": ratio(len(set(words)), n),
            "boilerplate_share": ctx.document.boilerplate_share,
        }
    )
