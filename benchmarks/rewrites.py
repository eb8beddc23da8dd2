"""Constructed rewrites of real articles, for calibrating alignment and planting changes.

Shared by ``calibrate_alignment.py`` and ``eval_changes.py``. A rewrite is built from the
sentences of a source article: each sentence is kept, paraphrased without changing what it
says (reporting verbs swapped, an attribution moved to the front, a connective added or
dropped, an appositive cut, a few function words changed), or dropped; a few sentences of an
unrelated article are inserted; neighbours are swapped now and then. ``truth[r]`` is the
source sentence rewrite sentence ``r`` renders (None for inserted ones). Nothing here is
stored: the texts are read from ``../shared/eval/`` (or ``$FRAMING_EVAL_DIR``) at run time.

Halves: BASIL events are split by the sorted order of their triplet ids; even positions are
the *tune* half, odd positions the *report* half.
"""

from __future__ import annotations

import json
import os
import random
import re
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EVAL = Path(os.environ.get("FRAMING_EVAL_DIR", ROOT.parent / "shared" / "eval"))
BASIL = EVAL / "basil"
POLNEAR = EVAL / "polnear"

_SPLIT = re.compile(r"(?:(?<=[.!?])|(?<=[.!?][\"”’)]))\s+(?=[\"“‘(]?[A-Z0-9])")

#: reporting verbs and connectives a rewrite swaps without changing a claim
SWAPS = (
    (" said ", " stated "),
    (" told ", " said to "),
    (" However, ", " But "),
    ("However, ", "But "),
    (" also ", " "),
    (" because ", " as "),
    (" in order to ", " to "),
    (" approximately ", " about "),
    (" lawmakers ", " legislators "),
    (" Thursday", " on Thursday"),
    (" announced ", " said "),
    (" a number of ", " several "),
    (" but ", " although "),
    (" among ", " amid "),
)
CONNECTIVES = ("Meanwhile, ", "In addition, ", "At the same time, ", "Separately, ")
_TRAILING_SAID = re.compile(
    r"^(?P<claim>[^\"“”]{20,}?), (?P<who>(?:[A-Z][\w.’'-]+ ?){1,4}) said\.$"
)
_APPOSITIVE = re.compile(r", (?:who|which) [^,\"“”]{5,80}, ")


@dataclass(frozen=True)
class Article:
    id: str
    event: str
    sentences: list[str]


_ABBREVIATION = re.compile(r"\b(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|Lt|Col|St|Jr|Sr|U\.S|[A-Z])\.$")


def split_sentences(text: str) -> list[str]:
    out: list[str] = []
    for piece in _SPLIT.split(text):
        piece = piece.strip()
        if out and _ABBREVIATION.search(out[-1]):
            out[-1] += " " + piece
        elif len(piece) > 1:
            out.append(piece)
    return out


def load_basil(half: str) -> list[Article]:
    """BASIL articles of one half (``tune``: even events, ``report``: odd, ``all``)."""
    paths = sorted((BASIL / "articles").glob("*/*.json"))
    events = sorted({p.stem.rsplit("_", 1)[0] for p in paths})
    keep = {e for k, e in enumerate(events) if half == "all" or (k % 2 == 0) == (half == "tune")}
    out = []
    for p in paths:
        event = p.stem.rsplit("_", 1)[0]
        if event not in keep:
            continue
        record = json.loads(p.read_text(encoding="utf-8"))
        text = "\n\n".join(" ".join(par) for par in record["body-paragraphs"])
        sents = split_sentences(text.replace("\n\n", " "))
        if len(sents) >= 6:
            out.append(Article(p.stem, event, sents))
    return out


