"""Outlets side by side: summary statistics per outlet and metric, deltas against a reference.

:func:`framing.api.compare` scores a corpus and builds a :class:`Comparison`; this module
holds the comparison itself and the statistics, so export code can use it without scoring.

>>> key = "outlet\x1fmetric"
>>> bootstrap_ci([1.0, 2.0, 3.0], key) == bootstrap_ci([3.0, 1.0, 2.0], key)  # order-free
True
"""

from __future__ import annotations

import math
import statistics
import zlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np

from framing.corpus.articles import ScoredArticle
from framing.corpus.inputs import UNKNOWN, Failure
from framing.corpus.spill import Entry, SpilledArticles, entries
from framing.errors import ConfigError
from framing.features import metric, metrics

if TYPE_CHECKING:
    from framing.rewrite.analysis import StoryAnalysis


#: The metrics a reader looks at first, in the order the report shows them.
HEADLINE_METRICS = (
    "humanitarian_strategic_index",
    "humanitarian_per_1000_words",
    "strategic_per_1000_words",
    "attribution_density",
    "named_sources_per_100_words",
    "anonymous_sources_per_100_words",
    "direct_quotes",
    "hedges_per_sentence",
    "distancing_per_sentence",
    "boosters_per_sentence",
    "flesch_reading_ease",
    "tone_mean",
)


#: Bootstrap resamples for the 95 % CI of an outlet's mean; the seed makes it reproducible.
RESAMPLES = 2000


SEED = 20250101


@dataclass
class Comparison:
    """Everything ``framing compare`` reports and writes.

    ``articles`` is a list, or with ``compare(..., spill=True)`` a
    :class:`~framing.corpus.spill.SpilledArticles` read back from disk one article at a time: sinks
    iterate it once per file rather than index it. :meth:`close` (or ``with``) deletes the
    spill file.
    """

    articles: Sequence[ScoredArticle]
    outlets: list[dict[str, Any]]
    metrics: list[str]
    reference: str | None
    failures: list[Failure] = field(default_factory=list)
    stories: StoryAnalysis | None = None

    @property
    def entries(self) -> Sequence[Entry]:
        """Each article's source, outlet, role, hashes and metric values, in input order."""
        return entries(self.articles)

    @property
    def unknown_outlets(self) -> list[str]:
        """Articles no manifest, sidecar, folder or metadata attributes to an outlet."""
        return [e.source for e in self.entries if e.outlet == UNKNOWN]

    @property
    def outlet_names(self) -> list[str]:
        return sorted({e.outlet for e in self.entries})

    def close(self) -> None:
        """Delete the spilled articles' temporary file, if any."""
        if isinstance(self.articles, SpilledArticles):
            self.articles.close()

    def __enter__(self) -> Comparison:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def wide(self, stat: str = "mean") -> dict[str, dict[str, float | None]]:
        """outlet -> metric -> statistic, for the terminal table and the report."""
        out: dict[str, dict[str, float | None]] = {}
        for row in self.outlets:
            out.setdefault(row["outlet"], {})[row["metric"]] = row[stat]
        return out


def _finite(values: list[float | int | None]) -> list[float]:
    return [float(v) for v in values if v is not None and not math.isnan(float(v))]


#: Resampled values drawn at a time by :func:`bootstrap_ci` (8 MB of indices and as many of
#: values): drawing all ``RESAMPLES × n`` at once took 32 kB per article of the largest outlet
#: (640 MB for 20,000), most of what ``framing compare``'s peak memory grew by with the corpus.
BOOTSTRAP_BLOCK = 1 << 20


