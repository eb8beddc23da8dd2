"""Frames against SemEval-2023 Task 3 policy-frame codes (Piskorski et al. 2023), English dev half.

Each article carries several of the 14 Policy Frames Codebook frames (Boydstun et al. 2014).
For each of our constructs, the ROC AUC of its rate for the frame(s) it stands for, on the whole
folder and on two fixed halves: the ``tuned`` half (the lexicon's rules were checked against it)
and the ``held-out`` half (reported, never looked at while writing rules). Halves come from the
article id's SHA-256 (first byte even: tuned), because every id in the folder is even. Beside
each construct: the base rate and a supervised TF-IDF logistic-regression baseline,
cross-validated with a fixed seed. Topics (war, COVID-19, migration, climate) are not in the
corpus's metadata; they are derived from each article's own words by a fixed keyword rule
(:func:`topic_of`).
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from framing.document import Document
from framing.evaluate.data import eval_dir, read_dataset, require
from framing.evaluate.metrics import roc_auc
from framing.evaluate.results import Dataset, Figure, Table
from framing.score import ArticleScore, get_engine

DATASET = "semeval23-en-dev"
#: Seed of the TF-IDF baseline's folds.
SEED = 20230101
FOLDS = 5
#: A topic row shows an AUC only when it has this many articles of each class.
MIN_CLASS = 3


@dataclass(frozen=True)
class Construct:
    key: str
    label: str
    frames: frozenset[str]
    score: Callable[[ArticleScore], float]


def _rate(*metrics: str) -> Callable[[ArticleScore], float]:
    def get(s: ArticleScore) -> float:
        return sum(float(s.metrics[m]) for m in metrics)

    return get


def _welfare(s: ArticleScore) -> float:
    """Human cost + aid and protection + health per 1,000 words (humanitarian without its
    rights-and-law sub-construct, which the codebook files under Fairness and Legality)."""
    n = sum(
        1
        for e in s.evidence
        if e.family == "frames"
        and (
            e.category == "health"
            or (e.category == "humanitarian" and "(rights_law)" not in e.note)
        )
    )
    words = float(s.metrics["words"])
    return 1000 * n / words if words else float("nan")


QOL_HEALTH = frozenset({"Quality_of_life", "Health_and_safety"})
CONSTRUCTS = (
    Construct(
        "strategic",
        "strategic_per_1000_words -> Security_and_defense",
        frozenset({"Security_and_defense"}),
        _rate("strategic_per_1000_words"),
    ),
    Construct(
        "humanitarian",
        "humanitarian_per_1000_words -> Quality_of_life or Health_and_safety",
        QOL_HEALTH,
        _rate("humanitarian_per_1000_words"),
    ),
    Construct(
        "humanitarian_health",
        "humanitarian + health per 1,000 words -> Quality_of_life or Health_and_safety",
        QOL_HEALTH,
        _rate("humanitarian_per_1000_words", "health_per_1000_words"),
    ),
    Construct(
        "welfare",
        "human cost + aid + health per 1,000 words (humanitarian without rights_law, plus "
        "health) -> Quality_of_life or Health_and_safety",
        QOL_HEALTH,
        _welfare,
    ),
    Construct(
        "political_conflict",
        "political_conflict_per_1000_words -> Political",
        frozenset({"Political"}),
        _rate("political_conflict_per_1000_words"),
    ),
    Construct(
        "crime_justice",
        "crime_justice_per_1000_words -> Crime_and_punishment",
        frozenset({"Crime_and_punishment"}),
        _rate("crime_justice_per_1000_words"),
    ),
    Construct(
        "health",
        "health_per_1000_words -> Health_and_safety",
        frozenset({"Health_and_safety"}),
        _rate("health_per_1000_words"),
    ),
)

#: Topic -> keyword patterns (lower-cased word starts); the topic with most hits (>= 2) wins.
TOPICS: dict[str, tuple[str, ...]] = {
    "war": ("ukrain", "russia", "putin", "kremlin", "zelensk", "kyiv", "kiev", "donbas"),
    "covid": ("covid", "coronavirus", "pandemic", "sars-cov", "lockdown", "vaccin"),
    "migration": ("migra", "immigra", "refugee", "asylum", "deport", "illegal alien"),
    "climate": ("climate", "global warming", "emission", "carbon", "greenhouse", "fossil"),
}
TOPIC_MIN_HITS = 2


def half_of(article_id: str) -> str:
    """``"tuned"`` or ``"held-out"`` from the first byte of the id's SHA-256 (even: tuned).

    >>> half_of("111111112"), half_of("111111114")
    ('held-out', 'tuned')
    """
    return "tuned" if hashlib.sha256(article_id.encode()).digest()[0] % 2 == 0 else "held-out"


def topic_of(text: str) -> str:
    """The topic whose keywords start the most words of ``text`` (at least
    :data:`TOPIC_MIN_HITS`), else ``"other"``; ties go to the first topic listed."""
    low = text.lower()
    hits = {
        t: sum(len(re.findall(r"\b" + re.escape(k), low)) for k in keys)
        for t, keys in TOPICS.items()
    }
    best = max(hits, key=lambda t: hits[t])
    return best if hits[best] >= TOPIC_MIN_HITS else "other"


@dataclass(frozen=True)
class CodedArticle:
    id: str
    text: str
    frames: frozenset[str]


def read_semeval(folder: Path) -> list[CodedArticle]:
    out = []
    for line in (folder / "labels.txt").read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        aid, _, codes = line.partition("\t")
        text = (folder / "articles" / f"article{aid}.txt").read_text(encoding="utf-8-sig")
        out.append(CodedArticle(aid, text, frozenset(c for c in codes.split(",") if c)))
    return sorted(out, key=lambda a: a.id)


def tfidf_oof(texts: Sequence[str], labels: Sequence[bool]) -> list[float]:
    """Out-of-fold probabilities of a TF-IDF (1-2 grams) logistic regression, stratified
    ``FOLDS``-fold with :data:`SEED`; NaN when a class has fewer than ``FOLDS`` articles."""
    if min(sum(labels), len(labels) - sum(labels)) < FOLDS:
        return [float("nan")] * len(texts)
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import StratifiedKFold, cross_val_predict
    from sklearn.pipeline import make_pipeline

    model = make_pipeline(
        TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True),
        LogisticRegression(max_iter=2000, class_weight="balanced"),
    )
    folds = StratifiedKFold(n_splits=FOLDS, shuffle=True, random_state=SEED)
    proba = cross_val_predict(model, list(texts), list(labels), cv=folds, method="predict_proba")
    return [float(p) for p in proba[:, 1]]


def _auc(idx: Sequence[int], labels: Sequence[bool], scores: Sequence[float]) -> float:
    return roc_auc([labels[i] for i in idx], [scores[i] for i in idx])


def evaluate_semeval(
    data: str | Path | None, command: str, feature: str = "frames", *, baseline: bool = True
) -> tuple[list[Figure], list[Table], list[str], Dataset]:
    """Figures, the construct and topic tables, notes and the dataset of the SemEval check
    (``baseline``: also the cross-validated TF-IDF baseline, the slow part)."""
    folder = require(eval_dir(data) / DATASET, "SemEval-2023 dev corpus")
    articles = read_semeval(folder)
    engine = get_engine("blank")
    scores = list(
        engine.score_documents(
            Document(text=a.text, source=a.id, raw_chars=len(a.text)) for a in articles
        )
    )
    halves = [half_of(a.id) for a in articles]
    topics = [topic_of(a.text) for a in articles]
    everyone = range(len(articles))
    tuned = [i for i in everyone if halves[i] == "tuned"]
    held = [i for i in everyone if halves[i] == "held-out"]
    texts = [a.text for a in articles]
    n = len(articles)

    def fig(name: str, label: str, value: float, k: int, checked: bool = True) -> Figure:
        return Figure(f"{feature}.semeval.{name}", label, value, k, checked, DATASET, command)

    figures: list[Figure] = []
    rows = []
    topic_rows = []
    baselines: dict[frozenset[str], list[float]] = {}
    for c in CONSTRUCTS:
        labels = [bool(a.frames & c.frames) for a in articles]
        values = [c.score(s) for s in scores]
        if c.frames not in baselines:
            baselines[c.frames] = (
                tfidf_oof(texts, labels) if baseline else [float("nan")] * len(texts)
            )
        base = baselines[c.frames]
        all_auc, t_auc, h_auc = (_auc(ix, labels, values) for ix in (everyone, tuned, held))
        b_all, b_held = _auc(everyone, labels, base), _auc(held, labels, base)
        rate = sum(labels) / n
        figures += [
            fig(f"{c.key}.auc", f"SemEval dev: ROC AUC of {c.label}", all_auc, n),
            fig(f"{c.key}.auc_tuned", f"{c.label}, tuned half", t_auc, len(tuned), False),
            fig(f"{c.key}.auc_heldout", f"{c.label}, held-out half", h_auc, len(held)),
            fig(
                f"{c.key}.base_rate",
                f"share of articles coded {'/'.join(sorted(c.frames))}",
                rate,
                n,
                False,
            ),
            fig(
                f"{c.key}.tfidf_auc",
                f"TF-IDF logistic regression ({FOLDS}-fold CV) for {'/'.join(sorted(c.frames))}",
                b_all,
                n,
                False,
            ),
        ]
        rows.append(
            (
                c.label,
                f"{rate:.2f}",
                f"{all_auc:.3f}",
                f"{t_auc:.3f}",
                f"{h_auc:.3f}",
                f"{b_all:.3f}",
                f"{b_held:.3f}",
            )
        )
        cells = []
        for topic in (*TOPICS, "other"):
            ix = [i for i in everyone if topics[i] == topic]
            pos = sum(labels[i] for i in ix)
            ok = min(pos, len(ix) - pos) >= MIN_CLASS
            cells.append(
                f"{_auc(ix, labels, values):.2f} ({pos}/{len(ix)})"
                if ok
                else f"— ({pos}/{len(ix)})"
            )
        topic_rows.append((c.key, *cells))
    counts = Counter(topics)
    tables = [
        Table(
            "SemEval-2023 dev (English): ROC AUC per construct, with base rate and a TF-IDF "
            "baseline",
            (
                "construct -> frame(s)",
                "base rate",
                "AUC all",
                "AUC tuned half",
                "AUC held-out half",
                "TF-IDF AUC all",
                "TF-IDF AUC held-out",
            ),
            tuple(rows),
            f"{len(tuned)} articles in the tuned half, {len(held)} held out. The TF-IDF "
            f"baseline is supervised: a logistic regression on word and bigram TF-IDF, "
            f"{FOLDS}-fold stratified cross-validation (seed {SEED}), out-of-fold "
            "probabilities; the lexicon rates are not trained on these labels.",
        ),
        Table(
            "SemEval-2023 dev: ROC AUC per derived topic (positives/articles in brackets)",
            ("construct", *(f"{t} ({counts[t]})" for t in (*TOPICS, "other"))),
            tuple(topic_rows),
            "Topic is not in the corpus's metadata. It is derived from each article's words: "
            "the topic whose keywords start the most words (at least "
            f"{TOPIC_MIN_HITS}), else 'other'. Keywords: "
            + "; ".join(f"{t}: {', '.join(k)}" for t, k in TOPICS.items())
            + f". An AUC needs {MIN_CLASS} articles of each class.",
        ),
    ]
    notes = [
        f"SemEval-2023 Task 3 dev half ({n} English articles, 14 policy frames). Halves are "
        "fixed by the SHA-256 of the article id (first byte even: the tuned half; odd: "
        "held out). Lexicon rules were written from the codebooks first and checked only "
        "on the tuned half; the held-out figures are the ones the targets read.",
    ]
    return figures, tables, notes, read_dataset(folder, DATASET)
