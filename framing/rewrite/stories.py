"""Group a corpus into stories (topics) and, inside each story, into events.

A *story* is a topic that outlets keep covering: the capture of North Korean soldiers in
Ukraine, a government shutdown. An *event* is one news occasion inside it: a ministry statement,
a phone call between ministers, an open letter. Rewrites are compared within an event; the
story is the wider net that finds the candidates.

**Stories.** ``method="tfidf"`` (default; it builds a dense n×n matrix, so up to a few thousand
articles) embeds headline + text with scikit-learn's ``TfidfVectorizer`` (word unigrams and
bigrams, sublinear tf, ``min_df=1``, fitted on the corpus itself; English stop words plus
``NEWS_STOP_WORDS``, the attribution and time words every report uses, which the IDF of a small
corpus cannot discount) and clusters the cosine similarities by *average* linkage, merging while
the mean similarity between two groups exceeds ``threshold``. Average linkage because single
linkage chains unrelated topics through one incidental pair (BASIL, story level: single linkage
reaches ARI 0.27 at the default threshold and 0.82 at best, average 0.79 and 0.87), and because
complete linkage demands that every pair of a topic be similar, while a topic grows by events
that need not resemble each other (on BASIL's tight triplets complete linkage scores a higher
story-level ARI, 0.91 at 0.08, but keeps fewer same-event pairs together at every threshold).
``method="minhash"`` is for large corpora and near-duplicates only: datasketch ``MinHash`` (128
permutations, seed 1) over word 5-shingles, ``MinHashLSH`` at ``threshold`` for candidate pairs,
the estimated Jaccard as similarity for candidates (0 elsewhere; a ``scipy.sparse`` CSR matrix
when n > 2000), and connected components of pairs at or above ``threshold``. Independent reports
of one event share few 5-shingles (BASIL triplets: median Jaccard 0.008), so this path groups
copies and close rewrites, not independent coverage.

**Events.** Within a story, articles are clustered again by average linkage on event evidence,
merging while the mean evidence between two groups exceeds ``event_threshold``:

* evidence = text similarity + anchor similarity. Anchors are the specifics an event leaves in
  the text: dates written as month name + day (``March 17``, ``Jan. 9``, ``17 March``) or ISO
  (``2025-03-17``), multi-digit numbers other than years (``11,000``, ``26``), and proper-noun
  n-grams (runs of capitalised words, n ≤ 3; a sentence-initial word counts only if the corpus
  never writes it in lower case). Only rare anchors count — those in at most
  max(2, 5 % of the corpus) articles — and anchor similarity is the cosine (Ochiai overlap) of
  two articles' rare-anchor sets.
* publication dates, when both are known: more than ``MAX_EVENT_GAP_DAYS`` (7) days apart →
  different events, unless the texts are near-duplicates (similarity ≥ ``NEAR_DUPLICATE``);
  at most ``NEWS_CYCLE_DAYS`` (2) days apart → same news cycle, which adds ``event_threshold``
  to the evidence: being in one story and one news cycle is itself evidence of one event.

**Defaults** (``benchmarks/eval_stories.py`` prints the sweeps on BASIL, 100 events × 3
outlets): ``threshold=0.07`` for TF-IDF, the low end of the plateau where event-level ARI stays
≥ 0.95 (0.973 here): a story keeps 97 % of same-event pairs together, at the price of joining
events of one topic (story-level ARI 0.79), which the event layer separates again; below 0.06
stories turn into mixtures (purity ≤ 0.71). ``0.5`` for MinHash: a copy with one word in 15
changed estimates 0.57, one in 10 0.43. ``event_threshold=0.25``: on the seeds, which carry
almost no dates, 0.18–0.42 gives the reading of the texts; on BASIL with dates 0.20–0.40 give
event ARI 0.97–0.98, and with dates withheld 0.20 is best (0.87; 0.83 at 0.25).

**Limits.** Similarity is relative to the corpus: in a corpus of two or three articles the IDF
cannot discount anything, so page boilerplate left in the texts (a shared footer) makes them
alike; clean texts with ``framing.ingest`` first. Without publication dates, events rest on the
text alone.

Identifiers are deterministic: articles are processed in id order; stories are numbered
``story-001``… by their smallest article id, events ``story-001/e1``… likewise. The same corpus
in any order gives the same result.

>>> corpus = [StoryArticle("a", "Flood waters closed the Elm Street bridge in Dayton."),
...           StoryArticle("b", "Dayton reopened the Elm Street bridge after flood waters fell."),
...           StoryArticle("c", "The chess olympiad in Oslo ended with a win for India.")]
>>> cluster_stories(corpus).story_of
{'a': 'story-001', 'b': 'story-001', 'c': 'story-002'}
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Container, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

import numpy as np
from numpy.typing import NDArray

from framing.errors import ConfigError, InputError, ResourceMissingError
from framing.text.calendar import MONTHS, WEEKDAYS, iso_day

__all__ = [
    "MAX_EVENT_GAP_DAYS",
    "METHODS",
    "NEAR_DUPLICATE",
    "NEWS_CYCLE_DAYS",
    "Stories",
    "Story",
    "StoryArticle",
    "cluster_stories",
    "event_anchors",
]

Method = Literal["tfidf", "minhash"]
METHODS: tuple[str, ...] = ("tfidf", "minhash")
DEFAULT_THRESHOLD: dict[str, float] = {"tfidf": 0.07, "minhash": 0.5}
DEFAULT_EVENT_THRESHOLD = 0.25
NEAR_DUPLICATE = 0.8
MAX_EVENT_GAP_DAYS = 7
NEWS_CYCLE_DAYS = 2
RARE_ANCHOR_SHARE = 0.05
SHINGLE_WORDS = 5
NUM_PERM = 128
MINHASH_SEED = 1
DENSE_LIMIT = 2000

_MONTH = (
    r"(Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)
# Month names are matched capitalised only, so the modal verb "may 12" is not a date.
_MONTH_DAY = re.compile(_MONTH + r"\.?\s+(\d{1,2})(?:st|nd|rd|th)?\b(?![,:.]?\d)")
_DAY_MONTH = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTH + r"\b")
_ISO_DATE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_NUMBER = re.compile(
    r"(?<![\w.,])\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\w,])|(?<![\w.,])\d{2,}(?:\.\d+)?"
)
_YEAR = re.compile(r"(?:1[89]|20)\d\d")
_TOKEN = re.compile(r"[^\W\d_][\w'’\-]*|[.!?;:\"“”()]")
_SENTENCE_END = frozenset(".!?;:")
_LOWER_WORD = re.compile(r"\b[a-z][a-z'’\-]*\b")
_WORD = re.compile(r"\w+")
# Calendar words are capitalised but name no one; weekdays are shared by any two stories.
_CALENDAR = WEEKDAYS | MONTHS.keys() | {"mr", "mrs", "ms", "dr"}


# Words any news article uses whatever its topic: attribution and time. A large corpus's IDF
# discounts them anyway; a small one cannot, and two unrelated reports would look alike.
NEWS_STOP_WORDS = frozenset({
    "said", "says", "say", "saying", "told", "tell", "tells", "according", "report", "reports",
    "reported", "reporter", "reporters", "statement", "statements", "official", "officials",
    "spokesman", "spokeswoman", "spokesperson", "announced", "announcement", "added", "asked",
    "noted", "today", "yesterday", "tomorrow", "week", "weeks", "day", "days", "month", "months",
    "year", "years", "time", "times", "people", "news", "monday", "tuesday", "wednesday",
    "thursday", "friday", "saturday", "sunday"
})  # fmt: skip


@dataclass(frozen=True)
class StoryArticle:
    """One article to group: ``date`` is ISO ``YYYY-MM-DD`` (a longer ISO timestamp is cut to
    its date) or None when unknown; ``title`` joins the text for similarity."""

    id: str
    text: str
    title: str | None = None
    date: str | None = None
    outlet: str | None = None


@dataclass(frozen=True)
class Story:
    """A story (topic): its article ids (sorted) and the same-event groups inside it.

    ``events[k]`` is the event ``f"{id}/e{k + 1}"``; events are ordered by their first id.
    """

    id: str
    article_ids: list[str]
    events: list[list[str]]

    @property
    def event_ids(self) -> list[str]:
        return [f"{self.id}/e{k}" for k in range(1, len(self.events) + 1)]


@dataclass(frozen=True)
class Stories:
    """The grouping of a corpus.

    ``similarity[i, j]`` is the similarity of ``ids[i]`` and ``ids[j]`` (ids sorted): cosine for
    TF-IDF, estimated 5-shingle Jaccard for MinHash (0 for pairs LSH did not propose; a
    ``scipy.sparse`` CSR matrix when there are more than 2000 articles).
    """

    ids: list[str]
    story_of: dict[str, str]
    event_of: dict[str, str]
    stories: list[Story]
    similarity: Any
    method: str
    threshold: float
    event_threshold: float


def cluster_stories(
    articles: Sequence[StoryArticle],
    *,
    threshold: float | None = None,
    method: Method = "tfidf",
    event_threshold: float = DEFAULT_EVENT_THRESHOLD,
) -> Stories:
    """Group articles into stories and each story into events (rules in the module docstring).

    ``threshold`` defaults to the method's tuned value (0.07 cosine for ``"tfidf"``, 0.5
    Jaccard for ``"minhash"``).

    >>> result = cluster_stories([StoryArticle("x", "A lone report on a vote in Lima.")])
    >>> result.stories[0].events, result.event_of
    ([['x']], {'x': 'story-001/e1'})
    """
    if method not in METHODS:
        raise ConfigError(f"unknown story method {method!r}; valid: {', '.join(METHODS)}")
    story_threshold = DEFAULT_THRESHOLD[method] if threshold is None else threshold
    if not 0.0 < story_threshold <= 1.0:
        raise ConfigError(f"threshold must be in (0, 1], got {story_threshold}")
    if event_threshold <= 0.0:
        raise ConfigError(f"event_threshold must be positive, got {event_threshold}")
    ordered = sorted(articles, key=lambda a: a.id)
    duplicates = sorted(i for i, n in Counter(a.id for a in ordered).items() if n > 1)
    if duplicates:
        raise InputError(f"duplicate article ids: {', '.join(duplicates)}")
    days = [_day_number(a) for a in ordered]
    docs = [f"{a.title}\n\n{a.text}" if a.title else a.text for a in ordered]

    similarity: Any
    if method == "tfidf":
        dense = _tfidf_similarity(docs)
        groups = _average_linkage(1.0 - dense, 1.0 - story_threshold)
        similarity = dense
    else:
        similarity, groups = _minhash_stories(docs, story_threshold)

    anchors = _anchor_matrix(docs)
    ids = [a.id for a in ordered]
    stories: list[Story] = []
    width = max(3, len(str(len(groups))))
    for number, members in enumerate(sorted(groups, key=min), start=1):
        members = sorted(members)
        sub = _submatrix(similarity, members)
        anchor_sub = (anchors[members] @ anchors[members].T).toarray()
        events = _events(sub, anchor_sub, [days[i] for i in members], event_threshold)
        story_id = f"story-{number:0{width}d}"
        stories.append(
            Story(
                id=story_id,
                article_ids=[ids[i] for i in members],
                events=[[ids[members[k]] for k in event] for event in events],
            )
        )
    story_of = {a: s.id for s in stories for a in s.article_ids}
    event_of = {
        a: e for s in stories for e, ev in zip(s.event_ids, s.events, strict=True) for a in ev
    }
    return Stories(
        ids=ids,
        story_of=story_of,
        event_of=event_of,
        stories=stories,
        similarity=similarity,
        method=method,
        threshold=story_threshold,
        event_threshold=event_threshold,
    )


def event_anchors(text: str, lower_words: Container[str] = frozenset()) -> set[str]:
    """The event anchors of one text: ``date:MM-DD``, ``num:N`` and ``name:proper noun n-gram``.

    ``lower_words`` are words the corpus writes in lower case; a capitalised sentence-initial
    word among them is an ordinary word, not a name.

    >>> sorted(event_anchors("On March 17, Cho Tae-yul met Andrii Sybiha about 11,000 troops."))
    ['date:03-17', 'name:andrii', 'name:andrii sybiha', 'name:cho', 'name:cho tae-yul', \
'name:sybiha', 'name:tae-yul', 'num:11000']
    """
    anchors: set[str] = set()
    blanked = text
    for pattern, month_group, day_group in ((_MONTH_DAY, 1, 2), (_DAY_MONTH, 2, 1)):
        for match in pattern.finditer(text):
            day = int(match.group(day_group))
            if 1 <= day <= 31:
                month = MONTHS[match.group(month_group).lower()]
                anchors.add(f"date:{month:02d}-{day:02d}")
                blanked = _blank(blanked, match.start(), match.end())
    for match in _ISO_DATE.finditer(text):
        anchors.add(f"date:{match.group(2)}-{match.group(3)}")
        blanked = _blank(blanked, match.start(), match.end())
    for match in _NUMBER.finditer(blanked):
        number = match.group(0).replace(",", "")
        if not _YEAR.fullmatch(number):
            anchors.add(f"num:{number}")
    for run in _capitalised_runs(text, lower_words):
        for n in (1, 2, 3):
            for k in range(len(run) - n + 1):
                anchors.add("name:" + " ".join(run[k : k + n]).lower())
    return anchors


def _blank(text: str, start: int, end: int) -> str:
    """Spaces over ``[start, end)`` so the day of a date is not read again as a number."""
    return text[:start] + " " * (end - start) + text[end:]


def _capitalised_runs(text: str, lower: Container[str]) -> list[list[str]]:
    from sklearn.feature_extraction.text import (
        ENGLISH_STOP_WORDS,
    )

    runs: list[list[str]] = []
    run: list[str] = []
    sentence_start = True
    run_at_start = False

    def close() -> None:
        if run and run_at_start and run[0].lower() in lower:
            del run[0]
        if run:
            runs.append(list(run))
        run.clear()

    for token in _TOKEN.findall(text):
        if len(token) == 1 and not token.isalpha():
            close()
            sentence_start = sentence_start or token in _SENTENCE_END
            continue
        word = re.sub(r"['’]s$", "", token).strip("'’-")
        key = word.lower()
        if word[:1].isupper() and key not in ENGLISH_STOP_WORDS and key not in _CALENDAR:
            if not run:
                run_at_start = sentence_start
            run.append(word)
        else:
            close()
        sentence_start = False
    close()
    return runs


def _day_number(article: StoryArticle) -> int | None:
    """The article's day, or None when undated or dated in words ("May 2025", "yesterday"):
    one odd date must not stop the analysis of every other article (issue #20)."""
    day = iso_day(article.date)
    return None if day is None else date.fromisoformat(day).toordinal()


def _tfidf_similarity(docs: list[str]) -> NDArray[np.float64]:
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, TfidfVectorizer

    n = len(docs)
    vectorizer = TfidfVectorizer(
        ngram_range=(1, 2),
        sublinear_tf=True,
        stop_words=sorted(ENGLISH_STOP_WORDS | NEWS_STOP_WORDS),
        min_df=1,
    )
    try:
        matrix = vectorizer.fit_transform(docs)
    except ValueError:  # no document has a single non-stop word
        return np.eye(n)
    similarity = np.asarray((matrix @ matrix.T).toarray(), dtype=np.float64)
    np.clip(similarity, 0.0, 1.0, out=similarity)
    np.fill_diagonal(similarity, 1.0)
    return similarity


def _average_linkage(distance: NDArray[np.float64], cut: float) -> list[list[int]]:
    """Average-linkage groups of indices, merged while the mean distance is below ``cut``."""
    n = distance.shape[0]
    if n < 2:
        return [[i] for i in range(n)]
    from sklearn.cluster import AgglomerativeClustering

    labels = AgglomerativeClustering(
        metric="precomputed", linkage="average", distance_threshold=cut, n_clusters=None
    ).fit_predict(distance)
    return _groups(labels)


def _groups(labels: Iterable[int]) -> list[list[int]]:
    groups: dict[int, list[int]] = {}
    for index, label in enumerate(labels):
        groups.setdefault(int(label), []).append(index)
    return sorted(groups.values(), key=min)


def _shingles(doc: str) -> set[bytes]:
    words = _WORD.findall(doc.lower())
    if len(words) < SHINGLE_WORDS:
        return {" ".join(words).encode()} if words else set()
    return {
        " ".join(words[k : k + SHINGLE_WORDS]).encode()
        for k in range(len(words) - SHINGLE_WORDS + 1)
    }


def _minhash_stories(docs: list[str], threshold: float) -> tuple[Any, list[list[int]]]:
    try:
        from datasketch import MinHash, MinHashLSH
    except ImportError as exc:
        raise ResourceMissingError(
            "the minhash story method needs datasketch: pip install datasketch"
        ) from exc
    from scipy.sparse import coo_matrix, csr_matrix
    from scipy.sparse.csgraph import connected_components

    n = len(docs)
    lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
    signatures: dict[int, Any] = {}
    for index, doc in enumerate(docs):
        shingles = _shingles(doc)
        if not shingles:  # an empty signature would look identical to every other empty one
            continue
        signature = MinHash(num_perm=NUM_PERM, seed=MINHASH_SEED)
        signature.update_batch(sorted(shingles))
        signatures[index] = signature
        lsh.insert(index, signature)
    rows: list[int] = list(range(n))
    cols: list[int] = list(range(n))
    values: list[float] = [1.0] * n
    edges_i: list[int] = []
    edges_j: list[int] = []
    for i, signature in signatures.items():
        for j in sorted(lsh.query(signature)):
            if j <= i:
                continue
            estimate = float(signature.jaccard(signatures[j]))
            rows += [i, j]
            cols += [j, i]
            values += [estimate, estimate]
            if estimate >= threshold:
                edges_i.append(i)
                edges_j.append(j)
    similarity = csr_matrix(coo_matrix((values, (rows, cols)), shape=(n, n)), dtype=np.float64)
    graph = coo_matrix((np.ones(len(edges_i)), (edges_i, edges_j)), shape=(n, n))
    _, labels = connected_components(graph, directed=False)
    dense_or_sparse: Any = similarity if n > DENSE_LIMIT else similarity.toarray()
    return dense_or_sparse, _groups(labels)


def _submatrix(similarity: Any, members: list[int]) -> NDArray[np.float64]:
    if isinstance(similarity, np.ndarray):
        return np.asarray(similarity[np.ix_(members, members)], dtype=np.float64)
    return np.asarray(similarity[members][:, members].toarray(), dtype=np.float64)


def _anchor_matrix(docs: list[str]) -> Any:
    """Rows: L2-normalised indicator vectors of each document's rare anchors (CSR)."""
    from scipy.sparse import csr_matrix

    lower: set[str] = set()
    for doc in docs:
        lower.update(_LOWER_WORD.findall(doc))
    per_doc = [event_anchors(doc, lower) for doc in docs]
    frequency = Counter(a for anchors in per_doc for a in anchors)
    cap = max(2, math.ceil(RARE_ANCHOR_SHARE * len(docs)))
    vocabulary: dict[str, int] = {}
    rows: list[int] = []
    cols: list[int] = []
    values: list[float] = []
    for index, anchors in enumerate(per_doc):
        rare = sorted(a for a in anchors if frequency[a] <= cap)
        for anchor in rare:
            rows.append(index)
            cols.append(vocabulary.setdefault(anchor, len(vocabulary)))
            values.append(1.0 / math.sqrt(len(rare)))
    return csr_matrix((values, (rows, cols)), shape=(len(docs), max(1, len(vocabulary))))


def _events(
    similarity: NDArray[np.float64],
    anchors: NDArray[np.float64],
    days: list[int | None],
    event_threshold: float,
) -> list[list[int]]:
    """Same-event groups (indices into the story) by average linkage on event evidence."""
    m = similarity.shape[0]
    if m < 2:
        return [[0]] if m else []
    evidence = similarity + anchors
    ceiling = 2.0 + event_threshold
    day = np.array([np.nan if d is None else float(d) for d in days])
    gap = np.abs(day[:, None] - day[None, :])  # NaN where either date is unknown
    evidence[gap <= NEWS_CYCLE_DAYS] += event_threshold
    cannot = (gap > MAX_EVENT_GAP_DAYS) & (similarity < NEAR_DUPLICATE)
    distance = np.clip(ceiling - evidence, 0.0, None)
    # Large enough that any average including it exceeds the cut: a date-separated pair
    # never ends up in one event.
    distance[cannot] = (ceiling + 1.0) * m * m
    np.fill_diagonal(distance, 0.0)
    return _average_linkage(distance, ceiling - event_threshold)
