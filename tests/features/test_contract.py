"""The contract every feature family keeps, checked for each registered family (like
scikit-learn's ``check_estimator``): a family added to :mod:`framing.features` is checked here
without a line of new test code.

A family declares its metrics with ``@feature``; it must return exactly those, in that order,
with the declared type and range, 0 for a count and NaN for everything else when there is no
text (no data is not zero), and every metric must say what it means and in what unit. The
registry refuses a second family of the same name and a metric name already taken, and the
Engine refuses a family whose output differs from its declaration.
"""

from __future__ import annotations

import math
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import replace

import pytest

from framing.errors import FeatureError, FramingError, UnknownMetricError
from framing.evidence import FamilyResult
from framing.features import Family, families, family, metric, registry
from framing.features.context import FeatureContext
from framing.features.registry import count, feature, share
from framing.ingest import read_path
from framing.ingest.text import document_as_is
from framing.score import Engine
from tests.conftest import ROOT, SEEDS

FAMILIES = families()
BLANK_TEXTS = {"empty": "", "whitespace": "  \n\n\t \n "}


def ids(fam: Family) -> str:
    return fam.name


def compute(engine: Engine, fam: Family, text: str) -> FamilyResult:
    """One family's own output for ``text``, on the engine's pipeline and resources (what
    :meth:`Engine.score_document` feeds every family), before the Engine checks it."""
    document = document_as_is(text, "<contract>")
    ctx = FeatureContext(document, engine.pipeline.nlp(document.text), engine.resources)
    return fam.compute(ctx)


@pytest.fixture(scope="module")
def seed_results(blank: Engine) -> dict[str, dict[str, FamilyResult]]:
    """seed number -> family name -> the family's output on that seed (blank engine)."""
    out: dict[str, dict[str, FamilyResult]] = {}
    for path in sorted(SEEDS.glob("*.txt")):
        (document,) = read_path(path)
        ctx = FeatureContext(document, blank.pipeline.nlp(document.text), blank.resources)
        # in registration order on one context, as the Engine runs them
        out[path.name[:3]] = {fam.name: fam.compute(ctx) for fam in FAMILIES}
    assert len(out) == 5
    return out


@pytest.fixture
def scratch_registry(monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, Family]]:
    """A throw-away copy of the registry: families registered in the test land in the copy and
    vanish with it; the real registry is never touched."""
    real = registry._FAMILIES
    snapshot = dict(real)
    copy = dict(real)
    monkeypatch.setattr(registry, "_FAMILIES", copy)
    yield copy
    monkeypatch.undo()
    assert registry._FAMILIES is real
    assert real == snapshot


# --- no text: counts are 0, everything else is NaN -------------------------------------------


@pytest.mark.parametrize("text", BLANK_TEXTS.values(), ids=list(BLANK_TEXTS))
@pytest.mark.parametrize("fam", FAMILIES, ids=ids)
def test_no_text_gives_zero_counts_and_nan_for_the_rest(
    blank: Engine, fam: Family, text: str
) -> None:
    values = compute(blank, fam, text).values
    for m in fam.metrics:
        got = values[m.name]
        if m.dtype == "integer":
            assert got == 0 and type(got) is int, (m.name, got)
        else:
            assert isinstance(got, float) and math.isnan(got), (m.name, got)


# --- the output is the declaration -----------------------------------------------------------


@pytest.mark.parametrize("fam", FAMILIES, ids=ids)
def test_returns_the_declared_columns_in_declared_order(
    blank: Engine, fam: Family, seed_results: dict[str, dict[str, FamilyResult]]
) -> None:
    declared = [m.name for m in fam.metrics]
    results = [compute(blank, fam, text) for text in BLANK_TEXTS.values()]
    results += [by_family[fam.name] for by_family in seed_results.values()]
    for result in results:
        assert list(result.values) == declared
        assert sorted(result.details) == sorted(fam.details)


