"""The sentence scorer gives VADER's own compound score, float for float."""

from __future__ import annotations

import tomllib
from importlib.metadata import version
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from framing.features._vader import MIRRORED_VERSION, MIRRORS, SentenceTone
from framing.ingest import read_path
from framing.score import Engine

ROOT = Path(__file__).resolve().parents[2]
POLNEAR = ROOT.parent / "shared" / "eval" / "polnear" / "data" / "train" / "text"
TRICKY = [
    "",
    "   ",
    "Good.",
    "It is not good, but it is GREAT!!! Really??",
    "The food was kind of bad, but the service was sort of okay.",
    "No problem at all; no good deed goes unpunished.",
    "At least he tried. Least of all the worst.",
    "Never so happy, without doubt the best day :) :-( <3",
    "I 😀 love it 💔 but hate 🇺🇸 this",
    "The BAD news is EXTREMELY bad for the very good team.",
    "he's a bad ass; yeah right, the bomb, cut the mustard",
    "but but but good bad good",
    "nor no or nor terrible hardly wonderful",
    # idioms and booster phrases around a lexicon word (the idiom check skips windows that
    # lack one of their words): before it, after it, and split by it
    "It was the kiss of death for a good plan, a cake to die for, good beating heart.",
    "Just enough good news; the bus stop was great, the shit happy, yeah right happy.",
    "kiss of good death, to good die for, bus happy stop, sort good of, kind of sad",
]


def test_the_installed_vadersentiment_is_the_version_the_mirror_copies() -> None:
    installed = version(MIRRORS)
    assert installed == MIRRORED_VERSION, (
        f"{MIRRORS} {installed} is installed, but framing/features/_vader.py copies the rules "
        f"of {MIRRORS} {MIRRORED_VERSION}: check its changes against the mirror (the tests in "
        f"this file compare the two), then update MIRRORED_VERSION and the pin in pyproject.toml"
    )


def test_pyproject_pins_vadersentiment_to_the_version_the_mirror_copies() -> None:
    with (ROOT / "pyproject.toml").open("rb") as f:
        dependencies = tomllib.load(f)["project"]["dependencies"]
    assert f"{MIRRORS}=={MIRRORED_VERSION}" in dependencies


@pytest.fixture(scope="module")
def vader() -> SentimentIntensityAnalyzer:
    return SentimentIntensityAnalyzer()


def _assert_same(tone: SentenceTone, vader: SentimentIntensityAnalyzer, text: str) -> None:
    want = float(vader.polarity_scores(text)["compound"])
    assert repr(tone(text)) == repr(want), text
    assert repr(tone(text)) == repr(want), text  # and again from the sentence table


def test_sentence_tone_equals_vader_on_tricky_text(vader: SentimentIntensityAnalyzer) -> None:
    tone = SentenceTone(vader)
    for text in TRICKY:
        _assert_same(tone, vader, text)


def _sentences(blank: Engine, texts: list[str]) -> list[str]:
    out = []
    for doc in blank.pipeline.nlp.pipe(texts):
        out += [s.text for s in doc.sents]
    return out


def test_sentence_tone_equals_vader_on_seed_sentences(
    blank: Engine, vader: SentimentIntensityAnalyzer
) -> None:
    tone = SentenceTone(vader)
    texts = [read_path(p)[0].text for p in sorted((ROOT / "seeds").glob("*.txt"))]
    sentences = _sentences(blank, texts)
    assert len(sentences) > 50
    for s in sentences:
        _assert_same(tone, vader, s)


@pytest.mark.skipif(not POLNEAR.is_dir(), reason="../shared/eval/polnear is absent")
def test_sentence_tone_equals_vader_on_polnear_sentences(
    blank: Engine, vader: SentimentIntensityAnalyzer
) -> None:
    tone = SentenceTone(vader)
    texts = [p.read_text(encoding="utf-8") for p in sorted(POLNEAR.glob("*.txt"))[:40]]
    sentences = _sentences(blank, texts)
    assert len(sentences) > 500
    for s in sentences:
        _assert_same(tone, vader, s)


WORDS = st.sampled_from(
    [
        "good",
        "bad",
        "GOOD",
        "not",
        "no",
        "never",
        "so",
        "this",
        "without",
        "doubt",
        "but",
        "BUT",
        "kind",
        "of",
        "sort",
        "very",
        "extremely",
        "least",
        "at",
        "isn't",
        "the",
        "bomb",
        "cut",
        "mustard",
        "!",
        "?",
        ":)",
        "😀",
        "lol",
        "hate",
        "love",
        "...",
        "'good'",
        "or",
        "nor",
        "shit",
        "ass",
        "yeah",
        "right",
        "kiss",
        "death",
        "die",
        "to",
        "for",
        "beating",
        "heart",
        "just",
        "enough",
        "bus",
        "stop",
        "hardly",
        "NOT",
        "Never",
        "LEAST",
        "barely",
    ]
)


@settings(max_examples=1000, deadline=None)
@given(st.lists(WORDS, max_size=12), st.sampled_from(["", ".", "!", "!!", "??", "?!?"]))
def test_sentence_tone_equals_vader_on_generated_sentences(words: list[str], end: str) -> None:
    vader = _VADER
    _assert_same(SentenceTone(vader), vader, " ".join(words) + end)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=80))
def test_sentence_tone_equals_vader_on_generated_text(text: str) -> None:
    _assert_same(SentenceTone(_VADER), _VADER, text)


_VADER = SentimentIntensityAnalyzer()
