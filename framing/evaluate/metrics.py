"""Agreement statistics for the validation runs: pure functions over labels and spans.

Precision, recall and F1 are NaN when their denominator is zero (no data is not zero); MCC is
0.0 when a row or column of the confusion matrix is empty, the usual convention that makes an
"every item positive" baseline score 0.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

#: A character span ``(start, end)``, end exclusive.
Span = tuple[int, int]

NAN = float("nan")


def _div(num: float, den: float) -> float:
    return num / den if den else NAN


def f1_score(precision: float, recall: float) -> float:
    """Harmonic mean; NaN if either is NaN, 0.0 if both are 0.

    >>> f1_score(0.5, 1.0)
    0.6666666666666666
    """
    if math.isnan(precision) or math.isnan(recall):
        return NAN
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


@dataclass(frozen=True)
class Confusion:
    """A 2 x 2 confusion matrix of binary decisions (gold vs predicted).

    >>> c = Confusion.of([1, 1, 0, 0], [1, 0, 1, 0])
    >>> (c.tp, c.fp, c.fn, c.tn), c.precision, c.mcc
    ((1, 1, 1, 1), 0.5, 0.0)
    """

    tp: int
    fp: int
    fn: int
    tn: int

    @classmethod
    def of(cls, gold: Iterable[bool | int], predicted: Iterable[bool | int]) -> Confusion:
        tp = fp = fn = tn = 0
        gold_list, pred_list = list(gold), list(predicted)
        if len(gold_list) != len(pred_list):
            raise ValueError(f"{len(gold_list)} gold labels but {len(pred_list)} predictions")
        for g, p in zip(gold_list, pred_list, strict=True):
            if g and p:
                tp += 1
            elif p:
                fp += 1
            elif g:
                fn += 1
            else:
                tn += 1
        return cls(tp, fp, fn, tn)

    @property
    def n(self) -> int:
        return self.tp + self.fp + self.fn + self.tn

    @property
    def gold_positive(self) -> int:
        return self.tp + self.fn

    @property
    def predicted_positive(self) -> int:
        return self.tp + self.fp

    @property
    def precision(self) -> float:
        return _div(self.tp, self.tp + self.fp)

    @property
    def recall(self) -> float:
        return _div(self.tp, self.tp + self.fn)

    @property
    def f1(self) -> float:
        return f1_score(self.precision, self.recall)

    @property
    def mcc(self) -> float:
        """Matthews correlation coefficient in [-1, 1]; 0.0 for a constant prediction."""
        tp, fp, fn, tn = self.tp, self.fp, self.fn, self.tn
        den = (tp + fp) * (tp + fn) * (tn + fp) * (tn + fn)
        return (tp * tn - fp * fn) / math.sqrt(den) if den else 0.0

    @property
    def base_rate(self) -> float:
        """Share of items that are gold positive."""
        return _div(self.gold_positive, self.n)

    @property
    def all_positive_f1(self) -> float:
        """F1 of the baseline that labels every item positive: 2b / (1 + b)."""
        b = self.base_rate
        return f1_score(b, 1.0) if self.gold_positive else NAN


@dataclass(frozen=True)
class SpanAgreement:
    """Precision from predicted spans that hit gold, recall from gold spans that are hit.

    Counted separately because one predicted span can overlap two gold spans (and vice versa).

    >>> SpanAgreement(n_predicted=4, predicted_hit=3, n_gold=6, gold_hit=3).f1
    0.6
    """

    n_predicted: int
    predicted_hit: int
    n_gold: int
    gold_hit: int

    @property
    def precision(self) -> float:
        return _div(self.predicted_hit, self.n_predicted)

    @property
    def recall(self) -> float:
        return _div(self.gold_hit, self.n_gold)

    @property
    def f1(self) -> float:
        return f1_score(self.precision, self.recall)

    def __add__(self, other: SpanAgreement) -> SpanAgreement:
        return SpanAgreement(
            self.n_predicted + other.n_predicted,
            self.predicted_hit + other.predicted_hit,
            self.n_gold + other.n_gold,
            self.gold_hit + other.gold_hit,
        )


def overlaps(a: Span, b: Span) -> bool:
    """Two half-open spans share at least one character.

    >>> overlaps((0, 4), (3, 9)), overlaps((0, 3), (3, 9))
    (True, False)
    """
    return a[0] < b[1] and b[0] < a[1]


def overlaps_any(span: Span, others: Iterable[Span]) -> bool:
    return any(overlaps(span, o) for o in others)


def span_agreement(predicted: Sequence[Span], gold: Sequence[Sequence[Span]]) -> SpanAgreement:
    """Token-overlap agreement: a gold item may have several fragments (discontinuous spans)."""
    return SpanAgreement(
        n_predicted=len(predicted),
        predicted_hit=sum(1 for p in predicted if any(overlaps_any(p, g) for g in gold)),
        n_gold=len(gold),
        gold_hit=sum(1 for g in gold if any(overlaps_any(p, g) for p in predicted)),
    )


def exact_agreement(predicted: Sequence[Span], gold: Sequence[Sequence[Span]]) -> SpanAgreement:
    """Exact-span agreement: a prediction counts only if it equals a one-fragment gold span."""
    whole = {tuple(g[0]) for g in gold if len(g) == 1}
    pred = set(predicted)
    return SpanAgreement(
        n_predicted=len(predicted),
        predicted_hit=sum(1 for p in predicted if p in whole),
        n_gold=len(gold),
        gold_hit=sum(1 for g in gold if len(g) == 1 and tuple(g[0]) in pred),
    )


def spearman(x: Sequence[float], y: Sequence[float]) -> float:
    """Spearman's rank correlation over the pairs where both values are numbers (NaN if < 3).

    >>> round(spearman([1, 2, 3, 4], [10, 20, 40, 30]), 3)
    0.8
    """
    from scipy.stats import spearmanr

    pairs = [(a, b) for a, b in zip(x, y, strict=True) if not (math.isnan(a) or math.isnan(b))]
    if len(pairs) < 3:
        return NAN
    rho = spearmanr([a for a, _ in pairs], [b for _, b in pairs]).statistic
    return float(rho)


def roc_auc(labels: Sequence[bool], scores: Sequence[float]) -> float:
    """Area under the ROC curve of ``scores`` for ``labels`` (NaN scores dropped; NaN if one
    class is missing). 0.5 is chance; ties count half.

    >>> roc_auc([True, False, True, False], [0.9, 0.1, 0.4, 0.4])
    0.875
    """
    from sklearn.metrics import roc_auc_score

    pairs = [(bool(y), s) for y, s in zip(labels, scores, strict=True) if not math.isnan(s)]
    if len({y for y, _ in pairs}) < 2:
        return NAN
    return float(roc_auc_score([int(y) for y, _ in pairs], [s for _, s in pairs]))
