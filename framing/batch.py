"""Score many input files, in this process or in worker processes, skipping bad ones.

Each file is read, cleaned and scored where it is processed; a file that cannot be read or
scored becomes a :class:`~framing.corpus.Failure` (its name and a one-line reason) and the
batch goes on. Results come back in input order whatever ``jobs`` is.
"""

from __future__ import annotations

import multiprocessing as mp
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from framing.corpus import UNKNOWN, Failure, InputFile
from framing.document import Document
from framing.errors import FramingError
from framing.score import ArticleScore, get_engine


@dataclass(frozen=True)
class ScoredArticle:
    """An article's score with where it sits in the comparison."""

    score: ArticleScore
    source: str
    outlet: str
    outlet_from: str
    role: str | None
    declared_source: str | None
    title: str | None
    date: str | None
    url: str | None

    @property
    def article_id(self) -> str:
        return str(self.score.article["id"])

    def row(self) -> dict[str, Any]:
        """One row of the ``articles`` table (see :mod:`framing.tables`)."""
        a = self.score.article
        return {
            "article_id": self.article_id,
            "outlet": self.outlet,
            "content_hash": a["content_hash"],
            "source": self.source,
            "outlet_from": self.outlet_from,
            "role": self.role,
            "declared_source": self.declared_source,
            "title": self.title,
            "date": self.date,
            "byline": a.get("byline"),
            "email_domain": a.get("email_domain"),
            "url": self.url,
            **self.score.metrics,
            "lexicon_hash": self.score.lexicon_hash,
            "pipeline": self.score.pipeline_label,
            "tool_version": self.score.tool_version,
            "schema_version": self.score.schema_version,
        }


Result = ScoredArticle | Failure
Progress = Callable[[int, int, Result], None]  # (done, total, latest result)
_WORKER: dict[str, Any] = {}


def _init(spacy_model: str, lexicons: tuple[str, ...]) -> None:
    _WORKER["engine"] = get_engine(spacy_model, lexicons)


def process(item: InputFile, spacy_model: str, lexicons: tuple[str, ...]) -> list[Result]:
    """Read, clean and score one file; failures are returned, not raised."""
    from framing.ingest import read_path

    try:
        docs = read_path(item.path)
    except FramingError as exc:
        return [Failure(item.label, _one_line(exc))]
    return process_documents(item, docs, spacy_model, lexicons)


def process_documents(
    item: InputFile, docs: Sequence[Document], spacy_model: str, lexicons: tuple[str, ...]
) -> list[Result]:
    """Score documents read from ``item`` (all of it, or a shard of its records) and place
    them: outlet, role and dates from the folder, else from the documents' metadata."""
    engine = get_engine(spacy_model, lexicons)
    out: list[Result] = []
    for doc in docs:
        source = item.label + doc.source[len(str(item.path)) :]
        try:
            score = engine.score_document(doc)
        except Exception as exc:  # one article must not sink the batch
            out.append(Failure(source, f"scoring failed: {exc.__class__.__name__}: {exc}"))
            continue
        p, meta = item.placement, doc.metadata
        outlet, outlet_from = p.outlet, p.outlet_from
        if outlet is None and meta.outlet:
            outlet, outlet_from = meta.outlet, "metadata"
        out.append(
            ScoredArticle(
                score=score,
                source=source,
                outlet=outlet or UNKNOWN,
                outlet_from=outlet_from if outlet else UNKNOWN,
                role=p.role,
                declared_source=p.declared_source or meta.original_source,
                title=p.title or meta.title,
                date=p.date or meta.date,
                url=p.url or meta.url,
            )
        )
    return out


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split())


def _run(args: tuple[InputFile, str, tuple[str, ...]]) -> list[Result]:
    return process(*args)


def score_inputs(
    inputs: Iterable[InputFile | Failure],
    *,
    spacy_model: str = "auto",
    lexicons: Sequence[str] = (),
    jobs: int = 1,
    progress: Progress | None = None,
) -> Iterator[Result]:
    """Score every input in order; ``jobs > 1`` uses that many worker processes."""
    lex = tuple(lexicons)
    items = list(inputs)

    done = 0

    def emit(results: list[Result]) -> Iterator[Result]:
        nonlocal done
        done += 1
        for r in results:
            if progress is not None:
                progress(done, len(items), r)
            yield r

    if jobs <= 1:
        for item in items:
            yield from emit(
                [item] if isinstance(item, Failure) else process(item, spacy_model, lex)
            )
        return
    work = [(item, spacy_model, lex) for item in items if isinstance(item, InputFile)]
    with mp.get_context("fork").Pool(jobs, initializer=_init, initargs=(spacy_model, lex)) as pool:
        scored = pool.imap(_run, work, chunksize=4)  # imap keeps input order
        for item in items:
            yield from emit([item] if isinstance(item, Failure) else next(scored))
