"""Outlet comparison: summary statistics, bootstrap CIs, deltas, ranks, reference and metrics."""

from __future__ import annotations

import itertools
import math
import statistics
from dataclasses import replace
from pathlib import Path

import pytest

from framing.api import compare
from framing.comparison import (
    Comparison,
    OutletRow,
    bootstrap_ci,
    default_reference,
    resolve_metrics,
    summarize,
)
from framing.corpus.articles import ScoredArticle
from framing.errors import ConfigError
from framing.features import families, metrics
from tests.conftest import SEEDS

NAN = float("nan")
SEED_OUTLETS = ["Aggregator A", "Aggregator B", "Aggregator C", "The Korea Times"]


@pytest.fixture(scope="module")
def seeds() -> Comparison:
    return compare([str(SEEDS)], spacy_model="blank")


@pytest.fixture(scope="module")
def base(seeds: Comparison) -> ScoredArticle:
    return seeds.articles[0]


_IDS = itertools.count()


def fake(
    base: ScoredArticle, outlet: str, role: str | None = None, **values: float
) -> ScoredArticle:
    """A real scored article moved to ``outlet`` with some metrics set by hand, under an id of
    its own (an outlet's identical texts count once)."""
    article = {**base.score.article, "id": f"fake{next(_IDS):012d}"}
    score = replace(base.score, article=article, metrics={**base.score.metrics, **values})
    return replace(base, score=score, outlet=outlet, role=role)


def rows_by(rows: list[OutletRow], metric: str = "tone_mean") -> dict[str, OutletRow]:
    return {r["outlet"]: r for r in rows if r["metric"] == metric}


# --- summary statistics -------------------------------------------------------------------


def test_mean_median_and_sd_of_a_hand_built_set(base: ScoredArticle) -> None:
    values = [0.1, 0.3, 0.5, 0.9]
    arts = [fake(base, "Alpha", tone_mean=v) for v in values]
    (row,) = summarize(arts, ["tone_mean"], None)
    assert row["outlet"] == "Alpha" and row["metric"] == "tone_mean"
    assert row["n"] == 4
    assert row["mean"] == pytest.approx(0.45)
    assert row["median"] == pytest.approx(0.4)
    assert row["sd"] == pytest.approx(statistics.stdev(values))
    assert row["sd"] == pytest.approx(math.sqrt(sum((v - 0.45) ** 2 for v in values) / 3))


def test_sd_and_ci_are_empty_below_two_articles(base: ScoredArticle) -> None:
    rows = summarize([fake(base, "Solo", tone_mean=0.2)], ["tone_mean"], None)
    (row,) = rows
    assert (row["n"], row["mean"], row["median"]) == (1, 0.2, 0.2)
    assert row["sd"] is None and row["ci_low"] is None and row["ci_high"] is None


def test_nan_is_no_data_not_zero(base: ScoredArticle) -> None:
    arts = [
        fake(base, "Gappy", tone_mean=NAN),
        fake(base, "Gappy", tone_mean=0.6),
        fake(base, "Gappy", tone_mean=0.2),
        fake(base, "Empty", tone_mean=NAN),
    ]
    rows = rows_by(summarize(arts, ["tone_mean"], "Gappy"))
    assert rows["Gappy"]["n"] == 2
    assert rows["Gappy"]["mean"] == pytest.approx(0.4)
    empty = rows["Empty"]
    assert empty["n"] == 0
    assert all(empty[k] is None for k in ("mean", "median", "sd", "ci_low", "ci_high"))
    assert empty["delta"] is None and empty["delta_relative"] is None and empty["rank"] is None


def test_rows_are_sorted_by_outlet_then_metric_order(base: ScoredArticle) -> None:
    arts = [fake(base, o) for o in ("Zeta", "Alpha", "Mu")]
    names = ["words", "tone_mean", "hedges"]
    rows = summarize(arts, names, None)
    assert [(r["outlet"], r["metric"]) for r in rows] == [
        (o, m) for o in ("Alpha", "Mu", "Zeta") for m in names
    ]
    assert {r["tool_version"] for r in rows} == {base.score.tool_version}
    assert {r["lexicon_hash"] for r in rows} == {base.score.lexicon_hash}


# --- bootstrap confidence interval --------------------------------------------------------


@pytest.fixture(scope="module")
def spread(base: ScoredArticle) -> list[ScoredArticle]:
    values = {"Alpha": [0.1, 0.3, 0.5, 0.9, -0.2], "Beta": [-0.4, -0.1, 0.0], "Gamma": [2.0, 2.5]}
    return [
        fake(base, o, tone_mean=v, words=n)
        for o, vs in values.items()
        for n, v in enumerate(vs, start=100)
    ]


