"""Planted-change benchmark: known edits in real articles, and what ``framing diff`` finds.

    .venv/bin/python benchmarks/eval_changes.py [--articles N] [--half report|tune|all]

Articles: BASIL (``../shared/eval/basil``, the half of events chosen) and PolNeAR dev
(``../shared/eval/polnear/data/dev/text``, odd-numbered files for ``report``, even for
``tune``); never copied. For each article a rewrite is built by paraphrase alone
(``benchmarks/rewrites.py``: reporting verbs swapped, attributions moved to the front,
connectives, words dropped outside quotes — names, numbers, hedges, negations and attribution
words kept), and then, one kind at a time, ONE known edit is planted in one sentence:

* ``count``: a count's number changed (1,800 -> 2,300), its approximator kept;
* ``date``: the day of a date moved by two;
* ``quote_altered``: a word inside a direct quote deleted;
* ``quote_indirect``: '"Q," X said.' turned into 'X said that q.' (pronouns shifted);
* ``attribution_stripped``: ', X said.' or 'According to X, ' cut from a sentence the source
  attributes;
* ``attribution_downgraded``: a named speaker replaced by 'an official';
* ``hedge_added``: 'reportedly' put after the verb be, or 'will' turned into 'may';
* ``hedge_removed``: a one-word hedge the source has ('may', 'reportedly', ...) removed;
* ``commentary``: a sentence of the pool below inserted;
* ``paraphrase``: nothing planted (every claim is false).

A planted edit is *found* when the diff (blank engine) reports a change of the expected kind
whose span overlaps the edited sentence (on either side). Per kind: recall = found / planted;
precision = claims of that kind that are planted edits / all claims of that kind, over every
rewrite of the run (so a count claim on a paraphrase-only rewrite counts against ``count``).
Claims of another kind on the edited sentence itself are set aside, not counted false: turning
a quote into indirect speech also un-quotes its hedges.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from rewrites import (
    BASIL,
    POLNEAR,
    Article,
    load_basil,
    paraphrase,
    quoted_flags,
    split_sentences,
)

from framing.rewrite.changes import RewriteDiff, diff_scores
from framing.rewrite.numbers import extract_quantities
from framing.score import ArticleScore, Engine, get_engine

#: inserted opinion: no names, numbers or sources; written for this benchmark
COMMENTARY = (
    "The episode shows once again how little accountability there is at the top.",
    "As always, ordinary people are left to pay for a reckless decision.",
    "It is a shameful spectacle that should trouble anyone who cares about fairness.",
    "Predictably, the whole affair has descended into chaos.",
    "This is yet another sign of a system that has utterly lost its way.",
    "The decision is a stark reminder of how fragile these arrangements are.",
    "Once again, the loudest voices are drowning out common sense.",
    "It is hard to imagine a more cynical move.",
    "The outcome was a debacle that was entirely avoidable.",
    "Sadly, the same mistakes are being repeated time and again.",
    "Such brazen posturing does nothing to solve the real problem.",
    "The result is a farce that insults the public's intelligence.",
)

EXPECTED: dict[str, set[tuple[str, str]]] = {
    "count": {("number", "changed")},
    "date": {("date", "changed")},
    "quote_altered": {("quote", "altered")},
    "quote_indirect": {("quote", "indirect"), ("quote", "quotation_marks_lost")},
    "attribution_stripped": {("attribution", "stripped")},
    "attribution_downgraded": {("attribution", "downgraded")},
    "hedge_added": {("hedging", "added")},
    "hedge_removed": {("hedging", "removed")},
    "commentary": {("commentary", "inserted")},
    "paraphrase": set(),
}
KINDS = tuple(EXPECTED)
_QUOTE_SAID = re.compile(
    r"^[\"“](?P<q>[^\"“”]{15,}?)[,.]?[\"”],? "
    r"(?P<who>(?:[A-Z][\w.’'-]+ ?){1,4}) (?P<v>said|says|told reporters)\.$"
)
_TRAILING = re.compile(
    r"^(?P<claim>[^\"“”]{20,}?), (?P<who>(?:[\w.’'-]+ ){0,5}?[\w.’'-]+) (?:said|says)\.$"
)
_ACCORDING = re.compile(r"^According to (?P<who>[^,]{3,60}), (?P<rest>.+)$")
_NAMED = re.compile(r", (?P<who>[A-Z][a-z]+ [A-Z][a-z]+(?: [A-Z][a-z]+)?) (?P<v>said|says|told)\b")
_LEADING_NAMED = re.compile(
    r"^(?:(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov)\. )?[A-Z][a-z]+(?: [A-Z][a-z]+){0,2} (?P<v>said|says|told)\b"
)
_QUOTED = re.compile(r"[\"“](?P<q>[^\"“”]{25,})[\"”]")
_BE = re.compile(r" (is|are|was|were) (?=[a-z])")
_ONE_WORD_HEDGES = {
    "may",
    "might",
    "could",
    "reportedly",
    "allegedly",
    "possibly",
    "likely",
    "perhaps",
    "apparently",
    "probably",
    "seemingly",
}
_PRONOUNS = (
    (" I ", " he "),
    (" we ", " they "),
    (" my ", " his "),
    (" our ", " their "),
    (" me ", " him "),
    (" us ", " them "),
    ("I ", "he "),
    ("We ", "they "),
)


@dataclass
class Plant:
    kind: str
    sentence: int  # in the rewrite
    source_sentence: int | None


def load(half: str, limit: int) -> list[Article]:
    arts = [a for a in load_basil(half) if 8 <= len(a.sentences) <= 60]
    texts = sorted((POLNEAR / "data" / "dev" / "text").glob("*.txt")) if POLNEAR.is_dir() else []
    for k, p in enumerate(texts):
        if half != "all" and (k % 2 == 0) != (half == "tune"):
            continue
        sents = split_sentences(p.read_text(encoding="utf-8").replace("\n", " "))
        if 8 <= len(sents) <= 60:
            arts.append(Article(p.stem, p.stem, sents))
    rng = random.Random(3)
    rng.shuffle(arts)
    return arts[:limit]


def _fmt(v: float) -> str:
    return f"{int(v):,}" if v >= 1000 else str(int(v))


def plant(
    kind: str,
    src: list[str],
    rw: list[str],
    truth: list[int | None],
    score: ArticleScore,
    rng: random.Random,
) -> Plant | None:
    """Edit ``rw`` in place with one change of ``kind``; None when no sentence allows it."""
    order = list(range(len(rw)))
    rng.shuffle(order)
    for r in order:
        s = truth[r]
        if s is None:
            continue
        text = rw[r]
        new: str | None = None
        if kind == "count":
            for q in extract_quantities(text):
                if (
                    q.kind == "count"
                    and q.value
                    and q.value >= 3
                    and q.described
                    and re.search(r"\d", q.text)
                ):
                    digits = re.search(r"\d[\d,]*(?!\.\d)", q.text)
                    if digits:
                        value = round(int(digits.group(0).replace(",", "")) * 1.3 + 1)
                        start = q.start + digits.start()
                        new = text[:start] + _fmt(value) + text[q.start + digits.end() :]
                        break
        elif kind == "date":
            for q in extract_quantities(text):
                if q.kind == "date" and q.date and q.date[2] is not None:
                    day = re.search(r"\b(\d{1,2})\b", q.text)
                    if day:
                        d = int(day.group(1))
                        nd = d + 2 if d <= 26 else d - 2
                        start = q.start + day.start(1)
                        new = text[:start] + str(nd) + text[q.start + day.end(1) :]
                        break
        elif kind == "quote_altered":
            m = _QUOTED.search(text)
            if m:
                words = m.group("q").split(" ")
                long = [
                    i for i, w in enumerate(words) if len(w.strip(",.;:!?")) >= 5 and w.isalpha()
                ]
                if len(words) >= 6 and long:
                    del words[rng.choice(long)]
                    new = text[: m.start("q")] + " ".join(words) + text[m.end("q") :]
        elif kind == "quote_indirect":
            m = _QUOTE_SAID.match(text)
            if m:
                q = " " + m.group("q").rstrip(",.") + " "
                for a, b in _PRONOUNS:
                    q = q.replace(a, b)
                q = q.strip()
                new = f"{m.group('who')} said that {q[0].lower() + q[1:]}."
        elif kind in ("attribution_stripped", "attribution_downgraded", "hedge_removed"):
            where = _locate(score.text, src[s])
            if where is None:
                continue
            s0, s1 = where
            if kind == "hedge_removed":
                hedges = {
                    ev.text.lower()
                    for ev in score.evidence
                    if ev.family == "hedging"
                    and ev.category in ("hedges", "distancing")
                    and s0 <= ev.start < s1
                }
                words = [w for w in hedges if w in _ONE_WORD_HEDGES]
                for w in words:
                    cut = re.sub(rf"\b{w} ", "", text, count=1, flags=re.IGNORECASE)
                    if cut != text and not re.search(rf"\b{w}\b", cut, re.IGNORECASE):
                        new = cut[0].upper() + cut[1:]
                        break
            else:
                atts = [
                    a
                    for a in score.details.get("attributions", [])
                    if s0 <= score.sentences[a["sentence"]][0] < s1
                    and a["source_kind"] in ("named_person", "named_organization")
                ]
                if not atts or '"' in text or "“" in text:
                    continue
                if kind == "attribution_stripped":
                    m = _TRAILING.match(text)
                    a_m = _ACCORDING.match(text)
                    if m:
                        new = m.group("claim") + "."
                    elif a_m:
                        rest = a_m.group("rest")
                        new = rest[0].upper() + rest[1:]
                elif any(a["source_kind"] == "named_person" for a in atts):
                    m = _NAMED.search(text)
                    lead = _LEADING_NAMED.match(text)
                    if m:
                        new = text[: m.start()] + ", an official " + m.group("v") + text[m.end() :]
                    elif lead:
                        new = "An official " + lead.group("v") + text[lead.end() :]
        elif kind == "hedge_added":
            if '"' in text or "“" in text:
                continue
            m = _BE.search(text)
            if m:
                new = text[: m.end()] + "reportedly " + text[m.end() :]
            elif " will " in text:
                new = text.replace(" will ", " may ", 1)
        elif kind == "commentary":
            inside = quoted_flags(rw)
            if inside[r] or (r + 1 < len(rw) and inside[r + 1]):
                continue  # not inside or right before a quotation
            rw.insert(r + 1, rng.choice(COMMENTARY))
            truth.insert(r + 1, None)
            return Plant(kind, r + 1, None)
        elif kind == "paraphrase":
            return Plant(kind, -1, None)
        if new is not None and new != text:
            rw[r] = new
            return Plant(kind, r, s)
    return None


def _spans(sents: list[str]) -> list[tuple[int, int]]:
    out, pos = [], 0
    for s in sents:
        out.append((pos, pos + len(s)))
        pos += len(s) + 1
    return out


def _locate(text: str, sentence: str) -> tuple[int, int] | None:
    """The span of ``sentence`` in ``text`` (by its first 40 characters, whitespace-tolerant)."""
    head = re.escape(sentence.strip()[:40]).replace("\\ ", r"\s+")
    m = re.search(head, text)
    return (m.start(), m.start() + len(sentence)) if m else None


def _overlaps(span: tuple[int, int] | list[int] | None, target: tuple[int, int] | None) -> bool:
    return bool(span and target and span[0] < target[1] and span[1] > target[0])


def evaluate(
    articles: list[Article],
    engine: Engine,
    seed: int = 11,
    on_diff: Callable[[str, RewriteDiff, Plant], None] | None = None,
) -> tuple[Counter[str], Counter[str], Counter[str], Counter[str]]:
    """(planted, found, claims, true claims) per kind."""
    evaluation = engine.resources.lexicons["evaluation"]
    planted: Counter[str] = Counter()
    found: Counter[str] = Counter()
    claims: Counter[str] = Counter()
    true: Counter[str] = Counter()
    rng = random.Random(seed)
    claim_kind = {pair: k for k, pairs in EXPECTED.items() for pair in pairs}
    for art in articles:
        src_text = " ".join(art.sentences)
        src_score = engine.score_text(src_text)
        for kind in KINDS:
            quoted = quoted_flags(art.sentences)
            rw = [
                paraphrase(s, rng) if rng.random() < 0.8 and not quoted[k] else s
                for k, s in enumerate(art.sentences)
            ]
            truth: list[int | None] = list(range(len(rw)))
            p = plant(kind, art.sentences, rw, truth, src_score, rng)
            if p is None:
                continue
            planted[kind] += 1
            d = diff_scores(src_score, engine.score_text(" ".join(rw)), evaluation)
            # where the edited sentence is in the texts framing read (cleaning may move offsets)
            target_rw = _locate(d.rewrite.text, rw[p.sentence]) if p.sentence >= 0 else None
            target_src = (
                _locate(src_score.text, art.sentences[p.source_sentence])
                if p.source_sentence is not None
                else None
            )
            if on_diff is not None:
                on_diff(kind, d, p)
            hit = False
            for c in d.changes:
                ck = claim_kind.get((c.kind, c.change))
                if ck is None:
                    continue
                on_edit = _overlaps(c.rewrite_span, target_rw) or _overlaps(
                    c.source_span, target_src
                )
                if on_edit and ck != kind:
                    continue  # a consequence of the edit (a hedge of a quote made indirect)
                claims[ck] += 1
                ok = ck == kind and on_edit
                if ok:
                    true[ck] += 1
                    hit = True
            if hit:
                found[kind] += 1
    return planted, found, claims, true


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--articles", type=int, default=120)
    ap.add_argument("--half", default="report", choices=("report", "tune", "all"))
    ap.add_argument("--show", default="", help="print the claims of rewrites of this kind")
    args = ap.parse_args()
    if not BASIL.is_dir():
        sys.exit(f"BASIL not found at {BASIL}")
    engine = get_engine("blank")
    arts = load(args.half, args.articles)

    on_paraphrase: Counter[str] = Counter()

    def show(kind: str, d: RewriteDiff, p: Plant) -> None:
        if kind == "paraphrase":
            on_paraphrase.update(f"{c.kind}/{c.change}" for c in d.changes)
        if kind == args.show:
            print(f"-- {kind} planted at rewrite sentence {p.sentence}")
            for c in d.changes:
                print(f"   {c.kind}:{c.change} {c.detail[:110]}")

    planted, found, claims, true = evaluate(arts, engine, on_diff=show)
    print(f"{len(arts)} articles ({args.half} half), blank engine")
    head = ("kind", "planted", "found", "recall", "claims", "precision")
    print(f"{head[0]:24s} " + " ".join(f"{h:>9s}" for h in head[1:]))
    for kind in KINDS:
        rec = found[kind] / planted[kind] if planted[kind] else float("nan")
        prec = true[kind] / claims[kind] if claims[kind] else float("nan")
        row = (f"{planted[kind]:9d}", f"{found[kind]:9d}", f"{rec:9.3f}", f"{claims[kind]:9d}")
        print(f"{kind:24s} " + " ".join(row) + f" {prec:9.3f}")
    false = sum(claims.values()) - sum(true.values())
    print(f"false claims in all: {false} (claims on the paraphrase-only rewrites count here)")
    listed = ", ".join(f"{k} {n}" for k, n in sorted(on_paraphrase.items())) or "none"
    print(
        f"claims on the {planted['paraphrase']} paraphrase-only rewrites: "
        f"{sum(on_paraphrase.values())} ({listed})"
    )


if __name__ == "__main__":
    main()
