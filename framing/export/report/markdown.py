"""``report.md``: run summary, headline table with deltas, every metric, stories and rewrites
(when analysed), the articles, failures and articles without an outlet."""

from __future__ import annotations

from collections.abc import Sequence

from framing.comparison import MIN_ARTICLES_FOR_CI, Comparison
from framing.export.report.findings import findings, sentence
from framing.export.report.format import DASH, delta, md, metric_of, missing, number
from framing.export.report.frames import md_frames
from framing.export.report.stories import md_stories
from framing.export.report.view import View, run_facts

#: Per-article columns of the Markdown article list (the HTML cards show every headline metric).
ARTICLE_KEYS = (
    "words",
    "humanitarian_strategic_index",
    "attribution_density",
    "hedges_per_sentence",
    "flesch_reading_ease",
    "tone_mean",
)


def render_markdown(c: Comparison) -> str:
    """``report.md``: run summary, headline table with deltas, every metric, stories and
    rewrites (when analysed), the articles.

    Cells show the outlet mean; in brackets the difference from the reference outlet's mean.
    """
    v = View.of(c)
    facts = run_facts(c)
    ref = c.reference
    out = ["# Framing comparison", ""]
    out += [
        f"- **Articles scored:** {len(c.articles)}",
        f"- **Outlets:** {len(v.outlets)}"
        + (" — " + ", ".join(md(o) for o in v.outlets) if v.outlets else ""),
        f"- **Reference outlet:** {md(ref) if ref is not None else 'none (no deltas)'}",
        f"- **Failures:** {len(c.failures)}",
        f"- **Articles without an outlet:** {len(c.unknown_outlets)}",
        f"- **Tool:** framing {md(facts['tool_version'])}, schema {md(facts['schema_version'])}"
        f", lexicons {md(facts['lexicon_hash'])}",
        "",
    ]

    def head(label_cols: Sequence[str]) -> list[str]:
        cols = []
        for o in v.outlets:
            tag = "reference, " if o == ref else ""
            cols.append(f"{md(o)} ({tag}n={v.counts[o]})")
        return [
            "| " + " | ".join([*label_cols, *cols]) + " |",
            "|" + "---|" * len(label_cols) + "---:|" * len(cols),
        ]

    answers = findings(c, v)
    if answers:
        out += ["## Findings", ""]
        out += [f"- **{md(f.outlet)}**: {md(sentence(f, ref or ''))}." for f in answers]
        out += [
            "",
            f"Fewer than {MIN_ARTICLES_FOR_CI} articles: too few to generalise (no confidence "
            "interval). Off-story: in another event or story than the reference outlet's "
            "articles, or related coverage in the manifest.",
            "",
        ]
    out += ["## Headline metrics", ""]
    out += [
        "Mean per outlet; in brackets the difference from the reference outlet's mean; "
        "`[n=…]` where fewer of the outlet's articles had a value.",
        "",
    ]
    out += head(["metric", "unit"])
    for name in v.headline(c):
        m = metric_of(name)
        cells = []
        for o in v.outlets:
            row = v.row(o, name)
            cell = number(row.get("mean"), name)
            if o != ref and ref is not None and not missing(row.get("mean")):
                cell += f" ({delta(row.get('delta'), name).text})"
            n = row.get("n")
            if n is not None and n != v.counts[o]:
                cell += f" [n={n}]"
            cells.append(cell)
        out.append(f"| {md(name)} | {md(m.unit if m else '')} | " + " | ".join(cells) + " |")
    out += ["", "## All metrics", "", "Outlet means."]
    out += ["", *head(["family", "metric", "unit"])]
    for name in c.metrics:
        m = metric_of(name)
        cells = [number(v.row(o, name).get("mean"), name) for o in v.outlets]
        fam, unit = (m.family, m.unit) if m else ("", "")
        out.append(f"| {md(fam)} | {md(name)} | {md(unit)} | " + " | ".join(cells) + " |")

    if c.stories is not None:
        out += ["", *md_stories(c, c.stories)]
    if c.outlet_frames:
        out += ["", *md_frames(c)]
    out += ["", "## Articles", ""]
    if c.articles:
        out.append(
            "| # | outlet | title | source | role | date | " + " | ".join(ARTICLE_KEYS) + " |"
        )
        out.append("|---:|---|---|---|---|---|" + "---:|" * len(ARTICLE_KEYS))
        for i, a in enumerate(c.articles, 1):
            vals = " | ".join(number(a.score.metrics.get(k), k) for k in ARTICLE_KEYS)
            meta = [a.outlet, a.title or DASH, a.source, a.role or DASH, a.date or DASH]
            out.append(f"| {i} | " + " | ".join(md(x) for x in meta) + f" | {vals} |")
    else:
        out.append("No articles were scored.")

    out += ["", "## Failures", ""]
    if c.failures:
        out += ["| source | reason |", "|---|---|"]
        out += [f"| {md(f.source)} | {md(f.reason)} |" for f in c.failures]
    else:
        out.append("None: every input was scored.")
    out += ["", "## Articles without an outlet", ""]
    if c.unknown_outlets:
        out.append(
            "No manifest, sidecar, folder or metadata named their outlet; they are compared "
            "as the outlet `unknown`."
        )
        out += [""] + [f"- {md(s)}" for s in c.unknown_outlets]
    else:
        out.append("None: every article has an outlet.")
    return "\n".join(out) + "\n"
