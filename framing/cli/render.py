"""Render ArticleScores for people and programs: rich tables, Markdown, CSV, JSON, --explain."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table
from rich.text import Text

from framing.evaluate.lexicons import format_kwic, format_list, format_show, format_stats
from framing.evaluate.render import render_console
from framing.export import neutralise
from framing.export.report.format import BLUE, VERMILION, Side, count, delta, number
from framing.features import families
from framing.features.registry import Family
from framing.progress import LogLines, Reporter, Step, sub_phases
from framing.schema import article_schema_json, metrics_markdown, registry_json
from framing.score import ArticleScore

if TYPE_CHECKING:
    from framing.comparison import Comparison
    from framing.corpus.inputs import Failure
    from framing.evaluate.lexicons import CategoryStats, KwicLine, Validation
    from framing.evaluate.results import EvalRun
    from framing.lexicon.model import LexiconSet
    from framing.rewrite.analysis import StoryAnalysis
    from framing.rewrite.changes import RewriteDiff
    from framing.run.cache import ScoreCache


STYLES = {
    "humanitarian": "bold green",
    "strategic": "bold red",
    "hedges": "yellow",
    "boosters": "bold magenta",
    "distancing": "cyan",
    "cue": "bold blue",
    "direct_quote": "italic",
}

# Deltas in the report's colours, blue above the reference and orange below, not green/red: a
# delta is a direction, not better or worse, and red/green is the pair colour-blind readers
# confuse most. Okabe–Ito hues; a 16-colour terminal shows them as cyan and yellow.
DELTA_STYLES = {Side.ABOVE: BLUE, Side.BELOW: VERMILION, Side.LEVEL: "dim"}


def _label(score: ArticleScore) -> str:
    a = score.article
    return str(a.get("title") or a["source"])


def _short(score: ArticleScore) -> str:
    """A column label for side-by-side tables: the file name without extension."""
    name = str(score.article["source"]).replace("\\", "/").rsplit("/", 1)[-1]
    stem = name.rsplit(".", 1)[0] if "." in name else name
    return stem if len(stem) <= 14 else stem[:13] + "…"


def to_json(scores: Sequence[ArticleScore]) -> str:
    """One article: an indented JSON object. Several: JSON Lines, one compact object each."""
    if len(scores) == 1:
        return scores[0].to_json(indent=2) + "\n"
    return "".join(s.to_json(indent=None) + "\n" for s in scores)


def to_csv(scores: Sequence[ArticleScore], *, neutralise_formulas: bool = True) -> str:
    """One row per article, columns in registry order; missing values are empty cells."""
    rows = [s.flat() for s in scores]
    columns: list[str] = []
    for row in rows:
        columns += [k for k in row if k not in columns]
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        cells = {k: ("" if row.get(k) is None else row.get(k)) for k in columns}
        if neutralise_formulas:
            cells = {k: neutralise(v) for k, v in cells.items()}
        writer.writerow(cells)
    return buf.getvalue()


def _md(value: str) -> str:
    return value.replace("|", "\\|").replace("\n", " ")


def to_markdown(scores: Sequence[ArticleScore]) -> str:
    """A Markdown table: metrics as rows, one column per article."""
    head = "| family | metric | unit | " + " | ".join(_md(_label(s)) for s in scores) + " |"
    sep = "|---|---|---|" + "---:|" * len(scores)
    lines = [head, sep]
    for fam in families():
        for m in fam.metrics:
            vals = " | ".join(number(s.metrics[m.name], m) for s in scores)
            lines.append(f"| {fam.name} | {m.name} | {_md(m.unit)} | {vals} |")
    return "\n".join(lines) + "\n"


def _family_table(fam: Family, scores: Sequence[ArticleScore]) -> Table:
    table = Table(title=fam.title, title_justify="left", show_edge=False, pad_edge=False)
    table.add_column("metric", style="bold", no_wrap=True)
    for s in scores:
        table.add_column(_short(s) if len(scores) > 1 else "value", justify="right")
    table.add_column("unit", style="dim", overflow="fold")
    for m in fam.metrics:
        table.add_row(m.name, *(number(s.metrics[m.name], m) for s in scores), m.unit)
    return table


def _sources_table(score: ArticleScore) -> Table:
    table = Table(title="Sources", title_justify="left", show_edge=False, pad_edge=False)
    table.add_column("source")
    table.add_column("kind")
    table.add_column("attributions", justify="right")
    for s in score.details.get("sources", []):
        table.add_row(Text(str(s["source"])), s["kind"], str(s["count"]))
    return table


def render_table(scores: Sequence[ArticleScore], console: Console) -> None:
    """The default terminal view: one table per feature family (articles side by side)."""
    if len(scores) == 1:
        a = scores[0].article
        head = Text(str(a.get("title") or a["source"]), style="bold")
        meta = ", ".join(
            f"{k}: {a[k]}" for k in ("source", "date", "byline", "original_source") if a.get(k)
        )
        console.print(head)
        console.print(Text(meta, style="dim"))
    for fam in families():
        console.print(_family_table(fam, scores))
        console.print()
    if len(scores) == 1:
        console.print(_sources_table(scores[0]))
        worst = scores[0].details.get("most_negative_sentence")
        if worst:
            console.print(
                Text.assemble(
                    ("Most negative sentence ", "bold"),
                    (f"({worst['compound']:+.3f}): ", "dim"),
                    Text(worst["text"]),
                )
            )
        if scores[0].custom:
            table = Table(title="Custom lexicon categories", title_justify="left")
            table.add_column("category")
            table.add_column("count", justify="right")
            table.add_column("per 1,000 words", justify="right")
            for cat, v in scores[0].custom.items():
                table.add_row(cat, number(v["count"]), number(v["per_1000_words"]))
            console.print(table)


def highlighted(
    score: ArticleScore, families_: Sequence[str] = ("frames", "hedging", "attribution")
) -> Text:
    """The cleaned text with lexicon and attribution evidence styled by category."""
    text = Text(score.text)
    for e in score.evidence:
        if e.family not in families_:
            continue
        cat = e.category.split(":")[0]
        if cat == "direct_quote":
            continue
        text.stylize(STYLES.get(cat, "underline"), e.start, e.end)
    return text


def render_explain(score: ArticleScore, console: Console) -> None:
    """Evidence for every count: highlighted text, then matches grouped by category."""
    console.rule(Text(f"Evidence: {_label(score)}", style="bold"))
    legend = Text("legend: ")
    for cat in ("humanitarian", "strategic", "hedges", "boosters", "distancing", "cue"):
        legend.append(cat, style=STYLES[cat])
        legend.append("  ")
    legend.append("source", style="underline")
    console.print(legend)
    console.print(highlighted(score))
    groups: dict[tuple[str, str], list[str]] = {}
    for e in score.evidence:
        if e.family == "tone":
            continue
        label = f'"{e.text}"' + (
            f" ({e.note})" if e.note and e.note.lower() != e.text.lower() else ""
        )
        groups.setdefault((e.family, e.category), []).append(f"[s{e.sentence}:{e.start}] {label}")
    for (fam, cat), items in groups.items():
        console.print(Text(f"{fam} / {cat} ({len(items)})", style="bold"))
        for item in items:
            console.print(Text("  " + item))
    if score.removed:
        console.print(Text(f"removed by cleaning ({len(score.removed)} lines)", style="bold"))
        for r in score.removed:
            console.print(Text(f"  line {r.line} [{r.reason}] {r.text[:100]}", style="dim"))


@contextmanager
def progress_bar(console: Console, min_total: int = 20) -> Iterator[Any]:
    """A progress callback for long runs on a terminal (silent otherwise)."""
    if not console.is_terminal:
        yield None
        return
    with Progress(
        TextColumn("scoring"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=console,
        transient=True,
    ) as bar:
        task = None

        def update(done: int, total: int, _result: object) -> None:
            nonlocal task
            if total < min_total:
                return
            if task is None:
                task = bar.add_task("scoring", total=total)
            bar.update(task, completed=done)

        yield update


@contextmanager
def phase_reporter(console: Console, every: int = 10) -> Iterator[Reporter]:
    """How a run's phases are shown on stderr: on a terminal, one line per finished phase
    (the rich bar of :func:`progress_bar` shows scoring as it goes); otherwise also one
    progress line at most every ``every`` seconds (:class:`framing.progress.LogLines`)."""
    if not console.is_terminal:
        yield LogLines(lambda line: console.print(Text(line), soft_wrap=True), every=float(every))
        return
    done_lines = LogLines(
        lambda line: console.print(Text(line, style="dim"), soft_wrap=True), every=float("inf")
    )
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=console,
        transient=True,
    ) as bar:
        tasks: dict[str, Any] = {}

        def report(step: Step) -> None:
            if step.phase not in tasks:
                tasks[step.phase] = bar.add_task(step.phase, total=step.total)
            bar.update(tasks[step.phase], completed=step.done, total=step.total)
            if step.finished:
                bar.remove_task(tasks.pop(step.phase))
                done_lines(step)

        yield report


def rewrite_phases(report: Reporter) -> Callable[[str, int, int], None]:
    """The rewrite analysis's phases, reported like every other phase (``rewrites: NAME``:
    a bar on a terminal, else a line every few seconds and one when each phase ends)."""
    return sub_phases(report, "rewrites: ")


def render_warnings(scores: Sequence[ArticleScore], console: Console) -> None:
    """Each article's warnings (a guessed encoding, a repeated body), one line each, on stderr."""
    for s in scores:
        for warning in s.warnings:
            line = Text(f"warning: {s.article['source']}: {warning}", style="yellow")
            console.print(line, soft_wrap=True)


