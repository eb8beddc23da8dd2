"""The comparison as a report for people: ``report.md`` and one self-contained ``report.html``.

The HTML opens from disk with the network off: inline CSS, charts drawn here as inline SVG, no
scripts, no fonts or images fetched from anywhere. Everything taken from an article (titles,
outlet names, sources, text, evidence notes, file names) is escaped, and the same Comparison
always gives the same bytes: no timestamps, no random ids.

When the comparison carries a rewrite analysis (``Comparison.stories``), a "Stories and
rewrites" section follows the outlet comparison: each story's events, who rewrote whom with the
evidence, the figures its articles disagree on, and every derived pair side by side, sentence by
sentence, with what the rewrite changed marked (``<mark class="chg-KIND">``).

>>> from framing.api import compare
>>> c = compare(["seeds"], spacy_model="blank")
>>> "<svg" in render_html(c) and "humanitarian_strategic_index" in render_markdown(c)
True
"""

from __future__ import annotations

import html
import math
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from framing.comparison import HEADLINE_METRICS, Comparison
from framing.corpus.articles import ScoredArticle
from framing.evidence import Evidence
from framing.export import atomic_write, safe_path
from framing.features import families, metric
from framing.features.registry import Metric

if TYPE_CHECKING:
    from framing.rewrite.analysis import Conflict, StoryAnalysis
    from framing.rewrite.changes import Change, RewriteDiff
    from framing.rewrite.derive import Edge
    from framing.rewrite.stories import Story
    from framing.score import ArticleScore

HEADLINE = HEADLINE_METRICS
#: Per-article columns of the Markdown article list (the cards show every headline metric).
ARTICLE_KEYS = (
    "words",
    "humanitarian_strategic_index",
    "attribution_density",
    "hedges_per_sentence",
    "flesch_reading_ease",
    "tone_mean",
)
#: Families whose evidence spans whole sentences: highlighting them would colour all the text.
SENTENCE_LEVEL = frozenset({"tone"})
DASH = "—"

# Okabe–Ito colours (safe for colour-blind readers); tints of the same hues mark the text.
GREEN, VERMILION, BLUE, ORANGE, PINK, SKY = (
    "#009e73",
    "#d55e00",
    "#0072b2",
    "#e69f00",
    "#cc79a7",
    "#56b4e9",
)
#: Evidence category -> (legend label, CSS declarations for its <mark>).
CATEGORY_STYLES: dict[str, tuple[str, str]] = {
    "humanitarian": ("humanitarian term", "background:#c8eedd"),
    "strategic": ("strategic term", "background:#f8d2bd"),
    "hedges": ("hedge", "background:#fbe3a6"),
    "quoted_hedges": (
        "hedge inside a quote",
        "background:#fdf0cf;border-bottom:2px dotted #b07d00",
    ),
    "boosters": ("booster", "background:#f2d3e6"),
    "distancing": ("distancing", "background:#cfe8f7"),
    "cue": ("attribution cue", f"color:{BLUE};font-weight:600"),
    "source-named_person": ("named person", f"box-shadow:inset 0 -2px 0 {BLUE}"),
    "source-named_organization": ("named organisation", "box-shadow:inset 0 -2px 0 #6a3d9a"),
    "source-anonymous": ("anonymous source", "box-shadow:inset 0 -2px 0 #888;font-style:italic"),
    "direct_quote": ("direct quote", "background:#eeeeee"),
}


def _esc(value: object) -> str:
    """Escape for HTML text and for attribute values alike (quotes included)."""
    return html.escape(str(value), quote=True)


def _missing(value: Any) -> bool:
    return value is None or (isinstance(value, float) and (math.isnan(value) or math.isinf(value)))


def _float(value: Any) -> float | None:
    """A present, finite value as a float; None for missing."""
    return None if _missing(value) else float(value)


def _meta(name: str) -> Metric | None:
    try:
        return metric(name)
    except KeyError:
        return None


def _decimals(m: Metric | None) -> int:
    """One precision per metric, so a row of outlets lines up and reads at a glance."""
    if m is None:
        return 3
    if m.dtype == "integer" or m.unit in ("score", "US grade", "words per sentence"):
        return 1
    if "per 1,000" in m.unit or "per 100" in m.unit:
        return 2
    return 3


def _num(value: Any, name: str) -> str:
    """A value for people; missing (None, NaN) is an em dash."""
    if _missing(value):
        return DASH
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    m = _meta(name)
    v = float(value)
    if m is not None and m.dtype == "integer" and v.is_integer():
        return str(int(v))
    text = f"{v:.{_decimals(m)}f}"
    return "0" + text[2:] if text.startswith("-0") and float(text) == 0 else text


def _signed(value: Any, name: str) -> str:
    if _missing(value):
        return DASH
    text = _num(value, name)
    return text if text.startswith("-") or float(text) == 0 else "+" + text


def _sign(value: Any, name: str) -> int:
    """The sign as shown: a delta that rounds to zero is zero."""
    if _missing(value):
        return 0
    shown = float(_num(value, name))
    return (shown > 0) - (shown < 0)


# -- shared lookups ---------------------------------------------------------------------------


@dataclass(frozen=True)
class _View:
    """What both renderers need from a Comparison, computed once."""

    outlets: list[str]  # reference first, then alphabetical
    stats: dict[tuple[str, str], dict[str, Any]]
    counts: Counter[str]
    reference: str | None

    @classmethod
    def of(cls, c: Comparison) -> _View:
        names = {str(r["outlet"]) for r in c.outlets} | {e.outlet for e in c.entries}
        ordered = sorted(names - {c.reference or ""})
        if c.reference is not None and c.reference in names:
            ordered.insert(0, c.reference)
        stats = {(str(r["outlet"]), str(r["metric"])): r for r in c.outlets}
        return cls(ordered, stats, Counter(e.outlet for e in c.entries), c.reference)

    def row(self, outlet: str, name: str) -> dict[str, Any]:
        return self.stats.get((outlet, name), {})

    def headline(self, c: Comparison) -> list[str]:
        return [n for n in HEADLINE if n in c.metrics]


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def _run_facts(c: Comparison) -> dict[str, str]:
    first = c.outlets[0] if c.outlets else {}
    return {
        "tool_version": str(first.get("tool_version", DASH)),
        "schema_version": str(first.get("schema_version", DASH)),
        "lexicon_hash": str(first.get("lexicon_hash", DASH)),
    }


# -- Markdown ---------------------------------------------------------------------------------


def _md(value: object) -> str:
    """Text for a Markdown table cell or list item: pipes escaped, one line, no raw HTML."""
    text = " ".join(str(value).splitlines())
    return text.replace("|", "\\|").replace("<", "\\<")


