"""Rewrite analysis over a scored corpus: stories, derivation graph, changes, figure conflicts.

Figure conflicts: across the articles of one story, quantities that describe the same thing
(:func:`framing.rewrite.numbers.same_referent`) but disagree (:func:`compare_quantities` says
``changed``) are listed with which article says what. Counts below 10 and vague amounts are
left out, and two counts whose values differ by more than half are taken to describe different
quantities (2 captured soldiers and 11,000 deployed soldiers share a noun, not a referent);
dates are grouped by the event they date (capture, deployment).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from framing.corpus.articles import ScoredArticle
from framing.lexicon.matcher import CompiledLexicon
from framing.rewrite.changes import RewriteDiff, diff_scores, sentence_texts
from framing.rewrite.derive import Edge, Node, derivation_graph
from framing.rewrite.numbers import Quantity, compare_quantities, describe, extract_quantities
from framing.rewrite.numbers import same_referent as _same_referent
from framing.rewrite.stories import Stories, StoryArticle, cluster_stories
from framing.text.calendar import iso_day

CONFLICT_KINDS = ("count", "percent", "money", "date", "fraction")
MIN_COUNT = 10
MAX_RATIO = 1.5
DERIVED = ("verbatim", "rewritten")


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
        iso_day(a.date),  # "yesterday" would sort before every ISO date as text
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
    for item in items:
        for g in groups:
            if all(_same(item[1], other) for _, other in g):
                g.append(item)
                break
        else:
            groups.append([item])
    out = []
    for g in groups:
        if len({aid for aid, _ in g}) < 2:
            continue
        if not any(compare_quantities(x, y) == "changed" for _, x in g for _, y in g):
            continue
        claims = [Claim(aid, q.text, q.start, q.end, _value(q)) for aid, q in g]
        out.append(Conflict(story, describe(g[0][1]), claims))
    return out


def analyse(
    articles: Sequence[ScoredArticle],
    evaluation: CompiledLexicon | None = None,
    *,
    threshold: float | None = None,
) -> StoryAnalysis:
    """Cluster, derive, diff every derived pair, and list figure conflicts per story."""
    by_key = {article_key(a): a for a in articles}
    stories = cluster_stories(
        [
            StoryArticle(article_key(a), a.score.text, a.title, iso_day(a.date), a.outlet)
            for a in articles
        ],
        threshold=threshold,
    )
    groups = [s.article_ids for s in stories.stories if len(s.article_ids) > 1]
    edges = derivation_graph([_node(a) for a in articles], groups)
    result = StoryAnalysis(stories, edges)
    for e in edges:
        if e.kind in DERIVED:
            src, rw = by_key[e.source], by_key[e.rewrite]
            result.diffs[(e.source, e.rewrite)] = diff_scores(src.score, rw.score, evaluation)
    for s in stories.stories:
        if len(s.article_ids) > 1:
            result.conflicts += figure_conflicts(s.id, [by_key[i] for i in s.article_ids])
    return result
