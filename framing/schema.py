"""What a score looks like from outside: the schema version, the JSON Schema of an article
record, and the metric registry as Markdown or JSON (``framing schema``, ``framing metrics``).

Everything here is read from the metric registry without running anything.

>>> article_schema()["properties"]["schema_version"]["const"] == SCHEMA_VERSION
True
"""

from __future__ import annotations

import json
from typing import Any

from framing.features import families
from framing.features.registry import Metric

#: Bump the major part on any change that breaks a consumer (a renamed or removed field),
#: the minor part when fields are added. 1.1.0: ``sentences`` (character spans) in article
#: records; 1.2.0: political_conflict metrics; 1.3.0: approximators and human_interest metrics;
#: 1.4.0: the database's stories table, run_articles.source/story_id/event_id, typed
#: articles.date with date_as_given, and its views; 1.5.0: crime_justice, health,
#: frame_salience, the index's interval, reported_hedging_cues and the ``frame_index`` record
#: (whether the index is defined, and why not); 1.6.0: language,
#: language_confidence, encoding, encoding_confidence and warnings; 1.7.0:
#: the ``document`` source kind, ``source_rule`` in attribution records and the
#: ``document_attributions`` metric; 1.8.0: ``model_frames`` in article records, the
#: frame_probabilities and outlet_frames tables.
SCHEMA_VERSION = "1.8.0"


def _range(m: Metric) -> str:
    lo = "−∞" if m.minimum is None else f"{m.minimum:g}"
    hi = "∞" if m.maximum is None else f"{m.maximum:g}"
    return f"[{lo}, {hi}]"


def metrics_markdown(*, links: bool = False) -> str:
    """One section per family, one row per metric (``framing metrics``).

    With ``links`` (docs/metrics.md, the site's metric index) each metric links to its page.
    """
    out = [
        "# Metrics",
        "",
        "Generated from the metric registry (`framing metrics`); do not edit by hand.",
        f"Output schema version: `{SCHEMA_VERSION}`. Missing values (a rate with a zero "
        "denominator, readability of an empty text) are `null` in JSON and empty in CSV.",
        "",
    ]
    for fam in families():
        anchor = f" {{#{fam.name}}}" if links else ""
        out += [f"## {fam.title} (`{fam.name}`){anchor}", "", fam.description, ""]
        if fam.citation:
            out += [f"Sources: {fam.citation}.", ""]
        out += [
            "| metric | definition | unit | type | range | direction |",
            "|---|---|---|---|---|---|",
        ]
        for m in fam.metrics:
            definition = m.definition.replace("|", "\\|")
            name = f"[`{m.name}`](metrics/{m.name}.md)" if links else f"`{m.name}`"
            out.append(
                f"| {name} | {definition} | {m.unit} | {m.dtype} | {_range(m)} | {m.direction} |"
            )
        out.append("")
    return "\n".join(out)


def _metric_schema(m: Metric) -> dict[str, Any]:
    s: dict[str, Any] = {"description": f"{m.definition} Unit: {m.unit}."}
    if m.dtype == "integer":
        s["type"] = "integer"
    else:
        s["type"] = ["number", "null"]
    if m.minimum is not None:
        s["minimum"] = m.minimum
    if m.maximum is not None:
        s["maximum"] = m.maximum
    return s


