"""The `framing` command through click's CliRunner (click >= 8.2: stderr is kept apart)."""

from __future__ import annotations

import csv
import html
import io
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from rich.color import Color

from framing import __version__
from framing.cli import cli
from framing.comparison import HEADLINE_METRICS
from framing.export.report.format import BLUE, VERMILION
from framing.features import families, metrics
from framing.schema import SCHEMA_VERSION, article_schema
from framing.score import ArticleScore
from tests.conftest import FIXTURES, ROOT, SEEDS, seed_path

SEED = seed_path("004")
ALL_SEEDS = sorted(SEEDS.glob("*.txt"))
FORMULA = FIXTURES / "cli" / "formula.jsonl"
BLANK = ("--spacy-model", "blank")


def run(*args: str | Path, input: str | None = None, env: dict[str, str] | None = None) -> Result:
    runner = CliRunner(env={"COLUMNS": "120", **(env or {})})
    return runner.invoke(cli, [str(a) for a in args], input=input, catch_exceptions=False)


def score(*args: str | Path, input: str | None = None) -> Result:
    """`framing score ... --spacy-model blank`, which must succeed."""
    result = run("score", *args, *BLANK, input=input)
    assert result.exit_code == 0, result.output
    return result


def one_line_error(result: Result, code: int = 1) -> str:
    """The single ``Error: ...`` line a failed command writes to stderr."""
    assert result.exit_code == code, result.output
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("Error: ")
    return lines[0]


def csv_rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


# --- basics ---------------------------------------------------------------------------------


def test_version() -> None:
    result = run("--version")
    assert result.exit_code == 0
    assert result.stdout == f"framing, version {__version__}\n"


def test_help_lists_the_commands() -> None:
    result = run("--help")
    assert result.exit_code == 0
    for command in ("score", "metrics", "schema"):
        assert command in result.stdout


# --- score: formats -----------------------------------------------------------------------------


def test_table_shows_every_family(seed_scores: dict[str, ArticleScore]) -> None:
    out = score(SEED).stdout
    for fam in families():
        assert fam.title in out
        for m in fam.metrics:
            assert m.name in out
    assert seed_scores["004"].article["title"][:40] in out
    assert "Sources" in out


def test_json_has_the_schema_version_and_every_metric() -> None:
    record = json.loads(score(SEED, "--format", "json").stdout)
    assert record["schema_version"] == SCHEMA_VERSION
    assert set(record["metrics"]) == {m.name for m in metrics()}
    assert record["article"]["source"] == str(SEED)
    assert record["pipeline"]["name"] == "blank"


def test_json_output_matches_the_json_schema() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    record = json.loads(score(SEED, "--format", "json").stdout)
    jsonschema.validate(record, article_schema())


def test_json_for_several_files_is_json_lines() -> None:
    lines = score(*ALL_SEEDS, "--format", "json").stdout.splitlines()
    assert len(lines) == len(ALL_SEEDS)
    sources = [json.loads(line)["article"]["source"] for line in lines]
    assert sources == [str(p) for p in ALL_SEEDS]


def test_csv_has_a_header_and_one_row_per_file() -> None:
    out = score(*ALL_SEEDS, "--format", "csv").stdout
    assert len(out.splitlines()) == 1 + len(ALL_SEEDS)
    rows = csv_rows(out)
    assert [r["source"] for r in rows] == [str(p) for p in ALL_SEEDS]
    for m in metrics():
        assert m.name in rows[0]


def test_csv_neutralises_formulas_by_default() -> None:
    rows = csv_rows(score(FORMULA, "--format", "csv").stdout)
    assert len(rows) == 2
    assert rows[0]["title"] == '\'=HYPERLINK("https://evil.example/x","Read more")'
    assert rows[0]["outlet"] == "'@Courier"
    assert rows[1]["title"] == "Bridge reopens"
    assert rows[0]["words"] == "17"  # numbers are left alone


def test_no_formula_guard_keeps_cells_as_they_are() -> None:
    rows = csv_rows(score(FORMULA, "--format", "csv", "--no-formula-guard").stdout)
    assert rows[0]["title"] == '=HYPERLINK("https://evil.example/x","Read more")'
    assert rows[0]["outlet"] == "@Courier"


def test_markdown_is_a_table_with_a_row_per_metric() -> None:
    lines = score(SEED, "--format", "markdown").stdout.splitlines()
    assert lines[0].startswith("| family | metric | unit | South Korea will accept")
    assert lines[1] == "|---|---|---|---:|"
    assert len(lines) == 2 + len(metrics())
    assert all(line.startswith("| ") and line.endswith(" |") for line in lines[2:])
    assert "| basics | words | words | " in lines[2]


def test_markdown_puts_articles_side_by_side() -> None:
    lines = score(SEED, seed_path("000"), "--format", "markdown").stdout.splitlines()
    assert lines[1] == "|---|---|---|---:|---:|"
    assert all(line.count(" | ") == 4 for line in lines[2:])