def paraphrase(sentence: str, rng: random.Random) -> str:
    """``sentence`` reworded without changing its facts, quotes or attribution."""
    s = sentence
    m = _TRAILING_SAID.match(s)
    if m and rng.random() < 0.6:
        claim = m.group("claim")
        first = claim.split(" ", 1)[0].lower()
        claim = claim[0].lower() + claim[1:] if first in _COMMON_OPENERS else claim
        s = f"{m.group('who')} said {claim}."
    # swaps only outside quotation marks
    parts = re.split(r"([\"“][^\"”]*[\"”])", s)
    for k in range(0, len(parts), 2):
        for a, b in SWAPS:
            if a in parts[k] and rng.random() < 0.7:
                parts[k] = parts[k].replace(a, b, 1)
        if _APPOSITIVE.search(parts[k]) and rng.random() < 0.5:
            parts[k] = _APPOSITIVE.sub(" ", parts[k], count=1)
        if rng.random() < 0.5:
            parts[k] = _condense(parts[k], rng)
    s = "".join(parts)
    if rng.random() < 0.25 and s[:1].isupper() and not s.startswith(('"', "“")):
        first = s.split(" ", 1)[0]
        lowered = s[0].lower() + s[1:] if first.lower() in _COMMON_OPENERS else s
        s = rng.choice(CONNECTIVES) + lowered
    return s


_COMMON_OPENERS = {
    "the",
    "a",
    "an",
    "it",
    "this",
    "that",
    "these",
    "those",
    "he",
    "she",
    "they",
    "we",
    "in",
    "on",
    "at",
    "but",
    "and",
    "as",
    "for",
    "after",
    "before",
    "when",
    "while",
    "there",
    "its",
}
_PROTECTED = re.compile(
    r"\d|^[A-Z]|^(?:not|no|never|nor|without|said|told|says|say|according|to|stated|added|"
    r"noted|claimed|reported|reportedly|announced|may|might|could|would|should|can|must|will|"
    r"allegedly|possibly|likely|perhaps|apparently|probably|seemingly|suggest\w*|appear\w*|"
    r"seem\w*|believ\w*|estimat\w*|about|around|nearly|almost|some|approximately|roughly|"
    r"over|under|more|less|than|least|most|up)$",
    re.IGNORECASE,
)
_QUOTE_MARKS = re.compile(r"[\"“”]")


def quoted_flags(sentences: list[str]) -> list[bool]:
    """Per sentence: does it hold or continue a direct quote (quotation marks in it, or an
    open quote carried over from an earlier sentence)? Paraphrase leaves those alone."""
    out, open_quote = [], False
    for s in sentences:
        marks = _QUOTE_MARKS.findall(s)
        out.append(open_quote or bool(marks))
        for m in marks:
            open_quote = {"“": True, "”": False}.get(m, not open_quote)
    return out


def _condense(text: str, rng: random.Random) -> str:
    """A heavier rewording: about a quarter of the ordinary words outside quotes dropped and,
    now and then, two comma-separated clauses swapped (names, numbers and negations kept)."""
    words = text.split(" ")
    kept = [w for w in words if _PROTECTED.search(w) or not w.isalpha() or rng.random() > 0.25]
    out = " ".join(kept)
    clauses = out.split(", ")
    if len(clauses) == 2 and min(len(c) for c in clauses) > 15 and rng.random() < 0.3:
        end = clauses[1][-1:] if clauses[1][-1:] in ".!?" else ""
        out = f"{clauses[1].rstrip('.!?')}, {clauses[0]}{end}"
    return out


def construct(
    source: list[str], rng: random.Random, filler: list[str], *, drop: float = 0.15
) -> tuple[list[str], list[int | None]]:
    """A rewrite of ``source`` (paraphrases, drops, ``filler`` sentences inserted, neighbour
    swaps) and, per rewrite sentence, the source sentence it renders."""
    out: list[str] = []
    truth: list[int | None] = []
    quoted = quoted_flags(source)
    for k, sentence in enumerate(source):
        if rng.random() < drop:
            continue
        out.append(paraphrase(sentence, rng) if rng.random() < 0.8 and not quoted[k] else sentence)
        truth.append(k)
        if filler and rng.random() < 0.1:
            out.append(rng.choice(filler))
            truth.append(None)
    for k in range(len(out) - 1):
        if rng.random() < 0.08:
            out[k], out[k + 1] = out[k + 1], out[k]
            truth[k], truth[k + 1] = truth[k + 1], truth[k]
    if len(out) > 8 and rng.random() < 0.5:  # aggregators move whole paragraphs
        a = rng.randrange(len(out) - 3)
        b = a + rng.randint(2, 4)
        block, block_truth = out[a:b], truth[a:b]
        del out[a:b], truth[a:b]
        at = rng.randrange(len(out) + 1)
        out[at:at] = block
        truth[at:at] = block_truth
    return out, truth
