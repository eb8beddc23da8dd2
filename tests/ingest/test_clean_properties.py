"""Properties of clean_text that hold for any input, checked with hypothesis."""

from __future__ import annotations

import re
import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from framing.ingest import REMOVAL_REASONS, clean_text

# Lines that exercise the rules, mixed with arbitrary text, so the properties meet every stage.
SAMPLE_LINES = [
    "Friday, May 16, 2025",
    "Harbour ferry returns after winter repairs",
    "By Ines Marlowe",
    "Share",
    "• Facebook share button",
    "Settings",
    "• -2",
    "Related Articles",
    "Global",
    "Lighthouse open day returns for the summer season",
    "The lighthouse will open to visitors on three weekends...",
    "Passengers board the ferry on Friday, Jan. 12. Yonhap",
    "Ines Marlowe imarlowe@courier.example.org",
    "Original Source: www.example.org",
    "Date:",
    "go top LETTER",
    "The ferry made its first crossing of the year on Friday, the council said.",
    "“I’m glad it’s back,” one commuter said.",
    "  \t ",
    "",
]

raw_texts = st.one_of(
    st.text(),
    st.lists(st.one_of(st.sampled_from(SAMPLE_LINES), st.text(max_size=60)), max_size=25).map(
        "\n".join
    ),
    st.lists(st.sampled_from(SAMPLE_LINES), max_size=25).map("\r\n\r\n".join),
)


def paragraphs(text: str) -> list[str]:
    return text.split("\n\n") if text else []


def normalise(line: str) -> str:
    return " ".join(unicodedata.normalize("NFC", line).split())


@settings(max_examples=300, deadline=None)
@given(raw_texts)
def test_never_raises_and_every_non_blank_line_is_kept_or_removed(raw: str) -> None:
    cleaned = clean_text(raw)
    removed = {r.line: r for r in cleaned.removed}
    assert len(removed) == len(cleaned.removed)  # one entry per raw line
    kept = []
    for number, line in enumerate(re.split(r"\r\n|\r|\n", raw), start=1):
        if not line.strip():
            assert number not in removed
        elif number in removed:
            assert removed[number].text == line.strip()
            assert removed[number].reason in REMOVAL_REASONS
        else:
            kept.append(normalise(line))
    assert kept == paragraphs(cleaned.text)


@settings(max_examples=300, deadline=None)
@given(raw_texts)
def test_cleaning_again_adds_nothing(raw: str) -> None:
    once = clean_text(raw)
    twice = clean_text(once.text)
    assert set(paragraphs(twice.text)) <= set(paragraphs(once.text))
    assert clean_text(twice.text).text == clean_text(twice.text).text  # deterministic


@settings(max_examples=300, deadline=None)
@given(raw_texts)
def test_paragraphs_are_stripped_single_spaced_and_boilerplate_share_is_a_share(
    raw: str,
) -> None:
    cleaned = clean_text(raw)
    for paragraph in paragraphs(cleaned.text):
        assert paragraph and paragraph == normalise(paragraph)
    removed_chars = sum(len("".join(r.text.split())) for r in cleaned.removed)
    assert 0 <= removed_chars <= cleaned.raw_chars
    assert cleaned.raw_chars == sum(not ch.isspace() for ch in raw)
