"""Document -> ArticleScore: run every registered feature family on one parsed article."""

from __future__ import annotations

import itertools
import json
import math
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, fields, replace
from functools import lru_cache
from operator import attrgetter
from pathlib import Path
from typing import Any

from spacy.tokens import Doc

from framing.about import __version__
from framing.document import MAX_ARTICLE_CHARS, Document, RemovedLine, check_size
from framing.errors import FeatureError
from framing.evidence import Evidence
from framing.features import families
from framing.features._util import ratio
from framing.features.context import FeatureContext, Resources
from framing.heap import bulk_gc
from framing.language import Language, check_english, detect
from framing.lexicon.load import load_lexicons
from framing.lexicon.matcher import compile_lexicon
from framing.lexicon.model import LexiconSet
from framing.nlp import AUTO, CHUNK_CHARS, Pipeline, load_pipeline, parse_in_chunks, with_sentences
from framing.schema import SCHEMA_VERSION

#: Floats are rounded to this many decimals in outputs, so the same input gives the same bytes
#: on every platform.
DECIMALS = 6
#: Evidence's fields in order: what ``Evidence.__lt__`` compares, as a key built once per item.
_evidence_order = attrgetter(*(f.name for f in fields(Evidence)))
METADATA_FIELDS = ("title", "date", "byline", "email_domain", "original_source", "outlet", "url")
__all__ = ["MAX_ARTICLE_CHARS", "ArticleScore", "Engine", "engine_for", "get_engine"]


@dataclass(frozen=True)
class ArticleScore:
    """Everything measured about one article, JSON-serialisable via :meth:`to_dict`."""

    article: dict[str, Any]
    metrics: dict[str, float | int]
    evidence: tuple[Evidence, ...]
    details: dict[str, Any]
    removed: tuple[RemovedLine, ...]
    text: str
    pipeline: dict[str, Any]
    lexicons: dict[str, str]
    lexicon_hash: str
    schema_version: str = SCHEMA_VERSION
    tool_version: str = __version__
    custom: dict[str, dict[str, float | int]] = field(default_factory=dict)
    sentences: tuple[tuple[int, int], ...] = ()
    warnings: tuple[str, ...] = ()
    #: A frame model's probabilities and evidence (``--model``; :mod:`framing.learn.apply`).
    model_frames: dict[str, Any] = field(default_factory=dict)

    @property
    def pipeline_label(self) -> str:
        """The pipeline as one key: ``NAME@VERSION`` (``blank@<spaCy version>``)."""
        return f"{self.pipeline.get('name')}@{self.pipeline.get('version')}"

    def to_dict(self) -> dict[str, Any]:
        """Plain data with NaN as None and floats rounded (see :data:`DECIMALS`)."""
        out: dict[str, Any] = _clean(
            {
                "schema_version": self.schema_version,
                "tool": {"name": "framing", "version": self.tool_version},
                "pipeline": self.pipeline,
                "lexicons": {**self.lexicons, "hash": self.lexicon_hash},
                "article": self.article,
                "metrics": self.metrics,
                "custom": self.custom,
                **self.details,
                "warnings": list(self.warnings),
                "sentences": [list(s) for s in self.sentences],
                "evidence": [e.to_dict() for e in self.evidence],
                "removed": [
                    {"line": r.line, "text": r.text, "reason": r.reason} for r in self.removed
                ],
                "text": self.text,
                **({"model_frames": self.model_frames} if self.model_frames else {}),
            }
        )
        return out

    def to_json(self, indent: int | None = 2) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent, allow_nan=False)

    def flat(self) -> dict[str, Any]:
        """One row: article fields then every metric in registry order (for CSV)."""
        row: dict[str, Any] = {k: v for k, v in self.article.items()}
        row.update(self.metrics)
        for cat, vals in sorted(self.custom.items()):
            for k, v in vals.items():
                row[f"custom.{cat}.{k}"] = v
        for f in self.model_frames.get("frames", ()):
            row[f"model.{f['frame']}"] = f["probability"]
        row["lexicon_hash"] = self.lexicon_hash
        row["schema_version"] = self.schema_version
        cleaned: dict[str, Any] = _clean(row)
        return cleaned


