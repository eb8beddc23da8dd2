"""report.md and report.html: what they show, that article text cannot inject markup, that the
HTML is self-contained and deterministic, and that a real headless Chromium renders it offline
without console errors."""

from __future__ import annotations

import os
import re
import shutil
import struct
from collections.abc import Iterator
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from framing.compare import Comparison, compare, summarize
from framing.corpus import UNKNOWN, Failure
from framing.evidence import Evidence
from framing.export.report import HEADLINE, highlight, render_html, render_markdown, write_report

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"
HOSTILE_TITLE = "<script>alert(1)</script>"
HOSTILE_OUTLET = "<b>x</b>"
HOSTILE_NOTE = '"><script>alert(3)</script>'
CHROMEDRIVER = "/usr/bin/chromedriver"


@pytest.fixture(scope="module")
def seeds() -> Comparison:
    return compare([str(SEEDS)], spacy_model="blank")


@pytest.fixture(scope="module")
def hostile(seeds: Comparison) -> Comparison:
    """The seeds with a script for a title, markup for an outlet, a note that tries to break out
    of its attribute, and hostile file names among the failures and unknown outlets."""
    first = seeds.articles[0]
    assert first.outlet != seeds.reference
    bad = Evidence(0, 5, "frames", "humanitarian", first.score.text[:5], 0, HOSTILE_NOTE)
    article = replace(
        first,
        title=HOSTILE_TITLE,
        outlet=HOSTILE_OUTLET,
        score=replace(first.score, evidence=(*first.score.evidence, bad)),
    )
    orphan = replace(seeds.articles[1], outlet=UNKNOWN, source="loose/<i>orphan</i>|x.txt")
    articles = [article, *seeds.articles[1:], orphan]
    failures = [Failure("seeds/<img src=x onerror=alert(4)>.txt", "bad | <b>file</b>\nline two")]
    outlets = summarize(articles, seeds.metrics, seeds.reference)
    return Comparison(articles, outlets, seeds.metrics, seeds.reference, failures)


def outlet_names(c: Comparison) -> list[str]:
    return sorted({str(r["outlet"]) for r in c.outlets})


# -- Markdown ---------------------------------------------------------------------------------


def test_markdown_names_every_outlet_the_reference_and_the_headline_metrics(
    seeds: Comparison,
) -> None:
    md = render_markdown(seeds)
    assert seeds.reference == "The Korea Times"
    assert "**Reference outlet:** The Korea Times" in md
    for outlet in outlet_names(seeds):
        assert outlet in md
    for name in HEADLINE:
        assert f"| {name} |" in md
    assert "## All metrics" in md and all(f"| {m} |" in md for m in seeds.metrics)
    for a in seeds.articles:
        assert a.source in md
    assert "(reference, n=1)" in md and "Aggregator C (n=2)" in md


def _cells(line: str) -> list[str]:
    return re.split(r"(?<!\\)\|", line.strip())[1:-1]


def test_markdown_escapes_pipes_newlines_and_html(hostile: Comparison) -> None:
    c = replace(
        hostile, articles=[replace(hostile.articles[0], title="a|b\nc"), *hostile.articles[1:]]
    )
    md = render_markdown(c)
    row = next(line for line in md.splitlines() if "a\\|b c" in line)
    header = next(line for line in md.splitlines() if line.startswith("| # | outlet"))
    assert len(_cells(row)) == len(_cells(header))
    assert "\\<b>x\\</b>" in md  # the outlet renders as text, not bold
    assert "<b>" not in md.replace("\\<b>", "")
    assert "| seeds/\\<img src=x onerror=alert(4)>.txt | bad \\| \\<b>file\\</b> line two |" in md
    assert "- loose/\\<i>orphan\\</i>\\|x.txt" in md


def test_markdown_says_when_nothing_failed(seeds: Comparison) -> None:
    md = render_markdown(seeds)
    assert "None: every input was scored." in md
    assert "None: every article has an outlet." in md