def _headline(c: Comparison) -> list[str]:
    from framing.comparison import HEADLINE_METRICS

    chosen = [m for m in HEADLINE_METRICS if m in c.metrics]
    return chosen or list(c.metrics)[:9]


def render_outlets(c: Comparison, console: Console) -> None:
    """Outlets side by side: mean per headline metric, delta against the reference below it."""
    means, deltas, ns = c.wide("mean"), c.wide("delta"), c.wide("n")
    title = "Outlets" + (f" (Δ vs {c.reference})" if c.reference else "")
    table = Table(title=title, title_justify="left", show_edge=False, pad_edge=False)
    table.add_column("metric", style="bold", no_wrap=True)
    outlets = c.outlet_names
    for o in outlets:
        n = next(iter(ns.get(o, {}).values()), 0)
        table.add_column(Text(f"{o}\nn={number(n)}"), justify="right")
    for name in _headline(c):
        cells = []
        for o in outlets:
            cell = Text(number(means.get(o, {}).get(name), name))
            d = deltas.get(o, {}).get(name)
            if c.reference and o != c.reference and d is not None:
                change = delta(d, name)
                cell.append(f"\n{change.text}", style=DELTA_STYLES[change.side])
            cells.append(cell)
        table.add_row(name, *cells)
    console.print(table)


