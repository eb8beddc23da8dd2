"""A fitted frame model: one calibrated logistic regression per frame over one shared design.

For frame *j* the probability is ``sigmoid(a_j * (x · w_j + c_j) + b_j)``: ``x`` the article's
features (:mod:`framing.learn.features`), ``w_j, c_j`` the regression, ``a_j, b_j`` the Platt
calibration fitted on cross-validated scores (:mod:`framing.learn.fit`). Being linear, every
probability splits into the contributions of single terms and metrics, and a sentence's
push toward a frame is its own words' part of ``x · w_j`` (:meth:`FrameModel.explain`).

:meth:`FrameModel.fit` fits it (:mod:`framing.learn.fit`); :mod:`framing.learn.store` saves and
loads it.

>>> texts = ["Troops and tanks moved.", "Troops shelled tanks.", "Tanks and troops massed.",
...          "Parliament passed the budget.", "Parliament voted on the budget.",
...          "Budget vote in parliament."]
>>> model = FrameModel(frames=["Security"], folds=3).fit(texts, [[1], [1], [1], [0], [0], [0]])
>>> model.predict_proba(["Troops and tanks."]).shape
(1, 1)
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np
import numpy.typing as npt
from scipy import sparse
from sklearn.base import BaseEstimator
from sklearn.utils.validation import check_is_fitted

from framing.errors import InputError
from framing.learn.features import METRICS_WEIGHT, text_column
from framing.learn.fit import C_GRID, FOLDS, SEED, Options, fit_frames

#: Terms and sentences listed as evidence per frame.
TOP_TERMS = 3
TOP_SENTENCES = 1
_SENTENCE = re.compile(r"[^.!?\n]+(?:[.!?]+|$)")


@dataclass(frozen=True)
class Contribution:
    """What pushed one article toward one frame: a term or metric, or a sentence (with its
    character offsets in the text), and its share of the log-odds."""

    kind: str  # "term", "metric" or "sentence"
    text: str
    weight: float
    start: int | None = None
    end: int | None = None


@dataclass(frozen=True)
class FrameCall:
    """One frame's probability for one article, the model's cut-off and the evidence."""

    frame: str
    probability: float
    threshold: float
    evidence: tuple[Contribution, ...]

    @property
    def over_threshold(self) -> bool:
        return self.probability >= self.threshold


def regex_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans by punctuation and line breaks (for texts not scored by an engine)."""
    spans = []
    for m in _SENTENCE.finditer(text):
        raw = m.group()
        if raw.strip():
            start = m.start() + len(raw) - len(raw.lstrip())
            spans.append((start, m.start() + len(raw.rstrip())))
    return spans


@lru_cache(maxsize=8192)
def _term_pattern(term: str) -> re.Pattern[str]:
    words = [re.escape(w) for w in term.split()]
    return re.compile(r"\b" + r"\b(?:\W+\w+){0,3}?\W+\b".join(words) + r"\b", re.IGNORECASE)


def _locate(term: str, text: str) -> tuple[int, int] | None:
    """The first place ``term`` (one word, or two with up to three words between: stop words
    are dropped before phrases are formed) occurs in ``text``, case-insensitively."""
    m = _term_pattern(term).search(text)
    return (m.start(), m.end()) if m else None


