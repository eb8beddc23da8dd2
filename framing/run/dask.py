"""Score on a Dask cluster, with the same results, in the same order, as the local engine.

Input files are grouped into partitions (a large JSON Lines file is cut into line-range
shards) and each partition is scored on a worker by the same per-file code the local engine
runs (:func:`framing.run.local.process`), with an engine built once per worker process. Results
are gathered in input order, so every table and file written from them is identical to a
local run's. Without a scheduler address a :class:`~distributed.LocalCluster` of worker
processes is started on loopback, with no dashboard; where the platform allows, its workers
are forked from this process after the engine is built and warmed up here (as the local
engine's ``--jobs`` pool is), so they start scoring at once instead of each importing spaCy
and building its own engine first (see :func:`local_start_method`).

Workers must run the same framing version with the same lexicons: each worker checks its own
against what the client recorded (:class:`WorkerSetup`) before scoring anything, and the run
fails with :class:`WorkerMismatchError` naming the worker otherwise.

>>> results = score_with_dask(["seeds"], n_workers=2, spacy_model="blank")  # doctest: +SKIP
>>> sorted({r.outlet for r in results})[:2]  # doctest: +SKIP
['Aggregator A', 'Aggregator B']
"""

from __future__ import annotations

import os
import socket
import uuid
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from framing.about import __version__
from framing.corpus.articles import Progress, Result, ScoredArticle
from framing.corpus.inputs import Failure, InputFile, Placement, discover
from framing.errors import ConfigError, FramingError, InputError, ResourceMissingError
from framing.heap import bulk_gc
from framing.nlp import AUTO, BLANK, installed_trained_english
from framing.run.local import process, process_documents

if TYPE_CHECKING:
    from distributed import Client, Future

    from framing.score import ArticleScore, Engine

#: Articles per partition (a plain file is one; a JSON Lines shard holds this many records).
DEFAULT_PARTITION_SIZE = 32
#: Per-article tables a worker can write for its own partition (the others need every article).
PARTITIONED_TABLES = ("articles", "metrics_long", "evidence")
_INSTALL_HINT = "--engine dask needs dask.distributed: pip install 'framing-toolkit[dask]'"


class WorkerMismatchError(ConfigError):
    """A worker's framing version, lexicons or pipeline differ from the client's."""


@dataclass(frozen=True)
class DaskOptions:
    """Where ``--engine dask`` runs and what it writes besides the usual outputs.

    ``scheduler`` is a running scheduler's address (``tcp://HOST:PORT``); None starts a
    LocalCluster. ``partitioned_parquet`` is a folder for per-partition Parquet files
    (``articles/part-00000.parquet`` …) written by the workers.
    """

    scheduler: str | None = None
    partition_size: int = DEFAULT_PARTITION_SIZE
    partitioned_parquet: str | None = None


@dataclass(frozen=True)
class WorkerSetup:
    """What every worker must match: recorded on the client, checked on each worker."""

    spacy_model: str
    lexicons: tuple[str, ...]
    text_field: str | None
    tool_version: str
    lexicon_fingerprint: str
    #: Refuse text that is confidently not English (``--language-check``).
    language_check: bool = True
    #: The client's working directory when a path is relative (inputs, lexicons, the Parquet
    #: folder): workers resolve such paths against it, as the local engine does.
    folder: str | None = None


@dataclass(frozen=True)
class Shard:
    """A run of records of one JSON Lines file, carried as text so workers need not re-read
    the file. ``first_line`` is the file line number of ``lines[0]`` and ``first_record`` the
    number of records before it, so sources and messages read as for the whole file."""

    item: InputFile
    first_line: int
    first_record: int
    lines: tuple[str, ...]


Piece = InputFile | Shard


@dataclass(frozen=True)
class PieceResult:
    """What a worker returns for one piece; ``file_failed`` means the whole file is refused
    (a shard with an unreadable record sinks its file, as reading the file locally would)."""

    label: str
    file_failed: bool
    results: list[Result]


@dataclass(frozen=True)
class Partition:
    index: int
    pieces: tuple[Piece, ...]