def render_markdown(c: Comparison) -> str:
    """``report.md``: run summary, headline table with deltas, every metric, stories and
    rewrites (when analysed), the articles.

    Cells show the outlet mean; in brackets the difference from the reference outlet's mean.
    """
    v = _View.of(c)
    facts = _run_facts(c)
    ref = c.reference
    out = ["# Framing comparison", ""]
    out += [
        f"- **Articles scored:** {len(c.articles)}",
        f"- **Outlets:** {len(v.outlets)}"
        + (" — " + ", ".join(_md(o) for o in v.outlets) if v.outlets else ""),
        f"- **Reference outlet:** {_md(ref) if ref is not None else 'none (no deltas)'}",
        f"- **Failures:** {len(c.failures)}",
        f"- **Articles without an outlet:** {len(c.unknown_outlets)}",
        f"- **Tool:** framing {_md(facts['tool_version'])}, schema {_md(facts['schema_version'])}"
        f", lexicons {_md(facts['lexicon_hash'])}",
        "",
    ]

    def head(label_cols: Sequence[str]) -> list[str]:
        cols = []
        for o in v.outlets:
            tag = "reference, " if o == ref else ""
            cols.append(f"{_md(o)} ({tag}n={v.counts[o]})")
        return [
            "| " + " | ".join([*label_cols, *cols]) + " |",
            "|" + "---|" * len(label_cols) + "---:|" * len(cols),
        ]

    out += ["## Headline metrics", ""]
    out += [
        "Mean per outlet; in brackets the difference from the reference outlet's mean; "
        "`[n=…]` where fewer of the outlet's articles had a value.",
        "",
    ]
    out += head(["metric", "unit"])
    for name in v.headline(c):
        m = _meta(name)
        cells = []
        for o in v.outlets:
            row = v.row(o, name)
            cell = _num(row.get("mean"), name)
            if o != ref and ref is not None and not _missing(row.get("mean")):
                cell += f" ({_signed(row.get('delta'), name)})"
            n = row.get("n")
            if n is not None and n != v.counts[o]:
                cell += f" [n={n}]"
            cells.append(cell)
        out.append(f"| {_md(name)} | {_md(m.unit if m else '')} | " + " | ".join(cells) + " |")
    out += ["", "## All metrics", "", "Outlet means."]
    out += ["", *head(["family", "metric", "unit"])]
    for name in c.metrics:
        m = _meta(name)
        cells = [_num(v.row(o, name).get("mean"), name) for o in v.outlets]
        fam, unit = (m.family, m.unit) if m else ("", "")
        out.append(f"| {_md(fam)} | {_md(name)} | {_md(unit)} | " + " | ".join(cells) + " |")

    if c.stories is not None:
        out += ["", *_md_stories(c, c.stories)]
    out += ["", "## Articles", ""]
    if c.articles:
        out.append(
            "| # | outlet | title | source | role | date | " + " | ".join(ARTICLE_KEYS) + " |"
        )
        out.append("|---:|---|---|---|---|---|" + "---:|" * len(ARTICLE_KEYS))
        for i, a in enumerate(c.articles, 1):
            vals = " | ".join(_num(a.score.metrics.get(k), k) for k in ARTICLE_KEYS)
            meta = [a.outlet, a.title or DASH, a.source, a.role or DASH, a.date or DASH]
            out.append(f"| {i} | " + " | ".join(_md(x) for x in meta) + f" | {vals} |")
    else:
        out.append("No articles were scored.")

    out += ["", "## Failures", ""]
    if c.failures:
        out += ["| source | reason |", "|---|---|"]
        out += [f"| {_md(f.source)} | {_md(f.reason)} |" for f in c.failures]
    else:
        out.append("None: every input was scored.")
    out += ["", "## Articles without an outlet", ""]
    if c.unknown_outlets:
        out.append(
            "No manifest, sidecar, folder or metadata named their outlet; they are compared "
            "as the outlet `unknown`."
        )
        out += [""] + [f"- {_md(s)}" for s in c.unknown_outlets]
    else:
        out.append("None: every article has an outlet.")
    return "\n".join(out) + "\n"


# -- SVG charts -------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Series:
    metric: str
    label: str
    colour: str
    negative_colour: str | None = None  # diverging charts colour bars below 0 differently


@dataclass(frozen=True)
class _Chart:
    key: str
    title: str
    description: str
    series: tuple[_Series, ...]
    diverging: bool = False
    ends: tuple[str, str] = ("", "")  # captions under the two ends of the axis


CHARTS = (
    _Chart(
        "index",
        "Humanitarian vs strategic framing",
        "Humanitarian–strategic index, (H − S) / (H + S) over lexicon matches: "
        "+1 all humanitarian, −1 all strategic.",
        (_Series("humanitarian_strategic_index", "index", GREEN, VERMILION),),
        diverging=True,
        ends=("← more strategic", "more humanitarian →"),
    ),
    _Chart(
        "tone",
        "Tone",
        "Mean VADER compound score of the article's sentences, from −1 (negative) to +1.",
        (_Series("tone_mean", "mean compound", BLUE, ORANGE),),
        diverging=True,
        ends=("← more negative", "more positive →"),
    ),
    _Chart(
        "attribution",
        "Attribution density",
        "Share of sentences that attribute a claim to a source.",
        (_Series("attribution_density", "attributed sentences", BLUE),),
    ),
    _Chart(
        "sources",
        "Named vs anonymous sources",
        "Attributions to named people or organisations and to anonymous sources, per 100 words.",
        (
            _Series("named_sources_per_100_words", "named", BLUE),
            _Series("anonymous_sources_per_100_words", "anonymous", ORANGE),
        ),
    ),
    _Chart(
        "hedging",
        "Hedging",
        "Hedges (may, reportedly), boosters (clearly, certainly) and distancing cues "
        "(so-called, claimed) per sentence.",
        (
            _Series("hedges_per_sentence", "hedges", ORANGE),
            _Series("boosters_per_sentence", "boosters", PINK),
            _Series("distancing_per_sentence", "distancing", SKY),
        ),
    ),
    _Chart(
        "readability",
        "Readability",
        "Flesch reading ease: higher is easier to read (60–70 is plain English).",
        (_Series("flesch_reading_ease", "Flesch reading ease", GREEN),),
    ),
)


def _ticks(lo: float, hi: float, count: int = 5) -> list[float]:
    """Round tick values (1, 2, 2.5 or 5 times a power of ten) covering [lo, hi]."""
    if hi - lo <= 0:
        lo, hi = (lo - 1, hi + 1) if lo else (0.0, 1.0)
    raw = (hi - lo) / count
    mag = 10 ** math.floor(math.log10(raw))
    step = next(f * mag for f in (1, 2, 2.5, 5, 10) if f * mag >= raw - 1e-12)
    start, end = math.floor(lo / step + 1e-9), math.ceil(hi / step - 1e-9)
    return [round(i * step, 10) for i in range(start, end + 1)]


def _tick_label(t: float) -> str:
    text = f"{t:g}"
    return "0" if text == "-0" else text.replace("-", "−")


def _f(x: float) -> str:
    """SVG coordinates with one decimal: enough for the eye, stable bytes."""
    text = f"{x:.1f}"
    return text[:-2] if text.endswith(".0") else text


def _short(text: str, limit: int = 26) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _chart_svg(chart: _Chart, v: _View) -> str:
    width, label_w, pad = 640, 176, 58
    ns = len(chart.series)
    bar_h, gap = (15, 3) if ns > 1 else (20, 0)
    group_h = max(ns * bar_h + (ns - 1) * gap, 30)
    group_gap, top = 14, 10
    axis_y = top + len(v.outlets) * (group_h + group_gap)
    height = axis_y + 44

    points: list[float] = [0.0]
    for o in v.outlets:
        for s in chart.series:
            row = v.row(o, s.metric)
            points += [
                float(row[k]) for k in ("mean", "ci_low", "ci_high") if not _missing(row.get(k))
            ]
    lo, hi = min(points), max(points)
    if chart.diverging:
        edge = max(abs(lo), abs(hi))
        lo, hi = -edge, edge
    ticks = _ticks(lo, hi)
    lo, hi = ticks[0], ticks[-1]
    px0 = label_w + 14 + (pad if lo < 0 else 4)
    px1 = width - pad

    def x(val: float) -> float:
        return px0 + (val - lo) / (hi - lo) * (px1 - px0)

    parts: list[str] = []
    title_id, desc_id = f"chart-{chart.key}-title", f"chart-{chart.key}-desc"
    summary = []
    for o in v.outlets:
        vals = ", ".join(
            f"{s.label} {_num(v.row(o, s.metric).get('mean'), s.metric)}" for s in chart.series
        )
        summary.append(f"{o}{' (reference)' if o == v.reference else ''}: {vals}")
    parts.append(
        f'<svg class="chart" role="img" aria-labelledby="{title_id} {desc_id}" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}">'
        f'<title id="{title_id}">{_esc(chart.title)}</title>'
        f'<desc id="{desc_id}">{_esc(chart.description + " " + "; ".join(summary) + ".")}</desc>'
    )
    for i, o in enumerate(v.outlets):
        if o == v.reference:
            gy = top + i * (group_h + group_gap)
            parts.append(
                f'<rect class="ref-band" x="0" y="{_f(gy - group_gap / 2)}" width="{width}" '
                f'height="{group_h + group_gap}"/>'
            )
    for t in ticks:
        cls = "zero" if t == 0 else "grid"
        parts.append(
            f'<line class="{cls}" x1="{_f(x(t))}" y1="{top - 6}" x2="{_f(x(t))}" y2="{axis_y}"/>'
            f'<text class="tick" x="{_f(x(t))}" y="{axis_y + 14}">{_tick_label(t)}</text>'
        )
    unit = _meta(chart.series[0].metric)
    parts.append(
        f'<text class="unit" x="{_f((px0 + px1) / 2)}" y="{axis_y + 34}">'
        f"{_esc(unit.unit if unit else '')}</text>"
    )
    if chart.ends[0]:
        parts.append(
            f'<text class="end" x="{_f(px0)}" y="{axis_y + 34}">{_esc(chart.ends[0])}</text>'
        )
    if chart.ends[1]:
        parts.append(
            f'<text class="end right" x="{_f(px1)}" y="{axis_y + 34}">{_esc(chart.ends[1])}</text>'
        )

    for i, o in enumerate(v.outlets):
        gy = top + i * (group_h + group_gap)
        is_ref = o == v.reference
        name_y = gy + group_h / 2 - 2
        sub = ("reference · " if is_ref else "") + f"n={v.counts[o]}"
        parts.append(
            f'<g class="outlet{" ref" if is_ref else ""}"><title>{_esc(o)}</title>'
            f'<text class="name" x="{label_w}" y="{_f(name_y)}">{_esc(_short(o))}</text>'
            f'<text class="sub" x="{label_w}" y="{_f(name_y + 13)}">{_esc(sub)}</text></g>'
        )
        inner = ns * bar_h + (ns - 1) * gap
        for j, s in enumerate(chart.series):
            by = gy + (group_h - inner) / 2 + j * (bar_h + gap)
            cy = by + bar_h / 2
            row = v.row(o, s.metric)
            mean = _float(row.get("mean"))
            tip = f"{o}: {s.label} {_num(mean, s.metric)}, n={row.get('n', 0)}"
            if mean is None:
                parts.append(
                    f'<g><title>{_esc(tip)}</title><text class="val" x="{_f(x(0) + 4)}" '
                    f'y="{_f(cy + 4)}">{DASH}</text></g>'
                )
                continue
            m = mean
            colour = s.negative_colour if s.negative_colour and m < 0 else s.colour
            x0, xv = x(0), x(m)
            bar_x, bar_w = min(x0, xv), max(abs(xv - x0), 1.0)
            label_lo, label_hi = xv, xv
            g = [
                f'<rect x="{_f(bar_x)}" y="{_f(by)}" width="{_f(bar_w)}" height="{bar_h}" '
                f'fill="{colour}"/>'
            ]
            c_lo, c_hi = _float(row.get("ci_low")), _float(row.get("ci_high"))
            if c_lo is not None and c_hi is not None:
                xl, xh = x(c_lo), x(c_hi)
                tip += f", 95% CI {_num(c_lo, s.metric)} to {_num(c_hi, s.metric)}"
                g.append(
                    f'<path class="ci" d="M{_f(xl)} {_f(cy)}H{_f(xh)}M{_f(xl)} {_f(cy - 4)}'
                    f'V{_f(cy + 4)}M{_f(xh)} {_f(cy - 4)}V{_f(cy + 4)}"/>'
                )
                label_lo, label_hi = min(xv, xl), max(xv, xh)
            if m < 0:
                lx, anchor = label_lo - 4, "end"
            else:
                lx, anchor = label_hi + 4, "start"
            g.append(
                f'<text class="val {anchor}" x="{_f(lx)}" y="{_f(cy + 4)}">'
                f"{_esc(_num(m, s.metric))}</text>"
            )
            parts.append(f"<g><title>{_esc(tip)}</title>{''.join(g)}</g>")
    if ns == 1 and v.reference is not None:
        ref_mean = _float(v.row(v.reference, chart.series[0].metric).get("mean"))
        if ref_mean is not None:
            xr = _f(x(ref_mean))
            parts.append(
                f'<line class="ref-line" x1="{xr}" y1="{top - 6}" x2="{xr}" y2="{axis_y}"/>'
            )
    parts.append("</svg>")
    return "".join(parts)


