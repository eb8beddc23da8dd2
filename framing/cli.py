"""The ``framing`` command: click commands only, each a few lines over the public API."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

import click
from rich.console import Console

from framing import __version__
from framing.errors import FramingError, InputError

if TYPE_CHECKING:
    from framing.cache import ScoreCache
    from framing.distributed import DaskOptions

LEXICON_OPTION = click.option(
    "--lexicon",
    "lexicons",
    multiple=True,
    type=click.Path(dir_okay=False),
    help="A lexicon file (TOML, or a LIWC .dic/.dicx dictionary) that overrides or adds "
    "categories (repeatable).",
)
SPACY_MODEL_OPTION = click.option(
    "--spacy-model",
    default="auto",
    show_default=True,
    help="'auto' (a trained English pipeline if installed, else blank), 'blank' (fast path) or "
    "an installed pipeline name.",
)

# --engine dask (framing.distributed): the same outputs, scored on a Dask cluster
ENGINE_OPTION = click.option(
    "--engine",
    type=click.Choice(["local", "dask"]),
    default="local",
    show_default=True,
    help="Where scoring runs: 'local' (this process, or --jobs processes) or 'dask' (a "
    "LocalCluster of --jobs worker processes, or the cluster at --scheduler).",
)
SCHEDULER_OPTION = click.option(
    "--scheduler",
    default=None,
    metavar="tcp://HOST:PORT",
    help="With --engine dask: the address of a running Dask scheduler.",
)


def _dask_options(
    engine: str, scheduler: str | None, partitioned_parquet: str | None = None
) -> DaskOptions | None:
    from framing.distributed import DaskOptions

    if engine != "dask":
        given = [
            o
            for o, v in (("--scheduler", scheduler), ("--partitioned-parquet", partitioned_parquet))
            if v
        ]
        if given:
            raise click.UsageError(f"{' and '.join(given)} need --engine dask")
        return None
    return DaskOptions(scheduler=scheduler, partitioned_parquet=partitioned_parquet)


JOBS_OPTION = click.option(
    "--jobs",
    "-j",
    default=1,
    show_default=True,
    type=click.IntRange(1, 256),
    help="Worker processes for scoring (results are the same, in input order, for any N).",
)
CACHE_OPTION = click.option(
    "--cache",
    "cache_path",
    default=None,
    type=click.Path(dir_okay=False),
    help="SQLite file of scores keyed by content, lexicons, pipeline and version: unchanged "
    "articles are not scored again (created if missing; default: no cache).",
)


def _open_cache(path: str | None) -> ScoreCache | None:
    from framing.cache import ScoreCache

    return None if path is None else ScoreCache(path)


def _cache_report(cache: ScoreCache | None, err: Console) -> None:
    if cache is not None:
        err.print(f"cache {cache.path}: {cache.hits} hit(s), {cache.misses} scored")
        cache.close()


class _Group(click.Group):
    """Library errors become one line on stderr ("Error: FILE: reason") and exit status 1."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except FramingError as exc:
            raise click.ClickException(str(exc)) from exc


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="framing")
def cli() -> None:
    """Measure how news outlets frame a story, with the evidence behind every number."""


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(allow_dash=True))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json", "csv", "markdown"]),
    default="table",
    show_default=True,
    help="Output format on stdout.",
)
@click.option(
    "--explain",
    is_flag=True,
    help="Show the evidence: the cleaned text with matches "
    "highlighted by category, every match, and what cleaning removed.",
)
@LEXICON_OPTION
@SPACY_MODEL_OPTION
@click.option("--text-field", default=None, help="Field holding the text in JSON/CSV input.")
@click.option(
    "--no-formula-guard",
    is_flag=True,
    help="CSV: keep cells starting with = + - @ "
    "as they are (by default they get a leading ' so spreadsheets do not run them).",
)
@JOBS_OPTION
@CACHE_OPTION
@ENGINE_OPTION
@SCHEDULER_OPTION
def score(
    paths: Sequence[str],
    fmt: str,
    explain: bool,
    lexicons: Sequence[str],
    spacy_model: str,
    text_field: str | None,
    no_formula_guard: bool,
    jobs: int,
    cache_path: str | None,
    engine: str,
    scheduler: str | None,
) -> None:
    """Score articles: PATH is a .txt/.html/.json/.jsonl/.csv file, or - for stdin."""
    from framing import render
    from framing.batch import score_documents
    from framing.ingest import read_path, read_text

    dask = _dask_options(engine, scheduler)
    if dask is not None:
        from framing.distributed import score_paths

        if cache_path is not None:
            raise click.UsageError("--cache needs --engine local")
        scores = score_paths(paths, dask, spacy_model, lexicons, text_field, n_workers=jobs)
    else:
        docs = []
        for path in paths:
            if path == "-":
                docs.append(read_text(sys.stdin.read(), "<stdin>"))
            else:
                docs.extend(read_path(path, text_field=text_field))
        cache = _open_cache(cache_path)
        scores = list(
            score_documents(
                docs, spacy_model=spacy_model, lexicons=lexicons, jobs=jobs, cache=cache
            )
        )
        _cache_report(cache, Console(stderr=True))
    console = Console(soft_wrap=False)
    if fmt == "json":
        click.echo(render.to_json(scores), nl=False)
    elif fmt == "csv":
        click.echo(render.to_csv(scores, neutralise_formulas=not no_formula_guard), nl=False)
    elif fmt == "markdown":
        click.echo(render.to_markdown(scores), nl=False)
    else:
        render.render_table(scores, console)
    if explain:
        err = console if fmt == "table" else Console(stderr=True)
        for s in scores:
            render.render_explain(s, err)


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(allow_dash=True))
@click.option(
    "--reference",
    default=None,
    help="Outlet to compute deltas against (default: the "
    "manifest's 'original' outlet, when there is exactly one).",
)
@click.option(
    "--out",
    "out",
    default="outputs",
    show_default=True,
    type=click.Path(file_okay=False),
    help="Folder for tables, report and database.",
)
@click.option(
    "--metrics",
    "metric_names",
    multiple=True,
    help="Metrics or families to summarise, comma-separated or repeated (default: all).",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "csv", "json", "markdown"]),
    default="table",
    show_default=True,
    help="The outlet table on stdout.",
)
@click.option(
    "--db",
    default=None,
    help="SQLAlchemy URL of the database sink (default: the "
    "SQLite file OUT/framing.sqlite; postgresql://… for a server).",
)
@click.option("--no-db", is_flag=True, help="Do not write to a database.")
@JOBS_OPTION
@CACHE_OPTION
@click.option(
    "--no-rewrites",
    is_flag=True,
    help="Skip stories and rewrites (pairs, changes, conflicts): for archive-scale runs, "
    "where story clustering would hold every text and compare every pair in memory.",
)
@click.option(
    "--keep-going",
    is_flag=True,
    help="Exit 0 even when some inputs failed (they are still reported).",
)
@LEXICON_OPTION
@SPACY_MODEL_OPTION
@click.option(
    "--no-formula-guard", is_flag=True, help="CSV: keep cells starting with = + - @ as they are."
)
@ENGINE_OPTION
@SCHEDULER_OPTION
@click.option(
    "--partitioned-parquet",
    default=None,
    type=click.Path(file_okay=False),
    help="With --engine dask: the workers also write DIR/{articles,metrics_long,evidence}/"
    "part-NNNNN.parquet, one file per partition.",
)
def compare(
    paths: Sequence[str],
    reference: str | None,
    out: str,
    metric_names: Sequence[str],
    fmt: str,
    db: str | None,
    no_db: bool,
    jobs: int,
    cache_path: str | None,
    no_rewrites: bool,
    keep_going: bool,
    lexicons: Sequence[str],
    spacy_model: str,
    no_formula_guard: bool,
    engine: str,
    scheduler: str | None,
    partitioned_parquet: str | None,
) -> None:
    """Score a folder of articles and compare outlets side by side.

    PATH: files or folders (recursive: .txt .md .html .htm .json .jsonl .csv); - reads JSON
    Lines from stdin. Outlets come from manifest.csv/.yaml, NAME.json sidecars, DIR/<outlet>/
    folders, then page metadata. Writes tables, report.md/.html, datapackage.json and a
    database into OUT.
    """
    import tempfile

    from framing import render
    from framing.compare import compare as run_compare
    from framing.export.outputs import default_db_url, write_outputs

    dask = _dask_options(engine, scheduler, partitioned_parquet)
    if dask is not None and cache_path is not None:
        raise click.UsageError("--cache needs --engine local")
    err = Console(stderr=True)
    cache = _open_cache(cache_path)
    with tempfile.TemporaryDirectory() as tmp:
        if "-" in paths:
            stdin_file = f"{tmp}/stdin.jsonl"
            with open(stdin_file, "w", encoding="utf-8") as fh:
                fh.write(sys.stdin.read())
            paths = [stdin_file if p == "-" else p for p in paths]
        with render.progress_bar(err) as progress:
            # spill: scored articles wait on disk, so memory does not grow with the corpus
            result = run_compare(
                paths,
                reference=reference,
                metrics=metric_names or None,
                spacy_model=spacy_model,
                lexicons=lexicons,
                jobs=jobs,
                progress=progress,
                dask=dask,
                rewrites=not no_rewrites,
                cache=cache,
                spill=True,
            )
    with result:
        if not result.articles and not result.failures:
            raise InputError(f"no input files found in {', '.join(paths)}")
        url = None if no_db else (db or default_db_url(out))
        written, added = write_outputs(result, out, formula_guard=not no_formula_guard, db=url)
        if fmt == "table":
            # piped output is not cut to 80 columns: outlet names must stay whole for grep/diff
            console = Console(soft_wrap=False)
            if not console.is_terminal:
                console = Console(soft_wrap=False, width=max(160, console.width))
            render.render_outlets(result, console)
        else:
            click.echo(render.outlet_table(result, fmt), nl=False)
        render.render_run_summary(result, written, added, url, err)
        _cache_report(cache, err)
    if result.failures and not keep_going:
        sys.exit(1)


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option(
    "--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True
)
@click.option(
    "--threshold",
    type=float,
    default=None,
    help="Story similarity threshold (default: tuned per method).",
)
@SPACY_MODEL_OPTION
@click.option("--jobs", "-j", default=1, show_default=True, type=click.IntRange(1, 256))
def stories(
    paths: Sequence[str], fmt: str, threshold: float | None, spacy_model: str, jobs: int
) -> None:
    """Group articles into stories and events, and show who rewrote whom (with evidence) and
    where the figures conflict."""
    import json

    from framing import render
    from framing.compare import compare as run_compare
    from framing.rewrite.analysis import analyse

    result = run_compare(paths, spacy_model=spacy_model, jobs=jobs, rewrites=False)
    if len(result.articles) < 2:
        raise InputError("need at least two readable articles to find stories")
    from framing.score import get_engine

    evaluation = get_engine(spacy_model).resources.lexicons["evaluation"]
    analysis = analyse(result.articles, evaluation, threshold=threshold)
    if fmt == "json":
        click.echo(json.dumps(render.stories_dict(analysis), indent=2, ensure_ascii=False))
    else:
        render.render_stories(analysis, Console(soft_wrap=False))
    for f in result.failures:
        click.echo(f"FAILED {f.source}: {f.reason}", err=True)


