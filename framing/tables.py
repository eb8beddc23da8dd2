"""The output tables of `framing compare`, declared once.

CSV headers, Parquet schemas, ``datapackage.json`` and the SQL tables are all generated from
these declarations; metric columns come from the metric registry.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from framing.registry import metrics

ColumnType = Literal["string", "integer", "number", "boolean"]


@dataclass(frozen=True)
class Column:
    name: str
    type: ColumnType
    description: str
    unit: str | None = None
    nullable: bool = True


@dataclass(frozen=True)
class TableSpec:
    name: str
    description: str
    columns: tuple[Column, ...]
    primary_key: tuple[str, ...]

    @property
    def names(self) -> list[str]:
        return [c.name for c in self.columns]


def _s(name: str, description: str, nullable: bool = True) -> Column:
    return Column(name, "string", description, nullable=nullable)


ARTICLE_KEY = (
    _s("article_id", "First 16 hex digits of the content hash: the article's id.", False),
    _s("outlet", "Outlet the article is attributed to ('unknown' when nothing says).", False),
)

ARTICLE_META = (
    _s("content_hash", "SHA-256 of the cleaned text that was scored.", False),
    _s(
        "source",
        "Input file (relative to the folder given), with #N for a row of a JSON/JSONL/CSV file.",
        False,
    ),
    _s(
        "outlet_from",
        "Where the outlet came from: manifest, sidecar, folder, metadata or unknown.",
        False,
    ),
    _s("role", "Role from the manifest: original, rewrite or related."),
    _s(
        "declared_source",
        "Outlet or site the article says it was rewritten from "
        "(manifest or an 'Original Source:' line).",
    ),
    _s("title", "Headline."),
    _s("date", "Publication date as given (ISO YYYY-MM-DD when parseable)."),
    _s("byline", "Author(s) as printed."),
    _s("email_domain", "Domain of an author e-mail address printed with the article."),
    _s("url", "URL of the article."),
)

RUN_COLUMNS = (
    _s("lexicon_hash", "Fingerprint of every lexicon used (built-in and user files).", False),
    _s(
        "pipeline",
        "spaCy pipeline the article was scored with, as NAME@VERSION ('blank@…' for "
        "the fast path).",
        False,
    ),
    _s("tool_version", "framing version.", False),
    _s("schema_version", "Version of these tables' schema.", False),
)


def metric_columns() -> tuple[Column, ...]:
    return tuple(
        Column(
            m.name,
            "integer" if m.dtype == "integer" else "number",
            f"{m.definition} ({m.family})",
            m.unit,
        )
        for m in metrics()
    )


def articles() -> TableSpec:
    return TableSpec(
        "articles",
        "One row per scored article: metadata and every metric.",
        (*ARTICLE_KEY, *ARTICLE_META, *metric_columns(), *RUN_COLUMNS),
        ("article_id", "outlet", "lexicon_hash", "pipeline", "tool_version"),
    )


OUTLETS = TableSpec(
    "outlets",
    "One row per outlet and metric: summary statistics over the outlet's articles, and deltas "
    "against the reference outlet.",
    (
        _s("outlet", "Outlet.", False),
        _s("metric", "Metric name (see the metric registry).", False),
        Column("n", "integer", "Articles with a value for the metric.", "articles", False),
        Column("mean", "number", "Mean over the outlet's articles."),
        Column("median", "number", "Median over the outlet's articles."),
        Column("sd", "number", "Sample standard deviation (n - 1); empty when n < 2."),
        Column(
            "ci_low",
            "number",
            "Lower end of a seeded percentile-bootstrap 95 % CI of the "
            "mean (2,000 resamples); empty when n < 2.",
        ),
        Column("ci_high", "number", "Upper end of the bootstrap 95 % CI of the mean."),
        _s("reference", "The reference outlet the deltas are taken against."),
        Column("delta", "number", "mean - reference mean."),
        Column(
            "delta_relative",
            "number",
            "(mean - reference mean) / |reference mean|; empty when the reference mean is 0.",
            "proportion",
        ),
        Column(
            "rank",
            "integer",
            "Rank of the outlet's mean among outlets, 1 = highest (ties share the lower rank).",
        ),
        *RUN_COLUMNS,
    ),
    ("outlet", "metric", "lexicon_hash", "pipeline", "tool_version"),
)

METRICS_LONG = TableSpec(
    "metrics_long",
    "Tidy metrics: one row per article and metric (what dashboard tools prefer).",
    (
        *ARTICLE_KEY,
        _s(
            "metric",
            "Metric name (registry), or custom.LEXICON.CATEGORY.count / "
            ".per_1000_words for the categories of a user lexicon.",
            False,
        ),
        Column("value", "number", "Metric value; empty where there is no data."),
        _s("unit", "Unit of the metric."),
        *RUN_COLUMNS,
    ),
    ("article_id", "outlet", "metric", "lexicon_hash", "pipeline", "tool_version"),
)

EVIDENCE = TableSpec(
    "evidence",
    "Every match behind every count: text and character offsets into the cleaned text.",
    (
        *ARTICLE_KEY,
        Column(
            "seq",
            "integer",
            "Position of the match in the article's evidence list.",
            nullable=False,
        ),
        _s("family", "Feature family.", False),
        _s("category", "Lexicon or evidence category.", False),
        _s("text", "Matched text.", False),
        Column(
            "start", "integer", "Start offset in the cleaned text (characters).", nullable=False
        ),
        Column(
            "end",
            "integer",
            "End offset in the cleaned text (characters, exclusive).",
            nullable=False,
        ),
        Column("sentence", "integer", "0-based sentence index."),
        _s("note", "Matched lexicon term, source kind or score."),
        *RUN_COLUMNS,
    ),
    ("article_id", "outlet", "seq", "lexicon_hash", "pipeline", "tool_version"),
)


def all_tables() -> list[TableSpec]:
    return [articles(), OUTLETS, METRICS_LONG, EVIDENCE]
