"""framing: measure how news outlets frame the same story, with the evidence behind every number.

>>> from framing import score_text
>>> score = score_text("Officials said the troops were deployed.", spacy_model="blank")
>>> score.metrics["strategic_terms"] >= 1
True
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

__version__ = "0.1.0"

if TYPE_CHECKING:
    from framing.dataframe import score_frame
    from framing.score import ArticleScore

__all__ = ["__version__", "score_frame", "score_path", "score_text"]


def __getattr__(name: str) -> object:
    # score_frame needs the optional pandas extra: imported on first use, not with framing
    if name == "score_frame":
        from framing.dataframe import score_frame

        return score_frame
    raise AttributeError(f"module 'framing' has no attribute {name!r}")


def score_text(
    text: str,
    *,
    spacy_model: str = "auto",
    lexicons: Sequence[str | Path] = (),
    source: str = "<text>",
    clean: bool = True,
) -> ArticleScore:
    """Clean and score one article given as text (a raw page dump is fine); ``clean=False``
    scores the text as it is, so evidence offsets point into ``text`` itself."""
    from framing.score import get_engine

    engine = get_engine(spacy_model, tuple(str(p) for p in lexicons))
    return engine.score_text(text, source, clean=clean)


def score_path(
    path: str | Path,
    *,
    spacy_model: str = "auto",
    lexicons: Sequence[str | Path] = (),
    text_field: str | None = None,
) -> list[ArticleScore]:
    """Score every article in a file (.txt, .html, .json, .jsonl, .csv)."""
    from framing.ingest import read_path
    from framing.score import get_engine

    engine = get_engine(spacy_model, tuple(str(p) for p in lexicons))
    return list(engine.score_documents(read_path(path, text_field=text_field)))
