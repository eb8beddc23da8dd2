"""Rewrite analysis: same-story clusters, who rewrote whom, and what the rewrite changed.

Modules: ``stories`` (clustering into stories and events), ``align`` (sentences of a rewrite
mapped to its source), ``numbers`` (quantities and dates, normalised), ``changes`` (what changed
on aligned sentences), ``derive`` (the derivation graph).
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from framing.rewrite.changes import RewriteDiff
    from framing.score import Engine


def diff_files(source: str | Path, rewrite: str | Path, engine: Engine) -> RewriteDiff:
    """What ``rewrite`` changed relative to ``source``, both scored by ``engine`` (files of
    any supported kind; the first article of each is used). :func:`framing.diff` is this with
    the engine built for you."""
    from framing.ingest import read_path
    from framing.rewrite.changes import diff_scores

    a, b = (engine.score_document(read_path(p)[0]) for p in (source, rewrite))
    return diff_scores(a, b, engine.resources.lexicons["evaluation"])


def diff(
    source: str | Path,
    rewrite: str | Path,
    *,
    spacy_model: str = "auto",
    lexicons: Sequence[str | Path] = (),
) -> RewriteDiff:
    """Deprecated: use :func:`framing.diff` (same arguments, same result)."""
    from framing.score import get_engine

    warnings.warn(
        "framing.rewrite.diff moved: use framing.diff (the old name goes away in the next "
        "minor release)",
        DeprecationWarning,
        stacklevel=2,
    )
    return diff_files(source, rewrite, get_engine(spacy_model, tuple(str(p) for p in lexicons)))