def outlet_table(c: Comparison, fmt_: str) -> str:
    """The outlets table (every selected metric) as csv, json (lines) or markdown."""
    from framing.export.files import rows_for, to_csv, to_jsonl
    from framing.export.tables import OUTLETS

    rows = rows_for(OUTLETS, c)
    if fmt_ == "csv":
        return to_csv(OUTLETS, rows)
    if fmt_ == "json":
        return to_jsonl(rows)
    outlets = c.outlet_names
    lines = [
        "| metric | " + " | ".join(_md(o) for o in outlets) + " |",
        "|---|" + "---:|" * len(outlets),
    ]
    means, deltas = c.wide("mean"), c.wide("delta")
    for name in c.metrics:
        cells = []
        for o in outlets:
            cell = number(means.get(o, {}).get(name), name)
            d = deltas.get(o, {}).get(name)
            if c.reference and o != c.reference and d is not None:
                cell += f" ({delta(d, name).text})"
            cells.append(cell)
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


#: Warnings listed after a run; the rest are counted (every one is in articles.jsonl).
_MAX_WARNINGS = 20


def render_run_summary(
    c: Comparison,
    written: Sequence[Path],
    added: dict[str, int],
    db: str | None,
    console: Console,
    sink_failures: Sequence[Failure] = (),
) -> None:
    """What was scored, written and skipped (on stderr): every skipped file, record and
    article on a line of its own, then the counts."""
    console.print(
        f"scored {len(c.articles)} articles from {len(c.outlet_names)} outlets"
        + (f"; reference: {c.reference}" if c.reference else "; no reference outlet")
    )
    if written:
        console.print(f"wrote {len(written)} files to {written[0].parent}")
    if db is not None and not any(f.source.startswith("database") for f in sink_failures):
        rows = ", ".join(f"{k} +{v}" for k, v in added.items())
        console.print(Text(f"database: {db} ({rows or 'nothing new'})"))
    warned = [(a.source, w) for a in c.articles for w in a.score.warnings]
    for source, warning in warned[:_MAX_WARNINGS]:
        console.print(Text(f"warning: {source}: {warning}", style="yellow"), soft_wrap=True)
    if len(warned) > _MAX_WARNINGS:
        more = len(warned) - _MAX_WARNINGS
        console.print(Text(f"… and {more} more warnings (articles.jsonl: 'warnings')"))
    for source in c.unknown_outlets:
        console.print(
            Text(
                f"warning: {source}: no outlet (add it to manifest.csv, a sidecar "
                "NAME.json or an <outlet>/ folder)",
                style="yellow",
            )
        )
    for note in c.notes:
        console.print(Text(f"warning: {note.source}: {note.reason}", style="yellow"))
    for f in c.failures:
        console.print(Text(f"FAILED {f.source}: {f.reason}", style="red"))
    for f in sink_failures:
        console.print(Text(f"NOT WRITTEN {f.source}: {f.reason}", style="bold red"))
    if c.failures:
        kinds = {"file": "file", "record": "record", "article": "article"}
        counts = [
            count(sum(f.kind == kind for f in c.failures), noun)
            for kind, noun in kinds.items()
            if any(f.kind == kind for f in c.failures)
        ]
        other = sum(f.kind not in kinds for f in c.failures)
        counts += [count(other, "other input")] if other else []
        console.print(
            Text(
                f"skipped {', '.join(counts)}; the {count(len(c.articles), 'article')} "
                "scored were " + ("written" if not sink_failures else "kept"),
                style="bold red",
            )
        )
    if sink_failures:
        console.print(
            Text(f"{count(len(sink_failures), 'output')} not written (see above)", style="bold red")
        )