# -- HTML -------------------------------------------------------------------------------------


def test_html_shows_every_outlet_and_marks_the_reference(seeds: Comparison) -> None:
    page = render_html(seeds)
    for outlet in outlet_names(seeds):
        assert outlet in page
    assert '<span class="badge">reference</span>' in page
    assert page.count('<rect class="ref-band"') == 6  # one per chart
    for name in HEADLINE:
        assert f">{name}</th>" in page


def test_html_escapes_everything_taken_from_articles(hostile: Comparison) -> None:
    page = render_html(hostile)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;b&gt;x&lt;/b&gt;" in page
    assert "&quot;&gt;&lt;script&gt;alert(3)&lt;/script&gt;" in page  # inside title="…"
    assert "seeds/&lt;img src=x onerror=alert(4)&gt;.txt" in page
    assert "loose/&lt;i&gt;orphan&lt;/i&gt;|x.txt" in page
    lowered = page.lower()
    assert "<script" not in lowered
    assert "<b>x</b>" not in page and "<img" not in lowered and "<i>orphan" not in page


def test_html_is_self_contained(seeds: Comparison) -> None:
    page = render_html(seeds)
    assert not re.search(
        r"""\b(?:src|href|action|poster|data)\s*=\s*["']?\s*(?:https?:)?//""", page
    )
    assert "src=" not in page  # no images, scripts or frames at all
    assert set(re.findall(r'href="([^"]*)"', page)) <= {
        "data:,",
        "#charts",
        "#table",
        "#articles",
        "#failures",
        "#unknown",
    }
    assert "url(" not in page and "@import" not in page and "<script" not in page
    assert "<style>" in page and page.count("<svg") == 6


def test_html_is_deterministic(seeds: Comparison) -> None:
    again = compare([str(SEEDS)], spacy_model="blank")
    assert render_html(seeds).encode() == render_html(seeds).encode() == render_html(again).encode()
    assert render_markdown(seeds) == render_markdown(again)


def test_html_size_is_reasonable(seeds: Comparison) -> None:
    assert len(render_html(seeds).encode()) < 400_000


def test_charts_have_title_desc_values_and_ci_whiskers(seeds: Comparison) -> None:
    page = render_html(seeds)
    svgs = re.findall(r"<svg .*?</svg>", page, flags=re.S)
    assert len(svgs) == 6
    for svg in svgs:
        ids = re.search(r'aria-labelledby="([^" ]+) ([^"]+)"', svg)
        assert ids and f'<title id="{ids[1]}">' in svg and f'<desc id="{ids[2]}">' in svg
        assert 'role="img"' in svg
    index = next(s for s in svgs if "chart-index-title" in s)
    # every outlet's index is written on its bar; Aggregator C (2 articles) has a CI whisker
    for outlet in outlet_names(seeds):
        row = next(
            r
            for r in seeds.outlets
            if r["outlet"] == outlet and r["metric"] == "humanitarian_strategic_index"
        )
        assert f">{row['mean']:.3f}</text>" in index
    assert index.count('class="ci"') == 1
    assert 'class="ref-line"' in index


class _Marks(HTMLParser):
    """Collects the text of every <mark> (nested ones too) and of every article text block."""

    def __init__(self) -> None:
        super().__init__()
        self.open: list[tuple[str, list[str]]] = []
        self.marks: list[tuple[str, str]] = []
        self.texts: list[list[str]] = []
        self.in_text = 0
        self.depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "div" and a.get("class") == "text":
            self.texts.append([])
            self.in_text, self.depth = 1, 0
        elif tag == "div" and self.in_text:
            self.depth += 1
        if tag == "mark":
            self.open.append((a.get("class") or "", []))

    def handle_endtag(self, tag: str) -> None:
        if tag == "mark":
            cls, parts = self.open.pop()
            self.marks.append((cls, "".join(parts)))
        elif tag == "div" and self.in_text:
            if self.depth == 0:
                self.in_text = 0
            else:
                self.depth -= 1

    def handle_data(self, data: str) -> None:
        for _cls, parts in self.open:
            parts.append(data)
        if self.in_text:
            self.texts[-1].append(data)