def _chart_figure(chart: _Chart, v: _View) -> str:
    items = []
    if len(chart.series) > 1:
        items += [
            f'<li><span class="sw" style="background:{s.colour}"></span>{_esc(s.label)}</li>'
            for s in chart.series
        ]
    elif chart.series[0].negative_colour:
        s = chart.series[0]
        neg, pos = (e.strip("←→ ") for e in chart.ends)
        items += [
            f'<li><span class="sw" style="background:{s.colour}"></span>{_esc(pos)}</li>',
            f'<li><span class="sw" style="background:{s.negative_colour}"></span>{_esc(neg)}</li>',
        ]
    has_ci = any(
        not _missing(v.row(o, s.metric).get("ci_low")) for o in v.outlets for s in chart.series
    )
    if has_ci:
        items.append('<li><span class="whisker"></span>95% bootstrap CI of the mean</li>')
    if v.reference is not None:
        items.append('<li><span class="sw band"></span>reference outlet</li>')
        if len(chart.series) == 1:
            items.append('<li><span class="dash"></span>reference mean</li>')
    return (
        f'<figure class="chart-box" id="chart-{chart.key}"><h3>{_esc(chart.title)}</h3>'
        f'<p class="note">{_esc(chart.description)}</p>'
        f'<ul class="keys">{"".join(items)}</ul>{_chart_svg(chart, v)}</figure>'
    )


# -- HTML tables ------------------------------------------------------------------------------


def _matrix(c: Comparison, v: _View, names: Iterable[str], *, grouped: bool) -> str:
    ref = v.reference
    head = ['<th scope="col">metric</th><th scope="col">unit</th>']
    for o in v.outlets:
        badge = '<span class="badge">reference</span>' if o == ref else ""
        head.append(
            f'<th scope="col" class="num{" ref" if o == ref else ""}">{_esc(o)}{badge}'
            f'<span class="sub">n={v.counts[o]}</span></th>'
        )
    rows = []
    fam_titles = {f.name: f.title for f in families()}
    last_family: str | None = None
    for name in names:
        m = _meta(name)
        if grouped and m is not None and m.family != last_family:
            last_family = m.family
            rows.append(
                f'<tr class="fam"><th colspan="{len(v.outlets) + 2}" scope="rowgroup">'
                f"{_esc(fam_titles.get(m.family, m.family))}</th></tr>"
            )
        cells = [
            f'<th scope="row" title="{_esc(m.definition if m else "")}">{_esc(name)}</th>'
            f'<td class="unit">{_esc(m.unit if m else "")}</td>'
        ]
        for o in v.outlets:
            row = v.row(o, name)
            mean = row.get("mean")
            bits = [f'<span class="v">{_esc(_num(mean, name))}</span>']
            if o == ref:
                pass
            elif ref is not None and not _missing(mean):
                sign = _sign(row.get("delta"), name)
                cls, arrow = {1: ("pos", "▲ "), -1: ("neg", "▼ "), 0: ("zero", "")}[sign]
                rel = _float(row.get("delta_relative"))
                tip = "difference from the reference" + (
                    "" if rel is None else f" ({rel * 100:+.0f}% of the reference mean)"
                )
                bits.append(
                    f'<span class="d {cls}" title="{_esc(tip)}">'
                    f"{arrow}{_esc(_signed(row.get('delta'), name))}</span>"
                )
            extra = []
            if not _missing(row.get("ci_low")) and not _missing(row.get("ci_high")):
                extra.append(f"CI {_num(row['ci_low'], name)} to {_num(row['ci_high'], name)}")
            if row.get("n") is not None and row.get("n") != v.counts[o]:
                extra.append(f"n={row['n']}")
            if extra:
                bits.append(f'<span class="sub">{_esc(" · ".join(extra))}</span>')
            cells.append(f'<td class="num{" ref" if o == ref else ""}">{"".join(bits)}</td>')
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return (
        '<div class="scroll"><table class="matrix"><thead><tr>'
        + "".join(head)
        + "</tr></thead><tbody>"
        + "".join(rows)
        + "</tbody></table></div>"
    )


# -- article cards ----------------------------------------------------------------------------


def _slug(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9_-]+", "-", name).strip("-") or "x"


def _cat_class(category: str) -> str:
    return "cat-" + _slug(category)


class _Ranged(Protocol):
    @property
    def start(self) -> int: ...

    @property
    def end(self) -> int: ...


_R = TypeVar("_R", bound=_Ranged)


def _nest(ranked: Iterable[_R]) -> tuple[list[_R], int]:
    """Spans sorted by start, longest first -> those that nest (outermost first), and how many
    were left out because they cross the end of an open one."""
    kept: list[_R] = []
    stack: list[_R] = []
    skipped = 0
    for e in ranked:
        while stack and stack[-1].end <= e.start:
            stack.pop()
        if stack and e.end > stack[-1].end:
            skipped += 1
            continue
        stack.append(e)
        kept.append(e)
    return kept, skipped


def _wrap(text: str, spans: Iterable[tuple[int, int, str]]) -> str:
    """``text`` escaped, each ``(start, end, opening <mark> tag)`` span wrapped in its mark.

    The spans must nest and come outermost first (what :func:`_nest` keeps).
    """
    out: list[str] = []
    pos = 0
    ends: list[int] = []

    def close_to(limit: int) -> None:
        nonlocal pos
        while ends and ends[-1] <= limit:
            end = ends.pop()
            out.append(_esc(text[pos:end]) + "</mark>")
            pos = end

    for start, end, tag in spans:
        close_to(start)
        out.append(_esc(text[pos:start]))
        pos = start
        out.append(tag)
        ends.append(end)
    close_to(len(text))
    out.append(_esc(text[pos:]))
    return "".join(out)


