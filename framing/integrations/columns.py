"""Numeric columns of an engine's scores, by name: the registry metrics, then the counts and
rates of user lexicon categories (``custom.<lexicon>.<category>.count``), as in CSV rows.

Shared by the scikit-learn transformer and :func:`framing.score_frame`.
"""

from __future__ import annotations

from collections.abc import Iterable

from framing.errors import ConfigError
from framing.features import metrics as registry_metrics
from framing.score import ArticleScore, Engine

CUSTOM_STATS = ("count", "per_1000_words")


def available(engine: Engine) -> tuple[str, ...]:
    """Every numeric column ``engine`` writes, in output order (no text is scored)."""
    names = [m.name for m in registry_metrics()]
    for lexicon in sorted(engine.lexicon_set.custom):
        for category in sorted(engine.lexicon_set[lexicon].categories):
            names += [f"custom.{lexicon}.{category}.{stat}" for stat in CUSTOM_STATS]
    return tuple(names)


def select(engine: Engine, wanted: Iterable[str] | None) -> tuple[str, ...]:
    """``wanted`` checked against :func:`available` (all of them when None).

    >>> from framing.score import get_engine
    >>> select(get_engine("blank"), ["hedges", "tone_mean"])
    ('hedges', 'tone_mean')
    """
    valid = available(engine)
    if wanted is None:
        return valid
    if isinstance(wanted, str):
        raise ConfigError(f"metrics must be a list of names, not the string {wanted!r}")
    chosen = tuple(wanted)
    unknown = [m for m in chosen if m not in valid]
    if unknown:
        raise ConfigError(f"unknown metric(s) {unknown}; valid: {', '.join(valid)}")
    if not chosen:
        raise ConfigError("metrics must name at least one metric (None means all)")
    if len(set(chosen)) != len(chosen):
        raise ConfigError(f"metrics names a metric twice: {list(chosen)}")
    return chosen


def values(score: ArticleScore, columns: Iterable[str]) -> list[float | int]:
    """The values of ``columns`` in one score (NaN stays NaN)."""
    out: list[float | int] = []
    for name in columns:
        if name.startswith("custom."):
            key, stat = name.removeprefix("custom.").rsplit(".", 1)
            out.append(score.custom[key][stat])
        else:
            out.append(score.metrics[name])
    return out
