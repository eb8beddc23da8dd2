"""The five seed dumps in seeds/: page furniture goes, article prose and metadata stay."""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from pathlib import Path

import pytest

from framing.document import Document
from framing.ingest import REMOVAL_REASONS, read_path

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
TITLE_001 = "South Korea will protect North Korean soldiers captured in Ukraine if they seek asylum"
TITLE_004 = (
    "South Korea will accept all NK soldiers in Ukraine who seek defection: foreign ministry"
)
SUBHEAD_004 = (
    "26-year-old North Korean soldier expresses hopes to seek asylum in South Korea: report"
)


@cache
def seed(prefix: str) -> Document:
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    (document,) = read_path(path)
    return document


def paragraphs(document: Document) -> list[str]:
    return document.text.split("\n\n")


def removed_as(document: Document, text: str) -> set[str]:
    """The reasons given for every removed copy of a raw line."""
    return {r.reason for r in document.removed if r.text == text}


FURNITURE = [
    ("000", "Friday, May 16, 2025", "date"),
    ("000", "Human Rights Groups Urge Ukraine to Grant North Korean Soldiers Refuge in South Korea",
     "title"),
    ("000", "Date:", "empty-label"),
    ("000", "LEAVE A REPLY", "comment-prompt"),
    ("000", "Please enter your comment!", "comment-prompt"),
    ("000", "Please enter your name here", "comment-prompt"),
    ("000", "Share post:", "share-widget"),
    ("000", "Subscribe", "subscribe-prompt"),
    ("000", "spot_imgspot_img", "template"),
    ("000", "Popular", "related-list"),
    ("000", "More like this", "related-list"),
    ("000", "Related", "related-list"),
    ("000", "Taiwan Gears Up for Live-Fire Drills with New Abrams Tanks", "related-list"),
    ("000", "Doctors in Taiwan removed a massive amount of diseased...", "related-list"),
    ("001", TITLE_001, "title"),
    ("001", "Share", "share-widget"),
    ("001", "Related Articles", "related-list"),
    ("001", "Pope Francis health worsens, and he now requires assisted ventilation",
     "related-list"),
    ("002", "South Korea and Ukraine Explore Options for North Korean POWs", "title"),
    ("002", "Original Source: www.independent.co.uk", "original-source"),
    ("003", "Original Source: evrimagaci.org", "original-source"),
    ("004", "Settings", "settings-menu"),
    ("004", "ⓕ font-size", "settings-menu"),
    ("004", "• -2", "settings-menu"),
    ("004", "• +2", "settings-menu"),
    ("004", TITLE_004, "title"),
    ("004", "• Facebook share button", "share-widget"),
    ("004", "• Kakao share button", "share-widget"),
    ("004", "• Link share button", "share-widget"),
    ("004", SUBHEAD_004, "subheadline"),
    ("004", "By Lee Hyo-jin", "byline"),
    ("004", "Lee Hyo-jin lhj@koreatimes.co.kr", "signature"),
    ("004", "X", "navigation"),
    ("004", "CLOSE", "navigation"),
    ("004", "Top 10 Stories", "related-list"),
    ("004", "go top LETTER", "navigation"),
]  # fmt: skip


@pytest.mark.parametrize(("prefix", "line", "reason"), FURNITURE)
def test_furniture_is_removed_with_its_reason(prefix: str, line: str, reason: str) -> None:
    document = seed(prefix)
    assert line not in paragraphs(document)
    assert removed_as(document, line) == {reason}


@pytest.mark.parametrize(
    ("prefix", "caption_start"),
    [
        ("004", "A captured North Korean soldier is seen in this photo"),
        ("004", "Ministry of Foreign Affairs spokesperson Lee Jae-woong speaks"),
    ],
)
def test_both_copies_of_each_photo_caption_are_removed(prefix: str, caption_start: str) -> None:
    document = seed(prefix)
    copies = [r for r in document.removed if r.text.startswith(caption_start)]
    assert len(copies) == 2
    assert {r.reason for r in copies} == {"caption"}
    assert caption_start not in document.text


