"""Story and event clustering against BASIL's event triplets (Fan et al. 2019, EMNLP).

BASIL covers 100 events, each reported by Fox News, The New York Times and HuffPost (300
articles). The three reports of an event are independent coverage: they should share a story and
an event, and they are not rewrites of one another. The corpus is read from
``../shared/eval/basil/`` next to the repository and never copied into it.

Prints, per method: adjusted Rand index against the triplet labels at story and at event level,
the number of stories and events, purity, the share of same-triplet pairs kept together, the
runtime, and threshold sweeps that show where the defaults sit. Then, for each of the 300
same-triplet pairs, the TF-IDF cosine and the share of word 8-grams each article shares with the
other (containment, both directions), and the ten pairs with the highest containment with the
first 80 characters of their shared passages.

    .venv/bin/python benchmarks/eval_stories.py [--method tfidf|minhash] [--threshold X]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from itertools import combinations
from pathlib import Path

from sklearn.metrics import adjusted_rand_score  # type: ignore[import-untyped]

from framing.rewrite.stories import (
    DEFAULT_EVENT_THRESHOLD,
    DEFAULT_THRESHOLD,
    METHODS,
    Stories,
    StoryArticle,
    cluster_stories,
)

ROOT = Path(__file__).resolve().parent.parent
BASIL = ROOT.parent / "shared" / "eval" / "basil"
SWEEP = {
    "tfidf": (0.04, 0.05, 0.06, 0.07, 0.08, 0.09, 0.10, 0.11, 0.12, 0.14),
    "minhash": (0.02, 0.05, 0.1, 0.2, 0.3, 0.5, 0.7),
}
LINKAGES = ("single", "average", "complete")
EVENT_SWEEP = (0.10, 0.15, 0.20, 0.25, 0.30, 0.35, 0.40, 0.50)
GRAM = 8
_WORD = re.compile(r"\w+")


def load_basil(root: Path = BASIL) -> tuple[list[StoryArticle], dict[str, str]]:
    """BASIL's articles (id = file stem, text = paragraphs joined) and their triplet ids."""
    articles: list[StoryArticle] = []
    triplet: dict[str, str] = {}
    for path in sorted((root / "articles").glob("*/*.json")):
        record = json.loads(path.read_text(encoding="utf-8"))
        paragraphs = [" ".join(sentences) for sentences in record["body-paragraphs"]]
        articles.append(
            StoryArticle(
                id=path.stem,
                text="\n\n".join(paragraphs),
                title=record.get("title") or None,
                date=record.get("date") or None,
                outlet=str(record.get("source", "")).lower() or None,
            )
        )
        triplet[path.stem] = path.stem.rsplit("_", 1)[0]
    return articles, triplet


def purity(predicted: dict[str, str], gold: dict[str, str]) -> float:
    """Share of articles whose cluster's most common gold label is their own."""
    clusters: dict[str, Counter[str]] = {}
    for article, cluster in predicted.items():
        clusters.setdefault(cluster, Counter())[gold[article]] += 1
    return sum(c.most_common(1)[0][1] for c in clusters.values()) / len(predicted)


def pair_recall(predicted: dict[str, str], gold: dict[str, str]) -> float:
    """Share of same-triplet pairs that share a cluster."""
    members: dict[str, list[str]] = {}
    for article, label in gold.items():
        members.setdefault(label, []).append(article)
    pairs = [p for group in members.values() for p in combinations(sorted(group), 2)]
    return sum(predicted[a] == predicted[b] for a, b in pairs) / len(pairs)


def scores(result: Stories, gold: dict[str, str]) -> dict[str, float]:
    ids = result.ids
    truth = [gold[i] for i in ids]
    return {
        "story_ari": adjusted_rand_score(truth, [result.story_of[i] for i in ids]),
        "event_ari": adjusted_rand_score(truth, [result.event_of[i] for i in ids]),
        "stories": len(result.stories),
        "events": sum(len(s.events) for s in result.stories),
        "story_purity": purity(result.story_of, gold),
        "event_purity": purity(result.event_of, gold),
        "story_recall": pair_recall(result.story_of, gold),
        "event_recall": pair_recall(result.event_of, gold),
    }


