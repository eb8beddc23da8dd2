"""Score many input files, in this process or in worker processes, skipping bad ones.

Each file is read, cleaned and scored where it is processed; a file that cannot be read or
scored becomes a :class:`~framing.corpus.Failure` (its name and a one-line reason) and the
batch goes on. Results come back in input order whatever ``jobs`` is.

With ``jobs > 1`` the engine (spaCy pipeline, compiled lexicons, VADER) is built once in this
process before the workers are forked, so they share it instead of each building their own;
inputs go out in chunks and come back as one message per chunk, so pickling costs little next
to scoring. With a :class:`~framing.run.cache.ScoreCache` an article whose key is stored is not
scored again; workers only read the cache and this process writes what they scored.
"""

from __future__ import annotations

import multiprocessing as mp
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import islice
from typing import Any

from framing.corpus.articles import Progress, Result, ScoredArticle
from framing.corpus.inputs import UNKNOWN, Failure, InputFile
from framing.document import Document
from framing.errors import FramingError
from framing.heap import bulk_gc
from framing.run.cache import ScoreCache
from framing.score import ArticleScore, Engine

#: A result and, when it was scored here rather than found in the cache, its cache key.
_Outcome = tuple[Result, str | None]


#: Inputs sent to a worker at a time: large enough that a message per chunk costs nothing next
#: to scoring it, small enough that two workers finish close together.
CHUNK = 8


_WORKER: dict[str, Any] = {}


def _pool(jobs: int, engine: Engine, cache: ScoreCache | None) -> Any:
    """``jobs`` forked workers sharing ``engine`` (warmed up here, before the fork)."""
    engine.warm_up()
    args = (engine, cache.path if cache is not None else None)
    return mp.get_context("fork").Pool(jobs, initializer=_init, initargs=args)


def _init(engine: Engine, cache_path: str | None) -> None:
    _WORKER["engine"] = engine  # the parent's, inherited through the fork: nothing is loaded
    _WORKER["cache"] = ScoreCache(cache_path, readonly=True) if cache_path else None


def _score(
    doc: Document, engine: Engine, cache: ScoreCache | None
) -> tuple[ArticleScore, str | None]:
    """A document's score from the cache, or scored now (with the key to store it under)."""
    if cache is None:
        return engine.score_document(doc), None
    key = cache.key(doc, engine)
    hit = cache.get(key, doc)
    return (hit, None) if hit is not None else (engine.score_document(doc), key)


def _process(item: InputFile, engine: Engine, cache: ScoreCache | None) -> list[_Outcome]:
    from framing.ingest import read_path

    try:
        docs = read_path(item.path)
    except FramingError as exc:
        return [(Failure(item.label, _one_line(exc)), None)]
    return _place(item, docs, engine, cache)


def process_documents(item: InputFile, docs: Sequence[Document], engine: Engine) -> list[Result]:
    """Score documents read from ``item`` (all of it, or a shard of its records) and place
    them: outlet, role and dates from the folder, else from the documents' metadata."""
    return [r for r, _ in _place(item, docs, engine, None)]


def _place(
    item: InputFile, docs: Sequence[Document], engine: Engine, cache: ScoreCache | None
) -> list[_Outcome]:
    """Score (or fetch from the cache) and place each document read from ``item``."""
    out: list[_Outcome] = []
    for doc in docs:
        source = item.label + doc.source[len(str(item.path)) :]
        try:
            score, key = _score(doc, engine, cache)
        except FramingError as exc:  # refused before scoring: too long, not English
            out.append((Failure(source, _one_line(exc)), None))
            continue
        except Exception as exc:  # one article must not sink the batch
            out.append((Failure(source, f"scoring failed: {exc.__class__.__name__}: {exc}"), None))
            continue
        p, meta = item.placement, doc.metadata
        outlet, outlet_from = p.outlet, p.outlet_from
        if outlet is None and meta.outlet:
            outlet, outlet_from = meta.outlet, "metadata"
        scored = ScoredArticle(
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
        out.append((scored, key))
    return out


def process(item: InputFile, engine: Engine) -> list[Result]:
    """Read, clean and score one file; failures are returned, not raised."""
    return [r for r, _ in _process(item, engine, None)]


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split())


