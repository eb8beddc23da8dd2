"""Speed of framing against baselines run in the same process on the same corpus.

    .venv/bin/python benchmarks/run.py [--articles N] [--quick] [--write-docs]

The corpus is the five seeds (cleaned) plus PolNeAR article texts from ``../shared/eval/polnear``
(when present), cycled to N articles; keep N at most 845 so no text repeats (textstat caches
results by text, which would flatter the rows that use it). Every row is measured in this
process, one after the other, on the same texts; ratios, not absolute times, are what to
compare across machines.
Rows: spaCy's blank English tokenizer alone; ``en_core_web_sm`` ``nlp.pipe`` alone; a naive
per-article loop of textstat (Flesch) + VADER (whole text); framing's fast profile (blank
pipeline, every feature with evidence), on the texts as they are and end to end (each raw
text cleaned first by ``framing.ingest.read_text``, as ``framing score`` does); framing's
parsed profile (trained pipeline).
Each framing row starts from a cold engine (:func:`cold_engine`: its own pipeline and
vocabulary, empty word tables), so no row is flattered by what an earlier row learnt from the
same texts; the spaCy rows build their own pipelines the same way.
Every row runs in :func:`framing.heap.bulk_gc`, the garbage-collector scope framing's batch
scoring uses, so the baselines get the same collector settings as framing (it saves framing
about 5 % of its time, the tokenizer alone 1-2 %).
Peak RSS is the process maximum after each row (it only grows), so read it as a trend.
Then the scaling rows of ``benchmarks/scale.py`` (``--jobs``, memory against corpus size, the
score cache). With ``--quick`` (CI) the run exits 1 when a gate in ``scale.GATES`` fails.
"""

from __future__ import annotations

import argparse
import platform
import resource
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

KEPT_SECTION = "## Rewrites at scale"
ROOT = Path(__file__).resolve().parent.parent
POLNEAR = ROOT.parent / "shared" / "eval" / "polnear" / "data" / "train" / "text"


