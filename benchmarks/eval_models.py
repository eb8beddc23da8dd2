"""Frame models against human coders, side by side with a plain TF-IDF baseline.

    .venv/bin/python benchmarks/eval_models.py [--data DIR] [--curve] [--json OUT]

SemEval-2023 Task 3 (English, the even-id half in ``../shared/eval/semeval23-en-dev``) and
narrative framing (``../shared/eval/narrative-framing``). For each question the frame model
(:class:`framing.learn.model.FrameModel`: TF-IDF words and phrases plus the framing metrics,
``C`` chosen, calibrated and thresholded on the other folds) is cross-validated with 5 folds
(seed 0); its ROC AUC is pooled over the out-of-fold probabilities. The baseline is
scikit-learn's default ``TfidfVectorizer`` and ``LogisticRegression`` on the *same* folds
(stratified by the questions' frames).

The design was fixed from the codebook task (word and phrase features, metrics as a small
dense block), not tuned to these corpora; the only choice made on data is ``C``, inside each
training part. Each corpus is also reported on its two halves of article ids (``(id // 2) %
2`` for SemEval, whose ids are all even; the last digit's parity for narrative framing), as a
check that a figure is not carried by one half.

``--curve`` adds the learning curve: in each of the 5 folds the other four are the pool of
"unlabelled" articles (about 170); from the same 20 random seed articles, 20 more are added at
a time in random order or in the order :func:`framing.learn.suggest.suggest_indices` proposes,
and every step's model is scored on the held-out fold (mean AUC of the three SemEval
questions, averaged over the folds). SemEval's 213 articles cap the curve at 160 labels.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from framing.evaluate.data import eval_dir  # noqa: E402
from framing.learn.figures import roc_auc  # noqa: E402
from framing.learn.fit import make_folds  # noqa: E402
from framing.learn.labels import LabelledSet, read_labelled  # noqa: E402
from framing.learn.model import FrameModel  # noqa: E402

SEMEVAL = {
    "Security_and_defense": ("Security_and_defense", 0.85),
    "Quality_of_life ∪ Health_and_safety": (
        "QoL_or_Health=Quality_of_life|Health_and_safety",
        0.80,
    ),
    "Political": ("Political", 0.90),
}
NARRATIVE = {"Human interest": ("HI", 0.78), "Conflict": ("CO", 0.78)}
FOLDS, SEED = 5, 0


def semeval(data: Path) -> LabelledSet:
    folder = data / "semeval23-en-dev"
    return read_labelled(folder / "articles", labels_file=folder / "labels.txt")


def narrative(data: Path) -> LabelledSet:
    import csv

    csv.field_size_limit(sys.maxsize)
    path = data / "narrative-framing" / "data" / "articles_metadata.tsv"
    with path.open(encoding="utf-8", newline="") as fh:
        rows = [r for r in csv.DictReader(fh, delimiter="\t") if r.get("EC") is not None]
    from framing.errors import InputError
    from framing.ingest.records import document_from_record
    from framing.learn.labels import labelled_from_records

    def readable(record: dict[str, str]) -> bool:
        try:
            document_from_record(record, "r", "r")
        except InputError:  # nothing left after cleaning (a one-line row): reported, skipped
            return False
        return True

    records = [
        {
            "id": r["ID"],
            "text": r["text"],
            "labels": ",".join(k for k in ("RE", "HI", "CO", "MO", "EC") if r[k].strip() == "True"),
            "outlet": r["source"],
        }
        for r in rows
    ]
    kept = [r for r in records if readable(r)]
    if len(kept) < len(records):
        print(
            f"narrative-framing: {len(records) - len(kept)} empty row(s) skipped", file=sys.stderr
        )
    return labelled_from_records(kept, str(path), group_by="outlet")


def baseline_auc(data: LabelledSet, j: int, rows: np.ndarray | None = None) -> float:
    """Default TF-IDF + default logistic regression, pooled out-of-fold AUC."""
    texts = np.asarray(data.texts, dtype=object)
    y = data.matrix()[:, j]
    p = np.zeros(len(y))
    for tr, te in make_folds(len(y), FOLDS, SEED, y=data.matrix()):
        vec = TfidfVectorizer()
        clf = LogisticRegression().fit(vec.fit_transform(texts[tr]), y[tr])
        p[te] = clf.decision_function(vec.transform(texts[te]))
    idx = np.arange(len(y)) if rows is None else rows
    return roc_auc(y[idx], p[idx])


def model_oof(data: LabelledSet, groups: bool = False) -> tuple[FrameModel, np.ndarray]:
    model = FrameModel(frames=data.frames, folds=FOLDS, seed=SEED)
    model.fit(data.texts, data.matrix(), groups=data.groups if groups else None)
    return model, model.oof_


def _half(ids: tuple[str, ...], semeval_ids: bool) -> np.ndarray:
    if semeval_ids:
        return np.array([(int(i) // 2) % 2 for i in ids])
    return np.array([int([c for c in i if c.isdigit()][-1]) % 2 for i in ids])


def evaluate(data_dir: Path) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for corpus, loader, questions, is_semeval in (
        ("semeval23-en-dev", semeval, SEMEVAL, True),
        ("narrative-framing", narrative, NARRATIVE, False),
    ):
        full = loader(data_dir)
        data = full.select([spec for spec, _ in questions.values()])
        t0 = time.perf_counter()
        model, oof = model_oof(data)
        seconds = time.perf_counter() - t0
        half = _half(data.ids, is_semeval)
        y = data.matrix()
        for j, (name, (_, target)) in enumerate(questions.items()):
            cv = model.cv_[data.frames[j]]
            row = {
                "corpus": corpus,
                "frame": name,
                "n": len(data),
                "coded": int(y[:, j].sum()),
                "model_auc": cv["roc_auc"]["value"],
                "model_ci": [cv["roc_auc"]["ci_low"], cv["roc_auc"]["ci_high"]],
                "baseline_auc": round(baseline_auc(data, j), 4),
                "target": target,
                "halves": [round(roc_auc(y[half == h, j], oof[half == h, j]), 4) for h in (0, 1)],
                "baseline_halves": [
                    round(baseline_auc(data, j, np.nonzero(half == h)[0]), 4) for h in (0, 1)
                ],
                "pr_auc": cv["pr_auc"]["value"],
                "f1": cv["f1"]["value"],
                "brier": cv["brier"]["value"],
                "C": cv["C"],
                "fit_seconds": round(seconds, 1),
            }
            if data.groups is not None:
                grouped = FrameModel(frames=data.frames, folds=FOLDS, seed=SEED)
                grouped.fit(data.texts, y, groups=data.groups)
                row["grouped_auc"] = grouped.cv_[data.frames[j]]["roc_auc"]["value"]
            rows.append(row)
            print(json.dumps(row), file=sys.stderr, flush=True)
    return rows


def learning_curve(
    data_dir: Path, steps: tuple[int, ...] = (40, 60, 80, 100, 120, 140, 160)
) -> dict[str, Any]:
    """Mean AUC over the three SemEval questions on each held-out fold, by labels used: from
    the same 20 random seed articles, 20 more at a time in random order or as suggested."""
    from framing.learn.suggest import suggest_indices

    data = semeval(data_dir).select([spec for spec, _ in SEMEVAL.values()])
    y = data.matrix()
    folds = make_folds(len(data), FOLDS, SEED, y=y)
    curves: dict[str, dict[int, list[float]]] = {"random": {}, "suggested": {}}
    for f, (pool, test) in enumerate(folds):
        rng = np.random.default_rng(SEED + f)
        shuffled = [int(i) for i in rng.permutation(pool)]
        while not _learnable(y[shuffled[:20]]):  # a seed set with both classes of each frame
            shuffled = shuffled[1:] + shuffled[:1]
        for order in ("random", "suggested"):
            chosen, rest = shuffled[:20], shuffled[20:]
            for step in steps:
                while len(chosen) < min(step, len(pool)):
                    need = min(20, step - len(chosen), len(rest))
                    if order == "random":
                        picks = list(range(need))
                    else:
                        model = _fit_quick(data, chosen, y)
                        picks = suggest_indices(model, [data.texts[i] for i in rest], need)
                    chosen += [rest[i] for i in picks]
                    rest = [r for k, r in enumerate(rest) if k not in set(picks)]
                model = _fit_quick(data, chosen, y)
                p = model.predict_proba([data.texts[i] for i in test])
                aucs = [roc_auc(y[test, j], p[:, j]) for j in range(y.shape[1])]
                curves[order].setdefault(len(chosen), []).append(float(np.nanmean(aucs)))
            print(order, f, {k: round(v[-1], 3) for k, v in curves[order].items()}, file=sys.stderr)
    return {
        order: {str(k): round(float(np.mean(v)), 4) for k, v in sorted(c.items())}
        for order, c in curves.items()
    }


def _learnable(y: np.ndarray) -> bool:
    return bool(((y.sum(axis=0) >= 2) & (y.sum(axis=0) <= len(y) - 2)).all())


def _fit_quick(data: LabelledSet, rows: list[int], y: np.ndarray) -> FrameModel:
    """A model on ``rows`` for the learning curve (3 inner folds, the same design)."""
    return FrameModel(frames=data.frames, folds=3, seed=SEED).fit(
        [data.texts[i] for i in rows], y[rows]
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=None)
    parser.add_argument("--curve", action="store_true")
    parser.add_argument("--curve-only", action="store_true")
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args(argv)
    data_dir = eval_dir(args.data)
    if not (data_dir / "semeval23-en-dev").exists():
        print(f"skipped: corpora not found in {data_dir}", file=sys.stderr)
        return 0
    result: dict[str, Any] = {"rows": [] if args.curve_only else evaluate(data_dir)}
    if args.curve or args.curve_only:
        result["curve"] = learning_curve(data_dir)
    print(
        "| corpus | frame | n (coded) | model AUC [95 % CI] | TF-IDF baseline | target "
        "| halves model / baseline |"
    )
    print("|---|---|---|---|---|---|---|")
    for r in result["rows"]:
        print(
            f"| {r['corpus']} | {r['frame']} | {r['n']} ({r['coded']}) | {r['model_auc']:.3f} "
            f"[{r['model_ci'][0]:.3f}, {r['model_ci'][1]:.3f}] | {r['baseline_auc']:.3f} | "
            f"≥ {r['target']:.2f} | {r['halves'][0]:.3f}, {r['halves'][1]:.3f} / "
            f"{r['baseline_halves'][0]:.3f}, {r['baseline_halves'][1]:.3f} |"
        )
    if "curve" in result:
        print(json.dumps(result["curve"], indent=2))
    if args.json:
        args.json.write_text(json.dumps(result, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
