"""The report answers: a finding per outlet against the reference with the terms behind it
and its n; differences from the reference charted with CIs only from 3 articles up; off-story
articles marked; bars linked to the articles; a time chart when articles have dates; readable
on a 390 px wide phone."""

from __future__ import annotations

import os
import re
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from framing.api import compare
from framing.comparison import Comparison, summarize
from framing.corpus.articles import ScoredArticle
from framing.export.report import render_html, render_markdown, write_report
from framing.export.report.findings import LEAD, PUSH, findings, off_story
from framing.export.report.view import View
from tests.conftest import ROOT, SEEDS
from tests.export.test_report import _png_size, browser  # noqa: F401  (the Chromium fixture)


@pytest.fixture(scope="module")
def seeds() -> Comparison:
    return compare([str(SEEDS)], spacy_model="blank")


def by_outlet(c: Comparison) -> dict[str, Any]:
    return {f.outlet: f for f in findings(c, View.of(c))}


def test_one_finding_per_outlet_other_than_the_reference(seeds: Comparison) -> None:
    found = by_outlet(seeds)

    assert sorted(found) == ["Aggregator A", "Aggregator B", "Aggregator C"]
    b = found["Aggregator B"]
    row = next(r for r in seeds.outlets if r["outlet"] == "Aggregator B" and r["metric"] == LEAD)
    assert b.delta == row["delta"] and b.delta > 0.7
    assert (b.n, b.too_few) == (1, True)
    assert found["Aggregator C"].n == 2 and found["Aggregator C"].too_few


def test_the_driving_terms_push_the_index_the_way_it_moved(seeds: Comparison) -> None:
    texts = {
        a.outlet: {e.text.lower() for e in a.score.evidence if e.family == "frames"}
        for a in seeds.articles
    }
    for f in by_outlet(seeds).values():
        assert f.terms, f.outlet
        sign = 1 if f.delta > 0 else -1
        for t in f.terms:
            assert sign * PUSH[t.category] * t.difference > 0, (f.outlet, t)
            assert t.text in texts[f.outlet] | texts["The Korea Times"]


def test_articles_of_another_event_are_marked(seeds: Comparison) -> None:
    marks = off_story(seeds)

    # the clustering puts the open letter (A) and C's two articles outside the reference's event
    assert {seeds.articles[i].outlet for i in range(5) if seeds.articles[i].source in marks} == {
        "Aggregator A",
        "Aggregator C",
    }
    assert "Aggregator B" not in {a.outlet for a in seeds.articles if a.source in marks}
    without_stories = off_story(replace(seeds, stories=None))
    assert list(without_stories.values()) == ["related coverage (manifest)"]  # A's manifest role


def test_the_markdown_report_opens_with_the_findings(seeds: Comparison) -> None:
    page = render_markdown(seeds)
    section = page.split("## Findings", 1)[1].split("## Headline metrics", 1)[0]

    b = next(line for line in section.splitlines() if line.startswith("- **Aggregator B**"))
    assert "+0.768 above The Korea Times" in b and "driven by" in b
    assert "1 article (too few articles to generalise)" in b
    assert "2 of 2 about another event or story" in section


def test_bars_link_to_the_outlets_articles_and_few_articles_get_no_ci(seeds: Comparison) -> None:
    page = render_html(seeds)
    chart = re.search(r'<figure class="chart-box diff" id="diff-humanitarian_strategic_index">'
                      r".*?</figure>", page, flags=re.S)  # fmt: skip
    assert chart is not None
    svg = chart[0]
    links = re.findall(r'<a href="#(outlet-[^"]+)">', svg)
    assert len(links) == 3 and all(f'id="{x}"' in page for x in links)
    assert svg.count('class="bar pos few"') + svg.count('class="bar neg few"') == 3
    assert 'class="ci"' not in svg and "too few articles" in svg
    # the outlet's entry links to its articles' cards, which hold the evidence
    entry = re.search(r'<li id="outlet-Aggregator-C".*?</li>', page, flags=re.S)
    assert entry and 'href="#article-3"' in entry[0] and 'href="#article-4"' in entry[0]
    assert page.count("off-story: another event") == 3
    table = page.split('<table class="matrix">', 1)[1].split("</table>", 1)[0]
    assert "CI " not in table and "too few articles" in table


def _many(seeds: Comparison) -> Comparison:
    """Three articles for each outlet: the seeds with ids of their own and varied values."""
    arts: list[ScoredArticle] = []
    for k in range(3):
        for a in seeds.articles:
            metrics = {**a.score.metrics, LEAD: float(a.score.metrics[LEAD]) + 0.05 * k}
            article = {**a.score.article, "id": f"{a.article_id[:12]}{k:04d}"}
            arts.append(replace(a, score=replace(a.score, metrics=metrics, article=article)))
    return replace(seeds, articles=arts, outlets=summarize(arts, seeds.metrics, seeds.reference))


def test_three_articles_get_a_ci_whisker_on_the_difference(seeds: Comparison) -> None:
    page = render_html(_many(seeds))
    svg = re.search(r'id="diff-humanitarian_strategic_index">.*?</svg>', page, flags=re.S)

    assert svg is not None and svg[0].count('class="ci"') == 3
    assert " few" not in svg[0]


def test_a_time_chart_only_when_articles_have_dates(seeds: Comparison) -> None:
    page = render_html(seeds)
    assert "Over time" in page and 'href="#article-1"><circle' in page  # A's dated article

    undated = replace(seeds, articles=[replace(a, date=None) for a in seeds.articles])
    assert "Over time" not in render_html(undated)


def test_without_a_reference_there_are_no_findings_and_levels_show(seeds: Comparison) -> None:
    c = replace(seeds, reference=None, outlets=summarize(seeds.articles, seeds.metrics, None))
    page = render_html(c)

    assert "Findings" not in page and "diff-" not in page
    assert '<details class="levels" open>' in page


def test_readable_on_a_390_px_phone(
    browser: Any,  # noqa: F811
    seeds: Comparison,
    tmp_path: Path,
) -> None:
    _md, page = write_report(seeds, tmp_path)
    browser.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": 390, "height": 844, "deviceScaleFactor": 1, "mobile": True},
    )
    browser.get(page.as_uri())

    # nothing but the scroll boxes overflows sideways
    assert browser.execute_script(
        "return document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )
    smallest = browser.execute_script(
        "return Math.min(...[...document.querySelectorAll('#charts svg.narrow text')]"
        ".map(t => t.getBoundingClientRect().height))"
    )
    assert smallest >= 9.5  # chart text of the difference charts stays legible (px on screen)
    browser.execute_script("document.getElementById('charts').scrollIntoView()")
    folder = ROOT / "outputs" if os.environ.get("FRAMING_SCREENSHOT") else tmp_path
    shot = folder / "report-390.png"
    folder.mkdir(parents=True, exist_ok=True)
    assert browser.save_screenshot(str(shot))
    assert _png_size(shot.read_bytes())[0] == 390
