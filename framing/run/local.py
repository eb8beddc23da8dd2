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

import contextlib
import multiprocessing as mp
import signal
from collections import deque
from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import islice
from multiprocessing.connection import Connection, wait
from typing import Any, TypeVar

from framing.corpus.articles import Progress, Result, ScoredArticle
from framing.corpus.inputs import UNKNOWN, Failure, InputFile
from framing.document import Document
from framing.errors import FramingError, InputError
from framing.heap import bulk_gc
from framing.ingest.clean import parse_date
from framing.ingest.records import RecordError
from framing.run.cache import ScoreCache
from framing.score import ArticleScore, Engine

_T = TypeVar("_T")

#: A result and, when it was scored here rather than found in the cache, its cache key.
_Outcome = tuple[Result, str | None]


#: Inputs sent to a worker at a time: large enough that a message per chunk costs nothing next
#: to scoring it, small enough that two workers finish close together.
CHUNK = 8

#: What a worker that died twice on an input (killed, out of memory) reports for it.
WORKER_DIED = "a worker process died while scoring it (killed, or out of memory?); retried once"


_WORKER: dict[str, Any] = {}


def _init(engine: Engine, cache_path: str | None) -> None:
    _WORKER["engine"] = engine  # the parent's, inherited through the fork: nothing is loaded
    try:
        _WORKER["cache"] = ScoreCache(cache_path, readonly=True) if cache_path else None
    except FramingError:  # unreadable from here: this worker scores everything itself
        _WORKER["cache"] = None


