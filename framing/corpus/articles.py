"""The scored-article record: an article's score with where it sits in a comparison (outlet,
role, dates, where the outlet came from), and the result types a batch run yields.

Built by :mod:`framing.run` from an input file and its score; read by the comparison, the
rewrite analysis and every sink.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from framing.corpus.inputs import Failure
from framing.score import ArticleScore


@dataclass(frozen=True)
class ScoredArticle:
    """An article's score with where it sits in the comparison."""

    score: ArticleScore
    source: str
    outlet: str
    outlet_from: str
    role: str | None
    declared_source: str | None
    title: str | None
    date: str | None
    url: str | None

    @property
    def article_id(self) -> str:
        return str(self.score.article["id"])

    def row(self) -> dict[str, Any]:
        """One row of the ``articles`` table (see :mod:`framing.export.tables`)."""
        a = self.score.article
        return {
            "article_id": self.article_id,
            "outlet": self.outlet,
            "content_hash": a["content_hash"],
            "source": self.source,
            "outlet_from": self.outlet_from,
            "role": self.role,
            "declared_source": self.declared_source,
            "title": self.title,
            "date": self.date,
            "byline": a.get("byline"),
            "email_domain": a.get("email_domain"),
            "url": self.url,
            **self.score.metrics,
            "lexicon_hash": self.score.lexicon_hash,
            "pipeline": self.score.pipeline_label,
            "tool_version": self.score.tool_version,
            "schema_version": self.score.schema_version,
        }


Result = ScoredArticle | Failure


Progress = Callable[[int, int, Result], None]  # (done, total, latest result)
