"""report.md and report.html: what they show, that article text cannot inject markup, that the
HTML is self-contained and deterministic, and that a real headless Chromium renders it offline
without console errors."""

from __future__ import annotations

import html
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

from framing.api import compare
from framing.comparison import Comparison, summarize
from framing.corpus.inputs import UNKNOWN, Failure
from framing.evidence import Evidence
from framing.export.report import HEADLINE, highlight, render_html, render_markdown, write_report
from framing.rewrite.changes import Change, RewriteDiff

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"
HOSTILE_TITLE = "<script>alert(1)</script>"
HOSTILE_OUTLET = "<b>x</b>"
HOSTILE_NOTE = '"><script>alert(3)</script>'
HOSTILE_QUOTE = '"><script>alert(5)</script><img src=x onerror=alert(6)>'
CHROMEDRIVER = "/usr/bin/chromedriver"
DIFF_OF_ZERO = "difference from the reference (0% of the reference mean)"


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
    ids = set(re.findall(r' id="([^"]+)"', page))
    links = set(re.findall(r'href="([^"]*)"', page)) - {"data:,"}
    assert {"#charts", "#table", "#stories", "#articles", "#failures", "#unknown"} <= links
    assert {link.removeprefix("#") for link in links} <= ids  # only links within the page
    assert "url(" not in page and "@import" not in page and "<script" not in page
    # six charts of levels, seven of differences from the reference, one over time
    assert "<style>" in page and page.count("<svg") == 6 + 7 + 1


def test_html_is_deterministic(seeds: Comparison) -> None:
    again = compare([str(SEEDS)], spacy_model="blank")
    assert render_html(seeds).encode() == render_html(seeds).encode() == render_html(again).encode()
    assert render_markdown(seeds) == render_markdown(again)


def test_html_size_is_reasonable(seeds: Comparison) -> None:
    assert len(render_html(seeds).encode()) < 400_000


def test_charts_have_title_desc_values_and_ci_whiskers(seeds: Comparison) -> None:
    page = render_html(seeds)
    svgs = re.findall(r'<svg class="chart" .*?</svg>', page, flags=re.S)  # the levels
    assert len(svgs) == 6
    for svg in svgs:
        ids = re.search(r'aria-labelledby="([^" ]+) ([^"]+)"', svg)
        assert ids and f'<title id="{ids[1]}">' in svg and f'<desc id="{ids[2]}">' in svg
        assert 'role="img"' in svg
    index = next(s for s in svgs if "chart-index-title" in s)
    # every outlet's index is written on its bar; no outlet has the 3 articles a CI needs
    for outlet in outlet_names(seeds):
        row = next(
            r
            for r in seeds.outlets
            if r["outlet"] == outlet and r["metric"] == "humanitarian_strategic_index"
        )
        assert f">{row['mean']:.3f}</text>" in index
    assert index.count('class="ci"') == 0
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
    evidence_marks = [(cls, text) for cls, text in parser.marks if cls.startswith("cat-")]
    assert evidence_marks
    for cls, text in evidence_marks:
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


def test_a_delta_that_rounds_to_zero_has_no_sign_or_arrow(seeds: Comparison) -> None:
    page, md = render_html(seeds), render_markdown(seeds)
    level = re.findall(r'<span class="d zero" title="([^"]*)">([^<]*)</span>', page)
    assert level  # the seeds have some: equal counts, and Flesch -0.016 shown as 0.0
    for title, text in level:
        assert text[0] not in "+-▲▼", text
        # no share when the reference mean is 0; else 0% (never -0% or +0%)
        assert title in ("difference from the reference", DIFF_OF_ZERO), title
    assert DIFF_OF_ZERO in page and "-0%" not in page and "+0%" not in page
    assert not re.search(r"\([+-]0(\.0+)?\)", md)  # (+0.000) or (-0.0) would be noise


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


# -- stories and rewrites ---------------------------------------------------------------------


def _label(c: Comparison, prefix: str) -> str:
    return next(a.source for a in c.articles if Path(a.source).name.startswith(prefix))


def _altered_quote(c: Comparison) -> tuple[tuple[str, str], RewriteDiff, Change]:
    assert c.stories is not None
    key = (_label(c, "004"), _label(c, "001"))
    d = c.stories.diffs[key]
    return key, d, next(ch for ch in d.changes if (ch.kind, ch.change) == ("quote", "altered"))


def _rows(page: str, table_class: str) -> list[str]:
    """The rows of the first ``<table class="issues TABLE_CLASS">`` as plain text."""
    match = re.search(rf'<table class="issues {table_class}">.*?</table>', page, flags=re.S)
    assert match, table_class
    rows = re.findall(r"<tr>(.*?)</tr>", match[0], flags=re.S)[1:]  # without the header
    return [" ".join(html.unescape(re.sub(r"<[^>]+>", " ", r)).split()) for r in rows]


