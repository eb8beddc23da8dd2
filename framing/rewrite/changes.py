"""What a rewrite changed: numbers and dates, quotes, attribution, hedging, inserted commentary.

Every change is found on aligned sentences (:mod:`framing.rewrite.align`) and carries the text
and character spans on both sides, so a reader can check it:

* ``number`` / ``date``: a quantity or date of the source sentence and one of the rewrite
  sentence that describe the same thing (:func:`framing.rewrite.numbers.same_referent`) differ
  (``changed``: 11,000 -> 12,000) or only their qualifier does (``requalified``: 11,000 ->
  about 11,000).
* ``quote``: each sentence of each direct quote of the source is found ``verbatim`` in a rewrite
  quote, ``altered`` (word-level diff), turned ``indirect`` (its aligned rewrite sentence is not
  quoted), with its ``quotation_marks_lost``, or ``dropped``; several parts in one rewrite quote
  are noted as merged.
* ``attribution``: the source of an aligned claim moves along named person > named organisation
  > anonymous > none (``upgraded`` / ``downgraded``), or disappears (``stripped``).
* ``hedging``: a hedge, booster or distancing expression ``added`` or ``removed`` on an aligned
  claim.
* ``commentary``: an ``inserted`` rewrite sentence with no confident source counterpart, no
  attribution, no fact the source lacks (number, date, name, place) and evaluative language:
  an evaluative term or a generalisation ("once again", "as always") of lexicon
  ``evaluation``, or two of loaded language ("militant", "hostage"), intensifiers and a strong
  VADER tone (|compound| >= 0.3). The detail names the signals found.

Only ``verbatim`` and ``close`` alignments (:mod:`framing.rewrite.align`) carry number, quote,
attribution and hedging claims; a loose alignment never does. A source quote may still be found
inside a rewrite quote by its words (the detail says so).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from difflib import SequenceMatcher
from typing import Any

from framing.lexicon.matcher import CompiledLexicon
from framing.nlp import token_texts
from framing.rewrite.align import Alignment, align, content_stems
from framing.rewrite.numbers import (
    Quantity,
    compare_quantities,
    describe,
    extract_quantities,
    same_referent,
)
from framing.score import ArticleScore

KIND_RANK = {"named_person": 3, "named_organization": 2, "anonymous": 1, "unresolved": 0, "none": 0}
HEDGING = ("hedges", "boosters", "distancing")
_LABEL = {"hedges": "hedge", "boosters": "booster", "distancing": "distancing"}
_WORD = re.compile(r"\w+(?:['’]\w+)?")
QUOTE_MATCH = 0.6  # share of a quote part's content stems a rewrite quote must hold
QUOTE_MIN_WORDS = 3  # ... and the quote part must have at least this many content stems
#: (weaker alignments are often sentences that merely share the story's vocabulary).


@dataclass(frozen=True)
class Change:
    """One difference between a source and its rewrite."""

    kind: str
    change: str
    detail: str
    source_text: str | None = None
    rewrite_text: str | None = None
    source_span: tuple[int, int] | None = None
    rewrite_span: tuple[int, int] | None = None
    source_sentence: int | None = None
    rewrite_sentence: int | None = None

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["source_span"] = list(self.source_span) if self.source_span else None
        d["rewrite_span"] = list(self.rewrite_span) if self.rewrite_span else None
        return d


@dataclass
class RewriteDiff:
    """A source, a rewrite, how their sentences align and what changed."""

    source: ArticleScore
    rewrite: ArticleScore
    alignment: Alignment
    changes: list[Change] = field(default_factory=list)

    @property
    def frame(self) -> dict[str, dict[str, float | None]]:
        """Frame and sourcing metrics, source vs rewrite."""
        out: dict[str, dict[str, float | None]] = {}
        for name in (
            "humanitarian_strategic_index",
            "attribution_density",
            "named_sources_per_100_words",
            "anonymous_sources_per_100_words",
            "hedged_sentence_share",
            "direct_quotes",
        ):
            a, b = self.source.metrics.get(name), self.rewrite.metrics.get(name)
            delta = None if a is None or b is None else float(b) - float(a)
            out[name] = {
                "source": _num(a),
                "rewrite": _num(b),
                "delta": None if delta is None or delta != delta else delta,
            }
        return out

    def counts(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for c in self.changes:
            key = f"{c.kind}:{c.change}"
            out[key] = out.get(key, 0) + 1
        return dict(sorted(out.items()))

    def to_dict(self) -> dict[str, Any]:
        a = self.alignment
        return {
            "source": self.source.article["source"],
            "rewrite": self.rewrite.article["source"],
            "alignment": {
                "coverage": _num(a.coverage),
                "source_coverage": _num(a.source_coverage),
                "truncated": a.truncated,
                "rewrite_sentences": [
                    {
                        "sentence": r,
                        "label": a.rewrite_label[r],
                        "source_sentences": a.rewrite_to[r],
                        "similarity": [
                            round(float(a.similarity[r, s]), 4) for s in a.rewrite_to[r]
                        ],
                        "match": [a.match_class(r, s) for s in a.rewrite_to[r]],
                        "confidence": [
                            round(a.confidence.get((r, s), 0.0), 4) for s in a.rewrite_to[r]
                        ],
                    }
                    for r in range(len(a.rewrite))
                ],
                "source_sentences": [
                    {"sentence": s, "label": lab} for s, lab in enumerate(a.source_label)
                ],
            },
            "frame": self.frame,
            "counts": self.counts(),
            "changes": [c.to_dict() for c in self.changes],
        }


def _num(v: Any) -> float | None:
    if v is None:
        return None
    f = float(v)
    return None if f != f else round(f, 6)


def sentence_texts(score: ArticleScore) -> list[str]:
    return [score.text[s:e] for s, e in score.sentences]


def diff_scores(
    source: ArticleScore, rewrite: ArticleScore, evaluation: CompiledLexicon | None = None
) -> RewriteDiff:
    """Align two scored articles and list what the rewrite changed."""
    al = align(sentence_texts(source), sentence_texts(rewrite))
    d = RewriteDiff(source, rewrite, al)
    d.changes += _number_changes(d)
    d.changes += _quote_changes(d)
    d.changes += _attribution_changes(d)
    d.changes += _hedging_changes(d)
    if evaluation is not None:
        d.changes += _commentary(d, evaluation)
    return d


# --------------------------------------------------------------------------- numbers


def _shifted(q: Quantity, offset: int) -> tuple[int, int]:
    return q.start + offset, q.end + offset


def _number_changes(d: RewriteDiff) -> list[Change]:
    """Per source sentence, its quantities against those of every rewrite sentence confidently
    aligned to it: a quantity the rewrite repeats exactly is kept; each other one is compared
    with the first rewrite quantity left that has its referent."""
    out = []
    src_sents, rw_sents = d.source.sentences, d.rewrite.sentences
    seen: set[tuple[int, int, int, int]] = set()
    by_source: dict[int, list[int]] = {}
    for r, s, _sim in d.alignment.confident_pairs():
        by_source.setdefault(s, []).append(r)
    for s, rs in sorted(by_source.items()):
        s0 = src_sents[s][0]
        sq = extract_quantities(d.source.text[slice(*src_sents[s])])
        left: list[tuple[Quantity, int]] = [
            (b, r)
            for r in sorted(rs)
            for b in extract_quantities(d.rewrite.text[slice(*rw_sents[r])])
        ]
        unmatched = []
        for a in sq:
            twin = next(
                (
                    x
                    for x in left
                    if same_referent(a, x[0]) and compare_quantities(a, x[0]) == "same"
                ),
                None,
            )
            if twin is None:
                unmatched.append(a)
            else:
                left.remove(twin)
        for a in unmatched:
            twin = next((x for x in left if same_referent(a, x[0])), None)
            if twin is None:
                continue
            left.remove(twin)
            b, r = twin
            r0 = rw_sents[r][0]
            verdict = compare_quantities(a, b)
            key = (*_shifted(a, s0), *_shifted(b, r0))
            if verdict in ("changed", "requalified") and key not in seen:
                seen.add(key)
                out.append(
                    Change(
                        "date" if a.kind == "date" else "number",
                        verdict,
                        f"{describe(a)}: {a.text!r} -> {b.text!r}",
                        a.text,
                        b.text,
                        _shifted(a, s0),
                        _shifted(b, r0),
                        s,
                        r,
                    )
                )
    out.sort(key=lambda c: (c.rewrite_sentence or 0, c.rewrite_span or (0, 0)))
    return out


# --------------------------------------------------------------------------- quotes


def _quote_spans(score: ArticleScore) -> list[tuple[int, int]]:
    spans = sorted(
        {
            (e.start, e.end)
            for e in score.evidence
            if e.family == "attribution" and e.category == "direct_quote"
        }
    )
    return spans


def _words(text: str) -> list[str]:
    return [w.lower().replace("’", "'") for w in _WORD.findall(text)]


def _contiguous(needle: str, hay: str) -> bool:
    n, h = " ".join(_words(needle)), " ".join(_words(hay))
    return bool(n) and f" {n} " in f" {h} "


def word_diff(a: str, b: str) -> str:
    """A word-level diff: ``[-removed-]`` and ``{+added+}`` inside the common words."""
    wa, wb = a.split(), b.split()
    parts: list[str] = []
    norm = [w.lower().strip(".,;:!?\"“”'‘’") for w in wa]
    normb = [w.lower().strip(".,;:!?\"“”'‘’") for w in wb]
    for op, i1, i2, j1, j2 in SequenceMatcher(None, norm, normb, autojunk=False).get_opcodes():
        if op == "equal":
            parts.append(" ".join(wb[j1:j2]))
        if op in ("delete", "replace"):
            parts.append("[-" + " ".join(wa[i1:i2]) + "-]")
        if op in ("insert", "replace"):
            parts.append("{+" + " ".join(wb[j1:j2]) + "+}")
    return " ".join(parts)


def _parts(score: ArticleScore, span: tuple[int, int]) -> list[tuple[int, tuple[int, int]]]:
    """The quote cut at sentence boundaries: (sentence index, span) per part."""
    out = []
    for k, (s, e) in enumerate(score.sentences):
        a, b = max(s, span[0]), min(e, span[1])
        if b > a and score.text[a:b].strip(" \"“”'‘’,.") != "":
            out.append((k, (a, b)))
    return out


def _sentence_of(score: ArticleScore, pos: int) -> int | None:
    for k, (s, e) in enumerate(score.sentences):
        if s <= pos < e:
            return k
    return None


def _quote_changes(d: RewriteDiff) -> list[Change]:
    src, rw = d.source, d.rewrite
    rw_quotes = _quote_spans(rw)
    out: list[Change] = []
    pending: list[tuple[int, tuple[int, int], str, tuple[int, int] | None, str]] = []
    # rewrite quote -> (source quote, sentence) of the quoted words that ended up in it
    used: dict[tuple[int, int], set[tuple[int, int]]] = {}
    for n, q in enumerate(_quote_spans(src)):
        for k, part in _parts(src, q):
            text = src.text[slice(*part)]
            status, where, detail = _place_quote_part(d, k, text, rw_quotes)
            if where is not None and status in ("verbatim", "altered") and len(_words(text)) > 2:
                # scare quotes of one or two words are not merged quotes
                used.setdefault(where, set()).add((n, k))
            pending.append((k, part, status, where, detail))
    for k, part, status, where, detail in pending:
        merged = 0
        if where is not None:
            merged = _merged_quotes(used.get(where, set()))
            if merged and _contiguous(rw.text[where[0] : where[1]], src.text):
                merged = 0  # the source has these words in this order: only the marks differ
        if merged > 1 and status in ("verbatim", "altered"):
            # several source quotes became one rewrite quote
            status = "altered"
            detail += f" (merged with {merged - 1} other quote{'s' if merged > 2 else ''} into one)"
        if status == "verbatim":
            continue  # fidelity kept: not a change
        out.append(
            Change(
                "quote",
                status,
                detail,
                src.text[slice(*part)],
                rw.text[slice(*where)] if where else None,
                part,
                where,
                k,
                _sentence_of(rw, where[0]) if where else None,
            )
        )
    return out


def _merged_quotes(entries: set[tuple[int, int]]) -> int:
    """How many source quotes, opening in different sentences, went into one rewrite quote
    (0 or 1: no merge)."""
    first: dict[int, int] = {}
    for n, k in entries:
        first[n] = min(k, first.get(n, k))
    return len(first) if len(set(first.values())) > 1 else 0


def _place_quote_part(
    d: RewriteDiff, k: int, text: str, rw_quotes: list[tuple[int, int]]
) -> tuple[str, tuple[int, int] | None, str]:
    """Where one sentence of a source quote went: verbatim, altered, indirect, marks lost or
    dropped (see the module docstring)."""
    rw = d.rewrite
    for span in rw_quotes:
        if _contiguous(text, rw.text[slice(*span)]):
            return "verbatim", span, "quoted word for word"
    # the aligned rewrite sentence: quoted there (altered) or not (indirect / marks lost)
    for r, s, _sim in sorted(d.alignment.confident_pairs(), key=lambda p: -p[2]):
        if s != k:
            continue
        rs, re_ = rw.sentences[r]
        in_quotes = any(q[0] < re_ and q[1] > rs for q in rw_quotes)
        if (
            in_quotes
            and d.alignment.match_class(r, s) == "verbatim"
            and _contiguous(text, rw.text[rs:re_])
        ):
            # the sentence is kept word for word; where the quote finder draws the marks in
            # each text is not a change
            return "verbatim", None, "quoted word for word"
        stems = set(content_stems(text))
        quoted = sorted(
            (
                (len(stems & set(content_stems(rw.text[slice(*q)]))), q)
                for q in rw_quotes
                if q[0] < re_ and q[1] > rs
            ),
            key=lambda x: -x[0],
        )
        if quoted and (quoted[0][0] > 0 or not stems):
            rtext = rw.text[slice(*quoted[0][1])]
            return "altered", quoted[0][1], "quote altered: " + word_diff(text, rtext)
        rtext = rw.text[rs:re_]
        if _contiguous(text, rtext):
            return "quotation_marks_lost", (rs, re_), "same words, quotation marks lost"
        return "indirect", (rs, re_), "turned into indirect speech: " + word_diff(text, rtext)
    # no confident sentence alignment, but most of its words inside one rewrite quote: the
    # quotation marks on both sides and the words are the evidence (shown in the detail)
    stems = set(content_stems(text))
    best: tuple[float, tuple[int, int]] | None = None
    if len(stems) >= QUOTE_MIN_WORDS:
        for span in rw_quotes:
            have = set(content_stems(rw.text[slice(*span)]))
            share = len(stems & have) / len(stems)
            if share >= QUOTE_MATCH and (best is None or share > best[0]):
                best = (share, span)
    if best is not None:
        rtext = rw.text[slice(*best[1])]
        return (
            "altered",
            best[1],
            f"quote altered (matched by its quoted words, {best[0]:.0%} shared): "
            + word_diff(text, rtext),
        )
    return "dropped", None, "quoted sentence not in the rewrite"


# --------------------------------------------------------------------------- attribution


def _attributions_by_sentence(score: ArticleScore) -> dict[int, list[dict[str, Any]]]:
    out: dict[int, list[dict[str, Any]]] = {}
    for a in score.details.get("attributions", []):
        sents = {a["sentence"]}
        for qs, qe in a.get("quotes", []):
            sents |= {k for k, (s, e) in enumerate(score.sentences) if s < qe and e > qs}
        for k in sents:
            out.setdefault(k, []).append(a)
    return out


def _best(atts: Sequence[dict[str, Any]]) -> dict[str, Any] | None:
    return max(atts, key=lambda a: KIND_RANK.get(a["source_kind"], 0), default=None)


def _named_in(source: str | None, text: str) -> bool:
    """Does ``text`` still name ``source`` (its capitalised words, in order)? Then the speaker
    is kept, whatever the attribution finder makes of the reworded sentence."""
    if not source:
        return False
    names = [w for w in _words(source) if w and w[0].isalpha()]
    caps = [w for w in _WORD.findall(source) if w[:1].isupper()]
    if not caps:
        return False
    return (
        _contiguous(" ".join(caps), text)
        if len(caps) > 1
        else bool(names and re.search(rf"\b{re.escape(caps[0])}\b", text))
    )


def _attribution_changes(d: RewriteDiff) -> list[Change]:
    """Per strongly aligned pair: source attributions matched to rewrite ones of the same kind
    first; what is left is paired up as upgraded/downgraded, or reported stripped when the
    rewrite sentence carries no attribution at all."""
    src_att = _attributions_by_sentence(d.source)
    rw_att = _attributions_by_sentence(d.rewrite)
    out: list[Change] = []
    seen: set[tuple[Any, Any]] = set()
    for r, s, _sim in d.alignment.confident_pairs():
        # an attribution with no source ("none": a cue with nobody behind it) cannot be
        # stripped or downgraded: there is nothing to lose
        rtext = d.rewrite.text[slice(*d.rewrite.sentences[r])]
        if _words(rtext) == _words(d.source.text[slice(*d.source.sentences[s])]):
            continue  # the same words: a different reading of them is the finder's, not a change
        a_list = [
            a
            for a in src_att.get(s, [])
            if a["source_kind"] != "none" and not _named_in(a.get("source"), rtext)
        ]
        b_list = list(rw_att.get(r, []))
        if not a_list:
            continue
        for a in list(a_list):
            same = next((b for b in b_list if b["source_kind"] == a["source_kind"]), None)
            if same is not None:
                a_list.remove(a)
                b_list.remove(same)
        if not rw_att.get(r):
            pairs: list[tuple[dict[str, Any], dict[str, Any] | None]] = [
                (_best(a_list) or {}, None)
            ]
        else:
            pairs = list(zip(a_list, b_list, strict=False))
        for a, b in pairs:
            if not a:
                continue
            key = (tuple(a["cue_span"] or a["quotes"][0]), tuple(b["cue_span"] or ()) if b else r)
            if key in seen:
                continue
            seen.add(key)
            src_label = f"{a['source'] or 'no source'} ({a['source_kind']})"
            sspan = tuple(a["source_span"] or a["cue_span"] or d.source.sentences[s])
            if b is None:
                out.append(
                    Change(
                        "attribution",
                        "stripped",
                        f"attribution to {src_label} removed",
                        a["source"] or a["cue"],
                        d.rewrite.text[slice(*d.rewrite.sentences[r])],
                        sspan,
                        d.rewrite.sentences[r],
                        s,
                        r,
                    )
                )
                continue
            ra, rb = KIND_RANK[a["source_kind"]], KIND_RANK[b["source_kind"]]
            if ra == rb:
                continue
            out.append(
                Change(
                    "attribution",
                    "upgraded" if rb > ra else "downgraded",
                    f"{src_label} -> {b['source'] or 'no source'} ({b['source_kind']})",
                    a["source"] or a["cue"],
                    b["source"] or b["cue"],
                    sspan,
                    tuple(b["source_span"] or b["cue_span"] or d.rewrite.sentences[r]),
                    s,
                    r,
                )
            )
    return out


# --------------------------------------------------------------------------- hedging


def _hedges(score: ArticleScore, k: int) -> dict[tuple[str, str], tuple[int, int]]:
    s, e = score.sentences[k]
    return {
        (ev.category, ev.text.lower()): (ev.start, ev.end)
        for ev in score.evidence
        if ev.family == "hedging" and ev.category in HEDGING and s <= ev.start < e
    }


def _hedging_changes(d: RewriteDiff) -> list[Change]:
    out: list[Change] = []
    for r, s, _sim in d.alignment.confident_pairs():
        a, b = _hedges(d.source, s), _hedges(d.rewrite, r)
        for key in sorted(set(b) - set(a)):
            out.append(
                Change(
                    "hedging",
                    "added",
                    f"{_LABEL[key[0]]} {key[1]!r} added",
                    None,
                    d.rewrite.text[slice(*b[key])],
                    None,
                    b[key],
                    s,
                    r,
                )
            )
        for key in sorted(set(a) - set(b)):
            out.append(
                Change(
                    "hedging",
                    "removed",
                    f"{_LABEL[key[0]]} {key[1]!r} removed",
                    d.source.text[slice(*a[key])],
                    None,
                    a[key],
                    None,
                    s,
                    r,
                )
            )
    return out


# --------------------------------------------------------------------------- commentary

#: categories of the evaluation lexicon, as the reason names them
_SIGNALS = {
    "evaluative": "evaluative terms",
    "generalisation": "generalisation",
    "intensifier": "intensifiers",
    "loaded": "loaded language",
}
#: a sentence's VADER compound from which its tone counts as a signal (never enough alone)
STRONG_TONE = 0.3
_NAME = re.compile(r"\b[A-Z][a-z]+(?:[-'’][A-Za-z]+)?\b")


def _new_facts(text: str, source_text: str) -> list[str]:
    """Numbers, dates and names in ``text`` that the source does not have."""
    have = source_text.lower()
    facts = [q.text for q in extract_quantities(text) if q.text.lower() not in have]
    for m in _NAME.finditer(text):
        if m.start() == 0 or text[: m.start()].rstrip().endswith((".", "!", "?", '"', "“")):
            continue
        if m.group(0).lower().split("'")[0].split("’")[0] not in have:
            facts.append(m.group(0))
    return facts


def _tone(score: ArticleScore, span: tuple[int, int]) -> float | None:
    for ev in score.evidence:
        if ev.family == "tone" and ev.start == span[0] and ev.category in ("negative", "positive"):
            try:
                return float(ev.note)
            except ValueError:
                return None
    return None


def commentary_signals(
    text: str, evaluation: CompiledLexicon, tone: float | None = None
) -> dict[str, list[str]]:
    """The evaluative signals of one sentence: lexicon categories (evaluative terms,
    generalisations, intensifiers, loaded language) with the terms found, and ``tone`` when
    VADER's compound reaches ``STRONG_TONE`` either way."""
    out: dict[str, list[str]] = {}
    for m in evaluation.match([t.lower() for t in token_texts(text)]):
        if m.weak or m.category not in _SIGNALS:
            continue
        terms = out.setdefault(m.category, [])
        if m.term not in terms:
            terms.append(m.term)
    if tone is not None and abs(tone) >= STRONG_TONE:
        out["tone"] = [f"VADER {tone:+.2f}"]
    return out