@cli.command()
@click.argument("source", type=click.Path(dir_okay=False))
@click.argument("rewrite", type=click.Path(dir_okay=False))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json", "markdown"]),
    default="table",
    show_default=True,
)
@LEXICON_OPTION
@SPACY_MODEL_OPTION
def diff(source: str, rewrite: str, fmt: str, lexicons: Sequence[str], spacy_model: str) -> None:
    """What REWRITE changed relative to SOURCE: aligned sentences, numbers and dates, quotes,
    attribution, hedging and inserted commentary."""
    import json

    from framing import render
    from framing.rewrite import diff as run_diff

    d = run_diff(source, rewrite, spacy_model=spacy_model, lexicons=lexicons)
    if fmt == "json":
        click.echo(json.dumps(d.to_dict(), indent=2, ensure_ascii=False))
    elif fmt == "markdown":
        click.echo(render.diff_markdown(d), nl=False)
    else:
        render.render_diff(d, Console(soft_wrap=False))


@cli.command()
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["json", "markdown"]),
    default="markdown",
    show_default=True,
)
def metrics(fmt: str) -> None:
    """List every metric: definition, unit, range and citation (from the metric registry)."""
    from framing import docs, render

    click.echo(render.registry_json() if fmt == "json" else docs.metrics_markdown(), nl=False)