@pytest.mark.parametrize(
    ("prefix", "terms"),
    [
        ("000", ["Abrams", "Nikkei", "6.45", "betting", "Intestinal", "Yen strength"]),
        ("001", ["Abrams", "Nikkei", "6.45", "Pope Francis", "Epstein", "Sky Shield", "3,500",
                 "Brussels", "Yu Huaying", "Global"]),
    ],
)  # fmt: skip
def test_no_related_headline_or_teaser_remains(prefix: str, terms: list[str]) -> None:
    text = seed(prefix).text
    assert [t for t in terms if t in text] == []


def test_001_section_label_above_the_title_and_in_the_teaser_list_is_removed() -> None:
    copies = [r for r in seed("001").removed if r.text == "Global"]
    assert [r.reason for r in copies] == ["section-label"] + ["related-list"] * 7
    assert "Global" not in seed("001").text


def test_004_furniture_words_are_gone_from_the_text() -> None:
    text = seed("004").text
    for word in ["font-size", "share button", "Yonhap", "By Lee Hyo-jin", "lhj@", "Top 10",
                 "CLOSE", "go top", "LETTER", "Settings"]:  # fmt: skip
        assert word not in text
    assert "\n\nX\n\n" not in f"\n\n{text}\n\n"


@pytest.mark.parametrize(
    ("prefix", "first", "last"),
    [
        ("000", "Human rights organizations are calling on Ukraine",
         "further undermining North Korea’s military efforts in Ukraine."),
        ("001", "South Korea is willing to provide protection",
         "the South Korean military was behind the drone attacks."),
        ("002", "South Korea has expressed a readiness to accept",
         "particularly regarding their treatment upon capture."),
        ("003", "Diplomats from South Korea and Ukraine are negotiating",
         "shaped by decades of historical tension and evolving alliances."),
        ("004", "The South Korean government said Wednesday",
         '"Soldiers are being killed by the thousands'),
    ],
)  # fmt: skip
def test_article_keeps_its_first_and_last_paragraphs(prefix: str, first: str, last: str) -> None:
    body = paragraphs(seed(prefix))
    assert body[0].startswith(first)
    assert last in body[-1]


def test_004_metadata() -> None:
    metadata = seed("004").metadata
    assert metadata.title == TITLE_004
    assert metadata.byline == "Lee Hyo-jin"
    assert metadata.email_domain == "koreatimes.co.kr"
    assert metadata.extra == (("subheadline", SUBHEAD_004),)


def test_000_date_comes_from_the_top_date_line() -> None:
    assert seed("000").metadata.date == "2025-05-16"


@pytest.mark.parametrize(
    ("prefix", "declared"), [("002", "www.independent.co.uk"), ("003", "evrimagaci.org")]
)
def test_original_source_is_kept_as_written(prefix: str, declared: str) -> None:
    assert seed(prefix).metadata.original_source == declared


def test_003_has_no_title_because_it_opens_with_prose() -> None:
    document = seed("003")
    assert document.metadata.title is None
    assert {r.reason for r in document.removed} == {"original-source"}


def test_002_summary_paragraph_after_the_title_is_prose_not_a_subheadline() -> None:
    document = seed("002")
    assert paragraphs(document)[0].startswith("South Korea has expressed a readiness")
    assert dict(document.metadata.extra).get("subheadline") is None


def test_curly_quotes_and_apostrophes_are_kept() -> None:
    assert "Ukraine’s embassy" in seed("000").text
    assert "international law,” the Ministry of Foreign Affairs stated." in seed("001").text
    assert '"Under the Constitution' in seed("004").text


def test_boilerplate_share_is_larger_for_the_pages_with_furniture() -> None:
    share = {p: seed(p).boilerplate_share for p in ("000", "001", "002", "003", "004")}
    assert all(0 < s < 1 for s in share.values())
    for noisy in ("000", "001"):
        for tidy in ("002", "003"):
            assert share[noisy] > share[tidy]


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_every_non_blank_raw_line_is_kept_or_removed(prefix: str) -> None:
    document = seed(prefix)
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    raw_lines = re.split(r"\r\n|\r|\n", path.read_text(encoding="utf-8"))
    removed = {r.line: r for r in document.removed}
    kept = []
    for number, line in enumerate(raw_lines, start=1):
        if not line.strip():
            assert number not in removed
        elif number in removed:
            assert removed[number].text == line.strip()
            assert removed[number].reason in REMOVAL_REASONS
        else:
            kept.append(" ".join(unicodedata.normalize("NFC", line).split()))
    assert kept == paragraphs(document)
