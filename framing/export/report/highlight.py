"""Evidence in the article text: the cleaned text escaped, each evidence span in a
``<mark class="cat-CATEGORY fam-FAMILY">`` titled with what it matched. Spans nest (outermost
first); one that crosses the end of another is left out and counted. The nesting and wrapping
helpers also mark what a rewrite changed (:mod:`framing.export.report.stories`)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Protocol, TypeVar

from framing.evidence import Evidence
from framing.export.report.format import BLUE, esc, slug

#: Families whose evidence spans whole sentences: highlighting them would colour all the text.
SENTENCE_LEVEL = frozenset({"tone"})

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


def cat_class(category: str) -> str:
    """The CSS class of an evidence category (``source:named_person`` ->
    ``cat-source-named_person``)."""
    return "cat-" + slug(category)


class _Ranged(Protocol):
    """Anything with a character span."""

    @property
    def start(self) -> int: ...

    @property
    def end(self) -> int: ...


_R = TypeVar("_R", bound=_Ranged)


def nest(ranked: Iterable[_R]) -> tuple[list[_R], int]:
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


def wrap(text: str, spans: Iterable[tuple[int, int, str]]) -> str:
    """``text`` escaped, each ``(start, end, opening <mark> tag)`` span wrapped in its mark.

    The spans must nest and come outermost first (what :func:`nest` keeps).
    """
    out: list[str] = []
    pos = 0
    ends: list[int] = []

    def close_to(limit: int) -> None:
        nonlocal pos
        while ends and ends[-1] <= limit:
            end = ends.pop()
            out.append(esc(text[pos:end]) + "</mark>")
            pos = end

    for start, end, tag in spans:
        close_to(start)
        out.append(esc(text[pos:start]))
        pos = start
        out.append(tag)
        ends.append(end)
    close_to(len(text))
    out.append(esc(text[pos:]))
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
    return nest(ranked)


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
                f'<mark class="{cat_class(e.category)} fam-{slug(e.family)}" title="{esc(label)}">',
            )
        )
    return wrap(text, tags), skipped


def _category_label(category: str) -> str:
    known = CATEGORY_STYLES.get(slug(category))
    return known[0] if known else category


def _category_rank(category: str) -> int:
    keys = list(CATEGORY_STYLES)
    key = slug(category)
    return keys.index(key) if key in keys else len(keys)


def evidence_chips(evidence: Iterable[Evidence]) -> str:
    """One chip per highlighted category with how many spans it has, in legend order."""
    counts = Counter(
        e.category
        for e in {
            (e.start, e.end, e.family, e.category): e
            for e in evidence
            if e.family not in SENTENCE_LEVEL
        }.values()
    )
    return "".join(
        f'<li><span class="chip {cat_class(cat)}">{esc(_category_label(cat))}</span> {n}</li>'
        for cat, n in sorted(counts.items(), key=lambda kv: (_category_rank(kv[0]), kv[0]))
    )


def legend() -> str:
    """The key to the highlights (and to the delta arrows of the tables)."""
    items = "".join(
        f'<li><span class="chip {cat_class(cat)}">{esc(label)}</span></li>'
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
