"""scikit-learn transformer: texts in, one column per framing metric out.

>>> from framing.integrations.sklearn import FramingFeatures
>>> features = FramingFeatures(metrics=["humanitarian_terms", "hedges"]).fit(["x"])
>>> features.transform(["Refugees fled, perhaps.", "Troops advanced."])
array([[2., 1.],
       [0., 0.]])
>>> features.get_feature_names_out().tolist()
['humanitarian_terms', 'hedges']

Like scikit-learn's text vectorizers, the input is a 1-D sequence of strings (a list, a 1-D
array, a pandas Series or a ``ColumnTransformer`` column), not a 2-D array. Rates with no
denominator stay NaN (no data is not zero): put ``SimpleImputer`` before a model that refuses
NaN. ``fit`` learns nothing from the texts; it checks the parameters and fixes the columns.
"""

from __future__ import annotations

import hashlib
from collections import OrderedDict
from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache
from typing import Any

import numpy as np
import numpy.typing as npt
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.utils.validation import check_is_fitted

from framing.document import Document
from framing.integrations.columns import available, select, values
from framing.score import ArticleScore, Engine, get_engine


class FramingFeatures(TransformerMixin, BaseEstimator):  # type: ignore[misc]
    """Framing metrics as features: one row per text, one float column per metric.

    Parameters
    ----------
    metrics : sequence of str or None
        Metric names (``framing metrics`` lists them; user-lexicon columns are named
        ``custom.<lexicon>.<category>.count`` / ``.per_1000_words``). None: every metric.
    spacy_model : str
        ``"blank"`` (fast, rule-based sentences), ``"auto"`` or an installed pipeline name.
    lexicons : sequence of str
        Lexicon TOML files that override or add categories.
    clean : bool
        Remove web-page furniture before scoring, as :func:`framing.score_text` does. Off by
        default: training texts are usually article bodies already, and cleaning could drop a
        body's first line as a headline. With it on, a text with nothing left raises
        :class:`framing.errors.InputError` naming its position.

    Attributes
    ----------
    metrics_ : tuple of str
        The output columns, fixed by ``fit``.
    """

    def __init__(
        self,
        metrics: Sequence[str] | None = None,
        spacy_model: str = "blank",
        lexicons: Sequence[str] = (),
        clean: bool = False,
    ) -> None:
        self.metrics = metrics
        self.spacy_model = spacy_model
        self.lexicons = lexicons
        self.clean = clean

    def _engine(self) -> Engine:
        # shared per process by get_engine, never stored: pickling and clone stay cheap
        return get_engine(self.spacy_model, tuple(str(p) for p in self.lexicons))

    def fit(self, X: Iterable[str], y: object = None) -> FramingFeatures:
        """Check the texts and the parameters and fix the output columns (``metrics_``)."""
        _texts(X)
        self.metrics_ = select(self._engine(), self.metrics)
        return self

    def transform(self, X: Iterable[str]) -> npt.NDArray[np.float64]:
        """A float array of shape (number of texts, number of metrics); NaN where a rate has
        no denominator."""
        check_is_fitted(self, "metrics_")
        texts = _texts(X)
        engine = self._engine()
        columns = available(engine)
        keys = _row_keys(engine, self.clean, texts)
        rows = {key: _ROWS[key] for key in keys if key in _ROWS}
        todo = [i for i, key in enumerate(keys) if key not in rows]
        scores = engine.score_documents(self._documents(texts, todo))
        for i, score in zip(todo, scores, strict=True):
            rows[keys[i]] = np.asarray(values(score, columns), dtype=np.float64)
        for key, row in rows.items():
            _remember(key, row)
        chosen = [columns.index(m) for m in self.metrics_]
        if not keys:
            return np.empty((0, len(chosen)), dtype=np.float64)
        return np.vstack([rows[key] for key in keys])[:, chosen]

    def _documents(self, texts: list[str], indices: list[int]) -> Iterator[Document]:
        from framing.ingest import read_text
        from framing.ingest.text import document_as_is

        for i in indices:
            source = f"X[{i}]"
            yield read_text(texts[i], source) if self.clean else document_as_is(texts[i], source)

    def get_feature_names_out(self, input_features: Any = None) -> npt.NDArray[np.object_]:
        """The metric names, in column order (``input_features`` is ignored: texts have none)."""
        check_is_fitted(self, "metrics_")
        return np.asarray(self.metrics_, dtype=object)

    def __sklearn_tags__(self) -> Any:
        tags = super().__sklearn_tags__()
        # as CountVectorizer: raw strings in, no 2-D arrays (scikit-learn's common checks
        # skip such estimators; tests/test_sklearn.py runs the ones that apply)
        tags.input_tags.string = True
        tags.input_tags.two_d_array = False
        tags.transformer_tags.preserves_dtype = []
        return tags