@pytest.mark.parametrize("fam", FAMILIES, ids=ids)
def test_values_keep_the_declared_type_and_range_on_the_seeds(
    fam: Family, seed_results: dict[str, dict[str, FamilyResult]]
) -> None:
    for seed, by_family in seed_results.items():
        values = by_family[fam.name].values
        for m in fam.metrics:
            got = values[m.name]
            where = (seed, m.name, got)
            assert not isinstance(got, bool), where
            if m.dtype == "integer":
                assert isinstance(got, int), where
            assert isinstance(got, int | float), where
            if isinstance(got, float) and math.isnan(got):
                continue
            if m.minimum is not None:
                assert got >= m.minimum, where
            if m.maximum is not None:
                assert got <= m.maximum, where


@pytest.mark.parametrize("fam", FAMILIES, ids=ids)
def test_every_metric_says_what_it_means_and_its_unit(fam: Family) -> None:
    assert fam.metrics, f"{fam.name} declares no metric"
    for m in fam.metrics:
        assert m.definition.strip(), m.name
        assert m.unit.strip(), m.name
        assert m.family == fam.name
        if m.minimum is not None and m.maximum is not None:
            assert m.minimum < m.maximum, m.name


# --- the registry refuses clashes ------------------------------------------------------------


def _register(name: str, *metrics: registry.Metric) -> None:
    @feature(
        name, title=name, description="A family made up by the contract test.", metrics=metrics
    )
    def compute_nothing(ctx: FeatureContext) -> FamilyResult:
        return FamilyResult({m.name: 0 for m in metrics})


@pytest.mark.parametrize("fam", FAMILIES, ids=ids)
def test_a_family_name_registers_once(fam: Family, scratch_registry: dict[str, Family]) -> None:
    before = dict(scratch_registry)
    with pytest.raises(FeatureError, match=f"{fam.name!r} is registered twice"):
        _register(fam.name, count("contract_new_metric", "A new count."))
    assert scratch_registry == before


@pytest.mark.parametrize("fam", FAMILIES, ids=ids)
def test_a_metric_name_belongs_to_one_family(
    fam: Family, scratch_registry: dict[str, Family]
) -> None:
    before = dict(scratch_registry)
    taken = replace(fam.metrics[-1], family="")
    with pytest.raises(FeatureError, match=taken.name):
        _register("contract_clash", count("contract_new_metric", "A new count."), taken)
    assert scratch_registry == before


def test_a_metric_name_is_declared_once_within_a_family(
    scratch_registry: dict[str, Family],
) -> None:
    twice = count("contract_twice", "A count declared twice.")
    with pytest.raises(FeatureError, match="contract_twice"):
        _register("contract_clash", twice, twice)
    assert "contract_clash" not in scratch_registry


def test_the_scratch_registry_keeps_what_it_registers_to_itself(
    scratch_registry: dict[str, Family],
) -> None:
    _register("contract_scratch", count("contract_scratch_count", "A count."))
    assert family("contract_scratch").metrics[0].family == "contract_scratch"
    assert "contract_scratch" not in {f.name for f in FAMILIES}


def test_the_scratch_family_is_gone_afterwards() -> None:
    assert [f.name for f in families()] == [f.name for f in FAMILIES]


# --- the Engine refuses output that differs from the declaration -----------------------------


def _engine_with(
    values: dict[str, float | int], *declared: registry.Metric, details: tuple[str, ...] = ()
) -> Engine:
    """A blank Engine that also runs a fake family declaring ``declared`` and returning
    ``values`` and ``details`` (registered in the scratch registry the caller holds)."""

    @feature(
        "contract_fake",
        title="Fake",
        description="A family made up by the contract test.",
        metrics=declared,
    )
    def fake(ctx: FeatureContext) -> FamilyResult:
        return FamilyResult(dict(values), details=dict.fromkeys(details))

    return Engine(spacy_model="blank")


FAKE = (count("fake_count", "A count."), share("fake_share", "A share."))


