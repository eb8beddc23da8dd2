"""What both the Markdown and the HTML report need from a Comparison, looked up once."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from framing.comparison import HEADLINE_METRICS, Comparison
from framing.export.report.format import DASH

HEADLINE = HEADLINE_METRICS


@dataclass(frozen=True)
class View:
    """Outlets in report order, each outlet's statistics by metric, and article counts."""

    outlets: list[str]  # reference first, then alphabetical
    stats: dict[tuple[str, str], Mapping[str, Any]]
    counts: Counter[str]
    reference: str | None

    @classmethod
    def of(cls, c: Comparison) -> View:
        """The view of ``c``."""
        names = {str(r["outlet"]) for r in c.outlets} | {e.outlet for e in c.entries}
        ordered = sorted(names - {c.reference or ""})
        if c.reference is not None and c.reference in names:
            ordered.insert(0, c.reference)
        stats: dict[tuple[str, str], Mapping[str, Any]] = {
            (str(r["outlet"]), str(r["metric"])): r for r in c.outlets
        }
        return cls(ordered, stats, Counter(e.outlet for e in c.entries), c.reference)

    def row(self, outlet: str, name: str) -> Mapping[str, Any]:
        """The statistics of ``outlet`` for metric ``name`` (empty when there are none)."""
        return self.stats.get((outlet, name), {})

    def headline(self, c: Comparison) -> list[str]:
        """The headline metrics ``c`` computed."""
        return [n for n in HEADLINE if n in c.metrics]


def run_facts(c: Comparison) -> dict[str, str]:
    """Tool, schema and lexicon versions of the run (an em dash when nothing was scored)."""
    first: Mapping[str, Any] = c.outlets[0] if c.outlets else {}
    return {
        "tool_version": str(first.get("tool_version", DASH)),
        "schema_version": str(first.get("schema_version", DASH)),
        "lexicon_hash": str(first.get("lexicon_hash", DASH)),
    }
