"""Kill `framing compare` (with --db and --cache) while it scores, writes files and writes the
database, then run it again: the output folder is always one whole run, and the rerun leaves
no temporary files and the same rows as an uninterrupted run (benchmarks/kill_rerun.py; the
benchmark runs the same campaign on 500 articles at 18 points)."""

from __future__ import annotations

import signal
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

import kill_rerun  # noqa: E402


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
def test_kills_at_every_stage_never_mix_two_runs_and_the_rerun_is_whole(tmp_path: Path) -> None:
    kills = [
        kill_rerun.Kill(signal.SIGTERM, "scoring"),
        kill_rerun.Kill(signal.SIGKILL, "writing"),
        kill_rerun.Kill(signal.SIGINT, "writing"),
        kill_rerun.Kill(signal.SIGKILL, "database"),
    ]
    said: list[str] = []
    problems = kill_rerun.campaign(tmp_path, 60, kills, jobs=2, say=said.append, baseline_here=True)
    assert problems == [], "\n".join(said)
    assert sum("sent" in line for line in said) >= 3, "\n".join(said)  # most kills landed
