"""Generated docs cannot drift: the checked-in copies equal what the code generates, every
metric, command and API module has its page, and the site builds offline in strict mode."""

from __future__ import annotations

import importlib
import re
import subprocess
import sys
from pathlib import Path

import click
import pytest

from framing.cli import cli
from framing.docgen import pages as docs
from framing.docgen.pages import GENERATED, generated, stale_pages
from framing.features import families, metrics
from tests.conftest import ROOT

FILES = generated()


@pytest.fixture(autouse=True)
def _at_root(monkeypatch: pytest.MonkeyPatch) -> None:
    """Generated paths are relative to the repository root, where `python -m framing.docgen`
    runs."""
    monkeypatch.chdir(ROOT)


@pytest.mark.parametrize("rel", sorted(FILES))
def test_generated_file_is_up_to_date(rel: str) -> None:
    path = ROOT / rel
    assert path.is_file(), f"{rel} is missing: run `python -m framing.docgen`"
    on_disk = path.read_text(encoding="utf-8")
    assert on_disk == FILES[rel](), f"{rel} is stale: run `python -m framing.docgen`"


def test_no_page_outlives_what_generates_it() -> None:
    assert stale_pages(ROOT, FILES) == [], "run `python -m framing.docgen` to remove them"


def test_static_generated_files_are_part_of_the_full_set() -> None:
    assert set(GENERATED) <= set(FILES)


def test_every_metric_is_documented_with_unit_and_definition() -> None:
    page = GENERATED["docs/metrics.md"]()
    for m in metrics():
        assert m.definition.strip() and m.unit.strip(), m.name
        assert f"[`{m.name}`](metrics/{m.name}.md)" in page
    for f in families():
        assert f"{f.title} (`{f.name}`) {{#{f.name}}}" in page


def test_every_metric_has_its_page_in_the_navigation() -> None:
    nav = FILES["mkdocs.yml"]()
    for m in metrics():
        rel = f"docs/metrics/{m.name}.md"
        assert rel in FILES, m.name
        assert f'"metrics/{m.name}.md"' in nav, m.name


def test_metric_page_shows_registry_entry_and_the_engines_value() -> None:
    score = docs.example_score()
    assert score.pipeline["name"] == "blank"
    page = docs.metric_page("hedges")
    assert "| unit | matches |" in page and "| direction | higher=more |" in page
    assert "Hyland" in page and "lexicon `hedging`" in page
    assert f"`hedges` = **{score.metrics['hedges']}**" in page
    # the evidence table holds exactly the own-voice hedges, not boosters or quoted hedges
    rows = re.findall(r"^\| \d+ \| `([a-z_:]+)` \|", page, flags=re.M)
    assert rows and set(rows) == {"hedges"}
    assert len(rows) == score.metrics["hedges"]
    assert "<mark>could</mark>" in page and "<mark>reportedly</mark>" not in page
    # "may need surgery, according to a military source" is reported speech: the source's
    assert "<mark>may</mark>" not in page


def test_metric_page_without_evidence_or_lexicon_says_so() -> None:
    page = docs.metric_page("flesch_reading_ease")
    assert "No lexicon" in page and "records no evidence spans" in page


def test_missing_value_is_written_as_no_data() -> None:
    assert docs._value(float("nan")) == "null (no data)"
    assert docs._value(3) == "3" and docs._value(0.123456) == "0.1235"


def _commands(cmd: click.Command, path: str) -> list[tuple[str, click.Command]]:
    out = [(path, cmd)]
    if isinstance(cmd, click.Group):
        for name, sub in sorted(cmd.commands.items()):
            out += _commands(sub, f"{path} {name}")
    return out


def test_cli_reference_lists_every_command_and_option() -> None:
    page = FILES["docs/cli.md"]()
    for path, cmd in _commands(cli, "framing"):
        assert f"`{path}` {{#{path.replace(' ', '-')}}}" in page, path
        for p in cmd.params:
            if isinstance(p, click.Option) and not p.hidden:
                assert any(f"{o}" in page for o in p.opts), (path, p.opts)


def test_api_reference_covers_the_public_api() -> None:
    page = FILES["docs/api/framing.md"]()
    for name in importlib.import_module("framing").__all__:
        assert f"## `{name}`" in page
    nav = FILES["mkdocs.yml"]()
    for mod in docs.api_modules():
        assert f'"api/{mod}.md"' in nav


def test_a_new_hand_written_page_joins_the_navigation(tmp_path: Path) -> None:
    (tmp_path / "index.md").write_text("# Home\n", encoding="utf-8")
    (tmp_path / "engines.md").write_text("intro\n\n# Running on `Dask`\n", encoding="utf-8")
    nav = docs.mkdocs_yml(tmp_path)
    assert '  - "Running on Dask": "engines.md"' in nav
    assert nav.count('"index.md"') == 1


def test_api_modules_not_in_this_checkout_are_left_out() -> None:
    from framing.docgen.reference import available

    assert available(("framing", "framing.no_such_module", "no_such_package.x")) == ["framing"]


def test_site_builds_strictly_and_loads_nothing_from_the_network(tmp_path: Path) -> None:
    pytest.importorskip("mkdocs", reason="the docs extra is not installed")
    site = tmp_path / "site"
    run = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr
    for m in metrics():
        assert (site / "metrics" / m.name / "index.html").is_file(), m.name
    external = re.compile(
        r"<(?:script|img|iframe)[^>]*\ssrc=\"(?:https?:)?//|<link[^>]*\shref=\"(?:https?:)?//"
        r"|url\((?:['\"])?(?:https?:)?//|@import\s+(?:url\()?['\"]?(?:https?:)?//"
    )
    for path in site.rglob("*"):
        if path.suffix in {".html", ".css", ".js"}:
            hit = external.search(path.read_text(encoding="utf-8", errors="replace"))
            assert hit is None, f"{path.relative_to(site)} loads {hit.group(0) if hit else ''}"


def test_metric_names_are_unique_snake_case() -> None:
    names = [m.name for m in metrics()]
    assert len(names) == len(set(names))
    assert all(n.replace("_", "").isalnum() and n.islower() for n in names)


def test_cli_reference_does_not_depend_on_what_ran_before() -> None:
    from click.testing import CliRunner

    from framing.docgen.reference import cli_markdown

    before = cli_markdown()
    CliRunner().invoke(cli, ["score", "--help"])
    assert cli_markdown() == before
    assert "| `-h, --help` | Show this message and exit. |" in before


def test_the_command_on_every_metric_page_reproduces_the_worked_example() -> None:
    from framing import score_path

    (from_file,) = score_path(ROOT / docs.EXAMPLE_PATH, spacy_model=docs.EXAMPLE_PIPELINE)
    example = docs.example_score()
    assert from_file.to_dict()["metrics"] == example.to_dict()["metrics"]
    assert from_file.evidence == example.evidence