def score_with_dask(
    inputs: Iterable[str | os.PathLike[str] | InputFile | Failure],
    *,
    scheduler: str | Client | None = None,
    n_workers: int = 2,
    spacy_model: str = AUTO,
    lexicons: Sequence[str] = (),
    text_field: str | None = None,
    partition_size: int = DEFAULT_PARTITION_SIZE,
    partitioned_parquet: str | os.PathLike[str] | None = None,
    metrics: Sequence[str] | None = None,
    progress: Progress | None = None,
    language_check: bool = True,
) -> list[Result]:
    """Score every input on a Dask cluster; results in input order, as the local engine gives.

    ``inputs`` are paths (files or folders, found as :func:`framing.corpus.discover` finds
    them) or already discovered inputs. ``scheduler`` is an address, a connected
    :class:`distributed.Client`, or None for a LocalCluster of ``n_workers`` processes with
    one thread each. With ``partitioned_parquet`` the workers also write the per-article
    tables (:data:`PARTITIONED_TABLES`), one file per partition, for the ``metrics``
    selection (default: all).
    """
    if partition_size < 1:
        raise ConfigError(f"partition size must be at least 1, not {partition_size}")
    items = _items(inputs)
    out_dir = Path(partitioned_parquet) if partitioned_parquet is not None else None
    relative = [i.path for i in items if isinstance(i, InputFile)]
    relative += [Path(p) for p in lexicons] + ([out_dir] if out_dir is not None else [])
    setup = replace(
        worker_setup(spacy_model, lexicons, text_field, language_check),
        folder=os.getcwd() if any(not p.is_absolute() for p in relative) else None,
    )
    partitions, placed = plan(items, partition_size, text_field)
    if out_dir is not None:
        _clear_parts(out_dir)
    early = [i for i in items if isinstance(i, Failure)]  # found unreadable before scoring
    for k, f in enumerate(early, start=1):
        if progress is not None:
            progress(k, len(items), f)
    if not partitions:  # nothing readable to score: no cluster needed
        return _assemble(items, placed, [], set())
    run = uuid.uuid4().hex[:12]  # keys are global on a shared scheduler: never reuse one
    with connect(scheduler, n_workers, setup) as client:
        futures = [
            client.submit(score_partition, p, setup, key=f"framing-{run}-part-{p.index:05d}")
            for p in partitions
        ]
        done = _gather(futures, partitions, len(early), len(items), progress)
        failed = _failed_files(done)
        if out_dir is not None:
            names = list(metrics) if metrics is not None else _all_metrics()
            writes = [
                client.submit(
                    write_partition, f, i, str(out_dir), names, failed, setup.folder, pure=False
                )
                for i, f in enumerate(futures)
            ]
            client.gather(writes)
    results = _assemble(items, placed, done, failed)
    _check_one_pipeline(results)
    return results


def score_paths(
    paths: Sequence[str],
    options: DaskOptions,
    spacy_model: str = AUTO,
    lexicons: Sequence[str] = (),
    text_field: str | None = None,
    n_workers: int = 2,
    language_check: bool = True,
) -> list[ArticleScore]:
    """``framing score --engine dask``: each path is one file (no folder search, no outlets),
    and the first that cannot be read or scored raises :class:`InputError`, as locally."""
    if "-" in paths:
        raise ConfigError("reading stdin (-) needs --engine local")
    items = [InputFile(Path(p), str(Path(p)), Placement()) for p in paths]
    results = score_with_dask(
        items,
        scheduler=options.scheduler,
        n_workers=n_workers,
        spacy_model=spacy_model,
        lexicons=lexicons,
        text_field=text_field,
        partition_size=options.partition_size,
        language_check=language_check,
    )
    failure = next((r for r in results if isinstance(r, Failure)), None)
    if failure is not None:
        raise InputError(failure.reason)
    return [r.score for r in results if isinstance(r, ScoredArticle)]


def worker_setup(
    spacy_model: str = AUTO,
    lexicons: Sequence[str] = (),
    text_field: str | None = None,
    language_check: bool = True,
) -> WorkerSetup:
    """The client's side of the check: tool version and lexicon fingerprint, and ``auto``
    resolved here so a worker without the trained pipeline fails instead of going blank."""
    from framing.lexicon.load import load_lexicons

    model = (installed_trained_english() or BLANK) if spacy_model == AUTO else spacy_model
    return WorkerSetup(
        spacy_model=model,
        lexicons=tuple(lexicons),
        text_field=text_field,
        tool_version=__version__,
        lexicon_fingerprint=load_lexicons(lexicons).fingerprint,
        language_check=language_check,
    )