def bootstrap_ci(values: list[float], key: str, resamples: int = RESAMPLES) -> tuple[float, float]:
    """Percentile-bootstrap 95 % CI of the mean, seeded by ``key`` so it never depends on the
    order of outlets, metrics or articles.

    The resamples are drawn a block of rows at a time: the generator yields the same stream
    however the draws are split, and each row's mean is summed alone, so the interval is the
    same, bit for bit, as drawing every resample at once, in memory that does not grow with n.
    """
    rng = np.random.default_rng([SEED, zlib.crc32(key.encode("utf-8"))])
    arr = np.sort(np.asarray(values, dtype=float))  # the input order must not matter either
    n = len(arr)
    means = np.empty(resamples, dtype=float)
    rows = max(1, BOOTSTRAP_BLOCK // n)
    for start in range(0, resamples, rows):
        stop = min(start + rows, resamples)
        means[start:stop] = arr[rng.integers(0, n, size=(stop - start, n))].mean(axis=1)
    lo, hi = np.percentile(means, [2.5, 97.5])
    return float(lo), float(hi)


def summarize(
    articles: Sequence[ScoredArticle], names: Sequence[str], reference: str | None
) -> list[dict[str, Any]]:
    """The ``outlets`` table: one row per outlet and metric, sorted by outlet then metric order."""
    by_outlet: dict[str, list[Entry]] = {}
    for e in entries(articles):
        by_outlet.setdefault(e.outlet, []).append(e)
    if reference is not None and reference not in by_outlet:
        valid = ", ".join(sorted(by_outlet)) or "none"
        raise ConfigError(f"reference outlet {reference!r} has no articles; outlets: {valid}")
    run = _run_fields(articles[0]) if articles else {}
    stats: dict[tuple[str, str], dict[str, Any]] = {}
    for outlet, arts in sorted(by_outlet.items()):
        for name in names:
            vals = _finite([a.metric(name) for a in arts])
            n = len(vals)
            row: dict[str, Any] = {
                "outlet": outlet,
                "metric": name,
                "n": n,
                "mean": statistics.fmean(vals) if n else None,
                "median": statistics.median(vals) if n else None,
                "sd": statistics.stdev(vals) if n >= 2 else None,
                "ci_low": None,
                "ci_high": None,
            }
            if n >= 2:
                row["ci_low"], row["ci_high"] = bootstrap_ci(vals, f"{outlet}\x1f{name}")
            stats[(outlet, name)] = row
    for name in names:
        ref = stats[(reference, name)]["mean"] if reference is not None else None
        means = [stats[(o, name)]["mean"] for o in by_outlet]
        for outlet in by_outlet:
            row = stats[(outlet, name)]
            mean = row["mean"]
            row["reference"] = reference
            row["delta"] = mean - ref if ref is not None and mean is not None else None
            row["delta_relative"] = (
                row["delta"] / abs(ref) if row["delta"] is not None and ref else None
            )
            # 1 = highest; ties share the better rank
            row["rank"] = (
                None if mean is None else 1 + sum(1 for m in means if m is not None and m > mean)
            )
    out = []
    order = {n: i for i, n in enumerate(names)}
    for _key, row in sorted(stats.items(), key=lambda kv: (kv[0][0], order[kv[0][1]])):
        row.update(run)
        out.append(row)
    return out


def _run_fields(a: ScoredArticle) -> dict[str, Any]:
    row = a.row()
    return {k: row[k] for k in ("lexicon_hash", "pipeline", "tool_version", "schema_version")}


def resolve_metrics(selection: Sequence[str] | None) -> list[str]:
    """Metric names for ``--metrics`` (names or family names); all when empty."""
    if not selection:
        return [m.name for m in metrics()]
    from framing.features import families

    fams = {f.name: [m.name for m in f.metrics] for f in families()}
    out: list[str] = []
    for item in selection:
        for name in (s.strip() for s in item.split(",")):
            if not name:
                continue
            try:
                chosen = fams.get(name) or [metric(name).name]
            except KeyError as exc:
                raise ConfigError(f"{exc.args[0]}; or a family: {', '.join(fams)}") from exc
            out += [n for n in chosen if n not in out]
    return out


def default_reference(articles: Sequence[ScoredArticle]) -> str | None:
    """The outlet of the manifest's ``original`` articles, when there is exactly one."""
    originals = {e.outlet for e in entries(articles) if e.role == "original"}
    return originals.pop() if len(originals) == 1 else None