CHANGE_STYLE = {
    "number": "bold red",
    "date": "bold red",
    "quote": "magenta",
    "attribution": "cyan",
    "hedging": "yellow",
    "commentary": "bold yellow",
}


def render_diff(d: RewriteDiff, console: Console) -> None:
    """Side by side: each rewrite sentence next to the source sentence(s) it renders, then the
    changes grouped by kind."""
    a = d.alignment
    console.print(
        Text.assemble(
            ("source: ", "bold"),
            str(d.source.article["source"]),
            ("   rewrite: ", "bold"),
            str(d.rewrite.article["source"]),
        )
    )
    console.print(
        Text(
            f"{a.coverage:.0%} of the rewrite's sentences render a source sentence; "
            f"{a.source_coverage:.0%} of the source's sentences survive",
            style="dim",
        )
    )
    table = Table(show_lines=True, expand=True)
    table.add_column("source", ratio=1)
    table.add_column("", width=11, no_wrap=True)
    table.add_column("rewrite", ratio=1)
    for r, srcs in enumerate(a.rewrite_to):
        left = Text("\n".join(a.source[s] for s in srcs))
        sim = ", ".join(f"{a.similarity[r, s]:.2f}" for s in srcs)
        table.add_row(left, Text(f"{a.rewrite_label[r]}\n{sim}", style="dim"), Text(a.rewrite[r]))
    dropped = [s for s, lab in enumerate(a.source_label) if lab == "dropped"]
    for s in dropped:
        table.add_row(Text(a.source[s], style="dim strike"), Text("dropped", style="dim"), "")
    console.print(table)
    if not d.changes:
        console.print("no changes found")
    for c in d.changes:
        console.print(
            Text.assemble(
                (f"{c.kind}: {c.change}", CHANGE_STYLE.get(c.kind, "bold")), "  ", Text(c.detail)
            )
        )
    frame = d.frame
    console.print(
        Text(
            "frame: "
            + "; ".join(
                f"{k} {number(v['source'], k)} -> {number(v['rewrite'], k)}"
                for k, v in frame.items()
            ),
            style="dim",
        )
    )


