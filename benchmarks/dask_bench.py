"""Throughput of the Dask engine (LocalCluster) against the local engine with the same workers.

    .venv/bin/python benchmarks/dask_bench.py [--articles 2000] [--workers 2] [--repeat 3]
                                              [--spacy-model blank] [--jsonl] [--fresh]

The corpus is the benchmark texts of ``run.py`` (seeds + PolNeAR), each made unique with a
numbered closing line (textstat caches results by text), written as one .txt file per article.
Rows, one after the other in this process:

- local engine, ``--jobs N``: a fork pool started for the run; the engine it forks with is
  built and warmed up in this process once, in the first round, and reused by later rounds;
- Dask, cold: ``score_with_dask`` starting its own LocalCluster of N processes and closing it,
  as ``--engine dask`` does without ``--scheduler``. Its workers are forked from this process
  after the same engine is built and warmed up here (``framing.run.dask.connect``), so, as
  for the local row, later rounds reuse that engine and time starting, using and closing the
  cluster;
- Dask, warm: a running cluster whose workers have built and warmed up their engines, as with
  a long-running ``dask scheduler`` (the cluster start is not counted);
- with ``--fresh``: ``--jobs N`` and the cold Dask run again, each in a new interpreter, which
  is what ``framing compare`` pays: importing framing, building and warming up the engine
  (about 2.5 s on an idle core, for both engines), then for Dask importing ``distributed``,
  starting and closing the cluster. Their results are compared by a digest;
- with ``--jsonl``: the same articles as one JSON Lines file, where the local engine scores
  the single file in one process and Dask scores its shards on every worker.

The rows run interleaved, ``--repeat`` rounds, and the best time of each counts (other load on
the machine slows them alike). Each Dask row checks that its results equal the local engine's.
Ratios are local seconds / Dask seconds (above 1: Dask faster); the ``--fresh`` Dask row is
compared with the ``--fresh`` local row.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from run import corpus


def write_corpus(folder: Path, n: int) -> tuple[Path, Path, int]:
    """n .txt files and one JSON Lines file with the same texts; returns them and the words."""
    texts = [f"{t}\n\nBenchmark article {i}." for i, t in enumerate(corpus(n))]
    files = folder / "files"
    files.mkdir()
    for i, text in enumerate(texts):
        (files / f"{i:05d}.txt").write_text(text, encoding="utf-8")
    feed = folder / "feed.jsonl"
    # other closing lines: the warm workers' textstat caches must not flatter the JSONL rows
    feed.write_text(
        "".join(
            json.dumps({"id": i, "text": f"{t}\n\nBenchmark record {i}."}) + "\n"
            for i, t in enumerate(corpus(n))
        ),
        encoding="utf-8",
    )
    return files, feed, sum(len(t.split()) for t in texts)


def timed(fn: Callable[[], list[object]]) -> tuple[float, list[object]]:
    start = time.perf_counter()
    out = fn()
    return time.perf_counter() - start, out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--spacy-model", default="blank")
    parser.add_argument("--partition-size", type=int, default=32)
    parser.add_argument("--jsonl", action="store_true", help="also time one JSON Lines file")
    parser.add_argument("--repeat", type=int, default=3, help="rounds; the best time counts")
    parser.add_argument(
        "--fresh",
        action="store_true",
        help="also time --jobs N and a cold Dask run each in a new interpreter, as the CLI runs",
    )
    parser.add_argument("--child", nargs=2, metavar=("ENGINE", "PATH"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        return _child(args.child[0], args.child[1], args)

    from framing.corpus.inputs import discover
    from framing.run.dask import connect, score_with_dask
    from framing.run.local import score_inputs
    from framing.score import get_engine

    n, k, model = args.articles, args.workers, args.spacy_model
    with tempfile.TemporaryDirectory() as tmp:
        files, feed, words = write_corpus(Path(tmp), n)

        def local(path: Path) -> list[object]:
            return list(score_inputs(discover([str(path)]), get_engine(model), jobs=k))

        def dask(path: Path, scheduler: object = None) -> list[object]:
            return list(
                score_with_dask(
                    [path],
                    scheduler=scheduler,  # type: ignore[arg-type]
                    n_workers=k,
                    spacy_model=model,
                    partition_size=args.partition_size,
                )
            )

        best: dict[str, float] = {}

        def keep(name: str, seconds: float) -> None:
            best[name] = min(seconds, best.get(name, float("inf")))

        def fresh(path: Path, args: argparse.Namespace) -> None:
            digests = set()
            for engine, name in (
                ("local", f"local engine, --jobs {k}, in a new interpreter"),
                ("dask", f"dask, LocalCluster of {k} started for the run, in a new interpreter"),
            ):
                command = [sys.executable, __file__, "--child", engine, str(path)]
                command += ["--workers", str(k), "--spacy-model", model]
                command += ["--partition-size", str(args.partition_size)]
                start = time.perf_counter()
                out = subprocess.run(command, check=True, capture_output=True, text=True)
                keep(name, time.perf_counter() - start)
                digests.add(out.stdout.strip())
            assert len(digests) == 1, "the engines' results differ in new interpreters"

        with connect(None, k) as client:
            client.run(_build_engine, model)  # every worker imports framing and builds its engine
            for _ in range(args.repeat):  # interleaved: a busy machine slows every row alike
                seconds, expected = timed(lambda: local(files))
                keep(f"local engine, --jobs {k}", seconds)
                seconds, got = timed(lambda: dask(files))
                assert got == expected, "the Dask engine's results differ from the local engine's"
                keep(f"dask, LocalCluster of {k} started for the run", seconds)
                seconds, got = timed(lambda: dask(files, client))
                assert got == expected
                keep(f"dask, running LocalCluster of {k} (warm)", seconds)
                if args.fresh:
                    fresh(files, args)
                if args.jsonl:
                    seconds, expected = timed(lambda: local(feed))
                    keep("local engine, one JSON Lines file", seconds)
                    seconds, got = timed(lambda: dask(feed, client))
                    assert got == expected
                    keep("dask (warm), the JSON Lines file in shards", seconds)
        rows = list(best.items())

    base = rows[0][1]
    print(
        f"{n} articles, {words:,} words, {k} workers, pipeline {model}, "
        f"{os.cpu_count()} cores, best of {args.repeat}"
    )
    print("| engine | seconds | articles/s | words/s | vs local --jobs |")
    print("|---|---:|---:|---:|---:|")
    for name, seconds in rows:
        ref = best["local engine, one JSON Lines file"] if "dask (warm), the JSON" in name else base
        if "new interpreter" in name:
            ref = best[f"local engine, --jobs {k}, in a new interpreter"]
        print(
            f"| {name} | {seconds:.1f} | {n / seconds:,.1f} | {words / seconds:,.0f} | "
            f"{ref / seconds:.2f}× |"
        )
    return 0


def _child(engine: str, path: str, args: argparse.Namespace) -> int:
    """One run in this new interpreter (what ``framing compare`` does before its tables);
    prints a digest of the results for the parent to compare."""
    if engine == "local":
        from framing.corpus.inputs import discover
        from framing.run.local import score_inputs
        from framing.score import get_engine

        engine = get_engine(args.spacy_model)
        results: list[object] = list(score_inputs(discover([path]), engine, jobs=args.workers))
    else:
        from framing.run.dask import score_with_dask

        results = list(
            score_with_dask(
                [path],
                n_workers=args.workers,
                spacy_model=args.spacy_model,
                partition_size=args.partition_size,
            )
        )
    print(hashlib.sha256(repr(results).encode()).hexdigest())
    return 0


def _build_engine(model: str) -> None:
    from framing.score import get_engine

    get_engine(model, ()).warm_up()  # the arguments the partitions pass: the same lru_cache entry


if __name__ == "__main__":
    raise SystemExit(main())
