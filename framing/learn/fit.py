"""Fitting a frame model, with cross-validated figures that hold for articles it has not seen.

The articles are split once into ``folds`` (seeded, stratified by frame; with ``groups``, a group
such as an outlet never straddles two folds, so the figures are for unseen outlets). The design
(:mod:`framing.learn.features`) is fitted inside each training part. For every frame and every
``C`` of :data:`C_GRID` an L2 logistic regression gives out-of-fold scores. Then, for each fold,
``C``, the Platt calibration and the F1-best threshold are chosen from the *other* folds' scores
alone and applied to the fold: the reported figures never choose on the articles they score.
The final model (:class:`~framing.learn.model.FrameModel`) uses the ``C`` best over all folds,
calibrated on all out-of-fold scores, and is refitted on every article.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt
from scipy import sparse
from sklearn.base import clone
from sklearn.compose import ColumnTransformer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold, KFold

from framing.errors import InputError
from framing.learn.features import METRICS_WEIGHT, design, text_column
from framing.learn.figures import best_threshold, frame_figures, roc_auc

#: Inverse regularisation strengths tried (larger = weaker penalty).
C_GRID = (1.0, 3.0, 10.0, 30.0, 100.0)
FOLDS = 5
SEED = 0
#: A frame needs this many coded and uncoded articles to be learned.
MIN_PER_CLASS = 2

Folds = list[tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]]


@dataclass(frozen=True)
class Options:
    """How to fit: the folds, the seed, the grid, and the design's engine and metric weight."""

    folds: int = FOLDS
    seed: int = SEED
    c_grid: tuple[float, ...] = C_GRID
    spacy_model: str = "blank"
    lexicons: tuple[str, ...] = ()
    metrics_weight: float = METRICS_WEIGHT


def stratified_folds(y: npt.NDArray[np.int64], k: int, seed: int) -> Folds:
    """``k`` folds that keep every frame's share of coded articles about equal (iterative
    stratification, Sechidis, Tsoumakas & Vlahavas 2011): the rarest frame's articles are
    dealt out first, each to the fold that still wants most of that frame. Folds whose
    training parts differ in base rate would give scores on different scales, and pooled
    out-of-fold figures would suffer for it."""
    n = len(y)
    rng = np.random.default_rng(seed)
    order = rng.permutation(n)
    want = np.tile(y.sum(axis=0) / k, (k, 1)).astype(float)
    size = np.full(k, n / k)
    fold_of = np.full(n, -1)
    left = list(order)
    while left:
        counts = y[left].sum(axis=0)
        if counts.max() == 0:
            todo, label = left, None
        else:
            label = int(np.argmin(np.where(counts > 0, counts, np.iinfo(np.int64).max)))
            todo = [i for i in left if y[i, label] == 1]
        for i in todo:
            need = want[:, label] if label is not None else size
            best = np.flatnonzero(need == need.max())
            if len(best) > 1:
                best = best[size[best] == size[best].max()]
            f = int(best[0])
            fold_of[i] = f
            want[f] -= y[i]
            size[f] -= 1
        done = set(todo)
        left = [i for i in left if i not in done]
    index = np.arange(n)
    return [(index[fold_of != f], index[fold_of == f]) for f in range(k) if (fold_of == f).any()]


def make_folds(
    n: int,
    k: int,
    seed: int,
    groups: Sequence[str] | None = None,
    y: npt.NDArray[np.int64] | None = None,
) -> Folds:
    """``k`` train/test splits of ``n`` articles: grouped when ``groups`` is given, else
    stratified by the frames ``y`` (or plainly shuffled without them)."""
    index = np.arange(n)
    if groups is not None:
        distinct = len(set(groups))
        if distinct < 2:
            raise InputError("--group-by: all articles are in one group; need at least two")
        splitter = GroupKFold(n_splits=min(k, distinct), shuffle=True, random_state=seed)
        return [(tr, te) for tr, te in splitter.split(index, groups=list(groups))]
    if n < 2:
        raise InputError("need at least two coded articles")
    if y is not None:
        return stratified_folds(y, min(k, n), seed)
    return [(tr, te) for tr, te in KFold(min(k, n), shuffle=True, random_state=seed).split(index)]