def _spans(text: str, evidence: Iterable[Evidence]) -> tuple[list[Evidence], int]:
    """The evidence to highlight, and how many spans were left out because they cross another.

    Rule: sort by start, longest first; a span fully inside an open one nests in it (outermost
    first), a span crossing an open one's end is skipped. Identical duplicates count once.
    """
    order = {"attribution": 0, "frames": 1, "hedging": 2}
    unique = {
        (e.start, e.end, e.family, e.category): e
        for e in evidence
        if e.family not in SENTENCE_LEVEL and 0 <= e.start < e.end <= len(text)
    }
    ranked = sorted(
        unique.values(),
        key=lambda e: (e.start, -e.end, order.get(e.family, 9), e.family, e.category, e.note),
    )
    return _nest(ranked)


def highlight(text: str, evidence: Iterable[Evidence]) -> tuple[str, int]:
    """``text`` as escaped HTML with each evidence span in a ``<mark class="cat-…">``.

    Returns the HTML and the number of crossing spans left out (see :func:`_spans`).

    >>> from framing.evidence import Evidence
    >>> e = Evidence(4, 10, "frames", "humanitarian", "asylum", 0)
    >>> print(highlight("<b> asylum", [e])[0])
    &lt;b&gt; <mark class="cat-humanitarian fam-frames" title="frames/humanitarian">asylum</mark>
    """
    kept, skipped = _spans(text, evidence)
    tags = []
    for e in kept:
        label = f"{e.family}/{e.category}" + (f": {e.note}" if e.note else "")
        tags.append(
            (
                e.start,
                e.end,
                f'<mark class="{_cat_class(e.category)} fam-{_slug(e.family)}" '
                f'title="{_esc(label)}">',
            )
        )
    return _wrap(text, tags), skipped


def _category_label(category: str) -> str:
    known = CATEGORY_STYLES.get(_slug(category))
    return known[0] if known else category


def _category_rank(category: str) -> int:
    keys = list(CATEGORY_STYLES)
    slug = _slug(category)
    return keys.index(slug) if slug in keys else len(keys)


def _dl(pairs: Sequence[tuple[str, Any]]) -> str:
    body = "".join(
        f"<dt>{_esc(k)}</dt><dd>{_esc(DASH if _missing(val) or val == '' else val)}</dd>"
        for k, val in pairs
    )
    return f'<dl class="meta">{body}</dl>'


def _card(i: int, a: ScoredArticle, headline: Sequence[str], reference: str | None) -> str:
    score = a.score
    title = (
        f"<h3>{_esc(a.title)}</h3>"
        if a.title
        else f'<h3 class="untitled">{_esc(a.source)} <span class="sub">(no title)</span></h3>'
    )
    meta = _dl(
        [
            ("Outlet", a.outlet),
            ("Source", a.source),
            ("Date", a.date),
            ("Role", a.role),
            ("Declared source", a.declared_source),
            ("URL", a.url),
            ("Outlet from", a.outlet_from),
            ("Words", score.metrics.get("words")),
        ]
    )
    kv = "".join(
        f'<tr><th scope="row">{_esc(n)}</th><td class="num">{_esc(_num(score.metrics.get(n), n))}'
        f"</td></tr>"
        for n in headline
    )
    sources = score.details.get("sources") or []
    if sources:
        items = "".join(
            f'<li>{_esc(s.get("source", DASH))} <span class="kind">'
            f"{_esc(str(s.get('kind', '')).replace('_', ' '))}</span>"
            f'<span class="count">× {_esc(s.get("count", DASH))}</span></li>'
            for s in sources
        )
        src = f'<ul class="sources">{items}</ul>'
    else:
        src = f'<p class="none">{DASH}</p>'
    worst = score.details.get("most_negative_sentence")
    worst_html = ""
    if isinstance(worst, dict) and worst.get("text"):
        compound = _float(worst.get("compound"))
        shown = DASH if compound is None else f"{compound:+.3f}"
        worst_html = (
            f'<h4>Most negative sentence <span class="sub">compound {_esc(shown)}</span></h4>'
            f"<blockquote>{_esc(worst['text'])}</blockquote>"
        )
    body, skipped = highlight(score.text, score.evidence)
    counts = Counter(
        e.category
        for e in {
            (e.start, e.end, e.family, e.category): e
            for e in score.evidence
            if e.family not in SENTENCE_LEVEL
        }.values()
    )
    chips = "".join(
        f'<li><span class="chip {_cat_class(cat)}">{_esc(_category_label(cat))}</span> {n}</li>'
        for cat, n in sorted(counts.items(), key=lambda kv: (_category_rank(kv[0]), kv[0]))
    )
    note = f" · {skipped} crossing span(s) not highlighted" if skipped else ""
    return (
        f'<article class="card" id="article-{i}">'
        f'<header><p class="kicker">{_esc(a.outlet)}'
        f"{' · reference outlet' if a.outlet == reference else ''}</p>{title}</header>"
        f'<div class="card-grid"><div>{meta}<h4>Sources</h4>{src}{worst_html}</div>'
        f'<div><h4>Key metrics</h4><table class="kv"><tbody>{kv}</tbody></table></div></div>'
        f'<ul class="chips">{chips}</ul>'
        f"<details open><summary>Cleaned text with evidence ({len(score.text)} characters{note})"
        f'</summary><div class="text">{body}</div></details></article>'
    )


def _legend() -> str:
    items = "".join(
        f'<li><span class="chip {_cat_class(cat)}">{_esc(label)}</span></li>'
        for cat, (label, _css) in CATEGORY_STYLES.items()
    )
    return (
        '<div class="legend"><h3>Legend</h3><ul class="chips">' + items + "</ul>"
        '<p class="note">Hover a highlight for its family, category and the lexicon term or '
        "source kind it matched. Spans inside a quote are nested in it; a span crossing "
        "another is left out (the count is shown). Tone is scored per sentence and not "
        'highlighted. In tables, <span class="pos">▲ +</span> and <span class="neg">▼ −'
        "</span> mark an outlet above or below the reference: direction, not better or worse."
        "</p></div>"
    )


# -- stories and rewrites ---------------------------------------------------------------------

#: Edge kinds in the order the derivation table lists them; ``independent`` is only counted.
EDGE_ORDER = ("verbatim", "rewritten", "declared")
#: Change kind -> (legend label, CSS for its <mark>); wider kinds first, so they nest outside.
CHANGE_STYLES: dict[str, tuple[str, str]] = {
    "commentary": ("inserted commentary", "background:#f8d2bd"),
    "quote": ("quote altered, indirect or dropped", "background:#e6dcf3"),
    "attribution": ("attribution changed", f"box-shadow:inset 0 -2px 0 {BLUE}"),
    "number": ("number changed", "background:#fde2b8;font-weight:600"),
    "date": ("date changed", "background:#fff0a8;font-weight:600"),
    "hedging": ("hedge added or removed", "border-bottom:2px dotted #b07d00"),
}
#: Alignment label of a rewrite sentence -> what it means, for the legend.
ALIGNMENT_LABELS = {
    "kept": "near word for word",
    "paraphrased": "renders one source sentence in other words",
    "merged": "renders several source sentences",
    "added": "no source counterpart",
}


@dataclass(frozen=True)
class _Pair:
    edge: Edge
    diff: RewriteDiff
    number: int  # 1-based across the report: the anchor ``pair-N``


@dataclass(frozen=True)
class _StoryBlock:
    """One story and what the report shows about it."""

    story: Story
    edges: list[Edge]  # every edge that is not independent
    independent: int
    conflicts: list[Conflict]
    pairs: list[_Pair]


def _story_blocks(a: StoryAnalysis) -> tuple[list[_StoryBlock], list[Story]]:
    """Blocks for the stories with two or more articles or a declared source, and the rest
    (an article on its own that names no source)."""
    story_of = a.stories.story_of
    blocks: list[_StoryBlock] = []
    alone: list[Story] = []
    number = 0
    for s in a.stories.stories:
        mine = [e for e in a.edges if story_of.get(e.rewrite) == s.id]
        if len(s.article_ids) < 2 and all(e.kind == "independent" for e in mine):
            alone.append(s)
            continue
        shown = sorted(
            (e for e in mine if e.kind != "independent"),
            key=lambda e: (
                EDGE_ORDER.index(e.kind) if e.kind in EDGE_ORDER else 9,
                e.source,
                e.rewrite,
            ),
        )
        pairs = []
        for e in shown:
            d = a.diffs.get((e.source, e.rewrite))
            if d is not None:
                number += 1
                pairs.append(_Pair(e, d, number))
        blocks.append(
            _StoryBlock(
                s,
                shown,
                sum(1 for e in mine if e.kind == "independent"),
                [cf for cf in a.conflicts if cf.story == s.id],
                pairs,
            )
        )
    return blocks, alone


