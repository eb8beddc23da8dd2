"""The Dask engine gives the local engine's results, byte for byte, on a LocalCluster.

One LocalCluster of two worker processes (loopback, no dashboard) serves the whole module;
the CLI reaches it through ``--scheduler``. Only ``framing.sqlite`` may differ between two
runs, and only in its timestamps (``runs.created_at``, ``framing_schema.applied_at``); everything
else must be identical.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

pytest.importorskip("distributed")

from distributed import Client

from framing.api import compare
from framing.corpus.articles import ScoredArticle
from framing.corpus.inputs import Failure, discover
from framing.export.outputs import default_db_url, write_outputs
from framing.run.dask import (
    DaskOptions,
    Shard,
    WorkerMismatchError,
    check_worker,
    connect,
    plan,
    score_with_dask,
    worker_setup,
)
from framing.run.local import score_inputs
from framing.score import get_engine
from tests.cli.test_cli import BLANK, run
from tests.conftest import SEEDS

SENTENCES = (
    "Officials said the ceasefire talks would resume on Monday.",
    "Aid groups warned that civilians were running out of food and water.",
    "The ministry reportedly rejected the proposal, according to two sources.",
    "Troops were deployed along the border as tensions rose.",
    '"We will not give up," the mayor told reporters.',
    "Analysts suggested the sanctions might weaken the regime.",
    "Refugees crossed the river at night, a witness said.",
)


def article(n: int) -> str:
    body = " ".join(SENTENCES[(n + k) % len(SENTENCES)] for k in range(3 + n % 4))
    return f"Story number {n}\n\n{body}\n\nThe report was published on 12 March 2025.\n"


@pytest.fixture(scope="module")
def client() -> Iterator[Client]:
    """The LocalCluster ``--engine dask`` starts without ``--scheduler``: two processes."""
    with connect(None, n_workers=2) as c:
        yield c


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seeds (with their manifest), folder outlets, a JSON Lines feed long enough to be
    sharded (blank lines, ids and no ids, an outlet field) and a binary file."""
    root = tmp_path_factory.mktemp("corpus")
    shutil.copytree(SEEDS, root / "seeds")
    for n in range(8):
        outlet = ("Daily Planet", "Gazette")[n % 2]
        (root / outlet).mkdir(exist_ok=True)
        (root / outlet / f"story-{n:02d}.txt").write_text(article(n), encoding="utf-8")
    lines = []
    for n in range(10):
        record = {"text": article(20 + n), "outlet": ("Wire", "Herald")[n % 2]}
        if n % 3:
            record["id"] = f"w{n}"
        lines.append(json.dumps(record))
        if n == 4:
            lines.append("")
    (root / "feed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (root / "Gazette" / "scan.txt").write_bytes(b"PK\x03\x04\x00\x00binary\x00")
    return root


def tree(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.name != "framing.sqlite"
    }


def database(path: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every table's rows in order; the timestamps are the one thing left out."""
    with sqlite3.connect(path) as db:
        names = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        out = {}
        for name in sorted(names):
            cols = [r[1] for r in db.execute(f"PRAGMA table_info({name})")]
            keep = ", ".join(c for c in cols if c not in ("created_at", "applied_at"))
            out[name] = db.execute(f"SELECT {keep} FROM {name} ORDER BY rowid").fetchall()
    return out


def run_both(corpus: Path, tmp_path: Path, client: Client, **dask: object) -> tuple[Path, Path]:
    """`compare` with each engine, every output written; returns the two output folders."""
    outs = []
    for engine in ("local", "dask"):
        options = (
            DaskOptions(scheduler=client.scheduler.address, **dask) if engine == "dask" else None
        )  # type: ignore[arg-type]
        c = compare([str(corpus)], spacy_model="blank", dask=options)
        out = tmp_path / engine
        write_outputs(c, out, db=default_db_url(out))
        outs.append(out)
    return outs[0], outs[1]


def test_every_output_file_is_identical_to_the_local_engine(
    corpus: Path, tmp_path: Path, client: Client
) -> None:
    parts = tmp_path / "parts"
    (parts / "articles").mkdir(parents=True)
    (parts / "articles" / "part-00999.parquet").write_bytes(b"stale")  # from an earlier run
    local, dask = run_both(
        corpus, tmp_path, client, partition_size=3, partitioned_parquet=str(parts)
    )
    files = tree(local)
    assert "report.html" in files and "articles.parquet" in files
    assert tree(dask) == files
    assert database(dask / "framing.sqlite") == database(local / "framing.sqlite")

    # the workers' Parquet parts hold the single files' rows, in order, with their schema
    import pyarrow.dataset as ds
    import pyarrow.parquet as pq

    for table in ("articles", "metrics_long", "evidence"):
        found = sorted((parts / table).iterdir())
        assert len(found) > 3
        assert all(f.name.startswith("part-") for f in found)
        assert "part-00999.parquet" not in [f.name for f in found]
        single = pq.read_table(local / f"{table}.parquet")
        dataset = ds.dataset(parts / table, format="parquet").to_table()
        assert dataset.schema.equals(single.schema)
        assert dataset.to_pylist() == single.to_pylist()


def test_the_generated_corpus_is_really_sharded_and_really_fails_a_file(corpus: Path) -> None:
    items = list(discover([str(corpus)]))
    partitions, _ = plan(items, 3)
    shards = [p for part in partitions for p in part.pieces if isinstance(p, Shard)]
    assert [s.first_record for s in shards] == [0, 3, 6, 9]
    assert [s.first_line for s in shards] == [1, 4, 8, 11]  # the blank line 6 is kept in place
    assert len(partitions) > 5


def test_results_come_back_in_input_order_with_the_bad_file_reported(
    corpus: Path, client: Client
) -> None:
    local = list(score_inputs(discover([str(corpus)]), get_engine("blank")))
    calls: list[tuple[int, int]] = []
    dask = score_with_dask(
        [corpus, corpus / "missing"],
        scheduler=client,
        spacy_model="blank",
        partition_size=2,
        progress=lambda done, total, _: calls.append((done, total)),
    )
    assert dask[-1] == Failure(str(corpus / "missing"), "no such file or directory")
    dask.pop()
    assert dask == local
    total = len(list(discover([str(corpus)]))) + 1
    assert len(calls) == len(local) + 1  # once per result
    assert {t for _, t in calls} == {total}
    assert max(d for d, _ in calls) == total
    failures = [r for r in dask if isinstance(r, Failure)]
    assert [f.source for f in failures] == [f"{corpus.name}/Gazette/scan.txt"]
    assert "binary content" in failures[0].reason
    feed = [r.source for r in dask if isinstance(r, ScoredArticle) and "feed" in r.source]
    assert feed[:3] == [f"{corpus.name}/feed.jsonl#{s}" for s in ("1", "w1", "w2")]


def test_a_bad_record_in_a_late_shard_fails_the_whole_file_as_locally(
    tmp_path: Path, client: Client
) -> None:
    lines = [json.dumps({"id": f"r{n}", "text": article(n)}) for n in range(9)]
    lines[7] = '{"id": "r7", "text": '  # truncated: invalid JSON on line 8
    (tmp_path / "feed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (tmp_path / "good.txt").write_text(article(1), encoding="utf-8")
    local = list(score_inputs(discover([str(tmp_path)]), get_engine("blank")))
    parts = tmp_path / "parts"
    dask = score_with_dask(
        [tmp_path],
        scheduler=client,
        spacy_model="blank",
        partition_size=2,
        partitioned_parquet=parts,
    )
    assert dask == local
    assert isinstance(dask[0], Failure)
    assert "invalid JSON on line 8" in dask[0].reason
    assert len(dask) == 2  # the feed as one failure, then the good file

    import pyarrow.dataset as ds

    rows = ds.dataset(parts / "articles", format="parquet").to_table().to_pylist()
    assert [r["source"] for r in rows] == [f"{tmp_path.name}/good.txt"]  # none from the feed


def test_the_cli_gives_the_same_stdout_and_files_with_either_engine(
    tmp_path: Path, client: Client
) -> None:
    address = client.scheduler.address
    local = run("compare", SEEDS, *BLANK, "--format", "csv", "--out", tmp_path / "local")
    dask = run(
        "compare",
        SEEDS,
        *BLANK,
        "--format",
        "csv",
        "--out",
        tmp_path / "dask",
        "--engine",
        "dask",
        "--scheduler",
        address,
    )
    assert dask.exit_code == local.exit_code == 0, dask.stderr
    assert dask.stdout == local.stdout
    assert tree(tmp_path / "dask") == tree(tmp_path / "local")
    one = run("score", *sorted(SEEDS.glob("*.txt")), *BLANK, "--format", "json")
    two = run(
        "score",
        *sorted(SEEDS.glob("*.txt")),
        *BLANK,
        "--format",
        "json",
        "--engine",
        "dask",
        "--scheduler",
        address,
    )
    assert two.exit_code == 0, two.stderr
    assert two.stdout == one.stdout


def test_score_on_dask_stops_at_a_bad_file_with_the_local_message(
    tmp_path: Path, client: Client
) -> None:
    bad = tmp_path / "scan.txt"
    bad.write_bytes(b"\x00\x01binary")
    seed = sorted(SEEDS.glob("*.txt"))[0]
    local = run("score", seed, bad, *BLANK)
    dask = run(
        "score", seed, bad, *BLANK, "--engine", "dask", "--scheduler", client.scheduler.address
    )
    assert dask.exit_code == local.exit_code == 1
    assert dask.stderr == local.stderr
    assert "binary content" in dask.stderr


def test_dask_options_need_the_dask_engine() -> None:
    result = run("compare", SEEDS, *BLANK, "--scheduler", "tcp://127.0.0.1:1")
    assert result.exit_code == 2
    assert "--scheduler need --engine dask" in result.stderr


def test_a_worker_with_other_lexicons_fails_loudly(tmp_path: Path, client: Client) -> None:
    """A worker whose built-in hedging lexicon is another version stops the run, named."""
    from framing.lexicon.load import builtin_path

    text = builtin_path("hedging").read_text(encoding="utf-8")
    other = tmp_path / "hedging.toml"
    other.write_text(text.replace('version = "', 'version = "0.0.1-', 1), encoding="utf-8")

    def install_other(path: str) -> None:
        import framing.lexicon.load as lexicon
        from framing.score import get_engine

        original = lexicon.builtin_path
        lexicon.builtin_path = lambda name: Path(path) if name == "hedging" else original(name)
        lexicon.builtin_path.original = original  # type: ignore[attr-defined]
        get_engine.cache_clear()

    def restore() -> None:
        import framing.lexicon.load as lexicon
        from framing.score import get_engine

        lexicon.builtin_path = lexicon.builtin_path.original  # type: ignore[attr-defined]
        get_engine.cache_clear()

    seed = sorted(SEEDS.glob("*.txt"))[0]
    client.run(install_other, str(other))
    try:
        with pytest.raises(WorkerMismatchError, match=r"worker tcp://127\.0\.0\.1:\d+ has lexicon"):
            score_with_dask([seed], scheduler=client, spacy_model="blank")
    finally:
        client.run(restore)
    (result,) = score_with_dask([seed], scheduler=client, spacy_model="blank")
    assert isinstance(result, ScoredArticle)


def test_relative_paths_mean_the_clients_folder_on_the_workers(
    tmp_path: Path, client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Workers started elsewhere (``dask worker`` in another folder) still find the inputs,
    lexicons and Parquet folder the client named relative to its own folder."""
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(article(3), encoding="utf-8")
    (tmp_path / "watch.toml").write_text(
        '[lexicon]\nname = "watch"\nversion = "1.0.0"\n\n'
        '[categories.a]\ncodebook = "c"\nterms = ["border"]\n',
        encoding="utf-8",
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    here = os.getcwd()
    monkeypatch.chdir(tmp_path)
    client.run(os.chdir, str(elsewhere))
    try:
        local = list(score_inputs(discover(["in"]), get_engine("blank", ("watch.toml",))))
        dask = score_with_dask(
            ["in"],
            scheduler=client,
            spacy_model="blank",
            lexicons=["watch.toml"],
            partitioned_parquet="parts",
        )
        assert client.run(os.getcwd) == dict.fromkeys(client.run(os.getcwd), str(elsewhere))
    finally:
        client.run(os.chdir, here)
    assert dask == local
    assert isinstance(dask[0], ScoredArticle)
    assert dask[0].score.custom["watch.a"]["count"] == 1
    assert (tmp_path / "parts" / "articles" / "part-00000.parquet").is_file()


def test_check_worker_refuses_another_version_or_fingerprint() -> None:
    setup = worker_setup("blank")
    check_worker(setup)  # this process matches itself
    from dataclasses import replace

    with pytest.raises(WorkerMismatchError, match=r"the client 0\.0\.0-other"):
        check_worker(replace(setup, tool_version="0.0.0-other"))
    with pytest.raises(WorkerMismatchError, match="lexicon fingerprint"):
        check_worker(replace(setup, lexicon_fingerprint="0" * 64))


def test_auto_is_resolved_on_the_client() -> None:
    from framing.nlp import installed_trained_english

    assert worker_setup("auto").spacy_model == (installed_trained_english() or "blank")


def test_plan_keeps_partitions_near_the_requested_size(tmp_path: Path) -> None:
    for n in range(7):
        (tmp_path / f"{n}.txt").write_text(article(n), encoding="utf-8")
    items = list(discover([str(tmp_path)]))
    partitions, placed = plan(items, 3)
    assert [len(p.pieces) for p in partitions] == [3, 3, 1]
    assert placed == [[(0, 0)], [(0, 1)], [(0, 2)], [(1, 0)], [(1, 1)], [(1, 2)], [(2, 0)]]


def test_without_dask_installed_the_error_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    from framing.errors import ResourceMissingError

    monkeypatch.setitem(sys.modules, "distributed", None)  # import distributed -> ImportError
    with pytest.raises(ResourceMissingError, match=r"pip install 'framing-toolkit\[dask\]'"):
        score_with_dask([SEEDS], spacy_model="blank")


def test_a_worker_without_the_pipeline_stops_the_run(client: Client) -> None:
    """The client does not load the pipeline; the worker that cannot fails the run loudly."""
    from framing.errors import ResourceMissingError

    seed = sorted(SEEDS.glob("*.txt"))[0]
    with pytest.raises(ResourceMissingError, match="'no_such_pipeline' is not installed"):
        score_with_dask([seed], scheduler=client, spacy_model="no_such_pipeline")


def test_our_local_cluster_forks_workers_that_inherit_the_warmed_engine(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With a setup the engine is built and warmed here, then the workers are forked: each
    already holds that engine (a lexicon only this test uses, so no earlier test built it),
    and the start method was set for the cluster's creation only."""
    import dask

    from framing.run.dask import START_METHOD_KEY, local_start_method

    if local_start_method() != "fork":
        pytest.skip("this platform starts LocalCluster workers without fork")
    lexicon = tmp_path / "only_here.toml"
    lexicon.write_text(
        '[lexicon]\nname = "only_here"\nversion = "1.0.0"\n\n'
        '[categories.a]\ncodebook = "c"\nterms = ["ceasefire"]\n',
        encoding="utf-8",
    )
    setup = worker_setup("blank", [str(lexicon)])
    before = dask.config.get(START_METHOD_KEY)
    assert before != "fork"  # Dask's default; otherwise the check below proves nothing

    def misses_on_get(model: str, lexicons: tuple[str, ...]) -> tuple[int, int]:
        from framing.score import get_engine

        was = get_engine.cache_info().misses
        get_engine(model, lexicons)
        return was, get_engine.cache_info().misses

    with connect(None, n_workers=2, setup=setup) as own:
        assert dask.config.get(START_METHOD_KEY) == before
        got = own.run(misses_on_get, setup.spacy_model, setup.lexicons)
        assert len(got) == 2
        assert all(after == was for was, after in got.values())  # a hit: inherited
        # the hard negative: an engine nobody built here is a miss on the workers too
        other = own.run(misses_on_get, "blank", (str(lexicon), str(lexicon)))
        assert all(after == was + 1 for was, after in other.values())
    assert dask.config.get(START_METHOD_KEY) == before


def test_a_given_scheduler_gets_no_start_method_and_no_warm_up(
    client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    import dask

    from framing.run.dask import START_METHOD_KEY
    from framing.score import Engine

    calls: list[object] = []
    monkeypatch.setattr(Engine, "warm_up", lambda self: calls.append(self))
    before = dask.config.get(START_METHOD_KEY)
    setup = worker_setup("blank")
    for scheduler in (client, client.scheduler.address):
        with connect(scheduler, setup=setup) as c:  # type: ignore[arg-type]
            assert dask.config.get(START_METHOD_KEY) == before
            assert c.scheduler.address == client.scheduler.address
    seed = sorted(SEEDS.glob("*.txt"))[0]
    (result,) = score_with_dask([seed], scheduler=client.scheduler.address, spacy_model="blank")
    assert isinstance(result, ScoredArticle)
    assert calls == []


def test_the_start_method_is_fork_only_where_it_is_safe(monkeypatch: pytest.MonkeyPatch) -> None:
    import multiprocessing
    import sys

    import dask

    from framing.run.dask import START_METHOD_KEY, local_start_method

    with dask.config.set({START_METHOD_KEY: "forkserver"}):
        monkeypatch.setattr(multiprocessing, "get_all_start_methods", lambda: ["fork", "spawn"])
        monkeypatch.setattr(sys, "platform", "linux")
        assert local_start_method() == "fork"
        monkeypatch.setattr(sys, "platform", "darwin")
        assert local_start_method() == "forkserver"  # the configured one
        monkeypatch.setattr(sys, "platform", "win32")
        monkeypatch.setattr(multiprocessing, "get_all_start_methods", lambda: ["spawn"])
        assert local_start_method() == "forkserver"
