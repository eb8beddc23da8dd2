"""The metric registry: every metric defined once (name, definition, unit, range, citation).

Feature families register with :func:`feature`, declaring the metrics they return. The docs,
the output schema, CSV columns and the JSON Schema all come from here, without running
anything; :class:`framing.score.Engine` checks each family's output against its declaration. The
catalogue (every family and metric) is :mod:`framing.features`, which registers the built-ins.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from framing.errors import FeatureError

if TYPE_CHECKING:
    from framing.evidence import FamilyResult
    from framing.features.context import FeatureContext


Direction = Literal["higher=more", "higher=easier", "higher=harder", "signed", "neutral"]


DType = Literal["integer", "number"]


@dataclass(frozen=True)
class Metric:
    """One output column."""

    name: str
    definition: str
    unit: str
    dtype: DType = "number"
    minimum: float | None = None
    maximum: float | None = None
    direction: Direction = "higher=more"
    citation: str = ""
    family: str = ""

    def check(self, value: float | int) -> None:
        """Raise :class:`~framing.errors.FeatureError` if ``value`` breaks the declared type or
        range (NaN is no data, allowed for a number).

        >>> count("words", "Words.").check(-1)
        Traceback (most recent call last):
        framing.errors.FeatureError: family '' returned words = -1, below its minimum 0
        """
        # a bool is an int to isinstance, but True is no count
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise FeatureError(self._broken(value, f"not a number ({type(value).__name__})"))
        if self.dtype == "integer" and not isinstance(value, int):
            raise FeatureError(self._broken(value, "not an integer"))
        if isinstance(value, float) and math.isnan(value):
            return
        if self.minimum is not None and value < self.minimum - 1e-9:
            raise FeatureError(self._broken(value, f"below its minimum {self.minimum:g}"))
        if self.maximum is not None and value > self.maximum + 1e-9:
            raise FeatureError(self._broken(value, f"above its maximum {self.maximum:g}"))

    def _broken(self, value: object, why: str) -> str:
        return f"family {self.family!r} returned {self.name} = {value!r}, {why}"


@dataclass(frozen=True)
class Family:
    """A feature family: one module, one compute function, the metrics it returns."""

    name: str
    title: str
    description: str
    metrics: tuple[Metric, ...]
    compute: Callable[[FeatureContext], FamilyResult]
    requires: tuple[str, ...] = ()
    citation: str = ""
    details: tuple[str, ...] = field(default=())


_FAMILIES: dict[str, Family] = {}


def count(name: str, definition: str, **kw: Any) -> Metric:
    """A non-negative integer count."""
    return Metric(name, definition, kw.pop("unit", "count"), "integer", 0, None, **kw)


def share(name: str, definition: str, **kw: Any) -> Metric:
    """A proportion in [0, 1]; NaN when its denominator is 0."""
    return Metric(name, definition, kw.pop("unit", "proportion"), "number", 0, 1, **kw)


def rate(name: str, definition: str, unit: str, **kw: Any) -> Metric:
    """A non-negative rate; NaN when its denominator is 0."""
    return Metric(name, definition, unit, "number", 0, None, **kw)


def feature(
    name: str,
    *,
    title: str,
    description: str,
    metrics: Sequence[Metric],
    requires: Sequence[str] = (),
    citation: str = "",
    details: Sequence[str] = (),
) -> Callable[[Callable[[FeatureContext], FamilyResult]], Callable[[FeatureContext], FamilyResult]]:
    """Register a feature family. Names are checked at decoration time.

    ``requires`` lists lexicons the family reads (``"lexicon:hedging"``); ``details`` names the
    extra, non-scalar fields it adds to the article record (e.g. ``"sources"``).
    """
    if name in _FAMILIES:
        raise FeatureError(f"feature family {name!r} is registered twice")
    seen = {m.name for f in _FAMILIES.values() for m in f.metrics}
    names = [m.name for m in metrics]
    clash = sorted((set(names) & seen) | {n for n in names if names.count(n) > 1})
    if clash:
        raise FeatureError(f"metric name(s) {clash} of {name!r} are already registered")

    def wrap(
        fn: Callable[[FeatureContext], FamilyResult],
    ) -> Callable[[FeatureContext], FamilyResult]:
        tagged = tuple(Metric(**{**m.__dict__, "family": name}) for m in metrics)
        _FAMILIES[name] = Family(
            name, title, description, tagged, fn, tuple(requires), citation, tuple(details)
        )
        return fn

    return wrap


def registered() -> list[Family]:
    """The families registered so far, in registration order. Use
    :func:`framing.features.families`, which registers the built-in ones first."""
    return list(_FAMILIES.values())
