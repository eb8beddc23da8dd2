"""Scoring in worker processes: the same scores, in input order, for any number of jobs."""

from __future__ import annotations

import os
import signal
from pathlib import Path
from typing import Any

import pytest

from framing.corpus.inputs import Failure, discover
from framing.errors import InputError
from framing.ingest import read_path
from framing.run.local import CHUNK, WORKER_DIED, score_documents, score_inputs
from framing.score import get_engine
from tests.conftest import SEEDS

TEXT = (
    "Officials said on {day} that {n} families near the border had been displaced. "
    '"We need shelter," said a relief worker. Analysts warned the build-up could escalate.'
)
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")


def corpus(folder: Path, n: int) -> Path:
    """``n`` distinct short articles (more than a chunk per worker) and one bad file."""
    folder.mkdir()
    for i in range(n):
        text = TEXT.format(day=DAYS[i % len(DAYS)], n=100 + i)
        (folder / f"{i:03d}.txt").write_text(text, encoding="utf-8")
    (folder / "010_bad.txt").write_bytes(b"\x00\x01")
    return folder


def test_documents_come_back_in_input_order_for_any_jobs() -> None:
    docs = [d for p in sorted(SEEDS.glob("*.txt")) for d in read_path(p)] * 4
    assert len(docs) > 2 * CHUNK
    one = [s.to_json() for s in score_documents(docs, get_engine("blank"), jobs=1)]
    for jobs in (2, 3):
        assert [s.to_json() for s in score_documents(docs, get_engine("blank"), jobs=jobs)] == one


def test_inputs_and_failures_keep_their_places_for_any_jobs(tmp_path: Path) -> None:
    folder = corpus(tmp_path / "desk", 3 * CHUNK)

    def run(jobs: int) -> list[str]:
        out = []
        for r in score_inputs(discover([folder]), get_engine("blank"), jobs=jobs):
            out.append(f"FAILED {r.source}" if isinstance(r, Failure) else r.score.to_json())
        return out

    one = run(1)
    assert one.index("FAILED desk/010_bad.txt") == 11 and len(one) == 3 * CHUNK + 1
    assert run(2) == one


# issue #20, finding 4: a dead worker no longer hangs --jobs N -------------------------------


def _killing(monkeypatch: pytest.MonkeyPatch, name: str, once: Path | None = None) -> None:
    """Workers (forked after this patch) kill themselves with SIGKILL, as the out-of-memory
    killer would, on the input called ``name`` (only the first time when ``once`` is given)."""
    import framing.run.local as local

    real = local._process

    def fatal(item: Any, engine: Any, cache: Any) -> Any:
        if item.path.name == name and (once is None or not once.exists()):
            if once is not None:
                once.touch()
            os.kill(os.getpid(), signal.SIGKILL)
        return real(item, engine, cache)

    monkeypatch.setattr(local, "_process", fatal)


def test_a_worker_killed_on_every_attempt_costs_only_its_input(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = corpus(tmp_path / "desk", 3 * CHUNK)
    _killing(monkeypatch, "005.txt")
    results = list(score_inputs(discover([folder]), get_engine("blank"), jobs=2))
    failed = [r for r in results if isinstance(r, Failure)]
    assert [(f.source, f.reason) for f in failed if f.reason == WORKER_DIED] == [
        ("desk/005.txt", WORKER_DIED)
    ]
    assert len(results) == 3 * CHUNK + 1  # every other input scored, in its place
    assert [r.source for r in results][:7] == [f"desk/{i:03d}.txt" for i in range(7)]


def test_a_worker_killed_once_is_retried_and_nothing_is_lost(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = corpus(tmp_path / "desk", 3 * CHUNK)
    want = [r.source for r in score_inputs(discover([folder]), get_engine("blank"), jobs=1)]
    _killing(monkeypatch, "009.txt", once=tmp_path / "killed-once")
    got = list(score_inputs(discover([folder]), get_engine("blank"), jobs=2))
    assert (tmp_path / "killed-once").exists()
    assert [r.source for r in got] == want
    assert not any(isinstance(r, Failure) and r.reason == WORKER_DIED for r in got)


def test_the_score_command_reports_a_dead_worker_as_an_input_error(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import framing.run.local as local

    def fatal(docs: list[Any]) -> Any:
        os.kill(os.getpid(), signal.SIGKILL)

    monkeypatch.setattr(local, "_score_chunk", fatal)
    docs = [d for p in sorted(SEEDS.glob("*.txt")) for d in read_path(p)]
    with pytest.raises(InputError, match="worker process died"):
        list(score_documents(docs, get_engine("blank"), jobs=2))


# issue #20: a large JSON Lines file is scored in pieces, on every worker, cached as it goes ---


def test_a_large_jsonl_file_scores_in_pieces_exactly_as_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import json

    import framing.run.local as local
    from framing.run.cache import ScoreCache

    folder = tmp_path / "desk"
    folder.mkdir()
    lines = [
        json.dumps({"id": f"r{i}", "text": TEXT.format(day=DAYS[i % 5], n=i)}) for i in range(30)
    ]
    lines[13] = '{"id": "broken", "text": '
    lines.insert(20, "")
    (folder / "feed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")

    def run(jobs: int, cache: ScoreCache | None = None) -> list[str]:
        got = score_inputs(discover([folder]), get_engine("blank"), jobs=jobs, cache=cache)
        return [
            f"{r.source} {r.reason}" if isinstance(r, Failure) else r.score.to_json() for r in got
        ]

    whole = run(1)
    assert len(whole) == 30 and "desk/feed.jsonl: line 14 " in whole[13]
    monkeypatch.setattr(local, "PIECE_BYTES", 100)
    monkeypatch.setattr(local, "PIECE_RECORDS", 4)
    assert len([p for p in local.pieces(discover([folder])) if isinstance(p, local.Piece)]) == 8
    assert run(1) == whole
    with ScoreCache(tmp_path / "cache.sqlite") as cache:
        assert run(2, cache) == whole
        assert len(cache) == 29 and cache.misses == 29
