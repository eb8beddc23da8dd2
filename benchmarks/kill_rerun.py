"""Kill `framing compare` at several points and prove nothing is ever half-written (issue #20).

A run over corpus A has written an output folder, a database (``--db``) and a score cache
(``--cache``). Then the corpus grows to B and `framing compare` is started again into the same
folder (reset to run A's files and cache before each kill; the database keeps every
interrupted transaction) and killed (SIGKILL, SIGTERM or SIGINT) while scoring, while writing
its files, and while writing the database, or at fixed fractions of an uninterrupted run's
time. After every kill:

- the output folder holds exactly run A's files or exactly run B's, byte for byte (never a
  mix), and SIGTERM/SIGINT ended with one line, status 143/130 and no traceback;

and after one more, uninterrupted run into the same folder:

- the folder holds run B's files byte for byte, no staging folder or temporary file is left
  in it, and no spill folder in the temporary folder;
- ``PRAGMA integrity_check`` is ``ok`` for the database and the cache, and every table of the
  database has as many rows as after uninterrupted runs A then B.

    python benchmarks/kill_rerun.py --articles 500 --jobs 2

prints one line per kill and exits 1 if any check failed. tests/test_kill_rerun.py runs the same
campaign on 60 articles.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STAGING = ".framing-staging-"

#: Words that give every article some evidence to score; the rest are made up per article, so
#: no two articles look like rewrites of each other and the rewrite analysis stays cheap.
COMMON = [
    "officials",
    "said",
    "the",
    "troops",
    "were",
    "deployed",
    "near",
    "the",
    "border",
    "while",
    "aid",
    "groups",
    "warned",
    "that",
    "displaced",
    "families",
    "needed",
    "shelter",
    "and",
    "analysts",
    "claimed",
    "the",
    "talks",
    "could",
    "reportedly",
    "resume",
]
SYLLABLES = ("ka", "lo", "mi", "ren", "tu", "sa", "vi", "dor", "ne", "pa", "qu", "zel", "ba")


def make_articles(folder: Path, first: int, last: int, seed: int = 20) -> None:
    """Articles ``first`` to ``last - 1`` under ``folder/<outlet>/``: about 250 words each."""
    for i in range(first, last):
        rng = random.Random(seed * 100_003 + i)
        own = ["".join(rng.choice(SYLLABLES) for _ in range(3)) for _ in range(40)]
        paragraphs = []
        for _ in range(rng.randint(5, 8)):
            words = [rng.choice(own if rng.random() < 0.5 else COMMON) for _ in range(35)]
            paragraphs.append(" ".join(words).capitalize() + ".")
        target = folder / f"outlet{i % 4}" / f"a{i:04d}.txt"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text("\n\n".join(paragraphs) + "\n", encoding="utf-8")


def snapshot(out: Path) -> dict[str, str]:
    """Every output file's SHA-256 (the database and the folder's own markers aside)."""
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(out.iterdir())
        if p.is_file() and not p.name.startswith(".") and p.suffix != ".sqlite"
    }


def leftovers(out: Path, tmp: Path) -> list[str]:
    left = [p.name for p in out.iterdir() if p.name.startswith(STAGING) or p.suffix == ".tmp"]
    return sorted(left + [p.name for p in tmp.iterdir() if p.name.startswith("framing-")])


def counts(db: Path) -> dict[str, int]:
    with sqlite3.connect(db) as conn:
        names = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        return {n: conn.execute(f'SELECT count(*) FROM "{n}"').fetchone()[0] for n in names}


def integrity(db: Path) -> str:
    with sqlite3.connect(db) as conn:
        return str(conn.execute("PRAGMA integrity_check").fetchone()[0])


@dataclass
class Setup:
    work: Path
    jobs: int
    corpus: Path = field(init=False)
    tmp: Path = field(init=False)

    def __post_init__(self) -> None:
        self.corpus = self.work / "corpus"
        self.tmp = self.work / "tmp"
        self.tmp.mkdir(parents=True, exist_ok=True)

    def command(self, out: Path, db: Path, cache: Path) -> list[str]:
        return [
            sys.executable,
            "-c",
            "from framing.cli import main; main()",
            "compare",
            str(self.corpus),
            "--out",
            str(out),
            "--db",
            f"sqlite:///{db}",
            "--cache",
            str(cache),
            "--jobs",
            str(self.jobs),
            "--spacy-model",
            "blank",
            "--format",
            "csv",
        ]

    def start(self, out: Path, db: Path, cache: Path) -> subprocess.Popen[str]:
        env = {**os.environ, "PYTHONPATH": str(ROOT), "TMPDIR": str(self.tmp)}
        return subprocess.Popen(
            self.command(out, db, cache),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
            cwd=self.work,
            # a shell starts background jobs with Ctrl-C ignored; a user's terminal does not
            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
        )

    def run(self, out: Path, db: Path, cache: Path) -> tuple[int, str, float]:
        began = time.perf_counter()
        proc = self.start(out, db, cache)
        _, err = proc.communicate()
        return proc.returncode, err, time.perf_counter() - began

    def run_here(self, out: Path, db: Path, cache: Path) -> tuple[int, str, float]:
        """:meth:`run` in this process (the same bytes, without starting Python again)."""
        from click.testing import CliRunner

        from framing.cli import cli

        began = time.perf_counter()
        result = CliRunner().invoke(cli, self.command(out, db, cache)[3:])
        return result.exit_code, result.stderr, time.perf_counter() - began


@dataclass
class Kill:
    signal: signal.Signals
    point: str  # "scoring", "writing", "database" or a fraction of the baseline time ("0.5")

    def __str__(self) -> str:
        return f"{self.signal.name} at {self.point}"


def _waiter(
    point: str, setup: Setup, out: Path, b_files: dict[str, str], took: float
) -> Callable[[], bool]:
    """A test that turns true when the run reaches ``point`` (what a killed run left behind
    does not count: the new run deletes it first)."""
    began = time.perf_counter()
    stale = {p.name for p in [*setup.tmp.iterdir(), *out.iterdir()]}

    def new(folder: Path, prefix: str) -> bool:
        return any(p.name.startswith(prefix) and p.name not in stale for p in folder.iterdir())

    if point == "scoring":  # a spill folder exists: articles are being scored
        return lambda: new(setup.tmp, "framing-spill-")
    if point == "writing":  # a staging folder exists: files are being written
        return lambda: new(out, STAGING)
    if point == "database":  # every file is in place: the database transaction runs
        return lambda: not new(out, STAGING) and snapshot(out) == b_files
    return lambda: time.perf_counter() - began >= float(point) * took


def campaign(
    work: Path,
    articles: int,
    kills: Sequence[Kill],
    jobs: int = 2,
    say: Callable[[str], None] = print,
    baseline_here: bool = False,
) -> list[str]:
    """Run the whole campaign in ``work``; returns the checks that failed (none when all hold).
    ``baseline_here`` runs the uninterrupted runs A and B in this process (cheaper in a test
    session that has the engine loaded already)."""
    setup = Setup(work, jobs)
    baseline = setup.run_here if baseline_here else setup.run
    problems: list[str] = []
    base_out, base_db, base_cache = work / "base-out", work / "base.sqlite", work / "base-cache"
    out, db, cache = work / "out", work / "db.sqlite", work / "cache.sqlite"
    first = max(1, articles * 4 // 5)
    make_articles(setup.corpus, 0, first)
    rc, err, _ = baseline(base_out, base_db, base_cache)
    if rc != 0:
        return [f"run A failed ({rc}): {err[-500:]}"]
    a_files = snapshot(base_out)
    a_out, a_cache = work / "a-out", work / "a-cache.sqlite"
    shutil.copytree(base_out, a_out)
    shutil.copy(base_cache, a_cache)
    shutil.copy(base_db, db)
    make_articles(setup.corpus, first, articles)
    rc, err, took = baseline(base_out, base_db, base_cache)
    if rc != 0:
        return [f"run B failed ({rc}): {err[-500:]}"]
    b_files, b_counts = snapshot(base_out), counts(base_db)
    say(f"uninterrupted: A {first} articles, B {articles} articles in {took:.1f} s")
    for kill in kills:
        # every kill interrupts the step from run A's files and scores to run B's
        shutil.rmtree(out, ignore_errors=True)
        shutil.copytree(a_out, out)
        for suffix in ("", "-wal", "-shm"):
            Path(f"{cache}{suffix}").unlink(missing_ok=True)
        shutil.copy(a_cache, cache)
        ready = _waiter(kill.point, setup, out, b_files, took)
        proc = setup.start(out, db, cache)
        while proc.poll() is None and not ready():
            time.sleep(0.005)
        sent = proc.poll() is None
        if sent:
            proc.send_signal(kill.signal)
        _, err = proc.communicate()
        now = snapshot(out)
        state = "A" if now == a_files else "B" if now == b_files else "MIXED"
        lines = [line for line in err.splitlines() if line.strip()]
        say(f"{kill}: {'sent' if sent else 'finished first'}, exit {proc.returncode}, "
            f"outputs are run {state}, last line: {lines[-1] if lines else ''!r}")  # fmt: skip
        if state == "MIXED":
            problems.append(f"{kill}: the output folder mixes two runs")
        if "Traceback" in err or "Exception ignored" in err or "BrokenPipe" in err:
            problems.append(f"{kill}: traceback on stderr: {err[-800:]}")
        if sent and kill.signal in (signal.SIGTERM, signal.SIGINT):
            want = 128 + kill.signal
            if proc.returncode not in (want, 0):
                problems.append(f"{kill}: exit {proc.returncode}, not {want}")
            if proc.returncode == want and not lines[-1].startswith("framing: stopped by"):
                problems.append(f"{kill}: last line {lines[-1]!r}")
    rc, err, _ = setup.run(out, db, cache)
    if rc != 0:
        problems.append(f"the rerun failed ({rc}): {err[-500:]}")
    if snapshot(out) != b_files:
        problems.append("after the rerun the files differ from an uninterrupted run B")
    if left := leftovers(out, setup.tmp):
        problems.append(f"left after the rerun: {', '.join(left)}")
    for name, path in (("database", db), ("cache", cache)):
        if (check := integrity(path)) != "ok":
            problems.append(f"{name} integrity_check: {check}")
    if (got := counts(db)) != b_counts:
        problems.append(f"row counts {got} differ from an uninterrupted run's {b_counts}")
    say(f"rerun: files {'equal' if snapshot(out) == b_files else 'DIFFER'}, "
        f"rows {counts(db)}")  # fmt: skip
    return problems


KILLS = [
    Kill(sig, point)
    for sig in (signal.SIGKILL, signal.SIGTERM, signal.SIGINT)
    for point in ("scoring", "writing", "database", "0.3", "0.7", "0.95")
]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=500)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--keep", help="work in this folder and keep it")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(args.keep) if args.keep else Path(tmp)
        problems = campaign(work, args.articles, KILLS, jobs=args.jobs)
    for p in problems:
        print(f"FAILED {p}")
    print("all checks hold" if not problems else f"{len(problems)} check(s) failed")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
