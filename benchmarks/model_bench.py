"""Speed of frame models: training, and what ``--model`` adds to the fast profile.

    OMP_NUM_THREADS=1 .venv/bin/python benchmarks/model_bench.py [--articles 400] [--data DIR]

Rows, measured one after the other in this process:

- ``train``: :class:`framing.learn.model.FrameModel` fitted on N articles coded with the 14
  SemEval-2023 frames (5 stratified folds, 5 values of C, calibration, thresholds, bootstrap
  intervals, the final refit), the framing metrics computed from cold. The texts are the
  SemEval articles of ``../shared/eval/semeval23-en-dev`` with their frames, then narrative-
  framing articles with frames drawn at the SemEval base rates (seeded): a timing corpus,
  not an evaluation.
- ``fast profile``: the same N texts scored by the blank engine (every feature with evidence).
- ``fast profile + model``: the probabilities and evidence of the 14-frame model for those
  scores (:func:`framing.learn.apply.predict_scores`, which reuses the run's metrics), as a
  share of the fast profile's time.

Single-threaded: the BLAS and OpenMP thread counts are set to 1 before numpy loads.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(var, "1")

import numpy as np  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from framing.evaluate.data import eval_dir  # noqa: E402


def corpus(data: Path, n: int) -> tuple[list[str], np.ndarray, tuple[str, ...]]:
    import csv

    from framing.learn.labels import read_labelled

    folder = data / "semeval23-en-dev"
    sem = read_labelled(folder / "articles", labels_file=folder / "labels.txt")
    texts, y = list(sem.texts), sem.matrix()
    csv.field_size_limit(sys.maxsize)
    path = data / "narrative-framing" / "data" / "articles_metadata.tsv"
    with path.open(encoding="utf-8", newline="") as fh:
        extra = [r["text"] for r in csv.DictReader(fh, delimiter="\t") if len(r["text"]) > 500]
    rng = np.random.default_rng(0)
    rate = y.mean(axis=0)
    need = max(0, n - len(texts))
    texts += extra[:need]
    y = np.vstack([y, (rng.random((min(need, len(extra)), y.shape[1])) < rate).astype(np.int64)])
    return texts[:n], y[:n], sem.frames


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=400)
    parser.add_argument("--data", type=Path, default=None)
    args = parser.parse_args(argv)
    data = eval_dir(args.data)
    if not (data / "semeval23-en-dev").exists():
        print(f"skipped: corpora not found in {data}", file=sys.stderr)
        return 0
    texts, y, frames = corpus(data, args.articles)

    from framing.learn.apply import predict_scores
    from framing.learn.model import FrameModel
    from framing.score import get_engine

    engine = get_engine("blank")  # built before the clock starts, as a run builds it once
    t0 = time.perf_counter()
    model = FrameModel(frames=frames).fit(texts, y)
    train = time.perf_counter() - t0

    from framing.ingest.text import document_as_is
    from framing.integrations import sklearn as sk

    sk._ROWS.clear()  # the model must not find the training texts' metrics
    t0 = time.perf_counter()
    scores = list(engine.score_documents(document_as_is(t, f"#{i}") for i, t in enumerate(texts)))
    fast = time.perf_counter() - t0
    t0 = time.perf_counter()
    predict_scores(model, scores)
    added = time.perf_counter() - t0

    print("| row | articles | seconds | note |\n|---|---:|---:|---|")
    print(f"| train, {len(frames)} frames | {len(texts)} | {train:.1f} | target < 60 s |")
    print(f"| fast profile | {len(texts)} | {fast:.1f} | |")
    print(
        f"| + model ({len(frames)} frames, evidence) | {len(texts)} | {added:.1f} | "
        f"{100 * added / fast:.0f} % of the fast profile (target < 20 %) |"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
