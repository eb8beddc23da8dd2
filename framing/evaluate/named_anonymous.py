"""Named vs anonymous source typing on a hand-labelled fixture, fast and parsed paths.

The fixture (``tests/fixtures/sources_labelled.jsonl``) holds sentences written for this
project, not corpus text: each with the source it names and the source's kind, labelled by the
definitions of the attribution family (a *named organisation* includes a definite institution,
"the health ministry"; *anonymous* is a source the reader cannot identify, "a senior official").
"""

from __future__ import annotations

import json
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from framing.document import Document
from framing.evaluate.data import SOURCES_FIXTURE, require
from framing.evaluate.metrics import overlaps
from framing.evaluate.results import Dataset, FeatureResult, Figure, Ranked, command_for
from framing.features.attribution import NAMED
from framing.nlp import installed_trained_english
from framing.score import get_engine

FEATURE = "sources"
DATASET = "sources-fixture"
KINDS = ("named_person", "named_organization", "anonymous")


@dataclass(frozen=True)
class LabelledSource:
    text: str
    source: str
    kind: str

    @property
    def span(self) -> tuple[int, int]:
        start = self.text.index(self.source)
        return start, start + len(self.source)


def read_fixture(path: Path = SOURCES_FIXTURE) -> list[LabelledSource]:
    """The labelled sentences; every source must occur in its text and have a known kind."""
    out = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        row = json.loads(line)
        item = LabelledSource(row["text"], row["source"], row["kind"])
        if item.source not in item.text or item.kind not in KINDS:
            raise ValueError(f"{path}:{n}: source not in text or kind not one of {KINDS}")
        out.append(item)
    return out


@dataclass(frozen=True)
class Typed:
    """What the attribution family made of one labelled sentence."""

    item: LabelledSource
    kind: str
    source: str | None
    source_found: bool

    @property
    def correct(self) -> bool:
        return self.kind == self.item.kind

    @property
    def named_vs_anonymous_correct(self) -> bool:
        return self.kind in (*NAMED, "anonymous") and (self.kind in NAMED) == (
            self.item.kind in NAMED
        )


def type_sources(model: str, items: Sequence[LabelledSource]) -> list[Typed]:
    """The attribution whose source overlaps the labelled source decides (else the first)."""
    engine = get_engine(model)
    docs = (
        Document(text=i.text, source=f"fixture:{n}", raw_chars=len(i.text))
        for n, i in enumerate(items)
    )
    out = []
    for item, score in zip(items, engine.score_documents(docs), strict=True):
        records: list[dict[str, Any]] = score.details["attributions"]
        hit = [
            r for r in records if r["source_span"] and overlaps(tuple(r["source_span"]), item.span)
        ]
        chosen = hit[0] if hit else (records[0] if records else None)
        if chosen is None:
            out.append(Typed(item, "none", None, False))
        else:
            out.append(Typed(item, str(chosen["source_kind"]), chosen["source"], bool(hit)))
    return out


def evaluate(
    fast: bool = False,
    data: str | Path | None = None,
    progress: Callable[[str], None] | None = None,
) -> FeatureResult:
    """Kind accuracy per kind, overall, and named-vs-anonymous, on both paths (``fast`` and
    ``data`` change nothing: the fixture is small and ships with the tests)."""
    t0 = time.perf_counter()
    items = read_fixture(require(SOURCES_FIXTURE, "named/anonymous fixture"))
    command = command_for(FEATURE, fast)
    paths = [("fast", "blank")]
    trained = installed_trained_english()
    if trained:
        paths.append(("parsed", trained))
    figures: list[Figure] = []
    errors: list[Ranked] = []
    for key, model in paths:
        if progress:
            progress(f"sources: {len(items)} labelled sentences, {model}")
        typed = type_sources(model, items)
        label = "fast path" if key == "fast" else f"parsed path ({model})"
        n = len(typed)
        rows: list[tuple[str, str, float, int]] = [
            ("accuracy", "source kind accuracy", sum(t.correct for t in typed) / n, n),
            (
                "named_vs_anonymous",
                "named vs anonymous accuracy",
                sum(t.named_vs_anonymous_correct for t in typed) / n,
                n,
            ),
        ]
        for kind in KINDS:
            sub = [t for t in typed if t.item.kind == kind]
            rows.append(
                (
                    f"{kind}.accuracy",
                    f"{kind} accuracy",
                    sum(t.correct for t in sub) / len(sub),
                    len(sub),
                )
            )
        rows.append(
            (
                "source_found",
                "labelled source span found",
                sum(t.source_found for t in typed) / n,
                n,
            )
        )
        figures += [
            Figure(
                f"{FEATURE}.{key}.{name}",
                f"Fixture, {label}: {text}",
                value,
                size,
                True,
                DATASET,
                command,
            )
            for name, text, value, size in rows
        ]
        wrong = Counter(
            (t.item.text, f"expected {t.item.kind}, got {t.kind} (source: {t.source or '—'})")
            for t in typed
            if not t.correct
        )
        errors.append(
            Ranked(
                f"Fixture, {label}: mistyped sources",
                tuple((text, c, detail) for (text, detail), c in wrong.items()),
                f"{sum(wrong.values())} of {n} sentences",
            )
        )
    counts = ", ".join(f"{sum(i.kind == k for i in items)} {k}" for k in KINDS)
    notes = [
        f"{len(items)} sentences written for this project ({counts}); "
        "labels follow the attribution family's definitions. A small sanity check of the "
        "typing rules, not a corpus estimate.",
    ]
    if not trained:
        notes.append("The parsed path was skipped: no trained English pipeline is installed.")
    dataset = Dataset(
        DATASET,
        "Hand-labelled sentences written for this project (tests/fixtures/sources_labelled.jsonl)",
        license="same as the project",
    )
    return FeatureResult(
        FEATURE,
        "Named vs anonymous sources (hand-labelled fixture)",
        command,
        tuple(figures),
        (),
        tuple(errors),
        tuple(notes),
        (dataset,),
        time.perf_counter() - t0,
    )
