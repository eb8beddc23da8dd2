"""A corpus of articles: discovering input files and their outlets (:mod:`~framing.corpus.inputs`),
the scored-article record (:mod:`~framing.corpus.articles`), and spilling scored articles to
disk (:mod:`~framing.corpus.spill`)."""

from __future__ import annotations

from framing.corpus.articles import Progress, Result, ScoredArticle
from framing.corpus.inputs import (
    MANIFESTS,
    ROLES,
    SUPPORTED,
    UNKNOWN,
    Failure,
    InputFile,
    Placement,
    discover,
    read_manifest,
)

__all__ = [
    "MANIFESTS",
    "ROLES",
    "SUPPORTED",
    "UNKNOWN",
    "Failure",
    "InputFile",
    "Placement",
    "Progress",
    "Result",
    "ScoredArticle",
    "discover",
    "read_manifest",
]