@cli.command()
def schema() -> None:
    """Print the JSON Schema of `framing score --format json` output."""
    from framing import docs

    click.echo(docs.article_schema_json(), nl=False)


@cli.command("eval")
@click.argument(
    "feature",
    type=click.Choice(["hedging", "attribution", "frames", "sources", "all"]),
    default="all",
)
@click.option("--fast", is_flag=True, help="The reduced, deterministic subsets CI runs (< 60 s).")
@click.option("--write-docs", is_flag=True, help="Write the report to --docs.")
@click.option(
    "--docs",
    "docs_path",
    default="docs/validation.md",
    show_default=True,
    type=click.Path(dir_okay=False),
    help="Where --write-docs writes the Markdown report.",
)
@click.option(
    "--data",
    default=None,
    envvar="FRAMING_EVAL_DIR",
    type=click.Path(file_okay=False),
    help="Folder holding the corpora [env FRAMING_EVAL_DIR; default ../shared/eval next to "
    "the repository].",
)
def eval_(feature: str, fast: bool, write_docs: bool, docs_path: str, data: str | None) -> None:
    """Measure every feature against human-coded corpora: agreement figures, targets, and the
    top false positives and negatives (corpora are read in place, never copied)."""
    from pathlib import Path

    from framing.evaluate import FEATURES, render_console, render_markdown, run

    err = Console(stderr=True)
    features = tuple(FEATURES) if feature == "all" else (feature,)
    result = run(features, fast=fast, data=data, progress=lambda m: err.print(f"[dim]{m}[/]"))
    console = Console(soft_wrap=False)
    if not console.is_terminal:
        console = Console(soft_wrap=False, width=max(160, console.width))
    render_console(result, console)
    for r in result.features:
        if r.skipped:
            err.print(f"skipped {r.feature}: {r.skipped}")
    if write_docs:
        Path(docs_path).parent.mkdir(parents=True, exist_ok=True)
        Path(docs_path).write_text(render_markdown(result), encoding="utf-8")
        err.print(f"wrote {docs_path}")


