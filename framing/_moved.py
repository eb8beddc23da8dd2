"""Deprecation aliases for modules that moved in the package re-layout (issue #13).

``import framing.batch`` (or ``from framing.registry import metric``) still works for one
release: the old name resolves to a module that forwards every attribute to its new home(s)
and warns once per old module with a :class:`DeprecationWarning` naming where to import from.
"""

from __future__ import annotations

import importlib
import importlib.abc
import importlib.machinery
import sys
import types
import warnings
from collections.abc import Sequence

#: old module -> new modules, searched in order for each attribute.
MOVED: dict[str, tuple[str, ...]] = {
    "framing.batch": ("framing.run.local", "framing.corpus.articles"),
    "framing.cache": ("framing.run.cache",),
    "framing.distributed": ("framing.run.dask",),
    "framing.store": ("framing.corpus.spill",),
    "framing.dictionaries": ("framing.lexicon.liwc", "framing.lexicon.matcher"),
    "framing.lexicon_tools": ("framing.evaluate.lexicons",),
    "framing.registry": ("framing.features.registry", "framing.features", "framing.schema"),
    "framing.context": ("framing.features.context",),
    "framing.tables": ("framing.export.tables",),
    "framing.render": ("framing.cli.render", "framing.schema"),
    "framing.spacy_component": ("framing.integrations.spacy",),
    "framing.sklearn": ("framing.integrations.sklearn",),
    "framing.dataframe": ("framing.integrations.pandas",),
    "framing.columns": ("framing.integrations.columns",),
    "framing.docs": ("framing.docgen.pages", "framing.schema"),
    "framing.reference": ("framing.docgen.reference",),
    "framing.calendar": ("framing.text.calendar",),
    "framing.quotes": ("framing.text.quotes",),
    "framing.compare": ("framing.comparison", "framing.api"),
}


class _Alias(types.ModuleType):
    """An old module name: attributes come from the new modules, with one warning."""

    def __init__(self, name: str, targets: Sequence[str]) -> None:
        super().__init__(name, f"Moved: import from {' or '.join(targets)} instead.")
        self._targets = tuple(targets)
        self._warned = False

    def __getattr__(self, attr: str) -> object:
        if attr.startswith("__"):
            raise AttributeError(attr)
        if not self._warned:
            self._warned = True
            warnings.warn(
                f"{self.__name__} moved: import from {' or '.join(self._targets)} instead "
                "(the old name goes away in the next minor release)",
                DeprecationWarning,
                stacklevel=2,
            )
        for target in self._targets:
            module = importlib.import_module(target)
            if hasattr(module, attr):
                return getattr(module, attr)
        raise AttributeError(f"module {self.__name__!r} has no attribute {attr!r}")


class _Finder(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    def find_spec(
        self, fullname: str, path: Sequence[str] | None, target: types.ModuleType | None = None
    ) -> importlib.machinery.ModuleSpec | None:
        if fullname not in MOVED:
            return None
        return importlib.machinery.ModuleSpec(fullname, self)

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> types.ModuleType:
        return _Alias(spec.name, MOVED[spec.name])

    def exec_module(self, module: types.ModuleType) -> None:
        """Nothing to run: the alias forwards attribute look-ups."""


def install() -> None:
    """Put the alias finder on ``sys.meta_path`` (once)."""
    if not any(isinstance(f, _Finder) for f in sys.meta_path):
        sys.meta_path.append(_Finder())