def is_commentary(signals: dict[str, list[str]]) -> bool:
    """An evaluative term or a generalisation suffices; otherwise two kinds of signal
    (loaded language, intensifiers, strong tone) must meet."""
    return bool({"evaluative", "generalisation"} & set(signals)) or len(signals) >= 2


def _commentary(d: RewriteDiff, evaluation: CompiledLexicon) -> list[Change]:
    """Rewrite sentences with no confident source counterpart, no attribution, no fact the
    source lacks (number, date, name, place) and evaluative language (see
    :func:`commentary_signals`), with the reason."""
    rw = d.rewrite
    attributed = set(_attributions_by_sentence(rw))
    out = []
    for r, label in enumerate(d.alignment.rewrite_label):
        if label not in ("added", "loose") or r in attributed:
            continue
        span = rw.sentences[r]
        text = rw.text[slice(*span)]
        if _new_facts(text, d.source.text):
            continue  # an added fact, not commentary
        signals = commentary_signals(text, evaluation, _tone(rw, span))
        if not is_commentary(signals):
            continue
        why = "; ".join(
            f"{_SIGNALS.get(k, 'tone')} ({', '.join(v)})" for k, v in sorted(signals.items())
        )
        out.append(
            Change(
                "commentary",
                "inserted",
                "no source counterpart, no attribution, no new fact; " + why,
                None,
                text,
                None,
                span,
                None,
                r,
            )
        )
    return out