def test_table_for_several_files() -> None:
    out = score(SEED, seed_path("000")).stdout
    for fam in families():
        assert out.count(fam.title) == 1


# --- score: --explain ---------------------------------------------------------------------------


def test_explain_highlights_evidence_and_lists_removed_lines() -> None:
    result = run("score", SEED, *BLANK, "--explain", env={"FORCE_COLOR": "1"})
    assert result.exit_code == 0
    out = result.stdout
    assert "Evidence: South Korea will accept" in out
    assert "\x1b[1;32masylum\x1b[0m" in out  # humanitarian: bold green
    assert "\x1b[1;34msaid\x1b[0m" in out  # reporting cue: bold blue
    assert "frames / humanitarian (" in out
    assert "removed by cleaning (" in out
    assert "[settings-menu] Settings" in out


def test_explain_with_json_keeps_stdout_valid_json() -> None:
    result = score(SEED, "--format", "json", "--explain")
    json.loads(result.stdout)
    assert "Evidence: " in result.stderr
    assert "removed by cleaning" in result.stderr


# --- score: inputs ------------------------------------------------------------------------------


def test_stdin() -> None:
    record = json.loads(score("-", "--format", "json", input=SEED.read_text("utf-8")).stdout)
    assert record["article"]["source"] == "<stdin>"
    from_file = json.loads(score(SEED, "--format", "json").stdout)
    assert record["metrics"] == from_file["metrics"]
    assert record["article"]["content_hash"] == from_file["article"]["content_hash"]


def test_stdin_and_files_together() -> None:
    out = score(SEED, "-", "--format", "csv", input="The ferry sailed on Friday.").stdout
    assert [r["source"] for r in csv_rows(out)] == [str(SEED), "<stdin>"]


def test_relative_and_absolute_paths(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    relative = SEED.relative_to(ROOT)
    rows = csv_rows(score(relative, SEED, "--format", "csv").stdout)
    assert [r["source"] for r in rows] == [str(relative), str(SEED)]
    assert rows[0]["content_hash"] == rows[1]["content_hash"]


# --- exit status ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ("score", SEED, "--bogus"),
        ("score", SEED, "--format", "xml"),
        ("score",),
        ("no-such-command",),
    ],
)
def test_usage_errors_exit_2(args: tuple[str | Path, ...]) -> None:
    result = run(*args)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "Usage: " in result.stderr


def test_bad_format_names_the_choices() -> None:
    result = run("score", SEED, "--format", "xml")
    assert "'xml' is not one of 'table', 'json', 'csv', 'markdown'" in result.stderr


def test_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "absent.txt"
    assert one_line_error(run("score", path, *BLANK)) == f"Error: {path}: no such file or directory"


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    line = one_line_error(run("score", path, *BLANK))
    assert line.startswith(f"Error: {path}: ")
    assert "empty" in line


def test_binary_file(tmp_path: Path) -> None:
    path = tmp_path / "image.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    line = one_line_error(run("score", path, *BLANK))
    assert line.startswith(f"Error: {path}: ")
    assert "binary" in line


def test_directory(tmp_path: Path) -> None:
    line = one_line_error(run("score", tmp_path, *BLANK))
    assert line.startswith(f"Error: {tmp_path}: ")
    assert "directory" in line


def test_a_bad_file_among_good_ones_fails_the_run(tmp_path: Path) -> None:
    path = tmp_path / "absent.txt"
    line = one_line_error(run("score", SEED, path, *BLANK, "--format", "csv"))
    assert str(path) in line


def test_unknown_spacy_model() -> None:
    line = one_line_error(run("score", SEED, "--spacy-model", "xx_no_such_pipeline"))
    assert "'xx_no_such_pipeline'" in line
    assert "blank" in line


def test_bad_lexicon_file_names_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.toml"
    path.write_text('[lexicon]\nname = "Bad Name"\nversion = "1.0"\n', encoding="utf-8")
    line = one_line_error(run("score", SEED, *BLANK, "--lexicon", path))
    assert line.startswith(f"Error: {path}:2: ")


# --- metrics and schema ---------------------------------------------------------------------


def test_metrics_markdown_lists_every_metric() -> None:
    result = run("metrics")
    assert result.exit_code == 0
    assert result.stdout.startswith("# Metrics\n")
    for fam in families():
        assert f"## {fam.title} (`{fam.name}`)" in result.stdout
    for m in metrics():
        assert f"| `{m.name}` |" in result.stdout


