"""The scored-article record: an article's score with where it sits in a comparison (outlet,
role, dates, where the outlet came from), and the result types a batch run yields.

Built by :mod:`framing.run` from an input file and its score; read by the comparison, the
rewrite analysis and every sink.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TypedDict, cast

from framing.corpus.inputs import Failure
from framing.score import ArticleScore


class RunColumns(TypedDict):
    """The columns every output table ends with: what made its rows (``RUN_COLUMNS`` in
    :mod:`framing.export.tables`)."""

    lexicon_hash: str
    pipeline: str
    tool_version: str
    schema_version: str


class ArticleColumns(TypedDict):
    """The ``articles`` table's key and metadata columns, in table order."""

    article_id: str
    outlet: str
    content_hash: str
    source: str
    outlet_from: str
    role: str | None
    declared_source: str | None
    title: str | None
    date: str | None
    byline: str | None
    email_domain: str | None
    url: str | None


class ArticleRow(ArticleColumns, RunColumns):
    """One row of the ``articles`` table, as :meth:`ScoredArticle.row` gives it: the fixed
    columns (:class:`ArticleColumns`, then :class:`RunColumns`) typed, and between them one
    column per registered metric.

    The metric columns are extra keys of the same dict, not declared here: which metrics there
    are is known only at run time, and a ``TypedDict`` cannot type keys it does not name (nor
    can mypy check a key that is a variable). Read a metric from its own typed mapping,
    ``ScoredArticle.score.metrics[name]`` (``dict[str, float | int]``), which holds the same
    values. ``total=False`` would have let mypy accept a row with a fixed column missing, so every
    fixed column is required.

    >>> from framing import compare
    >>> row = compare(["seeds"], spacy_model="blank").articles[0].row()
    >>> row["outlet"], row["words"] > 0
    ('Aggregator A', True)
    """


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

    def run_columns(self) -> RunColumns:
        """The run columns of this article's rows: lexicon hash, pipeline, versions."""
        return {
            "lexicon_hash": self.score.lexicon_hash,
            "pipeline": self.score.pipeline_label,
            "tool_version": self.score.tool_version,
            "schema_version": self.score.schema_version,
        }

    def row(self) -> ArticleRow:
        """One row of the ``articles`` table (see :mod:`framing.export.tables`): metadata,
        every metric, then the run columns."""
        a = self.score.article
        fixed: ArticleColumns = {
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
        }
        # the one unchecked step: mypy cannot add keys it does not know (see ArticleRow)
        return cast(ArticleRow, {**fixed, **self.score.metrics, **self.run_columns()})


Result = ScoredArticle | Failure


Progress = Callable[[int, int, Result], None]  # (done, total, latest result)
PhaseProgress = Callable[[str, int, int], None]  # (phase, done, total): the rewrite phases
