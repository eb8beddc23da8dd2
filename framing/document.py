"""Document: the cleaned text of one article, its metadata and what cleaning removed."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from framing.errors import InputError

#: The longest article framing scores, in characters of cleaned text (about 800,000 words,
#: several books). Longer input is refused with a one-line error: split it into articles.
MAX_ARTICLE_CHARS = 5_000_000


def check_size(chars: int, source: str) -> None:
    """InputError when an article of ``chars`` characters is over :data:`MAX_ARTICLE_CHARS`."""
    if chars > MAX_ARTICLE_CHARS:
        raise InputError(
            f"{source}: the article is {chars:,} characters long; the maximum is "
            f"{MAX_ARTICLE_CHARS:,} (split it into articles)"
        )


@dataclass(frozen=True)
class RemovedLine:
    """A line of the raw input that cleaning removed, and why.

    ``reason`` is one of the keys of ``framing.ingest.clean.REMOVAL_REASONS`` (for example
    ``"share-widget"``, ``"related-list"``, ``"caption"``, ``"title"``, ``"byline"``).
    ``line`` is 1-based in the raw input.
    """

    line: int
    text: str
    reason: str


@dataclass(frozen=True)
class Metadata:
    """What the page says about the article. Every field is optional (None when absent)."""

    title: str | None = None
    date: str | None = None
    byline: str | None = None
    email_domain: str | None = None
    original_source: str | None = None
    outlet: str | None = None
    url: str | None = None
    extra: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Document:
    """One article ready for scoring.

    ``text`` is the cleaned body: paragraphs separated by a blank line. All evidence offsets
    point into it. ``raw_chars`` counts the non-whitespace characters of the raw input and
    ``removed`` lists the raw lines that are not part of the body. ``encoding`` is how the
    input's bytes were decoded (``utf-8`` unless a byte-order mark or a legacy encoding was
    found; see :mod:`framing.ingest.decode`) and ``encoding_confidence`` how sure that is
    (1.0 for UTF-8 and byte-order marks). ``warnings`` are one-line notes for the user: a
    guessed encoding, a body that appeared twice.
    """

    text: str
    source: str
    metadata: Metadata = field(default_factory=Metadata)
    removed: tuple[RemovedLine, ...] = ()
    raw_chars: int = 0
    encoding: str = "utf-8"
    encoding_confidence: float = 1.0
    warnings: tuple[str, ...] = ()

    @property
    def content_hash(self) -> str:
        """SHA-256 of the cleaned text: the identity of what was scored."""
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()

    @property
    def boilerplate_share(self) -> float:
        """Share of the raw input's non-whitespace characters that cleaning removed, in [0, 1]."""
        if self.raw_chars <= 0:
            return float("nan")
        removed = sum(len("".join(r.text.split())) for r in self.removed)
        return min(1.0, removed / self.raw_chars)