def diff_markdown(d: RewriteDiff) -> str:
    """The diff as Markdown: alignment table, changes, frame."""
    a = d.alignment
    lines = [
        f"# Rewrite diff: {_md(str(d.rewrite.article['source']))} vs "
        f"{_md(str(d.source.article['source']))}",
        "",
        f"Coverage: {a.coverage:.0%} of rewrite sentences aligned; "
        f"{a.source_coverage:.0%} of source sentences survive.",
        "",
        "## Changes",
        "",
    ]
    if not d.changes:
        lines.append("No changes found.")
    lines += [f"- **{c.kind} / {c.change}**: {_md(c.detail)}" for c in d.changes]
    lines += [
        "",
        "## Alignment",
        "",
        "| rewrite sentence | label | source sentence(s) |",
        "|---|---|---|",
    ]
    for r, srcs in enumerate(a.rewrite_to):
        lines.append(
            f"| {_md(a.rewrite[r])} | {a.rewrite_label[r]} | "
            f"{_md(' / '.join(a.source[s] for s in srcs))} |"
        )
    lines += ["", "## Frame", "", "| metric | source | rewrite | delta |", "|---|---:|---:|---:|"]
    for k, v in d.frame.items():
        lines.append(
            f"| {k} | {number(v['source'], k)} | {number(v['rewrite'], k)} | "
            f"{delta(v['delta'], k).text} |"
        )
    return "\n".join(lines) + "\n"


def stories_dict(analysis: StoryAnalysis) -> dict[str, Any]:
    """Stories, events, the derivation graph, figure conflicts and per-pair change counts."""
    st = analysis.stories
    return {
        "method": st.method,
        "threshold": st.threshold,
        "stories": [
            {
                "id": s.id,
                "articles": s.article_ids,
                "events": dict(zip(s.event_ids, s.events, strict=True)),
            }
            for s in st.stories
        ],
        "pairs": [
            {
                **e.to_dict(),
                "changes": analysis.diffs[(e.source, e.rewrite)].counts()
                if (e.source, e.rewrite) in analysis.diffs
                else None,
            }
            for e in analysis.edges
        ],
        "conflicts": [c.to_dict() for c in analysis.conflicts],
    }


