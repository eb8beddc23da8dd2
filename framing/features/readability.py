"""Readability with textstat, fully offline.

textstat counts words and sentences with its own rules (a regex sentence splitter), so these
scores match what researchers get from textstat on the same cleaned text. They are computed by
the offline, faster mirror of textstat in :mod:`framing.features._textstat`, which gives
textstat's own values, float for float.
"""

from __future__ import annotations

from framing.evidence import FamilyResult
from framing.features._textstat import LANG, clear_tables, readability_scores, textstat_offline
from framing.features._util import NAN
from framing.features.context import FeatureContext
from framing.features.registry import Metric, feature

# LANG and clear_tables are used by callers that know them from here (tests, benchmarks).
__all__ = ["LANG", "clear_tables", "readability", "readability_scores", "textstat_offline"]

CITATION = "textstat (Bansal & Aggarwal), https://github.com/textstat/textstat"


@feature(
    "readability",
    title="Readability",
    description="Classic readability formulas from textstat on the cleaned text.",
    citation=CITATION,
    metrics=(
        Metric(
            "flesch_reading_ease",
            "Flesch (1948) Reading Ease: 206.835 - 1.015 words/"
            "sentence - 84.6 syllables/word. 60-70 is plain English; news is often 30-50.",
            "score",
            "number",
            None,
            121.22,
            "higher=easier",
            "Flesch (1948)",
        ),
        Metric(
            "flesch_kincaid_grade",
            "Flesch-Kincaid grade level (Kincaid et al. 1975): US "
            "school grade needed to follow the text.",
            "US grade",
            "number",
            None,
            None,
            "higher=harder",
            "Kincaid et al. (1975)",
        ),
        Metric(
            "gunning_fog",
            "Gunning (1952) fog index from sentence length and words of 3+ syllables.",
            "US grade",
            "number",
            0,
            None,
            "higher=harder",
            "Gunning (1952)",
        ),
        Metric(
            "smog_index",
            "McLaughlin (1969) SMOG grade from polysyllables per sentence.",
            "US grade",
            "number",
            0,
            None,
            "higher=harder",
            "McLaughlin (1969)",
        ),
        Metric(
            "dale_chall",
            "New Dale-Chall score (Chall & Dale 1995) from the share of words "
            "outside the 3,000 familiar words (textstat's approximation).",
            "score",
            "number",
            0,
            None,
            "higher=harder",
            "Chall & Dale (1995)",
        ),
    ),
)
def readability(ctx: FeatureContext) -> FamilyResult:
    if not ctx.n_words:
        return FamilyResult({name: NAN for name in textstat_offline()})
    return FamilyResult(readability_scores(ctx.text))
