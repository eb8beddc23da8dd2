"""The answer of the report: one finding per outlet against the reference outlet.

A finding says how far the outlet's mean of the leading metric (the humanitarian–strategic
index) lies from the reference's, which lexicon terms drive the difference, how many articles
it rests on (fewer than :data:`~framing.comparison.MIN_ARTICLES_FOR_CI` are "too few articles"),
and how many of them report another event or story than the reference's articles (from the
rewrite analysis' clustering) or are marked ``related`` in the manifest.

**Driving terms.** For the index, each matched term (its text, lower-cased) is counted per
1,000 words in the outlet's articles and in the reference's; a humanitarian term used more, or a
strategic term used less, pushes the index up, and the opposite pushes it down. The terms that
push most in the direction of the difference are named, "more" for those the outlet uses more
and "fewer" for those it uses less.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from framing.comparison import HEADLINE_METRICS, MIN_ARTICLES_FOR_CI, Comparison
from framing.corpus.articles import ScoredArticle
from framing.export.report.format import delta, metric_of, number
from framing.export.report.view import View

#: The metric a finding is about.
LEAD = HEADLINE_METRICS[0]
#: Lexicon categories whose terms move the lead metric up (+1) or down (-1).
PUSH = {"humanitarian": 1, "strategic": -1}
#: Terms named per finding.
TERMS = 3


@dataclass(frozen=True)
class Term:
    """A lexicon term and how much more (+) or less (−) the outlet uses it, per 1,000 words."""

    text: str
    category: str
    difference: float


@dataclass(frozen=True)
class Finding:
    """One outlet against the reference, on :data:`LEAD`."""

    outlet: str
    n: int
    mean: float | None
    delta: float | None
    terms: tuple[Term, ...]
    off_story: int  # articles of another event or story than the reference's, or "related"
    articles: tuple[int, ...]  # 1-based positions of the outlet's articles (report card ids)

    @property
    def too_few(self) -> bool:
        return self.n < MIN_ARTICLES_FOR_CI


def _rates(articles: Iterable[ScoredArticle]) -> dict[tuple[str, str], float]:
    """(term, category) → matches per 1,000 words over the articles together."""
    counts: Counter[tuple[str, str]] = Counter()
    words = 0
    for a in articles:
        words += int(a.score.metrics.get("words") or 0)
        for e in a.score.evidence:
            if e.family == "frames" and e.category in PUSH:
                counts[(e.text.lower(), e.category)] += 1
    return {k: 1000 * n / words for k, n in counts.items()} if words else {}


def driving_terms(
    outlet: Sequence[ScoredArticle], reference: Sequence[ScoredArticle], direction: float
) -> tuple[Term, ...]:
    """The terms that move the index most in ``direction`` (its sign) from the reference's
    articles to the outlet's."""
    mine, theirs = _rates(outlet), _rates(reference)
    terms = [
        Term(text, cat, mine.get((text, cat), 0.0) - theirs.get((text, cat), 0.0))
        for text, cat in sorted(set(mine) | set(theirs))
    ]
    sign = 1 if direction > 0 else -1
    pushing = [t for t in terms if sign * PUSH[t.category] * t.difference > 0]
    pushing.sort(key=lambda t: (-abs(t.difference), t.text))
    return tuple(pushing[:TERMS])


def off_story(c: Comparison) -> dict[str, str]:
    """Article source → why it is marked: another event or story than the reference outlet's
    articles (the clustering of the rewrite analysis), or ``related`` in the manifest."""
    marks: dict[str, str] = {}
    stories = c.stories.stories if c.stories is not None else None
    ref_events: set[str] = set()
    ref_stories: set[str] = set()
    if stories is not None and c.reference is not None:
        for a in c.articles:
            if a.outlet == c.reference:
                ref_events.add(stories.event_of.get(a.source, ""))
                ref_stories.add(stories.story_of.get(a.source, ""))
    for a in c.articles:
        if a.outlet == c.reference:
            continue
        if stories is not None and ref_stories:
            if stories.story_of.get(a.source) not in ref_stories:
                marks[a.source] = "another story"
                continue
            if stories.event_of.get(a.source) not in ref_events:
                marks[a.source] = "another event"
                continue
        if a.role == "related":
            marks[a.source] = "related coverage (manifest)"
    return marks


def findings(c: Comparison, v: View) -> list[Finding]:
    """One finding per outlet other than the reference, in report order (none without a
    reference or without the lead metric)."""
    if c.reference is None or LEAD not in c.metrics:
        return []
    by_outlet: dict[str, list[tuple[int, ScoredArticle]]] = {}
    for i, a in enumerate(c.articles, 1):
        by_outlet.setdefault(a.outlet, []).append((i, a))
    reference = [a for _, a in by_outlet.get(c.reference, [])]
    marks = off_story(c)
    out = []
    for outlet in v.outlets:
        if outlet == c.reference:
            continue
        row = v.row(outlet, LEAD)
        d = row.get("delta")
        mine = by_outlet.get(outlet, [])
        terms = driving_terms([a for _, a in mine], reference, d) if d else ()
        out.append(
            Finding(
                outlet,
                v.counts[outlet],
                row.get("mean"),
                d,
                terms,
                sum(1 for _, a in mine if a.source in marks),
                tuple(i for i, _ in mine),
            )
        )
    return out


def sentence(f: Finding, reference: str, emphasis: tuple[str, str] = ("*", "*")) -> str:
    """The finding in words, e.g. "humanitarian–strategic index +0.768 above The Korea Times;
    driven by more *asylum*, *protection*; 1 article (too few articles)". ``emphasis`` wraps
    each term (Markdown asterisks, or HTML tags already escaped by the caller)."""
    label = metric_of(LEAD)
    name = "humanitarian–strategic index" if label is not None else LEAD
    d = delta(f.delta, LEAD)
    if f.delta is None:
        where = f"no {name} to compare with {reference}"
    elif d.text.lstrip("+-−") == number(0.0, LEAD):
        where = f"{name} level with {reference}"
    else:
        where = f"{name} {d.text} {'above' if f.delta > 0 else 'below'} {reference}"
    parts = [where]
    if f.terms:
        lo, hi = emphasis
        more = [f"{lo}{t.text}{hi}" for t in f.terms if t.difference > 0]
        fewer = [f"{lo}{t.text}{hi}" for t in f.terms if t.difference < 0]
        said = []
        if more:
            said.append("more " + ", ".join(more))
        if fewer:
            said.append("fewer " + ", ".join(fewer))
        parts.append("driven by " + " and ".join(said))
    n = f"{f.n} article{'' if f.n == 1 else 's'}"
    if f.too_few:
        n += " (too few articles to generalise)"
    parts.append(n)
    if f.off_story:
        parts.append(f"{f.off_story} of {f.n} about another event or story")
    return "; ".join(parts)
