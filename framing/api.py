"""What every interface shares: discover → score → summarise → analyse, over one engine.

The public face (:mod:`framing`) and the CLI (:mod:`framing.cli`) call these functions and
only render what they return. Each call builds at most one :class:`~framing.score.Engine`
(shared per process: :func:`~framing.score.get_engine`) and passes it along; nothing below
looks it up again.

>>> from framing.api import compare
>>> result = compare(["seeds"], reference="The Korea Times", spacy_model="blank")
>>> sorted({row["outlet"] for row in result.outlets})[:2]
['Aggregator A', 'Aggregator B']
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from framing.comparison import Comparison, default_reference, resolve_metrics, summarize
from framing.corpus.articles import PhaseProgress, Progress, Result, ScoredArticle
from framing.corpus.inputs import Failure, InputFile, discover
from framing.corpus.spill import PREFIX as SPILL_PREFIX
from framing.corpus.spill import SpilledArticles
from framing.errors import ConfigError, InputError
from framing.export.outputs import claimed, db_file, default_db_url, write_outputs
from framing.ingest import read_path, read_records, read_text
from framing.ingest.fetch import read_url
from framing.ingest.html import document_from_html
from framing.nlp import AUTO
from framing.preflight import check_db, check_out, check_paths, check_reference, is_url
from framing.progress import Reporter, phase
from framing.rewrite import diff_files
from framing.rewrite.analysis import StoryAnalysis, analyse
from framing.rewrite.changes import RewriteDiff, diff_scores
from framing.run.cache import ScoreCache
from framing.run.dask import DaskOptions
from framing.run.local import score_documents, score_inputs
from framing.schema import SCHEMA_VERSION, article_schema, registry_json
from framing.score import ArticleScore, Engine, get_engine
from framing.text.calendar import iso_day

if TYPE_CHECKING:
    from framing.evaluate.lexicons import CategoryStats, KwicLine, Validation
    from framing.evaluate.results import EvalRun
    from framing.learn.model import FrameModel
    from framing.lexicon.model import LexiconSet

__all__ = [
    "SCHEMA_VERSION",
    "CompareRun",
    "DaskOptions",
    "compare",
    "compare_to_folder",
    "dashboard_metadata",
    "describe_lexicons",
    "diff",
    "diff_texts",
    "evaluate",
    "kwic",
    "lexicon_stats",
    "lexicons",
    "load_model",
    "metric_registry",
    "open_cache",
    "output_schema",
    "prepare_dashboard_database",
    "score_input",
    "score_path",
    "score_paths",
    "score_text",
    "stories",
    "suggest",
    "train",
    "validate_lexicons",
    "warm_up",
]


def _engine(spacy_model: str, lexicons: Sequence[str | Path], language_check: str = "on") -> Engine:
    if language_check not in ("on", "off"):
        raise ConfigError(f"language_check must be 'on' or 'off', not {language_check!r}")
    names = tuple(str(p) for p in lexicons)
    if language_check == "on":  # called as every other caller calls it: one cached engine
        return get_engine(spacy_model, names)
    return get_engine(spacy_model, names, False)


def score_text(
    text: str,
    *,
    spacy_model: str = AUTO,
    lexicons: Sequence[str | Path] = (),
    source: str = "<text>",
    clean: bool = True,
    language_check: str = "on",
) -> ArticleScore:
    """Clean and score one article given as text (a raw page dump is fine); ``clean=False``
    scores the text as it is, so evidence offsets point into ``text`` itself. Text that is
    confidently not English is refused unless ``language_check`` is ``"off"``."""
    return _engine(spacy_model, lexicons, language_check).score_text(text, source, clean=clean)


def score_input(
    *,
    text: str | None = None,
    html: str | None = None,
    record: Mapping[str, object] | None = None,
    spacy_model: str = AUTO,
    lexicons: Sequence[str | Path] = (),
    source: str = "<request>",
) -> ArticleScore:
    """Score one article given as raw text, an HTML page, or a JSON record (``text`` plus
    metadata fields, as in a JSON Lines file); exactly one of the three. What ``framing serve``
    answers ``POST /v1/score`` with.

    >>> s = score_input(record={"text": "Rain fell.", "outlet": "X"}, spacy_model="blank")
    >>> s.article["outlet"]
    'X'
    """
    given = [k for k, v in (("text", text), ("html", html), ("record", record)) if v is not None]
    if len(given) != 1:
        raise InputError(f"give exactly one of text, html or record (got {len(given)})")
    engine = _engine(spacy_model, lexicons)
    if record is not None:
        return engine.score_document(read_records([record], source)[0])
    if html is not None:
        return engine.score_document(document_from_html(html, source))
    return engine.score_text(text or "", source)


def diff_texts(
    source: str,
    rewrite: str,
    *,
    spacy_model: str = AUTO,
    lexicons: Sequence[str | Path] = (),
) -> RewriteDiff:
    """What ``rewrite`` changed relative to ``source``, both given as text (raw page dumps are
    cleaned, HTML extracted): :func:`diff` without files."""
    engine = _engine(spacy_model, lexicons)
    a = engine.score_text(source, "<source>")
    b = engine.score_text(rewrite, "<rewrite>")
    return diff_scores(a, b, engine.resources.lexicons["evaluation"])


def warm_up(spacy_model: str = AUTO, lexicons: Sequence[str | Path] = ()) -> str:
    """Build the engine now (a worker does this once, before its first request); returns the
    pipeline label."""
    return _engine(spacy_model, lexicons).score_text("Warm up.", "<warm-up>").pipeline_label


def dashboard_metadata(db_name: str = "framing") -> dict[str, Any]:
    """Datasette metadata (titles, descriptions, units, charts) for a framing database opened
    under ``db_name``."""
    from framing.export.dashboard import datasette_metadata

    return datasette_metadata(db_name)


def prepare_dashboard_database(path: str | Path) -> None:
    """Bring a framing SQLite file's layout and views up to date (a file written by an older
    framing gets them), so dashboards can read it."""
    from framing.export.sql import connect, create_schema

    engine = connect(f"sqlite:///{Path(path).resolve()}")
    try:
        create_schema(engine)
    finally:
        engine.dispose()


def metric_registry() -> list[dict[str, Any]]:
    """Every metric's name, family, definition, unit, range and citation."""
    loaded: list[dict[str, Any]] = json.loads(registry_json())
    return loaded