def corpus(n: int) -> list[str]:
    from framing.ingest import read_path

    texts = [read_path(p)[0].text for p in sorted((ROOT / "seeds").glob("*.txt"))]
    if POLNEAR.is_dir():
        texts += [p.read_text(encoding="utf-8") for p in sorted(POLNEAR.glob("*.txt"))[:840]]
    return [texts[i % len(texts)] for i in range(n)]


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def timed(fn: Callable[[list[str]], object], texts: list[str]) -> float:
    from framing.heap import bulk_gc

    fn(texts[:5])  # warm up: loads, caches
    with bulk_gc():  # the same collector settings for every row (see the module doc)
        start = time.perf_counter()
        fn(texts)
        return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=800)
    parser.add_argument(
        "--quick",
        action="store_true",
        help="200 articles, no parsed rows, smaller scaling "
        "runs; exit 1 on a gross regression (the gates in benchmarks/scale.py)",
    )
    parser.add_argument("--write-docs", action="store_true", help="write docs/performance.md")
    args = parser.parse_args(argv)
    n = 200 if args.quick else args.articles
    texts = corpus(n)
    words = sum(len(t.split()) for t in texts)

    import spacy
    import textstat
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    from framing.document import Document
    from framing.features.readability import textstat_offline
    from framing.ingest import read_text
    from framing.nlp import installed_trained_english

    textstat_offline()  # the offline CMUdict hook, as framing itself uses it
    vader = SentimentIntensityAnalyzer()

    def docs(ts: list[str]) -> list[Document]:
        return [Document(text=t, source=str(i), raw_chars=len(t)) for i, t in enumerate(ts)]

    # Each row is built right before it runs; framing rows on a cold engine (cold_engine).
    rows: list[tuple[str, Callable[[], Callable[[list[str]], object]]]] = [
        ("spaCy blank tokenizer", lambda: _tokenize(spacy.blank("en"))),
        (
            "textstat + VADER per article (naive)",
            lambda: (
                lambda ts: [(textstat.flesch_reading_ease(t), vader.polarity_scores(t)) for t in ts]
            ),
        ),
        ("framing fast profile", lambda: _scorer(cold_engine("blank"), docs)),
        (
            "framing fast profile, end to end (clean + score)",
            lambda: _scorer(
                cold_engine("blank"), lambda ts: [read_text(t, str(i)) for i, t in enumerate(ts)]
            ),
        ),
    ]
    trained = installed_trained_english()
    if trained and not args.quick:
        rows += [
            (f"{trained} nlp.pipe", lambda: _pipe(spacy.load(trained))),
            ("framing parsed profile", lambda: _scorer(cold_engine(trained), docs)),
        ]
    results = []
    for name, make in rows:
        seconds = timed(make(), texts)
        results.append((name, seconds, peak_rss_mb()))
        print(
            f"{name:40s} {words / seconds:10.0f} words/s {n / seconds:8.1f} articles/s",
            file=sys.stderr,
        )
    base = dict((r[0], r[1]) for r in results)
    tok = base["spaCy blank tokenizer"]
    lines = [
        "| profile | words/s | articles/s | vs blank tokenizer | peak RSS (MB) |",
        "|---|---:|---:|---:|---:|",
    ]
    for name, seconds, rss in results:
        lines.append(
            f"| {name} | {words / seconds:,.0f} | {n / seconds:,.1f} | "
            f"{tok / seconds:.3f}× | {rss:,.0f} |"
        )
    table = "\n".join(lines)
    print(table)
    import scale

    scaling = scale.measure(corpus(845), scale.QUICK if args.quick else scale.FULL)
    scaling["fast_vs_tokenizer"] = tok / base["framing fast profile"]
    scale_table = scale.table(scaling)
    print(scale_table)
    if args.write_docs:
        machine = f"{platform.machine()}, {platform.python_version()}, {_cores()} cores"
        page = ROOT / "docs" / "performance.md"
        # sections other benchmarks own (e.g. "## Rewrites at scale") are kept as they are
        kept = page.read_text(encoding="utf-8").split(KEPT_SECTION, 1) if page.exists() else []
        tail = KEPT_SECTION + kept[1] if len(kept) == 2 else ""
        page.write_text(
            "# Performance\n\nGenerated by `python benchmarks/run.py --write-docs` on "
            f"{datetime.now(UTC).date()} ({machine}); {n} articles, {words:,} words "
            "(seeds + PolNeAR train texts, no text repeated). One process, one core, rows run "
            "one after the other on the same texts; each framing row starts from a cold engine "
            "(its own pipeline and vocabulary, empty word tables) and every row runs under the "
            "same garbage-collector settings (`framing.heap.bulk_gc`).\n\n"
            + table
            + "\n\nThe bare `nlp.pipe` row runs the whole "
            "trained pipeline; framing's parsed profile loads it without the lemmatizer, which "
            "is why it is faster than the bare row. Dask against `--jobs`: "
            "`benchmarks/dask_bench.py` ([distributed.md](distributed.md)); TextDescriptives: "
            "`benchmarks/td_bench.py` ([performance-textdescriptives.md]"
            "(performance-textdescriptives.md); it needs its own environment: TextDescriptives "
            "pins numpy < 2).\n\n"
            "## Scaling\n\n"
            + scale.__doc__.split("\n\n", 1)[1]  # type: ignore[union-attr]
            + "\n"
            + scale_table
            + "\n"
            + (("\n" + tail) if tail else ""),
            encoding="utf-8",
        )
    failed = scale.gate(scaling) if args.quick else []
    for line in failed:
        print(f"REGRESSION {line}", file=sys.stderr)
    return 1 if failed else 0


def cold_engine(model: str) -> Any:
    """A new Engine that starts with nothing an earlier row learnt from the same texts: its own
    spaCy pipeline (vocabulary), lexicon tables and VADER sentence table, and framing's
    per-process token and readability tables emptied."""
    from framing.features.context import clear_tables
    from framing.features.readability import clear_tables as clear_readability
    from framing.nlp import load_pipeline
    from framing.score import Engine

    load_pipeline.cache_clear()
    clear_tables()
    clear_readability()
    return Engine(model)


def _scorer(engine: Any, documents: Callable[[list[str]], Any]) -> Callable[[list[str]], object]:
    return lambda ts: list(engine.score_documents(documents(ts)))


def _tokenize(nlp: Any) -> Callable[[list[str]], object]:
    return lambda ts: list(nlp.tokenizer.pipe(ts))


def _pipe(nlp: Any) -> Callable[[list[str]], object]:
    return lambda ts: list(nlp.pipe(ts))


def _cores() -> int:
    import os

    return os.cpu_count() or 1


if __name__ == "__main__":
    raise SystemExit(main())
