"""Table files for dashboards and notebooks: CSV, JSON Lines, Parquet and datapackage.json.

Every table's columns come from :mod:`framing.tables`; rows are written atomically into the
output folder. CSV text cells that start with ``= + - @`` (or a tab or carriage return) get a
leading apostrophe so spreadsheet programs show them instead of running them as formulas
(OWASP "CSV injection"); ``formula_guard=False`` turns that off.
"""

from __future__ import annotations

import csv
import io
import json
import math
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from framing.compare import Comparison
from framing.export import atomic_write, neutralise, safe_path
from framing.registry import SCHEMA_VERSION, metric
from framing.score import DECIMALS
from framing.tables import TableSpec, all_tables


def _plain(value: Any) -> Any:
    if isinstance(value, float):
        return None if math.isnan(value) or math.isinf(value) else round(value, DECIMALS)
    return value


def article_rows(c: Comparison) -> Iterator[dict[str, Any]]:
    for a in c.articles:
        yield a.row()


def metric_rows(c: Comparison) -> Iterator[dict[str, Any]]:
    units = {name: metric(name).unit for name in c.metrics}
    custom_units = {"count": "matches", "per_1000_words": "matches per 1,000 words"}
    for a in c.articles:
        row = a.row()
        values = [(name, row[name], units[name]) for name in c.metrics]
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
                "lexicon_hash": row["lexicon_hash"],
                "pipeline": row["pipeline"],
                "tool_version": row["tool_version"],
                "schema_version": row["schema_version"],
            }


def evidence_rows(c: Comparison) -> Iterator[dict[str, Any]]:
    for a in c.articles:
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


def _run(c: Comparison) -> dict[str, Any]:
    row = c.articles[0].row() if c.articles else {}
    return {k: row.get(k) for k in ("lexicon_hash", "pipeline", "tool_version", "schema_version")}


def pair_rows(c: Comparison) -> Iterator[dict[str, Any]]:
    if c.stories is None:
        return
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
            **_run(c),
        }


def change_rows(c: Comparison) -> Iterator[dict[str, Any]]:
    if c.stories is None:
        return
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
                **_run(c),
            }


def conflict_rows(c: Comparison) -> Iterator[dict[str, Any]]:
    if c.stories is None:
        return
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
                **_run(c),
            }


def rows_for(spec: TableSpec, c: Comparison) -> list[dict[str, Any]]:
    """The rows of one table for a comparison, in a stable order."""
    source = {
        "articles": article_rows,
        "outlets": lambda c: iter(c.outlets),
        "metrics_long": metric_rows,
        "evidence": evidence_rows,
        "pairs": pair_rows,
        "changes": change_rows,
        "conflicts": conflict_rows,
    }[spec.name]
    return [{k: _plain(r.get(k)) for k in spec.names} for r in source(c)]


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
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
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
    columns = {col.name: [r.get(col.name) for r in rows] for col in spec.columns}
    for col in spec.columns:
        if col.type == "number":
            columns[col.name] = [None if v is None else float(v) for v in columns[col.name]]
    table = pa.Table.from_pydict(columns, schema=schema)
    buf = io.BytesIO()
    pq.write_table(table, buf, compression="zstd")
    return buf.getvalue()


def article_records(c: Comparison) -> str:
    """articles.jsonl: each article's full score record (schema: `framing schema`), with its
    outlet and place in the comparison inside ``article``."""
    lines = []
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
        lines.append(json.dumps(d, ensure_ascii=False, allow_nan=False) + "\n")
    return "".join(lines)


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
        resources.append(
            {
                "name": f"{spec.name}-parquet",
                "path": f"{spec.name}.parquet",
                "format": "parquet",
                "mediatype": "application/vnd.apache.parquet",
                "description": f"{spec.description} Same columns as {spec.name}.csv.",
            }
        )
    resources += [
        {
            "name": "articles-jsonl",
            "path": "articles.jsonl",
            "format": "jsonl",
            "mediatype": "application/jsonl",
            "description": "Full score record per article "
            "(JSON Schema: docs/article.schema.json, `framing schema`).",
        },
        {
            "name": "evidence-jsonl",
            "path": "evidence.jsonl",
            "format": "jsonl",
            "mediatype": "application/jsonl",
            "description": "The evidence table as JSON Lines.",
        },
    ]
    package: dict[str, Any] = {
        "profile": "tabular-data-package",
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
    """Write every table file into ``out``; returns the paths written."""
    written: list[Path] = []

    def put(name: str, data: str | bytes) -> None:
        written.append(atomic_write(safe_path(out, name), data))

    for spec in all_tables():
        rows = rows_for(spec, c)
        if spec.name != "evidence":
            put(f"{spec.name}.csv", to_csv(spec, rows, formula_guard=formula_guard))
        put(f"{spec.name}.parquet", to_parquet(spec, rows))
        if spec.name == "evidence":
            put("evidence.jsonl", to_jsonl(rows))
            put("evidence.csv", to_csv(spec, rows, formula_guard=formula_guard))
    put("articles.jsonl", article_records(c))
    put("datapackage.json", json.dumps(datapackage(c), indent=2, ensure_ascii=False) + "\n")
    return written
