"""End-to-end truth on the five seed articles (issue #2 acceptance), on both spaCy paths.

These follow from the features, never from special-casing a file: no test names a rule for a
particular seed, and the same assertions hold on the fast and the parsed path.
"""

from __future__ import annotations

import pytest

from framing.score import ArticleScore

BOILERPLATE = {
    "000": [
        "LEAVE A REPLY",
        "Please enter your comment",
        "Share post",
        "More like this",
        "Nikkei",
        "Abrams",
        "6.45 trillion",
        "Sports Betting",
        "Intestinal",
    ],
    "001": [
        "Related Articles",
        "Summit in Brussels",
        "Sky Shield",
        "3,500 more soldiers",
        "Pope Francis",
        "Epstein",
        "withdrawal of U.S. support",
    ],
    "004": [
        "font-size",
        "share button",
        "Settings",
        "seen in this photo",
        "press briefing",
        "By Lee Hyo-jin",
        "lhj@koreatimes.co.kr",
        "Top 10 Stories",
        "CLOSE",
        "go top",
        "LETTER",
    ],
}


def _check_no_boilerplate(scores: dict[str, ArticleScore]) -> None:
    for seed, phrases in BOILERPLATE.items():
        s = scores[seed]
        for phrase in phrases:
            assert phrase not in s.text, (seed, phrase)
            assert not any(phrase in e.text for e in s.evidence), (seed, phrase)


def _check_korea_times_quotes_and_names(scores: dict[str, ArticleScore]) -> None:
    kt = scores["004"].metrics
    for rewrite in ("002", "003"):
        m = scores[rewrite].metrics
        assert kt["direct_quotes"] > m["direct_quotes"], rewrite
        assert kt["distinct_named_sources"] > m["distinct_named_sources"], rewrite
        named = kt["named_person_attributions"] + kt["named_organization_attributions"]
        assert named > m["named_person_attributions"] + m["named_organization_attributions"]


def _check_strategic_rewrite(scores: dict[str, ArticleScore]) -> None:
    index = {k: s.metrics["humanitarian_strategic_index"] for k, s in scores.items()}
    assert index["003"] < index["001"]
    assert index["003"] < index["004"]


def test_no_listed_boilerplate_is_scored(seed_scores: dict[str, ArticleScore]) -> None:
    _check_no_boilerplate(seed_scores)


def test_korea_times_has_more_direct_quotes_and_named_sources_than_summaries(
    seed_scores: dict[str, ArticleScore],
) -> None:
    _check_korea_times_quotes_and_names(seed_scores)


def test_strategic_rewrite_has_lowest_humanitarian_strategic_index(
    seed_scores: dict[str, ArticleScore],
) -> None:
    _check_strategic_rewrite(seed_scores)


@pytest.mark.parsed
def test_seed_acceptance_holds_on_the_parsed_path(
    seed_scores_parsed: dict[str, ArticleScore],
) -> None:
    _check_no_boilerplate(seed_scores_parsed)
    _check_korea_times_quotes_and_names(seed_scores_parsed)
    _check_strategic_rewrite(seed_scores_parsed)


def test_lost_opening_quote_mark_is_still_a_quote(seed_scores: dict[str, ArticleScore]) -> None:
    """001 quotes the ministry with its opening mark lost in copying."""
    s = seed_scores["001"]
    quotes = [e for e in s.evidence if e.category == "direct_quote"]
    assert any(q.text.startswith("North Korean soldiers are constitutionally") for q in quotes)
    atts = [a for a in s.details["attributions"] if a["mode"] == "direct"]
    assert any("Ministry of Foreign Affairs" in (a["source"] or "") for a in atts)


def test_metadata_is_extracted(seed_scores: dict[str, ArticleScore]) -> None:
    assert seed_scores["004"].article["byline"] == "Lee Hyo-jin"
    assert seed_scores["004"].article["email_domain"] == "koreatimes.co.kr"
    assert seed_scores["002"].article["original_source"] == "www.independent.co.uk"
    assert seed_scores["003"].article["original_source"] == "evrimagaci.org"
    assert seed_scores["000"].article["date"] == "2025-05-16"


def test_every_evidence_span_points_into_the_cleaned_text(
    seed_scores: dict[str, ArticleScore],
) -> None:
    for s in seed_scores.values():
        assert s.evidence
        for e in s.evidence:
            assert s.text[e.start : e.end] == e.text
            assert e.text.strip() == e.text


def test_every_metric_is_present_and_in_range(seed_scores: dict[str, ArticleScore]) -> None:
    from framing.features import metrics

    for s in seed_scores.values():
        assert list(s.metrics) == [m.name for m in metrics()]
        for m in metrics():
            m.check(s.metrics[m.name])
