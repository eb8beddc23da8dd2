"""The "Stories and rewrites" section, in Markdown and in HTML: each story's events, who rewrote
whom with the evidence, the figures its articles disagree on, and the derived pairs side by
side, sentence by sentence, with what the rewrite changed marked (``<mark class="chg-KIND">``).

At scale the section summarises: per story at most ``MAX_EDGES`` derivation edges (most
confident first), ``MAX_PAIRS`` pairs side by side (most changes first), ``MAX_MEMBERS``
articles per event and ``MAX_CLAIMS`` conflicting claims; a note says how many more there are
and that every edge, change and claim is in ``pairs.csv``, ``changes.csv`` and
``conflicts.csv`` beside the report.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from framing.comparison import Comparison
from framing.corpus.articles import ScoredArticle
from framing.export.report.format import (
    BLUE,
    DASH,
    DELTA_CLASS,
    count,
    delta,
    esc,
    md,
    number,
    slug,
)
from framing.export.report.highlight import nest, wrap

if TYPE_CHECKING:
    from framing.rewrite.analysis import Claim, Conflict, StoryAnalysis
    from framing.rewrite.changes import Change, RewriteDiff
    from framing.rewrite.derive import Edge
    from framing.rewrite.stories import Story
    from framing.score import ArticleScore

MAX_EDGES = 30
MAX_PAIRS = 8
MAX_MEMBERS = 12
MAX_CLAIMS = 40
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
    "loose": "shares words with a source sentence but is no confident rendering: no change "
    "is claimed on it",
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
    edges: list[Edge]  # the edges shown (not independent; most confident first)
    independent: int
    conflicts: list[Conflict]
    pairs: list[_Pair]  # the pairs shown side by side (most changes first)
    more_edges: int = 0
    more_pairs: int = 0
    kinds: tuple[tuple[str, int], ...] = ()  # derived edges per kind, all of them

    def more(self) -> str:
        """The note on what the section leaves out of this story, or ''."""
        parts = []
        if self.more_edges:
            parts.append(count(self.more_edges, "more derivation edge"))
        if self.more_pairs:
            parts.append(count(self.more_pairs, "more diffed pair"))
        if not parts:
            return ""
        return (
            " and ".join(parts)
            + " not shown here: every edge is in pairs.csv and every change in changes.csv "
            "(the same rows are in the database)."
        )


def _story_blocks(a: StoryAnalysis) -> tuple[list[_StoryBlock], list[Story]]:
    """Blocks for the stories with two or more articles or a declared source, and the rest
    (an article on its own that names no source)."""
    story_of = a.stories.story_of
    blocks: list[_StoryBlock] = []
    alone: list[Story] = []
    pair_no = 0
    for s in a.stories.stories:
        mine = [e for e in a.edges if story_of.get(e.rewrite) == s.id]
        if len(s.article_ids) < 2 and all(e.kind == "independent" for e in mine):
            alone.append(s)
            continue
        derived = [e for e in mine if e.kind != "independent"]
        top = sorted(derived, key=lambda e: (-round(e.confidence, 3), e.source, e.rewrite))
        shown = sorted(
            top[:MAX_EDGES],
            key=lambda e: (
                EDGE_ORDER.index(e.kind) if e.kind in EDGE_ORDER else 9,
                e.source,
                e.rewrite,
            ),
        )
        diffed = [
            (e, a.diffs[(e.source, e.rewrite)]) for e in derived if (e.source, e.rewrite) in a.diffs
        ]
        diffed.sort(
            key=lambda x: (
                -len(x[1].changes),
                -round(x[0].confidence, 3),
                x[0].source,
                x[0].rewrite,
            )
        )
        pairs = []
        for e, d in sorted(diffed[:MAX_PAIRS], key=lambda x: (x[0].source, x[0].rewrite)):
            pair_no += 1
            pairs.append(_Pair(e, d, pair_no))
        blocks.append(
            _StoryBlock(
                s,
                shown,
                sum(1 for e in mine if e.kind == "independent"),
                [cf for cf in a.conflicts if cf.story == s.id],
                pairs,
                len(derived) - len(shown),
                len(diffed) - len(pairs),
                tuple(sorted(Counter(e.kind for e in derived).items())),
            )
        )
    return blocks, alone


def _members(members: list[str]) -> tuple[list[str], int]:
    """The first ``MAX_MEMBERS`` article labels of an event, and how many are left out."""
    return members[:MAX_MEMBERS], max(0, len(members) - MAX_MEMBERS)


def _claims(conflicts: list[Conflict]) -> tuple[list[tuple[Conflict, list[Claim]]], int]:
    """The conflicts with at most ``MAX_CLAIMS`` claims in all, and how many are left out."""
    out, budget, left = [], MAX_CLAIMS, 0
    for cf in conflicts:
        take = cf.claims[: max(0, budget)]
        budget -= len(take)
        left += len(cf.claims) - len(take)
        if take:
            out.append((cf, take))
    return out, left


def _edge_counts(b: _StoryBlock) -> str:
    kinds = Counter(dict(b.kinds))
    parts = [f"{kinds[k]} {k}" for k in EDGE_ORDER if kinds[k]]
    parts += [f"{n} {k}" for k, n in sorted(kinds.items()) if k not in EDGE_ORDER]
    pairs = count(b.independent, "pair")
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
        _Span(a, b, f'<mark class="chg-{slug(kind)}" title="{esc(label)}">')
        for a, b, _r, kind, label in sorted(local, key=lambda m: (m[0], -m[1], m[2], m[3]))
    ]
    kept, skipped = nest(spans)
    return wrap(text[s0:s1], [(m.start, m.end, m.tag) for m in kept]), skipped


def _sentence_text(score: ArticleScore, k: int) -> str:
    return score.text[slice(*score.sentences[k])]


def _sim(d: RewriteDiff, r: int, s: int) -> str:
    """Similarity, and the match class with its confidence ("0.44 loose 0.30")."""
    al = d.alignment
    cls = al.match_class(r, s)
    conf = f" {al.confidence[(r, s)]:.2f}" if (r, s) in al.confidence else ""
    return f"{float(al.similarity[r, s]):.2f} {cls}{conf}"


def _pair_facts(p: _Pair) -> str:
    al = p.diff.alignment
    aligned = sum(1 for x in al.rewrite_to if x)
    kept = sum(1 for lab in al.source_label if lab != "dropped")
    return (
        f"{p.edge.kind}, confidence {p.edge.confidence:.2f}. "
        f"{aligned} of the rewrite's {len(al.rewrite)} sentences render a source sentence; "
        f"{kept} of the source's {len(al.source)} sentences survive; "
        f"{count(len(p.diff.changes), 'change')}."
    )


# -- stories: Markdown


def _md_article(label: str, by_label: dict[str, ScoredArticle], *, title: bool = False) -> str:
    art = by_label.get(label)
    if art is None:
        return f"{md(label)} (named as the source; not in the corpus)"
    text = f"{md(label)} ({md(art.outlet)})"
    if title:
        text += f": “{md(art.title)}”" if art.title else " (no title)"
    return text


def md_stories(c: Comparison, a: StoryAnalysis) -> list[str]:
    """The section's Markdown lines, from the ``## Stories and rewrites`` heading on."""
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
            f"### {md(s.id)}: {count(len(s.article_ids), 'article')} in "
            f"{count(len(s.events), 'event')}",
            "",
            "**Events**",
            "",
        ]
        for eid, members in zip(s.event_ids, s.events, strict=True):
            out.append(f"- {md(eid)}")
            listed, left = _members(members)
            out += [f"  - {_md_article(m, by_label, title=True)}" for m in listed]
            if left:
                out.append(f"  - … and {count(left, 'more article')} (articles.csv)")
        out += ["", f"**Who rewrote whom**: {_edge_counts(b)}.", ""]
        if b.more():
            out += [md(b.more()), ""]
        if b.edges:
            out += [
                "| source | rewrite | kind | confidence | evidence |",
                "|---|---|---|---:|---|",
            ]
            out += [
                f"| {_md_article(e.source, by_label)} | {_md_article(e.rewrite, by_label)} | "
                f"{md(e.kind)} | {e.confidence:.2f} | {md('; '.join(e.reasons))} |"
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
            shown, left = _claims(b.conflicts)
            for cf, claims in shown:
                for cl in claims:
                    art = by_label.get(cl.article)
                    out.append(
                        f"| {md(cf.quantity)} | {md(cl.article)} | "
                        f"{md(art.outlet if art else DASH)} | {md(cl.text)} | {md(cl.value)} |"
                    )
            if left:
                out += ["", f"{count(left, 'more claim')} in conflicts.csv."]
            out.append("")
        for p in b.pairs:
            out += _md_pair(p, by_label)
    if singles:
        out.append(
            f"Articles alone in their story, naming no source ({len(singles)}): "
            + ", ".join(f"{md(s.id)} ({md(s.article_ids[0])})" for s in singles)
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
        left = " ".join(f"**S{s + 1}** {md(_sentence_text(d.source, s))}" for s in srcs)
        sims = " / ".join(_sim(d, r, s) for s in srcs) or DASH
        out.append(
            f"| R{r + 1} | {md(al.rewrite_label[r])} | {sims} | {left or DASH} | "
            f"{md(_sentence_text(d.rewrite, r))} |"
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
            f"- **{md(ch.kind)}/{md(ch.change)}**"
            + (f" ({where})" if where else "")
            + f": {md(ch.detail)}"
        )
    dropped = [s for s, lab in enumerate(al.source_label) if lab == "dropped"]
    out += ["", f"**Dropped source sentences** ({len(dropped)})", ""]
    out += [f"- S{s + 1}: {md(_sentence_text(d.source, s))}" for s in dropped] or ["None."]
    out += ["", "**Frame**", "", "| metric | source | rewrite | delta |", "|---|---:|---:|---:|"]
    for name, row in d.frame.items():
        out.append(
            f"| {md(name)} | {number(row['source'], name)} | {number(row['rewrite'], name)} | "
            f"{delta(row['delta'], name).text} |"
        )
    return [*out, ""]


# -- stories: HTML


def _html_article(
    label: str, by_label: dict[str, ScoredArticle], card: dict[str, int], *, title: bool = False
) -> str:
    art = by_label.get(label)
    if art is None:
        return (
            f'<span class="ext">{esc(label)}</span> <span class="sub">named as the source; '
            "not in the corpus</span>"
        )
    ref = f'<a href="#article-{card[label]}"><code>{esc(label)}</code></a>'
    out = f'{ref} <span class="outlet">{esc(art.outlet)}</span>'
    if title:
        out += (
            f' <span class="title">“{esc(art.title)}”</span>'
            if art.title
            else ' <span class="sub">(no title)</span>'
        )
    return out


def _change_legend() -> str:
    marks = "".join(
        f'<li><mark class="chg-{slug(k)}">{esc(label)}</mark></li>'
        for k, (label, _css) in CHANGE_STYLES.items()
    )
    labels = "".join(
        f'<li><span class="lab lab-{k}">{k}</span> {esc(why)}</li>'
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
    shown, left = _claims(b.conflicts)
    for cf, claims in shown:
        for i, cl in enumerate(claims):
            art = by_label.get(cl.article)
            context = f'<mark class="claim">{esc(cl.text)}</mark>'
            if art is not None:
                k = next(
                    (k for k, (s, e) in enumerate(art.score.sentences) if s <= cl.start < e), None
                )
                if k is not None:
                    s0, s1 = art.score.sentences[k]
                    a, z = cl.start - s0, min(cl.end, s1) - s0
                    context = wrap(art.score.text[s0:s1], [(a, z, '<mark class="claim">')])
            head = (
                f'<th scope="rowgroup" rowspan="{len(claims)}">{esc(cf.quantity)}</th>'
                if i == 0
                else ""
            )
            rows.append(
                f"<tr>{head}<td>{_html_article(cl.article, by_label, card)}</td>"
                f"<td><strong>{esc(cl.text)}</strong></td><td><code>{esc(cl.value)}</code></td>"
                f'<td class="ctx">{context}</td></tr>'
            )
    return (
        '<table class="issues conflicts"><thead><tr><th>quantity</th><th>article</th>'
        "<th>as written</th><th>normalised</th><th>in context</th></tr></thead><tbody>"
        + "".join(rows)
        + "</tbody></table>"
        + (f'<p class="note">{count(left, "more claim")} in conflicts.csv.</p>' if left else "")
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
            f'<tr class="row-{slug(label)}"><th scope="row">R{r + 1}</th>'
            f'<td class="src">{"".join(left) or none}</td>'
            f'<td class="rw">{right}</td>'
            f'<td><span class="lab lab-{slug(label)}">{esc(label)}</span>'
            f'<span class="sub">similarity {sims}</span></td></tr>'
        )
    dropped = []
    for s, lab in enumerate(al.source_label):
        if lab == "dropped":
            body, n = _marked_sentence(d.source.text, d.source.sentences[s], src_marks)
            skipped += n
            dropped.append(f'<li><span class="sn">S{s + 1}</span> {body}</li>')
    changes = "".join(
        f'<tr><td><span class="chip chg-{slug(ch.kind)}">{esc(ch.kind)}/{esc(ch.change)}'
        '</span></td><td class="where">'
        + " → ".join(
            x
            for x in (
                f"S{ch.source_sentence + 1}" if ch.source_sentence is not None else "",
                f"R{ch.rewrite_sentence + 1}" if ch.rewrite_sentence is not None else "",
            )
            if x
        )
        + f"</td><td>{esc(ch.detail)}</td></tr>"
        for ch in d.changes
    )
    chips = "".join(
        f'<li><span class="chip chg-{slug(key.split(":")[0])}">{esc(key.replace(":", "/"))}'
        f"</span> {n}</li>"
        for key, n in d.counts().items()
    )
    frame = ""
    for name, row in d.frame.items():
        change = delta(row["delta"], name)
        frame += (
            f'<tr><th scope="row">{esc(name)}</th>'
            f'<td class="num">{esc(number(row["source"], name))}</td>'
            f'<td class="num">{esc(number(row["rewrite"], name))}</td>'
            f'<td class="num {DELTA_CLASS[change.side]}">{esc(change.text)}</td></tr>'
        )
    note = f" {skipped} change span(s) crossing another are not highlighted." if skipped else ""
    return (
        f'<div class="pair" id="pair-{p.number}">'
        f"<h4>Rewrite: {_html_article(p.edge.source, by_label, card)} → "
        f"{_html_article(p.edge.rewrite, by_label, card)}</h4>"
        f'<p class="note">{esc(_pair_facts(p))}{note}</p>'
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


def html_stories(c: Comparison, a: StoryAnalysis) -> str:
    """The section as one ``<section id="stories">``; article labels link to their cards."""
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
            f'<li><span class="eid">{esc(eid)}</span><ul>'
            + "".join(
                f"<li>{_html_article(m, by_label, card, title=True)}</li>"
                for m in _members(members)[0]
            )
            + (
                f'<li class="sub">… and {count(_members(members)[1], "more article")}'
                " (articles.csv)</li>"
                if _members(members)[1]
                else ""
            )
            + "</ul></li>"
            for eid, members in zip(s.event_ids, s.events, strict=True)
        )
        edges = "".join(
            f"<tr><td>{_html_article(e.source, by_label, card)}</td>"
            f"<td>{_html_article(e.rewrite, by_label, card)}</td>"
            f'<td><span class="kind kind-{slug(e.kind)}">{esc(e.kind)}</span></td>'
            f'<td class="num">{e.confidence:.2f}</td><td><ul class="reasons">'
            + "".join(f"<li>{esc(why)}</li>" for why in e.reasons)
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
            f'<article class="card story" id="{esc(slug(s.id))}"><header>'
            f'<p class="kicker">Story</p><h3>{esc(s.id)} <span class="sub">'
            f"{count(len(s.article_ids), 'article')} · {count(len(s.events), 'event')}"
            f"</span></h3></header>",
            f'<h4>Events</h4><ul class="events">{events}</ul>',
            f'<h4>Who rewrote whom</h4><p class="note">{esc(_edge_counts(b))} (no sign either '
            f"derives from the other).</p>"
            + (f'<p class="note">{esc(b.more())}</p>' if b.more() else "")
            + edge_table,
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
                f"{esc(s.id)} ({_html_article(s.article_ids[0], by_label, card)})" for s in singles
            )
            + ".</p>"
        )
    parts.append("</section>")
    return "".join(parts)