def output_schema() -> dict[str, Any]:
    """The JSON Schema of one scored article (``framing score --format json``)."""
    return article_schema()


def score_path(
    path: str | Path,
    *,
    spacy_model: str = AUTO,
    lexicons: Sequence[str | Path] = (),
    text_field: str | None = None,
    language_check: str = "on",
) -> list[ArticleScore]:
    """Score every article in a file (.txt, .html, .json, .jsonl, .csv, .pdf, .docx)."""
    engine = _engine(spacy_model, lexicons, language_check)
    return list(engine.score_documents(read_path(path, text_field=text_field)))


def score_paths(
    paths: Sequence[str | Path],
    *,
    spacy_model: str = AUTO,
    lexicons: Sequence[str | Path] = (),
    text_field: str | None = None,
    jobs: int = 1,
    cache: ScoreCache | None = None,
    dask: DaskOptions | None = None,
    stdin: str | None = None,
    language_check: str = "on",
    fetch: bool = False,
    report: Reporter | None = None,
    model: FrameModel | str | Path | None = None,
) -> list[ArticleScore]:
    """``framing score``: every article in the given files, in order (``-`` is ``stdin``, one
    article of text); the first file that cannot be read raises
    :class:`~framing.errors.InputError`. ``jobs`` worker processes, a ``cache`` of stored
    scores, or a Dask cluster (``dask``) change where scoring runs, never the result. Text
    that is confidently not English is refused unless ``language_check`` is ``"off"``; with
    ``fetch`` an http(s) URL is downloaded and read (:mod:`framing.ingest.fetch`). ``report``
    hears each phase (read, score) with counts and timings (:mod:`framing.progress`). With a
    frame ``model`` each score carries ``model_frames`` (probabilities and evidence)."""
    check_paths(paths, fetch=fetch)
    engine = _engine(spacy_model, lexicons, language_check)  # lexicons and pipeline checked
    fitted = None if model is None else load_model(model)  # checked before scoring too
    scores = _score_paths(
        paths,
        engine,
        spacy_model,
        lexicons,
        text_field,
        jobs,
        cache,
        dask,
        stdin,
        language_check,
        fetch,
        report,
    )
    if fitted is None:
        return scores
    from framing.learn.apply import predict_scores

    return predict_scores(fitted, scores)