def report_method(
    articles: Sequence[StoryArticle],
    gold: dict[str, str],
    method: str,
    threshold: float | None,
    event_threshold: float,
) -> None:
    chosen = DEFAULT_THRESHOLD[method] if threshold is None else threshold
    start = time.perf_counter()
    result = cluster_stories(
        articles,
        method=method,  # type: ignore[arg-type]
        threshold=chosen,
        event_threshold=event_threshold,
    )
    elapsed = time.perf_counter() - start
    s = scores(result, gold)
    print(f"\n## {method}: threshold {chosen:g}, event_threshold {event_threshold:g}")
    print(f"runtime {elapsed:.2f} s for {len(articles)} articles")
    print(f"{'level':<6} {'ARI':>6} {'clusters':>8} {'purity':>6} {'pairs kept':>10}")
    for level, count in (("story", "stories"), ("event", "events")):
        print(
            f"{level:<6} {s[level + '_ari']:6.3f} {int(s[count]):8d} "
            f"{s[level + '_purity']:6.3f} {s[level + '_recall']:10.3f}"
        )

    print(f"\nstory-threshold sweep ({method}; event_threshold {event_threshold:g}):")
    print(
        f"{'thr':>5} {'storyARI':>8} {'eventARI':>8} {'stories':>7} {'events':>6} "
        f"{'purity':>6} {'kept':>5}"
    )
    for value in SWEEP[method]:
        r = scores(
            cluster_stories(
                articles,
                method=method,  # type: ignore[arg-type]
                threshold=value,
                event_threshold=event_threshold,
            ),
            gold,
        )
        mark = " <- default" if value == DEFAULT_THRESHOLD[method] else ""
        print(
            f"{value:5.2f} {r['story_ari']:8.3f} {r['event_ari']:8.3f} {int(r['stories']):7d} "
            f"{int(r['events']):6d} {r['story_purity']:6.3f} {r['story_recall']:5.3f}{mark}"
        )
    if method != "tfidf":
        return
    report_linkage(result, gold, chosen)
    undated = [replace(a, date=None) for a in articles]
    print(
        f"\nevent-threshold sweep (tfidf, threshold {chosen:g}); event ARI with the "
        "publication dates and with them withheld:"
    )
    print(f"{'event_thr':>9} {'dated':>6} {'events':>6} {'undated':>7} {'events':>6}")
    for value in EVENT_SWEEP:
        dated = scores(cluster_stories(articles, threshold=chosen, event_threshold=value), gold)
        blind = scores(cluster_stories(undated, threshold=chosen, event_threshold=value), gold)
        mark = " <- default" if value == DEFAULT_EVENT_THRESHOLD else ""
        print(
            f"{value:9.2f} {dated['event_ari']:6.3f} {int(dated['events']):6d} "
            f"{blind['event_ari']:7.3f} {int(blind['events']):6d}{mark}"
        )


def report_linkage(result: Stories, gold: dict[str, str], chosen: float) -> None:
    """Story-level ARI of the three linkages on the same TF-IDF cosine matrix."""
    from sklearn.cluster import AgglomerativeClustering  # type: ignore[import-untyped]

    truth = [gold[i] for i in result.ids]
    distance = 1.0 - result.similarity
    print("\nlinkage comparison (tfidf, story level: ARI / share of same-triplet pairs kept):")
    print(f"{'thr':>5} " + " ".join(f"{name:>14}" for name in LINKAGES))
    for value in SWEEP["tfidf"]:
        cells = []
        for linkage in LINKAGES:
            labels = AgglomerativeClustering(
                metric="precomputed",
                linkage=linkage,
                distance_threshold=1.0 - value,
                n_clusters=None,
            ).fit_predict(distance)
            predicted = {i: str(label) for i, label in zip(result.ids, labels, strict=True)}
            ari = adjusted_rand_score(truth, [predicted[i] for i in result.ids])
            cells.append(f"{ari:.3f} / {pair_recall(predicted, gold):.3f}")
        mark = " <- default" if value == chosen else ""
        print(f"{value:5.2f} " + " ".join(f"{c:>14}" for c in cells) + mark)


def _grams(text: str) -> tuple[list[re.Match[str]], dict[tuple[str, ...], list[int]]]:
    words = list(_WORD.finditer(text))
    lowered = [w.group(0).lower() for w in words]
    grams: dict[tuple[str, ...], list[int]] = {}
    for k in range(len(lowered) - GRAM + 1):
        grams.setdefault(tuple(lowered[k : k + GRAM]), []).append(k)
    return words, grams