def _edge_counts(b: _StoryBlock) -> str:
    kinds = Counter(e.kind for e in b.edges)
    parts = [f"{kinds[k]} {k}" for k in EDGE_ORDER if kinds[k]]
    parts += [f"{n} {k}" for k, n in sorted(kinds.items()) if k not in EDGE_ORDER]
    pairs = _count(b.independent, "pair")
    return (", ".join(parts) or "no derivation found") + f"; {pairs} independent"


def _change_groups(changes: Iterable[Change], side: str) -> dict[tuple[int, int, str], list[str]]:
    """(start, end, kind) -> the "kind/change: detail" labels of the changes with that span on
    one side (``source`` or ``rewrite``), so a span shared by two changes is marked once."""
    groups: dict[tuple[int, int, str], list[str]] = {}
    for ch in changes:
        span = ch.source_span if side == "source" else ch.rewrite_span
        if span is None:
            continue
        labels = groups.setdefault((span[0], span[1], ch.kind), [])
        label = f"{ch.kind}/{ch.change}: {ch.detail}"
        if label not in labels:
            labels.append(label)
    return groups


@dataclass(frozen=True)
class _Span:
    start: int
    end: int
    tag: str


def _marked_sentence(
    text: str, bounds: tuple[int, int], groups: dict[tuple[int, int, str], list[str]]
) -> tuple[str, int]:
    """One sentence of an article as escaped HTML with the change spans that fall in it (clipped
    to the sentence) in ``<mark class="chg-KIND">``; and how many crossing spans were left out."""
    s0, s1 = bounds
    rank = {k: i for i, k in enumerate(CHANGE_STYLES)}
    local = []
    for (start, end, kind), labels in groups.items():
        a, b = max(start, s0), min(end, s1)
        if a < b:
            local.append((a - s0, b - s0, rank.get(kind, len(rank)), kind, "\n".join(labels)))
    spans = [
        _Span(a, b, f'<mark class="chg-{_slug(kind)}" title="{_esc(label)}">')
        for a, b, _r, kind, label in sorted(local, key=lambda m: (m[0], -m[1], m[2], m[3]))
    ]
    kept, skipped = _nest(spans)
    return _wrap(text[s0:s1], [(m.start, m.end, m.tag) for m in kept]), skipped


def _sentence_text(score: ArticleScore, k: int) -> str:
    return score.text[slice(*score.sentences[k])]


def _sim(d: RewriteDiff, r: int, s: int) -> str:
    return f"{float(d.alignment.similarity[r, s]):.2f}"


def _pair_facts(p: _Pair) -> str:
    al = p.diff.alignment
    aligned = sum(1 for x in al.rewrite_to if x)
    kept = sum(1 for lab in al.source_label if lab != "dropped")
    return (
        f"{p.edge.kind}, confidence {p.edge.confidence:.2f}. "
        f"{aligned} of the rewrite's {len(al.rewrite)} sentences render a source sentence; "
        f"{kept} of the source's {len(al.source)} sentences survive; "
        f"{_count(len(p.diff.changes), 'change')}."
    )


# -- stories: Markdown


def _md_article(label: str, by_label: dict[str, ScoredArticle], *, title: bool = False) -> str:
    art = by_label.get(label)
    if art is None:
        return f"{_md(label)} (named as the source; not in the corpus)"
    text = f"{_md(label)} ({_md(art.outlet)})"
    if title:
        text += f": “{_md(art.title)}”" if art.title else " (no title)"
    return text


def _md_stories(c: Comparison, a: StoryAnalysis) -> list[str]:
    by_label = {art.source: art for art in c.articles}
    blocks, singles = _story_blocks(a)
    out = [
        "## Stories and rewrites",
        "",
        "A story is the articles on one topic; an event, those about one news occasion in it. "
        "Within a story each pair of articles is tested for derivation (shared sentences and "
        "wording, declared sources, bylines, dates); each derived pair is aligned sentence by "
        "sentence (S = source sentence, R = rewrite sentence) and its changes listed.",
        "",
    ]
    if not blocks:
        out.append("No two articles share a story, and none names its source.")
    for b in blocks:
        s = b.story
        out += [
            f"### {_md(s.id)}: {_count(len(s.article_ids), 'article')} in "
            f"{_count(len(s.events), 'event')}",
            "",
            "**Events**",
            "",
        ]
        for eid, members in zip(s.event_ids, s.events, strict=True):
            out.append(f"- {_md(eid)}")
            out += [f"  - {_md_article(m, by_label, title=True)}" for m in members]
        out += ["", f"**Who rewrote whom**: {_edge_counts(b)}.", ""]
        if b.edges:
            out += [
                "| source | rewrite | kind | confidence | evidence |",
                "|---|---|---|---:|---|",
            ]
            out += [
                f"| {_md_article(e.source, by_label)} | {_md_article(e.rewrite, by_label)} | "
                f"{_md(e.kind)} | {e.confidence:.2f} | {_md('; '.join(e.reasons))} |"
                for e in b.edges
            ]
            out.append("")
        if b.conflicts:
            out += [
                "**Figure conflicts**",
                "",
                "| quantity | article | outlet | as written | normalised |",
                "|---|---|---|---|---|",
            ]
            for cf in b.conflicts:
                for cl in cf.claims:
                    art = by_label.get(cl.article)
                    out.append(
                        f"| {_md(cf.quantity)} | {_md(cl.article)} | "
                        f"{_md(art.outlet if art else DASH)} | {_md(cl.text)} | {_md(cl.value)} |"
                    )
            out.append("")
        for p in b.pairs:
            out += _md_pair(p, by_label)
    if singles:
        out.append(
            f"Articles alone in their story, naming no source ({len(singles)}): "
            + ", ".join(f"{_md(s.id)} ({_md(s.article_ids[0])})" for s in singles)
            + "."
        )
    while out[-1] == "":
        out.pop()
    return out


def _md_pair(p: _Pair, by_label: dict[str, ScoredArticle]) -> list[str]:
    d, al = p.diff, p.diff.alignment
    out = [
        f"#### Rewrite: {_md_article(p.edge.source, by_label)} → "
        f"{_md_article(p.edge.rewrite, by_label)}",
        "",
        _pair_facts(p),
        "",
        "| # | label | similarity | source sentence(s) | rewrite sentence |",
        "|---:|---|---:|---|---|",
    ]
    for r, srcs in enumerate(al.rewrite_to):
        left = " ".join(f"**S{s + 1}** {_md(_sentence_text(d.source, s))}" for s in srcs)
        sims = " / ".join(_sim(d, r, s) for s in srcs) or DASH
        out.append(
            f"| R{r + 1} | {_md(al.rewrite_label[r])} | {sims} | {left or DASH} | "
            f"{_md(_sentence_text(d.rewrite, r))} |"
        )
    out += ["", f"**Changes** ({len(d.changes)})", ""]
    if not d.changes:
        out.append("None found.")
    for ch in d.changes:
        where = " → ".join(
            x
            for x in (
                f"S{ch.source_sentence + 1}" if ch.source_sentence is not None else "",
                f"R{ch.rewrite_sentence + 1}" if ch.rewrite_sentence is not None else "",
            )
            if x
        )
        out.append(
            f"- **{_md(ch.kind)}/{_md(ch.change)}**"
            + (f" ({where})" if where else "")
            + f": {_md(ch.detail)}"
        )
    dropped = [s for s, lab in enumerate(al.source_label) if lab == "dropped"]
    out += ["", f"**Dropped source sentences** ({len(dropped)})", ""]
    out += [f"- S{s + 1}: {_md(_sentence_text(d.source, s))}" for s in dropped] or ["None."]
    out += ["", "**Frame**", "", "| metric | source | rewrite | delta |", "|---|---:|---:|---:|"]
    for name, row in d.frame.items():
        out.append(
            f"| {_md(name)} | {_num(row['source'], name)} | {_num(row['rewrite'], name)} | "
            f"{_signed(row['delta'], name)} |"
        )
    return [*out, ""]


# -- stories: HTML


def _html_article(
    label: str, by_label: dict[str, ScoredArticle], card: dict[str, int], *, title: bool = False
) -> str:
    art = by_label.get(label)
    if art is None:
        return (
            f'<span class="ext">{_esc(label)}</span> <span class="sub">named as the source; '
            "not in the corpus</span>"
        )
    ref = f'<a href="#article-{card[label]}"><code>{_esc(label)}</code></a>'
    out = f'{ref} <span class="outlet">{_esc(art.outlet)}</span>'
    if title:
        out += (
            f' <span class="title">“{_esc(art.title)}”</span>'
            if art.title
            else ' <span class="sub">(no title)</span>'
        )
    return out