def _score_paths(
    paths: Sequence[str | Path],
    engine: Engine,
    spacy_model: str,
    lexicons: Sequence[str | Path],
    text_field: str | None,
    jobs: int,
    cache: ScoreCache | None,
    dask: DaskOptions | None,
    stdin: str | None,
    language_check: str,
    fetch: bool,
    report: Reporter | None,
) -> list[ArticleScore]:
    if dask is not None:
        from framing.run.dask import score_paths as score_on_dask

        if cache is not None:
            raise ConfigError("--cache needs --engine local")
        return score_on_dask(
            [str(p) for p in paths],
            dask,
            spacy_model,
            [str(p) for p in lexicons],
            text_field,
            n_workers=jobs,
            language_check=language_check == "on",
        )
    docs = []
    with phase(report, "read", total=len(paths)) as reading:
        for n, path in enumerate(paths, start=1):
            if path == "-":
                docs.append(read_text(stdin or "", "<stdin>"))
            elif fetch and is_url(path):
                docs.append(read_url(str(path)))
            else:
                docs.extend(read_path(path, text_field=text_field))
            reading.advance(n)
    scores = []
    with phase(report, "score", total=len(docs)) as scoring:
        for score in score_documents(docs, engine, jobs=jobs, cache=cache):
            scores.append(score)
            scoring.advance(len(scores))
    return scores


def compare(
    paths: Sequence[str | Path],
    *,
    reference: str | None = None,
    metrics: Sequence[str] | None = None,
    spacy_model: str = "auto",
    lexicons: Sequence[str] = (),
    jobs: int = 1,
    progress: Progress | None = None,
    rewrites: bool = True,
    dask: DaskOptions | None = None,
    cache: ScoreCache | None = None,
    spill: bool = False,
    stdin: str | None = None,
    language_check: str = "on",
    report: Reporter | None = None,
    exclude: Sequence[str | Path] = (),
    phase_progress: PhaseProgress | None = None,
    model: FrameModel | str | Path | None = None,
) -> Comparison:
    """Score every article under ``paths`` and compare outlets.

    With a frame ``model`` (:func:`train`, or a model file) every article also gets the
    model's probability per frame with its evidence, and ``outlet_frames`` the outlets' mean
    probabilities and shares over the threshold.

    Bad files end up in ``failures`` and everything good is still compared. With
    ``rewrites`` the articles are also grouped into stories, rewrites found and diffed
    (:mod:`framing.rewrite`). ``cache`` reuses stored scores (:mod:`framing.run.cache`). With
    ``dask`` the scoring runs on a Dask cluster (:mod:`framing.run.dask`; ``jobs`` worker
    processes for a LocalCluster). ``phase_progress`` follows the rewrite analysis after
    scoring (``(phase, done, total)``, see :func:`framing.rewrite.analysis.analyse`).

    ``spill`` keeps the scored articles in a temporary file instead of memory, so memory does
    not grow with the corpus; close the result when done. The rewrite analysis still needs
    every article's text at once (and story clustering compares every pair), so for archives
    set ``rewrites=False``.

    Before anything is scored the paths, ``metrics``, lexicons, pipeline and ``reference``
    are checked (:mod:`framing.preflight`). Articles confidently not in English are failures
    unless ``language_check`` is ``"off"``. ``progress`` hears every scored input; ``report``
    hears each phase (discover, score, rewrites) with counts and timings.

    A path ``-`` stands for ``stdin``: JSON Lines text, one article per line. Nothing under
    ``exclude`` (an output folder, a database file) is read.
    """
    check_paths(paths, every=False)
    names = resolve_metrics(metrics)
    fitted = None if model is None else load_model(model)  # checked before scoring
    options = _Options(
        spacy_model, lexicons, language_check, jobs, rewrites, dask, cache, spill, fitted
    )
    if dask is None:
        _engine(spacy_model, lexicons, language_check)  # lexicons and pipeline load, or fail now
    # named like a spill folder, so a later run deletes it if this one is killed
    with tempfile.TemporaryDirectory(prefix=f"{SPILL_PREFIX}{os.getpid()}-") as tmp:
        if "-" in paths:
            stdin_file = Path(tmp, "stdin.jsonl")
            stdin_file.write_text(stdin or "", encoding="utf-8")
            paths = [stdin_file if p == "-" else p for p in paths]
        with phase(report, "discover") as discovering:
            inputs = list(discover(paths, exclude=exclude))
            discovering.advance(len(inputs))
        if reference is not None:
            check_reference(reference, inputs)
        return _compare(inputs, names, reference, options, progress, report, phase_progress)