def test_bootstrap_ci_contains_the_mean(spread: list[ScoredArticle]) -> None:
    rows = summarize(spread, ["tone_mean", "words"], None)
    for row in rows:
        assert row["ci_low"] <= row["mean"] <= row["ci_high"], row
        assert row["ci_low"] < row["ci_high"]


def test_bootstrap_ci_is_identical_across_calls(spread: list[ScoredArticle]) -> None:
    assert summarize(spread, ["tone_mean"], None) == summarize(spread, ["tone_mean"], None)
    values = [0.1, 0.4, 0.35, 0.8]
    assert bootstrap_ci(values, "Alpha\x1ftone_mean") == bootstrap_ci(values, "Alpha\x1ftone_mean")


def _bootstrap_all_at_once(values: list[float], key: str) -> tuple[float, float]:
    """The interval as drawn before issue #6: every resample in one array."""
    import zlib

    import numpy as np

    from framing.comparison import RESAMPLES, SEED

    rng = np.random.default_rng([SEED, zlib.crc32(key.encode("utf-8"))])
    arr = np.sort(np.asarray(values, dtype=float))
    means = arr[rng.integers(0, len(arr), size=(RESAMPLES, len(arr)))].mean(axis=1)
    lo, hi = np.percentile(means, [2.5, 97.5])
    return float(lo), float(hi)


