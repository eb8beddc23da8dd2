"""How often independent coverage is mistaken for a rewrite: BASIL's 300 triplet pairs.

BASIL (Fan et al. 2019) has 100 events, each covered independently by Fox News, the New York
Times and HuffPost. No pair of a triplet is a rewrite of another, so every pair this script's
derivation rule calls ``verbatim`` or ``rewritten`` is printed with its evidence: a pair that
really shares wire copy is a correct call, any other is an error to count.

    .venv/bin/python benchmarks/eval_derivation.py [--show N]

Reads ``../shared/eval/basil/`` next to the repository (never copied into it); exits with a
message when it is absent. Articles are split into sentences by the fast (blank) pipeline.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from itertools import combinations
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from eval_stories import BASIL, load_basil

from framing.document import Document
from framing.rewrite.derive import Edge, Node, derive_pair
from framing.score import get_engine


def evaluate() -> tuple[Counter[str], list[Edge]]:
    """Verdict counts over BASIL's within-triplet pairs, and the pairs called derived."""
    articles, triplet = load_basil()
    engine = get_engine("blank")
    docs = [Document(text=a.text, source=a.id, raw_chars=len(a.text)) for a in articles]
    nodes: dict[str, Node] = {}
    for a, score in zip(articles, engine.score_documents(docs), strict=True):
        nodes[a.id] = Node(
            a.id,
            a.outlet,
            score.text,
            [score.text[s:e] for s, e in score.sentences],
            a.title,
            a.date,
        )
    groups: dict[str, list[str]] = {}
    for aid, t in triplet.items():
        groups.setdefault(t, []).append(aid)
    verdicts: Counter[str] = Counter()
    derived = []
    for ids in groups.values():
        for x, y in combinations(sorted(ids), 2):
            edge = derive_pair(nodes[x], nodes[y])
            verdicts[edge.kind] += 1
            if edge.kind != "independent":
                derived.append(edge)
    return verdicts, derived


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--show", type=int, default=20, help="derived pairs to print in full")
    args = parser.parse_args(argv)
    if not (BASIL / "articles").is_dir():
        print(f"BASIL not found at {BASIL}: nothing to evaluate", file=sys.stderr)
        return 0
    started = time.perf_counter()
    verdicts, derived = evaluate()
    total = sum(verdicts.values())
    print(f"BASIL within-triplet pairs: {total}  ({time.perf_counter() - started:.1f} s)")
    for kind in ("independent", "rewritten", "verbatim"):
        print(f"  {kind:12s} {verdicts[kind]:4d}  ({verdicts[kind] / total:.1%})")
    print(
        f"called derived: {len(derived)} of {total}; each is listed with its evidence "
        "(read it: shared wire copy is a correct call, anything else an error)"
    )
    for e in sorted(derived, key=lambda e: -e.confidence)[: args.show]:
        print(f"- {e.source} -> {e.rewrite}: {e.kind} (confidence {e.confidence:.2f})")
        for r in e.reasons:
            print(f"    {r}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
