"""Small numeric helpers shared by the feature families."""

from __future__ import annotations

NAN = float("nan")


def ratio(num: float, den: float, scale: float = 1.0) -> float:
    """``num / den * scale``, or NaN when there is no denominator (no data is not zero)."""
    return num / den * scale if den else NAN
