"""Stories (topics) and the events inside them: the seeds, hard negatives, dates, BASIL."""

from __future__ import annotations

import csv
import json
import random
import time
from dataclasses import replace

import numpy as np
import pytest
from sklearn.metrics import adjusted_rand_score  # type: ignore[import-untyped]

from framing.errors import ConfigError, InputError
from framing.ingest import read_path
from framing.rewrite import stories
from framing.rewrite.stories import StoryArticle, cluster_stories, event_anchors
from tests.conftest import EVAL, SEEDS

BASIL = EVAL / "basil"


def seed_articles() -> list[StoryArticle]:
    """The five seeds, id = their number; dates from seeds/manifest.csv, else from the page."""
    with (SEEDS / "manifest.csv").open(encoding="utf-8") as handle:
        manifest = {row["file"]: row for row in csv.DictReader(handle)}
    articles = []
    for path in sorted(SEEDS.glob("*.txt")):
        document = read_path(path)[0]
        row = manifest.get(path.name, {})
        articles.append(
            StoryArticle(
                id=path.name[:3],
                text=document.text,
                title=document.metadata.title,
                date=row.get("date") or document.metadata.date,
                outlet=row.get("outlet") or None,
            )
        )
    return articles


@pytest.fixture(scope="module")
def seeds() -> stories.Stories:
    return cluster_stories(seed_articles())


def event_members(result: stories.Stories, article: str) -> set[str]:
    return {a for a, e in result.event_of.items() if e == result.event_of[article]}


# --- the seeds -------------------------------------------------------------------------------


def test_the_five_seeds_are_one_story(seeds: stories.Stories) -> None:
    assert [s.article_ids for s in seeds.stories] == [["000", "001", "002", "003", "004"]]
    assert set(seeds.story_of.values()) == {"story-001"}


def test_the_ministry_statement_reports_are_one_event(seeds: stories.Stories) -> None:
    # 001 rewrites 004: the foreign ministry's statement after the Chosun Ilbo interview.
    assert seeds.event_of["001"] == seeds.event_of["004"]


def test_the_ngo_letter_is_an_event_of_its_own(seeds: stories.Stories) -> None:
    assert event_members(seeds, "000") == {"000"}


def test_the_march_talks_are_not_the_ministry_statement(seeds: stories.Stories) -> None:
    assert event_members(seeds, "003").isdisjoint({"000", "001", "004"})


def test_002_reports_the_foreign_ministers_talks_like_003(seeds: stories.Stories) -> None:
    # 002's news is FM Cho Tae Yul telling Andrii Sybiha (by phone) that Seoul would accept the
    # soldiers; the Chosun interview is background ("reportedly informed"). 003 reports the two
    # ministers' talks of March 17. Both name Cho and Sybiha, which 001 and 004 never do.
    assert seeds.event_of["002"] == seeds.event_of["003"]
    assert [s.events for s in seeds.stories] == [[["000"], ["001", "004"], ["002", "003"]]]


def test_ids_are_numbered_by_first_article() -> None:
    result = cluster_stories(
        [
            StoryArticle("z1", "Floods closed the Elm Street bridge in Dayton, Ohio."),
            StoryArticle("a1", "India won the chess olympiad in Budapest on the final board."),
            StoryArticle("z2", "Dayton reopened the Elm Street bridge once the floods receded."),
        ]
    )
    assert [(s.id, s.article_ids) for s in result.stories] == [
        ("story-001", ["a1"]),
        ("story-002", ["z1", "z2"]),
    ]
    assert result.event_of == {"a1": "story-001/e1", "z1": "story-002/e1", "z2": "story-002/e1"}
    assert result.ids == ["a1", "z1", "z2"]
    assert result.similarity.shape == (3, 3)


@pytest.mark.parametrize("method", ["tfidf", "minhash"])
def test_same_result_in_any_input_order(method: str) -> None:
    articles = seed_articles()
    reference = cluster_stories(articles, method=method)  # type: ignore[arg-type]
    shuffler = random.Random(7)
    for _ in range(4):
        shuffled = articles[:]
        shuffler.shuffle(shuffled)
        result = cluster_stories(shuffled, method=method)  # type: ignore[arg-type]
        assert result.stories == reference.stories
        assert result.story_of == reference.story_of
        assert result.event_of == reference.event_of
        np.testing.assert_array_equal(result.similarity, reference.similarity)


# --- hard negatives --------------------------------------------------------------------------