@pytest.mark.usefixtures("scratch_registry")
def test_the_engine_runs_a_family_that_keeps_its_declaration() -> None:
    engine = _engine_with({"fake_count": 2, "fake_share": 0.5}, *FAKE)
    score = engine.score_text("Officials said the road was open.")
    assert (score.metrics["fake_count"], score.metrics["fake_share"]) == (2, 0.5)
    assert list(score.metrics)[-2:] == ["fake_count", "fake_share"]


@pytest.mark.usefixtures("scratch_registry")
@pytest.mark.parametrize(
    ("values", "named"),
    [
        ({"fake_count": 1}, "missing metric(s) 'fake_share'"),
        (
            {"fake_count": 1, "fake_share": 0.5, "fake_extra": 3},
            "undeclared metric(s) 'fake_extra'",
        ),
        (
            {"fake_share": 0.5, "fake_other": 1},
            "missing metric(s) 'fake_count'; undeclared metric(s) 'fake_other'",
        ),
    ],
    ids=["missing", "undeclared", "both"],
)
def test_the_engine_refuses_a_family_that_returns_other_metrics(
    values: dict[str, float | int], named: str
) -> None:
    engine = _engine_with(values, *FAKE)
    with pytest.raises(FeatureError) as err:
        engine.score_text("Officials said the road was open.")
    assert str(err.value) == f"feature family 'contract_fake' broke its declaration: {named}"


@pytest.mark.usefixtures("scratch_registry")
def test_the_engine_refuses_a_family_that_returns_undeclared_details() -> None:
    engine = _engine_with({"fake_count": 1, "fake_share": 0.5}, *FAKE, details=("quotes",))
    with pytest.raises(FeatureError) as err:
        engine.score_text("Officials said the road was open.")
    assert str(err.value) == (
        "feature family 'contract_fake' broke its declaration: undeclared detail(s) 'quotes'"
    )


@pytest.mark.usefixtures("scratch_registry")
@pytest.mark.parametrize(
    ("values", "why"),
    [
        ({"fake_count": -1, "fake_share": 0.5}, "fake_count = -1, below its minimum 0"),
        ({"fake_count": 1.0, "fake_share": 0.5}, "fake_count = 1.0, not an integer"),
        ({"fake_count": True, "fake_share": 0.5}, "fake_count = True, not a number (bool)"),
        ({"fake_count": 1, "fake_share": 1.5}, "fake_share = 1.5, above its maximum 1"),
        ({"fake_count": 1, "fake_share": "half"}, "fake_share = 'half', not a number (str)"),
    ],
)
def test_the_engine_refuses_a_value_outside_the_declaration(
    values: dict[str, float | int], why: str
) -> None:
    engine = _engine_with(values, *FAKE)
    with pytest.raises(FeatureError) as err:
        engine.score_text("Officials said the road was open.")
    assert str(err.value) == f"family 'contract_fake' returned {why}"


def test_a_broken_contract_is_a_framing_error_and_a_value_error() -> None:
    assert issubclass(FeatureError, FramingError)
    assert issubclass(FeatureError, ValueError)
    assert not issubclass(FeatureError, AssertionError)


def test_contract_checks_survive_python_optimise_mode() -> None:
    """``python -O`` strips ``assert``: the checks must not be asserts."""
    code = (
        "from framing.errors import FeatureError\n"
        "from framing.features.registry import rate\n"
        "try:\n"
        "    rate('r', 'A rate.', 'per x').check(-1.0)\n"
        "except FeatureError as exc:\n"
        "    print(exc)\n"
    )
    out = subprocess.run(
        [sys.executable, "-O", "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "family '' returned r = -1.0, below its minimum 0"


# --- unknown names ---------------------------------------------------------------------------


def test_a_misspelt_metric_is_a_key_error_that_suggests_the_right_name() -> None:
    with pytest.raises(UnknownMetricError) as err:
        metric("hedges_per_sentnce")
    assert isinstance(err.value, KeyError)
    assert isinstance(err.value, FramingError)
    assert "did you mean 'hedges_per_sentence'" in str(err.value)


def test_a_misspelt_family_is_a_key_error_too() -> None:
    with pytest.raises(KeyError, match="did you mean 'hedging'"):
        family("hedgng")
