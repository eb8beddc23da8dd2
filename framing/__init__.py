"""framing: measure how news outlets frame the same story, with the evidence behind every number.

The public face: score one article (:func:`score_text`, :func:`score_path`), a DataFrame's
text column (:func:`score_frame`), compare outlets (:func:`compare`), diff a rewrite
against its source (:func:`diff`), and learn frames from coded articles (:func:`train`,
:func:`load_model`). Every interface (this face, the CLI) goes through
:mod:`framing.api`; modules inside the package never import this face.

>>> from framing import score_text
>>> score = score_text("Officials said the troops were deployed.", spacy_model="blank")
>>> score.metrics["strategic_terms"] >= 1
True
"""

from __future__ import annotations

import sys
import types
from importlib import import_module
from typing import TYPE_CHECKING

from framing import _moved
from framing.about import __version__

if TYPE_CHECKING:
    from framing.api import compare, diff, load_model, score_path, score_text, train
    from framing.integrations.pandas import score_frame

__all__ = [
    "__version__",
    "compare",
    "diff",
    "load_model",
    "score_frame",
    "score_path",
    "score_text",
    "train",
]

# Imported on first use, so ``import framing.errors`` stays light (it runs this file first);
# score_frame needs the optional pandas extra.
_LAZY = {
    "compare": "framing.api",
    "diff": "framing.api",
    "score_path": "framing.api",
    "score_text": "framing.api",
    "train": "framing.api",
    "load_model": "framing.api",
    "score_frame": "framing.integrations.pandas",
}


def __getattr__(name: str) -> object:
    if name in _LAZY:
        return getattr(import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'framing' has no attribute {name!r}")


class _Face(types.ModuleType):
    """Keeps ``framing.compare`` the function when the deprecated module alias of the same
    name is imported (the import system binds a submodule as its parent's attribute)."""

    def __setattr__(self, name: str, value: object) -> None:
        if name in __all__ and isinstance(value, types.ModuleType):
            return
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Face
_moved.install()