def _change_legend() -> str:
    marks = "".join(
        f'<li><mark class="chg-{_slug(k)}">{_esc(label)}</mark></li>'
        for k, (label, _css) in CHANGE_STYLES.items()
    )
    labels = "".join(
        f'<li><span class="lab lab-{k}">{k}</span> {_esc(why)}</li>'
        for k, why in ALIGNMENT_LABELS.items()
    )
    return (
        '<div class="legend"><h3>Legend</h3><ul class="chips">' + marks + "</ul>"
        '<ul class="chips">' + labels + "</ul>"
        '<p class="note">Each derived pair is shown sentence by sentence: for every rewrite '
        "sentence (R) the source sentence(s) (S) it renders, with the cosine similarity of their "
        "content words. Hover a highlight for what changed; every change is also listed under "
        "the pair.</p></div>"
    )


def _html_conflicts(
    b: _StoryBlock, by_label: dict[str, ScoredArticle], card: dict[str, int]
) -> str:
    rows = []
    for cf in b.conflicts:
        for i, cl in enumerate(cf.claims):
            art = by_label.get(cl.article)
            context = f'<mark class="claim">{_esc(cl.text)}</mark>'
            if art is not None:
                k = next(
                    (k for k, (s, e) in enumerate(art.score.sentences) if s <= cl.start < e), None
                )
                if k is not None:
                    s0, s1 = art.score.sentences[k]
                    a, z = cl.start - s0, min(cl.end, s1) - s0
                    context = _wrap(art.score.text[s0:s1], [(a, z, '<mark class="claim">')])
            head = (
                f'<th scope="rowgroup" rowspan="{len(cf.claims)}">{_esc(cf.quantity)}</th>'
                if i == 0
                else ""
            )
            rows.append(
                f"<tr>{head}<td>{_html_article(cl.article, by_label, card)}</td>"
                f"<td><strong>{_esc(cl.text)}</strong></td><td><code>{_esc(cl.value)}</code></td>"
                f'<td class="ctx">{context}</td></tr>'
            )
    return (
        '<table class="issues conflicts"><thead><tr><th>quantity</th><th>article</th>'
        "<th>as written</th><th>normalised</th><th>in context</th></tr></thead><tbody>"
        + "".join(rows)
        + "</tbody></table>"
    )


def _html_pair(p: _Pair, by_label: dict[str, ScoredArticle], card: dict[str, int]) -> str:
    d, al = p.diff, p.diff.alignment
    src_marks, rw_marks = _change_groups(d.changes, "source"), _change_groups(d.changes, "rewrite")
    skipped = 0
    rows = []
    for r, srcs in enumerate(al.rewrite_to):
        left = []
        for s in srcs:
            body, n = _marked_sentence(d.source.text, d.source.sentences[s], src_marks)
            skipped += n
            left.append(f'<p><span class="sn">S{s + 1}</span> {body}</p>')
        right, n = _marked_sentence(d.rewrite.text, d.rewrite.sentences[r], rw_marks)
        skipped += n
        label = al.rewrite_label[r]
        none = f'<p class="none">{DASH}</p>'
        sims = " / ".join(_sim(d, r, s) for s in srcs) or DASH
        rows.append(
            f'<tr class="row-{_slug(label)}"><th scope="row">R{r + 1}</th>'
            f'<td class="src">{"".join(left) or none}</td>'
            f'<td class="rw">{right}</td>'
            f'<td><span class="lab lab-{_slug(label)}">{_esc(label)}</span>'
            f'<span class="sub">similarity {sims}</span></td></tr>'
        )
    dropped = []
    for s, lab in enumerate(al.source_label):
        if lab == "dropped":
            body, n = _marked_sentence(d.source.text, d.source.sentences[s], src_marks)
            skipped += n
            dropped.append(f'<li><span class="sn">S{s + 1}</span> {body}</li>')
    changes = "".join(
        f'<tr><td><span class="chip chg-{_slug(ch.kind)}">{_esc(ch.kind)}/{_esc(ch.change)}'
        '</span></td><td class="where">'
        + " → ".join(
            x
            for x in (
                f"S{ch.source_sentence + 1}" if ch.source_sentence is not None else "",
                f"R{ch.rewrite_sentence + 1}" if ch.rewrite_sentence is not None else "",
            )
            if x
        )
        + f"</td><td>{_esc(ch.detail)}</td></tr>"
        for ch in d.changes
    )
    chips = "".join(
        f'<li><span class="chip chg-{_slug(key.split(":")[0])}">{_esc(key.replace(":", "/"))}'
        f"</span> {n}</li>"
        for key, n in d.counts().items()
    )
    frame = "".join(
        f'<tr><th scope="row">{_esc(name)}</th><td class="num">{_esc(_num(row["source"], name))}'
        f'</td><td class="num">{_esc(_num(row["rewrite"], name))}</td>'
        f'<td class="num {("zero", "pos", "neg")[_sign(row["delta"], name)]}">'
        f"{_esc(_signed(row['delta'], name))}</td></tr>"
        for name, row in d.frame.items()
    )
    note = f" {skipped} change span(s) crossing another are not highlighted." if skipped else ""
    return (
        f'<div class="pair" id="pair-{p.number}">'
        f"<h4>Rewrite: {_html_article(p.edge.source, by_label, card)} → "
        f"{_html_article(p.edge.rewrite, by_label, card)}</h4>"
        f'<p class="note">{_esc(_pair_facts(p))}{note}</p>'
        f'<ul class="chips">{chips}</ul>'
        '<div class="scroll"><table class="sbs"><colgroup><col class="c-n"><col><col>'
        '<col class="c-lab"></colgroup><thead><tr><th scope="col">#</th>'
        '<th scope="col">source sentence(s)</th><th scope="col">rewrite sentence</th>'
        '<th scope="col">alignment</th></tr></thead><tbody>'
        + "".join(rows)
        + "</tbody></table></div>"
        f"<details open><summary>Dropped source sentences ({len(dropped)})</summary>"
        + (
            f'<ul class="dropped">{"".join(dropped)}</ul>'
            if dropped
            else '<p class="none">None.</p>'
        )
        + f"</details><details open><summary>Changes ({len(d.changes)})</summary>"
        + (
            '<table class="issues changes"><thead><tr><th>change</th><th>where</th>'
            f"<th>detail</th></tr></thead><tbody>{changes}</tbody></table>"
            if changes
            else '<p class="none">None found.</p>'
        )
        + '</details><h5>Frame and sourcing, source vs rewrite</h5><table class="kv frame">'
        '<thead><tr><th scope="col">metric</th><th scope="col">source</th>'
        '<th scope="col">rewrite</th><th scope="col">delta</th></tr></thead>'
        f"<tbody>{frame}</tbody></table></div>"
    )


def _html_stories(c: Comparison, a: StoryAnalysis) -> str:
    by_label = {art.source: art for art in c.articles}
    card = {art.source: i for i, art in enumerate(c.articles, 1)}
    blocks, singles = _story_blocks(a)
    parts = [
        '<section id="stories"><h2>Stories and rewrites</h2><p class="lede">A story is the '
        "articles on one topic; an event, those about one news occasion in it. Within a story "
        "each pair of articles is tested for derivation (shared sentences and wording, declared "
        "sources, bylines, dates); each derived pair is aligned sentence by sentence and what "
        "the rewrite changed is highlighted.</p>",
        _change_legend(),
    ]
    if not blocks:
        parts.append(
            '<p class="none">No two articles share a story, and none names its source.</p>'
        )
    for b in blocks:
        s = b.story
        events = "".join(
            f'<li><span class="eid">{_esc(eid)}</span><ul>'
            + "".join(f"<li>{_html_article(m, by_label, card, title=True)}</li>" for m in members)
            + "</ul></li>"
            for eid, members in zip(s.event_ids, s.events, strict=True)
        )
        edges = "".join(
            f"<tr><td>{_html_article(e.source, by_label, card)}</td>"
            f"<td>{_html_article(e.rewrite, by_label, card)}</td>"
            f'<td><span class="kind kind-{_slug(e.kind)}">{_esc(e.kind)}</span></td>'
            f'<td class="num">{e.confidence:.2f}</td><td><ul class="reasons">'
            + "".join(f"<li>{_esc(why)}</li>" for why in e.reasons)
            + "</ul></td></tr>"
            for e in b.edges
        )
        edge_table = (
            '<table class="issues edges"><thead><tr><th>source</th><th>rewrite</th><th>kind</th>'
            f'<th class="num">confidence</th><th>evidence</th></tr></thead><tbody>{edges}'
            "</tbody></table>"
            if edges
            else ""
        )
        parts += [
            f'<article class="card story" id="{_esc(_slug(s.id))}"><header>'
            f'<p class="kicker">Story</p><h3>{_esc(s.id)} <span class="sub">'
            f"{_count(len(s.article_ids), 'article')} · {_count(len(s.events), 'event')}"
            f"</span></h3></header>",
            f'<h4>Events</h4><ul class="events">{events}</ul>',
            f'<h4>Who rewrote whom</h4><p class="note">{_esc(_edge_counts(b))} (no sign either '
            f"derives from the other).</p>{edge_table}",
            "<h4>Figure conflicts</h4>"
            + (
                _html_conflicts(b, by_label, card)
                if b.conflicts
                else '<p class="none">None: the articles agree on every figure compared.</p>'
            ),
            "".join(_html_pair(p, by_label, card) for p in b.pairs),
            "</article>",
        ]
    if singles:
        parts.append(
            f'<p class="note">Articles alone in their story, naming no source ({len(singles)}): '
            + ", ".join(
                f"{_esc(s.id)} ({_html_article(s.article_ids[0], by_label, card)})" for s in singles
            )
            + ".</p>"
        )
    parts.append("</section>")
    return "".join(parts)


