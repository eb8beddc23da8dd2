"""Rewrite analysis over a scored corpus: stories, derivation graph, changes, figure conflicts.

Figure conflicts: across the articles of one story, quantities that describe the same thing
(:func:`framing.rewrite.numbers.same_referent`) but disagree (:func:`compare_quantities` says
``changed``) are listed with which article says what. Counts below 10 and vague amounts are
left out, and two counts whose values differ by more than half are taken to describe different
quantities (2 captured soldiers and 11,000 deployed soldiers share a noun, not a referent);
dates are grouped by the event they date (capture, deployment).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from framing.corpus.articles import PhaseProgress, ScoredArticle
from framing.lexicon.matcher import CompiledLexicon
from framing.rewrite.changes import RewriteDiff, diff_scores, sentence_texts
from framing.rewrite.derive import Edge, Node, derivation_graph
from framing.rewrite.numbers import Quantity, compare_quantities, describe, extract_quantities
from framing.rewrite.numbers import same_referent as _same_referent
from framing.rewrite.stories import Stories, StoryArticle, cluster_stories

CONFLICT_KINDS = ("count", "percent", "money", "date", "fraction")
MIN_COUNT = 10
MAX_RATIO = 1.5
DERIVED = ("verbatim", "rewritten")
LOG_EVERY = 10.0
log = logging.getLogger("framing.rewrite")


@dataclass(frozen=True)
class Claim:
    article: str
    text: str
    start: int
    end: int
    value: str


@dataclass
class Conflict:
    """Articles of one story that give different figures for the same quantity."""

    story: str
    quantity: str
    claims: list[Claim]

    def to_dict(self) -> dict[str, Any]:
        return {
            "story": self.story,
            "quantity": self.quantity,
            "claims": [c.__dict__ for c in self.claims],
        }


@dataclass
class StoryAnalysis:
    stories: Stories
    edges: list[Edge]
    diffs: dict[tuple[str, str], RewriteDiff] = field(default_factory=dict)
    conflicts: list[Conflict] = field(default_factory=list)


def article_key(a: ScoredArticle) -> str:
    """The id an article has in stories and pairs: its source label (unique in a run)."""
    return a.source


def _node(a: ScoredArticle) -> Node:
    s = a.score
    return Node(
        article_key(a),
        a.outlet,
        s.text,
        sentence_texts(s),
        a.title,
        a.date,
        s.article.get("byline"),
        s.article.get("email_domain"),
        a.url,
        a.declared_source,
    )


def _same(a: Quantity, b: Quantity) -> bool:
    if not _same_referent(a, b):
        return False
    if a.kind == "count" and a.value and b.value:
        return max(a.value, b.value) / min(a.value, b.value) <= MAX_RATIO
    return True


def _value(q: Quantity) -> str:
    if q.kind == "date":
        return "-".join("??" if p is None else f"{p:02d}" for p in q.date) if q.date else q.text
    return f"{q.qualifier} {q.value:g}" if q.value is not None else q.text


def figure_conflicts(story: str, articles: Sequence[ScoredArticle]) -> list[Conflict]:
    """Conflicting figures across the articles of one story (see the module docstring)."""
    items: list[tuple[str, Quantity]] = []
    for a in sorted(articles, key=article_key):
        for q in extract_quantities(a.score.text):
            if q.kind not in CONFLICT_KINDS or q.vague:
                continue
            if q.kind == "count" and (q.value is None or q.value < MIN_COUNT):
                continue
            items.append((article_key(a), q))
    groups: list[list[tuple[str, Quantity]]] = []
    buckets: dict[tuple[Any, ...], list[list[tuple[str, Quantity]]]] = {}
    for item in items:
        candidates = buckets.setdefault(_bucket(item[1]), [])
        for g in candidates:
            if all(_same(item[1], other) for _, other in g):
                g.append(item)
                break
        else:
            candidates.append([item])
            groups.append(candidates[-1])
    out = []
    for g in groups:
        if len({aid for aid, _ in g}) < 2:
            continue
        if not any(compare_quantities(x, y) == "changed" for _, x in g for _, y in g):
            continue
        claims = [Claim(aid, q.text, q.start, q.end, _value(q)) for aid, q in g]
        out.append(Conflict(story, describe(g[0][1]), claims))
    return out


def _bucket(q: Quantity) -> tuple[Any, ...]:
    """A key two quantities must share to describe the same thing (a coarse
    :func:`same_referent`), so conflicts are looked for within buckets, not across all pairs."""
    family = "percent" if q.kind in ("percent", "fraction") else q.kind
    if q.kind in ("date", "year"):
        if q.event is not None:
            return (family, "event", q.event)
        return (family, q.date[1] if q.kind == "date" and q.date else None, q.kind == "year")
    if q.kind in ("duration",) or (q.kind == "money" and q.described is None):
        return (family, "event", q.event)
    return (family, q.described)


class _Reporter:
    """Progress of the rewrite phase: ``progress(phase, done, total)`` on every step, and a
    log line (logger ``framing.rewrite``) at most every ``LOG_EVERY`` seconds and at the end of
    each phase, so a run without a terminal still shows it is moving."""

    def __init__(self, progress: PhaseProgress | None) -> None:
        self.progress = progress
        self.start = self.last = time.monotonic()

    def __call__(self, phase: str, done: int, total: int) -> None:
        if self.progress is not None:
            self.progress(phase, done, total)
        now = time.monotonic()
        if done >= total or now - self.last >= LOG_EVERY:
            self.last = now
            log.info("rewrites: %s %d/%d (%.0f s)", phase, done, total, now - self.start)


def analyse(
    articles: Sequence[ScoredArticle],
    evaluation: CompiledLexicon | None = None,
    *,
    threshold: float | None = None,
    progress: PhaseProgress | None = None,
) -> StoryAnalysis:
    """Cluster, derive, diff each rewrite against its likeliest source, and list figure
    conflicts per story.

    Each article that derives from another is diffed once, against the source of its most
    confident ``verbatim`` or ``rewritten`` edge (ties: the smaller source id); an exact copy
    (same words) is not diffed, having nothing to show. ``progress`` gets ``(phase, done,
    total)`` for the phases ``stories``, ``pairs``, ``diffs`` and ``figures``."""
    report = _Reporter(progress)
    by_key = {article_key(a): a for a in articles}
    report("stories", 0, 1)
    stories = cluster_stories(
        [StoryArticle(article_key(a), a.score.text, a.title, a.date, a.outlet) for a in articles],
        threshold=threshold,
    )
    report("stories", 1, 1)
    groups = [s.article_ids for s in stories.stories if len(s.article_ids) > 1]
    edges = derivation_graph(
        [_node(a) for a in articles], groups, lambda d, t: report("pairs", d, t)
    )
    result = StoryAnalysis(stories, edges)
    best: dict[str, Edge] = {}
    for e in edges:
        if e.kind not in DERIVED or e.copy:
            continue
        held = best.get(e.rewrite)
        if held is None or (e.confidence, held.source) > (held.confidence, e.source):
            best[e.rewrite] = e
    chosen = sorted(best.values(), key=lambda e: (e.source, e.rewrite))
    for k, e in enumerate(chosen, start=1):
        src, rw = by_key[e.source], by_key[e.rewrite]
        result.diffs[(e.source, e.rewrite)] = diff_scores(src.score, rw.score, evaluation)
        report("diffs", k, len(chosen))
    multi = [s for s in stories.stories if len(s.article_ids) > 1]
    for k, s in enumerate(multi, start=1):
        result.conflicts += figure_conflicts(s.id, [by_key[i] for i in s.article_ids])
        report("figures", k, len(multi))
    return result
