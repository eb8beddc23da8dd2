"""Scoring in worker processes: the same scores, in input order, for any number of jobs."""

from __future__ import annotations

from pathlib import Path

from framing.corpus.inputs import Failure, discover
from framing.ingest import read_path
from framing.run.local import CHUNK, score_documents, score_inputs
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
