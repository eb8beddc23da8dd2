"""Table files for dashboards and notebooks: CSV, JSON Lines, Parquet and datapackage.json.

Every table's columns come from :mod:`framing.export.tables`; rows are written atomically into the
output folder, streamed as they are produced (CSV and JSON Lines row by row, Parquet in row
groups of :data:`ROW_GROUP` rows), so writing does not hold a table in memory. CSV text cells
that start with ``= + - @`` (or a tab or carriage return) get a leading apostrophe so
spreadsheet programs show them instead of running them as formulas (OWASP "CSV injection");
``formula_guard=False`` turns that off.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import math
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import ExitStack
from pathlib import Path
from typing import Any, BinaryIO, Protocol

from framing.comparison import Comparison
from framing.corpus.articles import ArticleRow, RunColumns, ScoredArticle
from framing.export import atomic_file, atomic_write, neutralise, safe_path
from framing.export.tables import TableSpec, all_tables
from framing.features import metric
from framing.learn.apply import frame_rows
from framing.schema import SCHEMA_VERSION
from framing.score import DECIMALS


def _plain(value: Any) -> Any:
    if isinstance(value, float):
        return None if math.isnan(value) or math.isinf(value) else round(value, DECIMALS)
    return value


def article_rows(articles: Iterable[ScoredArticle]) -> Iterator[ArticleRow]:
    for a in articles:
        yield a.row()


def metric_rows(
    articles: Iterable[ScoredArticle], metrics: Sequence[str]
) -> Iterator[dict[str, Any]]:
    units = {name: metric(name).unit for name in metrics}
    custom_units = {"count": "matches", "per_1000_words": "matches per 1,000 words"}
    for a in articles:
        run = a.run_columns()
        values = [(name, a.score.metrics[name], units[name]) for name in metrics]
        # user-lexicon categories (``--lexicon`` files with a new name) as custom.LEX.CAT.*
        values += [
            (f"custom.{cat}.{k}", v, custom_units[k])
            for cat, vals in sorted(a.score.custom.items())
            for k, v in vals.items()
        ]
        for name, value, unit in values:
            yield {
                "article_id": a.article_id,
                "outlet": a.outlet,
                "metric": name,
                "value": value,
                "unit": unit,
                **run,
            }


def evidence_rows(articles: Iterable[ScoredArticle]) -> Iterator[dict[str, Any]]:
    for a in articles:
        s = a.score
        for seq, e in enumerate(s.evidence):
            yield {
                "article_id": a.article_id,
                "outlet": a.outlet,
                "seq": seq,
                "family": e.family,
                "category": e.category,
                "text": e.text,
                "start": e.start,
                "end": e.end,
                "sentence": e.sentence,
                "note": e.note,
                "lexicon_hash": s.lexicon_hash,
                "pipeline": s.pipeline_label,
                "tool_version": s.tool_version,
                "schema_version": s.schema_version,
            }


def _run(c: Comparison) -> RunColumns | dict[str, None]:
    """The run columns of a comparison's rows (empty cells when nothing was scored)."""
    if c.articles:
        return c.articles[0].run_columns()
    return dict.fromkeys(RunColumns.__annotations__)


def pair_rows(c: Comparison) -> Iterator[dict[str, Any]]:
    if c.stories is None:
        return
    run = _run(c)
    outlet = {a.source: a.outlet for a in c.articles}
    story = c.stories.stories.story_of
    for e in c.stories.edges:
        d = c.stories.diffs.get((e.source, e.rewrite))
        yield {
            "story": story.get(e.rewrite),
            "source": e.source,
            "rewrite": e.rewrite,
            "source_outlet": outlet.get(e.source, e.source if e.kind == "declared" else None),
            "rewrite_outlet": outlet.get(e.rewrite),
            "kind": e.kind,
            "confidence": e.confidence,
            "coverage": e.coverage,
            "containment": e.containment,
            "changes": len(d.changes) if d is not None else None,
            "reasons": "; ".join(e.reasons),
            **run,
        }