def _run_chunk(items: list[InputFile]) -> list[list[_Outcome]]:
    return [_process(item, _WORKER["engine"], _WORKER["cache"]) for item in items]


def _in_order(
    pool: Any, fn: Callable[[Any], Any], chunks: Iterable[Any], jobs: int
) -> Iterator[Any]:
    """``pool.imap(fn, chunks)`` with back-pressure: at most ``4 * jobs`` chunks in flight, so
    results never pile up in memory when this process falls behind the workers (``imap``
    queues every task at once and keeps every finished result until it is taken)."""
    pending: deque[Any] = deque()
    for chunk in chunks:
        pending.append(pool.apply_async(fn, (chunk,)))
        if len(pending) >= 4 * jobs:
            yield pending.popleft().get()
    while pending:
        yield pending.popleft().get()


def _chunks(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


def score_inputs(
    inputs: Iterable[InputFile | Failure],
    engine: Engine,
    *,
    jobs: int = 1,
    progress: Progress | None = None,
    cache: ScoreCache | None = None,
) -> Iterator[Result]:
    """Score every input in order; ``jobs > 1`` uses that many worker processes.

    With ``cache`` stored scores are reused and new ones stored (``cache.hits`` and
    ``cache.misses`` count articles).
    """
    items = list(inputs)
    done = 0
    fresh: list[tuple[str, ArticleScore]] = []

    def emit(outcomes: list[_Outcome]) -> Iterator[Result]:
        nonlocal done
        done += 1
        for r, key in outcomes:
            if cache is not None and isinstance(r, ScoredArticle):
                if key is None:
                    cache.hits += 1
                else:
                    cache.misses += 1
                    fresh.append((key, r.score))
            if progress is not None:
                progress(done, len(items), r)
            yield r
        if cache is not None and len(fresh) >= 256:
            cache.put(fresh)
            fresh.clear()

    if jobs > 1:  # what features load lazily, loaded before the heap is frozen and forked
        engine.warm_up()  # (forked workers share this engine)
    with bulk_gc():
        try:
            if jobs <= 1:
                for item in items:
                    yield from emit(
                        [(item, None)]
                        if isinstance(item, Failure)
                        else _process(item, engine, cache)
                    )
                return
            work = [item for item in items if isinstance(item, InputFile)]
            with _pool(jobs, engine, cache) as pool:
                chunks = _in_order(pool, _run_chunk, _chunks(work, CHUNK), jobs)
                scored = (o for chunk in chunks for o in chunk)
                for item in items:
                    yield from emit([(item, None)] if isinstance(item, Failure) else next(scored))
        finally:
            if cache is not None and fresh:
                cache.put(fresh)
                fresh.clear()


def score_documents(
    documents: Iterable[Document],
    engine: Engine,
    *,
    jobs: int = 1,
    cache: ScoreCache | None = None,
) -> Iterator[ArticleScore]:
    """Score documents in order, in ``jobs`` processes, reusing and filling ``cache``."""
    if jobs <= 1 and cache is None:
        yield from engine.score_documents(documents)
        return
    fresh: list[tuple[str, ArticleScore]] = []

    def scored() -> Iterator[tuple[ArticleScore, str | None]]:
        if jobs <= 1:
            yield from (_score(doc, engine, cache) for doc in documents)
            return
        with _pool(jobs, engine, cache) as pool:
            for chunk in _in_order(pool, _score_chunk, _chunks(documents, CHUNK), jobs):
                yield from chunk

    if jobs > 1:
        engine.warm_up()
    with bulk_gc():
        try:
            for score, key in scored():
                if cache is not None:
                    if key is None:
                        cache.hits += 1
                    else:
                        cache.misses += 1
                        fresh.append((key, score))
                yield score
        finally:
            if cache is not None and fresh:
                cache.put(fresh)


def _score_chunk(docs: list[Document]) -> list[tuple[ArticleScore, str | None]]:
    return [_score(doc, _WORKER["engine"], _WORKER["cache"]) for doc in docs]