def _serve(conn: Connection, fn: Callable[[Any], Any], init_args: tuple[Any, ...]) -> None:
    """A worker: chunks in, results out, until told to stop. Ctrl-C reaches the whole process
    group; the parent decides what it means, so a worker ignores it (and dies on SIGTERM)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    _init(*init_args)
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):
            return
        if task is None:
            return
        index, chunk = task
        try:
            reply: tuple[int, bool, Any] = (index, True, fn(chunk))
        except Exception as exc:  # sent back and raised by the parent
            reply = (index, False, exc)
        try:
            conn.send(reply)
        except OSError:  # the parent is gone (killed): nothing to answer to
            return


@dataclass
class _Worker:
    process: Any  # multiprocessing's forked Process
    conn: Connection
    task: tuple[int, list[Any], int] | None = None  # (chunk index, chunk, attempt)


def supervised(
    fn: Callable[[list[Any]], list[Any]],
    chunks: Iterable[list[Any]],
    jobs: int,
    init_args: tuple[Any, ...],
    lost: Callable[[Any], Any],
) -> Generator[list[Any], None, None]:
    """``fn(chunk)`` for every chunk in ``jobs`` forked workers, results in chunk order.

    A worker that dies (its process sentinel fires before it answers) is replaced and its
    chunk retried once, one input at a time, so one input that kills its worker (the
    out-of-memory killer) costs only itself: an input that kills the retry too comes back as
    ``lost(input)``. At most ``4 * jobs`` chunks are in flight or waiting to be taken, so
    results never pile up when this process falls behind. Workers are ended when the
    iteration ends, however it ends (Ctrl-C, SIGTERM, an error).
    """
    ctx = mp.get_context("fork")

    def start() -> _Worker:
        mine, theirs = ctx.Pipe()
        process = ctx.Process(target=_serve, args=(theirs, fn, init_args), daemon=True)
        process.start()
        theirs.close()
        return _Worker(process, mine)

    workers = [start() for _ in range(jobs)]
    todo = enumerate(chunks)
    retry: deque[tuple[int, list[Any], int]] = deque()
    parts: dict[int, list[list[Any] | None]] = {}  # retried chunk -> one slot per input
    done: dict[int, list[Any]] = {}
    next_out, exhausted = 0, False

    def settle(task: tuple[int, list[Any], int], result: list[Any]) -> None:
        index, _, attempt = task
        if attempt == 0:
            done[index] = result
            return
        slots = parts[index]
        slots[attempt - 1] = result
        if all(s is not None for s in slots):
            del parts[index]
            done[index] = [r for s in slots if s is not None for r in s]

    def died(w: _Worker) -> None:
        assert w.task is not None
        index, chunk, attempt = w.task
        w.process.join()
        w.conn.close()
        workers[workers.index(w)] = start()
        if attempt == 0:  # retried input by input: only the one that kills dies twice
            parts[index] = [None] * len(chunk)
            retry.extend((index, [item], k + 1) for k, item in enumerate(chunk))
        else:
            settle((index, chunk, attempt), [lost(chunk[0])])

    try:
        while True:
            for w in workers:
                if w.task is not None:
                    continue
                if not retry and (exhausted or len(done) + _busy(workers) >= 4 * jobs):
                    break
                if retry:
                    task = retry.popleft()
                else:
                    nxt = next(todo, None)
                    if nxt is None:
                        exhausted = True
                        break
                    task = (nxt[0], nxt[1], 0)
                w.task = task
                try:
                    w.conn.send((task[0], task[1]))
                except OSError:  # it died before taking the task
                    died(w)
            while next_out in done:
                yield done.pop(next_out)
                next_out += 1
            busy = [w for w in workers if w.task is not None]
            if not busy:
                if exhausted and not retry:
                    return
                continue
            ready = wait([w.conn for w in busy] + [w.process.sentinel for w in busy])
            for w in busy:
                if w.conn in ready or w.conn.poll():
                    try:
                        _, ok, result = w.conn.recv()
                    except (EOFError, OSError):
                        died(w)
                        continue
                    if not ok:
                        raise result
                    finished, w.task = w.task, None
                    assert finished is not None
                    settle(finished, result)
                elif w.process.sentinel in ready:
                    died(w)
    finally:
        for w in workers:
            if w.task is None and w.process.is_alive():
                with contextlib.suppress(OSError):
                    w.conn.send(None)
            else:
                w.process.terminate()
        for w in workers:
            w.process.join(timeout=5)
            if w.process.is_alive():
                w.process.kill()
                w.process.join()
            w.conn.close()


def _busy(workers: list[_Worker]) -> int:
    return sum(w.task is not None for w in workers)


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

    skipped: list[RecordError] = []
    try:
        docs = read_path(item.path, skipped=skipped)
    except FramingError as exc:
        return [(Failure(item.label, _one_line(exc)), None)]
    except Exception as exc:  # a reader's bug must not sink the batch either
        return [(Failure(item.label, f"cannot be read: {_one_line_error(exc)}"), None)]
    # a bad record costs only itself; it is reported where it stood among the file's records
    return in_place(item, skipped, _place(item, docs, engine, cache), _unscored)


def in_place(
    item: InputFile,
    skipped: Sequence[RecordError],
    placed: list[_T],
    wrap: Callable[[Failure], _T],
) -> list[_T]:
    """``placed`` (one result per document read from ``item``) with a failure of kind
    ``record`` (made a result by ``wrap``) for each record skipped, where that record stood."""
    out: list[_T] = []
    bad = iter(skipped)
    error = next(bad, None)
    for i in range(len(placed) + 1):
        while error is not None and error.before <= i:
            reason = _one_line(error).removeprefix(f"{item.path}: ").removeprefix(error.where)
            reason = reason.removeprefix(":").strip()
            out.append(wrap(Failure(f"{item.label}: {error.where}", reason, "record")))
            error = next(bad, None)
        if i < len(placed):
            out.append(placed[i])
    return out


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
            p, meta = item.placement, doc.metadata
            outlet, outlet_from = p.outlet, p.outlet_from
            if outlet is None and meta.outlet:
                outlet, outlet_from = meta.outlet, "metadata"
            given = p.date or meta.date
            scored = ScoredArticle(
                score=score,
                source=source,
                outlet=outlet or UNKNOWN,
                outlet_from=outlet_from if outlet else UNKNOWN,
                role=p.role,
                declared_source=p.declared_source or meta.original_source,
                title=p.title or meta.title,
                date=(parse_date(given) or given) if given else None,
                url=p.url or meta.url,
            )
        except FramingError as exc:  # refused before scoring: too long, not English
            out.append((Failure(source, _one_line(exc), "article"), None))
            continue
        except Exception as exc:  # one article must not sink the batch
            reason = f"scoring failed: {_one_line_error(exc)}"
            out.append((Failure(source, reason, "article"), None))
            continue
        out.append((scored, key))
    return out


def process(item: InputFile, engine: Engine) -> list[Result]:
    """Read, clean and score one file; failures are returned, not raised."""
    return [r for r, _ in _process(item, engine, None)]


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split())


def _one_line_error(exc: BaseException) -> str:
    return f"{exc.__class__.__name__}: {_one_line(exc)}"[:500]


#: A JSON Lines file larger than this is scored in pieces of :data:`PIECE_RECORDS` records:
#: spread over every worker, shown in the progress bar and stored in the cache as they come,
#: instead of by one worker, all at the end.
PIECE_BYTES = 256 * 1024
PIECE_RECORDS = 64


@dataclass(frozen=True)
class Piece:
    """Records ``first_record + 1`` onwards of a JSON Lines file, its lines from
    ``first_line`` (1-based) on: scored like the whole file would score them."""

    item: InputFile
    first_line: int
    first_record: int
    lines: tuple[str, ...]


def pieces(items: Iterable[InputFile | Failure]) -> Iterator[InputFile | Failure | Piece]:
    """``items`` with every large readable JSON Lines file cut into :class:`Piece` values
    (anything unreadable stays whole, and reading it reports why)."""
    from framing.ingest.text import load_text

    for item in items:
        if not isinstance(item, InputFile) or item.path.suffix.lower() != ".jsonl":
            yield item
            continue
        try:
            big = item.path.stat().st_size > PIECE_BYTES
            raw = load_text(item.path) if big else ""
        except (OSError, FramingError):
            big = False
        if not big:
            yield item
            continue
        lines = raw.splitlines()  # the same split as framing.ingest.records
        records = [n for n, line in enumerate(lines) if line.strip()]
        for k in range(0, len(records), PIECE_RECORDS):
            first, last = records[k], records[min(k + PIECE_RECORDS, len(records)) - 1]
            yield Piece(item, first + 1, k, tuple(lines[first : last + 1]))


def _process_piece(piece: Piece, engine: Engine, cache: ScoreCache | None) -> list[_Outcome]:
    from framing.ingest.records import _documents, _jsonl_items

    item = piece.item
    located = _jsonl_items(item.path, piece.lines, piece.first_line, piece.first_record)
    skipped: list[RecordError] = []
    try:
        docs = _documents(str(item.path), located, None, skipped)
    except FramingError as exc:  # no record of the piece could be read: only those are lost
        lost = in_place(item, skipped, [], _unscored)
        return lost or [(Failure(item.label, _one_line(exc)), None)]
    return in_place(item, skipped, _place(item, docs, engine, cache), _unscored)


def _unscored(failure: Failure) -> _Outcome:
    return failure, None


def _process_any(
    item: InputFile | Piece, engine: Engine, cache: ScoreCache | None
) -> list[_Outcome]:
    if isinstance(item, Piece):
        return _process_piece(item, engine, cache)
    return _process(item, engine, cache)


def _run_chunk(items: list[InputFile | Piece]) -> list[list[_Outcome]]:
    return [_process_any(item, _WORKER["engine"], _WORKER["cache"]) for item in items]


def _lost_input(item: InputFile | Piece) -> list[_Outcome]:
    if isinstance(item, Piece):
        where = f"lines {item.first_line}-{item.first_line + len(item.lines) - 1}"
        return [(Failure(f"{item.item.label}: {where}", WORKER_DIED, "record"), None)]
    return [(Failure(item.label, WORKER_DIED), None)]


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
    items = list(pieces(inputs))
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
                        else _process_any(item, engine, cache)
                    )
                return
            work = [item for item in items if not isinstance(item, Failure)]
            init = (engine, cache.path if cache is not None and cache.usable else None)
            chunks = supervised(_run_chunk, _chunks(work, CHUNK), jobs, init, _lost_input)
            scored = (o for chunk in chunks for o in chunk)
            try:
                for item in items:
                    yield from emit([(item, None)] if isinstance(item, Failure) else next(scored))
            finally:
                chunks.close()
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
        init = (engine, cache.path if cache is not None and cache.usable else None)
        chunks = supervised(_score_chunk, _chunks(documents, CHUNK), jobs, init, _lost_document)
        try:
            for chunk in chunks:
                yield from chunk
        finally:
            chunks.close()

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


def _lost_document(doc: Document) -> tuple[ArticleScore, str | None]:
    raise InputError(f"{doc.source}: {WORKER_DIED}")


def _score_chunk(docs: list[Document]) -> list[tuple[ArticleScore, str | None]]:
    return [_score(doc, _WORKER["engine"], _WORKER["cache"]) for doc in docs]
