"""Outlets compared as inline SVG bar charts: one bar per outlet (a group of bars when a chart
shows several metrics), the reference outlet banded, bootstrap CIs as whiskers. No scripts: the
page's CSS styles the charts, and each carries a title and a description with its values for
screen readers."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from framing.comparison import MIN_ARTICLES_FOR_CI
from framing.export.report.format import (
    BLUE,
    DASH,
    GREEN,
    ORANGE,
    PINK,
    SKY,
    VERMILION,
    as_float,
    delta,
    esc,
    metric_of,
    missing,
    number,
    slug,
)
from framing.export.report.view import View


@dataclass(frozen=True)
class Series:
    """One metric drawn as a bar per outlet."""

    metric: str
    label: str
    colour: str
    negative_colour: str | None = None  # diverging charts colour bars below 0 differently


@dataclass(frozen=True)
class Chart:
    """A chart: its anchor (``chart-KEY``), title, description and the series it draws."""

    key: str
    title: str
    description: str
    series: tuple[Series, ...]
    diverging: bool = False
    ends: tuple[str, str] = ("", "")  # captions under the two ends of the axis


#: The charts of the report, in order; a chart shows when every metric it draws was computed.
CHARTS = (
    Chart(
        "index",
        "Humanitarian vs strategic framing",
        "Humanitarian–strategic index, (H − S) / (H + S) over lexicon matches: "
        "+1 all humanitarian, −1 all strategic.",
        (Series("humanitarian_strategic_index", "index", GREEN, VERMILION),),
        diverging=True,
        ends=("← more strategic", "more humanitarian →"),
    ),
    Chart(
        "tone",
        "Tone",
        "Mean VADER compound score of the article's sentences, from −1 (negative) to +1.",
        (Series("tone_mean", "mean compound", BLUE, ORANGE),),
        diverging=True,
        ends=("← more negative", "more positive →"),
    ),
    Chart(
        "attribution",
        "Attribution density",
        "Share of sentences that attribute a claim to a source.",
        (Series("attribution_density", "attributed sentences", BLUE),),
    ),
    Chart(
        "sources",
        "Named vs anonymous sources",
        "Attributions to named people or organisations and to anonymous sources, per 100 words.",
        (
            Series("named_sources_per_100_words", "named", BLUE),
            Series("anonymous_sources_per_100_words", "anonymous", ORANGE),
        ),
    ),
    Chart(
        "hedging",
        "Hedging",
        "Hedges (may, reportedly), boosters (clearly, certainly) and distancing cues "
        "(so-called, claimed) per sentence.",
        (
            Series("hedges_per_sentence", "hedges", ORANGE),
            Series("boosters_per_sentence", "boosters", PINK),
            Series("distancing_per_sentence", "distancing", SKY),
        ),
    ),
    Chart(
        "readability",
        "Readability",
        "Flesch reading ease: higher is easier to read (60–70 is plain English).",
        (Series("flesch_reading_ease", "Flesch reading ease", GREEN),),
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


def _enough(row: Mapping[str, Any]) -> bool:
    """Enough articles for a CI to mean something."""
    return int(row.get("n") or 0) >= MIN_ARTICLES_FOR_CI


def _chart_svg(chart: Chart, v: View) -> str:
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
            keys = ("mean", "ci_low", "ci_high") if _enough(row) else ("mean",)
            points += [float(row[k]) for k in keys if not missing(row.get(k))]
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
            f"{s.label} {number(v.row(o, s.metric).get('mean'), s.metric)}" for s in chart.series
        )
        summary.append(f"{o}{' (reference)' if o == v.reference else ''}: {vals}")
    parts.append(
        f'<svg class="chart" role="img" aria-labelledby="{title_id} {desc_id}" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}">'
        f'<title id="{title_id}">{esc(chart.title)}</title>'
        f'<desc id="{desc_id}">{esc(chart.description + " " + "; ".join(summary) + ".")}</desc>'
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
    unit = metric_of(chart.series[0].metric)
    parts.append(
        f'<text class="unit" x="{_f((px0 + px1) / 2)}" y="{axis_y + 34}">'
        f"{esc(unit.unit if unit else '')}</text>"
    )
    if chart.ends[0]:
        parts.append(
            f'<text class="end" x="{_f(px0)}" y="{axis_y + 34}">{esc(chart.ends[0])}</text>'
        )
    if chart.ends[1]:
        parts.append(
            f'<text class="end right" x="{_f(px1)}" y="{axis_y + 34}">{esc(chart.ends[1])}</text>'
        )

    for i, o in enumerate(v.outlets):
        gy = top + i * (group_h + group_gap)
        is_ref = o == v.reference
        name_y = gy + group_h / 2 - 2
        sub = ("reference · " if is_ref else "") + f"n={v.counts[o]}"
        parts.append(
            f'<g class="outlet{" ref" if is_ref else ""}"><title>{esc(o)}</title>'
            f'<text class="name" x="{label_w}" y="{_f(name_y)}">{esc(_short(o))}</text>'
            f'<text class="sub" x="{label_w}" y="{_f(name_y + 13)}">{esc(sub)}</text></g>'
        )
        inner = ns * bar_h + (ns - 1) * gap
        for j, s in enumerate(chart.series):
            by = gy + (group_h - inner) / 2 + j * (bar_h + gap)
            cy = by + bar_h / 2
            row = v.row(o, s.metric)
            mean = as_float(row.get("mean"))
            tip = f"{o}: {s.label} {number(mean, s.metric)}, n={row.get('n', 0)}"
            if mean is None:
                parts.append(
                    f'<g><title>{esc(tip)}</title><text class="val" x="{_f(x(0) + 4)}" '
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
            c_lo, c_hi = as_float(row.get("ci_low")), as_float(row.get("ci_high"))
            if c_lo is not None and c_hi is not None and _enough(row):
                xl, xh = x(c_lo), x(c_hi)
                tip += f", 95% CI {number(c_lo, s.metric)} to {number(c_hi, s.metric)}"
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
                f"{esc(number(m, s.metric))}</text>"
            )
            parts.append(f"<g><title>{esc(tip)}</title>{''.join(g)}</g>")
    if ns == 1 and v.reference is not None:
        ref_mean = as_float(v.row(v.reference, chart.series[0].metric).get("mean"))
        if ref_mean is not None:
            xr = _f(x(ref_mean))
            parts.append(
                f'<line class="ref-line" x1="{xr}" y1="{top - 6}" x2="{xr}" y2="{axis_y}"/>'
            )
    parts.append("</svg>")
    return "".join(parts)


def _figure(chart: Chart, v: View) -> str:
    """The chart in a ``<figure>`` with its title, description and a key to its marks."""
    items = []
    if len(chart.series) > 1:
        items += [
            f'<li><span class="sw" style="background:{s.colour}"></span>{esc(s.label)}</li>'
            for s in chart.series
        ]
    elif chart.series[0].negative_colour:
        s = chart.series[0]
        neg, pos = (e.strip("←→ ") for e in chart.ends)
        items += [
            f'<li><span class="sw" style="background:{s.colour}"></span>{esc(pos)}</li>',
            f'<li><span class="sw" style="background:{s.negative_colour}"></span>{esc(neg)}</li>',
        ]
    has_ci = any(
        not missing(v.row(o, s.metric).get("ci_low")) and _enough(v.row(o, s.metric))
        for o in v.outlets
        for s in chart.series
    )
    if has_ci:
        items.append('<li><span class="whisker"></span>95% bootstrap CI of the mean</li>')
    if v.reference is not None:
        items.append('<li><span class="sw band"></span>reference outlet</li>')
        if len(chart.series) == 1:
            items.append('<li><span class="dash"></span>reference mean</li>')
    return (
        f'<figure class="chart-box" id="chart-{chart.key}"><h3>{esc(chart.title)}</h3>'
        f'<p class="note">{esc(chart.description)}</p>'
        f'<ul class="keys">{"".join(items)}</ul>{_chart_svg(chart, v)}</figure>'
    )


def chart_figures(v: View, metrics: Sequence[str]) -> str:
    """Every chart in :data:`CHARTS` whose metrics were all computed, as ``<figure>`` elements;
    a note when there is none."""
    figures = "".join(
        _figure(ch, v) for ch in CHARTS if all(s.metric in metrics for s in ch.series)
    )
    return figures or f'<p class="none">{DASH} (none of the charted metrics were computed)</p>'


# -- differences from the reference, and time -------------------------------------------------

#: The metrics drawn as differences from the reference, in order (those computed).
DIFFERENCE_METRICS = (
    "humanitarian_strategic_index",
    "tone_mean",
    "attribution_density",
    "named_sources_per_100_words",
    "anonymous_sources_per_100_words",
    "hedges_per_sentence",
    "flesch_reading_ease",
)

#: A narrow drawing (360 units wide) that a phone shows at about its own size: labels sit on
#: their own line above each bar, so no text shrinks below the page's.
NARROW = 360


def _outlet_anchor(outlet: str) -> str:
    return f"outlet-{slug(outlet)}"


def difference_svg(name: str, v: View, off_story: dict[str, int]) -> str:
    """Each outlet's difference from the reference on metric ``name``: a bar from 0, the
    outlet's 95 % CI shifted onto the difference as a whisker (only from
    :data:`~framing.comparison.MIN_ARTICLES_FOR_CI` articles up; fewer are drawn pale, marked
    "too few articles", with no CI). Every bar links to its outlet's articles."""
    outlets = [o for o in v.outlets if o != v.reference]
    rows = []
    for o in outlets:
        row = v.row(o, name)
        d, mean = as_float(row.get("delta")), as_float(row.get("mean"))
        n = int(row.get("n") or 0)
        lo = hi = None
        if d is not None and mean is not None and n >= MIN_ARTICLES_FOR_CI:
            c_lo, c_hi = as_float(row.get("ci_low")), as_float(row.get("ci_high"))
            if c_lo is not None and c_hi is not None:
                lo, hi = c_lo - mean + d, c_hi - mean + d
        rows.append((o, d, n, lo, hi))
    points = [0.0] + [p for _, d, _, lo, hi in rows for p in (d, lo, hi) if p is not None]
    edge = max(abs(p) for p in points) or 1.0
    ticks = _ticks(-edge, edge, 4)
    lo_t, hi_t = ticks[0], ticks[-1]
    left, right, top = 10, NARROW - 10, 6
    row_h = 54 if any(n < MIN_ARTICLES_FOR_CI or off_story.get(o) for o, _, n, _, _ in rows) else 40
    axis_y = top + len(rows) * row_h
    height = axis_y + 36

    def x(val: float) -> float:
        return left + (val - lo_t) / (hi_t - lo_t) * (right - left)

    m = metric_of(name)
    title = f"{name}: difference from {v.reference}"
    parts = [
        f'<svg class="chart narrow" role="img" aria-label="{esc(title)}" '
        f'viewBox="0 0 {NARROW} {height}" width="{NARROW}" height="{height}">'
        f"<title>{esc(title)}</title>"
    ]
    for t in ticks:
        cls = "zero" if t == 0 else "grid"
        parts.append(
            f'<line class="{cls}" x1="{_f(x(t))}" y1="{top}" x2="{_f(x(t))}" y2="{axis_y}"/>'
            f'<text class="tick" x="{_f(x(t))}" y="{axis_y + 14}">{_tick_label(t)}</text>'
        )
    parts.append(
        f'<text class="unit" x="{NARROW / 2:g}" y="{axis_y + 30}">'
        f"{esc(m.unit if m else '')} · difference from {esc(_short(v.reference or '', 30))}</text>"
    )
    for i, (o, d, n, lo, hi) in enumerate(rows):
        y = top + i * row_h
        few = n < MIN_ARTICLES_FOR_CI
        shown = delta(d, name).text
        label = f"{_short(o, 30)} · n={n} · {shown}"
        notes = []
        if few:
            notes.append("too few articles")
        if off_story.get(o):
            notes.append(f"{off_story[o]} off-story")
        tip = f"{o}: {shown} vs {v.reference}, n={n}" + (
            f", CI {number(lo, name)} to {number(hi, name)}" if lo is not None else ""
        )
        g = [
            f"<title>{esc(tip + ('; ' + '; '.join(notes) if notes else ''))}</title>",
            f'<text class="label" x="{left}" y="{y + 12}">{esc(label)}</text>',
        ]
        if notes:
            g.append(
                f'<text class="label note" x="{left}" y="{y + 27}">{esc(" · ".join(notes))}</text>'
            )
        bar_y = y + (33 if notes else 18)
        if d is None:
            g.append(f'<text class="val" x="{_f(x(0) + 4)}" y="{bar_y + 12}">{DASH}</text>')
        else:
            side = "pos" if d > 0 else "neg"
            x0, xv = x(0), x(d)
            g.append(
                f'<rect class="bar {side}{" few" if few else ""}" x="{_f(min(x0, xv))}" '
                f'y="{bar_y}" width="{_f(max(abs(xv - x0), 1.0))}" height="14"/>'
            )
            if lo is not None and hi is not None:
                xl, xh, cy = x(lo), x(hi), bar_y + 7
                g.append(
                    f'<path class="ci" d="M{_f(xl)} {cy}H{_f(xh)}M{_f(xl)} {cy - 5}V{cy + 5}'
                    f'M{_f(xh)} {cy - 5}V{cy + 5}"/>'
                )
        parts.append(f'<a href="#{_outlet_anchor(o)}"><g class="row">{"".join(g)}</g></a>')
    parts.append("</svg>")
    return "".join(parts)


