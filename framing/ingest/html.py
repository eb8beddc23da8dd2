"""HTML input: trafilatura finds the main text and the page metadata; the text cleaner finishes.

trafilatura (2.x ``bare_extraction``) drops navigation, footers, comments and tables and reads
title, date, author, site name and URL from the markup. Its text still goes through
``clean_text``, which catches furniture inside the article container (captions, share lines,
bylines) and records it. ``Document.removed`` and ``raw_chars`` therefore refer to the extracted
text, not to the markup: the boilerplate share of an HTML page is the share of what trafilatura
kept that the cleaner then removed.
"""

from __future__ import annotations

from trafilatura import bare_extraction
from trafilatura.settings import Document as ExtractedPage

from framing.document import Document, Metadata
from framing.errors import InputError
from framing.ingest.clean import clean_text, parse_date
from framing.ingest.text import document_from_cleaned


def document_from_html(html: str, source: str) -> Document:
    """Extract the article of an HTML page as a cleaned Document; InputError if there is none.

    Page metadata wins over what the cleaner finds in the text; the cleaner fills the gaps.

    >>> page = "<html><body><article><h1>Port Reopens</h1><p>" + "The port reopened. " * 20
    >>> document_from_html(page + "</p></article></body></html>", "page.html").metadata.title
    'Port Reopens'
    """
    if not html.strip():
        raise InputError(f"{source}: empty (no HTML)")
    page = bare_extraction(
        html,
        with_metadata=True,
        include_comments=False,
        include_tables=False,  # tables are data, not prose to score
        output_format="python",
    )
    if not isinstance(page, ExtractedPage) or not page.text or not page.text.strip():
        raise InputError(f"{source}: no main text found in the HTML")
    cleaned = clean_text(page.text, title=page.title)
    found = cleaned.metadata
    metadata = Metadata(
        title=page.title or found.title,
        date=_iso_date(page.date) or found.date,
        byline=page.author or found.byline,
        email_domain=found.email_domain,
        original_source=found.original_source,
        outlet=page.sitename or found.outlet,
        url=page.url or found.url,
        extra=found.extra,
    )
    return document_from_cleaned(cleaned, source, metadata)


def _iso_date(value: str | None) -> str | None:
    if not value:
        return None
    return parse_date(value) or value