def _regression(c: float) -> LogisticRegression:
    return LogisticRegression(C=c, solver="liblinear", max_iter=1000)


def _scores(
    x_train: sparse.csr_matrix, y_train: npt.NDArray[np.int64], x_test: sparse.csr_matrix, c: float
) -> npt.NDArray[np.float64]:
    if y_train.min() == y_train.max():  # a fold without one class: its base rate, as log-odds
        rate = np.clip(y_train.mean(), 1e-3, 1 - 1e-3)
        return np.full(x_test.shape[0], float(np.log(rate / (1 - rate))))
    out: npt.NDArray[np.float64] = _regression(c).fit(x_train, y_train).decision_function(x_test)
    return out


def platt(d: npt.NDArray[np.float64], y: npt.NDArray[np.int64]) -> tuple[float, float]:
    """Slope and intercept mapping scores ``d`` to calibrated probabilities: Platt (1999) with
    his smoothed targets ``(N+ + 1) / (N+ + 2)`` and ``1 / (N- + 2)``, as scikit-learn's
    sigmoid calibration uses, so a few articles cannot push the probabilities to 0 and 1."""
    pos = int(y.sum())
    neg = len(y) - pos
    if not pos or not neg:
        return 0.0, float(np.log((pos + 1) / (neg + 1)))
    target = np.where(y == 1, (pos + 1) / (pos + 2), 1 / (neg + 2))
    # soft targets as weights: each score once as coded (weight t), once as not (1 - t)
    x = np.r_[d, d].reshape(-1, 1)
    labels = np.r_[np.ones(len(d)), np.zeros(len(d))]
    weights = np.r_[target, 1 - target]
    m = LogisticRegression(C=1e4, solver="lbfgs").fit(x, labels, sample_weight=weights)
    return float(m.coef_[0, 0]), float(m.intercept_[0])