@pytest.mark.parametrize("n", [2, 3, 17, 1000, 1001, 5000])
@pytest.mark.parametrize("block", [1, 7, 4096, 1 << 20])
def test_bootstrap_ci_in_blocks_is_bit_identical_to_one_draw(
    n: int, block: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    # outputs (CSV, Parquet, SQLite, report) must not change by a bit when the draw is split
    import random

    import framing.comparison

    rnd = random.Random(n)
    values = [rnd.gauss(0, 1) * 10 ** rnd.randint(-3, 3) for _ in range(n)]
    monkeypatch.setattr(framing.comparison, "BOOTSTRAP_BLOCK", block)
    assert bootstrap_ci(values, f"Outlet\x1f{n}") == _bootstrap_all_at_once(
        values, f"Outlet\x1f{n}"
    )


def test_bootstrap_ci_memory_does_not_grow_with_the_outlet() -> None:
    # issue #6: all 2,000 resamples at once took 32 kB per article (640 MB for 20,000)
    import tracemalloc

    values = [float(i % 97) for i in range(20_000)]
    tracemalloc.start()
    try:
        bootstrap_ci(values, "Big\x1fwords")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 40 * 2**20, f"{peak / 2**20:.0f} MB"


def test_bootstrap_ci_does_not_depend_on_outlet_or_metric_order(
    spread: list[ScoredArticle],
) -> None:
    forward = summarize(spread, ["tone_mean", "words"], "Alpha")
    outlets_reversed = sorted(spread, key=lambda a: a.outlet, reverse=True)  # stable sort
    assert summarize(outlets_reversed, ["tone_mean", "words"], "Alpha") == forward
    # asking for fewer metrics or fewer outlets leaves the others' intervals unchanged
    alone = summarize([a for a in spread if a.outlet == "Gamma"], ["words"], None)
    assert rows_by(forward, "words")["Gamma"]["ci_low"] == alone[0]["ci_low"]
    assert rows_by(forward, "words")["Gamma"]["ci_high"] == alone[0]["ci_high"]


def test_bootstrap_ci_does_not_depend_on_the_order_of_an_outlets_articles(
    spread: list[ScoredArticle],
) -> None:
    # The same articles listed in another order (e.g. `compare([b, a])` instead of
    # `compare([a, b])` with one outlet in both folders) must give the same interval.
    forward = rows_by(summarize(spread, ["tone_mean"], None))
    backward = rows_by(summarize(list(reversed(spread)), ["tone_mean"], None))
    for outlet, row in forward.items():
        assert (backward[outlet]["ci_low"], backward[outlet]["ci_high"]) == pytest.approx(
            (row["ci_low"], row["ci_high"]), abs=1e-12
        ), outlet


# --- deltas and ranks ---------------------------------------------------------------------


def test_delta_is_mean_minus_reference_mean_and_relative_to_its_size(base: ScoredArticle) -> None:
    arts = [
        fake(base, "Ref", tone_mean=-0.3),
        fake(base, "Ref", tone_mean=-0.1),
        fake(base, "Up", tone_mean=0.2),
        fake(base, "Down", tone_mean=-0.5),
    ]
    rows = rows_by(summarize(arts, ["tone_mean"], "Ref"))
    assert {r["reference"] for r in rows.values()} == {"Ref"}
    assert rows["Ref"]["delta"] == 0 and rows["Ref"]["delta_relative"] == 0
    assert rows["Up"]["delta"] == pytest.approx(0.4)
    # relative to |reference mean| = 0.2, so the sign follows the difference
    assert rows["Up"]["delta_relative"] == pytest.approx(2.0)
    assert rows["Down"]["delta"] == pytest.approx(-0.3)
    assert rows["Down"]["delta_relative"] == pytest.approx(-1.5)


def test_relative_delta_is_empty_when_the_reference_mean_is_zero(base: ScoredArticle) -> None:
    arts = [
        fake(base, "Ref", tone_mean=-0.5),
        fake(base, "Ref", tone_mean=0.5),
        fake(base, "Other", tone_mean=0.25),
    ]
    rows = rows_by(summarize(arts, ["tone_mean"], "Ref"))
    assert rows["Ref"]["mean"] == 0
    assert rows["Other"]["delta"] == pytest.approx(0.25)
    assert rows["Other"]["delta_relative"] is None
    assert rows["Ref"]["delta_relative"] is None


def test_without_a_reference_there_are_no_deltas(base: ScoredArticle) -> None:
    rows = summarize([fake(base, "A"), fake(base, "B")], ["tone_mean"], None)
    assert all(r["reference"] is None and r["delta"] is None for r in rows)
    assert all(r["delta_relative"] is None for r in rows)


def test_rank_one_is_the_highest_mean_and_ties_share_a_rank(base: ScoredArticle) -> None:
    arts = [
        fake(base, "High", tone_mean=0.5),
        fake(base, "Tied", tone_mean=0.5),
        fake(base, "Low", tone_mean=-0.9),
        fake(base, "Mid", tone_mean=0.1),
    ]
    rows = rows_by(summarize(arts, ["tone_mean"], None))
    assert {o: r["rank"] for o, r in rows.items()} == {"High": 1, "Tied": 1, "Mid": 3, "Low": 4}


def test_no_articles_give_no_rows_and_no_reference(base: ScoredArticle) -> None:
    assert summarize([], ["words"], None) == []
    with pytest.raises(
        ConfigError, match="reference outlet 'Alpha' has no articles; outlets: none"
    ):
        summarize([], ["words"], "Alpha")


def test_every_row_carries_the_run_columns_of_the_articles(base: ScoredArticle) -> None:
    rows = summarize([fake(base, "Alpha"), fake(base, "Beta")], ["words", "tone_mean"], "Beta")
    for row in rows:
        assert {k: row[k] for k in base.run_columns()} == base.run_columns()
        assert row["reference"] == "Beta"


def test_wide_spreads_one_statistic_by_outlet_and_metric(seeds: Comparison) -> None:
    for stat in ("n", "mean", "delta", "rank"):
        wide = seeds.wide(stat)
        assert wide.keys() == set(SEED_OUTLETS)
        for row in seeds.outlets:
            assert wide[row["outlet"]][row["metric"]] == row[stat]


def test_an_unknown_reference_is_refused_naming_the_valid_outlets(seeds: Comparison) -> None:
    with pytest.raises(ConfigError) as info:
        summarize(seeds.articles, ["words"], "Korea Times")
    message = str(info.value)
    assert "'Korea Times'" in message
    for outlet in SEED_OUTLETS:
        assert outlet in message
    with pytest.raises(ConfigError, match="The Korea Times"):
        compare([str(SEEDS)], reference="Korea Times", spacy_model="blank")


# --- default reference --------------------------------------------------------------------


def test_the_default_reference_is_the_manifests_single_original_outlet(seeds: Comparison) -> None:
    assert default_reference(seeds.articles) == "The Korea Times"
    assert seeds.reference == "The Korea Times"
    assert {r["reference"] for r in seeds.outlets} == {"The Korea Times"}


def test_there_is_no_default_reference_when_originals_are_ambiguous_or_absent(
    base: ScoredArticle,
) -> None:
    two = [fake(base, "A", role="original"), fake(base, "B", role="original")]
    assert default_reference(two) is None
    assert default_reference([fake(base, "A", role="rewrite"), fake(base, "B")]) is None
    same = [fake(base, "A", role="original"), fake(base, "A", role="original"), fake(base, "B")]
    assert default_reference(same) == "A"


# --- metric selection ---------------------------------------------------------------------


def test_no_selection_means_every_metric_in_column_order() -> None:
    every = [m.name for m in metrics()]
    assert resolve_metrics(None) == every
    assert resolve_metrics([]) == every


def test_metrics_are_chosen_by_name_family_or_comma_list() -> None:
    tone = [m.name for f in families() if f.name == "tone" for m in f.metrics]
    assert resolve_metrics(["tone_mean"]) == ["tone_mean"]
    assert resolve_metrics(["tone"]) == tone
    assert resolve_metrics(["hedges, tone_mean", "words"]) == ["hedges", "tone_mean", "words"]
    # a family and one of its own metrics: each metric once, in first-mentioned order
    assert resolve_metrics(["tone_mean,tone"]) == [
        "tone_mean",
        *[t for t in tone if t != "tone_mean"],
    ]
    assert resolve_metrics(["words,,", " "]) == ["words"]


def test_an_unknown_metric_is_a_config_error_listing_the_valid_names() -> None:
    # a user option, so a ConfigError (one line from the CLI) like an unknown reference
    with pytest.raises(ConfigError) as info:
        resolve_metrics(["tone_mean,tone_avg"])
    message = str(info.value)
    assert "'tone_avg'" in message
    assert all(m.name in message for m in metrics())
    assert all(f.name in message for f in families())


# --- end to end ---------------------------------------------------------------------------


def test_worker_processes_give_exactly_the_same_comparison(seeds: Comparison) -> None:
    parallel = compare([str(SEEDS)], spacy_model="blank", jobs=2)
    assert [a.source for a in parallel.articles] == [a.source for a in seeds.articles]
    assert [a.row() for a in parallel.articles] == [a.row() for a in seeds.articles]
    assert parallel.outlets == seeds.outlets
    assert parallel.reference == seeds.reference and parallel.failures == []


def test_the_seed_comparison_covers_every_outlet_and_metric(seeds: Comparison) -> None:
    assert seeds.outlet_names == SEED_OUTLETS
    assert seeds.failures == [] and seeds.unknown_outlets == []
    assert len(seeds.outlets) == len(SEED_OUTLETS) * len(seeds.metrics)
    n = {o: sum(a.outlet == o for a in seeds.articles) for o in SEED_OUTLETS}
    assert n == {"Aggregator A": 1, "Aggregator B": 1, "Aggregator C": 2, "The Korea Times": 1}


STORY = (
    "The ministry said on Friday that aid for displaced families near {place} would double. "
    '"Children are sleeping outside and they need shelter," said a relief coordinator. '
    "Defence officials said the troop build-up was a deterrent and a security priority."
)


@pytest.mark.parametrize("jobs", [1, 2])
def test_bad_files_are_reported_and_every_good_article_is_still_scored(
    tmp_path: Path, jobs: int
) -> None:
    corpus = tmp_path / "desk"
    corpus.mkdir()
    good = ["aldbury.txt", "bexley.txt", "cawston.txt", "dorrington.txt"]
    for name in good:
        (corpus / name).write_text(STORY.format(place=name.title()), encoding="utf-8")
    (corpus / "binary.txt").write_bytes(b"The minister said\x00\x01\x02 nothing.")
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "latin1.txt").write_bytes("Caf\xe9 owners said aid arrived.".encode("latin-1"))

    result = compare([str(corpus)], spacy_model="blank", jobs=jobs)

    assert [a.source for a in result.articles] == [f"desk/{n}" for n in good]
    assert all(a.score.metrics["words"] > 0 for a in result.articles)
    bad = {f.source: f.reason for f in result.failures}
    assert sorted(bad) == ["desk/binary.txt", "desk/empty.txt", "desk/latin1.txt"]
    for source, reason in bad.items():
        assert "\n" not in reason
        assert source.split("/")[-1] in reason
    assert "NUL" in bad["desk/binary.txt"]
    assert "empty" in bad["desk/empty.txt"]
    assert "UTF-8" in bad["desk/latin1.txt"]
    assert result.outlet_names == ["unknown"]
    assert rows_by(result.outlets, "words")["unknown"]["n"] == len(good)


def test_identical_texts_of_one_outlet_are_counted_once() -> None:
    from framing.api import compare
    from framing.comparison import summarize

    c = compare(["seeds"], spacy_model="blank", rewrites=False)
    twice = summarize([*c.articles, c.articles[0]], c.metrics, c.reference)

    assert twice == c.outlets
