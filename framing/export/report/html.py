"""``report.html``: one self-contained page assembled from the other modules: the run summary,
the charts, the outlet × metric tables, stories and rewrites, and one card per article with its
evidence highlighted. The stylesheet is package data (``report.css``), inlined into the page."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from datetime import date
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import Any

from framing.comparison import MIN_ARTICLES_FOR_CI, Comparison
from framing.corpus.articles import ScoredArticle
from framing.export import atomic_write, safe_path
from framing.export.report.charts import chart_figures, difference_figures, time_figures
from framing.export.report.findings import LEAD, Finding, findings, off_story, sentence
from framing.export.report.format import (
    DASH,
    DELTA_CLASS,
    Side,
    as_float,
    count,
    delta,
    esc,
    metric_of,
    missing,
    number,
    slug,
)
from framing.export.report.frames import html_frames
from framing.export.report.highlight import (
    CATEGORY_STYLES,
    cat_class,
    evidence_chips,
    highlight,
    legend,
)
from framing.export.report.markdown import render_markdown
from framing.export.report.stories import CHANGE_STYLES, html_stories
from framing.export.report.view import View, run_facts
from framing.features import families

#: What marks a delta's side in the tables besides its colour, so it reads in greyscale too.
ARROWS = {Side.ABOVE: "▲ ", Side.BELOW: "▼ ", Side.LEVEL: ""}


@cache
def _stylesheet() -> str:
    """The page's CSS: package data (``report.css``, in the wheel), read on first use."""
    return files("framing.export.report").joinpath("report.css").read_text(encoding="utf-8")


def _matrix(v: View, names: Iterable[str], *, grouped: bool) -> str:
    """Outlets as columns, ``names`` as rows: each cell the mean, its delta and CI."""
    ref = v.reference
    head = ['<th scope="col">metric</th><th scope="col">unit</th>']
    for o in v.outlets:
        badge = '<span class="badge">reference</span>' if o == ref else ""
        head.append(
            f'<th scope="col" class="num{" ref" if o == ref else ""}">{esc(o)}{badge}'
            f'<span class="sub">n={v.counts[o]}</span></th>'
        )
    rows = []
    fam_titles = {f.name: f.title for f in families()}
    last_family: str | None = None
    for name in names:
        m = metric_of(name)
        if grouped and m is not None and m.family != last_family:
            last_family = m.family
            rows.append(
                f'<tr class="fam"><th colspan="{len(v.outlets) + 2}" scope="rowgroup">'
                f"{esc(fam_titles.get(m.family, m.family))}</th></tr>"
            )
        cells = [
            f'<th scope="row" title="{esc(m.definition if m else "")}">{esc(name)}</th>'
            f'<td class="unit">{esc(m.unit if m else "")}</td>'
        ]
        for o in v.outlets:
            row = v.row(o, name)
            mean = row.get("mean")
            bits = [f'<span class="v">{esc(number(mean, name))}</span>']
            if o != ref and ref is not None and not missing(mean):
                d = delta(row.get("delta"), name, relative=row.get("delta_relative"))
                tip = "difference from the reference" + (
                    "" if d.relative is None else f" ({d.relative} of the reference mean)"
                )
                bits.append(
                    f'<span class="d {DELTA_CLASS[d.side]}" title="{esc(tip)}">'
                    f"{ARROWS[d.side]}{esc(d.text)}</span>"
                )
            extra = []
            if int(row.get("n") or 0) < MIN_ARTICLES_FOR_CI and not missing(mean):
                extra.append("too few articles")
            elif not missing(row.get("ci_low")) and not missing(row.get("ci_high")):
                extra.append(f"CI {number(row['ci_low'], name)} to {number(row['ci_high'], name)}")
            if row.get("n") is not None and row.get("n") != v.counts[o]:
                extra.append(f"n={row['n']}")
            if extra:
                bits.append(f'<span class="sub">{esc(" · ".join(extra))}</span>')
            cells.append(f'<td class="num{" ref" if o == ref else ""}">{"".join(bits)}</td>')
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return (
        '<div class="scroll"><table class="matrix"><thead><tr>'
        + "".join(head)
        + "</tr></thead><tbody>"
        + "".join(rows)
        + "</tbody></table></div>"
    )


def _dl(pairs: Sequence[tuple[str, Any]]) -> str:
    body = "".join(
        f"<dt>{esc(k)}</dt><dd>{esc(DASH if missing(val) or val == '' else val)}</dd>"
        for k, val in pairs
    )
    return f'<dl class="meta">{body}</dl>'