@dataclass(frozen=True)
class _Options:
    spacy_model: str
    lexicons: Sequence[str | Path]
    language_check: str
    jobs: int
    rewrites: bool
    dask: DaskOptions | None
    cache: ScoreCache | None
    spill: bool
    model: FrameModel | None = None


def _compare(
    inputs: list[InputFile | Failure],
    names: list[str],
    reference: str | None,
    o: _Options,
    progress: Progress | None,
    report: Reporter | None,
    phase_progress: PhaseProgress | None = None,
) -> Comparison:
    articles: list[ScoredArticle] | SpilledArticles = SpilledArticles() if o.spill else []
    failures: list[Failure] = []
    results: Iterable[Result]
    if o.dask is None:
        engine = _engine(o.spacy_model, o.lexicons, o.language_check)  # shared by forked workers
        results = score_inputs(inputs, engine, jobs=o.jobs, progress=progress, cache=o.cache)
    else:  # --engine dask: same results in the same order, scored on a Dask cluster
        from framing.run.dask import score_with_dask

        results = score_with_dask(
            inputs,
            scheduler=o.dask.scheduler,
            n_workers=o.jobs,
            spacy_model=o.spacy_model,
            lexicons=[str(p) for p in o.lexicons],
            partition_size=o.dask.partition_size,
            partitioned_parquet=o.dask.partitioned_parquet,
            metrics=names,
            progress=progress,
            language_check=o.language_check == "on",
        )
    if o.model is not None:
        from framing.learn.apply import predict_results

        results = predict_results(o.model, results)
    notes: list[Failure] = []
    try:
        with phase(report, "score", total=len(inputs)) as scoring:
            for r in results:
                if isinstance(r, Failure):
                    failures.append(r)
                else:
                    articles.append(r)
                    if r.date is not None and iso_day(r.date) is None:
                        notes.append(
                            Failure(
                                r.source,
                                f"date {r.date!r} is not a calendar date "
                                "(YYYY-MM-DD): kept as given, undated for rewrites",
                                "date",
                            )
                        )
                scoring.advance(len(articles) + len(failures))
            scoring.note = f"{len(articles)} articles, {len(failures)} failed"
        ref = reference if reference is not None else default_reference(articles)
        result = Comparison(articles, summarize(articles, names, ref), names, ref, failures)
        result.notes = notes
        if o.model is not None:
            from framing.learn.apply import outlet_frames

            result.outlet_frames = outlet_frames(articles)
        if o.rewrites and len(articles) > 1:
            with phase(report, "rewrites", total=len(articles)) as finding:
                evaluation = _engine(o.spacy_model, o.lexicons).resources.lexicons["evaluation"]
                try:
                    result.stories = analyse(list(articles), evaluation, progress=phase_progress)
                except Exception as exc:  # the scores are written whatever the analysis does
                    why = f"{exc.__class__.__name__}: {' '.join(str(exc).split())}"
                    notes.append(
                        Failure("stories and rewrites", f"not analysed: {why}"[:500], "analysis")
                    )
                finding.advance(len(articles))
    except BaseException:
        if isinstance(articles, SpilledArticles):
            articles.close()
        raise
    finally:
        close = getattr(results, "close", None)
        if close is not None:  # workers ended and fresh scores cached now, not at collection
            close()
    return result


def stories(
    paths: Sequence[str | Path],
    *,
    spacy_model: str = AUTO,
    jobs: int = 1,
    threshold: float | None = None,
    language_check: str = "on",
    report: Reporter | None = None,
) -> tuple[StoryAnalysis, list[Failure]]:
    """``framing stories``: the articles under ``paths`` grouped into stories and events, who
    rewrote whom and where figures conflict; with the inputs that could not be read."""
    result = compare(
        paths,
        spacy_model=spacy_model,
        jobs=jobs,
        rewrites=False,
        language_check=language_check,
        report=report,
    )
    if len(result.articles) < 2:
        raise InputError("need at least two readable articles to find stories")
    evaluation = _engine(spacy_model, ()).resources.lexicons["evaluation"]
    with phase(report, "rewrites", total=len(result.articles)) as finding:
        analysis = analyse(result.articles, evaluation, threshold=threshold)
        finding.advance(len(result.articles))
    return analysis, result.failures


