"""Sentence alignment between a source article and a rewrite of it.

Each rewrite sentence is mapped to the source sentence(s) it renders, with a similarity, or
marked ``added``; each source sentence is ``kept`` (near verbatim), ``paraphrased``, ``merged``
(it and another source sentence became one rewrite sentence), ``split`` (it became several) or
``dropped``.

Similarity is the cosine of TF-IDF vectors over content-word stems (stop words out, a light
suffix stripper in) fitted on the two articles' sentences, so shared rare words ("Chosun",
"persecution") weigh more than shared common ones. A pair counts when the cosine reaches
``threshold`` *and* the sentences share at least ``min_shared`` content stems that are not
story words (stems in more than 30 % of both articles' sentences): sharing "North Korean
soldier" is not an alignment. ``kept`` needs a word-sequence ratio of 0.85 (difflib). A second
source sentence joins a rewrite sentence as *merged* when it also passes and at least half of its
content stems reappear in the rewrite sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher

import numpy as np
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, TfidfVectorizer

THRESHOLD = 0.25
MIN_SHARED = 3
KEPT_RATIO = 0.85
MERGE_COVERAGE = 0.5
COMMON_SHARE = 0.3
_WORD = re.compile(r"[A-Za-z0-9]+(?:['’][A-Za-z]+)?")
_SUFFIXES = ("ations", "ation", "ings", "ing", "ies", "ied", "ed", "es", "ly", "al", "s")


def stem(word: str) -> str:
    """A light, deterministic suffix stripper: enough to match 'captured'/'capture'."""
    w = word.lower().replace("’", "'").split("'")[0]
    for _ in range(2):  # "constitutionally" -> "constitutional" -> "constitution"
        for suf in _SUFFIXES:
            if len(w) > len(suf) + 3 and w.endswith(suf):
                w = w[: -len(suf)]
                break
    return w


def content_stems(text: str) -> list[str]:
    return [stem(w) for w in _WORD.findall(text) if w.lower() not in ENGLISH_STOP_WORDS]


def _words(text: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(text)]


def word_ratio(a: str, b: str) -> float:
    """How alike two sentences are as word sequences (difflib ratio over words)."""
    return SequenceMatcher(None, _words(a), _words(b), autojunk=False).ratio()


@dataclass
class Alignment:
    """The alignment of a rewrite to its source, sentence by sentence."""

    source: list[str]
    rewrite: list[str]
    similarity: np.ndarray
    rewrite_to: list[list[int]] = field(default_factory=list)  # per rewrite sentence
    rewrite_label: list[str] = field(default_factory=list)
    source_label: list[str] = field(default_factory=list)

    @property
    def coverage(self) -> float:
        """Share of rewrite sentences that render some source sentence."""
        if not self.rewrite:
            return float("nan")
        return sum(1 for x in self.rewrite_to if x) / len(self.rewrite)

    @property
    def source_coverage(self) -> float:
        """Share of source sentences that survive in the rewrite."""
        if not self.source:
            return float("nan")
        return sum(1 for lab in self.source_label if lab != "dropped") / len(self.source)

    def pairs(self) -> list[tuple[int, int, float]]:
        """(rewrite index, source index, similarity) for every aligned pair."""
        return [
            (r, s, float(self.similarity[r, s]))
            for r, srcs in enumerate(self.rewrite_to)
            for s in srcs
        ]


def _needed(min_shared: int, a: set[str], b: set[str]) -> int:
    """Shared stems required: ``min_shared``, or half the shorter sentence's, if fewer."""
    return max(1, min(min_shared, -(-min(len(a), len(b)) // 2)))


def _common(sets: list[set[str]], share: float = COMMON_SHARE) -> set[str]:
    counts: dict[str, int] = {}
    for x in sets:
        for w in x:
            counts[w] = counts.get(w, 0) + 1
    return {w for w, c in counts.items() if len(sets) >= 4 and c / len(sets) > share}


def similarity_matrix(source: list[str], rewrite: list[str]) -> np.ndarray:
    """Cosine similarity (rewrite x source) of content-stem TF-IDF vectors."""
    if not source or not rewrite:
        return np.zeros((len(rewrite), len(source)))
    vec = TfidfVectorizer(analyzer=content_stems, sublinear_tf=True, norm="l2")
    try:
        m = vec.fit_transform(source + rewrite)
    except ValueError:  # no content words at all
        return np.zeros((len(rewrite), len(source)))
    src, rw = m[: len(source)], m[len(source) :]
    return np.asarray((rw @ src.T).todense())


def align(
    source: list[str],
    rewrite: list[str],
    *,
    threshold: float = THRESHOLD,
    min_shared: int = MIN_SHARED,
) -> Alignment:
    """Align rewrite sentences to source sentences (see the module docstring)."""
    sim = similarity_matrix(source, rewrite)
    src_sets = [set(content_stems(s)) for s in source]
    rw_sets = [set(content_stems(r)) for r in rewrite]
    # words of the story itself ("north", "korean", "soldier") are in most sentences of both
    # articles: sharing them says nothing about which sentence renders which
    everywhere = _common(src_sets) & _common(rw_sets)
    src_sets = [x - everywhere for x in src_sets]
    rw_sets = [x - everywhere for x in rw_sets]
    out = Alignment(source, rewrite, sim)
    for r in range(len(rewrite)):
        cands = [
            s
            for s in np.argsort(-sim[r], kind="stable")
            if sim[r, s] >= threshold
            and len(rw_sets[r] & src_sets[s]) >= _needed(min_shared, rw_sets[r], src_sets[s])
        ]
        chosen: list[int] = []
        if cands:
            chosen.append(int(cands[0]))
            for s in cands[1:]:
                covered = len(src_sets[s] & rw_sets[r]) / max(1, len(src_sets[s]))
                if covered >= MERGE_COVERAGE:
                    chosen.append(int(s))
        out.rewrite_to.append(sorted(chosen))
        if not chosen:
            out.rewrite_label.append("added")
        elif len(chosen) > 1:
            out.rewrite_label.append("merged")
        elif word_ratio(rewrite[r], source[chosen[0]]) >= KEPT_RATIO:
            out.rewrite_label.append("kept")
        else:
            out.rewrite_label.append("paraphrased")
    for s in range(len(source)):
        users = [r for r, srcs in enumerate(out.rewrite_to) if s in srcs]
        if not users:
            out.source_label.append("dropped")
        elif any(out.rewrite_label[r] == "merged" for r in users):
            out.source_label.append("merged")
        elif len(users) > 1:
            out.source_label.append("split")
        else:
            out.source_label.append(out.rewrite_label[users[0]])
    return out
