"""The ``framing`` command: click only. Each command parses its flags, makes one call into
:mod:`framing.api` and renders what comes back (:mod:`framing.cli.render`); library errors
become one line and an exit code here, in one place.

Shared flags come from the declared settings (:mod:`framing.settings`, via
:mod:`framing.cli.options`), and their defaults from ``framing.toml`` when there is one.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import sys
from collections.abc import Sequence
from pathlib import Path

import click
from rich.console import Console

from framing import api
from framing.about import __version__
from framing.cli import render
from framing.cli.lexicon import lexicon
from framing.cli.options import option, settings_defaults
from framing.errors import FramingError
from framing.settings import CONFIG_FILE, read_settings


class _Terminated(KeyboardInterrupt):
    """SIGTERM, raised where the process is so that every ``finally`` runs as for Ctrl-C."""


def _on_sigterm(signum: int, frame: object) -> None:
    raise _Terminated()


class _Group(click.Group):
    """Library errors become one line on stderr ("Error: FILE: reason") and exit status 1;
    Ctrl-C and SIGTERM one line and 130/143, with whatever was being written left as it was
    (:mod:`framing.export.outputs`)."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except FramingError as exc:
            raise click.ClickException(str(exc)) from exc
        except KeyboardInterrupt as exc:
            name = "SIGTERM" if isinstance(exc, _Terminated) else "Ctrl-C"
            _quiet_exit(f"framing: stopped by {name}; no output was left half-written")
            # 128 + the signal number, as shells report it
            sys.exit(128 + (signal.SIGTERM if isinstance(exc, _Terminated) else signal.SIGINT))
        except BrokenPipeError:  # stdout closed early (| head): nothing more to say
            _quiet_exit(None)
            sys.exit(1)


