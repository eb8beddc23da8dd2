"""Validity: every measure against human-coded corpora (``framing eval``).

One module per feature — :mod:`~framing.evaluate.hedging` (Szeged uncertainty),
:mod:`~framing.evaluate.attribution` (PolNeAR), :mod:`~framing.evaluate.frames` (narrative
framing), :mod:`~framing.evaluate.named_anonymous` (a hand-labelled fixture) and
:mod:`~framing.evaluate.source_typing` (a labelled sample of PolNeAR sources) — each returning
a :class:`FeatureResult` of named figures, tables and top false positives and negatives.
:func:`run_all` runs them and checks the targets; :func:`render_markdown` writes
``docs/validation.md``. The corpora are read from ``../shared/eval`` (or ``$FRAMING_EVAL_DIR``)
and never copied into the repository.
"""

from __future__ import annotations

from framing.evaluate.data import ENV_VAR, CorpusMissingError, eval_dir
from framing.evaluate.render import render_console, render_markdown
from framing.evaluate.results import EvalRun, FeatureResult, Figure
from framing.evaluate.run import FEATURES, TARGETS, regressions, run, run_all

__all__ = [
    "ENV_VAR",
    "FEATURES",
    "TARGETS",
    "CorpusMissingError",
    "EvalRun",
    "FeatureResult",
    "Figure",
    "eval_dir",
    "regressions",
    "render_console",
    "render_markdown",
    "run",
    "run_all",
]