def difference_figures(v: View, metrics: Sequence[str], off_story: dict[str, int]) -> str:
    """One figure per metric of :data:`DIFFERENCE_METRICS` computed (none without a
    reference outlet or without another outlet)."""
    if v.reference is None or len(v.outlets) < 2:
        return ""
    figures = []
    for name in (n for n in DIFFERENCE_METRICS if n in metrics):
        m = metric_of(name)
        figures.append(
            f'<figure class="chart-box diff" id="diff-{slug(name)}"><h3>{esc(name)}</h3>'
            f'<p class="note">{esc(m.definition if m else "")}</p>'
            f"{difference_svg(name, v, off_story)}</figure>"
        )
    return "".join(figures)


def time_svg(outlet: str, points: Sequence[tuple[date, float, int]], span: tuple[date, date],
             value_range: tuple[float, float], name: str) -> str:  # fmt: skip
    """One outlet's articles over time: a dot per dated article (linked to its card)."""
    left, right, top, bottom = 40, NARROW - 10, 8, 70
    height = bottom + 22
    (d0, d1), (lo, hi) = span, value_range
    days = max((d1 - d0).days, 1)

    def x(day: date) -> float:
        return left + (day - d0).days / days * (right - left)

    def y(val: float) -> float:
        return bottom - (val - lo) / ((hi - lo) or 1) * (bottom - top)

    title = f"{outlet}: {name} by publication date"
    parts = [
        f'<svg class="chart narrow" role="img" aria-label="{esc(title)}" '
        f'viewBox="0 0 {NARROW} {height}" width="{NARROW}" height="{height}">'
        f"<title>{esc(title)}</title>",
        f'<line class="grid" x1="{left}" y1="{_f(y(lo))}" x2="{right}" y2="{_f(y(lo))}"/>',
        f'<line class="grid" x1="{left}" y1="{_f(y(hi))}" x2="{right}" y2="{_f(y(hi))}"/>',
        f'<text class="tick end" x="{left - 4}" y="{_f(y(hi) + 4)}">{_tick_label(hi)}</text>',
        f'<text class="tick end" x="{left - 4}" y="{_f(y(lo) + 4)}">{_tick_label(lo)}</text>',
        f'<text class="tick" x="{left}" y="{height - 4}">{d0.isoformat()}</text>',
        f'<text class="tick end" x="{right}" y="{height - 4}">{d1.isoformat()}</text>',
    ]
    if lo < 0 < hi:
        parts.append(
            f'<line class="zero" x1="{left}" y1="{_f(y(0))}" x2="{right}" y2="{_f(y(0))}"/>'
        )
    ordered = sorted(points)
    if len(ordered) > 1:
        path = "".join(
            f"{'M' if k == 0 else 'L'}{_f(x(d))} {_f(y(val))}"
            for k, (d, val, _) in enumerate(ordered)
        )
        parts.append(f'<path class="trend" d="{path}"/>')
    for d, val, card in ordered:
        parts.append(
            f'<a href="#article-{card}"><circle class="dot" cx="{_f(x(d))}" cy="{_f(y(val))}" '
            f'r="5"><title>{esc(f"{d.isoformat()}: {number(val, name)}")}</title></circle></a>'
        )
    parts.append("</svg>")
    return "".join(parts)


def time_figures(v: View, dated: Sequence[tuple[str, date, float, int]], name: str) -> str:
    """A time chart per outlet with dated articles (``(outlet, date, value, card)``), on one
    date span and value range so the outlets compare; empty when no article has a date."""
    if not dated:
        return ""
    days = [d for _, d, _, _ in dated]
    values = [val for _, _, val, _ in dated]
    m = metric_of(name)
    lo = min([*values, *([m.minimum] if m is not None and m.minimum is not None else [])])
    hi = max([*values, *([m.maximum] if m is not None and m.maximum is not None else [])])
    span = (min(days), max(days))
    figures = []
    for outlet in v.outlets:
        points = [(d, val, card) for o, d, val, card in dated if o == outlet]
        if points:
            figures.append(
                f'<figure class="chart-box time"><h3>{esc(outlet)}</h3>'
                f'<p class="note">{len(points)} dated article(s) of {v.counts[outlet]}</p>'
                f"{time_svg(outlet, points, span, (lo, hi), name)}</figure>"
            )
    return "".join(figures)