def change_rows(c: Comparison) -> Iterator[dict[str, Any]]:
    if c.stories is None:
        return
    run = _run(c)
    for (src, rw), d in sorted(c.stories.diffs.items()):
        for seq, ch in enumerate(d.changes):
            ss, rs = ch.source_span or (None, None), ch.rewrite_span or (None, None)
            yield {
                "source": src,
                "rewrite": rw,
                "seq": seq,
                "kind": ch.kind,
                "change": ch.change,
                "detail": ch.detail,
                "source_text": ch.source_text,
                "rewrite_text": ch.rewrite_text,
                "source_start": ss[0],
                "source_end": ss[1],
                "rewrite_start": rs[0],
                "rewrite_end": rs[1],
                "source_sentence": ch.source_sentence,
                "rewrite_sentence": ch.rewrite_sentence,
                **run,
            }


def conflict_rows(c: Comparison) -> Iterator[dict[str, Any]]:
    if c.stories is None:
        return
    run = _run(c)
    outlet = {a.source: a.outlet for a in c.articles}
    for cf in c.stories.conflicts:
        for claim in cf.claims:
            yield {
                "story": cf.story,
                "quantity": cf.quantity,
                "article": claim.article,
                "outlet": outlet.get(claim.article),
                "text": claim.text,
                "value": claim.value,
                "start": claim.start,
                "end": claim.end,
                **run,
            }


#: The tables with one row (or several) per article and nothing else: what a worker can write
#: for its own partition (:mod:`framing.run.dask`).
PER_ARTICLE = ("articles", "metrics_long", "evidence")


def per_article_rows(
    name: str, articles: Iterable[ScoredArticle], metrics: Sequence[str]
) -> Iterator[dict[str, Any]]:
    """The rows of a :data:`PER_ARTICLE` table, shaped by its declared columns."""
    spec = {t.name: t for t in all_tables()}[name]
    rows: Iterable[Mapping[str, Any]]
    if name == "articles":
        rows = article_rows(articles)
    elif name == "metrics_long":
        rows = metric_rows(articles, metrics)
    elif name == "evidence":
        rows = evidence_rows(articles)
    else:
        raise ValueError(f"{name!r} is not a per-article table; valid: {', '.join(PER_ARTICLE)}")
    return ({k: _plain(r.get(k)) for k in spec.names} for r in rows)


def rows_for(spec: TableSpec, c: Comparison) -> list[dict[str, Any]]:
    """The rows of one table for a comparison, in a stable order."""
    return list(iter_rows(spec, c))


def iter_rows(spec: TableSpec, c: Comparison) -> Iterator[dict[str, Any]]:
    """:func:`rows_for`, one row at a time."""
    if spec.name in PER_ARTICLE:
        return per_article_rows(spec.name, c.articles, c.metrics)
    sources: dict[str, Callable[[Comparison], Iterable[Mapping[str, Any]]]] = {
        "outlets": lambda c: iter(c.outlets),
        "pairs": pair_rows,
        "changes": change_rows,
        "conflicts": conflict_rows,
        "frame_probabilities": lambda c: frame_rows(c.articles),
        "outlet_frames": lambda c: iter(c.outlet_frames),
    }
    return ({k: _plain(r.get(k)) for k in spec.names} for r in sources[spec.name](c))


def to_csv(spec: TableSpec, rows: Iterable[dict[str, Any]], *, formula_guard: bool = True) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(spec.names)
    for row in rows:
        cells = ["" if row.get(k) is None else row[k] for k in spec.names]
        writer.writerow([neutralise(v) for v in cells] if formula_guard else cells)
    return buf.getvalue()


def to_jsonl(rows: Iterable[dict[str, Any]]) -> str:
    return "".join(json.dumps(r, ensure_ascii=False, allow_nan=False) + "\n" for r in rows)


def to_parquet(spec: TableSpec, rows: Sequence[dict[str, Any]]) -> bytes:
    """Parquet bytes with the declared column types (nullable where the spec says so)."""
    buf = io.BytesIO()
    sink = _ParquetSink(spec, buf)
    for row in rows:
        sink.write(row)
    sink.close()
    return buf.getvalue()


#: Rows per Parquet row group when streaming: a batch of rows is all a table holds in memory.
ROW_GROUP = 8192
#: Rows turned into Arrow columns at a time while a row group fills.
ARROW_BATCH = 512


def _arrow_schema(spec: TableSpec) -> Any:
    try:
        import pyarrow as pa
    except ImportError as exc:  # pragma: no cover - pyarrow is a core dependency
        from framing.errors import ResourceMissingError

        raise ResourceMissingError("Parquet output needs pyarrow: pip install pyarrow") from exc
    types = {
        "string": pa.string(),
        "integer": pa.int64(),
        "number": pa.float64(),
        "boolean": pa.bool_(),
    }
    schema = pa.schema(
        [
            pa.field(
                col.name,
                types[col.type],
                nullable=col.nullable,
                metadata={"description": col.description, "unit": col.unit or ""},
            )
            for col in spec.columns
        ],
        metadata={"framing.schema_version": SCHEMA_VERSION, "framing.table": spec.name},
    )
    return schema