def shared_passages(a: str, b: str) -> tuple[float, float, list[str]]:
    """Containment of a's word 8-grams in b, of b's in a, and the shared passages of a."""
    words_a, grams_a = _grams(a)
    _, grams_b = _grams(b)
    shared = grams_a.keys() & grams_b.keys()
    a_in_b = len(shared) / len(grams_a) if grams_a else float("nan")
    b_in_a = len(shared) / len(grams_b) if grams_b else float("nan")
    starts = sorted(k for gram in shared for k in grams_a[gram])
    spans: list[list[int]] = []
    for k in starts:
        if spans and k <= spans[-1][1]:
            spans[-1][1] = max(spans[-1][1], k + GRAM)
        else:
            spans.append([k, k + GRAM])
    spans.sort(key=lambda span: span[0] - span[1])
    passages = [a[words_a[s].start() : words_a[e - 1].end()] for s, e in spans]
    return a_in_b, b_in_a, passages


def report_pairs(articles: Sequence[StoryArticle], gold: dict[str, str]) -> None:
    result = cluster_stories(articles)
    index = {i: k for k, i in enumerate(result.ids)}
    by_id = {a.id: a for a in articles}
    members: dict[str, list[str]] = {}
    for article in sorted(gold):
        members.setdefault(gold[article], []).append(article)
    rows = []
    for group in members.values():
        for a, b in combinations(group, 2):
            cosine = float(result.similarity[index[a], index[b]])
            a_in_b, b_in_a, passages = shared_passages(by_id[a].text, by_id[b].text)
            rows.append((a, b, cosine, a_in_b, b_in_a, passages))
    outlet = {a.id: a.outlet or "?" for a in articles}
    print(
        f"\n## same-triplet pairs ({len(rows)}): TF-IDF cosine and word {GRAM}-gram "
        "containment (share of A's 8-grams found in B, and of B's in A)"
    )
    print(f"{'A':<40} {'B':<40} {'outlets':<7} {'cosine':>6} {'A in B':>6} {'B in A':>6}")
    for a, b, cosine, a_in_b, b_in_a, _ in rows:
        pair = f"{outlet[a]}/{outlet[b]}"
        print(f"{a:<40} {b:<40} {pair:<7} {cosine:6.3f} {a_in_b:6.3f} {b_in_a:6.3f}")
    cosines = sorted(r[2] for r in rows)
    maxima = sorted(max(r[3], r[4]) for r in rows)
    print(
        f"cosine: min {cosines[0]:.3f}, median {cosines[len(rows) // 2]:.3f}, "
        f"max {cosines[-1]:.3f}; larger containment: median {maxima[len(rows) // 2]:.3f}, "
        f"max {maxima[-1]:.3f}; pairs sharing no 8-gram: {sum(m == 0 for m in maxima)}"
    )
    print(
        f"\n## the 10 pairs with the highest {GRAM}-gram containment (up to 5 longest "
        "shared passages, first 80 characters)"
    )
    for a, b, cosine, a_in_b, b_in_a, passages in sorted(rows, key=lambda r: -max(r[3], r[4]))[:10]:
        print(
            f"{a} ({outlet[a]}) / {b} ({outlet[b]}): cosine {cosine:.3f}, "
            f"A in B {a_in_b:.3f}, B in A {b_in_a:.3f}, {len(passages)} shared passages"
        )
        for passage in passages[:5]:
            print(f"    {' '.join(passage.split())[:80]!r}")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--method", choices=METHODS, help="one method (default: both)")
    parser.add_argument("--threshold", type=float, help="story threshold (default: tuned)")
    parser.add_argument("--event-threshold", type=float, default=DEFAULT_EVENT_THRESHOLD)
    args = parser.parse_args(argv)
    if not (BASIL / "articles").is_dir():
        print(
            f"BASIL not found at {BASIL}/articles: this benchmark reads ../shared/eval/basil/ "
            "next to the repository (see ../shared/eval/README.md).",
            file=sys.stderr,
        )
        return 2
    start = time.perf_counter()
    articles, gold = load_basil()
    print(f"# BASIL: {len(articles)} articles, {len(set(gold.values()))} triplets ({BASIL})")
    for method in [args.method] if args.method else list(METHODS):
        report_method(articles, gold, method, args.threshold, args.event_threshold)
    report_pairs(articles, gold)
    print(f"\ntotal runtime {time.perf_counter() - start:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