def diff(
    source: str | Path,
    rewrite: str | Path,
    *,
    spacy_model: str = AUTO,
    lexicons: Sequence[str | Path] = (),
    language_check: str = "on",
) -> RewriteDiff:
    """What ``rewrite`` changed relative to ``source`` (files of any supported kind; the first
    article of each is used).

    >>> d = diff("seeds/004_d472f51968b70f97.txt", "seeds/001_2274d8085f08d29a.txt",
    ...          spacy_model="blank")
    >>> "quote:altered" in d.counts()
    True
    """
    check_paths([source, rewrite])
    return diff_files(source, rewrite, _engine(spacy_model, lexicons, language_check))


def kwic(
    spec: str,
    paths: Sequence[str | Path],
    *,
    window: int = 5,
    limit: int | None = None,
    lexicons: Sequence[str | Path] = (),
    spacy_model: str = AUTO,
) -> tuple[list[KwicLine], list[Failure]]:
    """``framing lexicon kwic``: every match of one category in context
    (:func:`framing.evaluate.lexicons.kwic`), with the inputs that could not be read."""
    from framing.evaluate.lexicons import kwic as find

    failures: list[Failure] = []
    engine = _engine(spacy_model, lexicons)
    lines = find(spec, paths, window=window, limit=limit, engine=engine, failures=failures)
    return lines, failures


def lexicon_stats(
    spec: str,
    paths: Sequence[str | Path],
    *,
    lexicons: Sequence[str | Path] = (),
    spacy_model: str = AUTO,
) -> tuple[list[CategoryStats], list[Failure]]:
    """``framing lexicon stats``: how the categories of ``spec`` behave on a corpus
    (:func:`framing.evaluate.lexicons.category_stats`), with the inputs that could not be
    read."""
    from framing.evaluate.lexicons import category_stats

    failures: list[Failure] = []
    engine = _engine(spacy_model, lexicons)
    return category_stats(spec, paths, engine=engine, failures=failures), failures


@contextmanager
def open_cache(path: str | Path | None) -> Iterator[ScoreCache | None]:
    """The score cache at ``path`` (created if missing), closed on exit; None for no cache."""
    if path is None:
        yield None
        return
    with ScoreCache(path) as cache:
        yield cache


@dataclass
class CompareRun:
    """``framing compare``: the comparison and what was written for it (``sink_failures``:
    the outputs that could not be written, one line each)."""

    comparison: Comparison
    written: list[Path]
    added: dict[str, int]
    db: str | None
    sink_failures: list[Failure] = field(default_factory=list)


def compare_to_folder(
    paths: Sequence[str | Path],
    out: str | Path,
    *,
    db: str | None = None,
    write_db: bool = True,
    formula_guard: bool = True,
    **options: Any,
) -> CompareRun:
    """``framing compare``: :func:`compare` with scored articles spilled to disk, then every
    table, the reports and ``datapackage.json`` written into ``out`` as one whole set and the
    rows into the database at ``db`` (a SQLAlchemy URL; default the SQLite file
    ``out/framing.sqlite``; none with ``write_db=False``). ``options`` are :func:`compare`'s.
    Neither ``out`` nor the database file is ever read as input. A sink that cannot be written
    is reported in ``sink_failures`` and the others are still written. Close
    ``result.comparison`` (or use it in ``with``) when done.

    ``out`` and ``db`` are checked before anything is scored; when no input could be read,
    nothing is written and :class:`~framing.errors.InputError` says why."""
    check_paths(paths, every=False)
    check_out(out)
    if not write_db:
        db = None
    elif db is None:
        db = default_db_url(out)
    else:
        check_db(db)
    exclude = [Path(out), *([f] if db is not None and (f := db_file(db)) else [])]
    with claimed(out):
        result = compare(paths, spill=True, exclude=exclude, **options)
        try:
            if not result.articles:
                if not result.failures:
                    raise InputError(f"no input files found in {', '.join(str(p) for p in paths)}")
                n = len(result.failures)
                shown = "; ".join(f"{f.source}: {f.reason}" for f in result.failures[:3])
                more = f"; and {n - 3} more" if n > 3 else ""
                raise InputError(
                    f"nothing could be read ({n} input(s) failed: {shown}{more}); "
                    "nothing was written"
                )
            with phase(options.get("report"), "write") as writing:
                written, added, failed = write_outputs(
                    result, out, formula_guard=formula_guard, db=db
                )
                writing.advance(len(written))
                writing.note = f"{len(written)} files" + (f", database {db}" if db else "")
        except BaseException:
            result.close()
            raise
    return CompareRun(result, written, added, db, failed)