def test_metrics_json_lists_every_metric() -> None:
    result = run("metrics", "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert [f["family"] for f in data] == [f.name for f in families()]
    names = [m["name"] for f in data for m in f["metrics"]]
    assert names == [m.name for m in metrics()]


def test_schema_prints_the_article_schema() -> None:
    result = run("schema")
    assert result.exit_code == 0
    schema = json.loads(result.stdout)
    assert schema == article_schema()
    assert set(schema["properties"]["metrics"]["required"]) == {m.name for m in metrics()}


def test_score_jobs_and_cache_print_the_same_records(tmp_path: Path) -> None:
    want = score(*ALL_SEEDS, "--format", "json").stdout
    cache = tmp_path / "c.sqlite"
    first = score(*ALL_SEEDS, "--format", "json", "--jobs", "2", "--cache", cache)
    again = score(*ALL_SEEDS, "--format", "json", "--cache", cache)
    assert first.stdout == again.stdout == want
    assert "0 hit(s), 5 scored" in first.stderr and "5 hit(s), 0 scored" in again.stderr


# --- compare: the terminal table reads like the report ---------------------------------------

ANSI = re.compile(r"\x1b\[([0-9;]*)m")


def _sgr(colour: str) -> str:
    """The truecolor escape rich writes for a foreground ``colour``."""
    r, g, b = Color.parse(colour).get_truecolor()
    return f"38;2;{r};{g};{b}"


#: The report's CSS class of a delta -> the escape of its colour on the terminal.
SAME_COLOUR = {"pos": _sgr(BLUE), "neg": _sgr(VERMILION), "zero": "2"}


def _terminal_cells(stdout: str) -> dict[tuple[str, str], tuple[str, str | None, str | None]]:
    """(outlet, metric) -> (mean, delta, the delta's escape) from the coloured outlets table."""
    lines = stdout.splitlines()
    outlets = [c.strip() for c in ANSI.sub("", lines[1]).split("┃")[1:]]
    body = [line for line in lines[4:] if "│" in line]
    cells = {}
    for means, deltas in zip(body[::2], body[1::2], strict=True):
        name, *values = (ANSI.sub("", c).strip() for c in means.split("│"))
        for outlet, value, shown in zip(outlets, values, deltas.split("│")[1:], strict=True):
            styled = re.fullmatch(r"\s*\x1b\[([0-9;]*)m(.*?)\x1b\[0m\s*", shown)
            text = styled[2] if styled else (ANSI.sub("", shown).strip() or None)
            cells[(outlet, name)] = (value, text, styled[1] if styled else None)
    return cells


def _markdown_cells(md: str) -> dict[tuple[str, str], tuple[str, str | None]]:
    """(outlet, metric) -> (mean, delta) from report.md's headline table."""
    lines = md.split("## Headline metrics", 1)[1].split("## All metrics", 1)[0].splitlines()
    rows = [[c.strip() for c in line.strip("| ").split(" | ")] for line in lines if "| " in line]
    outlets = [re.sub(r" \(.*\)$", "", c) for c in rows[0][2:]]
    cells = {}
    for name, _unit, *values in rows[1:]:
        for outlet, value in zip(outlets, values, strict=True):
            cell = re.fullmatch(r"(\S+)(?: \((\S+)\))?(?: \[n=\d+\])?", value)
            assert cell, value
            cells[(outlet, name)] = (cell[1], cell[2])
    return cells


def _html_cells(page: str) -> dict[tuple[str, str], tuple[str, str | None, str | None]]:
    """(outlet, metric) -> (mean, delta, its CSS class) from report.html's headline table."""
    table = re.search(r'<table class="matrix">.*?</table>', page, flags=re.S)
    assert table
    outlets = [
        html.unescape(o) for o in re.findall(r'<th scope="col" class="num[^"]*">([^<]*)', table[0])
    ]
    cells = {}
    for name, row in re.findall(r'<th scope="row"[^>]*>([^<]*)</th>(.*?)</tr>', table[0]):
        mean = r'<span class="v">([^<]*)</span>'
        delta = r'(?:<span class="d (\w+)"[^>]*>(?:[▲▼] )?([^<]*)</span>)?'
        values = re.findall(mean + delta, row)
        for outlet, (value, cls, shown) in zip(outlets, values, strict=True):
            cells[(outlet, html.unescape(name))] = (value, shown or None, cls or None)
    return cells


def test_the_terminal_shows_each_cell_as_the_report_does(tmp_path: Path) -> None:
    env = {"FORCE_COLOR": "1", "COLORTERM": "truecolor"}
    result = run("compare", SEEDS, *BLANK, "--out", tmp_path, "--no-db", env=env)
    assert result.exit_code == 0, result.output
    terminal = _terminal_cells(result.stdout)
    markdown = _markdown_cells((tmp_path / "report.md").read_text(encoding="utf-8"))
    page = _html_cells((tmp_path / "report.html").read_text(encoding="utf-8"))
    assert set(terminal) == set(markdown) == set(page)
    assert {name for _o, name in terminal} == set(HEADLINE_METRICS)
    sides = set()
    for key, (mean, delta, escape) in terminal.items():
        assert markdown[key] == (mean, delta), key
        assert page[key][:2] == (mean, delta), key
        if key[0] == "The Korea Times":  # the reference: no delta
            assert delta is None and page[key][2] is None
            continue
        cls = page[key][2]
        assert cls is not None and escape == SAME_COLOUR[cls], (key, delta, cls, escape)
        assert delta is not None and (delta[0] in "+-") == (cls != "zero"), (key, delta)
        sides.add(cls)
    assert sides == {"pos", "neg", "zero"}  # the seeds exercise every side
