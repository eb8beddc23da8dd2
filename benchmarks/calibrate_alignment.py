"""Calibrate and check the alignment match classes (:mod:`framing.rewrite.align`).

    .venv/bin/python benchmarks/calibrate_alignment.py [--events N]

Labelled pairs, built at run time from BASIL (``../shared/eval/basil``, never copied):

* **constructed rewrites** (``benchmarks/rewrites.py``): each article rewritten by paraphrase,
  drops, swaps and inserted sentences of another article; an aligned pair is *right* when the
  rewrite sentence was made from that source sentence, *wrong* otherwise;
* **the seeds**: real rewrites of ``seeds/004`` (001 via translation, 002 a summary) and a
  different event on the topic (000), hand-labelled in ``benchmarks/alignment_labels.json``
  (offsets and labels only). They weigh as much as half of the BASIL rows in the fit: the
  constructed paraphrases are lighter than a translated rewrite;
* **hard negatives**: the three articles of each BASIL event are independent coverage; every
  pair the aligner proposes between two of them is *wrong* (unless near verbatim: a shared
  quote), since neither renders the other.

A logistic regression on the five pair features is fitted on the tune half (even events) and
printed; the shipped :data:`framing.rewrite.align.WEIGHTS` are then scored on the report half
(odd events): precision of ``close`` + ``verbatim`` pairs, the share of right pairs they keep
(recall), and how many hard-negative pairs are called close.
"""

from __future__ import annotations

import argparse
import random
import sys
from itertools import combinations
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from rewrites import BASIL, ROOT, Article, construct, load_basil

from framing.rewrite.align import CONFIDENT, align


def labelled(
    articles: list[Article], seed: int = 7
) -> list[tuple[tuple[float, ...], int, str, str]]:
    """(features, label, class, origin) for every aligned non-verbatim pair."""
    rng = random.Random(seed)
    out: list[tuple[tuple[float, ...], int, str, str]] = []
    for k, a in enumerate(articles):
        filler = articles[(k + 7) % len(articles)].sentences
        rw, truth = construct(a.sentences, rng, filler)
        al = align(a.sentences, rw)
        for r, s, _ in al.pairs():
            cls = al.classes[(r, s)]
            out.append((al.features.get((r, s), ()), int(truth[r] == s), cls, "constructed"))
    by_event: dict[str, list[Article]] = {}
    for a in articles:
        by_event.setdefault(a.event, []).append(a)
    for group in by_event.values():
        for x, y in combinations(group, 2):
            al = align(x.sentences, y.sentences)
            for r, s, _ in al.pairs():
                if al.classes[(r, s)] != "verbatim":
                    out.append((al.features[(r, s)], 0, al.classes[(r, s)], "independent"))
    return out


def seed_rows() -> list[tuple[tuple[float, ...], int, str, str]]:
    """The hand-labelled seed pairs with their features (pairs the aligner does not propose
    are left out: they cannot be classed)."""
    import json

    from framing.ingest import read_path
    from framing.rewrite.changes import sentence_texts
    from framing.score import get_engine

    engine = get_engine("blank")
    seeds = ROOT / "seeds"
    scores = {p.name[:3]: engine.score_document(read_path(p)[0]) for p in seeds.glob("00*.txt")}
    labels = json.loads((Path(__file__).parent / "alignment_labels.json").read_text())["pairs"]
    out = []
    alignments = {}
    for x in labels:
        key = (x["source"], x["rewrite"])
        if key not in alignments:
            alignments[key] = align(sentence_texts(scores[key[0]]), sentence_texts(scores[key[1]]))
        al = alignments[key]
        s = next(k for k, (a, _) in enumerate(scores[key[0]].sentences) if a == x["source_offset"])
        r = next(k for k, (a, _) in enumerate(scores[key[1]].sentences) if a == x["rewrite_offset"])
        if (r, s) in al.features:
            out.append((al.features[(r, s)], int(x["label"]), al.classes[(r, s)], "seeds"))
        elif (r, s) in al.classes:
            out.append(((), int(x["label"]), al.classes[(r, s)], "seeds"))
    return out


def report(rows: list[tuple[tuple[float, ...], int, str, str]], name: str) -> None:
    called = [r for r in rows if r[2] in CONFIDENT]
    right = [r for r in rows if r[1] == 1]
    tp = sum(r[1] for r in called)
    neg = [r for r in rows if r[3] == "independent"]
    print(
        f"{name}: {len(rows)} aligned pairs ({len(right)} right); confident {len(called)}, "
        f"precision {tp / max(1, len(called)):.3f}, recall {tp / max(1, len(right)):.3f}; "
        f"independent-coverage pairs called close {sum(r[2] in CONFIDENT for r in neg)}/{len(neg)}"
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--events", type=int, default=0, help="events per half (0: all)")
    args = ap.parse_args()
    if not BASIL.is_dir():
        sys.exit(f"BASIL not found at {BASIL}")
    tune, rep = load_basil("tune"), load_basil("report")
    if args.events:

        def keep(arts: list[Article]) -> list[Article]:
            first = set(sorted({b.event for b in arts})[: args.events])
            return [a for a in arts if a.event in first]

        tune, rep = keep(tune), keep(rep)
    rows = labelled(tune)
    from sklearn.linear_model import LogisticRegression

    seeds = seed_rows()
    fit_rows = [r for r in rows if r[2] != "verbatim"]
    fit_seeds = [r for r in seeds if r[0]]
    w_seed = 0.5 * len(fit_rows) / max(1, len(fit_seeds))
    model = LogisticRegression(C=1.0, max_iter=1000).fit(
        [r[0] for r in fit_rows + fit_seeds],
        [r[1] for r in fit_rows + fit_seeds],
        sample_weight=[1.0] * len(fit_rows) + [w_seed] * len(fit_seeds),
    )
    names = ("cosine", "dice", "explained", "anchors", "order_gap")
    print("fit on tune half (even events):")
    print(f"  intercept {model.intercept_[0]:+.2f}")
    for n, w in zip(names, model.coef_[0], strict=True):
        print(f"  {n:10s} {w:+.2f}")
    report(rows, "shipped WEIGHTS, tune half  ")
    report(seeds, "shipped WEIGHTS, seeds (fit)")
    report(labelled(rep), "shipped WEIGHTS, report half")


if __name__ == "__main__":
    main()
