"""Tone with VADER, sentence by sentence.

VADER's compound score saturates near +/-1 on article-length text, so each sentence is scored
on its own and the scores are aggregated.

Speed: :class:`SentenceTone` gives ``polarity_scores(s)["compound"]`` without VADER's
per-character emoji pass (skipped when no emoji character occurs), with word stripping kept per
distinct word, and with VADER's own valence rules run only for words in its lexicon (every
other word scores VADER's 0). Its ``but`` rule and final scoring are VADER's own methods, so
the compound is VADER's, float for float (``tests/features/test_tone_fast.py``).
"""

from __future__ import annotations

import weakref
from types import SimpleNamespace
from typing import TYPE_CHECKING

from framing.context import FeatureContext
from framing.evidence import FamilyResult
from framing.features._util import NAN, ratio
from framing.registry import Metric, feature, share

if TYPE_CHECKING:
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

CITATION = "Hutto & Gilbert (2014) VADER, ICWSM"
#: VADER's own thresholds for a negative / positive compound score.
NEGATIVE, POSITIVE = -0.05, 0.05
#: Distinct sentences / words whose results are kept; each table is emptied when full.
SENTENCE_TABLE_SIZE = 100_000
WORD_TABLE_SIZE = 200_000


class SentenceTone:
    """VADER's compound score of one sentence, equal to ``polarity_scores(text)["compound"]``."""

    def __init__(self, vader: SentimentIntensityAnalyzer) -> None:
        from vaderSentiment import vaderSentiment as vs

        self.vader = vader
        self._lexicon: dict[str, float] = vader.lexicon
        self._boosters: dict[str, float] = vs.BOOSTER_DICT
        self._allcap_differential = vs.allcap_differential
        self._strip = vs.SentiText._strip_punc_if_word
        # polarity_scores swaps emojis character by character: only 1-character keys can match
        self._emoji_chars = frozenset(k for k in vader.emojis if len(k) == 1)
        self._sentences: dict[str, float] = {}
        self._words: dict[str, str] = {}

    def __call__(self, text: str) -> float:
        got = self._sentences.get(text)
        if got is None:
            got = self._compound(text)
            if len(self._sentences) >= SENTENCE_TABLE_SIZE:
                self._sentences.clear()
            self._sentences[text] = got
        return got

    def _stripped(self, word: str) -> str:
        got = self._words.get(word)
        if got is None:
            got = self._strip(word)
            if len(self._words) >= WORD_TABLE_SIZE:
                self._words.clear()
            self._words[word] = got
        return got

    def _compound(self, text: str) -> float:
        vader = self.vader
        if not self._emoji_chars.isdisjoint(text):
            return float(vader.polarity_scores(text)["compound"])
        # polarity_scores from here on, minus the emoji pass (which would copy text as it is)
        text = text.strip()
        words = [self._stripped(w) for w in text.split()]  # SentiText(text)
        lowers = [w.lower() for w in words]
        lexicon, boosters = self._lexicon, self._boosters
        sentiments: list[float] = []
        sentitext = None
        last = len(words) - 1
        for i, low in enumerate(lowers):
            if low in boosters or (i < last and low == "kind" and lowers[i + 1] == "of"):
                sentiments.append(0)
            elif low not in lexicon:
                sentiments.append(0)  # sentiment_valence leaves a non-lexicon word at 0
            else:
                if sentitext is None:
                    sentitext = SimpleNamespace(
                        words_and_emoticons=words,
                        is_cap_diff=self._allcap_differential(words),
                    )
                sentiments = vader.sentiment_valence(0, sentitext, words[i], i, sentiments)
        sentiments = vader._but_check(words, sentiments)
        return float(vader.score_valence(sentiments, text)["compound"])


_TONES: weakref.WeakKeyDictionary[SentimentIntensityAnalyzer, SentenceTone] = (
    weakref.WeakKeyDictionary()
)


def sentence_tone(vader: SentimentIntensityAnalyzer) -> SentenceTone:
    """The :class:`SentenceTone` of an analyzer (built once, kept while the analyzer lives)."""
    got = _TONES.get(vader)
    if got is None:
        got = _TONES[vader] = SentenceTone(vader)
    return got


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
    for k, (s, c) in enumerate(zip(ctx.sentences, scores, strict=True)):
        if c <= NEGATIVE or c >= POSITIVE:
            cat = "negative" if c <= NEGATIVE else "positive"
            evidence.append(ctx.evidence("tone", cat, s.start, s.end, f"{c:+.4f}"))
            assert evidence[-1].sentence == k
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
