"""Draw the attributions of the labelled source-typing set (tests/fixtures/polnear_sources.tsv).

    python benchmarks/sample_sources.py > candidates.tsv

Every gold Attribution / Attribution-no-source relation of PolNeAR train and dev (first
annotation file by name) whose cue lies outside quoted speech is a candidate; a fixed seed
shuffles them and the first ``N`` are written as identifiers and character offsets only
(split, article, cue start/end, source start/end or -1): no corpus text. The kind column is
filled in by hand under the codebook in docs/validation.md.
"""

from __future__ import annotations

import random
import sys

from framing.evaluate.attribution import read_polnear
from framing.evaluate.data import eval_dir
from framing.text.quotes import find_quotes

SEED = 14
N = 420


def candidates() -> list[tuple[str, str, int, int, int, int]]:
    root = eval_dir() / "polnear" / "data"
    out = []
    for split in ("dev", "train"):
        for article in read_polnear(root, split):
            quotes = find_quotes(article.text)
            for rel in article.attributions:
                cue = rel.spans("Cue")
                if not cue:
                    continue
                c0, c1 = cue[0][0], cue[-1][1]
                if any(q.inner_start <= c0 < q.inner_end for q in quotes):
                    continue  # nested inside quoted speech: out of scope for the measure
                src = rel.spans("Source")
                s0, s1 = (src[0][0], src[-1][1]) if src else (-1, -1)
                out.append((split, article.base, c0, c1, s0, s1))
    return out


def main() -> int:
    pool = candidates()
    random.Random(SEED).shuffle(pool)
    print("split\tarticle\tcue_start\tcue_end\tsource_start\tsource_end\tkind")
    for row in pool[:N]:
        print("\t".join(map(str, row)) + "\t")
    print(f"{len(pool)} candidates, wrote {min(N, len(pool))}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