def render_stories(analysis: StoryAnalysis, console: Console) -> None:
    st = analysis.stories
    for s in st.stories:
        console.print(Text(f"{s.id}: {len(s.article_ids)} article(s)", style="bold"))
        for eid, members in zip(s.event_ids, s.events, strict=True):
            console.print(Text(f"  {eid}: " + ", ".join(members)))
    table = Table(title="Derivation", title_justify="left", show_lines=True)
    for col in ("source", "rewrite", "kind", "confidence", "evidence"):
        table.add_column(col, overflow="fold")
    for e in analysis.edges:
        if e.kind == "independent":
            continue
        table.add_row(
            Text(e.source),
            Text(e.rewrite),
            e.kind,
            f"{e.confidence:.2f}",
            Text("\n".join(e.reasons)),
        )
    console.print(table)
    independent = sum(1 for e in analysis.edges if e.kind == "independent")
    console.print(
        Text(f"{independent} pair(s) in the same story judged independent coverage", style="dim")
    )
    for c in analysis.conflicts:
        console.print(Text(f"conflict: {c.quantity}", style="bold red"))
        for claim in c.claims:
            console.print(Text(f"  {claim.article}: {claim.text!r} ({claim.value})"))


# --- one function per command's output ---------------------------------------------------


def scores_text(scores: Sequence[ArticleScore], fmt_: str, *, formula_guard: bool = True) -> str:
    """``framing score --format json|csv|markdown``."""
    if fmt_ == "json":
        return to_json(scores)
    if fmt_ == "csv":
        return to_csv(scores, neutralise_formulas=formula_guard)
    return to_markdown(scores)


def render_cache_report(cache: ScoreCache | None, console: Console) -> None:
    """Hits and misses of the score cache, when there is one (on stderr)."""
    if cache is not None:
        console.print(f"cache {cache.path}: {cache.hits} hit(s), {cache.misses} scored")
        if cache.problem is not None:
            console.print(Text(f"warning: cache {cache.path}: {cache.problem}", style="yellow"))


def render_failures(failures: Sequence[Failure]) -> None:
    """One ``FAILED source: reason`` line per input that could not be read (on stderr)."""
    for f in failures:
        click.echo(f"FAILED {f.source}: {f.reason}", err=True)


def metrics_text(fmt_: str) -> str:
    """``framing metrics``: the registry as Markdown tables or JSON."""
    return registry_json() if fmt_ == "json" else metrics_markdown()


def json_schema_text() -> str:
    """``framing schema``: the JSON Schema of an article record, indented."""
    return article_schema_json()


def render_evaluation(run: EvalRun, console: Console, err: Console) -> None:
    """``framing eval``: every figure and target; skipped features on stderr."""
    render_console(run, console)
    for r in run.features:
        if r.skipped:
            err.print(f"skipped {r.feature}: {r.skipped}")


def lexicon_list(lexicons: LexiconSet) -> str:
    """``framing lexicon list``."""
    return format_list(lexicons)


def lexicon_entries(lexicons: LexiconSet, spec: str) -> str:
    """``framing lexicon show``."""
    return format_show(lexicons, spec)


def render_validation(results: Sequence[Validation]) -> None:
    """``framing lexicon validate``: a summary line per file, then its warnings."""
    for v in results:
        click.echo(v.summary)
        for w in v.lexicon.warnings if v.lexicon else ():
            click.echo(f"  warning: {w}")


def kwic_text(lines: Sequence[KwicLine], fmt_: str) -> str:
    """``framing lexicon kwic``."""
    return format_kwic(lines, fmt_)


def stats_text(stats: Sequence[CategoryStats], fmt_: str) -> str:
    """``framing lexicon stats``."""
    return format_stats(stats, fmt_)


def _interval(figure: dict[str, Any]) -> str:
    value, lo, hi = figure["value"], figure["ci_low"], figure["ci_high"]
    if value is None or value != value:
        return "—"
    return f"{value:.3f} [{lo:.3f}, {hi:.3f}]"