class _Sink(Protocol):
    def write(self, row: dict[str, Any]) -> None: ...
    def close(self) -> None: ...
    def abort(self) -> None: ...


class _ParquetSink:
    """Rows in, row groups of :data:`ROW_GROUP` out. A table that fits in one group is written
    exactly as ``pyarrow.parquet.write_table`` would write it."""

    def __init__(self, spec: TableSpec, fh: BinaryIO) -> None:
        self.spec, self.fh = spec, fh
        self.schema = _arrow_schema(spec)
        self.rows: list[dict[str, Any]] = []
        self.parts: list[Any] = []  # Arrow tables of ARROW_BATCH rows each
        self.buffered = 0
        self.writer: Any = None

    def write(self, row: dict[str, Any]) -> None:
        self.rows.append(row)
        self.buffered += 1
        if len(self.rows) >= ARROW_BATCH:
            self._to_arrow()
        if self.buffered >= ROW_GROUP:
            self._flush()

    def _to_arrow(self) -> None:
        """The buffered rows as one Arrow table: a row of the articles table takes ~8 kB as a
        dict and ~1 kB in Arrow, so a row group waits in Arrow (issue #6)."""
        import pyarrow as pa

        columns = {col.name: [r.get(col.name) for r in self.rows] for col in self.spec.columns}
        for col in self.spec.columns:
            if col.type == "number":
                columns[col.name] = [None if v is None else float(v) for v in columns[col.name]]
        self.parts.append(pa.Table.from_pydict(columns, schema=self.schema))
        self.rows = []

    def _flush(self) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        if self.rows or not self.parts:
            self._to_arrow()
        # one chunk per column, as a single from_pydict of the whole group made: same bytes
        table = pa.concat_tables(self.parts).combine_chunks()
        self.parts = []
        if self.writer is None:
            self.writer = pq.ParquetWriter(self.fh, table.schema, compression="zstd")
        self.writer.write_table(table)
        self.buffered = 0

    def close(self) -> None:
        if self.buffered or self.writer is None:  # an empty table still gets its schema
            self._flush()
        self.writer.close()
        self.writer = False  # closed: abort() has nothing left to do

    def abort(self) -> None:
        """Let go of an unfinished file before its handle closes (Ctrl-C, a full disk), so
        pyarrow does not write into a closed file when the writer is collected."""
        writer, self.writer = self.writer, False
        if writer:
            with contextlib.suppress(Exception):  # the file is being discarded anyway
                writer.close()


class _CsvSink:
    def __init__(self, spec: TableSpec, fh: BinaryIO, formula_guard: bool) -> None:
        self.names, self.guard = spec.names, formula_guard
        self.text = io.TextIOWrapper(fh, encoding="utf-8", newline="", write_through=False)
        self.writer = csv.writer(self.text, lineterminator="\n")
        self.writer.writerow(spec.names)

    def write(self, row: dict[str, Any]) -> None:
        cells = ["" if row.get(k) is None else row[k] for k in self.names]
        self.writer.writerow([neutralise(v) for v in cells] if self.guard else cells)

    def close(self) -> None:
        self.text.flush()
        self.text.detach()  # the atomic file closes the underlying handle

    def abort(self) -> None:
        """Detach from an unfinished file without flushing into it (see _ParquetSink.abort)."""
        with contextlib.suppress(ValueError):  # already detached by close()
            self.text.detach()


class _JsonlSink:
    def __init__(self, fh: BinaryIO) -> None:
        self.fh = fh

    def write(self, row: dict[str, Any]) -> None:
        line = json.dumps(row, ensure_ascii=False, allow_nan=False) + "\n"
        self.fh.write(line.encode("utf-8"))

    def close(self) -> None:
        pass

    def abort(self) -> None:
        pass


def article_record_lines(c: Comparison) -> Iterator[str]:
    """articles.jsonl, a line at a time: each article's full score record (schema: `framing
    schema`), with its outlet and place in the comparison inside ``article``."""
    for a in c.articles:
        d = a.score.to_dict()
        d["article"].update(
            {
                "source": a.source,
                "outlet": a.outlet,
                "outlet_from": a.outlet_from,
                "role": a.role,
                "declared_source": a.declared_source,
                "title": a.title,
                "date": a.date,
                "url": a.url,
            }
        )
        yield json.dumps(d, ensure_ascii=False, allow_nan=False) + "\n"