def check_worker(setup: WorkerSetup) -> Engine:
    """This process's engine for the client's setup; raises :class:`WorkerMismatchError`
    unless this process matches it.

    Builds (once per process) the engine the partitions will use, so the check costs nothing
    after the first partition.
    """
    from framing.score import engine_for

    where = _worker_name()
    if __version__ != setup.tool_version:
        raise WorkerMismatchError(
            f"worker {where} runs framing {__version__}, the client {setup.tool_version}; "
            "install the same version on every worker"
        )
    engine = engine_for(setup.spacy_model, setup.lexicons, setup.language_check)
    theirs = engine.lexicon_set.fingerprint
    if theirs != setup.lexicon_fingerprint:
        raise WorkerMismatchError(
            f"worker {where} has lexicon fingerprint {theirs[:16]}, the client "
            f"{setup.lexicon_fingerprint[:16]} (lexicon files: "
            f"{', '.join(setup.lexicons) or 'built-in only'}); every worker needs the same "
            "lexicon files at the same paths"
        )
    return engine


def score_partition(partition: Partition, setup: WorkerSetup) -> list[PieceResult]:
    """Score one partition on a worker (after :func:`check_worker`), with the garbage
    collector set for bulk work (:func:`framing.heap.bulk_gc`)."""
    out = []
    with client_folder(setup.folder), bulk_gc():
        engine = check_worker(setup)
        for piece in partition.pieces:
            if isinstance(piece, Shard):
                out.append(_score_shard(piece, setup, engine))
            elif setup.text_field is None:
                out.append(PieceResult(piece.label, False, process(piece, engine)))
            else:
                out.append(_score_file(piece, setup, engine))
    return out


@contextmanager
def client_folder(folder: str | None) -> Iterator[None]:
    """Run in the client's working directory so relative paths mean what they mean there
    (workers run one task at a time: one thread each)."""
    here = os.getcwd()
    if folder is None or folder == here:
        yield
        return
    try:
        os.chdir(folder)
    except OSError as exc:
        raise ConfigError(
            f"worker {_worker_name()} cannot enter {folder} ({exc.strerror}), the client's "
            "working directory that relative paths refer to; give absolute paths on a file "
            "system every worker shares"
        ) from exc
    try:
        yield
    finally:
        os.chdir(here)


def write_partition(
    pieces: list[PieceResult],
    index: int,
    out: str,
    metrics: list[str],
    failed: set[str],
    folder: str | None = None,
) -> list[str]:
    """Write this partition's per-article tables as ``OUT/<table>/part-NNNNN.parquet``."""
    with client_folder(folder):
        return _write_partition(pieces, index, out, metrics, failed)


def _write_partition(
    pieces: list[PieceResult], index: int, out: str, metrics: list[str], failed: set[str]
) -> list[str]:
    from framing.export import atomic_write, safe_path
    from framing.export.files import per_article_rows, to_parquet
    from framing.export.tables import all_tables

    articles = [
        r
        for p in pieces
        if p.label not in failed
        for r in p.results
        if isinstance(r, ScoredArticle)
    ]
    if not articles:
        return []
    written = []
    for spec in all_tables():
        if spec.name in PARTITIONED_TABLES:
            path = safe_path(out, f"{spec.name}/part-{index:05d}.parquet")
            rows = list(per_article_rows(spec.name, articles, metrics))
            written.append(str(atomic_write(path, to_parquet(spec, rows))))
    return written


def plan(
    items: Sequence[InputFile | Failure], partition_size: int, text_field: str | None = None
) -> tuple[list[Partition], list[list[tuple[int, int]]]]:
    """Cut the inputs into partitions of about ``partition_size`` articles.

    Returns the partitions and, per input, where its pieces went: (partition, position)
    pairs in order (none for an input that failed before scoring).
    """
    partitions: list[Partition] = []
    placed: list[list[tuple[int, int]]] = []
    current: list[Piece] = []

    def close() -> None:
        if current:
            partitions.append(Partition(len(partitions), tuple(current)))
            current.clear()

    for item in items:
        spots: list[tuple[int, int]] = []
        if isinstance(item, InputFile):
            shards = _shards(item, partition_size)
            if shards is None:
                current.append(item)
                spots.append((len(partitions), len(current) - 1))
                if len(current) >= partition_size:
                    close()
            else:
                close()
                for shard in shards:
                    current.append(shard)
                    spots.append((len(partitions), 0))
                    close()
        placed.append(spots)
    close()
    return partitions, placed