def _clean(value: Any) -> Any:
    if isinstance(value, float):
        return None if math.isnan(value) or math.isinf(value) else round(value, DECIMALS)
    if isinstance(value, dict):
        return {k: _clean(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_clean(v) for v in value]
    return value


class Engine:
    """Builds the expensive things once (spaCy pipeline, compiled lexicons, VADER) and scores
    documents through ``nlp.pipe``.

    >>> engine = Engine(spacy_model="blank")
    >>> engine.score_text("Officials said the troops were deployed.").metrics["attributions"]
    1
    """

    def __init__(
        self,
        spacy_model: str = AUTO,
        lexicons: Sequence[str | Path] = (),
        *,
        language_check: bool = True,
    ) -> None:
        from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

        #: Refuse text that is confidently not English (:mod:`framing.language`).
        self.language_check = language_check
        self.pipeline: Pipeline = load_pipeline(spacy_model)
        self.lexicon_set: LexiconSet = load_lexicons(lexicons)
        self.resources = Resources(
            lexicons={n: compile_lexicon(lex) for n, lex in self.lexicon_set.lexicons.items()},
            vader=SentimentIntensityAnalyzer(),
            parsed=self.pipeline.parsed,
            custom=self.lexicon_set.custom,
        )
        self._families = families()
        # fixed for the engine's life; hashing every lexicon per article cost more than VADER
        self._lexicon_versions = self.lexicon_set.versions
        self._lexicon_hash = self.lexicon_set.fingerprint[:16]

    def warm_up(self) -> None:
        """Score one short text, so what features load on first use (textstat's pronunciation
        dictionary, about 2 s) is loaded now: before forking workers that share it, or before
        :func:`framing.heap.bulk_gc` freezes the heap."""
        self.score_text(_WARM_UP)

    def score_text(self, text: str, source: str = "<text>", *, clean: bool = True) -> ArticleScore:
        """Score raw text (a pasted article or a page dump), cleaned first unless ``clean`` is
        False (then the text is scored as it is, and evidence offsets point into it)."""
        from framing.ingest import read_text
        from framing.ingest.text import document_as_is

        document = read_text(text, source) if clean else document_as_is(text, source)
        return self.score_document(document)

    def score_document(self, document: Document) -> ArticleScore:
        return next(self.score_documents([document]))

    def score_documents(self, documents: Iterable[Document]) -> Iterator[ArticleScore]:
        """Score documents lazily, in order, parsing them in batches with ``nlp.pipe``, with the
        garbage collector set for bulk work while the generator runs
        (:func:`framing.heap.bulk_gc`)."""
        checked = ((d, self.check(d)) for d in documents)
        nlp = self.pipeline.nlp
        with bulk_gc():
            # ordinary articles go through nlp.pipe in batches; a long one is parsed in chunks
            for long, run in itertools.groupby(checked, key=lambda p: len(p[0].text) > CHUNK_CHARS):
                if long:
                    for document, language in run:
                        yield self._score(document, parse_in_chunks(nlp, document.text), language)
                    continue
                pairs = ((d.text, (d, lang)) for d, lang in run)
                for doc, (document, language) in nlp.pipe(pairs, as_tuples=True, batch_size=32):
                    yield self._score(document, doc, language)

    def check(self, document: Document) -> Language:
        """What is checked before an article is parsed: its size (at most
        :data:`~framing.document.MAX_ARTICLE_CHARS`) and, with ``language_check``, that it is
        English. Returns the detected language; raises :class:`~framing.errors.InputError`."""
        check_size(len(document.text), document.source)
        language = detect(document.text)
        if self.language_check:
            check_english(language, document.source)
        return language

    def score_doc(
        self, doc: Doc, document: Document | None = None, pipeline: Pipeline | None = None
    ) -> ArticleScore:
        """Score a Doc that a spaCy pipeline has already made, without parsing it again.

        ``document`` carries the source and metadata and must hold the Doc's text (default: the
        Doc's text as it is, uncleaned). The dependency parse and entities are used when the Doc
        has a parse; a Doc without sentence boundaries is split on a copy by the blank path's
        rules. ``pipeline`` is recorded as the pipeline that made the Doc (default: this
        engine's).

        >>> engine = Engine(spacy_model="blank")
        >>> engine.score_doc(engine.pipeline.nlp("Officials said so.")).metrics["attributions"]
        1
        """
        from framing.ingest.text import document_as_is

        if document is None:
            document = document_as_is(doc.text, "<doc>")
        elif document.text != doc.text:
            raise ValueError("document.text differs from doc.text; evidence offsets need both")
        language = self.check(document)
        parsed = doc.has_annotation("DEP")
        return self._score(document, with_sentences(doc), language, parsed, pipeline)

    def _score(
        self,
        document: Document,
        doc: Doc,
        language: Language,
        parsed: bool | None = None,
        pipeline: Pipeline | None = None,
    ) -> ArticleScore:
        resources = self.resources
        if parsed is not None and parsed != resources.parsed:
            resources = replace(resources, parsed=parsed)
        ctx = FeatureContext(document, doc, resources)
        metrics: dict[str, float | int] = {}
        evidence: list[Evidence] = []
        details: dict[str, Any] = {}
        for fam in self._families:
            result = fam.compute(ctx)
            _check_declared(fam.name, "metric", result.values, [m.name for m in fam.metrics])
            for m in fam.metrics:
                m.check(result.values[m.name])
                metrics[m.name] = result.values[m.name]
            _check_declared(fam.name, "detail", result.details, fam.details)
            evidence.extend(result.evidence)
            details.update(result.details)
        custom = self._custom(ctx, evidence)
        evidence.sort(key=_evidence_order)
        meta = document.metadata
        article: dict[str, Any] = {
            "id": document.content_hash[:16],
            "source": document.source,
            "content_hash": document.content_hash,
            **{f: getattr(meta, f) for f in METADATA_FIELDS},
            "chars": len(document.text),
            "language": language.code,
            "language_confidence": language.confidence,
            "encoding": document.encoding,
            "encoding_confidence": document.encoding_confidence,
        }
        return ArticleScore(
            article=article,
            metrics=metrics,
            evidence=tuple(evidence),
            details=details,
            removed=document.removed,
            text=document.text,
            pipeline={**(pipeline or self.pipeline).describe(), "parsed": resources.parsed},
            lexicons=dict(self._lexicon_versions),
            lexicon_hash=self._lexicon_hash,
            custom=custom,
            sentences=tuple(_trimmed(ctx.text, s.start_char, s.end_char) for s in ctx.sentences),
            warnings=document.warnings,
        )

    def _custom(
        self, ctx: FeatureContext, evidence: list[Evidence]
    ) -> dict[str, dict[str, float | int]]:
        """Counts and rates for the categories of user lexicons that no family reads."""
        out: dict[str, dict[str, float | int]] = {}
        for name in self.resources.custom:
            ms = ctx.strong_matches(name)
            for cat in self.lexicon_set[name].categories:
                hits = [m for m in ms if m.category == cat]
                out[f"{name}.{cat}"] = {
                    "count": len(hits),
                    "per_1000_words": ratio(len(hits), ctx.n_words, 1000),
                }
                evidence.extend(
                    ctx.evidence(f"custom:{name}", cat, m.start, m.end, m.term) for m in hits
                )
        return out


def _check_declared(
    family: str, kind: str, returned: Iterable[str], declared: Sequence[str]
) -> None:
    """Raise :class:`FeatureError` naming what a family returned beyond or short of its
    declaration."""
    got = set(returned)
    if got == set(declared):
        return
    missing = [n for n in declared if n not in got]
    extra = sorted(got.difference(declared))
    raise FeatureError(
        f"feature family {family!r} broke its declaration: "
        + "; ".join(
            f"{what} {kind}(s) {', '.join(map(repr, names))}"
            for what, names in (("missing", missing), ("undeclared", extra))
            if names
        )
    )


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """A sentence's character span without surrounding whitespace."""
    while end > start and text[end - 1].isspace():
        end -= 1
    while start < end and text[start].isspace():
        start += 1
    return start, end


#: The text :meth:`Engine.warm_up` scores: it reaches every feature family.
_WARM_UP = 'Officials said on Monday that 1,200 families "may need shelter", the ministry said.'


@lru_cache(maxsize=4)
def get_engine(
    spacy_model: str = AUTO, lexicons: tuple[str, ...] = (), language_check: bool = True
) -> Engine:
    """A shared engine per (pipeline, lexicon files, language check): building one costs about
    a second. (Call it the same way for the same engine: ``lru_cache`` keys on the arguments
    as given, so :func:`engine_for` leaves the default check out.)"""
    return Engine(spacy_model, lexicons, language_check=language_check)


def engine_for(spacy_model: str, lexicons: tuple[str, ...], language_check: bool) -> Engine:
    """:func:`get_engine`, called as every other caller calls it when the check is on (so a
    forked worker finds the engine its parent warmed up)."""
    if language_check:
        return get_engine(spacy_model, lexicons)
    return get_engine(spacy_model, lexicons, False)