def _card(
    i: int,
    a: ScoredArticle,
    headline: Sequence[str],
    reference: str | None,
    mark: str | None = None,
) -> str:
    """Article ``i``: its metadata, sources, key metrics and the text with its evidence;
    ``mark`` says why it is off the reference's story (another event, related coverage)."""
    score = a.score
    title = (
        f"<h3>{esc(a.title)}</h3>"
        if a.title
        else f'<h3 class="untitled">{esc(a.source)} <span class="sub">(no title)</span></h3>'
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
        f'<tr><th scope="row">{esc(n)}</th><td class="num">{esc(number(score.metrics.get(n), n))}'
        f"</td></tr>"
        for n in headline
    )
    sources = score.details.get("sources") or []
    if sources:
        items = "".join(
            f'<li>{esc(s.get("source", DASH))} <span class="kind">'
            f"{esc(str(s.get('kind', '')).replace('_', ' '))}</span>"
            f'<span class="count">× {esc(s.get("count", DASH))}</span></li>'
            for s in sources
        )
        src = f'<ul class="sources">{items}</ul>'
    else:
        src = f'<p class="none">{DASH}</p>'
    worst = score.details.get("most_negative_sentence")
    worst_html = ""
    if isinstance(worst, dict) and worst.get("text"):
        compound = as_float(worst.get("compound"))
        shown = DASH if compound is None else f"{compound:+.3f}"
        worst_html = (
            f'<h4>Most negative sentence <span class="sub">compound {esc(shown)}</span></h4>'
            f"<blockquote>{esc(worst['text'])}</blockquote>"
        )
    body, skipped = highlight(score.text, score.evidence)
    chips = evidence_chips(score.evidence)
    note = f" · {skipped} crossing span(s) not highlighted" if skipped else ""
    return (
        f'<article class="card" id="article-{i}">'
        f'<header><p class="kicker">{esc(a.outlet)}'
        f"{' · reference outlet' if a.outlet == reference else ''}"
        f"{f' <span class=off-story>off-story: {esc(mark)}</span>' if mark else ''}</p>"
        f"{title}</header>"
        f'<div class="card-grid"><div>{meta}<h4>Sources</h4>{src}{worst_html}</div>'
        f'<div><h4>Key metrics</h4><table class="kv"><tbody>{kv}</tbody></table></div></div>'
        f'<ul class="chips">{chips}</ul>'
        f"<details open><summary>Cleaned text with evidence ({len(score.text)} characters{note})"
        f'</summary><div class="text">{body}</div></details></article>'
    )


def _answers(c: Comparison, v: View, answers: Sequence[Finding], marks: dict[str, str]) -> str:
    """The findings (one line per outlet, with links to its articles), the charts of
    differences from the reference, and a time chart per outlet when articles have dates."""
    ref = c.reference
    cards: dict[str, list[int]] = {}
    for i, a in enumerate(c.articles, 1):
        cards.setdefault(a.outlet, []).append(i)

    def links(outlet: str) -> str:
        return ", ".join(f'<a href="#article-{i}">#{i}</a>' for i in cards.get(outlet, []))

    items = []
    if ref is not None:
        mean = number(v.row(ref, LEAD).get("mean"), LEAD)
        items.append(
            f'<li id="outlet-{slug(ref)}"><strong>{esc(ref)}</strong> (reference): '
            f"{esc(LEAD)} {esc(mean)}; {count(v.counts[ref], 'article')}. "
            f'<span class="sub">Articles: {links(ref)}</span></li>'
        )
    for f in answers:
        text = esc(sentence(f, ref or "", ("\x00", "\x01")))
        text = text.replace("\x00", "<em>").replace("\x01", "</em>")
        items.append(
            f'<li id="outlet-{slug(f.outlet)}"{" class=few" if f.too_few else ""}>'
            f"<strong>{esc(f.outlet)}</strong>: {text}. "
            f'<span class="sub">Articles and their evidence: {links(f.outlet)}</span></li>'
        )
    out = ""
    if items:
        out += (
            '<div class="findings"><h3>Findings</h3><ul>' + "".join(items) + "</ul>"
            f'<p class="note">Outlets with fewer than {MIN_ARTICLES_FOR_CI} articles are marked '
            "too few articles and get no confidence interval. Off-story: articles the rewrite "
            "analysis puts in another event or story than the reference outlet's, or that the "
            "manifest calls related coverage.</p></div>"
        )
    off = Counter(a.outlet for a in c.articles if a.source in marks)
    diffs = difference_figures(v, c.metrics, dict(off))
    if diffs:
        out += (
            f"<h3>Differences from {esc(ref)}</h3><p class=note>Bar: outlet mean minus the "
            "reference mean; whisker: the outlet's 95 % bootstrap CI shifted onto the "
            "difference (the reference's own uncertainty is not in it). Pale bars: too few "
            f'articles, no CI. Each bar links to the outlet\'s articles.</p><div class="charts">'
            f"{diffs}</div>"
        )
    dated = []
    if LEAD in c.metrics:
        for i, a in enumerate(c.articles, 1):
            day, value = _iso(a.date), as_float(a.score.metrics.get(LEAD))
            if day is not None and value is not None:
                dated.append((a.outlet, day, value, i))
    times = time_figures(v, dated, LEAD)
    if times:
        out += (
            f"<h3>Over time: {esc(LEAD)}</h3><p class=note>One dot per dated article (links "
            f'to it); undated articles are left out.</p><div class="charts">{times}</div>'
        )
    return out