def _shards(item: InputFile, size: int) -> list[Shard] | None:
    """A readable JSON Lines file with more than ``size`` records, cut into shards of ``size``
    records; None for anything else (scored whole, failures reported by the worker)."""
    from framing.ingest.text import load_text

    if item.path.suffix.lower() != ".jsonl":
        return None
    try:
        raw = load_text(item.path)
    except FramingError:
        return None
    lines = raw.splitlines()  # the same split as framing.ingest.records
    records = [n for n, line in enumerate(lines) if line.strip()]
    if len(records) <= size:
        return None
    shards = []
    for k in range(0, len(records), size):
        first, last = records[k], records[min(k + size, len(records)) - 1]
        shards.append(Shard(item, first + 1, k, tuple(lines[first : last + 1])))
    return shards


def _score_shard(shard: Shard, setup: WorkerSetup, engine: Engine) -> PieceResult:
    from framing.ingest.records import RecordError, _documents, _jsonl_items
    from framing.run.local import _one_line, in_place

    item = shard.item
    located = _jsonl_items(item.path, shard.lines, shard.first_line, shard.first_record)
    skipped: list[RecordError] = []
    try:
        docs = _documents(str(item.path), located, setup.text_field, skipped)
    except FramingError as exc:  # no record of the shard could be read: only those are lost
        lost = in_place(item, skipped, [], _same) or [Failure(item.label, _one_line(exc))]
        return PieceResult(item.label, False, lost)
    return PieceResult(
        item.label, False, in_place(item, skipped, process_documents(item, docs, engine), _same)
    )


def _score_file(item: InputFile, setup: WorkerSetup, engine: Engine) -> PieceResult:
    from framing.ingest import RecordError, read_path
    from framing.run.local import _one_line, in_place

    skipped: list[RecordError] = []
    try:
        docs = read_path(item.path, text_field=setup.text_field, skipped=skipped)
    except FramingError as exc:
        return PieceResult(item.label, False, [Failure(item.label, _one_line(exc))])
    return PieceResult(
        item.label, False, in_place(item, skipped, process_documents(item, docs, engine), _same)
    )


def _same(failure: Failure) -> Result:
    return failure


def _items(
    inputs: Iterable[str | os.PathLike[str] | InputFile | Failure],
) -> list[InputFile | Failure]:
    out: list[InputFile | Failure] = []
    for x in inputs:
        if isinstance(x, InputFile | Failure):
            out.append(x)
        else:
            out.extend(discover([os.fspath(x)]))
    return out


#: The Dask configuration key that picks how a Nanny starts its worker process.
START_METHOD_KEY = "distributed.worker.multiprocessing-method"


def local_start_method() -> str:
    """How our own LocalCluster starts its worker processes: ``fork`` where the platform
    offers it safely (not macOS, whose system libraries are not fork-safe), else whatever
    Dask is configured with (``spawn`` by default).

    A forked worker starts in a fraction of a second with this process's imports and warmed
    engine (as the local engine's ``--jobs`` pool does); a spawned one starts a new
    interpreter, imports spaCy and framing, builds and warms its own engine (several seconds
    per worker, all before its first article) and finalises that interpreter on close.
    """
    import multiprocessing
    import sys

    import dask

    if sys.platform != "darwin" and "fork" in multiprocessing.get_all_start_methods():
        return "fork"
    return str(dask.config.get(START_METHOD_KEY))


