"""Progress: phases reported with counts and timings; off a terminal, a line every N seconds."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from framing import api
from framing.cli import cli
from framing.progress import LogLines, Step, phase
from tests.conftest import SEEDS


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_log_lines_write_at_most_one_progress_line_per_interval() -> None:
    clock = Clock()
    lines: list[str] = []
    log = LogLines(lines.append, every=10.0, clock=clock)
    with phase(log, "score", total=100) as p:
        for done in range(1, 101):
            clock.now = done * 0.5  # 50 s in all
            p.advance(done)
    assert lines == [
        "score: 20/100 after 10 s",
        "score: 40/100 after 20 s",
        "score: 60/100 after 30 s",
        "score: 80/100 after 40 s",
        "score: 100/100 after 50 s",
        "score: 100/100 done in 50.0 s",
    ]


def test_a_phase_that_fails_does_not_report_itself_done() -> None:
    steps: list[Step] = []
    try:
        with phase(steps.append, "write", total=3) as p:
            p.advance(1)
            raise RuntimeError("disk full")
    except RuntimeError:
        pass
    assert [s.finished for s in steps] == [False, False]


def test_compare_reports_every_phase_with_counts() -> None:
    steps: list[Step] = []
    with api.compare([str(SEEDS)], spacy_model="blank", report=steps.append) as result:
        assert len(result.articles) == 5
    done = {s.phase: s for s in steps if s.finished}
    assert list(done) == ["discover", "score", "rewrites"]
    assert done["discover"].done == 5
    assert (done["score"].done, done["score"].total) == (5, 5)
    assert done["score"].note == "5 articles, 0 failed"
    assert all(s.seconds >= 0 for s in steps)
    scored = [s.done for s in steps if s.phase == "score"]
    assert scored == sorted(scored) and scored[0] == 0  # counted up from zero as it goes


def test_off_a_terminal_the_cli_prints_one_line_per_phase(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        cli, ["compare", str(SEEDS), "--out", str(tmp_path), "--no-db", "--spacy-model", "blank"]
    )
    assert result.exit_code == 0, result.stderr
    lines = result.stderr.splitlines()
    for name, counted in [("discover", "5"), ("score", "5/5"), ("rewrites", "5/5")]:
        assert any(line.startswith(f"{name}: {counted} done in ") for line in lines), name
    assert any(line.startswith("write: ") and "files" in line for line in lines)


def test_score_reports_reading_and_scoring() -> None:
    seed = str(next(SEEDS.glob("004_*.txt")))
    result = CliRunner().invoke(cli, ["score", seed, "--spacy-model", "blank", "--format", "csv"])
    assert result.exit_code == 0
    assert [line.split(" done")[0] for line in result.stderr.splitlines()] == [
        "read: 1/1",
        "score: 1/1",
    ]


def test_sub_phases_report_each_rewrite_phase_once_finished() -> None:
    from framing.progress import sub_phases

    steps: list[Step] = []
    ticks = iter(range(100))
    update = sub_phases(steps.append, "rewrites: ", clock=lambda: float(next(ticks)))
    update("align", 1, 3)
    update("align", 3, 3)
    update("align", 3, 3)  # a repeated last report is not a second finish
    update("derive", 0, 0)  # nothing to do: never marked finished
    assert [(s.phase, s.done, s.total, s.finished) for s in steps] == [
        ("rewrites: align", 1, 3, False),
        ("rewrites: align", 3, 3, True),
        ("rewrites: derive", 0, 0, False),
    ]
    assert steps[1].seconds == 1.0  # since the phase's first report


def test_compare_reports_rewrite_phases_through_the_same_reporter() -> None:
    from framing import api
    from framing.progress import sub_phases

    steps: list[Step] = []
    result = api.compare(
        [str(SEEDS)],
        spacy_model="blank",
        report=steps.append,
        phase_progress=sub_phases(steps.append, "rewrites: "),
    )
    result.close()
    names = {s.phase for s in steps}
    assert {"discover", "score", "rewrites"} <= names
    assert any(n.startswith("rewrites: ") for n in names)
    assert all(
        s.finished
        for s in steps
        if s.phase.startswith("rewrites: ") and s.done == s.total and s.total
    )
