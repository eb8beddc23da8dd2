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
from typing import TYPE_CHECKING, Any, Literal, NamedTuple

import numpy as np

from framing.corpus.articles import RunColumns, ScoredArticle
from framing.corpus.inputs import UNKNOWN, Failure
from framing.corpus.spill import Entry, SpilledArticles, entries
from framing.errors import ConfigError, UnknownMetricError
from framing.features import metric, metrics
from framing.preflight import did_you_mean

if TYPE_CHECKING:
    from framing.rewrite.analysis import StoryAnalysis


#: The metrics a reader looks at first, in the order the report shows them.
HEADLINE_METRICS = (
    "humanitarian_strategic_index",
    "frame_salience",
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

#: Fewer articles than this and an outlet's mean is shown without a confidence interval and
#: marked "too few articles": a bootstrap over one or two values ("CI 0 to 0") is no finding.
MIN_ARTICLES_FOR_CI = 3


class OutletRow(RunColumns):
    """One row of the ``outlets`` table: one outlet's summary of one metric, as
    :func:`summarize` builds it. The keys are the table's declared columns
    (:data:`framing.export.tables.OUTLETS`; a test keeps them equal); no data is None.
    """

    outlet: str
    metric: str
    n: int
    mean: float | None
    median: float | None
    sd: float | None
    ci_low: float | None
    ci_high: float | None
    reference: str | None
    delta: float | None
    delta_relative: float | None
    rank: int | None


@dataclass
class Comparison:
    """Everything ``framing compare`` reports and writes.

    ``articles`` is a list, or with ``compare(..., spill=True)`` a
    :class:`~framing.corpus.spill.SpilledArticles` read back from disk one article at a time: sinks
    iterate it once per file rather than index it. :meth:`close` (or ``with``) deletes the
    spill file.
    """

    articles: Sequence[ScoredArticle]
    outlets: list[OutletRow]
    metrics: list[str]
    reference: str | None
    failures: list[Failure] = field(default_factory=list)
    stories: StoryAnalysis | None = None
    #: Kept but reported: an article whose date is not a calendar date, an analysis that
    #: could not run. Nothing here was lost, so it does not count as a failure.
    notes: list[Failure] = field(default_factory=list)
    #: With a frame model: per outlet and frame, mean probability and share over threshold
    #: (:func:`framing.learn.apply.outlet_frames`); the ``outlet_frames`` table.
    outlet_frames: list[dict[str, Any]] = field(default_factory=list)

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

    def wide(
        self,
        stat: Literal[
            "n", "mean", "median", "sd", "ci_low", "ci_high", "delta", "delta_relative", "rank"
        ] = "mean",
    ) -> dict[str, dict[str, float | None]]:
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


class _Summary(NamedTuple):
    """One outlet's statistics of one metric, before deltas against the reference."""

    n: int
    mean: float | None
    median: float | None
    sd: float | None
    ci_low: float | None
    ci_high: float | None


def _summary(vals: list[float], key: str) -> _Summary:
    n = len(vals)
    ci_low, ci_high = bootstrap_ci(vals, key) if n >= 2 else (None, None)
    return _Summary(
        n,
        statistics.fmean(vals) if n else None,
        statistics.median(vals) if n else None,
        statistics.stdev(vals) if n >= 2 else None,
        ci_low,
        ci_high,
    )


def summarize(
    articles: Sequence[ScoredArticle], names: Sequence[str], reference: str | None
) -> list[OutletRow]:
    """The ``outlets`` table: one row per outlet and metric, sorted by outlet then metric order.

    An article whose text (id) an outlet has already is counted once.
    """
    by_outlet: dict[str, list[Entry]] = {}
    seen: set[tuple[str, str]] = set()
    for e in entries(articles):
        # identical texts of one outlet are one article, as in the tables (one row per id)
        if (e.article_id, e.outlet) not in seen:
            seen.add((e.article_id, e.outlet))
            by_outlet.setdefault(e.outlet, []).append(e)
    if reference is not None and reference not in by_outlet:
        valid = ", ".join(sorted(by_outlet)) or "none"
        hint = did_you_mean(reference, list(by_outlet))
        raise ConfigError(
            f"reference outlet {reference!r} has no articles{hint} (outlets: {valid})"
        )
    if not articles:
        return []
    run = articles[0].run_columns()
    stats: dict[tuple[str, str], _Summary] = {}
    for outlet, arts in sorted(by_outlet.items()):
        for name in names:
            vals = _finite([a.metric(name) for a in arts])
            stats[(outlet, name)] = _summary(vals, f"{outlet}\x1f{name}")
    out: list[OutletRow] = []
    order = {n: i for i, n in enumerate(names)}
    for (outlet, name), s in sorted(stats.items(), key=lambda kv: (kv[0][0], order[kv[0][1]])):
        ref = stats[(reference, name)].mean if reference is not None else None
        means = [stats[(o, name)].mean for o in by_outlet]
        mean = s.mean
        delta = mean - ref if ref is not None and mean is not None else None
        out.append(
            {
                "outlet": outlet,
                "metric": name,
                "n": s.n,
                "mean": mean,
                "median": s.median,
                "sd": s.sd,
                "ci_low": s.ci_low,
                "ci_high": s.ci_high,
                "reference": reference,
                "delta": delta,
                "delta_relative": delta / abs(ref) if delta is not None and ref else None,
                # 1 = highest; ties share the better rank
                "rank": (
                    None
                    if mean is None
                    else 1 + sum(1 for m in means if m is not None and m > mean)
                ),
                **run,
            }
        )
    return out


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
            except UnknownMetricError as exc:
                family_hint = did_you_mean(name, list(fams))
                if exc.close:
                    raise ConfigError(f"{exc} (`framing metrics` lists them all)") from exc
                if family_hint:
                    raise ConfigError(f"unknown metric or family {name!r}{family_hint}") from exc
                raise ConfigError(f"{exc}; or a family: {', '.join(fams)}") from exc
            out += [n for n in chosen if n not in out]
    return out


def default_reference(articles: Sequence[ScoredArticle]) -> str | None:
    """The outlet of the manifest's ``original`` articles, when there is exactly one."""
    originals = {e.outlet for e in entries(articles) if e.role == "original"}
    return originals.pop() if len(originals) == 1 else None
