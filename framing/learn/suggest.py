"""Which articles to code next: the ones the model is least sure of, spread over the corpus.

Uncertainty sampling with diversity. An article's uncertainty is the mean over frames of
``4 p (1 - p)`` (1 at a probability of one half, 0 at 0 or 1). From the most uncertain
candidates (:data:`POOL` times as many as asked for), articles are picked one at a time by
``uncertainty × (1 - similarity)``, where similarity is the highest cosine similarity of the
article's words (the model's TF-IDF block) to an article already picked: twenty near-copies
of one wire story teach the model no more than one does. Ties go to the earlier article.

>>> import numpy as np
>>> uncertainty(np.array([[0.5, 0.5], [0.9, 0.1]])).tolist()
[1.0, 0.36]
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import numpy.typing as npt
from scipy import sparse

from framing.document import Document
from framing.learn.features import text_column
from framing.learn.model import FrameModel

#: Candidates considered per article asked for.
POOL = 5


def uncertainty(probabilities: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    """Mean over frames of ``4 p (1 - p)``, per article (rounded to 12 decimals)."""
    mean = np.asarray(np.mean(4 * probabilities * (1 - probabilities), axis=1), dtype=np.float64)
    out: npt.NDArray[np.float64] = np.round(mean, 12)
    return out


def pick(
    scores: npt.NDArray[np.float64], vectors: sparse.csr_matrix, n: int, pool: int = POOL
) -> list[int]:
    """Greedy uncertainty-times-novelty picks among the ``pool * n`` most uncertain rows."""
    order = np.argsort(-scores, kind="stable")[: max(n, pool * n)]
    chosen: list[int] = []
    nearest = np.zeros(len(order))
    vecs = vectors[order]
    for _ in range(min(n, len(order))):
        gain = scores[order] * (1 - nearest)
        gain[[order.tolist().index(c) for c in chosen]] = -np.inf
        best = int(np.argmax(gain))
        chosen.append(int(order[best]))
        sims = np.asarray((vecs @ vecs[best].T).todense()).ravel()
        nearest = np.maximum(nearest, sims)
    return chosen


def suggest_indices(model: FrameModel, texts: Sequence[str], n: int) -> list[int]:
    """Indices of the ``n`` texts to code next, best first."""
    if not texts or n <= 0:
        return []
    probabilities = model.predict_proba(texts)
    words = model.design_.named_transformers_["words"]
    vectors = sparse.csr_matrix(words.transform(text_column(texts)[:, 0]))
    return pick(uncertainty(probabilities), vectors, n)


def suggestion_rows(model: FrameModel, docs: Sequence[Document], n: int) -> list[dict[str, Any]]:
    """The ``n`` documents to code next as CSV rows: rank, source, title, uncertainty, the
    model's probability per frame, the text, and an empty ``labels`` cell to fill in."""
    texts = [d.text for d in docs]
    picks = suggest_indices(model, texts, n)
    if not picks:
        return []
    probabilities = model.predict_proba([texts[i] for i in picks])
    u = uncertainty(probabilities)
    rows = []
    for rank, (i, p, unsure) in enumerate(zip(picks, probabilities, u, strict=True), start=1):
        rows.append(
            {
                "rank": rank,
                "id": docs[i].source,
                "title": docs[i].metadata.title,
                "uncertainty": round(float(unsure), 6),
                **{f"p.{f}": round(float(v), 6) for f, v in zip(model.frames_, p, strict=True)},
                "text": texts[i],
                "labels": "",
            }
        )
    return rows