BRIDGE = (
    "The Elm Street bridge in Dayton reopened to traffic on Tuesday after a two-year repair, "
    "county officials said in a statement. Engineers replaced the steel deck and the cracked "
    "piers, according to the report, and the work cost $14 million, officials said. Commuters "
    "told reporters the shorter drive downtown would save time every day this week."
)
CHESS = (
    "India won the chess olympiad in Budapest on Sunday, officials said in a statement. Gukesh "
    "Dommaraju beat the Chinese champion on the top board, according to a report from the "
    "organisers, who said the team finished two points ahead. Players told reporters they "
    "would celebrate at home next week."
)
UNRELATED = [
    "Heavy rain flooded farms in the Po valley; the damage to maize and rice will take months "
    "to assess.",
    "Lawmakers in Lima voted to remove the head of the electoral board after a dispute over "
    "ballots in two provinces.",
    "A new vaccine against malaria cut infections among children in Burkina Faso by two thirds "
    "in a trial.",
    "The central bank of Chile raised its policy rate by half a point to slow inflation.",
]


def test_unrelated_topics_never_share_a_story() -> None:
    articles = [StoryArticle(f"u{k}", text) for k, text in enumerate(UNRELATED)]
    for method in ("tfidf", "minhash"):
        result = cluster_stories(articles, method=method)
        assert len(result.stories) == len(UNRELATED), method


def test_generic_news_words_alone_do_not_make_a_story() -> None:
    # Both use "officials said in a statement", "according to a report", "told reporters",
    # "week": the vocabulary of any news report, and nothing else in common.
    result = cluster_stories([StoryArticle("bridge", BRIDGE), StoryArticle("chess", CHESS)])
    assert result.story_of == {"bridge": "story-001", "chess": "story-002"}
    assert result.similarity[0, 1] < result.threshold


def test_texts_without_words_stand_alone() -> None:
    result = cluster_stories(
        [StoryArticle("a", ""), StoryArticle("b", "the of and"), StoryArticle("c", "")]
    )
    assert len(result.stories) == 3
    result = cluster_stories([StoryArticle("a", ""), StoryArticle("b", "")], method="minhash")
    assert len(result.stories) == 2


# --- dates and events ------------------------------------------------------------------------

STRIKE = (
    "Dockworkers in Rotterdam walked out over pay, halting container traffic at Europe's "
    "largest port; the FNV union said the strike would last until the terminal operators "
    "improve their offer."
)
STRIKE_AGAIN = (
    "Dockworkers in Rotterdam struck again over pay, and container traffic at Europe's largest "
    "port stopped; the FNV union said terminal operators had not improved their offer."
)


def test_reports_more_than_a_week_apart_are_different_events() -> None:
    result = cluster_stories(
        [
            StoryArticle("a", STRIKE, date="2024-03-01"),
            StoryArticle("b", STRIKE_AGAIN, date="2024-03-20"),
        ]
    )
    assert len(result.stories) == 1
    assert result.event_of["a"] != result.event_of["b"]


def test_near_duplicates_stay_one_event_across_the_date_gap() -> None:
    result = cluster_stories(
        [
            StoryArticle("a", STRIKE, date="2024-03-01"),
            StoryArticle("b", STRIKE + " ", date="2024-03-20"),
        ]
    )
    assert result.event_of["a"] == result.event_of["b"]


def test_same_news_cycle_joins_an_event_without_unknown_dates_splitting_it() -> None:
    dated = cluster_stories(
        [
            StoryArticle("a", STRIKE, date="2024-03-01"),
            StoryArticle("b", STRIKE_AGAIN, date="2024-03-02"),
        ]
    )
    assert dated.event_of["a"] == dated.event_of["b"]


def test_event_anchors() -> None:
    anchors = event_anchors(
        "On March 17, 2025, Cho Tae-yul met Andrii Sybiha. Captured on Jan. 9 and 2025-01-11, "
        "the 26-year-old was one of 11,000 troops; 40% were lost in 2024.",
        lower_words={"captured"},
    )
    assert {"date:03-17", "date:01-09", "date:01-11"} <= anchors
    assert {"num:11000", "num:40", "num:26"} <= anchors
    assert {"name:cho tae-yul", "name:andrii sybiha"} <= anchors
    assert not {"num:2025", "num:2024", "num:17", "num:9", "name:on", "name:captured"} & anchors
    # The modal verb and a sentence-initial common word are not anchors.
    assert event_anchors("Prices may 12 times rise. Officials met.", {"officials", "prices"}) == {
        "num:12"
    }


# --- MinHash ---------------------------------------------------------------------------------


def lightly_edited(text: str, every: int) -> str:
    """Every ``every``-th word replaced, as a syndicated copy with small edits."""
    words = text.split()
    return " ".join("edited" if k % every == every - 1 else w for k, w in enumerate(words))


