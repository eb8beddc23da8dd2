"""The one-pass readability scorer gives textstat's own values, float for float."""

from __future__ import annotations

import tomllib
from importlib.metadata import version
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from framing.features._textstat import (
    LANG,
    MIRRORED_VERSION,
    MIRRORS,
    readability_scores,
    textstat_offline,
)
from framing.ingest import read_path

ROOT = Path(__file__).resolve().parents[2]
POLNEAR = ROOT.parent / "shared" / "eval" / "polnear" / "data" / "train" / "text"
TRICKY = [
    "",
    " ",
    "...",
    "Hi.",
    "It's the people's choice, isn't it? 'Yes' they'd say. Rock 'n' roll'S OK.",
    "İstanbul ÇAĞ İI. Dr. Smith's 3.5% rise—remarkably—in U.S. GDP!!! Really?",
    "one two. three four five six. a b",
    "Ünïcödé wörds and naïve café façades… “quoted” ‘single’ text.",
]


def test_the_installed_textstat_is_the_version_the_mirror_copies() -> None:
    installed = version(MIRRORS)
    assert installed == MIRRORED_VERSION, (
        f"{MIRRORS} {installed} is installed, but framing/features/_textstat.py copies the rules "
        f"of {MIRRORS} {MIRRORED_VERSION}: check its changes against the mirror (the tests in "
        f"this file compare the two), then update MIRRORED_VERSION and the pin in pyproject.toml"
    )


def test_pyproject_pins_textstat_to_the_version_the_mirror_copies() -> None:
    with (ROOT / "pyproject.toml").open("rb") as f:
        dependencies = tomllib.load(f)["project"]["dependencies"]
    assert f"{MIRRORS}=={MIRRORED_VERSION}" in dependencies


def _reference(text: str) -> dict[str, float]:
    return {name: float(fn(text, LANG)) for name, fn in textstat_offline().items()}


def _assert_same(text: str) -> None:
    got, want = readability_scores(text), _reference(text)
    assert list(got) == list(want)
    for name in want:
        # identical floats, not approximately equal
        assert repr(got[name]) == repr(want[name]), (name, text[:80])


@pytest.mark.parametrize("text", TRICKY)
def test_fast_readability_equals_textstat_on_tricky_text(text: str) -> None:
    _assert_same(text)


def test_fast_readability_equals_textstat_on_the_seeds() -> None:
    for path in sorted((ROOT / "seeds").glob("*.txt")):
        _assert_same(read_path(path)[0].text)


@pytest.mark.skipif(not POLNEAR.is_dir(), reason="../shared/eval/polnear is absent")
def test_fast_readability_equals_textstat_on_polnear() -> None:
    for path in sorted(POLNEAR.glob("*.txt"))[:100]:
        _assert_same(path.read_text(encoding="utf-8"))


@settings(max_examples=300, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from(list("abcXYZ 'é.!?-,;\n’İ0123")) | st.characters(),
        max_size=200,
    )
)
def test_fast_readability_equals_textstat_on_generated_text(text: str) -> None:
    _assert_same(text)