def _iso(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def _category_css() -> str:
    """One rule per evidence category and change kind, from the tables that name them."""
    rules = [f".{cat_class(cat)}{{{css}}}" for cat, (_label, css) in CATEGORY_STYLES.items()]
    rules += [f".chg-{slug(kind)}{{{css}}}" for kind, (_label, css) in CHANGE_STYLES.items()]
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
    v = View.of(c)
    facts = run_facts(c)
    ref = c.reference
    headline = v.headline(c)
    unknown_outlets = c.unknown_outlets
    n_fail, n_unknown = len(c.failures), len(unknown_outlets)
    summary = "".join(
        f"<div{' class=warn' if warn else ''}><dt>{esc(k)}</dt><dd>{esc(val)}</dd></div>"
        for k, val, warn in (
            ("Articles", len(c.articles), False),
            ("Outlets", len(v.outlets), False),
            ("Reference outlet", ref if ref is not None else DASH, False),
            ("Failures", n_fail, n_fail > 0),
            ("Without outlet", n_unknown, n_unknown > 0),
            ("Metrics", len(c.metrics), False),
        )
    )
    counted = f"{count(len(c.articles), 'article')} from {count(len(v.outlets), 'outlet')}"
    lede = f"How {counted} frame the story" + (
        f", each outlet compared with the reference outlet {esc(ref)}."
        if ref is not None
        else ". No reference outlet was set, so no deltas are shown."
    )
    nav = "".join(
        f'<a href="#{k}">{label}</a>'
        for k, label in (
            ("charts", "Charts"),
            ("table", "Outlet × metric"),
            *([("stories", "Stories and rewrites")] if c.stories is not None else []),
            *([("frames", "Frame model")] if c.outlet_frames else []),
            ("articles", "Articles"),
            ("failures", "Failures"),
            ("unknown", "Without outlet"),
        )
    )
    marks = off_story(c)
    answers = findings(c, v)
    charts = _answers(c, v, answers, marks) + (
        f'<details class="levels"{" open" if ref is None else ""}><summary>Levels: each '
        f"outlet's mean</summary>{chart_figures(v, c.metrics)}</details>"
    )
    if c.failures:
        fail = (
            '<table class="issues"><thead><tr><th>source</th><th>reason</th></tr></thead><tbody>'
            + "".join(
                f"<tr><td><code>{esc(f.source)}</code></td><td>{esc(f.reason)}</td></tr>"
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
            + "".join(f"<li><code>{esc(s)}</code></li>" for s in unknown_outlets)
            + "</ul>"
        )
    else:
        unknown = '<p class="none">None: every article has an outlet.</p>'
    delta_note = (
        "Each cell: the outlet mean, then its difference from the reference outlet's mean "
        "(▲ above, ▼ below; colour shows direction, not better or worse), then the 95 % "
        "bootstrap CI where the outlet has three or more articles (fewer: too few articles)."
        if ref is not None
        else "Each cell: the outlet mean."
    )
    head = [
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="color-scheme" content="light"><link rel="icon" href="data:,">',
        f"<title>Framing comparison: {len(c.articles)} articles, {len(v.outlets)} outlets</title>",
        f"<style>\n{_stylesheet()}{_category_css()}</style></head><body>",
        f'<header class="top"><h1>Framing comparison</h1><p class="lede">{lede}</p>',
        f'<dl class="summary">{summary}</dl><nav>{nav}</nav></header><main>',
        f'<section id="charts"><h2>Outlets compared</h2><div class="charts">{charts}</div>'
        "</section>",
        f'<section id="table"><h2>Outlet × metric</h2><p class="lede">{delta_note}</p>',
        _matrix(v, headline, grouped=False),
        f'<details class="all"><summary>All {len(c.metrics)} metrics</summary>',
        _matrix(v, c.metrics, grouped=True),
        "</details></section>",
        *([html_stories(c, c.stories)] if c.stories is not None else []),
        *([html_frames(c)] if c.outlet_frames else []),
    ]
    for piece in head:
        yield piece + "\n"
    yield f'<section id="articles"><h2>Articles</h2>{legend()}'
    cards = 0
    for cards, a in enumerate(c.articles, 1):
        yield _card(cards, a, headline, ref, marks.get(a.source))
    if not cards:
        yield f'<p class="none">{DASH} (no articles were scored)</p>'
    yield "</section>\n"
    tail = [
        f'<section id="failures"><h2>Failures</h2>{fail}</section>',
        f'<section id="unknown"><h2>Articles without an outlet</h2>{unknown}</section>',
        "</main>",
        f"<footer>framing {esc(facts['tool_version'])} · schema {esc(facts['schema_version'])}"
        f" · lexicons {esc(facts['lexicon_hash'])}</footer>",
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
