"""What a frame model sees of an article: TF-IDF word and two-word-phrase weights next to the
framing metrics, joined by one scikit-learn ``ColumnTransformer``.

The input is a 2-D object array with the text in column 0 (:func:`text_column`), so the same
transformer takes more columns later without changing shape. The metric block is
:class:`~framing.integrations.sklearn.FramingFeatures` (no data is NaN, so a median imputer
follows it), standardised and given a small weight: a few dozen dense columns next to
thousands of sparse word columns would otherwise dominate the penalty.

``boilerplate_share`` is left out: it measures the web page around an article, which a text
given as is never has.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np
import numpy.typing as npt
from sklearn.compose import ColumnTransformer
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.impute import SimpleImputer
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import StandardScaler

from framing.integrations.columns import available
from framing.integrations.sklearn import FramingFeatures
from framing.score import get_engine

#: Metrics that describe the page, not the article's language.
NOT_FEATURES = frozenset({"boilerplate_share"})
#: Weight of the standardised metric block against the unit-length TF-IDF rows.
METRICS_WEIGHT = 0.05


def text_column(texts: Iterable[str]) -> npt.NDArray[np.object_]:
    """Texts as the one-column 2-D object array the design takes."""
    items = list(texts)
    out = np.empty((len(items), 1), dtype=object)
    for i, text in enumerate(items):
        out[i, 0] = text
    return out


def metric_names(spacy_model: str, lexicons: Sequence[str]) -> tuple[str, ...]:
    """Every metric the design uses for an engine's lexicons."""
    engine = get_engine(spacy_model, tuple(lexicons))
    return tuple(m for m in available(engine) if m not in NOT_FEATURES)


def words() -> TfidfVectorizer:
    """Sublinear TF-IDF of words and two-word phrases seen in at least two articles."""
    return TfidfVectorizer(
        sublinear_tf=True,
        ngram_range=(1, 2),
        min_df=2,
        max_df=0.9,
        stop_words="english",
        dtype=np.float64,
    )


def design(
    spacy_model: str = "blank",
    lexicons: Sequence[str] = (),
    metrics_weight: float = METRICS_WEIGHT,
) -> ColumnTransformer:
    """The unfitted feature transformer: ``words`` from column 0, then the framing metrics
    (none when ``metrics_weight`` is 0: the plain TF-IDF baseline)."""
    blocks: list[tuple[str, object, int]] = [("words", words(), 0)]
    if metrics_weight > 0:
        metrics = Pipeline(
            [
                (
                    "framing",
                    FramingFeatures(
                        metrics=list(metric_names(spacy_model, lexicons)),
                        spacy_model=spacy_model,
                        lexicons=tuple(lexicons),
                    ),
                ),
                ("impute", SimpleImputer(strategy="median", keep_empty_features=True)),
                ("scale", StandardScaler()),
            ]
        )
        blocks.append(("metrics", metrics, 0))
    return ColumnTransformer(
        blocks,
        transformer_weights={"words": 1.0, "metrics": metrics_weight},
        sparse_threshold=1.0,
    )