class FrameModel(BaseEstimator):  # type: ignore[misc]
    """Frame probabilities for texts: ``predict_proba(texts)`` is an array (texts, frames).

    Parameters: ``frames`` (the names of ``Y``'s columns), ``folds`` and ``seed`` of the
    cross-validation, ``c_grid`` (the inverse regularisation strengths tried), the engine
    (``spacy_model``, ``lexicons``) that computes the framing metrics, and ``metrics_weight``
    (0 for words alone). ``fit(texts, Y, groups=None)`` takes ``Y`` as a 0/1 array (texts ×
    frames); ``groups`` keeps each group's articles in one fold.

    Attributes set by ``fit``: ``frames_``, ``design_`` (the
    fitted ``ColumnTransformer``), ``coef_`` (frames × features), ``intercept_``,
    ``calibration_`` (frames × 2: Platt slope and intercept), ``threshold_`` (the F1-best
    cut-off per frame), ``C_`` (the chosen inverse regularisation), ``cv_`` (cross-validated
    figures per frame), ``oof_`` (the training texts' cross-validated probabilities; not
    saved) and ``card_`` (what the model was made from, see
    :mod:`framing.learn.store`).
    """

    def __init__(
        self,
        frames: Sequence[str] = (),
        folds: int = FOLDS,
        seed: int = SEED,
        c_grid: Sequence[float] = C_GRID,
        spacy_model: str = "blank",
        lexicons: Sequence[str] = (),
        metrics_weight: float = METRICS_WEIGHT,
    ) -> None:
        self.frames = frames
        self.folds = folds
        self.seed = seed
        self.c_grid = c_grid
        self.spacy_model = spacy_model
        self.lexicons = lexicons
        self.metrics_weight = metrics_weight

    def fit(
        self,
        X: Iterable[str],
        Y: Any,
        groups: Sequence[str] | None = None,
        progress: Callable[[str], None] | None = None,
    ) -> FrameModel:
        """Fit on texts ``X`` coded ``Y`` (0/1, texts × frames)."""
        texts = list(X)
        y = np.asarray(Y, dtype=np.int64)
        if y.ndim == 1:
            y = y.reshape(-1, 1)
        frames = tuple(self.frames) or tuple(f"frame_{j}" for j in range(y.shape[1]))
        if y.shape != (len(texts), len(frames)):
            raise InputError(
                f"Y has shape {y.shape}; expected ({len(texts)}, {len(frames)}) for "
                f"{len(texts)} texts and frames {', '.join(frames)}"
            )
        options = Options(
            folds=self.folds,
            seed=self.seed,
            c_grid=tuple(self.c_grid),
            spacy_model=self.spacy_model,
            lexicons=tuple(self.lexicons),
            metrics_weight=self.metrics_weight,
        )
        fitted = fit_frames(texts, y, frames, options, groups, progress)
        self.frames_ = frames
        self.design_ = fitted.design
        self.coef_ = fitted.coef
        self.intercept_ = fitted.intercept
        self.calibration_ = fitted.calibration
        self.threshold_ = fitted.threshold
        self.C_ = fitted.c
        self.cv_ = fitted.cv
        self.fitting_ = fitted.info
        self.oof_ = fitted.oof
        self.card_: dict[str, Any] = {}
        return self

    def __getstate__(self) -> dict[str, Any]:
        # the training articles' out-of-fold probabilities stay out of saved models
        state: dict[str, Any] = {k: v for k, v in super().__getstate__().items() if k != "oof_"}
        return state

    def features(self, texts: Iterable[str]) -> sparse.csr_matrix:
        """The design matrix of ``texts`` (rows in order)."""
        check_is_fitted(self, "design_")
        return sparse.csr_matrix(self.design_.transform(text_column(texts)))

    def decision_function(self, texts: Iterable[str]) -> npt.NDArray[np.float64]:
        """Uncalibrated log-odds ``x · w_j + c_j``, shape (texts, frames)."""
        return self._decision(self.features(texts))

    def _decision(self, x: sparse.csr_matrix) -> npt.NDArray[np.float64]:
        out: npt.NDArray[np.float64] = np.asarray(x @ self.coef_.T) + self.intercept_
        return out

    def _calibrate(self, d: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
        a, b = self.calibration_[:, 0], self.calibration_[:, 1]
        out: npt.NDArray[np.float64] = 1.0 / (1.0 + np.exp(-(a * d + b)))
        return out

    def predict_proba(self, texts: Iterable[str]) -> npt.NDArray[np.float64]:
        """Calibrated probability of each frame, shape (texts, frames) (multi-label: the rows
        need not sum to 1)."""
        return self._calibrate(self.decision_function(texts))

    def predict(self, texts: Iterable[str]) -> npt.NDArray[np.int64]:
        """1 where a frame's probability reaches its threshold, shape (texts, frames)."""
        return (self.predict_proba(texts) >= self.threshold_).astype(np.int64)

    def explain(
        self,
        texts: Sequence[str],
        sentences: Sequence[Sequence[tuple[int, int]]] | None = None,
    ) -> list[list[FrameCall]]:
        """Per text, per frame: the probability and what pushed it up (the terms or metrics
        with the largest positive contributions, and the sentence whose words add most).
        ``sentences`` are character spans per text (default: split at punctuation)."""
        x = self.features(texts)
        probs = self._calibrate(self._decision(x))
        spans = [list(s) for s in (sentences or [regex_sentences(t) for t in texts])]
        sentence_push = self._sentence_push(texts, spans)
        names = self.design_.get_feature_names_out()
        out: list[list[FrameCall]] = []
        for i, text in enumerate(texts):
            row = x.getrow(i)
            calls = []
            for j, frame in enumerate(self.frames_):
                evidence = self._terms(row, j, names, text)
                push = sentence_push[i][:, j] if len(spans[i]) else np.empty(0)
                for k in np.argsort(-push, kind="stable")[:TOP_SENTENCES]:
                    if push[k] > 0:
                        start, end = spans[i][k]
                        evidence.append(
                            Contribution(
                                "sentence", text[start:end], round(float(push[k]), 6), start, end
                            )
                        )
                calls.append(
                    FrameCall(
                        frame,
                        float(probs[i, j]),
                        float(self.threshold_[j]),
                        tuple(evidence),
                    )
                )
            out.append(calls)
        return out

    def _terms(self, row: sparse.csr_matrix, j: int, names: Any, text: str) -> list[Contribution]:
        weights = row.data * self.coef_[j, row.indices]
        order = np.lexsort((row.indices, -weights))[:TOP_TERMS]
        found = []
        for k in order:
            if weights[k] <= 0:
                break
            block, _, name = str(names[row.indices[k]]).partition("__")
            if block == "words":
                at = _locate(name, text)
                found.append(
                    Contribution(
                        "term",
                        name,
                        round(float(weights[k]), 6),
                        at[0] if at else None,
                        at[1] if at else None,
                    )
                )
            else:
                found.append(Contribution("metric", name, round(float(weights[k]), 6)))
        return found

    def _sentence_push(
        self, texts: Sequence[str], spans: list[list[tuple[int, int]]]
    ) -> list[npt.NDArray[np.float64]]:
        """Per text, (sentences × frames): each sentence's words alone through the word block."""
        words = self.design_.named_transformers_["words"]
        n_words = len(words.vocabulary_)
        weight = self.design_.transformer_weights.get("words", 1.0)
        w = self.coef_[:, :n_words].T * weight
        flat = [t[s:e] for t, ss in zip(texts, spans, strict=True) for s, e in ss]
        pushed = np.asarray(words.transform(flat) @ w) if flat else np.empty((0, len(w.T)))
        out, at = [], 0
        for ss in spans:
            out.append(pushed[at : at + len(ss)])
            at += len(ss)
        return out