def datapackage(c: Comparison | None = None) -> dict[str, Any]:
    """A Frictionless Data Package describing every table file, from the table specs."""
    resources = []
    for spec in all_tables():
        fields = [
            {
                "name": col.name,
                "type": col.type,
                "description": col.description,
                **({"unit": col.unit} if col.unit else {}),
                **({"constraints": {"required": True}} if not col.nullable else {}),
            }
            for col in spec.columns
        ]
        schema = {"fields": fields, "primaryKey": list(spec.primary_key), "missingValues": [""]}
        resources.append(
            {
                "name": spec.name,
                "path": f"{spec.name}.csv",
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "description": spec.description,
                "schema": schema,
            }
        )
        # the Parquet and JSON Lines copies are plain data resources: the tabular profile is
        # for CSV-like files, and a package holding them cannot claim it (frictionless refuses);
        # no schema on Parquet: frictionless reads its empty integer cells as NaN
        # (frictionless 5.21), and the CSV's schema says the same anyway
        resources.append(
            {
                "name": f"{spec.name}-parquet",
                "profile": "data-resource",
                "path": f"{spec.name}.parquet",
                "format": "parquet",
                "mediatype": "application/vnd.apache.parquet",
                "description": f"{spec.description} Same columns as {spec.name}.csv.",
            }
        )
    # JSON Lines as files ("type" is frictionless's): the records are nested, not a table
    resources += [
        {
            "name": "articles-jsonl",
            "profile": "data-resource",
            "type": "file",
            "path": "articles.jsonl",
            "format": "jsonl",
            "mediatype": "application/jsonl",
            "description": "Full score record per article "
            "(JSON Schema: docs/article.schema.json, `framing schema`).",
        },
        {
            "name": "evidence-jsonl",
            "profile": "data-resource",
            "type": "file",
            "path": "evidence.jsonl",
            "format": "jsonl",
            "mediatype": "application/jsonl",
            "description": "The evidence table as JSON Lines.",
        },
    ]
    package: dict[str, Any] = {
        # not "tabular-data-package": that profile demands every resource be tabular
        "profile": "data-package",
        "name": "framing-compare",
        "title": "framing: outlet comparison tables",
        "version": SCHEMA_VERSION,
        "resources": resources,
    }
    if c is not None and c.articles:
        s = c.articles[0].score
        package["framing"] = {
            "schema_version": SCHEMA_VERSION,
            "tool_version": s.tool_version,
            "lexicons": {**s.lexicons, "hash": s.lexicon_hash},
            "pipeline": s.pipeline,
            "reference": c.reference,
            "metrics": c.metrics,
        }
    return package


def write_tables(c: Comparison, out: str | Path, *, formula_guard: bool = True) -> list[Path]:
    """Write every table file into ``out``; returns the paths written.

    Each table's rows are produced once and fed to all of its files together; every file is
    renamed into place only when its table is complete.
    """
    written: list[Path] = []
    for spec in all_tables():
        # file order as listed in the run summary: CSV first, except the evidence table
        kinds = ["parquet", "jsonl", "csv"] if spec.name == "evidence" else ["csv", "parquet"]
        paths = [safe_path(out, f"{spec.name}.{k}") for k in kinds]
        with ExitStack() as stack:
            sinks: list[_Sink] = []
            for kind, path in zip(kinds, paths, strict=True):
                fh = stack.enter_context(atomic_file(path))
                sink: _Sink
                if kind == "csv":
                    sink = _CsvSink(spec, fh, formula_guard)
                elif kind == "parquet":
                    sink = _ParquetSink(spec, fh)
                else:
                    sink = _JsonlSink(fh)
                stack.callback(sink.abort)  # runs before its file is closed
                sinks.append(sink)
            for row in iter_rows(spec, c):
                for sink in sinks:
                    sink.write(row)
            for sink in sinks:
                sink.close()
        written += paths
    written.append(atomic_write(safe_path(out, "articles.jsonl"), article_record_lines(c)))
    package = json.dumps(datapackage(c), indent=2, ensure_ascii=False) + "\n"
    written.append(atomic_write(safe_path(out, "datapackage.json"), package))
    return written