CSS = """
:root{--ink:#1d2228;--muted:#5b6470;--line:#dde1e6;--bg:#fbfbfc;--band:#f3efe3;
--pos:#0b5ea8;--neg:#b34700}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--ink);line-height:1.45;
font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
header.top,main,footer{max-width:1320px;margin:0 auto;padding:0 24px}
header.top{padding-top:24px}
h1{font-size:28px;margin:0 0 4px}h2{font-size:21px;margin:36px 0 10px;
border-bottom:2px solid var(--ink);padding-bottom:4px}
h3{font-size:16px;margin:0 0 4px}h4{font-size:13px;margin:14px 0 6px;text-transform:uppercase;
letter-spacing:.04em;color:var(--muted)}
.lede{color:var(--muted);margin:0 0 14px;max-width:70em}
.summary{display:flex;flex-wrap:wrap;gap:10px;margin:0;padding:0}
.summary div{background:#fff;border:1px solid var(--line);border-radius:8px;padding:8px 14px;
min-width:120px}
.summary dt{font-size:12px;color:var(--muted);text-transform:uppercase;letter-spacing:.04em}
.summary dd{margin:0;font-size:20px;font-weight:600;overflow-wrap:anywhere}
.summary .warn dd{color:var(--neg)}
nav{margin:16px 0 0;font-size:14px}nav a{color:var(--pos);margin-right:16px}
.charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(540px,1fr));gap:16px}
.chart-box{margin:0;background:#fff;border:1px solid var(--line);border-radius:8px;
padding:14px 16px 6px;min-width:0}
.chart-box .note{margin:0 0 6px;color:var(--muted);font-size:13px}
svg.chart{display:block;width:100%;height:auto;font-size:12px}
svg .name{text-anchor:end;font-weight:500;fill:var(--ink)}
svg .ref .name{font-weight:700}
svg .sub{text-anchor:end;font-size:10.5px;fill:var(--muted)}
svg .val{font-size:11.5px;fill:var(--ink);font-variant-numeric:tabular-nums;
paint-order:stroke;stroke:#fff;stroke-width:3px;stroke-linejoin:round}
svg .val.end{text-anchor:end}
svg .tick{text-anchor:middle;font-size:11px;fill:var(--muted)}
svg .unit{text-anchor:middle;font-size:11px;fill:var(--muted)}
svg .end{font-size:11px;fill:var(--muted)}svg .end.right{text-anchor:end}
svg .grid{stroke:#eceef1}svg .zero{stroke:#7d858f}
svg .ci{stroke:#1d2228;stroke-width:1.4;fill:none}
svg .ref-band{fill:var(--band)}
svg .ref-line{stroke:#1d2228;stroke-dasharray:4 3;stroke-width:1.2}
.keys{list-style:none;display:flex;flex-wrap:wrap;gap:4px 16px;margin:0 0 4px;padding:0;
font-size:12.5px;color:var(--muted)}
.keys li{display:flex;align-items:center;gap:6px}
.sw{display:inline-block;width:12px;height:12px;border-radius:2px}
.sw.band{background:var(--band);border:1px solid #d9d1b8}
.whisker{display:inline-block;width:18px;height:9px;border:solid #1d2228;
border-width:0 1.5px;background:linear-gradient(#1d2228,#1d2228) center/100% 1.5px no-repeat}
.dash{display:inline-block;width:0;height:14px;border-left:1.5px dashed #1d2228}
.scroll{overflow-x:auto;background:#fff;border:1px solid var(--line);border-radius:8px}
table{border-collapse:collapse;font-variant-numeric:tabular-nums}
.matrix{width:100%;font-size:13.5px}
.matrix th,.matrix td{padding:6px 10px;border-bottom:1px solid var(--line);text-align:left;
vertical-align:top}
.matrix thead th{background:#f1f3f5;font-size:13px;vertical-align:bottom}
.matrix th[scope=row]{font-weight:500;white-space:nowrap}
.matrix .num{text-align:right}
.matrix .ref{background:#faf7ee}
.matrix .unit{color:var(--muted);font-size:12px}
.matrix tr.fam th{background:#f7f8f9;text-transform:uppercase;font-size:11.5px;
letter-spacing:.05em;color:var(--muted)}
.v{display:block;font-weight:600}.d{display:block;font-size:12px}
.sub{display:block;font-size:11.5px;color:var(--muted);font-weight:400}
h3 .sub{display:inline}
.badge{display:block;font-size:10.5px;text-transform:uppercase;letter-spacing:.05em;
color:#7a5c00}
.pos{color:var(--pos)}.neg{color:var(--neg)}.zero{color:var(--muted)}
details.all{margin-top:12px}details.all>summary{cursor:pointer;font-weight:600;margin:6px 0}
.legend{background:#fff;border:1px solid var(--line);border-radius:8px;padding:12px 16px;
margin-bottom:16px}
.legend .note{font-size:13px;color:var(--muted);margin:6px 0 0}
.chips{list-style:none;display:flex;flex-wrap:wrap;gap:6px 12px;padding:0;margin:8px 0;
font-size:13px}
.chip{padding:1px 5px;border-radius:3px}
.card{background:#fff;border:1px solid var(--line);border-radius:8px;padding:16px 20px;
margin:0 0 18px}
.card .kicker{margin:0;color:var(--muted);font-size:12.5px;text-transform:uppercase;
letter-spacing:.05em}
.card h3{font-size:19px;overflow-wrap:anywhere}.card h3.untitled{font-style:italic}
.card-grid{display:grid;grid-template-columns:minmax(0,1.3fr) minmax(0,1fr);gap:8px 32px}
.meta{display:grid;grid-template-columns:max-content 1fr;gap:2px 14px;margin:10px 0 0;
font-size:13.5px}
.meta dt{color:var(--muted)}.meta dd{margin:0;overflow-wrap:anywhere}
.kv{font-size:13px;width:100%}.kv th{font-weight:400;text-align:left;padding:2px 12px 2px 0;
color:var(--muted)}.kv td{text-align:right;padding:2px 0;border-bottom:1px dotted var(--line)}
.sources{margin:0;padding-left:18px;font-size:13.5px}
.sources .kind{color:var(--muted);font-size:12px;margin-left:4px}
.sources .count{color:var(--muted);font-size:12px;margin-left:6px}
blockquote{margin:0;padding:4px 12px;border-left:3px solid var(--neg);font-size:13.5px;
color:#333}
.card details summary{cursor:pointer;font-size:13px;color:var(--muted);margin:4px 0}
.text{white-space:pre-wrap;overflow-wrap:anywhere;font-size:14.5px;line-height:1.7;
max-width:80em;border-top:1px solid var(--line);padding-top:8px}
mark{background:none;color:inherit;padding:0;border-radius:2px}
.none{color:var(--muted)}
.issues{font-size:14px}.issues td,.issues th{padding:4px 12px 4px 0;text-align:left;
border-bottom:1px solid var(--line);vertical-align:top}.issues code{overflow-wrap:anywhere}
footer{color:var(--muted);font-size:12.5px;padding-top:24px;padding-bottom:32px}
.story h4{margin-top:20px}.story p.note{margin:4px 0 8px;font-size:14px}
.events{margin:0;padding-left:0;list-style:none;font-size:13.5px}
.events>li{margin:0 0 6px}.events ul{margin:2px 0 0;padding-left:20px}
.eid{font-weight:600;font-variant-numeric:tabular-nums}
.outlet{color:var(--muted);margin-left:4px}.title{margin-left:4px}.events .sub{display:inline}
.ext{font-weight:600}
.edges,.conflicts,.changes{width:100%;font-size:13px}
.edges .num{text-align:right;white-space:nowrap}
.edges code,.conflicts code,.changes .where{white-space:nowrap}
.reasons{margin:0;padding-left:16px;color:var(--muted)}
.kind{font-weight:600}.kind-rewritten,.kind-verbatim{color:var(--neg)}
.kind-declared{color:var(--pos)}
.conflicts th[scope=rowgroup]{font-weight:600;vertical-align:top}
.conflicts .ctx{color:#333;font-size:12.5px}
mark.claim{background:#fbe3a6;font-weight:600}
.pair{border-top:1px solid var(--line);margin-top:18px;padding-top:6px}
.pair h4{text-transform:none;letter-spacing:0;font-size:15px;color:var(--ink)}
.pair h5{font-size:13px;margin:14px 0 4px;color:var(--muted)}
.sbs{width:100%;table-layout:fixed;font-size:13.5px;line-height:1.5}
.sbs col.c-n{width:56px}.sbs col.c-lab{width:150px}
.sbs th,.sbs td{padding:6px 10px;border-bottom:1px solid var(--line);text-align:left;
vertical-align:top;overflow-wrap:anywhere}
.sbs thead th{background:#f1f3f5;font-size:12.5px}
.sbs tbody th{white-space:nowrap;font-weight:500;color:var(--muted);
font-variant-numeric:tabular-nums}
.sbs td.src{background:#fafafa}.sbs td.src p{margin:0 0 4px}
.sbs tr.row-added td.rw{background:#fdf3ec}
.sn{display:inline-block;min-width:2.4em;color:var(--muted);font-size:11.5px;
font-variant-numeric:tabular-nums}
.lab{display:inline-block;font-size:12px;padding:0 7px;border-radius:9px;font-weight:600}
.lab-kept{background:#e3f1ea;color:#0a5c44}.lab-paraphrased{background:#e2eef8;color:#0b4f86}
.lab-merged{background:#efe3f3;color:#6a3d9a}.lab-added{background:#fbe4d6;color:#9a3d00}
.dropped{list-style:none;padding:0;margin:4px 0;font-size:13.5px;color:#333}
.dropped li{margin:0 0 4px}
.frame{width:auto;min-width:420px}.frame thead th{font-weight:600;color:var(--ink);
text-align:right}.frame thead th:first-child{text-align:left}
.frame td{padding-left:18px}
@media (max-width:760px){.card-grid{grid-template-columns:1fr}
.charts{grid-template-columns:1fr}}
"""


