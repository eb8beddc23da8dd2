"""Rewrite analysis: same-story clusters, who rewrote whom, and what the rewrite changed.

Modules: ``stories`` (clustering into stories and events), ``align`` (sentences of a rewrite
mapped to its source), ``numbers`` (quantities and dates, normalised), ``changes`` (what changed
on aligned sentences), ``derive`` (the derivation graph).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from framing.rewrite.changes import RewriteDiff


def diff(
    source: str | Path,
    rewrite: str | Path,
    *,
    spacy_model: str = "auto",
    lexicons: Sequence[str | Path] = (),
) -> RewriteDiff:
    """Compare a rewrite with its source article (files of any supported kind; the first
    article of each is used).

    >>> d = diff("seeds/004_d472f51968b70f97.txt", "seeds/001_2274d8085f08d29a.txt",
    ...          spacy_model="blank")
    >>> "quote:altered" in d.counts()
    True
    """
    from framing.ingest import read_path
    from framing.rewrite.changes import diff_scores
    from framing.score import get_engine

    engine = get_engine(spacy_model, tuple(str(p) for p in lexicons))
    a, b = (engine.score_document(read_path(p)[0]) for p in (source, rewrite))
    return diff_scores(a, b, engine.resources.lexicons["evaluation"])