@cli.group()
def lexicon() -> None:
    """Inspect, validate and try out lexicons (TOML, or LIWC .dic/.dicx dictionaries)."""


@lexicon.command("list")
@LEXICON_OPTION
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
def lexicon_list(lexicons: Sequence[str], fmt: str) -> None:
    """List the built-in lexicons and the given ones: version, source, categories and sizes."""
    import json

    from framing.lexicon import load_lexicons
    from framing.lexicon_tools import describe_lexicons, format_list

    lexset = load_lexicons(lexicons)
    if fmt == "json":
        click.echo(json.dumps(describe_lexicons(lexset), indent=2, ensure_ascii=False))
    else:
        click.echo(format_list(lexset), nl=False)


@lexicon.command("show")
@click.argument("name")
@LEXICON_OPTION
def lexicon_show(name: str, lexicons: Sequence[str]) -> None:
    """Print the entries of NAME: LEXICON.CATEGORY, a category, or a whole LEXICON
    (weak terms start with ~)."""
    from framing.lexicon import load_lexicons
    from framing.lexicon_tools import format_show

    click.echo(format_show(load_lexicons(lexicons), name), nl=False)


@lexicon.command("validate")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False))
def lexicon_validate(files: Sequence[str]) -> None:
    """Check lexicon files (.toml, .dic, .dicx): FILE:LINE errors and warnings; exit status 1
    on any error."""
    from framing.lexicon_tools import validate

    results = validate(files)
    for v in results:
        click.echo(v.summary)
        for w in v.lexicon.warnings if v.lexicon else ():
            click.echo(f"  warning: {w}")
    if any(v.error for v in results):
        sys.exit(1)


@lexicon.command("kwic")
@click.argument("category")
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option(
    "--window",
    default=5,
    show_default=True,
    type=click.IntRange(0, 100),
    help="Words of context either side.",
)
@click.option("--limit", default=None, type=click.IntRange(1), help="Show at most N matches.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "csv", "jsonl"]),
    default="text",
    show_default=True,
)
@LEXICON_OPTION
@SPACY_MODEL_OPTION
def lexicon_kwic(
    category: str,
    paths: Sequence[str],
    window: int,
    limit: int | None,
    fmt: str,
    lexicons: Sequence[str],
    spacy_model: str,
) -> None:
    """Keyword in context: every match of CATEGORY (LEXICON.CATEGORY) in the articles under
    PATH, with the words around it (source, left context, match, right context)."""
    from framing.corpus import Failure
    from framing.lexicon_tools import format_kwic, kwic

    failures: list[Failure] = []
    lines = kwic(
        category,
        paths,
        window=window,
        limit=limit,
        lexicons=lexicons,
        spacy_model=spacy_model,
        failures=failures,
    )
    click.echo(format_kwic(lines, fmt), nl=False)
    for f in failures:
        click.echo(f"FAILED {f.source}: {f.reason}", err=True)


@lexicon.command("stats")
@click.argument("name")
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True
)
@LEXICON_OPTION
@SPACY_MODEL_OPTION
def lexicon_stats(
    name: str, paths: Sequence[str], fmt: str, lexicons: Sequence[str], spacy_model: str
) -> None:
    """How the categories of NAME (LEXICON.CATEGORY or LEXICON) behave on the articles under
    PATH: documents hit, hits per 1,000 words, top entries, entries never hit, and internal
    consistency (Cronbach's alpha on entry rates, KR-20 on presence)."""
    from framing.corpus import Failure
    from framing.lexicon_tools import category_stats, format_stats

    failures: list[Failure] = []
    stats = category_stats(
        name, paths, lexicons=lexicons, spacy_model=spacy_model, failures=failures
    )
    click.echo(format_stats(stats, fmt), nl=False)
    for f in failures:
        click.echo(f"FAILED {f.source}: {f.reason}", err=True)


def main() -> None:
    """Console-script entry point."""
    cli(prog_name="framing")