def test_evidence_is_highlighted_in_the_cleaned_text(seeds: Comparison) -> None:
    page = render_html(seeds)
    assert re.search(r'<mark class="cat-humanitarian fam-frames" title="[^"]*">asylum</mark>', page)
    parser = _Marks()
    parser.feed(page)
    assert parser.open == []  # every <mark> closed: no nesting errors
    # the highlighted text is exactly the cleaned text, and each mark holds its evidence's text
    assert ["".join(t) for t in parser.texts] == [a.score.text for a in seeds.articles]
    known = {(e.category, e.text) for a in seeds.articles for e in a.score.evidence}
    assert parser.marks
    for cls, text in parser.marks:
        category = cls.split()[0].removeprefix("cat-").replace("source-", "source:")
        assert (category, text) in known


def test_overlapping_evidence_nests_outermost_first_and_skips_crossing_spans() -> None:
    text = "The prime minister said refugees fled"
    quote = Evidence(0, 32, "attribution", "direct_quote", text[0:32], 0)
    source = Evidence(4, 18, "attribution", "source:named_person", text[4:18], 0)
    dup = Evidence(4, 18, "attribution", "source:named_person", text[4:18], 0)
    term = Evidence(24, 32, "frames", "humanitarian", "refugees", 0, "refugee*")
    crossing = Evidence(28, 37, "hedging", "hedges", text[28:37], 0)
    tone = Evidence(0, len(text), "tone", "negative", text, 0)
    out, skipped = highlight(text, [crossing, term, dup, source, quote, tone])
    assert skipped == 1
    assert out == (
        '<mark class="cat-direct_quote fam-attribution" title="attribution/direct_quote">The '
        '<mark class="cat-source-named_person fam-attribution" '
        'title="attribution/source:named_person">prime minister</mark> said '
        '<mark class="cat-humanitarian fam-frames" title="frames/humanitarian: refugee*">'
        "refugees</mark></mark> fled"
    )


def test_missing_values_show_an_em_dash(seeds: Comparison) -> None:
    def blank(row: dict[str, Any]) -> dict[str, Any]:
        if row["outlet"] == "Aggregator B" and row["metric"] == "tone_mean":
            return {**row, "mean": None, "median": None, "delta": None, "n": 0}
        return row

    c = replace(seeds, outlets=[blank(r) for r in seeds.outlets])
    page = render_html(c)
    assert "Aggregator B: mean compound —" in page  # the chart's description and tooltip
    assert re.search(r'<td class="num"><span class="v">—</span><span class="sub">n=0</span>', page)
    tone_row = next(line for line in render_markdown(c).splitlines() if "| tone_mean |" in line)
    assert "| — [n=0] |" in tone_row


def test_failures_and_unknown_outlets_are_listed(hostile: Comparison) -> None:
    page = render_html(hostile)
    assert '<section id="failures"><h2>Failures</h2><table class="issues">' in page
    assert "bad | &lt;b&gt;file&lt;/b&gt;\nline two" in page
    assert "they are compared as the outlet <code>unknown</code>" in page


def test_without_a_reference_there_are_no_deltas(seeds: Comparison) -> None:
    c = replace(seeds, outlets=summarize(seeds.articles, seeds.metrics, None), reference=None)
    page, md = render_html(c), render_markdown(c)
    assert "No reference outlet was set" in page and 'class="badge"' not in page
    assert 'class="d ' not in page and 'class="ref-line"' not in page
    assert "**Reference outlet:** none (no deltas)" in md and "(+" not in md


def test_an_empty_run_still_renders(seeds: Comparison) -> None:
    c = Comparison([], [], seeds.metrics, None, [Failure("a.txt", "no text")])
    page, md = render_html(c), render_markdown(c)
    assert "no articles were scored" in page and "a.txt" in page
    assert "No articles were scored." in md and "| a.txt | no text |" in md


