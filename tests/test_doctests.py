"""Every example in a docstring runs and gives what it shows (examples are documentation:
one that drifts misleads)."""

from __future__ import annotations

import doctest
import importlib
from pathlib import Path

import pytest

from tests.conftest import SEEDS
from tests.test_layout import modules

#: Not importable on its own: running it is the docs build.
SKIP = {"framing.docgen.__main__"}


@pytest.mark.parametrize("name", sorted(set(modules()) - SKIP))
def test_docstring_examples(name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # examples name the seeds as a user in the repository would (seeds/…), and some write
    # files (framing.sqlite): run them in an empty folder that sees the seeds
    (tmp_path / "seeds").symlink_to(SEEDS, target_is_directory=True)
    monkeypatch.chdir(tmp_path)
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0, f"{result.failed} of {result.attempted} examples failed in {name}"