def test_minhash_groups_near_duplicates() -> None:
    seeds = {a.id: a for a in seed_articles()}
    original = seeds["004"]
    articles = [
        original,
        StoryArticle("copy", lightly_edited(original.text, 25), title="NK soldiers may defect"),
        StoryArticle("trimmed", original.text.rsplit("\n\n", 3)[0]),
        seeds["001"],  # a rewrite through translation: same event, few shared 5-shingles
        seeds["000"],
    ]
    result = cluster_stories(articles, method="minhash")
    assert result.method == "minhash" and result.threshold == 0.5
    assert [s.article_ids for s in result.stories] == [
        ["000"],
        ["001"],
        ["004", "copy", "trimmed"],
    ]
    copies = result.stories[2]
    assert copies.events == [copies.article_ids]
    i, j = result.ids.index("004"), result.ids.index("copy")
    assert 0.5 <= result.similarity[i, j] < 1.0


def test_minhash_similarity_is_sparse_for_large_corpora(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from scipy.sparse import issparse  # type: ignore[import-untyped]

    monkeypatch.setattr(stories, "DENSE_LIMIT", 2)
    result = cluster_stories(seed_articles(), method="minhash")
    assert issparse(result.similarity)
    assert result.similarity.shape == (5, 5)
    assert result.similarity.diagonal().tolist() == [1.0] * 5


# --- input errors ----------------------------------------------------------------------------


def test_duplicate_ids_are_an_input_error() -> None:
    with pytest.raises(InputError, match="duplicate article ids: a"):
        cluster_stories([StoryArticle("a", "x"), StoryArticle("a", "y")])


def test_a_date_that_is_not_iso_counts_as_undated_and_stops_nothing() -> None:
    # it used to raise, after every article was scored, and cost the whole compare (#20)
    odd = [StoryArticle("b", "x", date="16/05/2025"), StoryArticle("c", "y", date="May 2025")]
    undated = [StoryArticle("b", "x"), StoryArticle("c", "y")]
    got, want = cluster_stories(odd), cluster_stories(undated)
    assert got.story_of == want.story_of
    assert [s.article_ids for s in got.stories] == [s.article_ids for s in want.stories]


def test_bad_options_name_the_valid_choices() -> None:
    with pytest.raises(ConfigError, match="valid: tfidf, minhash"):
        cluster_stories([], method="bm25")  # type: ignore[arg-type]
    with pytest.raises(ConfigError, match=r"threshold must be in \(0, 1\]"):
        cluster_stories([], threshold=1.5)


def test_an_empty_corpus_has_no_stories() -> None:
    result = cluster_stories([])
    assert (result.stories, result.story_of, result.ids) == ([], {}, [])


# --- BASIL: 100 events, each covered by Fox, NYT and HuffPost ---------------------------------


def basil_articles() -> tuple[list[StoryArticle], list[str]]:
    articles, triplets = [], []
    for path in sorted((BASIL / "articles").glob("*/*.json")):
        record = json.loads(path.read_text(encoding="utf-8"))
        text = "\n\n".join(" ".join(p) for p in record["body-paragraphs"])
        articles.append(
            StoryArticle(path.stem, text, title=record.get("title"), date=record.get("date"))
        )
        triplets.append(path.stem.rsplit("_", 1)[0])
    return articles, triplets


@pytest.mark.skipif(not (BASIL / "articles").is_dir(), reason=f"BASIL not found at {BASIL}")
def test_basil_triplets_are_recovered_as_events() -> None:
    articles, triplets = basil_articles()
    assert len(articles) == 300
    start = time.perf_counter()
    result = cluster_stories(articles)
    assert time.perf_counter() - start < 30
    events = [result.event_of[a.id] for a in articles]
    assert adjusted_rand_score(triplets, events) >= 0.9
    # Stories are topics: they may join events of one topic, but must keep each event's
    # reports together (97 % of same-triplet pairs share a story at the default threshold).
    story = [result.story_of[a.id] for a in articles]
    pairs = [(i, j) for i in range(300) for j in range(i + 1, 300) if triplets[i] == triplets[j]]
    assert sum(story[i] == story[j] for i, j in pairs) / len(pairs) >= 0.95
    assert adjusted_rand_score(triplets, story) >= 0.75
    # Without publication dates the event layer has only text and anchors to go on.
    undated = cluster_stories([replace(a, date=None) for a in articles])
    assert adjusted_rand_score(triplets, [undated.event_of[a.id] for a in articles]) >= 0.8
