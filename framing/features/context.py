"""FeatureContext: what every feature family reads about one parsed article, computed once."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, NamedTuple

import numpy
from spacy.attrs import IDX, LOWER, ORTH, SENT_START, SPACY
from spacy.tokens import Doc

from framing.document import Document
from framing.evidence import Evidence
from framing.lexicon.matcher import CompiledLexicon, Match
from framing.memo import BoundedTable
from framing.text.quotes import Quote, find_quotes

if TYPE_CHECKING:
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

#: A quotation of at least this many words is taken as quoted speech even with no cue nearby;
#: shorter ones ("scare quotes", titles) only when a reporting cue shares their sentence.
SPEECH_QUOTE_MIN_WORDS = 4
#: Categories of the ``attribution`` lexicon that are reporting cues (the others are context).
REPORTING_CUES = ("speech_verbs", "source_phrases")
_CLITICS = frozenset(
    {
        "'s",
        "’s",
        "'",
        "’",
        "n't",
        "n’t",
        "'re",
        "’re",
        "'ll",
        "’ll",
        "'ve",
        "’ve",
        "'d",
        "’d",
        "'m",
        "’m",
    }
)


def _is_word_text(text: str) -> bool:
    """A word for counting: has a letter or digit and is not a clitic split off a word (a
    space token has no letter or digit)."""
    return text.lower() not in _CLITICS and any(c.isalnum() for c in text)


def _folded_lower(text: str) -> str:
    return text.lower().replace("’", "'")


#: Distinct keys each token table below keeps; a table is emptied when full.
WORD_TABLE_SIZE = 200_000
#: Token text of every ORTH (or LOWER) id met so far. spaCy's ids are hashes of the text, the
#: same in every vocabulary, so one table serves all pipelines.
_ORTH_TEXTS: BoundedTable[int, str] = BoundedTable(lambda: WORD_TABLE_SIZE)
#: Word test (:func:`_is_word_text`) of every token text met so far.
_WORD_TEXTS: BoundedTable[str, bool] = BoundedTable(lambda: WORD_TABLE_SIZE)
#: Apostrophe-folded lower-cased form of every token text met so far.
_FOLDED: BoundedTable[str, str] = BoundedTable(lambda: WORD_TABLE_SIZE)


def _strings(ids: list[int], doc: Doc) -> list[str]:
    """The strings of spaCy string ids (ORTH, LOWER…), one shared object per string."""
    return _ORTH_TEXTS.many(ids, doc.vocab.strings.__getitem__)


def clear_tables() -> None:
    """Empty this process's token tables (strings by id, word test, folded forms): for
    benchmarks that must not start with what an earlier run learnt."""
    for table in (_ORTH_TEXTS, _WORD_TEXTS, _FOLDED):
        table.clear()


class Sentence(NamedTuple):
    """A sentence as token indices ``[start, end)`` and the characters they cover (spaCy's
    ``Span.start``, ``end``, ``start_char``, ``end_char``), without building the Span."""

    start: int
    end: int
    start_char: int
    end_char: int


@dataclass(frozen=True)
class Resources:
    """Expensive things built once per engine: compiled lexicons and VADER."""

    lexicons: dict[str, CompiledLexicon]
    vader: SentimentIntensityAnalyzer
    parsed: bool
    custom: tuple[str, ...] = ()


@dataclass
class FeatureContext:
    """One article: cleaned text, spaCy Doc, sentences, words, quotations, lexicon matches."""

    document: Document
    doc: Doc
    resources: Resources
    _matches: dict[str, list[Match]] = field(default_factory=dict)
    _strong: dict[str, list[Match]] = field(default_factory=dict)
    _tokens_in: dict[tuple[int, int], range] = field(default_factory=dict)
    #: Per-article values a feature family works out once (keys are "family.name").
    memo: dict[str, object] = field(default_factory=dict)

    @property
    def text(self) -> str:
        return self.document.text

    @cached_property
    def _columns(self) -> tuple[list[int], list[int], list[int]]:
        """ORTH and LOWER ids and character offsets of every token, from the Doc's arrays (no
        Token objects are built)."""
        if not len(self.doc):
            return [], [], []
        orth, lower, idx = self.doc.to_array([ORTH, LOWER, IDX]).T.tolist()
        return orth, lower, idx

    @cached_property
    def texts(self) -> list[str]:
        """Token texts (one shared string per distinct text, so later lookups find their keys
        by identity)."""
        return _strings(self._columns[0], self.doc)

    @cached_property
    def idx(self) -> list[int]:
        """Character offset of every token in :attr:`text`."""
        return self._columns[2]

    @cached_property
    def whitespace(self) -> list[str]:
        """Trailing whitespace of every token (spaCy's ``whitespace_``)."""
        if not len(self.doc):
            return []
        return [" " if w else "" for w in self.doc.to_array(SPACY).tolist()]

    @cached_property
    def is_space(self) -> list[bool]:
        """spaCy's ``is_space`` for every token."""
        return [t.isspace() for t in self.texts]

    @cached_property
    def sentences(self) -> list[Sentence]:
        """Sentences that hold at least one word (blank lines and lone marks are dropped),
        read from the Doc's sentence starts as spaCy's ``Doc.sents`` gives them."""
        doc = self.doc
        n = len(doc)
        if not n:
            return []
        starts = numpy.flatnonzero(doc.to_array(SENT_START) == 1).tolist()
        if not starts or starts[0] != 0:
            starts.insert(0, 0)
        mask, idx, texts = self.word_mask, self.idx, self.texts
        out = []
        for s, e in zip(starts, [*starts[1:], n], strict=True):
            if any(mask[s:e]):
                out.append(Sentence(s, e, idx[s], idx[e - 1] + len(texts[e - 1])))
        return out

    @cached_property
    def sentence_of(self) -> list[int]:
        """Index into :attr:`sentences` for every token (-1 for tokens outside them)."""
        out = [-1] * len(self.doc)
        for k, s in enumerate(self.sentences):
            out[s.start : s.end] = [k] * (s.end - s.start)
        return out

    @cached_property
    def word_mask(self) -> list[bool]:
        return _WORD_TEXTS.many(self.texts, _is_word_text)

    @cached_property
    def n_words(self) -> int:
        return sum(self.word_mask)

    @cached_property
    def plain_lowers(self) -> list[str]:
        """Lower-cased token texts (spaCy's ``lower_``), shared strings as in :attr:`texts`."""
        return _strings(self._columns[1], self.doc)

    @cached_property
    def lowers(self) -> list[str]:
        """:attr:`plain_lowers` with curly apostrophes folded to straight ones, so "people’s"
        matches a term "people's"."""
        if "’" not in self.text:
            return list(self.plain_lowers)
        return _FOLDED.many(self.texts, _folded_lower)

    @cached_property
    def vocabulary(self) -> frozenset[str]:
        """The distinct :attr:`lowers` (what every lexicon looks up first)."""
        return frozenset(self.lowers)

    def matches(self, lexicon: str) -> list[Match]:
        """Matches of one compiled lexicon over the whole article (cached)."""
        if lexicon not in self._matches:
            self._matches[lexicon] = self.resources.lexicons[lexicon].match(
                self.lowers, self.vocabulary
            )
        return self._matches[lexicon]

    def strong_matches(self, lexicon: str) -> list[Match]:
        """Matches with weak terms kept only where their sentence has a strong term of the
        same category (the lexicon format's ``weak_terms`` rule)."""
        if lexicon not in self._strong:
            ms = self.matches(lexicon)
            strong = {(self.sentence_of[m.start], m.category) for m in ms if not m.weak}
            self._strong[lexicon] = [
                m for m in ms if not m.weak or (self.sentence_of[m.start], m.category) in strong
            ]
        return self._strong[lexicon]

    @cached_property
    def all_quotes(self) -> list[Quote]:
        return find_quotes(self.text)

    @cached_property
    def speech_quotes(self) -> list[Quote]:
        """Quotations taken as quoted speech (see :data:`SPEECH_QUOTE_MIN_WORDS`)."""
        cue_sentences = {
            self.sentence_of[m.start]
            for m in self.strong_matches("attribution")
            if m.category in REPORTING_CUES and self.quote_index_all[m.start] < 0
        }
        out = []
        for q in self.all_quotes:
            toks = self.tokens_in(q.inner_start, q.inner_end)
            words = sum(1 for i in toks if self.word_mask[i])
            if words == 0:
                continue
            sents = {self.sentence_of[i] for i in toks}
            if words >= SPEECH_QUOTE_MIN_WORDS or sents & cue_sentences:
                out.append(q)
        return out

    def tokens_in(self, start: int, end: int) -> range:
        """Token indices whose characters lie within ``[start, end)`` (kept per span: quotes
        are looked up again and again)."""
        got = self._tokens_in.get((start, end))
        if got is None:
            span = self.doc.char_span(start, end, alignment_mode="contract")
            got = range(span.start, span.end) if span is not None else range(0)
            self._tokens_in[(start, end)] = got
        return got

    def _quote_index(self, quotes: list[Quote]) -> list[int]:
        out = [-1] * len(self.doc)
        for k, q in enumerate(quotes):
            for i in self.tokens_in(q.inner_start, q.inner_end):
                out[i] = k
        return out

    @cached_property
    def quote_index_all(self) -> list[int]:
        return self._quote_index(self.all_quotes)

    @cached_property
    def quote_of(self) -> list[int]:
        """Index into :attr:`speech_quotes` for every token inside one, else -1."""
        return self._quote_index(self.speech_quotes)

    def char_bounds(self, start: int, end: int) -> tuple[int, int]:
        """``(start_char, end_char)`` of tokens ``[start, end)``, as spaCy's Span gives them."""
        if end <= start:
            span = self.doc[start:end]
            return span.start_char, span.end_char
        return self.idx[start], self.idx[end - 1] + len(self.texts[end - 1])

    def span_text(self, start: int, end: int) -> str:
        """Text of tokens ``[start, end)`` (spaCy's ``doc[start:end].text``, unbuilt)."""
        if end <= start:
            return self.doc[start:end].text
        s, e = self.char_bounds(start, end)
        return self.text[s:e]

    def evidence(
        self, family: str, category: str, start: int, end: int, note: str = ""
    ) -> Evidence:
        """Evidence for tokens ``[start, end)``, with character offsets into the cleaned text."""
        is_space = self.is_space
        while end - 1 > start and is_space[end - 1]:
            end -= 1
        while start < end - 1 and is_space[start]:
            start += 1
        s, e = self.idx[start], self.idx[end - 1] + len(self.texts[end - 1])
        return Evidence(s, e, family, category, self.text[s:e], self.sentence_of[start], note)
