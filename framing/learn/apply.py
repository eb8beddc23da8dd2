"""A frame model applied to scored articles: each article's probability per frame with the terms
and sentence that pushed it up, and per outlet the mean probability and the share of articles
over the model's threshold, each with a bootstrap 95 % interval.

An article scored by the engine the model computes its metrics with (same pipeline, same
lexicons: the fast profile with the model's lexicons) reuses its metrics; any other is scored
again by the model's own engine, so a probability never depends on how the run scored.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from typing import Any

from framing.comparison import bootstrap_ci
from framing.corpus.articles import Result, ScoredArticle
from framing.corpus.inputs import Failure
from framing.integrations.sklearn import remember_scores
from framing.learn.model import FrameCall, FrameModel
from framing.score import ArticleScore, get_engine

#: Articles predicted at a time (bounded memory, few sklearn calls).
BATCH = 256


def model_label(model: FrameModel) -> dict[str, Any]:
    """What names the model in outputs: its file's checksum and date, and its frames."""
    card = getattr(model, "card_", {}) or {}
    return {
        "sha256": str(card.get("sha256", ""))[:16] or "unsaved",
        "created": card.get("created"),
        "frames": list(model.frames_),
    }


def _record(call: FrameCall) -> dict[str, Any]:
    return {
        "frame": call.frame,
        "probability": round(call.probability, 6),
        "threshold": round(call.threshold, 6),
        "over_threshold": call.over_threshold,
        "evidence": [
            {
                "kind": e.kind,
                "text": e.text,
                "weight": e.weight,
                "start": e.start,
                "end": e.end,
            }
            for e in call.evidence
        ],
    }


def predict_scores(model: FrameModel, scores: Sequence[ArticleScore]) -> list[ArticleScore]:
    """``scores`` with ``model_frames`` filled in (same order)."""
    if not scores:
        return []
    engine = get_engine(model.spacy_model, tuple(model.lexicons))
    remember_scores(engine, scores)
    calls = model.explain([s.text for s in scores], [list(s.sentences) for s in scores])
    label = model_label(model)
    return [
        replace(s, model_frames={"model": label, "frames": [_record(c) for c in row]})
        for s, row in zip(scores, calls, strict=True)
    ]


def predict_results(model: FrameModel, results: Iterable[Result]) -> Iterator[Result]:
    """A batch run's results with the articles predicted (failures pass through, possibly
    ahead of articles still waiting in the batch)."""
    batch: list[ScoredArticle] = []
    for r in results:
        if isinstance(r, Failure):
            yield r
            continue
        batch.append(r)
        if len(batch) >= BATCH:
            yield from _predict_batch(model, batch)
            batch = []
    yield from _predict_batch(model, batch)


def _predict_batch(model: FrameModel, batch: list[ScoredArticle]) -> list[ScoredArticle]:
    scores = predict_scores(model, [a.score for a in batch])
    return [replace(a, score=s) for a, s in zip(batch, scores, strict=True)]


def frame_rows(articles: Iterable[ScoredArticle]) -> Iterable[dict[str, Any]]:
    """The ``frame_probabilities`` table: one row per article and frame."""
    for a in articles:
        found = a.score.model_frames
        if not found:
            continue
        run = a.run_columns()
        for f in found["frames"]:
            terms = [e for e in f["evidence"] if e["kind"] in ("term", "metric")]
            sentence = next((e for e in f["evidence"] if e["kind"] == "sentence"), None)
            yield {
                "article_id": a.article_id,
                "outlet": a.outlet,
                "frame": f["frame"],
                "probability": f["probability"],
                "threshold": f["threshold"],
                "over_threshold": int(f["over_threshold"]),
                "top_terms": "; ".join(f"{e['text']} (+{e['weight']:.3f})" for e in terms),
                "top_sentence": sentence["text"] if sentence else None,
                "sentence_start": sentence["start"] if sentence else None,
                "sentence_end": sentence["end"] if sentence else None,
                "model": found["model"]["sha256"],
                **run,
            }


def outlet_frames(articles: Iterable[ScoredArticle]) -> list[dict[str, Any]]:
    """The ``outlet_frames`` table: per outlet and frame, the mean probability and the share
    over the threshold, with seeded bootstrap 95 % intervals (none for a single article)."""
    by_key: dict[tuple[str, str], list[tuple[float, bool, float]]] = {}
    run: dict[str, Any] = {}
    model: str | None = None
    for a in articles:
        found = a.score.model_frames
        if not found:
            continue
        run = dict(a.run_columns())
        model = found["model"]["sha256"]
        for f in found["frames"]:
            by_key.setdefault((a.outlet, f["frame"]), []).append(
                (f["probability"], f["over_threshold"], f["threshold"])
            )
    rows = []
    for (outlet, frame), items in sorted(by_key.items()):
        probs = [p for p, _, _ in items]
        over = [1.0 if o else 0.0 for _, o, _ in items]
        key = f"{outlet}\x1f{frame}"
        p_ci = bootstrap_ci(probs, key + "\x1fp") if len(items) >= 2 else (None, None)
        s_ci = bootstrap_ci(over, key + "\x1fshare") if len(items) >= 2 else (None, None)
        rows.append(
            {
                "outlet": outlet,
                "frame": frame,
                "n": len(items),
                "mean_probability": statistics.fmean(probs),
                "probability_ci_low": p_ci[0],
                "probability_ci_high": p_ci[1],
                "share_over_threshold": statistics.fmean(over),
                "share_ci_low": s_ci[0],
                "share_ci_high": s_ci[1],
                "threshold": items[0][2],
                "model": model,
                **run,
            }
        )
    return rows
