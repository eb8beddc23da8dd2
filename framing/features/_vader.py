"""VADER's compound score of one sentence, float for float, faster: a mirror of vaderSentiment
3.3.2's ``SentimentIntensityAnalyzer.polarity_scores`` (the tone family's private fast path).

:class:`SentenceTone` gives ``polarity_scores(s)["compound"]`` without VADER's per-character
emoji pass (skipped when no emoji character occurs), with word stripping kept per distinct
word, with VADER's valence rules run only at words of its lexicon (every other word scores
VADER's 0) over the sentence lower-cased once, and without the pos/neg/neu shares. The ``but``
rule, punctuation emphasis and normalisation are VADER's own functions, and the compound is
VADER's, float for float (``tests/features/test_tone_fast.py``). The rules copied here are
those of :data:`MIRRORED_VERSION`; the dependency is pinned to it and a test fails when the
installed version differs.
"""

from __future__ import annotations

import weakref
from itertools import compress
from typing import TYPE_CHECKING

from framing.memo import BoundedTable

if TYPE_CHECKING:
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

#: The distribution whose rules this module copies, and the exact version copied.
MIRRORS = "vaderSentiment"
MIRRORED_VERSION = "3.3.2"
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
        self._negate = frozenset(vs.NEGATE)
        self._normalize = vs.normalize
        # one word (the longest) of every phrase _special_idioms_check looks up
        self._idiom_words = frozenset(
            max(k.split(), key=len) for k in (*vs.SPECIAL_CASES, *vs.BOOSTER_DICT) if " " in k
        )
        self._special_cases: dict[str, float] = vs.SPECIAL_CASES
        self._n_scalar: float = vs.N_SCALAR
        self._c_incr: float = vs.C_INCR
        self._strip = vs.SentiText._strip_punc_if_word
        # polarity_scores swaps emojis character by character: only 1-character keys can match
        self._emoji_chars = frozenset(k for k in vader.emojis if len(k) == 1)
        self._ascii_emoji = any(c.isascii() for c in self._emoji_chars)
        self._sentences: BoundedTable[str, float] = BoundedTable(lambda: SENTENCE_TABLE_SIZE)
        self._words: BoundedTable[str, str] = BoundedTable(lambda: WORD_TABLE_SIZE)

    def __call__(self, text: str) -> float:
        return self._sentences.one(text, self._compound)

    def _compound(self, text: str) -> float:
        vader = self.vader
        if (self._ascii_emoji or not text.isascii()) and not self._emoji_chars.isdisjoint(text):
            return float(vader.polarity_scores(text)["compound"])
        # polarity_scores from here on, minus the emoji pass (which would copy text as it is)
        text = text.strip()
        raw = text.split()
        # SentiText(text): each word stripped of punctuation, once (a stripped word is never empty)
        words = self._words.many(raw, self._strip)
        lowers = list(map(str.lower, words))
        lexicon, boosters = self._lexicon, self._boosters
        # a word outside VADER's lexicon scores 0 (a booster or "kind of" too)
        sentiments: list[float] = [0] * len(words)
        hits = lexicon.keys() & set(lowers)
        if hits:
            # allcap_differential: some but not all words in capitals
            caps = sum(map(str.isupper, words))
            is_cap_diff = 0 < len(words) - caps < len(words)
            last = len(words) - 1
            for i in compress(range(len(lowers)), map(hits.__contains__, lowers)):
                low = lowers[i]
                if low in boosters or (i < last and low == "kind" and lowers[i + 1] == "of"):
                    continue
                sentiments[i] = self._valence(words, lowers, i, is_cap_diff)
        if "but" in lowers:  # _but_check changes nothing without a "but"
            sentiments = vader._but_check(words, sentiments)
        # score_valence's compound (its pos/neg/neu shares, unused here, never raise)
        if not sentiments:
            return 0.0
        sum_s = float(sum(sentiments))
        punct_emph_amplifier = vader._punctuation_emphasis(text)
        if sum_s > 0:
            sum_s += punct_emph_amplifier
        elif sum_s < 0:
            sum_s -= punct_emph_amplifier
        return float(round(self._normalize(sum_s), 4))

    def _valence(self, words: list[str], lowers: list[str], i: int, is_cap_diff: bool) -> float:
        """VADER's ``sentiment_valence`` for lexicon word ``i``, with its ``_negation_check``,
        ``_special_idioms_check`` and ``_least_check`` reading the lower-cased words once
        (VADER lower-cases the whole sentence again in each; ``str.lower`` is idempotent)."""
        lexicon, n_scalar = self._lexicon, self._n_scalar
        item, low = words[i], lowers[i]
        valence = lexicon[low]
        if low == "no" and i != len(words) - 1 and lowers[i + 1] in lexicon:
            valence = 0.0
        if (
            (i > 0 and lowers[i - 1] == "no")
            or (i > 1 and lowers[i - 2] == "no")
            or (i > 2 and lowers[i - 3] == "no" and lowers[i - 1] in ["or", "nor"])
        ):
            valence = lexicon[low] * n_scalar
        if item.isupper() and is_cap_diff:
            if valence > 0:
                valence += self._c_incr
            else:
                valence -= self._c_incr
        boosters = self._boosters
        for start_i in range(0, 3):
            j = i - (start_i + 1)
            if i > start_i and lowers[j] not in lexicon:
                # scalar_inc_dec(words[j], valence, is_cap_diff), reading lowers[j]
                s = 0.0
                if lowers[j] in boosters:
                    s = boosters[lowers[j]]
                    if valence < 0:
                        s *= -1
                    if words[j].isupper() and is_cap_diff:
                        if valence > 0:
                            s += self._c_incr
                        else:
                            s -= self._c_incr
                if start_i == 1 and s != 0:
                    s = s * 0.95
                if start_i == 2 and s != 0:
                    s = s * 0.9
                valence = valence + s
                valence = self._negation_check(valence, lowers, start_i, i)
                # an idiom or booster phrase needs all its words: skip when one is missing
                if start_i == 2 and not self._idiom_words.isdisjoint(lowers[i - 3 : i + 3]):
                    valence = self._special_idioms_check(valence, lowers, i)
        return self._least_check(valence, lowers, i)

    def _negated(self, lower: str) -> bool:
        """VADER's ``negated([word])`` for one lower-cased word."""
        return lower in self._negate or "n't" in lower

    def _negation_check(self, valence: float, lowers: list[str], start_i: int, i: int) -> float:
        negated, n_scalar = self._negated, self._n_scalar
        if start_i == 0 and negated(lowers[i - (start_i + 1)]):
            valence = valence * n_scalar
        if start_i == 1:
            if lowers[i - 2] == "never" and (lowers[i - 1] == "so" or lowers[i - 1] == "this"):
                valence = valence * 1.25
            elif lowers[i - 2] == "without" and lowers[i - 1] == "doubt":
                valence = valence
            elif negated(lowers[i - (start_i + 1)]):
                valence = valence * n_scalar
        if start_i == 2:
            if (
                lowers[i - 3] == "never" and (lowers[i - 2] == "so" or lowers[i - 2] == "this")
            ) or (lowers[i - 1] == "so" or lowers[i - 1] == "this"):
                valence = valence * 1.25
            elif lowers[i - 3] == "without" and (
                lowers[i - 2] == "doubt" or lowers[i - 1] == "doubt"
            ):
                valence = valence
            elif negated(lowers[i - (start_i + 1)]):
                valence = valence * n_scalar
        return valence

    def _special_idioms_check(self, valence: float, lowers: list[str], i: int) -> float:
        special, boosters = self._special_cases, self._boosters
        onezero = f"{lowers[i - 1]} {lowers[i]}"
        twoonezero = f"{lowers[i - 2]} {lowers[i - 1]} {lowers[i]}"
        twoone = f"{lowers[i - 2]} {lowers[i - 1]}"
        threetwoone = f"{lowers[i - 3]} {lowers[i - 2]} {lowers[i - 1]}"
        threetwo = f"{lowers[i - 3]} {lowers[i - 2]}"
        for seq in (onezero, twoonezero, twoone, threetwoone, threetwo):
            if seq in special:
                valence = special[seq]
                break
        if len(lowers) - 1 > i:
            zeroone = f"{lowers[i]} {lowers[i + 1]}"
            if zeroone in special:
                valence = special[zeroone]
        if len(lowers) - 1 > i + 1:
            zeroonetwo = f"{lowers[i]} {lowers[i + 1]} {lowers[i + 2]}"
            if zeroonetwo in special:
                valence = special[zeroonetwo]
        for n_gram in (threetwoone, threetwo, twoone):
            if n_gram in boosters:
                valence = valence + boosters[n_gram]
        return valence

    def _least_check(self, valence: float, lowers: list[str], i: int) -> float:
        lexicon, n_scalar = self._lexicon, self._n_scalar
        if i > 1 and lowers[i - 1] not in lexicon and lowers[i - 1] == "least":
            if lowers[i - 2] != "at" and lowers[i - 2] != "very":
                valence = valence * n_scalar
        elif i > 0 and lowers[i - 1] not in lexicon and lowers[i - 1] == "least":
            valence = valence * n_scalar
        return valence


_TONES: weakref.WeakKeyDictionary[SentimentIntensityAnalyzer, SentenceTone] = (
    weakref.WeakKeyDictionary()
)


def sentence_tone(vader: SentimentIntensityAnalyzer) -> SentenceTone:
    """The :class:`SentenceTone` of an analyzer (built once, kept while the analyzer lives)."""
    got = _TONES.get(vader)
    if got is None:
        got = _TONES[vader] = SentenceTone(vader)
    return got