def _sigmoid(z: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    out: npt.NDArray[np.float64] = 1.0 / (1.0 + np.exp(-z))
    return out


def _auc(y: npt.NDArray[np.int64], d: npt.NDArray[np.float64]) -> float:
    return roc_auc(y, d) if 0 < y.sum() < len(y) else 0.5


@dataclass(frozen=True)
class Choice:
    """The ``C``, calibration and threshold chosen from some articles' out-of-fold scores."""

    c_index: int
    slope: float
    intercept: float
    threshold: float


def choose(oof: npt.NDArray[np.float64], y: npt.NDArray[np.int64], rows: Any) -> Choice:
    """Choose on the articles ``rows`` only (``oof`` is grid × articles)."""
    aucs = [_auc(y[rows], oof[g, rows]) for g in range(len(oof))]
    g = int(np.argmax(aucs))  # ties: the smaller C (stronger penalty) comes first
    a, b = platt(oof[g, rows], y[rows])
    return Choice(g, a, b, best_threshold(y[rows], _sigmoid(a * oof[g, rows] + b)))


@dataclass(frozen=True)
class Fitted:
    """What fitting learns: the design and, per frame, the regression, calibration, threshold,
    chosen ``C`` and cross-validated figures."""

    design: ColumnTransformer
    coef: npt.NDArray[np.float64]
    intercept: npt.NDArray[np.float64]
    calibration: npt.NDArray[np.float64]
    threshold: npt.NDArray[np.float64]
    c: npt.NDArray[np.float64]
    cv: dict[str, Any]
    info: dict[str, Any]
    oof: npt.NDArray[np.float64]


def check_matrix(y: npt.NDArray[np.int64], frames: Sequence[str]) -> None:
    """A clear error for a frame coded on (almost) every article or (almost) none."""
    if not len(frames):
        raise InputError("no frames to learn: every labels cell is empty")
    n = len(y)
    for j, frame in enumerate(frames):
        pos = int(y[:, j].sum())
        neg = n - pos
        if min(pos, neg) < MIN_PER_CLASS:
            which = "coded" if pos < MIN_PER_CLASS else "not coded"
            raise InputError(
                f"frame {frame!r}: {min(pos, neg)} of {n} articles {which}; a classifier "
                f"needs at least {MIN_PER_CLASS} articles with the frame and {MIN_PER_CLASS} "
                "without (leave the frame out with --frames, or code more articles)"
            )


def fit_frames(
    texts: Sequence[str],
    y_all: npt.NDArray[np.int64],
    frames: Sequence[str],
    options: Options = Options(),
    groups: Sequence[str] | None = None,
    progress: Callable[[str], None] | None = None,
) -> Fitted:
    """Fit the design and one calibrated regression per frame, with cross-validated figures."""
    check_matrix(y_all, frames)
    t0 = time.perf_counter()
    n, k = y_all.shape
    folds = make_folds(n, options.folds, options.seed, groups, y_all)
    template = design(options.spacy_model, options.lexicons, options.metrics_weight)
    column = text_column(texts)
    parts = []
    for tr, te in folds:
        d = clone(template)
        parts.append(
            (
                sparse.csr_matrix(d.fit_transform(column[tr])),
                sparse.csr_matrix(d.transform(column[te])),
            )
        )
    if progress:
        progress(f"features for {len(folds)} folds: {time.perf_counter() - t0:.1f} s")
    fold_of = np.empty(n, dtype=np.int64)
    for f, (_, te) in enumerate(folds):
        fold_of[te] = f
    grid = options.c_grid
    final_design = clone(template)
    x_all = sparse.csr_matrix(final_design.fit_transform(column))
    coef = np.zeros((k, x_all.shape[1]))
    intercept = np.zeros(k)
    calibration = np.zeros((k, 2))
    thresholds = np.zeros(k)
    chosen_c = np.zeros(k)
    cv: dict[str, Any] = {}
    oof_probabilities = np.zeros((n, k))
    for j, frame in enumerate(frames):
        y = y_all[:, j]
        oof = np.zeros((len(grid), n))
        for g, c in enumerate(grid):
            for (tr, te), (x_tr, x_te) in zip(folds, parts, strict=True):
                oof[g, te] = _scores(x_tr, y[tr], x_te, c)
        # the reported figures: every fold scored by choices made on the other folds
        prob, cut = np.zeros(n), np.zeros(n)
        for f, (_, te) in enumerate(folds):
            ch = choose(oof, y, fold_of != f)
            prob[te] = _sigmoid(ch.slope * oof[ch.c_index, te] + ch.intercept)
            cut[te] = ch.threshold
        final = choose(oof, y, np.ones(n, dtype=bool))
        oof_probabilities[:, j] = prob
        cv[frame] = {
            "C": grid[final.c_index],
            "threshold": round(final.threshold, 6),
            "n": n,
            "coded": int(y.sum()),
            **frame_figures(y, prob, cut, key=frame),
        }
        m = _regression(grid[final.c_index]).fit(x_all, y)
        coef[j] = m.coef_[0]
        intercept[j] = m.intercept_[0]
        calibration[j] = (final.slope, final.intercept)
        thresholds[j] = final.threshold
        chosen_c[j] = grid[final.c_index]
        if progress:
            progress(f"{frame}: C={grid[final.c_index]:g}, {time.perf_counter() - t0:.1f} s")
    info = {
        "folds": len(folds),
        "seed": options.seed,
        "grouped": groups is not None,
        "c_grid": list(grid),
        "metrics_weight": options.metrics_weight,
        "seconds": round(time.perf_counter() - t0, 3),
    }
    return Fitted(
        final_design,
        coef,
        intercept,
        calibration,
        thresholds,
        chosen_c,
        cv,
        info,
        oof_probabilities,
    )
