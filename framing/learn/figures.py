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


def _resampled(
    y: npt.NDArray[np.int64],
    p: npt.NDArray[np.float64],
    cut: npt.NDArray[np.float64],
    counts: npt.NDArray[np.float64],
) -> npt.NDArray[np.float64]:
    """:func:`_values` for many resamples at once: ``counts`` (resamples × articles) says how
    often each article was drawn. The same formulas, weighted by the counts (ties of a score
    form one step of the ROC and precision-recall curves, as in :func:`roc_auc` and
    :func:`average_precision`)."""
    n = len(y)
    pos_w, neg_w = counts * y, counts * (1 - y)
    n_pos, n_neg = pos_w.sum(axis=1), neg_w.sum(axis=1)
    scores, group = np.unique(p, return_inverse=True)
    onehot = np.zeros((n, len(scores)))
    onehot[np.arange(n), group] = 1.0
    pos_g, neg_g = pos_w @ onehot, neg_w @ onehot  # resamples × distinct scores, ascending
    below = np.cumsum(neg_g, axis=1) - neg_g
    with np.errstate(invalid="ignore", divide="ignore"):
        auc = (pos_g * (below + neg_g / 2)).sum(axis=1) / (n_pos * n_neg)
        tps = np.cumsum(pos_g[:, ::-1], axis=1)  # descending scores
        fps = np.cumsum(neg_g[:, ::-1], axis=1)
        precision = np.where(tps + fps > 0, tps / (tps + fps), 0.0)
        ap = (pos_g[:, ::-1] * precision).sum(axis=1) / n_pos
        predicted = (p >= cut).astype(float)
        tp = (pos_w * predicted).sum(axis=1)
        f1 = 2 * tp / ((counts * predicted).sum(axis=1) + n_pos)
    both = (n_pos > 0) & (n_neg > 0)
    auc[~both] = np.nan
    ap[~both] = np.nan
    brier = (counts * (p - y) ** 2).sum(axis=1) / n
    return np.column_stack([auc, ap, f1, brier, n_pos / n])


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
    n = len(y)
    draws = rng.integers(0, n, size=(resamples, n))
    flat = (np.arange(resamples)[:, None] * n + draws).ravel()
    counts = np.bincount(flat, minlength=resamples * n).reshape(resamples, n).astype(np.float64)
    table = _resampled(y, p, cut, counts)
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