def render_training(model: Any, console: Console, out: str | None) -> None:
    """``framing train``: the cross-validated figures per frame, with 95 % intervals."""
    fitting = model.fitting_
    title = (
        f"Cross-validated ({fitting['folds']} folds, seed {fitting['seed']}"
        + (", grouped" if fitting["grouped"] else "")
        + "): C, calibration and threshold chosen on the other folds"
    )
    table = Table(title=title, title_justify="left", show_edge=False, pad_edge=False)
    for name in ("frame", "coded", "C", "threshold", "ROC AUC", "PR AUC", "F1", "Brier"):
        table.add_column(name, justify="left" if name == "frame" else "right")
    for frame, cv in model.cv_.items():
        table.add_row(
            Text(frame),
            f"{cv['coded']}/{cv['n']}",
            f"{cv['C']:g}",
            f"{cv['threshold']:.3f}",
            _interval(cv["roc_auc"]),
            _interval(cv["pr_auc"]),
            _interval(cv["f1"]),
            _interval(cv["brier"]),
        )
    console.print(table)
    if out:
        console.print(Text(f"wrote {out} ({fitting['seconds']:.1f} s)", style="dim"))


def training_json(model: Any) -> str:
    """``framing train --format json``: the model's card (what made it, and its figures)."""
    import json

    card = dict(model.card_)
    return json.dumps(card, indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def render_model_frames(scores: Sequence[ArticleScore], console: Console) -> None:
    """``framing score --model``: each article's probability per frame and its top evidence."""
    for s in scores:
        found = s.model_frames
        if not found:
            continue
        table = Table(
            title=f"Frame model: {_label(s)}", title_justify="left", show_edge=False, pad_edge=False
        )
        table.add_column("frame")
        table.add_column("probability", justify="right")
        table.add_column("over threshold", justify="center")
        table.add_column("pushed up by", overflow="fold")
        for f in found["frames"]:
            words = ", ".join(e["text"] for e in f["evidence"] if e["kind"] != "sentence")
            table.add_row(
                Text(f["frame"]),
                f"{f['probability']:.3f}",
                "yes" if f["over_threshold"] else "",
                Text(words),
            )
        console.print(table)


def render_outlet_frames(c: Comparison, console: Console) -> None:
    """``framing compare --model``: per outlet and frame, mean probability and share over the
    threshold with their 95 % intervals."""
    if not c.outlet_frames:
        return
    table = Table(title="Frame model by outlet", title_justify="left", show_edge=False)
    for name in ("outlet", "frame", "n", "mean probability [95 % CI]", "share over threshold"):
        table.add_column(name, justify="left" if name in ("outlet", "frame") else "right")
    for r in c.outlet_frames:
        ci = (
            f" [{r['probability_ci_low']:.2f}, {r['probability_ci_high']:.2f}]"
            if r["probability_ci_low"] is not None
            else ""
        )
        share = (
            f" [{r['share_ci_low']:.2f}, {r['share_ci_high']:.2f}]"
            if r["share_ci_low"] is not None
            else ""
        )
        table.add_row(
            Text(r["outlet"]),
            Text(r["frame"]),
            str(r["n"]),
            f"{r['mean_probability']:.2f}{ci}",
            f"{r['share_over_threshold']:.2f}{share}",
        )
    console.print(table)


def suggestions_csv(rows: Sequence[dict[str, Any]], *, formula_guard: bool = True) -> str:
    """``framing suggest``: the articles to code next, as CSV (fill in ``labels``)."""
    columns: list[str] = []
    for row in rows:
        columns += [k for k in row if k not in columns]
    buf = io.StringIO()
    writer = csv.DictWriter(
        buf, fieldnames=columns or ["rank", "id", "text", "labels"], lineterminator="\n"
    )
    writer.writeheader()
    for row in rows:
        cells = {k: ("" if row.get(k) is None else row.get(k)) for k in columns}
        writer.writerow({k: neutralise(v) for k, v in cells.items()} if formula_guard else cells)
    return buf.getvalue()