def evaluate(
    feature: str = "all",
    *,
    fast: bool = False,
    data: str | Path | None = None,
    progress: Callable[[str], None] | None = None,
    docs: str | Path | None = None,
) -> EvalRun:
    """``framing eval``: agreement with human coders for one feature or ``"all"``; with
    ``docs`` the Markdown report is written there too."""
    from framing.evaluate import FEATURES, render_markdown, run

    features = tuple(FEATURES) if feature == "all" else (feature,)
    result = run(features, fast=fast, data=data, progress=progress)
    if docs is not None:
        Path(docs).parent.mkdir(parents=True, exist_ok=True)
        Path(docs).write_text(render_markdown(result), encoding="utf-8")
    return result


def lexicons(paths: Sequence[str | Path] = ()) -> LexiconSet:
    """The built-in lexicons with the files at ``paths`` applied, as ``--lexicon`` loads them."""
    from framing.lexicon.load import load_lexicons

    return load_lexicons(paths)


def describe_lexicons(lexset: LexiconSet) -> list[dict[str, Any]]:
    """``framing lexicon list --format json``: each lexicon's version, source and sizes."""
    from framing.evaluate.lexicons import describe_lexicons as describe

    return describe(lexset)


def validate_lexicons(paths: Sequence[str | Path]) -> list[Validation]:
    """``framing lexicon validate``: each file checked alone, then all together."""
    from framing.evaluate.lexicons import validate

    return validate(paths)


def load_model(model: FrameModel | str | Path) -> FrameModel:
    """A frame model file read and checked (:func:`framing.learn.store.load`); a model object
    is returned as it is."""
    from framing.learn.model import FrameModel

    if isinstance(model, FrameModel):
        return model
    from framing.learn.store import load

    return load(model)


def train(
    labels: str | Path,
    *,
    text_field: str | None = None,
    labels_field: str = "labels",
    labels_file: str | Path | None = None,
    frames: Sequence[str] | None = None,
    group_by: str | None = None,
    folds: int = 5,
    seed: int = 0,
    spacy_model: str = "blank",
    lexicons: Sequence[str | Path] = (),
    out: str | Path | None = None,
    progress: Callable[[str], None] | None = None,
) -> FrameModel:
    """``framing train``: a frame model fitted on a researcher's coded articles, with
    cross-validated figures per frame in ``model.cv_``; written to ``out`` when given.

    ``labels`` is a CSV/JSONL file (text in ``text_field``, frames in ``labels_field``) or a
    folder of articles with ``labels_file`` (:mod:`framing.learn.labels`). ``group_by`` names
    a field (e.g. ``outlet``) whose values never straddle two folds.
    """
    from framing.learn import store
    from framing.learn.labels import read_labelled
    from framing.learn.model import FrameModel

    data = read_labelled(
        labels,
        text_field=text_field,
        labels_field=labels_field,
        labels_file=labels_file,
        group_by=group_by,
        frames=frames,
    )
    model = FrameModel(
        frames=data.frames,
        folds=folds,
        seed=seed,
        spacy_model=spacy_model,
        lexicons=tuple(str(Path(p).resolve()) for p in lexicons),
    )
    model.fit(data.texts, data.matrix(), groups=data.groups, progress=progress)
    model.card_ = store.card(model, data.data_hash, len(data))
    if out is not None:
        store.save(model, out)
        model.card_ = store.read_card(out)
    return model


def suggest(
    model: FrameModel | str | Path,
    paths: Sequence[str | Path],
    *,
    n: int = 20,
    text_field: str | None = None,
) -> tuple[list[dict[str, Any]], list[Failure]]:
    """``framing suggest``: the ``n`` unlabelled articles under ``paths`` whose codes would
    teach ``model`` most (:mod:`framing.learn.suggest`), best first, as rows ready to code
    (an empty ``labels`` column), with the inputs that could not be read."""
    from framing.learn.suggest import suggestion_rows

    fitted = load_model(model)
    docs = []
    failures: list[Failure] = []
    for item in discover(paths):
        if isinstance(item, Failure):
            failures.append(item)
            continue
        try:
            docs.extend(read_path(item.path, text_field=text_field))
        except InputError as exc:
            failures.append(Failure(item.label, str(exc)))
    return suggestion_rows(fitted, docs, n), failures
