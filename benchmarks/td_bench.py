"""TextDescriptives (readability + descriptive statistics) against framing's fast profile.

    python benchmarks/td_bench.py [--articles 800]

An optional row: TextDescriptives is not a framing dependency (2.8.4 pins ``numpy<2``, which
the project's environment does not hold), so run this with an interpreter that has both, e.g. a
throwaway venv: ``python -m venv /tmp/tdvenv && /tmp/tdvenv/bin/pip install textdescriptives
-e .`` then ``/tmp/tdvenv/bin/python benchmarks/td_bench.py``. Without TextDescriptives it
prints why and exits 0.

Both rows run in this process, one after the other, on the corpus of ``run.py`` (seeds +
PolNeAR, no text repeated up to 845 articles), after a warm-up on five texts:

- TextDescriptives: ``spacy.blank("en")`` + sentencizer + ``textdescriptives/descriptive_stats``
  + ``textdescriptives/readability`` through ``nlp.pipe``, then ``extract_dict`` (the values
  as plain data). Nothing is downloaded: both components work on the blank pipeline.
- framing fast profile: blank pipeline, every feature family with its evidence (frames,
  hedging, attribution, readability, tone, basics) — a superset of the TextDescriptives row.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from run import corpus


def timed(fn: Callable[[list[str]], object], texts: list[str]) -> float:
    fn(texts[:5])
    start = time.perf_counter()
    fn(texts)
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=800)
    args = parser.parse_args(argv)
    try:
        import textdescriptives as td
    except ImportError as exc:
        print(f"skipped TextDescriptives: not importable here ({exc})", file=sys.stderr)
        return 0
    import spacy

    from framing.document import Document
    from framing.score import Engine

    n = args.articles
    texts = corpus(n)
    words = sum(len(t.split()) for t in texts)
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("textdescriptives/descriptive_stats")
    nlp.add_pipe("textdescriptives/readability")
    fast = Engine("blank")

    def descriptives(ts: list[str]) -> object:
        return td.extract_dict(list(nlp.pipe(ts)), include_text=False)

    def framing_fast(ts: list[str]) -> object:
        docs = [Document(text=t, source=str(i), raw_chars=len(t)) for i, t in enumerate(ts)]
        return list(fast.score_documents(docs))

    rows = [
        (f"TextDescriptives {td.__version__} (readability + descriptive_stats)", descriptives),
        ("framing fast profile", framing_fast),
    ]
    print(f"{n} articles, {words:,} words; numpy {__import__('numpy').__version__}")
    print("| profile | words/s | articles/s |")
    print("|---|---:|---:|")
    for name, fn in rows:
        seconds = timed(fn, texts)
        print(f"| {name} | {words / seconds:,.0f} | {n / seconds:,.1f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
