"""The ``framing`` spaCy component: score each Doc and mark the evidence behind every number.

>>> import spacy
>>> nlp = spacy.blank("en")
>>> _ = nlp.add_pipe("framing")
>>> doc = nlp("Officials said the troops were deployed. Refugees fled.")
>>> doc._.framing.metrics["humanitarian_terms"]
2
>>> [(span.text, span.label_) for span in doc.spans["framing"]][:2]
[('Officials', 'attribution:source:anonymous'), ('said', 'attribution:cue')]

``doc._.framing`` is the :class:`~framing.score.ArticleScore` of the Doc's own text (kept as
plain data in ``doc._.framing_data``, so serialised Docs keep it), and
``doc.spans[span_key]`` holds one span per evidence item labelled ``FAMILY:CATEGORY``: the
feature family, then the category inside it, e.g. ``frames:humanitarian``, ``hedging:hedges``,
``attribution:cue``, ``attribution:source:anonymous``, ``tone:negative``
(``displacy.render(doc, style="span", options={"spans_key": "framing"})`` shows them).

The Doc's text is scored as it is, never cleaned, so every evidence offset maps onto the Doc.
To drop page furniture, clean before the pipeline runs:
``nlp(framing.ingest.clean_text(raw).text)``.

The Doc is not parsed again: its dependency parse and entities are used when it has them, and a
Doc without sentence boundaries (``spacy.blank``) is split on a copy by the blank path's rules.
A trained pipeline splits sentences with its parser; add ``framing_paragraphs`` before the
parser to make a paragraph break end a sentence, as :func:`framing.score_text` does.
Registered with spaCy through the ``spacy_factories`` entry point, and by importing this module.
"""

from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict
from functools import cached_property
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.training import Example

from framing.document import RemovedLine
from framing.evidence import Evidence
from framing.nlp import BLANK, Pipeline
from framing.score import ArticleScore, Engine, get_engine

#: The default key of the evidence spans in ``doc.spans``.
SPAN_KEY = "framing"
#: The Doc extension giving the ArticleScore: ``doc._.framing``.
EXTENSION = "framing"
#: Where the score is kept as plain data, so ``doc.to_bytes()``, ``DocBin`` and
#: ``nlp.pipe(n_process=…)`` carry it (an object in ``doc.user_data`` cannot be serialised).
DATA_EXTENSION = "framing_data"


def score_of(doc: Doc) -> ArticleScore | None:
    """``doc._.framing``: the Doc's score, or None if the component has not run on it."""
    data = doc._.get(DATA_EXTENSION)
    if data is None:
        return None
    return ArticleScore(
        **{
            **data,
            "evidence": tuple(Evidence(**e) for e in data["evidence"]),
            "removed": tuple(RemovedLine(**r) for r in data["removed"]),
            "sentences": tuple((s, e) for s, e in data["sentences"]),
            "warnings": tuple(data.get("warnings", ())),
            "text": doc.text,
        }
    )


def _plain(score: ArticleScore) -> dict[str, Any]:
    """The score as plain data (what ``doc.to_bytes`` can write), without the Doc's text."""
    data = asdict(score)
    del data["text"]
    return data


def span_label(evidence: Evidence) -> str:
    """The span label of one evidence item: ``FAMILY:CATEGORY`` (e.g. ``frames:strategic``)."""
    return f"{evidence.family}:{evidence.category}"


def evidence_spans(doc: Doc, evidence: Iterable[Evidence]) -> list[Span]:
    """Spans of ``doc`` for evidence whose offsets point into ``doc.text``, each labelled by
    :func:`span_label` and widened to whole tokens."""
    spans = []
    for e in evidence:
        span = doc.char_span(e.start, e.end, label=span_label(e), alignment_mode="expand")
        if span is None:
            raise ValueError(f"evidence {e.start}:{e.end} lies outside the Doc's text")
        spans.append(span)
    return spans


class FramingComponent:
    """Sets ``doc._.framing`` and ``doc.spans[span_key]``; see the module documentation."""

    def __init__(
        self,
        nlp: Language,
        name: str = "framing",
        *,
        lexicons: Sequence[str] = (),
        span_key: str = SPAN_KEY,
    ) -> None:
        if not span_key:
            raise ValueError("span_key must not be empty")
        if not Doc.has_extension(DATA_EXTENSION):
            Doc.set_extension(DATA_EXTENSION, default=None)
        if not Doc.has_extension(EXTENSION):
            Doc.set_extension(EXTENSION, getter=score_of)
        self.nlp = nlp
        self.name = name
        self.lexicons = tuple(str(p) for p in lexicons)
        self.span_key = span_key

    @cached_property
    def engine(self) -> Engine:
        """Lexicons and VADER, built on first use and shared with ``score_text`` (blank path:
        the Doc brings its own tokens, sentences and parse)."""
        return get_engine(BLANK, self.lexicons)

    @cached_property
    def pipeline(self) -> Pipeline:
        """The pipeline recorded in each score, described once it is assembled (first Doc)."""
        return Pipeline.of(self.nlp)

    def initialize(
        self,
        get_examples: Callable[[], Iterable[Example]] | None = None,
        *,
        nlp: Language | None = None,
    ) -> None:
        """Load lexicons and VADER now rather than on the first Doc (``nlp.initialize()``)."""
        self.engine.resources  # noqa: B018  (building the engine is the point)

    def __call__(self, doc: Doc) -> Doc:
        score = self.engine.score_doc(doc, pipeline=self.pipeline)
        doc._.set(DATA_EXTENSION, _plain(score))
        doc.spans[self.span_key] = evidence_spans(doc, score.evidence)
        return doc


@Language.factory(
    "framing",
    default_config={"lexicons": [], "span_key": SPAN_KEY},
    assigns=[f"doc._.{DATA_EXTENSION}", "doc.spans"],
)
def make_framing(nlp: Language, name: str, lexicons: list[str], span_key: str) -> FramingComponent:
    """The ``framing`` factory: ``nlp.add_pipe("framing", config={"lexicons": ["my.toml"]})``."""
    return FramingComponent(nlp, name, lexicons=lexicons, span_key=span_key)
