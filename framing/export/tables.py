"""The output tables of `framing compare`, declared once.

CSV headers, Parquet schemas, ``datapackage.json`` and the SQL tables are all generated from
these declarations; metric columns come from the metric registry.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from framing.features import metrics

ColumnType = Literal["string", "integer", "number", "boolean", "date", "datetime"]


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
    _s("language", "ISO 639 code of the language detected in the text (py3langid)."),
    Column(
        "language_confidence",
        "number",
        "The language detector's probability for that language.",
        "proportion",
    ),
    _s(
        "encoding",
        "How the input's bytes were decoded: utf-8, utf-16, utf-32 or a guessed "
        "legacy encoding such as cp1252.",
    ),
    Column(
        "encoding_confidence",
        "number",
        "1 for UTF-8 and byte-order marks; for a guessed legacy encoding, 1 minus the mess "
        "ratio of the decoded text (charset-normalizer).",
        "proportion",
    ),
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


_PAIR_KEY = (
    _s(
        "source",
        "The article rewritten from (input label), or a declared source outside the corpus.",
        False,
    ),
    _s("rewrite", "The article that derives from it (input label).", False),
)

PAIRS = TableSpec(
    "pairs",
    "Derivation graph: one row per pair of articles in the same story, with the verdict "
    "(verbatim, rewritten, independent; declared for a source outside the corpus) and its "
    "evidence.",
    (
        _s("story", "Story (topic cluster) id, e.g. story-001."),
        *_PAIR_KEY,
        _s("source_outlet", "Outlet of the source."),
        _s("rewrite_outlet", "Outlet of the rewrite."),
        _s("kind", "verbatim, rewritten, independent or declared.", False),
        Column("confidence", "number", "Confidence of the verdict in [0, 1].", "proportion"),
        Column(
            "coverage",
            "number",
            "Share of the rewrite's sentences aligned to the source.",
            "proportion",
        ),
        Column(
            "containment",
            "number",
            "Share of the rewrite's word 5-grams found in the source.",
            "proportion",
        ),
        Column("changes", "integer", "Changes found (rows in changes) for a derived pair."),
        _s("reasons", "The evidence, '; '-separated."),
        *RUN_COLUMNS,
    ),
    ("source", "rewrite", "lexicon_hash", "pipeline", "tool_version"),
)

CHANGES = TableSpec(
    "changes",
    "What each derived rewrite changed: numbers, dates, quotes, attribution, hedging, "
    "inserted commentary, with text and character offsets on both sides.",
    (
        *_PAIR_KEY,
        Column("seq", "integer", "Position of the change in the pair's list.", nullable=False),
        _s("kind", "number, date, quote, attribution, hedging or commentary.", False),
        _s(
            "change",
            "changed, requalified, altered, indirect, quotation_marks_lost, dropped, "
            "upgraded, downgraded, stripped, added, removed or inserted.",
            False,
        ),
        _s("detail", "What changed, in words (word-level diff for quotes).", False),
        _s("source_text", "The text on the source side."),
        _s("rewrite_text", "The text on the rewrite side."),
        Column("source_start", "integer", "Start offset in the source's cleaned text."),
        Column("source_end", "integer", "End offset in the source's cleaned text."),
        Column("rewrite_start", "integer", "Start offset in the rewrite's cleaned text."),
        Column("rewrite_end", "integer", "End offset in the rewrite's cleaned text."),
        Column("source_sentence", "integer", "Sentence index in the source."),
        Column("rewrite_sentence", "integer", "Sentence index in the rewrite."),
        *RUN_COLUMNS,
    ),
    ("source", "rewrite", "seq", "lexicon_hash", "pipeline", "tool_version"),
)

CONFLICTS = TableSpec(
    "conflicts",
    "Figures that articles of one story give differently for the same quantity or dated "
    "event: one row per claim.",
    (
        _s("story", "Story id.", False),
        _s(
            "quantity",
            "What the figure describes, e.g. 'count of soldier', 'date of capture'.",
            False,
        ),
        _s("article", "Input label of the article making the claim.", False),
        _s("outlet", "Its outlet."),
        _s("text", "The figure as written.", False),
        _s(
            "value",
            "Normalised value (qualifier and number, or YYYY-MM-DD with ?? for unknown parts).",
            False,
        ),
        Column("start", "integer", "Start offset in the article's cleaned text.", nullable=False),
        Column("end", "integer", "End offset in the article's cleaned text.", nullable=False),
        *RUN_COLUMNS,
    ),
    ("story", "quantity", "article", "start", "lexicon_hash", "pipeline", "tool_version"),
)


FRAME_PROBABILITIES = TableSpec(
    "frame_probabilities",
    "With --model: one row per article and frame of the model, the probability the frame "
    "applies and what pushed it up (empty without a model).",
    (
        *ARTICLE_KEY,
        _s("frame", "Frame, as named in the model's training labels.", False),
        Column(
            "probability", "number", "Calibrated probability that the frame applies.", "proportion"
        ),
        Column(
            "threshold",
            "number",
            "The model's cut-off for the frame (the F1-best on cross-validation).",
            "proportion",
        ),
        Column("over_threshold", "integer", "1 when probability >= threshold, else 0."),
        _s(
            "top_terms",
            "Words, phrases or metrics that added most to the frame's log-odds, with their "
            "contributions, '; '-separated.",
        ),
        _s("top_sentence", "The sentence whose words push most toward the frame."),
        Column("sentence_start", "integer", "Start offset of top_sentence in the cleaned text."),
        Column("sentence_end", "integer", "End offset of top_sentence (exclusive)."),
        _s(
            "model",
            "First 16 hex digits of the model file's checksum ('unsaved' for a model never "
            "written to a file).",
            False,
        ),
        *RUN_COLUMNS,
    ),
    ("article_id", "outlet", "frame", "model", "lexicon_hash", "pipeline", "tool_version"),
)

OUTLET_FRAMES = TableSpec(
    "outlet_frames",
    "With --model: one row per outlet and frame, the mean probability and the share of "
    "articles over the threshold, each with a seeded bootstrap 95 % CI (empty without a model).",
    (
        _s("outlet", "Outlet.", False),
        _s("frame", "Frame of the model.", False),
        Column("n", "integer", "Articles of the outlet.", "articles", False),
        Column(
            "mean_probability",
            "number",
            "Mean probability over the outlet's articles.",
            "proportion",
        ),
        Column(
            "probability_ci_low",
            "number",
            "Lower end of the bootstrap 95 % CI of the mean.",
            "proportion",
        ),
        Column(
            "probability_ci_high",
            "number",
            "Upper end of the bootstrap 95 % CI of the mean.",
            "proportion",
        ),
        Column(
            "share_over_threshold",
            "number",
            "Share of the outlet's articles whose probability reaches the threshold.",
            "proportion",
        ),
        Column(
            "share_ci_low",
            "number",
            "Lower end of the bootstrap 95 % CI of the share.",
            "proportion",
        ),
        Column(
            "share_ci_high",
            "number",
            "Upper end of the bootstrap 95 % CI of the share.",
            "proportion",
        ),
        Column("threshold", "number", "The model's cut-off for the frame.", "proportion"),
        _s("model", "First 16 hex digits of the model file's checksum ('unsaved' if none).", False),
        *RUN_COLUMNS,
    ),
    ("outlet", "frame", "model", "lexicon_hash", "pipeline", "tool_version"),
)


def all_tables() -> list[TableSpec]:
    return [
        articles(),
        OUTLETS,
        METRICS_LONG,
        EVIDENCE,
        PAIRS,
        CHANGES,
        CONFLICTS,
        FRAME_PROBABILITIES,
        OUTLET_FRAMES,
    ]
