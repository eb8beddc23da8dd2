"""Issue #20, one regression test per finding of the crash campaign, each starting from the
input that used to lose the run: `framing compare` reports and skips what is bad and writes
everything else."""

from __future__ import annotations

import csv
import json
import os
import shutil
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from framing.cli import cli
from tests.conftest import SEEDS

TEXT = (
    "Officials said on Monday that {n} families near the border had been displaced. "
    '"We need shelter," said a relief worker. Analysts warned the build-up could escalate.'
)


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(cli, ["compare", *map(str, args), "--spacy-model", "blank"])


def said(result: Result) -> str:
    """stderr as one line: the terminal summary wraps long lines at spaces."""
    return " ".join(result.stderr.split())


def rows(out: Path, table: str = "articles") -> list[dict[str, str]]:
    with open(out / f"{table}.csv", encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def db_count(db: Path, table: str = "articles") -> int:
    with sqlite3.connect(db) as conn:
        return int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])


# 1 ------------------------------------------------------------------------------------------


def test_1_a_date_in_words_no_longer_aborts_the_compare(tmp_path: Path) -> None:
    corpus = tmp_path / "seeds"
    shutil.copytree(SEEDS, corpus)
    manifest = corpus / "manifest.csv"
    manifest.write_text(
        manifest.read_text(encoding="utf-8").replace("2025-05-16", "May 2025"), encoding="utf-8"
    )
    feed = tmp_path / "feed"
    feed.mkdir()
    record = {"id": "y", "outlet": "Wire", "date": "yesterday", "text": TEXT.format(n=12)}
    (feed / "feed.jsonl").write_text(json.dumps(record) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    result = run(corpus, feed, "--out", out)
    assert result.exit_code == 0, result.output
    dates = {r["source"]: r["date"] for r in rows(out)}
    assert dates["seeds/000_a6896b38d1208086.txt"] == "May 2025"  # kept as given
    assert dates["feed/feed.jsonl#y"] == "yesterday"
    assert "date 'May 2025' is not a calendar date" in said(result)
    assert "date 'yesterday' is not a calendar date" in said(result)
    assert db_count(out / "framing.sqlite") == 6
    assert rows(out, "pairs")  # the rewrite analysis ran over the other articles


def test_1_a_date_a_parser_reads_is_stored_as_iso(tmp_path: Path) -> None:
    corpus = tmp_path / "seeds"
    shutil.copytree(SEEDS, corpus)
    manifest = corpus / "manifest.csv"
    text = manifest.read_text(encoding="utf-8").replace("2025-05-16", "16 May 2025")
    manifest.write_text(text, encoding="utf-8")
    result = run(corpus, "--out", tmp_path / "out", "--no-rewrites")
    assert result.exit_code == 0, result.output
    dates = {r["source"]: r["date"] for r in rows(tmp_path / "out")}
    assert dates["seeds/000_a6896b38d1208086.txt"] == "2025-05-16"
    assert "not a calendar date" not in said(result)


# 2 ------------------------------------------------------------------------------------------


def test_2_running_twice_inside_a_corpus_never_reads_its_own_outputs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = tmp_path / "desk"
    shutil.copytree(SEEDS, corpus)
    monkeypatch.chdir(corpus)
    first = run(".", "--no-rewrites")  # writes ./outputs (the default --out)
    assert first.exit_code == 0, first.output
    second = run(".", "--no-rewrites")
    assert second.exit_code == 0, second.output
    assert {r["outlet"] for r in rows(corpus / "outputs")} == {
        "Aggregator A",
        "Aggregator B",
        "Aggregator C",
        "The Korea Times",
    }
    assert len(rows(corpus / "outputs")) == 5
    # an output folder written elsewhere (and by an older version: no marker) is skipped too
    other = corpus / "old-run"
    shutil.copytree(corpus / "outputs", other)
    (other / ".framing-output").unlink()
    third = run(".", "--out", tmp_path / "elsewhere", "--no-rewrites")
    assert third.exit_code == 0, third.output
    assert len(rows(tmp_path / "elsewhere")) == 5


def test_2_the_database_file_is_never_read_as_input(tmp_path: Path) -> None:
    corpus = tmp_path / "desk"
    shutil.copytree(SEEDS, corpus)
    db = corpus / "store.csv"  # a database whose name a reader would take
    result = run(corpus, "--out", tmp_path / "out", "--db", f"sqlite:///{db}", "--no-rewrites")
    assert result.exit_code == 0, result.output
    again = run(corpus, "--out", tmp_path / "out", "--db", f"sqlite:///{db}", "--no-rewrites")
    assert again.exit_code == 0, again.output
    assert len(rows(tmp_path / "out")) == 5


# 3 ------------------------------------------------------------------------------------------


def test_3_deeply_nested_json_is_a_reported_input_not_a_recursion_error(tmp_path: Path) -> None:
    corpus = tmp_path / "desk"
    corpus.mkdir()
    (corpus / "deep.json").write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    deep_line = '{"text": ' + "[" * 50_000 + "]" * 50_000 + "}"
    good = json.dumps({"id": "ok", "text": TEXT.format(n=3)})
    (corpus / "feed.jsonl").write_text(deep_line + "\n" + good + "\n", encoding="utf-8")
    (corpus / "a.txt").write_text(TEXT.format(n=4), encoding="utf-8")
    out = tmp_path / "out"
    result = run(corpus, "--out", out, "--keep-going")
    assert result.exit_code == 0, result.output
    assert "RecursionError" not in result.output and "Traceback" not in result.output
    assert "desk/deep.json: " in said(result) and "nested too deeply" in said(result)
    assert "desk/feed.jsonl: line 1: " in said(result)
    assert sorted(r["source"] for r in rows(out)) == ["desk/a.txt", "desk/feed.jsonl#ok"]


# 6 ------------------------------------------------------------------------------------------


def _records(n: int, first: int = 0) -> list[dict[str, str]]:
    return [
        {"id": f"r{i}", "outlet": "Wire", "text": TEXT.format(n=i)} for i in range(first, first + n)
    ]


def test_6_one_bad_record_costs_only_itself_in_jsonl_json_and_csv(tmp_path: Path) -> None:
    corpus = tmp_path / "desk"
    corpus.mkdir()
    good = _records(40)
    lines = [json.dumps(r) for r in good]
    lines.insert(20, '{"id": "broken", "text": ')  # invalid JSON
    (corpus / "feed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    more = _records(20, 100)
    objects = [*more[:10], {"id": "no-text", "title": "x"}, *more[10:]]
    (corpus / "list.json").write_text(json.dumps(objects), encoding="utf-8")
    with open(corpus / "table.csv", "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["id", "outlet", "text"])
        table = _records(30, 200)
        for r in table[:15]:
            writer.writerow([r["id"], r["outlet"], r["text"]])
        writer.writerow(["short-row"])  # one field, the header has three
        for r in table[15:]:
            writer.writerow([r["id"], r["outlet"], r["text"]])
    out = tmp_path / "out"
    result = run(corpus, "--out", out, "--no-rewrites")
    assert result.exit_code == 1  # something was skipped; everything else written
    sources = [r["source"] for r in rows(out)]
    assert len(sources) == 40 + 20 + 30
    assert "desk/feed.jsonl: line 21: " in said(result)
    assert "desk/list.json: object 11: has no text field" in said(result)
    assert "desk/table.csv: row 16 (line 17): " in said(result)
    assert "skipped 3 records; the 90 articles scored were written" in said(result)
    assert db_count(out / "framing.sqlite") == 90


# 7 ------------------------------------------------------------------------------------------


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs symbolic links and FIFOs (POSIX)")
def test_7_symlinks_leaving_the_folder_loops_and_special_files_are_refused(
    tmp_path: Path,
) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET-TOKEN " + TEXT.format(n=9), encoding="utf-8")
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "x.txt").write_text(TEXT.format(n=8), encoding="utf-8")
    corpus = tmp_path / "desk"
    (corpus / "Wire").mkdir(parents=True)
    (corpus / "Wire" / "a.txt").write_text(TEXT.format(n=1), encoding="utf-8")
    (corpus / "Wire" / "leak.txt").symlink_to(secret)
    (corpus / "Wire" / "passwd.txt").symlink_to("/etc/passwd")
    (corpus / "out-of-tree").symlink_to(outside, target_is_directory=True)
    (corpus / "Wire" / "loop").symlink_to(corpus, target_is_directory=True)
    (corpus / "Wire" / "alias.txt").symlink_to(corpus / "Wire" / "a.txt")  # inside: read
    os.mkfifo(corpus / "Wire" / "pipe.txt")
    out = tmp_path / "out"
    result = run(corpus, "--out", out, "--no-rewrites")
    assert result.exit_code == 1, result.output
    assert sorted(r["source"] for r in rows(out)) == ["desk/Wire/a.txt", "desk/Wire/alias.txt"]
    for name in ("Wire/leak.txt", "Wire/passwd.txt", "out-of-tree"):
        assert f"desk/{name}: symbolic link to " in said(result)
    assert "desk/Wire/loop: symbolic link loop" in said(result)
    assert "desk/Wire/pipe.txt: not a regular file" in said(result)
    for name in ("articles.jsonl", "report.html", "report.md"):
        assert "SECRET-TOKEN" not in (out / name).read_text(encoding="utf-8")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs (POSIX)")
def test_7_a_fifo_or_device_given_by_name_is_refused_without_reading(tmp_path: Path) -> None:
    fifo = tmp_path / "feed.jsonl"
    os.mkfifo(fifo)  # reading it would block forever
    result = run(fifo, "/dev/zero", "--out", tmp_path / "out", "--keep-going")
    assert "feed.jsonl: not a regular file" in said(result)
    assert "/dev/zero: not a regular file" in said(result)


# 9 ------------------------------------------------------------------------------------------


def test_9_a_db_url_at_a_file_that_is_no_database_is_one_line_and_the_files_are_written(
    tmp_path: Path,
) -> None:
    notes = tmp_path / "notes.sqlite"
    notes.write_text("my notes\n" * 200, encoding="utf-8")
    out = tmp_path / "out"
    result = run(SEEDS, "--out", out, "--db", f"sqlite:///{notes}", "--no-rewrites")
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert "NOT WRITTEN database sqlite:///" in said(result)
    assert "file is not a database" in said(result)
    assert len(rows(out)) == 5


def test_9_a_locked_cache_is_a_warning_not_an_abort(tmp_path: Path) -> None:
    from framing.run.cache import ScoreCache

    cache = tmp_path / "cache.sqlite"
    ScoreCache(cache).close()
    holder = sqlite3.connect(cache, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")  # another process writing, for longer than we wait
    try:
        result = run(SEEDS, "--out", tmp_path / "out", "--cache", cache, "--no-rewrites")
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    assert "warning: cache " in said(result) and "locked" in said(result)
    assert len(rows(tmp_path / "out")) == 5
