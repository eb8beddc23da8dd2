"""Values that leave an evaluation: named figures, tables, error lists and the run around them."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Figure:
    """One reported number.

    ``name`` is a stable dotted key (``hedging.factbank.own.f1``) used by the baseline file;
    ``checked`` marks an agreement figure where higher is better, which CI guards against
    regressions (base rates, counts and means are context, not checked).
    """

    name: str
    label: str
    value: float
    n: int | None = None
    checked: bool = True
    dataset: str = ""
    command: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "label": self.label,
            "value": None if math.isnan(self.value) else round(self.value, 4),
            "n": self.n,
            "checked": self.checked,
            "dataset": self.dataset,
            "command": self.command,
        }


@dataclass(frozen=True)
class Table:
    """A small table for the report (an outlet comparison, a per-type breakdown)."""

    title: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    note: str = ""


@dataclass(frozen=True)
class Ranked:
    """A ranked error list: ``(item, count, detail)`` rows, most frequent first."""

    title: str
    rows: tuple[tuple[str, int, str], ...]
    note: str = ""


@dataclass(frozen=True)
class Dataset:
    """A corpus as its ``SOURCE.md`` describes it."""

    key: str
    citation: str
    name: str = ""
    origin: str = ""
    license: str = ""


@dataclass(frozen=True)
class FeatureResult:
    """Everything one feature's validation produced, or why it was skipped."""

    feature: str
    title: str
    command: str
    figures: tuple[Figure, ...] = ()
    tables: tuple[Table, ...] = ()
    errors: tuple[Ranked, ...] = ()
    notes: tuple[str, ...] = ()
    datasets: tuple[Dataset, ...] = ()
    seconds: float = 0.0
    skipped: str | None = None

    def figure(self, name: str) -> Figure:
        for f in self.figures:
            if f.name == name:
                return f
        raise KeyError(name)


@dataclass(frozen=True)
class Target:
    """A target from issue 5: ``figure >= threshold``."""

    figure: str
    threshold: float
    text: str


@dataclass(frozen=True)
class TargetStatus:
    target: Target
    value: float | None

    @property
    def met(self) -> bool | None:
        """None when the figure was not measured in this run."""
        if self.value is None or math.isnan(self.value):
            return None
        return self.value >= self.target.threshold


@dataclass(frozen=True)
class EvalRun:
    """One ``framing eval`` run: its features, targets and where and when it ran."""

    command: str
    fast: bool
    features: tuple[FeatureResult, ...]
    targets: tuple[TargetStatus, ...]
    date: str
    machine: str
    seconds: float
    versions: dict[str, str] = field(default_factory=dict)

    @property
    def figures(self) -> tuple[Figure, ...]:
        return tuple(f for r in self.features for f in r.figures)

    def values(self) -> dict[str, float]:
        """Every figure by name."""
        return {f.name: f.value for f in self.figures}


def command_for(feature: str, fast: bool) -> str:
    """The shell command that reproduces a feature's figures.

    >>> command_for("hedging", fast=True)
    'framing eval hedging --fast'
    """
    return f"framing eval {feature}" + (" --fast" if fast else "")