def _category_css() -> str:
    rules = [f".{_cat_class(cat)}{{{css}}}" for cat, (_label, css) in CATEGORY_STYLES.items()]
    rules += [f".chg-{_slug(kind)}{{{css}}}" for kind, (_label, css) in CHANGE_STYLES.items()]
    return "\n".join(rules)


def render_html(c: Comparison) -> str:
    """``report.html``: one self-contained, offline file (inline CSS and SVG, no scripts).

    Charts compare outlets with the reference marked and bootstrap CIs where an outlet has two
    or more articles; a table gives every metric with its delta; stories and rewrites follow
    when the comparison has them; one card per article shows the cleaned text with its evidence
    highlighted.
    """
    return "".join(iter_html(c))


def iter_html(c: Comparison) -> Iterator[str]:
    """:func:`render_html` in pieces, one article card at a time, for writing a large report
    without holding it in memory."""
    v = _View.of(c)
    facts = _run_facts(c)
    ref = c.reference
    headline = v.headline(c)
    unknown_outlets = c.unknown_outlets
    n_fail, n_unknown = len(c.failures), len(unknown_outlets)
    summary = "".join(
        f"<div{' class=warn' if warn else ''}><dt>{_esc(k)}</dt><dd>{_esc(val)}</dd></div>"
        for k, val, warn in (
            ("Articles", len(c.articles), False),
            ("Outlets", len(v.outlets), False),
            ("Reference outlet", ref if ref is not None else DASH, False),
            ("Failures", n_fail, n_fail > 0),
            ("Without outlet", n_unknown, n_unknown > 0),
            ("Metrics", len(c.metrics), False),
        )
    )
    counted = f"{_count(len(c.articles), 'article')} from {_count(len(v.outlets), 'outlet')}"
    lede = f"How {counted} frame the story" + (
        f", each outlet compared with the reference outlet {_esc(ref)}."
        if ref is not None
        else ". No reference outlet was set, so no deltas are shown."
    )
    nav = "".join(
        f'<a href="#{k}">{label}</a>'
        for k, label in (
            ("charts", "Charts"),
            ("table", "Outlet × metric"),
            *([("stories", "Stories and rewrites")] if c.stories is not None else []),
            ("articles", "Articles"),
            ("failures", "Failures"),
            ("unknown", "Without outlet"),
        )
    )
    charts = "".join(
        _chart_figure(ch, v) for ch in CHARTS if all(s.metric in c.metrics for s in ch.series)
    )
    if not charts:
        charts = f'<p class="none">{DASH} (none of the charted metrics were computed)</p>'
    if c.failures:
        fail = (
            '<table class="issues"><thead><tr><th>source</th><th>reason</th></tr></thead><tbody>'
            + "".join(
                f"<tr><td><code>{_esc(f.source)}</code></td><td>{_esc(f.reason)}</td></tr>"
                for f in c.failures
            )
            + "</tbody></table>"
        )
    else:
        fail = '<p class="none">None: every input was scored.</p>'
    if unknown_outlets:
        unknown = (
            "<p>No manifest, sidecar, folder or metadata named the outlet of these articles; "
            "they are compared as the outlet <code>unknown</code>.</p><ul>"
            + "".join(f"<li><code>{_esc(s)}</code></li>" for s in unknown_outlets)
            + "</ul>"
        )
    else:
        unknown = '<p class="none">None: every article has an outlet.</p>'
    delta_note = (
        "Each cell: the outlet mean, then its difference from the reference outlet's mean "
        "(▲ above, ▼ below; colour shows direction, not better or worse), then the 95 % "
        "bootstrap CI where the outlet has two or more articles."
        if ref is not None
        else "Each cell: the outlet mean."
    )
    head = [
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="color-scheme" content="light"><link rel="icon" href="data:,">',
        f"<title>Framing comparison: {len(c.articles)} articles, {len(v.outlets)} outlets</title>",
        f"<style>{CSS}{_category_css()}</style></head><body>",
        f'<header class="top"><h1>Framing comparison</h1><p class="lede">{lede}</p>',
        f'<dl class="summary">{summary}</dl><nav>{nav}</nav></header><main>',
        f'<section id="charts"><h2>Outlets compared</h2><div class="charts">{charts}</div>'
        "</section>",
        f'<section id="table"><h2>Outlet × metric</h2><p class="lede">{delta_note}</p>',
        _matrix(c, v, headline, grouped=False),
        f'<details class="all"><summary>All {len(c.metrics)} metrics</summary>',
        _matrix(c, v, c.metrics, grouped=True),
        "</details></section>",
        *([_html_stories(c, c.stories)] if c.stories is not None else []),
    ]
    for piece in head:
        yield piece + "\n"
    yield f'<section id="articles"><h2>Articles</h2>{_legend()}'
    cards = 0
    for cards, a in enumerate(c.articles, 1):
        yield _card(cards, a, headline, ref)
    if not cards:
        yield f'<p class="none">{DASH} (no articles were scored)</p>'
    yield "</section>\n"
    tail = [
        f'<section id="failures"><h2>Failures</h2>{fail}</section>',
        f'<section id="unknown"><h2>Articles without an outlet</h2>{unknown}</section>',
        "</main>",
        f"<footer>framing {_esc(facts['tool_version'])} · schema {_esc(facts['schema_version'])}"
        f" · lexicons {_esc(facts['lexicon_hash'])}</footer>",
        "</body></html>",
    ]
    for piece in tail:
        yield piece + "\n"


def write_report(c: Comparison, out_dir: str | Path) -> list[Path]:
    """Write ``report.md`` and ``report.html`` into ``out_dir`` (atomically); return the paths."""
    return [
        atomic_write(safe_path(out_dir, "report.md"), render_markdown(c)),
        atomic_write(safe_path(out_dir, "report.html"), iter_html(c)),
    ]
