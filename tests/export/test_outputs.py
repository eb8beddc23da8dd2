"""The output folder as one whole set (issue #20, finding 5): an interrupted or failing run
leaves the previous run's files as they were, and the next run cleans up after dead ones."""

from __future__ import annotations

import errno
import json
import os
import sqlite3
from pathlib import Path

import pytest

from framing.comparison import Comparison
from framing.corpus.spill import PREFIX, SpilledArticles, clean_stale
from framing.errors import ConfigError
from framing.export import files
from framing.export.outputs import (
    COMMIT,
    STAGING,
    claimed,
    default_db_url,
    write_files,
    write_outputs,
)


def snapshot(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(out.iterdir()) if p.is_file()}


def leftovers(out: Path) -> list[str]:
    return sorted(p.name for p in out.iterdir() if p.name.startswith(STAGING) or ".tmp" in p.name)


@pytest.fixture
def previous(seeds_comparison: Comparison, tmp_path: Path) -> tuple[Path, dict[str, bytes]]:
    """An output folder holding a complete earlier run."""
    out = tmp_path / "out"
    with claimed(out):
        write_files(seeds_comparison, out)
    return out, snapshot(out)


def test_an_interrupted_write_leaves_the_previous_set_untouched(
    seeds_comparison: Comparison,
    previous: tuple[Path, dict[str, bytes]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    out, before = previous
    from framing.export import report

    def interrupted(*args: object, **kwargs: object) -> list[Path]:
        raise KeyboardInterrupt  # Ctrl-C after every table was written, before the reports

    monkeypatch.setattr(report, "write_report", interrupted)
    one = seeds_comparison.articles[:1]
    with pytest.raises(KeyboardInterrupt), claimed(out):
        write_files(Comparison(one, [], seeds_comparison.metrics, None), out)
    assert snapshot(out) == before
    assert leftovers(out) == []


def test_a_full_disk_is_one_line_naming_the_sink_and_the_database_is_still_written(
    seeds_comparison: Comparison,
    previous: tuple[Path, dict[str, bytes]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    out, before = previous
    real = files.atomic_write

    def full(path: Path, data: object) -> Path:
        if Path(path).name == "datapackage.json":
            raise OSError(errno.ENOSPC, "No space left on device", str(path))
        return real(path, data)  # type: ignore[arg-type]

    monkeypatch.setattr(files, "atomic_write", full)
    with claimed(out):
        written, added, failed = write_outputs(seeds_comparison, out, db=default_db_url(out))
    assert written == []
    assert [(f.source, f.kind) for f in failed] == [(f"files in {out}", "sink")]
    assert "No space left on device" in failed[0].reason and "\n" not in failed[0].reason
    assert added["articles"] == 5  # the other sink went on
    assert {k: v for k, v in snapshot(out).items() if k != "framing.sqlite"} == {
        k: v for k, v in before.items() if k != "framing.sqlite"
    }


def test_what_dead_runs_left_is_cleaned_and_a_committed_set_finished(
    seeds_comparison: Comparison, previous: tuple[Path, dict[str, bytes]]
) -> None:
    out, before = previous
    dead = out / f"{STAGING}999999-dead"  # killed while writing: discarded
    dead.mkdir()
    (dead / "articles.csv").write_text("half a table", encoding="utf-8")
    (out / ".articles.csv.ab12cd34.tmp").write_text("orphan", encoding="utf-8")
    done = out / f"{STAGING}999998-done"  # killed between its renames: finished
    done.mkdir()
    (done / "report.md").write_text("the newer report\n", encoding="utf-8")
    (done / COMMIT).write_text(json.dumps(["articles.csv", "report.md"]), encoding="utf-8")
    with claimed(out):
        pass
    assert leftovers(out) == []
    assert (out / "report.md").read_text(encoding="utf-8") == "the newer report\n"
    assert (out / "articles.csv").read_bytes() == before["articles.csv"]  # renamed already


def test_a_second_run_into_the_same_folder_at_once_stops_with_one_line(tmp_path: Path) -> None:
    with (
        claimed(tmp_path / "out"),
        pytest.raises(ConfigError, match="another framing run is writing into"),
        claimed(tmp_path / "out"),
    ):
        pass
    with claimed(tmp_path / "out"):  # free again
        pass


def test_a_read_only_folder_is_reported_not_raised(
    seeds_comparison: Comparison, tmp_path: Path
) -> None:
    if os.geteuid() == 0:
        pytest.skip("root writes into read-only folders")
    out = tmp_path / "out"
    out.mkdir()
    out.chmod(0o500)
    try:
        with claimed(out):
            written, _, failed = write_outputs(seeds_comparison, out)
    finally:
        out.chmod(0o700)
    assert written == [] and failed[0].kind == "sink"


def test_a_read_only_folder_is_reported_not_raised_even_as_root(
    seeds_comparison: Comparison, tmp_path: Path
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    out = blocker / "out"  # cannot be created: its parent is a file
    with claimed(out):
        written, _, failed = write_outputs(seeds_comparison, out)
    assert written == [] and failed[0].source == f"files in {out}"


def test_a_database_url_at_a_file_that_is_no_database_is_one_line(
    seeds_comparison: Comparison, tmp_path: Path
) -> None:
    bogus = tmp_path / "notes.sqlite"
    bogus.write_text("these are my notes, not a database\n" * 100, encoding="utf-8")
    with claimed(tmp_path / "out"):
        written, _, failed = write_outputs(
            seeds_comparison, tmp_path / "out", db=f"sqlite:///{bogus}"
        )
    with claimed(tmp_path / "plain"):
        plain, _, _ = write_outputs(seeds_comparison, tmp_path / "plain")
    # the files sink went on: every file a run without a database writes
    assert [p.name for p in written] == [p.name for p in plain] and len(written) > 10
    assert [f.kind for f in failed] == ["sink"]
    assert failed[0].source.startswith("database sqlite:///")
    assert "file is not a database" in failed[0].reason and "\n" not in failed[0].reason
    assert bogus.read_text(encoding="utf-8").startswith("these are my notes")


def test_spill_folders_of_dead_runs_are_deleted_by_the_next_one(tmp_path: Path) -> None:
    dead = tmp_path / f"{PREFIX}999999-abc"  # no such process
    dead.mkdir()
    (dead / "articles.sqlite").write_bytes(b"x")
    alive = tmp_path / f"{PREFIX}{os.getpid()}-abc"
    alive.mkdir()
    spilled = SpilledArticles(tmp_path)
    try:
        assert not dead.exists() and alive.exists()
    finally:
        spilled.close()
    assert clean_stale(tmp_path) == []


def test_the_sqlite_file_of_an_interrupted_transaction_reads_back_whole(
    seeds_comparison: Comparison, tmp_path: Path
) -> None:
    url = default_db_url(tmp_path)
    with claimed(tmp_path):
        write_outputs(seeds_comparison, tmp_path, db=url)
    with sqlite3.connect(tmp_path / "framing.sqlite") as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