def article_schema() -> dict[str, Any]:
    """JSON Schema (draft 2020-12) of one `framing score --format json` record."""
    nullable = {"type": ["string", "null"]}
    span = {"type": ["array", "null"], "items": {"type": "integer"}, "minItems": 2, "maxItems": 2}
    metrics = {m.name: _metric_schema(m) for f in families() for m in f.metrics}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "framing article score",
        "type": "object",
        "required": [
            "schema_version",
            "tool",
            "pipeline",
            "lexicons",
            "article",
            "metrics",
            "warnings",
            "sentences",
            "evidence",
            "sources",
            "attributions",
            "removed",
            "text",
        ],
        "properties": {
            "schema_version": {"const": SCHEMA_VERSION},
            "tool": {
                "type": "object",
                "properties": {"name": {"const": "framing"}, "version": {"type": "string"}},
            },
            "pipeline": {
                "type": "object",
                "properties": {
                    "name": {"type": "string"},
                    "version": {"type": "string"},
                    "parsed": {"type": "boolean"},
                    "spacy": {"type": "string"},
                },
            },
            "lexicons": {
                "type": "object",
                "additionalProperties": {"type": "string"},
                "description": "Lexicon name -> version; 'hash' fingerprints them all.",
            },
            "article": {
                "type": "object",
                "required": ["id", "source", "content_hash"],
                "properties": {
                    "id": {"type": "string", "description": "First 16 hex digits of content_hash."},
                    "source": {"type": "string"},
                    "content_hash": {
                        "type": "string",
                        "description": "SHA-256 of the cleaned text.",
                    },
                    "title": nullable,
                    "date": nullable,
                    "byline": nullable,
                    "email_domain": nullable,
                    "original_source": nullable,
                    "outlet": nullable,
                    "url": nullable,
                    "chars": {"type": "integer"},
                    "language": {
                        "type": "string",
                        "description": "ISO 639 code of the detected language (py3langid).",
                    },
                    "language_confidence": {
                        "type": "number",
                        "minimum": 0,
                        "maximum": 1,
                        "description": "The detector's probability for that language.",
                    },
                    "encoding": {
                        "type": "string",
                        "description": "How the input's bytes were decoded (utf-8, utf-16, "
                        "cp1252…).",
                    },
                    "encoding_confidence": {
                        "type": "number",
                        "minimum": 0,
                        "maximum": 1,
                        "description": "1 for UTF-8 and byte-order marks; for a guessed "
                        "legacy encoding, 1 - the mess ratio of the decoded text.",
                    },
                },
            },
            "warnings": {
                "type": "array",
                "items": {"type": "string"},
                "description": "One-line notes: a guessed encoding, a body that appeared twice.",
            },
            "metrics": {
                "type": "object",
                "required": list(metrics),
                "properties": metrics,
                "additionalProperties": False,
            },
            "custom": {
                "type": "object",
                "description": "User-lexicon categories: "
                "'lexicon.category' -> {count, per_1000_words}.",
            },
            "sources": {
                "type": "array",
                "items": {
                    "type": "object",
                    "properties": {
                        "source": {"type": "string"},
                        "kind": {"type": "string"},
                        "count": {"type": "integer"},
                    },
                },
            },
            "attributions": {
                "type": "array",
                "items": {
                    "type": "object",
                    "properties": {
                        "sentence": {"type": "integer"},
                        "mode": {"enum": ["direct", "indirect"]},
                        "cue": nullable,
                        "cue_span": span,
                        "source": nullable,
                        "source_span": span,
                        "source_kind": {
                            "enum": [
                                "named_person",
                                "named_organization",
                                "anonymous",
                                "document",
                                "unresolved",
                                "none",
                            ]
                        },
                        "source_rule": {
                            "type": "string",
                            "description": "Which typing rule decided source_kind "
                            "(e.g. 'title + name', 'document head', 'pronoun -> earlier speaker').",
                        },
                        "resolved_from": nullable,
                        "quotes": {"type": "array", "items": span},
                    },
                },
            },
            "most_negative_sentence": {"type": ["object", "null"]},
            "frame_index": {
                "type": "object",
                "description": "Whether humanitarian_strategic_index is defined; if not, why "
                "(too little frame language).",
                "properties": {
                    "defined": {"type": "boolean"},
                    "reason": nullable,
                },
            },
            "sentences": {
                "type": "array",
                "description": "Character span [start, end) of each sentence; evidence "
                "'sentence' indexes this list.",
                "items": {
                    "type": "array",
                    "items": {"type": "integer"},
                    "minItems": 2,
                    "maxItems": 2,
                },
            },
            "evidence": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["family", "category", "text", "start", "end", "sentence"],
                    "properties": {
                        "family": {"type": "string"},
                        "category": {"type": "string"},
                        "text": {"type": "string"},
                        "start": {"type": "integer", "minimum": 0},
                        "end": {"type": "integer", "minimum": 0},
                        "sentence": {"type": "integer"},
                        "note": {"type": "string"},
                    },
                },
            },
            "removed": {
                "type": "array",
                "items": {
                    "type": "object",
                    "properties": {
                        "line": {"type": "integer"},
                        "text": {"type": "string"},
                        "reason": {"type": "string"},
                    },
                },
            },
            "text": {
                "type": "string",
                "description": "The cleaned text; evidence offsets index into it.",
            },
            "model_frames": {
                "type": "object",
                "description": "With --model only: the frame model and, per frame, the "
                "calibrated probability, the model's threshold and the terms, metrics and "
                "sentence that pushed the probability up (weights in log-odds; offsets into "
                "text, null for a metric).",
                "properties": {
                    "model": {"type": "object"},
                    "frames": {
                        "type": "array",
                        "items": {
                            "type": "object",
                            "required": ["frame", "probability", "threshold", "over_threshold"],
                            "properties": {
                                "frame": {"type": "string"},
                                "probability": {"type": "number", "minimum": 0, "maximum": 1},
                                "threshold": {"type": "number"},
                                "over_threshold": {"type": "boolean"},
                                "evidence": {
                                    "type": "array",
                                    "items": {
                                        "type": "object",
                                        "properties": {
                                            "kind": {"enum": ["term", "metric", "sentence"]},
                                            "text": {"type": "string"},
                                            "weight": {"type": "number"},
                                            "start": {"type": ["integer", "null"]},
                                            "end": {"type": ["integer", "null"]},
                                        },
                                    },
                                },
                            },
                        },
                    },
                },
            },
        },
    }


def article_schema_json() -> str:
    return json.dumps(article_schema(), indent=2, ensure_ascii=False) + "\n"


def registry_json() -> str:
    """The metric registry as JSON (names, definitions, units, ranges, citations)."""
    out = [
        {
            "family": f.name,
            "title": f.title,
            "description": f.description,
            "citation": f.citation,
            "metrics": [{k: v for k, v in m.__dict__.items() if k != "family"} for m in f.metrics],
        }
        for f in families()
    ]
    return json.dumps(out, indent=2, ensure_ascii=False) + "\n"