def test_write_report_writes_both_files(seeds: Comparison, tmp_path: Path) -> None:
    md, page = write_report(seeds, tmp_path)
    assert md.name == "report.md" and page.name == "report.html"
    assert page.read_text(encoding="utf-8") == render_html(seeds)


# -- Chromium ---------------------------------------------------------------------------------


def _driver_path() -> str | None:
    return CHROMEDRIVER if os.access(CHROMEDRIVER, os.X_OK) else shutil.which("chromedriver")


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """Headless Chromium through the system chromedriver, with the network unreachable."""
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    driver_path = _driver_path()
    if chromium is None or driver_path is None:
        pytest.skip(
            "chromium and chromium-driver are not installed "
            "(apt-get install -y chromium chromium-driver)"
        )
    webdriver = pytest.importorskip(
        "selenium.webdriver", reason="selenium is not installed (pip install selenium)"
    )
    from selenium.webdriver.chrome.service import Service

    os.environ["SE_OFFLINE"] = "true"  # Selenium Manager must never try to download a driver
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for arg in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-extensions",
        "--disable-default-apps",
        "--hide-scrollbars",
        "--host-resolver-rules=MAP * ~NOTFOUND",
        f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}",
    ):
        options.add_argument(arg)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(executable_path=driver_path), options=options)
    driver.set_page_load_timeout(20)
    # report any dialog the page tries to open instead of letting it block the browser
    driver.execute_cdp_cmd(
        "Page.addScriptToEvaluateOnNewDocument",
        {
            "source": (
                "window.__dialogs = [];"
                "for (const f of ['alert', 'confirm', 'prompt'])"
                "  window[f] = (m) => { window.__dialogs.push(f + ':' + m); };"
            )
        },
    )
    driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {
            "width": 1280,
            "height": 2000,
            "deviceScaleFactor": 1,
            "mobile": False,
        },
    )
    try:
        yield driver
    finally:
        driver.quit()


def _load(driver: Any, page: Path) -> tuple[list[dict[str, Any]], str]:
    driver.get_log("browser")  # drop anything logged before this page
    driver.get(page.as_uri())
    from selenium.webdriver.common.by import By

    text = driver.find_element(By.TAG_NAME, "body").text
    return driver.get_log("browser"), text


def _png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def test_chromium_renders_the_seeds_report_offline(
    browser: Any, seeds: Comparison, tmp_path: Path
) -> None:
    _md, page = write_report(seeds, tmp_path)
    logs, text = _load(browser, page)
    assert [e for e in logs if e["level"] == "SEVERE"] == []
    for outlet in outlet_names(seeds):
        assert outlet in text
    assert browser.execute_script("return performance.getEntriesByType('resource').length") == 0
    assert browser.execute_script("return document.querySelectorAll('svg.chart').length") == 6
    # nothing overflows the page sideways at 1280 px
    assert browser.execute_script(
        "return document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )
    out = (ROOT / "outputs" if os.environ.get("FRAMING_SCREENSHOT") else tmp_path) / "report.png"
    out.parent.mkdir(parents=True, exist_ok=True)
    browser.execute_script("window.scrollTo(0, 0)")
    assert browser.save_screenshot(str(out))
    data = out.read_bytes()
    assert _png_size(data) == (1280, 2000)
    assert len(data) > 50_000  # a blank page compresses to a few kB


def test_chromium_shows_a_hostile_title_as_text(
    browser: Any, hostile: Comparison, tmp_path: Path
) -> None:
    _md, page = write_report(hostile, tmp_path)
    logs, text = _load(browser, page)
    assert [e for e in logs if e["level"] == "SEVERE"] == []
    assert HOSTILE_TITLE in text and HOSTILE_OUTLET in text
    assert browser.execute_script("return window.__dialogs") == []
    assert browser.execute_script("return document.scripts.length") == 0
    assert browser.execute_script("return document.querySelectorAll('b, img, i').length") == 0
