"""HTML pages: trafilatura keeps the article and its metadata, not the nav or the footer."""

from __future__ import annotations

from pathlib import Path

import pytest

from framing.errors import InputError
from framing.ingest import read_path, read_text

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "ingest"
ARTICLE = FIXTURES / "article.html"


@pytest.fixture(scope="module")
def page_text() -> str:
    (document,) = read_path(ARTICLE)
    return document.text


def test_body_paragraphs_are_extracted_in_order(page_text: str) -> None:
    paragraphs = page_text.split("\n\n")
    assert len(paragraphs) == 5
    assert paragraphs[0].startswith("The little blue ferry that links Wenlow harbour")
    assert paragraphs[-1].endswith("as a standby for future breakdowns.")


@pytest.mark.parametrize(
    "furniture",
    [
        "Weather forecast for the whole valley",  # nav
        "Subscribe",  # nav
        "Related stories",  # footer
        "Valley bridge consultation draws record response",  # footer related link
        "Lighthouse open day",  # footer related link
        "All rights reserved",  # footer
        "Privacy policy",  # footer
        "By Ines Marlowe",  # byline, moved into metadata
        "Harbour ferry returns after winter repairs",  # headline, moved into metadata
    ],
)
def test_nav_footer_byline_and_headline_are_not_in_the_text(page_text: str, furniture: str) -> None:
    assert furniture not in page_text


def test_page_metadata() -> None:
    (document,) = read_path(ARTICLE)
    metadata = document.metadata
    assert metadata.title == "Harbour ferry returns after winter repairs"
    assert metadata.byline == "Ines Marlowe"
    assert metadata.date == "2024-03-08"
    assert metadata.outlet == "The Lakeside Courier"
    assert metadata.url == "https://courier.example.org/news/harbour-ferry-returns"
    assert document.source == str(ARTICLE)


def test_read_text_routes_html_to_the_html_reader() -> None:
    html = ARTICLE.read_text(encoding="utf-8")
    for variant in (html, "\n   " + html, html.replace("<!DOCTYPE html>", "")):
        document = read_text(variant)
        assert document.metadata.title == "Harbour ferry returns after winter repairs"
        assert "<p>" not in document.text and "Privacy policy" not in document.text
        assert document.source == "<stdin>"


def test_text_mentioning_html_is_not_routed() -> None:
    document = read_text("The page began with <html> and nothing else, the audit found.")
    assert document.text == "The page began with <html> and nothing else, the audit found."


def test_htm_and_txt_files_holding_html_are_extracted(tmp_path: Path) -> None:
    for name in ("page.htm", "page.txt"):
        path = tmp_path / name
        path.write_text(ARTICLE.read_text(encoding="utf-8"), encoding="utf-8")
        (document,) = read_path(path)
        assert document.text.startswith("The little blue ferry")


def test_a_page_without_main_text_is_an_input_error(tmp_path: Path) -> None:
    path = tmp_path / "empty-page.html"
    path.write_text("<html><head><title>Nothing</title></head><body></body></html>")
    with pytest.raises(InputError, match=r"empty-page\.html: no main text"):
        read_path(path)
