"""Every example in a docstring runs and gives what it shows (examples are documentation:
one that drifts misleads)."""

from __future__ import annotations

import doctest
import importlib

import pytest

from tests.test_layout import modules

#: Not importable on its own: running it is the docs build.
SKIP = {"framing.docgen.__main__"}


@pytest.mark.parametrize("name", sorted(set(modules()) - SKIP))
def test_docstring_examples(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.conftest import ROOT

    monkeypatch.chdir(ROOT)  # examples name files relative to the repository (seeds/…)
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0, f"{result.failed} of {result.attempted} examples failed in {name}"