#: Rows of texts scored before, so cross-validation and grid search score each text once per
#: process (scoring is deterministic for an engine and a text). Oldest dropped first.
_ROWS: OrderedDict[tuple[str, str, bool, str], npt.NDArray[np.float64]] = OrderedDict()
CACHE_ROWS = 20_000


@lru_cache(maxsize=16)
def _fingerprint(engine: Engine) -> str:
    """An engine's lexicon fingerprint, computed once per engine (it hashes every term, and
    an engine's lexicons never change)."""
    return engine.lexicon_set.fingerprint


def _row_keys(engine: Engine, clean: bool, texts: list[str]) -> list[tuple[str, str, bool, str]]:
    pipeline = f"{engine.pipeline.name}@{engine.pipeline.version}"
    lexicons = _fingerprint(engine)
    return [
        (pipeline, lexicons, clean, hashlib.sha256(t.encode("utf-8", "surrogatepass")).hexdigest())
        for t in texts
    ]


def remember_scores(engine: Engine, scores: Iterable[ArticleScore]) -> int:
    """Keep the metric rows of articles ``engine`` itself scored (same pipeline and lexicons),
    keyed by their cleaned text, so a ``FramingFeatures`` on that engine (``clean=False``)
    reuses them instead of scoring the texts again. Returns how many were kept.

    ``boilerplate_share`` is the one metric that differs: it measures the page the text was
    cleaned from, which a text given as is does not have, so it is set to its as-is value, NaN.
    """
    pipeline = f"{engine.pipeline.name}@{engine.pipeline.version}"
    lexicon_hash = _fingerprint(engine)[:16]
    columns = available(engine)
    kept = 0
    for score in scores:
        if score.pipeline_label != pipeline or score.lexicon_hash != lexicon_hash:
            continue
        if not score.text.strip():
            continue
        row = np.asarray(values(score, columns), dtype=np.float64)
        if "boilerplate_share" in columns:
            row[columns.index("boilerplate_share")] = np.nan
        _remember(_row_keys(engine, False, [score.text])[0], row)
        kept += 1
    return kept


def _remember(key: tuple[str, str, bool, str], row: npt.NDArray[np.float64]) -> None:
    row.flags.writeable = False
    _ROWS[key] = row
    _ROWS.move_to_end(key)
    while len(_ROWS) > CACHE_ROWS:
        _ROWS.popitem(last=False)


def _texts(X: Iterable[str]) -> list[str]:
    """The texts of ``X`` as a list; ValueError for a lone string, a 2-D input or a non-string."""
    if isinstance(X, str | bytes):
        raise ValueError("Iterable over raw text documents expected, string object received.")
    ndim = getattr(X, "ndim", 1)
    if ndim != 1:
        shape = getattr(X, "shape", "?")
        raise ValueError(
            f"expected a 1-D sequence of texts (a list, a 1-D array or a pandas Series), got "
            f"{ndim}-D input of shape {shape}"
        )
    texts = list(X)
    for i, text in enumerate(texts):
        if not isinstance(text, str):
            raise ValueError(f"X[{i}] is {type(text).__name__} {text!r}; expected a string")
    return texts
