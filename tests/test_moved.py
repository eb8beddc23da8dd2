"""Old module names from before the re-layout still import, with a DeprecationWarning."""

from __future__ import annotations

import importlib
import sys
import warnings

import pytest

import framing
from framing._moved import MOVED


@pytest.mark.parametrize("old", sorted(MOVED))
def test_every_old_module_name_resolves_to_its_new_home(old: str) -> None:
    module = importlib.import_module(old)
    for target in MOVED[old]:
        importlib.import_module(target)  # each named new home exists
    assert module.__name__ == old


@pytest.mark.parametrize(
    ("old", "name", "new"),
    [
        ("framing.registry", "metric", "framing.features"),
        ("framing.registry", "SCHEMA_VERSION", "framing.schema"),
        ("framing.batch", "ScoredArticle", "framing.corpus.articles"),
        ("framing.sklearn", "FramingFeatures", "framing.integrations.sklearn"),
        ("framing.dictionaries", "compile_lexicon", "framing.lexicon.matcher"),
        ("framing.compare", "Comparison", "framing.comparison"),
        ("framing.compare", "compare", "framing.api"),
    ],
)
def test_names_come_from_the_new_modules_with_a_warning(old: str, name: str, new: str) -> None:
    sys.modules.pop(old, None)
    module = importlib.import_module(old)
    with pytest.warns(DeprecationWarning, match=f"{old} moved: import from"):
        value = getattr(module, name)
    assert value is getattr(importlib.import_module(new), name)


def test_an_unknown_name_of_an_old_module_is_an_attribute_error() -> None:
    module = importlib.import_module("framing.tables")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        with pytest.raises(AttributeError, match="has no attribute 'nonsense'"):
            module.nonsense  # noqa: B018


def test_the_face_keeps_compare_a_function_after_the_old_module_is_imported() -> None:
    """``framing.compare`` was a module and is now the face's function: importing the old
    module name must not replace the function."""
    importlib.import_module("framing.compare")
    assert callable(framing.compare)
    assert framing.compare is importlib.import_module("framing.api").compare
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        from framing.compare import Comparison  # the old spelling still works
    assert Comparison.__module__ == "framing.comparison"


def test_new_names_do_not_warn() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error", DeprecationWarning)
        from framing.features import metric
        from framing.integrations.sklearn import FramingFeatures

    assert metric("words").name == "words"
    assert FramingFeatures.__module__ == "framing.integrations.sklearn"


def test_the_old_rewrite_diff_warns_and_gives_the_same_result() -> None:
    from framing.rewrite import diff as old_diff
    from tests.conftest import seed_path

    args = (seed_path("004"), seed_path("001"))
    with pytest.warns(DeprecationWarning, match="use framing.diff"):
        old = old_diff(*args, spacy_model="blank")
    assert old.to_dict() == framing.diff(*args, spacy_model="blank").to_dict()
