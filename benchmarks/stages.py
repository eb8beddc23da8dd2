"""Where the fast profile's time goes: CPU seconds per stage on the benchmark corpus.

    .venv/bin/python benchmarks/stages.py [--articles N]

Runs ``Engine("blank").score_documents`` over the corpus of ``benchmarks/run.py`` after the
same five-article warm-up as its fast row (so lookup tables start nearly empty), with timers
around the tokenizer, the sentence component, the context's token arrays, lexicon matching,
quotations, every feature family (and, within them, evidence creation) and the rest of
scoring (assembly). CPU time
(``time.process_time``), so other processes on the machine disturb it less than wall time;
timers add a little overhead of their own.
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from run import corpus

from framing import score as score_module
from framing.document import Document
from framing.evidence import Evidence
from framing.features.context import FeatureContext
from framing.score import Engine

TIMES: dict[str, float] = defaultdict(float)
clock = time.process_time


def timed(stage: str, fn: Callable[..., Any]) -> Callable[..., Any]:
    def run(*args: Any, **kwargs: Any) -> Any:
        start = clock()
        try:
            return fn(*args, **kwargs)
        finally:
            TIMES[stage] += clock() - start

    return run


class TimedContext(FeatureContext):
    """A context that computes its shared parts up front, one timer each."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        start = clock()
        _ = self.texts, self.plain_lowers, self.lowers, self.word_mask, self.is_space
        _ = self.sentences, self.sentence_of
        TIMES["context: token arrays, sentences"] += clock() - start
        start = clock()
        for name in self.resources.lexicons:
            if name != "evaluation":
                self.matches(name)
        TIMES["lexicon matching"] += clock() - start
        start = clock()
        _ = self.speech_quotes, self.quote_index_all, self.quote_of
        TIMES["quotations"] += clock() - start

    def evidence(self, *args: Any, **kwargs: Any) -> Evidence:
        start = clock()
        try:
            return super().evidence(*args, **kwargs)
        finally:
            TIMES["evidence (inside families)"] += clock() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=800)
    args = parser.parse_args(argv)
    texts = corpus(args.articles)
    words = sum(len(t.split()) for t in texts)
    engine = Engine("blank")
    nlp = engine.pipeline.nlp
    nlp.tokenizer = timed("tokenizer", nlp.tokenizer)
    for k, (name, proc) in enumerate(nlp._components):
        nlp._components[k] = (name, timed(f"pipeline: {name}", proc))
    engine._families = [
        dataclasses.replace(f, compute=timed(f"family: {f.name}", f.compute))
        for f in engine._families
    ]
    score_module.FeatureContext = TimedContext  # type: ignore[misc]

    def documents() -> list[Document]:
        return [Document(text=t, source=str(i), raw_chars=len(t)) for i, t in enumerate(texts)]

    list(engine.score_documents(documents()[:5]))  # warm up as run.py does: loads, CMUdict
    TIMES.clear()
    start = clock()
    list(engine.score_documents(documents()))
    total = clock() - start
    evidence = TIMES.pop("evidence (inside families)", 0.0)
    assembly = total - sum(TIMES.values())
    print(
        f"{len(texts)} articles, {words:,} words: {total:.2f} CPU s, {words / total:,.0f} words/s"
    )
    print("| stage | CPU s | share |\n|---|---:|---:|")
    for stage, seconds in [*TIMES.items(), ("assembly and glue (the rest)", assembly)]:
        print(f"| {stage} | {seconds:.2f} | {100 * seconds / total:.1f}% |")
    print(f"| (of the families: evidence spans) | {evidence:.2f} | {100 * evidence / total:.1f}% |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