class _ChangeMarks(HTMLParser):
    """(class, title, text) of every change <mark> that carries a title (the legend has none)."""

    def __init__(self) -> None:
        super().__init__()
        self.open: list[tuple[str, str, list[str]] | None] = []
        self.marks: list[tuple[str, str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "mark":
            a = dict(attrs)
            cls, title = a.get("class") or "", a.get("title")
            self.open.append((cls, title, []) if cls.startswith("chg-") and title else None)

    def handle_endtag(self, tag: str) -> None:
        if tag == "mark":
            top = self.open.pop()
            if top is not None:
                self.marks.append((top[0], top[1], "".join(top[2])))

    def handle_data(self, data: str) -> None:
        for item in self.open:
            if item is not None:
                item[2].append(data)


def test_stories_section_follows_the_outlet_comparison(seeds: Comparison) -> None:
    page, md = render_html(seeds), render_markdown(seeds)
    assert page.index('<section id="table">') < page.index('<section id="stories">')
    assert page.index('<section id="stories">') < page.index('<section id="articles">')
    assert '<a href="#stories">Stories and rewrites</a>' in page
    assert (
        md.index("## All metrics") < md.index("## Stories and rewrites") < md.index("## Articles")
    )


def test_stories_section_lists_the_events_with_outlet_and_title(seeds: Comparison) -> None:
    page, md = render_html(seeds), render_markdown(seeds)
    for a in seeds.articles:
        line = f"  - {a.source} ({a.outlet})" + (f": “{a.title}”" if a.title else " (no title)")
        assert line in md.splitlines()
    events = re.search(r'<ul class="events">.*?</ul></li></ul>', page, flags=re.S)
    assert events
    text = html.unescape(re.sub(r"<[^>]+>", " ", events[0]))
    assert all(a.source in text and a.outlet in text for a in seeds.articles)
    assert all(a.title in text for a in seeds.articles if a.title)


def test_stories_section_shows_the_rewritten_edge_and_the_declared_sources(
    seeds: Comparison,
) -> None:
    page, md = render_html(seeds), render_markdown(seeds)
    src, rw = _label(seeds, "004"), _label(seeds, "001")
    assert f"| {src} (The Korea Times) | {rw} (Aggregator B) | rewritten |" in md
    edges = _rows(page, "edges")
    assert any(
        row.startswith(f"{src} The Korea Times {rw} Aggregator B rewritten") for row in edges
    )
    for name, prefix in (("The Independent", "002"), ("evrimagaci.org", "003")):
        label = _label(seeds, prefix)
        assert any(
            row.startswith(f"{name} ") and f"{label} Aggregator C declared" in row for row in edges
        )
        external = f"{name} (named as the source; not in the corpus)"
        assert f"| {external} | {label} (Aggregator C) | declared |" in md
    # independent pairs are only counted
    assert re.findall(r'<span class="kind kind-(\w+)">', page) == [
        "rewritten",
        "declared",
        "declared",
    ]
    assert "1 rewritten, 2 declared; 9 pairs independent" in page
    assert "**Who rewrote whom**: 1 rewritten, 2 declared; 9 pairs independent." in md


def test_stories_section_lists_the_figure_conflicts(seeds: Comparison) -> None:
    page, md = render_html(seeds), render_markdown(seeds)
    korea, evrim = _label(seeds, "004"), _label(seeds, "003")
    rows = _rows(page, "conflicts")
    for quantity, article, outlet, written in (
        ("count of soldier", korea, "The Korea Times", "11,000"),
        ("count of soldier", evrim, "Aggregator C", "12,000"),
        ("date of capture", korea, "The Korea Times", "Jan. 9"),
        ("date of capture", evrim, "Aggregator C", "January 11, 2025"),
    ):
        assert any(f"{article} {outlet}" in row and written in row for row in rows)
        assert any(
            line.startswith(f"| {quantity} | {article} | {outlet} |") and written in line
            for line in md.splitlines()
        )
    assert "approx 12000" in page and "??-01-09" in page and "2025-01-11" in md


def test_the_altered_quote_is_marked_in_the_side_by_side_view(seeds: Comparison) -> None:
    _key, d, quote = _altered_quote(seeds)
    assert quote.rewrite_span is not None
    page = render_html(seeds)
    parser = _ChangeMarks()
    parser.feed(page)
    assert parser.open == []
    quoted = d.rewrite.text[slice(*quote.rewrite_span)]
    assert ("chg-quote", quoted) in {(cls, text) for cls, _title, text in parser.marks}
    title = next(t for cls, t, text in parser.marks if (cls, text) == ("chg-quote", quoted))
    assert f"quote/altered: {quote.detail}" in title.splitlines()
    # every change mark holds the text of a change of its kind, on the side it was found
    assert seeds.stories is not None
    spans = {
        (f"chg-{ch.kind}", text[slice(*span)])
        for diff in seeds.stories.diffs.values()
        for ch in diff.changes
        for text, span in ((diff.source.text, ch.source_span), (diff.rewrite.text, ch.rewrite_span))
        if span is not None
    }
    assert len(parser.marks) >= len(d.changes) - sum(ch.change == "dropped" for ch in d.changes)
    for cls, _title, text in parser.marks:
        assert any(c == cls and text in whole for c, whole in spans), (cls, text)


def test_each_derived_pair_shows_every_sentence_the_dropped_ones_and_the_frame(
    seeds: Comparison,
) -> None:
    _key, d, _quote = _altered_quote(seeds)
    page, md = render_html(seeds), render_markdown(seeds)
    al = d.alignment
    assert seeds.stories is not None
    assert page.count('<table class="sbs">') == 1 == len(seeds.stories.diffs)
    body = re.search(r'<table class="sbs">.*?</table>', page, flags=re.S)
    assert body and body[0].count('<th scope="row">R') == len(al.rewrite)
    for label in set(al.rewrite_label):
        assert f'<span class="lab lab-{label}">{label}</span>' in body[0]
    dropped = [s for s, lab in enumerate(al.source_label) if lab == "dropped"]
    assert f"Dropped source sentences ({len(dropped)})" in page
    assert f"**Dropped source sentences** ({len(dropped)})" in md
    for s in dropped:
        assert f"- S{s + 1}: " in md
    assert f"**Changes** ({len(d.changes)})" in md
    for ch in d.changes:
        assert f"**{ch.kind}/{ch.change}**" in md and ch.detail.replace("|", "\\|") in md
    assert "| direct_quotes | 7 | 1 | -6 |" in md
    assert re.search(r'<th scope="row">direct_quotes</th><td class="num">7</td>', page)


@pytest.fixture(scope="module")
def hostile_quote(seeds: Comparison) -> Comparison:
    """The seeds with markup in place of the altered quote of 004 -> 001 (same length, so every
    span and sentence bound still holds) and in that change's detail."""
    key, d, quote = _altered_quote(seeds)
    assert seeds.stories is not None and quote.rewrite_span is not None
    start, end = quote.rewrite_span
    assert len(HOSTILE_QUOTE) <= end - start
    filler = HOSTILE_QUOTE.ljust(end - start)
    rewrite = replace(d.rewrite, text=d.rewrite.text[:start] + filler + d.rewrite.text[end:])
    changes = [
        replace(ch, detail=f"quote altered: {HOSTILE_QUOTE}", rewrite_text=filler)
        if ch == quote
        else ch
        for ch in d.changes
    ]
    diffs = {**seeds.stories.diffs, key: replace(d, rewrite=rewrite, changes=changes)}
    return replace(seeds, stories=replace(seeds.stories, diffs=diffs))


def test_hostile_text_in_a_changed_quote_stays_text(hostile_quote: Comparison) -> None:
    page, md = render_html(hostile_quote), render_markdown(hostile_quote)
    escaped = html.escape(HOSTILE_QUOTE, quote=True)
    assert re.search(rf'<mark class="chg-quote" title="[^"]*">{re.escape(escaped)}\s*</mark>', page)
    assert f'title="quote/altered: quote altered: {escaped}' in page  # the attribute holds
    lowered = page.lower()
    assert "<script" not in lowered and "<img" not in lowered and "onerror=alert" in lowered
    assert re.search(r"(?<!\\)<(?:script|img)", md) is None
    assert "\\<script>alert(5)\\</script>" in md


def test_a_report_without_stories_still_renders(seeds: Comparison) -> None:
    c = replace(seeds, stories=None)
    page, md = render_html(c), render_markdown(c)
    assert "Stories and rewrites" not in page and 'id="stories"' not in page
    assert "#stories" not in page and "chg-" not in page.split("</style>", 1)[1]
    assert "## Stories and rewrites" not in md and "## Articles" in md
    assert "<svg" in page and page.endswith("</html>\n")


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
    assert browser.execute_script("return document.querySelectorAll('svg.chart').length") == 14
    # nothing overflows the page sideways at 1280 px
    assert browser.execute_script(
        "return document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )
    assert "Stories and rewrites" in text
    marked = "return document.querySelectorAll('#stories table.sbs mark.chg-quote').length"
    assert browser.execute_script(marked) >= 1
    folder = ROOT / "outputs" if os.environ.get("FRAMING_SCREENSHOT") else tmp_path
    folder.mkdir(parents=True, exist_ok=True)
    for name, scroll in (
        ("report.png", "window.scrollTo(0, 0)"),
        ("report-stories.png", "document.getElementById('stories').scrollIntoView()"),
    ):
        browser.execute_script(scroll)
        assert browser.save_screenshot(str(folder / name))
        data = (folder / name).read_bytes()
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


def test_chromium_shows_a_hostile_quote_as_text(
    browser: Any, hostile_quote: Comparison, tmp_path: Path
) -> None:
    _md, page = write_report(hostile_quote, tmp_path)
    logs, text = _load(browser, page)
    assert [e for e in logs if e["level"] == "SEVERE"] == []
    assert HOSTILE_QUOTE in text
    assert browser.execute_script("return window.__dialogs") == []
    assert browser.execute_script("return document.scripts.length") == 0
    assert browser.execute_script("return document.images.length") == 0