@contextmanager
def connect(
    scheduler: str | Client | None = None,
    n_workers: int = 2,
    setup: WorkerSetup | None = None,
) -> Iterator[Client]:
    """A client of the scheduler at ``scheduler``, or of a new LocalCluster of ``n_workers``
    processes (closed on exit); a client passed in is used as it is and left open.

    Only the LocalCluster started here has its workers started by
    :func:`local_start_method` (set for its creation only, never for a scheduler given); with
    ``setup`` and ``fork`` the engine the partitions need is built and warmed up here first,
    so every worker inherits it.
    """
    try:
        import logging

        import dask
        from distributed import Client, LocalCluster
    except ImportError as exc:
        raise ResourceMissingError(_INSTALL_HINT) from exc
    if isinstance(scheduler, Client):
        yield scheduler
        return
    if scheduler is None:
        method = local_start_method()
        if setup is not None and method == "fork":
            from framing.score import engine_for

            # forked workers inherit this process's engine ready, instead of each loading it
            engine_for(setup.spacy_model, setup.lexicons, setup.language_check).warm_up()
        # processes, one thread each (spaCy and the engine are not shared between threads);
        # loopback only and no dashboard, so nothing listens beyond this machine
        with dask.config.set({START_METHOD_KEY: method}):
            cluster = LocalCluster(
                n_workers=n_workers,
                threads_per_worker=1,
                processes=True,
                host="127.0.0.1",
                dashboard_address=None,
                # the scheduler's small HTTP server (health routes) still starts: a free port
                scheduler_kwargs={"dashboard": False, "dashboard_address": "127.0.0.1:0"},
                # workers still heartbeating while the cluster closes log tracebacks; task
                # errors reach the client either way
                silence_logs=logging.CRITICAL,
            )
        with cluster, Client(cluster) as client:
            yield client
        return
    try:
        client = Client(scheduler, timeout="20s")
    except (OSError, TimeoutError, ValueError) as exc:
        raise ConfigError(f"cannot reach the dask scheduler at {scheduler!r}: {exc}") from exc
    with client:
        yield client


def _gather(
    futures: list[Future[list[PieceResult]]],
    partitions: list[Partition],
    count: int,
    total: int,
    progress: Progress | None,
) -> list[list[PieceResult]]:
    """Every partition's results, reporting progress as they come in (counted in inputs)."""
    from distributed import KilledWorker, as_completed

    index = {f.key: i for i, f in enumerate(futures)}
    done: list[list[PieceResult] | None] = [None] * len(futures)
    for future in as_completed(futures):
        try:
            part: list[PieceResult] = future.result()  # a worker's exception is raised here
        except KilledWorker as exc:
            raise FramingError(
                f"workers died while scoring partition {index[future.key]} (out of memory?): {exc}"
            ) from exc
        done[index[future.key]] = part
        if progress is not None:
            # counted in inputs: a sharded file counts once, with its first shard
            for piece, result in zip(partitions[index[future.key]].pieces, part, strict=True):
                if not isinstance(piece, Shard) or piece.first_record == 0:
                    count += 1
                for r in result.results:
                    progress(min(count, total), total, r)
    return [d for d in done if d is not None]


def _failed_files(done: list[list[PieceResult]]) -> set[str]:
    return {p.label for part in done for p in part if p.file_failed}


def _assemble(
    items: Sequence[InputFile | Failure],
    placed: list[list[tuple[int, int]]],
    done: list[list[PieceResult]],
    failed: set[str],
) -> list[Result]:
    out: list[Result] = []
    for item, spots in zip(items, placed, strict=True):
        if isinstance(item, Failure):
            out.append(item)
            continue
        pieces = [done[p][k] for p, k in spots]
        if item.label in failed:
            out.extend(next(p for p in pieces if p.file_failed).results)
        else:
            out.extend(r for p in pieces for r in p.results)
    return out


def _check_one_pipeline(results: Sequence[Result]) -> None:
    labels = sorted({r.score.pipeline_label for r in results if isinstance(r, ScoredArticle)})
    if len(labels) > 1:
        raise WorkerMismatchError(
            f"workers scored with different pipelines ({', '.join(labels)}); install the same "
            "spaCy pipeline version on every worker"
        )


def _clear_parts(out: Path) -> None:
    """Old part files would join the new ones in a dataset read of the folder."""
    for table in PARTITIONED_TABLES:
        for old in (out / table).glob("part-*.parquet"):
            old.unlink()


def _all_metrics() -> list[str]:
    from framing.comparison import resolve_metrics

    return resolve_metrics(None)


def _worker_name() -> str:
    try:
        from distributed import get_worker

        return str(get_worker().address)
    except (ImportError, ValueError):
        return f"{socket.gethostname()} (pid {os.getpid()})"