def _quiet_exit(message: str | None) -> None:
    """One last line on stderr, and no further output: a closed stdout must not add a
    BrokenPipeError traceback at exit, and a second signal must not interrupt the exit."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
    if message is not None:
        with contextlib.suppress(OSError):
            click.echo(message, err=True)


def _dask(
    engine: str, scheduler: str | None, partitioned_parquet: str | None = None
) -> api.DaskOptions | None:
    """The Dask options for ``--engine dask``; the Dask-only flags are a usage error without."""
    if engine != "dask":
        given = [
            o
            for o, v in (("--scheduler", scheduler), ("--partitioned-parquet", partitioned_parquet))
            if v
        ]
        if given:
            raise click.UsageError(f"{' and '.join(given)} need --engine dask")
        return None
    return api.DaskOptions(scheduler=scheduler, partitioned_parquet=partitioned_parquet)


def _local_only(dask: api.DaskOptions | None, cache: str | None) -> None:
    if dask is not None and cache is not None:
        raise click.UsageError("--cache needs --engine local")


def _stdin(paths: Sequence[str]) -> str | None:
    return sys.stdin.read() if "-" in paths else None


def _wide(console: Console) -> Console:
    # piped output is not cut to 80 columns: outlet names must stay whole for grep/diff
    if console.is_terminal:
        return console
    return Console(soft_wrap=False, width=max(160, console.width))


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="framing")
@click.option(
    "--config",
    default=None,
    type=click.Path(dir_okay=False),
    help="Settings file (TOML) whose values replace the flags' defaults "
    f"[default: ./{CONFIG_FILE}, when present].",
)
@click.pass_context
def cli(ctx: click.Context, config: str | None) -> None:
    """Measure how news outlets frame a story, with the evidence behind every number."""
    values = read_settings(config)
    if values:
        ctx.default_map = settings_defaults(cli, values)


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
@option("lexicons")
@option("spacy_model")
@option("text_field")
@option("formula_guard")
@option("jobs")
@option("cache")
@option("engine")
@option("scheduler")
@option("language_check")
@option("fetch")
@option("progress_seconds")
@option("model")
def score(
    paths: Sequence[str],
    fmt: str,
    explain: bool,
    lexicons: Sequence[str],
    spacy_model: str,
    text_field: str | None,
    formula_guard: bool,
    jobs: int,
    cache: str | None,
    engine: str,
    scheduler: str | None,
    language_check: str,
    fetch: bool,
    progress_seconds: int,
    model: str | None,
) -> None:
    """Score articles: PATH is a .txt/.md/.html/.json/.jsonl/.csv/.pdf/.docx file, - for
    stdin, or an http(s) URL with --fetch."""
    dask = _dask(engine, scheduler)
    _local_only(dask, cache)
    err = Console(stderr=True)
    with api.open_cache(cache) as store, render.phase_reporter(err, progress_seconds) as report:
        scores = api.score_paths(
            paths,
            spacy_model=spacy_model,
            lexicons=lexicons,
            text_field=text_field,
            jobs=jobs,
            cache=store,
            dask=dask,
            stdin=_stdin(paths),
            language_check=language_check,
            fetch=fetch,
            report=report,
            model=model,
        )
        render.render_cache_report(store, err)
    render.render_warnings(scores, err)
    console = Console(soft_wrap=False)
    if fmt == "table":
        render.render_table(scores, console)
        render.render_model_frames(scores, console)
    else:
        click.echo(render.scores_text(scores, fmt, formula_guard=formula_guard), nl=False)
    if explain:
        out = console if fmt == "table" else err
        for s in scores:
            render.render_explain(s, out)


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(allow_dash=True))
@option("reference")
@option("out")
@option("metrics")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "csv", "json", "markdown"]),
    default="table",
    show_default=True,
    help="The outlet table on stdout.",
)
@option("db")
@click.option("--no-db", is_flag=True, help="Do not write to a database.")
@option("jobs")
@option("cache")
@option("rewrites")
@option("keep_going")
@option("lexicons")
@option("spacy_model")
@option("formula_guard")
@option("engine")
@option("scheduler")
@option("partitioned_parquet")
@option("language_check")
@option("progress_seconds")
@option("model")
def compare(
    paths: Sequence[str],
    reference: str | None,
    out: str,
    metrics: Sequence[str],
    fmt: str,
    db: str | None,
    no_db: bool,
    jobs: int,
    cache: str | None,
    rewrites: bool,
    keep_going: bool,
    lexicons: Sequence[str],
    spacy_model: str,
    formula_guard: bool,
    engine: str,
    scheduler: str | None,
    partitioned_parquet: str | None,
    language_check: str,
    progress_seconds: int,
    model: str | None,
) -> None:
    """Score a folder of articles and compare outlets side by side.

    PATH: files or folders (recursive: .txt .md .html .htm .json .jsonl .csv); - reads JSON
    Lines from stdin. Outlets come from manifest.csv/.yaml, NAME.json sidecars, DIR/<outlet>/
    folders, then page metadata. Writes tables, report.md/.html, datapackage.json and a
    database into OUT.
    """
    dask = _dask(engine, scheduler, partitioned_parquet)
    _local_only(dask, cache)
    err = Console(stderr=True)
    with api.open_cache(cache) as store:
        with (
            render.progress_bar(err) as progress,
            render.phase_reporter(err, progress_seconds) as report,
        ):
            run = api.compare_to_folder(
                paths,
                out,
                db=db,
                write_db=not no_db,
                formula_guard=formula_guard,
                reference=reference,
                metrics=metrics or None,
                spacy_model=spacy_model,
                lexicons=lexicons,
                jobs=jobs,
                progress=progress,
                phase_progress=render.rewrite_phases(report) if rewrites else None,
                dask=dask,
                rewrites=rewrites,
                cache=store,
                stdin=_stdin(paths),
                language_check=language_check,
                report=report,
                model=model,
            )
        with run.comparison as result:
            if fmt == "table":
                render.render_outlets(result, _wide(Console(soft_wrap=False)))
                render.render_outlet_frames(result, _wide(Console(soft_wrap=False)))
            else:
                click.echo(render.outlet_table(result, fmt), nl=False)
            render.render_run_summary(
                result, run.written, run.added, run.db, err, run.sink_failures
            )
        render.render_cache_report(store, err)
    if run.sink_failures or (result.failures and not keep_going):
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
@option("spacy_model")
@option("jobs")
@option("language_check")
@option("progress_seconds")
def stories(
    paths: Sequence[str],
    fmt: str,
    threshold: float | None,
    spacy_model: str,
    jobs: int,
    language_check: str,
    progress_seconds: int,
) -> None:
    """Group articles into stories and events, and show who rewrote whom (with evidence) and
    where the figures conflict."""
    with render.phase_reporter(Console(stderr=True), progress_seconds) as report:
        analysis, failures = api.stories(
            paths,
            spacy_model=spacy_model,
            jobs=jobs,
            threshold=threshold,
            language_check=language_check,
            report=report,
        )
    if fmt == "json":
        click.echo(json.dumps(render.stories_dict(analysis), indent=2, ensure_ascii=False))
    else:
        render.render_stories(analysis, Console(soft_wrap=False))
    render.render_failures(failures)


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
@option("lexicons")
@option("spacy_model")
@option("language_check")
def diff(
    source: str,
    rewrite: str,
    fmt: str,
    lexicons: Sequence[str],
    spacy_model: str,
    language_check: str,
) -> None:
    """What REWRITE changed relative to SOURCE: aligned sentences, numbers and dates, quotes,
    attribution, hedging and inserted commentary."""
    d = api.diff(
        source,
        rewrite,
        spacy_model=spacy_model,
        lexicons=lexicons,
        language_check=language_check,
    )
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
    # declared data only: nothing to orchestrate, so no api call
    click.echo(render.metrics_text(fmt), nl=False)


@cli.command()
def schema() -> None:
    """Print the JSON Schema of `framing score --format json` output."""
    click.echo(render.json_schema_text(), nl=False)


@cli.command("eval")
@click.argument(
    "feature",
    type=click.Choice(["hedging", "attribution", "frames", "sources", "source_typing", "all"]),
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
    err = Console(stderr=True)
    result = api.evaluate(
        feature,
        fast=fast,
        data=data,
        progress=lambda m: err.print(f"[dim]{m}[/]"),
        docs=docs_path if write_docs else None,
    )
    render.render_evaluation(result, _wide(Console(soft_wrap=False)), err)
    if write_docs:
        err.print(f"wrote {docs_path}")


@cli.command()
@click.argument("labels", type=click.Path(exists=True))
@click.option(
    "--labels-field",
    default="labels",
    show_default=True,
    help="Field holding each article's frames: a list, or names separated by , ; or |.",
)
@click.option(
    "--labels-file",
    default=None,
    type=click.Path(dir_okay=False, exists=True),
    help="With a folder of articles: CSV/JSONL rows of id and labels, or ID<TAB>FRAME,FRAME "
    "lines (an article file matches an id by name, or by the digits its name ends with).",
)
@click.option(
    "--frames",
    default=None,
    help="Frames to learn, comma-separated (default: every frame coded); NAME=A|B learns "
    "the union of A and B as NAME.",
)
@click.option(
    "--group-by",
    default=None,
    help="A field (e.g. outlet) whose articles stay in one fold, so the figures are for "
    "unseen groups.",
)
@click.option("--folds", default=5, show_default=True, type=click.IntRange(2, 20))
@click.option("--seed", default=0, show_default=True, type=int)
@click.option(
    "--out",
    "out_path",
    default="model.skops",
    show_default=True,
    type=click.Path(dir_okay=False),
    help="Where to write the model file.",
)
@click.option(
    "--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True
)
@option("text_field")
@option("lexicons")
def train(
    labels: str,
    labels_field: str,
    labels_file: str | None,
    frames: str | None,
    group_by: str | None,
    folds: int,
    seed: int,
    out_path: str,
    fmt: str,
    text_field: str | None,
    lexicons: Sequence[str],
) -> None:
    """Learn frames from coded articles: one calibrated classifier per frame on words,
    phrases and the framing metrics, with cross-validated ROC AUC, PR AUC, F1, Brier score
    and base rate (95 % intervals). LABELS is a CSV/JSONL file or a folder of articles."""
    err = Console(stderr=True)
    model = api.train(
        labels,
        text_field=text_field,
        labels_field=labels_field,
        labels_file=labels_file,
        frames=[f.strip() for f in frames.split(",") if f.strip()] if frames else None,
        group_by=group_by,
        folds=folds,
        seed=seed,
        lexicons=lexicons,
        out=out_path,
        progress=lambda m: err.print(f"[dim]{m}[/]"),
    )
    if fmt == "json":
        click.echo(render.training_json(model), nl=False)
    else:
        render.render_training(model, _wide(Console(soft_wrap=False)), out_path)


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option(
    "--model",
    "model_path",
    required=True,
    type=click.Path(dir_okay=False, exists=True),
    help="The frame model file (framing train --out).",
)
@click.option("-n", "--n", "n", default=20, show_default=True, type=click.IntRange(1, 100_000))
@click.option(
    "--out",
    "out_path",
    default=None,
    type=click.Path(dir_okay=False, allow_dash=True),
    help="CSV file to write [default: stdout].",
)
@option("text_field")
@option("formula_guard")
@option("keep_going")
def suggest(
    paths: Sequence[str],
    model_path: str,
    n: int,
    out_path: str | None,
    text_field: str | None,
    formula_guard: bool,
    keep_going: bool,
) -> None:
    """Which unlabelled articles to code next: the ones the model is least sure of, spread
    over the corpus, as a CSV with an empty labels column to fill in."""
    rows, failures = api.suggest(model_path, paths, n=n, text_field=text_field)
    text = render.suggestions_csv(rows, formula_guard=formula_guard)
    if out_path in (None, "-"):
        click.echo(text, nl=False)
    else:
        with open(out_path, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
        Console(stderr=True).print(f"wrote {out_path} ({len(rows)} articles)")
    render.render_failures(failures)
    if failures and not keep_going:
        sys.exit(1)


@cli.command()
@option("host")
@option("port")
@option("workers")
@option("max_request_bytes")
@option("request_timeout")
@option("spacy_model")
@option("lexicons")
def serve(
    host: str,
    port: int,
    workers: int,
    max_request_bytes: int,
    request_timeout: int,
    spacy_model: str,
    lexicons: Sequence[str],
) -> None:
    """Score articles over HTTP: POST /v1/score, POST /v1/diff, GET /v1/metrics, GET
    /v1/schema, GET /healthz; OpenAPI docs at /docs. Set FRAMING_API_KEY to require a key."""
    from framing.serve.app import API_KEY_ENV, ServeOptions, require, run_server

    require()
    options = ServeOptions(
        spacy_model=spacy_model,
        lexicons=tuple(lexicons),
        max_request_bytes=max_request_bytes,
        request_timeout=float(request_timeout),
        api_key=os.environ.get(API_KEY_ENV) or None,
    )
    auth = "API key required" if options.api_key else "no API key (set FRAMING_API_KEY)"
    click.echo(
        f"framing serve on http://{host}:{port} ({workers} worker(s), {auth}); docs at /docs",
        err=True,
    )
    run_server(options, host, port, workers)


@cli.command()
@click.argument("db", default="outputs/framing.sqlite", type=click.Path(dir_okay=False))
@option("host")
@click.option(
    "--port",
    type=click.IntRange(1, 65535),
    default=8001,
    show_default=True,
    help="Port to listen on.",
)
def dashboard(db: str, host: str, port: int) -> None:
    """Open a framing SQLite database (default outputs/framing.sqlite) in Datasette, with
    table and column descriptions, units and ready-made charts at /-/dashboards/framing."""
    from framing.serve.dashboard import datasette, run_dashboard

    datasette(db)  # fails here, in one line, on a missing file or extra
    name = Path(db).stem
    click.echo(
        f"framing dashboard on http://{host}:{port}/-/dashboards/framing (database /{name})",
        err=True,
    )
    run_dashboard(db, host, port)


cli.add_command(lexicon)


def main() -> None:
    """Console-script entry point."""
    signal.signal(signal.SIGTERM, _on_sigterm)
    cli(prog_name="framing")


__all__ = ["cli", "main"]
