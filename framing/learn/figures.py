"""How well a frame model codes unseen articles: figures from out-of-fold predictions, each with
a seeded percentile-bootstrap 95 % interval over articles.

>>> f = frame_figures([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8], threshold=0.3)
>>> f["roc_auc"]["value"], f["f1"]["value"], f["base_rate"]["value"]
(0.75, 0.8, 0.5)
"""

from __future__ import annotations

import zlib
from collections.abc import Sequence
from typing import Any

import numpy as np
import numpy.typing as npt
from scipy.stats import rankdata

#: Bootstrap resamples for the intervals; the seed makes them reproducible.
RESAMPLES = 1000
SEED = 20260101
#: The figures, in the order they are printed.
NAMES = ("roc_auc", "pr_auc", "f1", "brier", "base_rate")
LABELS = {
    "roc_auc": "ROC AUC",
    "pr_auc": "PR AUC",
    "f1": "F1",
    "brier": "Brier",
    "base_rate": "base rate",
}


def f1_at(
    y: npt.NDArray[np.int64], p: npt.NDArray[np.float64], threshold: float | npt.NDArray[np.float64]
) -> float:
    """F1 of "coded" when ``p >= threshold`` (one cut-off, or one per article)."""
    predicted = p >= threshold
    tp = float(np.sum(predicted & (y == 1)))
    denominator = float(np.sum(predicted)) + float(np.sum(y == 1))
    return 2 * tp / denominator if denominator else float("nan")


def roc_auc(y: npt.NDArray[np.int64], s: npt.NDArray[np.float64]) -> float:
    """ROC AUC as the Mann-Whitney statistic (ties count one half); NaN without both classes.
    The same value as scikit-learn's ``roc_auc_score``, without its per-call checks (the
    bootstrap calls it thousands of times)."""
    pos = int(y.sum())
    neg = len(y) - pos
    if not pos or not neg:
        return float("nan")
    ranks = rankdata(s)
    return float((ranks[y == 1].sum() - pos * (pos + 1) / 2) / (pos * neg))


def average_precision(y: npt.NDArray[np.int64], s: npt.NDArray[np.float64]) -> float:
    """Area under the precision-recall curve as scikit-learn's ``average_precision_score``
    computes it (precision at each distinct score, weighted by the recall it adds)."""
    pos = int(y.sum())
    if not pos or pos == len(y):
        return float("nan")
    order = np.argsort(-s, kind="stable")
    ys, ss = y[order], s[order]
    last = np.r_[np.nonzero(np.diff(ss))[0], len(ss) - 1]
    tps = np.cumsum(ys)[last]
    precision = tps / (last + 1)
    recall = tps / pos
    return float(np.sum(np.diff(np.r_[0.0, recall]) * precision))


def best_threshold(y: npt.NDArray[np.int64], p: npt.NDArray[np.float64]) -> float:
    """The probability cut-off with the highest F1 (the lowest such on ties), placed halfway
    down to the next lower probability seen: the same F1 on these articles, without sitting on
    one of them.

    >>> best_threshold(np.array([0, 1, 1]), np.array([0.2, 0.6, 0.8]))
    0.4
    """
    candidates = np.unique(p)
    scores = [f1_at(y, p, t) for t in candidates]
    i = int(np.nanargmax(scores))
    cut = candidates[i] if i == 0 else (candidates[i] + candidates[i - 1]) / 2
    return round(float(cut), 12)


def _values(
    y: npt.NDArray[np.int64], p: npt.NDArray[np.float64], threshold: npt.NDArray[np.float64]
) -> list[float]:
    return [
        roc_auc(y, p),
        average_precision(y, p),
        f1_at(y, p, threshold),
        float(np.mean((p - y) ** 2)),
        float(y.mean()),
    ]


def frame_figures(
    labels: Sequence[int] | npt.NDArray[np.int64],
    probabilities: Sequence[float] | npt.NDArray[np.float64],
    threshold: float | Sequence[float] | npt.NDArray[np.float64],
    key: str = "",
    resamples: int = RESAMPLES,
) -> dict[str, dict[str, Any]]:
    """``name -> {"value", "ci_low", "ci_high"}`` for ROC AUC, PR AUC, F1 at ``threshold``,
    Brier score and base rate; ``key`` seeds the bootstrap (a frame's name). ``threshold`` is
    one cut-off or one per article (each fold's own, in cross-validation)."""
    y = np.asarray(labels, dtype=np.int64)
    p = np.asarray(probabilities, dtype=np.float64)
    cut = np.broadcast_to(np.asarray(threshold, dtype=np.float64), p.shape)
    point = _values(y, p, cut)
    rng = np.random.default_rng([SEED, zlib.crc32(key.encode("utf-8"))])
    draws = []
    for _ in range(resamples):
        idx = rng.integers(0, len(y), len(y))
        draws.append(_values(y[idx], p[idx], cut[idx]))
    table = np.asarray(draws, dtype=np.float64)
    out: dict[str, dict[str, Any]] = {}
    for j, name in enumerate(NAMES):
        col = table[:, j][~np.isnan(table[:, j])]
        lo, hi = np.percentile(col, [2.5, 97.5]) if len(col) else (np.nan, np.nan)
        out[name] = {
            "value": round(point[j], 6),
            "ci_low": round(float(lo), 6),
            "ci_high": round(float(hi), 6),
        }
    return out
