"""The feature families and their catalogue: every metric, in output-column order.

Importing this package registers the six built-in families (import order is column order);
:func:`families` and :func:`metrics` answer from the registry without running anything.

>>> from framing.features import metric
>>> metric("hedges_per_sentence").unit
'matches per sentence'
"""

from __future__ import annotations

# isort: skip_file
# imported to register the families; not in __all__, which is the catalogue's API (the API page
# printed each module's repr, the path of the machine that built the docs)
from framing.features import basics, frames, hedging, attribution, readability, tone  # noqa: F401
from framing.errors import UnknownMetricError
from framing.features.registry import Family, Metric, registered

__all__ = ["Family", "Metric", "families", "family", "metric", "metrics"]


def families() -> list[Family]:
    """Registered families in registration order (import order of this package)."""
    return registered()


def family(name: str) -> Family:
    """The family called ``name``; an unknown name raises :class:`UnknownMetricError`."""
    fams = {f.name: f for f in families()}
    if name not in fams:
        raise UnknownMetricError(name, list(fams), kind="feature family")
    return fams[name]


def metrics() -> list[Metric]:
    """Every metric, in output-column order."""
    return [m for f in families() for m in f.metrics]


def metric(name: str) -> Metric:
    """The metric called ``name``; an unknown name raises :class:`UnknownMetricError` (a
    ``KeyError``) with the closest valid names."""
    by_name = {m.name: m for m in metrics()}
    if name not in by_name:
        raise UnknownMetricError(name, list(by_name))
    return by_name[name]
