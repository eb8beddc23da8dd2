"""Attribution against PolNeAR (Newell, Margolin & Ruths 2018), fast and parsed paths.

The dev split is reported (train is for development). Where several annotators covered an
article, the first annotation file by name is gold. Gold attribution relations are the brat
events of type ``Attribution`` and ``Attribution-no-source`` with their Cue, Source and Content
spans.

* cue detection: our reporting cues vs gold Cue spans, by token overlap and by exact span;
* attributed sentence: a sentence (our segmentation) overlapping a gold Cue, Source or Content
  span vs one holding our cue or quoted speech (the definition of ``attribution_density``);
* density: per-article Spearman correlation of ``attribution_density`` with the gold share;
* source: for our cues that match a gold cue whose relation has a Source, the share whose
  source span overlaps it.
"""

from __future__ import annotations

import time
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from spacy.tokenizer import Tokenizer

from framing.document import Document
from framing.evaluate.data import eval_dir, read_dataset, require
from framing.evaluate.metrics import (
    Confusion,
    Span,
    SpanAgreement,
    exact_agreement,
    overlaps_any,
    span_agreement,
    spearman,
)
from framing.evaluate.results import FeatureResult, Figure, Ranked, Table, command_for
from framing.lexicon.matcher import CompiledLexicon
from framing.nlp import installed_trained_english
from framing.score import get_engine

FEATURE = "attribution"
DATASET = "polnear"
SPLIT = "dev"
#: ``--fast``: every second dev article by name (42 of 84, all seven publishers).
FAST_STRIDE = 2
TOP = 15
RELATIONS = frozenset({"Attribution", "Attribution-no-source"})
#: Attribution-lexicon categories that are reporting cues (``nominal_cues`` frame a sentence).
CUE_CATEGORIES = frozenset({"speech_verbs", "source_phrases", "nominal_cues"})
ROLES = ("Cue", "Source", "Content")


@dataclass(frozen=True)
class Relation:
    """One brat event: its type and the character fragments of each role."""

    type: str
    roles: dict[str, tuple[Span, ...]]

    def spans(self, role: str) -> tuple[Span, ...]:
        return self.roles.get(role, ())


def parse_ann(ann: str) -> list[Relation]:
    """The events of a brat standoff ``.ann`` file.

    ``T`` lines give a span's type and fragments (``;`` separates discontinuous ones); ``E``
    lines tie a trigger to role spans (``Attribution:T4 Cue:T2 Source:T1``).

    >>> rel, = parse_ann("T1\\tCue 5 9\\tsaid\\nT2\\tAttribution 5 9\\tsaid\\n"
    ...                  "E1\\tAttribution:T2 Cue:T1")
    >>> rel.type, rel.spans("Cue")
    ('Attribution', ((5, 9),))
    """
    spans: dict[str, tuple[Span, ...]] = {}
    events: list[list[str]] = []
    for line in ann.splitlines():
        fields = line.split("\t")
        if len(fields) < 2:
            continue
        if line.startswith("T"):
            _, offsets = fields[1].split(" ", 1)
            frags = []
            for frag in offsets.split(";"):
                a, b = frag.split()
                frags.append((int(a), int(b)))
            spans[fields[0]] = tuple(frags)
        elif line.startswith("E"):
            events.append(fields[1].split())
    relations = []
    for parts in events:
        trigger_type = parts[0].split(":", 1)[0]
        roles: dict[str, tuple[Span, ...]] = {}
        for part in parts[1:]:
            role, tid = part.split(":", 1)
            roles[role.rstrip("0123456789")] = spans.get(tid, ())
        relations.append(Relation(trigger_type, roles))
    return relations


@dataclass(frozen=True)
class Article:
    base: str
    text: str
    relations: tuple[Relation, ...]
    annotation_files: int

    @property
    def attributions(self) -> tuple[Relation, ...]:
        return tuple(r for r in self.relations if r.type in RELATIONS)


def read_polnear(root: Path, split: str, stride: int = 1) -> list[Article]:
    """Articles of a split sorted by name (every ``stride``-th), gold from the first ``.ann``."""
    texts = sorted((root / split / "text").glob("*.txt"))
    anns: dict[str, list[Path]] = {}
    for p in (root / split / "attributions").glob("*.ann"):
        anns.setdefault(p.stem.rsplit("_", 1)[0], []).append(p)
    out = []
    for path in texts[::stride]:
        files = sorted(anns.get(path.stem, []), key=lambda p: p.name)
        if not files:
            continue
        relations = parse_ann(files[0].read_text(encoding="utf-8"))
        out.append(
            Article(path.stem, path.read_text(encoding="utf-8"), tuple(relations), len(files))
        )
    return out


def _words(text: str, spans: Sequence[Span]) -> str:
    return " ... ".join(" ".join(text[a:b].lower().replace("’", "'").split()) for a, b in spans)


#: Where a false-positive cue sits relative to the gold spans.
LOCATIONS = {
    "content": "inside a gold Content span (often a nested attribution PolNeAR leaves unannotated)",
    "source": "inside a gold Source span",
    "outside": "outside every gold span",
}


def _lexicon_status(words: str, lexicon: CompiledLexicon, tokenizer: Tokenizer) -> str:
    """Which attribution-lexicon terms match a missed cue's words, or that none does."""
    lowers = [t.lower_ for t in tokenizer(words.replace(" ... ", " "))]
    found = sorted(
        {f"{m.category}: {m.term}" + (" (weak)" if m.weak else "") for m in lexicon.match(lowers)}
    )
    return "lexicon " + "; ".join(found) if found else "not in the lexicon"


def _lexicon_coverage(articles: Sequence[Article], command: str) -> Figure:
    """Share of gold cues whose words hold a reporting-cue term of the attribution lexicon:
    the recall a lexical cue detector can reach at best."""
    engine = get_engine("blank")
    lexicon = engine.resources.lexicons["attribution"]
    tokenizer = engine.pipeline.nlp.tokenizer
    n = covered = 0
    for article in articles:
        for r in article.attributions:
            if not r.spans("Cue"):
                continue
            n += 1
            words = " ".join(article.text[a:b] for a, b in r.spans("Cue"))
            lowers = [t.lower_.replace("’", "'") for t in tokenizer(words)]
            covered += any(m.category in CUE_CATEGORIES for m in lexicon.match(lowers))
    return Figure(
        f"{FEATURE}.gold.lexicon_coverage",
        f"PolNeAR {SPLIT}: share of gold cues holding a reporting-cue term of the lexicon "
        "(about the recall ceiling of this lexicon)",
        covered / n if n else float("nan"),
        n,
        False,
        DATASET,
        command,
    )


@dataclass
class _Tally:
    cue: SpanAgreement = field(default_factory=lambda: SpanAgreement(0, 0, 0, 0))
    exact: SpanAgreement = field(default_factory=lambda: SpanAgreement(0, 0, 0, 0))
    matched_with_source: int = 0
    source_overlap: int = 0
    source_missing: int = 0


def evaluate_path(
    model: str, path_key: str, articles: Sequence[Article], command: str
) -> tuple[list[Figure], list[Table], list[Ranked]]:
    """Every attribution figure for one pipeline (``blank`` or a trained one)."""
    engine = get_engine(model)
    docs = (Document(text=a.text, source=a.base, raw_chars=len(a.text)) for a in articles)
    tally = _Tally()
    gold_sent: list[bool] = []
    pred_sent: list[bool] = []
    dens_ours: list[float] = []
    dens_gold: list[float] = []
    fp_words: Counter[str] = Counter()
    fp_where: defaultdict[str, Counter[str]] = defaultdict(Counter)
    fn_words: Counter[str] = Counter()
    for article, score in zip(articles, engine.score_documents(docs), strict=True):
        rels = article.attributions
        gold_cues = [r.spans("Cue") for r in rels if r.spans("Cue")]
        gold_any = [s for r in rels for role in ROLES for s in r.spans(role)]
        gold_content = [s for r in rels for s in r.spans("Content")]
        records: list[dict[str, Any]] = [r for r in score.details["attributions"] if r["cue_span"]]
        cues: list[Span] = [(r["cue_span"][0], r["cue_span"][1]) for r in records]
        quotes: list[Span] = [
            (e.start, e.end)
            for e in score.evidence
            if e.family == "attribution" and e.category == "direct_quote"
        ]
        tally.cue += span_agreement(cues, gold_cues)
        tally.exact += exact_agreement(cues, gold_cues)
        for record, cue in zip(records, cues, strict=True):
            hit = [r for r in rels if r.spans("Cue") and overlaps_any(cue, r.spans("Cue"))]
            if not hit:
                word = _words(article.text, [cue])
                place = (
                    "content"
                    if overlaps_any(cue, gold_content)
                    else "source"
                    if overlaps_any(cue, gold_any)
                    else "outside"
                )
                fp_words[word] += 1
                fp_where[word][place] += 1
                continue
            gold_source = hit[0].spans("Source")
            if gold_source:
                tally.matched_with_source += 1
                src = record["source_span"]
                if src is None:
                    tally.source_missing += 1
                elif overlaps_any((src[0], src[1]), gold_source):
                    tally.source_overlap += 1
        for gold_cue in gold_cues:
            if not any(overlaps_any(c, gold_cue) for c in cues):
                fn_words[_words(article.text, gold_cue)] += 1
        n_gold = 0
        for span in score.sentences:
            is_gold = overlaps_any(span, gold_any)
            gold_sent.append(is_gold)
            pred_sent.append(overlaps_any(span, cues) or overlaps_any(span, quotes))
            n_gold += is_gold
        dens_ours.append(float(score.metrics["attribution_density"]))
        dens_gold.append(n_gold / len(score.sentences) if score.sentences else float("nan"))

    label = "fast path" if path_key == "fast" else f"parsed path ({model})"

    def fig(name: str, text: str, value: float, n: int, checked: bool = True) -> Figure:
        return Figure(
            f"{FEATURE}.{path_key}.{name}",
            f"PolNeAR {SPLIT}, {label}: {text}",
            value,
            n,
            checked,
            DATASET,
            command,
        )

    by_sentence = Confusion.of(gold_sent, pred_sent)
    n_cues = tally.cue.n_gold
    n_src = tally.matched_with_source
    figures = [
        fig("cue.precision", "cue precision (token overlap)", tally.cue.precision, n_cues),
        fig("cue.recall", "cue recall (token overlap)", tally.cue.recall, n_cues),
        fig("cue.f1", "cue F1 (token overlap)", tally.cue.f1, n_cues),
        fig("cue.exact.precision", "cue precision (exact span)", tally.exact.precision, n_cues),
        fig("cue.exact.recall", "cue recall (exact span)", tally.exact.recall, n_cues),
        fig("cue.exact.f1", "cue F1 (exact span)", tally.exact.f1, n_cues),
        fig(
            "sentence.precision",
            "attributed-sentence precision",
            by_sentence.precision,
            by_sentence.n,
        ),
        fig("sentence.recall", "attributed-sentence recall", by_sentence.recall, by_sentence.n),
        fig("sentence.f1", "attributed-sentence F1", by_sentence.f1, by_sentence.n),
        fig("sentence.mcc", "attributed-sentence MCC", by_sentence.mcc, by_sentence.n),
        fig(
            "sentence.base_rate",
            "share of sentences attributed (gold)",
            by_sentence.base_rate,
            by_sentence.n,
            checked=False,
        ),
        fig(
            "sentence.every.f1",
            "F1 of calling every sentence attributed (baseline)",
            by_sentence.all_positive_f1,
            by_sentence.n,
            checked=False,
        ),
        fig(
            "sentence.every.mcc",
            "MCC of calling every sentence attributed (baseline)",
            0.0,
            by_sentence.n,
            checked=False,
        ),
        fig(
            "density.spearman",
            "per-article Spearman, attribution_density vs gold density",
            spearman(dens_ours, dens_gold),
            len(dens_ours),
        ),
        fig(
            "density.mean_ours",
            "mean attribution_density (ours)",
            sum(dens_ours) / len(dens_ours),
            len(dens_ours),
            checked=False,
        ),
        fig(
            "density.mean_gold",
            "mean gold density",
            sum(dens_gold) / len(dens_gold),
            len(dens_gold),
            checked=False,
        ),
        fig(
            "density.mean_closeness",
            "1 - |mean attribution_density - mean gold density| (1 = same mean)",
            1 - abs(sum(dens_ours) / len(dens_ours) - sum(dens_gold) / len(dens_gold)),
            len(dens_ours),
        ),
        fig(
            "source.overlap",
            "matched cues whose source span overlaps the gold source",
            tally.source_overlap / n_src if n_src else float("nan"),
            n_src,
        ),
        fig(
            "source.missing",
            "matched cues with a gold source where we find none",
            tally.source_missing / n_src if n_src else float("nan"),
            n_src,
            checked=False,
        ),
    ]
    where: Counter[str] = sum(fp_where.values(), Counter())
    n_fp = sum(where.values())
    tables = [
        Table(
            f"PolNeAR {SPLIT}, {label}: where our unmatched (false-positive) cues sit",
            ("location", "cues", "share"),
            tuple((LOCATIONS[w], str(c), f"{c / n_fp:.3f}") for w, c in where.most_common()),
        )
    ]
    lexicon = engine.resources.lexicons["attribution"]
    tokenizer = engine.pipeline.nlp.tokenizer
    errors = [
        Ranked(
            f"PolNeAR {SPLIT}, {label}: top {TOP} false-positive cues (overlap no gold Cue)",
            tuple(
                (w, c, ", ".join(f"{k} {v}" for k, v in fp_where[w].most_common()))
                for w, c in fp_words.most_common(TOP)
            ),
            f"{n_fp} false-positive cues in all; detail: where they sit (content = inside a "
            "gold Content span)",
        ),
        Ranked(
            f"PolNeAR {SPLIT}, {label}: top {TOP} false-negative gold cues (no cue of ours "
            "overlaps)",
            tuple(
                (w, c, _lexicon_status(w, lexicon, tokenizer)) for w, c in fn_words.most_common(TOP)
            ),
            f"{sum(fn_words.values())} missed gold cues in all; detail: whether the attribution "
            "lexicon holds the words",
        ),
    ]
    return figures, tables, errors


def evaluate(
    fast: bool = False,
    data: str | Path | None = None,
    progress: Callable[[str], None] | None = None,
) -> FeatureResult:
    """Attribution on PolNeAR dev, fast path and (if installed) parsed path side by side."""
    t0 = time.perf_counter()
    folder = require(eval_dir(data) / DATASET, "PolNeAR")
    root = require(folder / "data" / SPLIT, f"PolNeAR {SPLIT} split").parent
    articles = read_polnear(root, SPLIT, FAST_STRIDE if fast else 1)
    command = command_for(FEATURE, fast)
    figures: list[Figure] = []
    tables: list[Table] = []
    errors: list[Ranked] = []
    paths = [("fast", "blank")]
    trained = installed_trained_english()
    if trained:
        paths.append(("parsed", trained))
    figures.append(_lexicon_coverage(articles, command))
    for key, model in paths:
        if progress:
            progress(f"attribution: PolNeAR {SPLIT}, {len(articles)} articles, {model}")
        f, t, e = evaluate_path(model, key, articles, command)
        figures += f
        tables += t
        errors += e
    subset = (
        f"every {FAST_STRIDE}nd article by name ({len(articles)} of the dev split)"
        if fast
        else f"all {len(articles)} articles"
    )
    multi = sum(1 for a in articles if a.annotation_files > 1)
    notes = [
        f"PolNeAR {SPLIT} split, {subset}; gold is the first annotation file by name "
        f"({multi} articles have more than one).",
        "Units: a gold cue is the Cue span of an Attribution or Attribution-no-source "
        "relation; token overlap counts a cue of ours as correct if it shares a character with "
        "one, exact span if it equals a one-fragment gold cue. A sentence (our segmentation) is "
        "gold-attributed when it overlaps a Cue, Source or Content span of such a relation, and "
        "attributed by us when it holds one of our cues or quoted speech (the definition of "
        "`attribution_density`). Source: of our cues that match a gold cue whose relation has "
        "a Source, the share whose source span overlaps it.",
        "About 72 % of PolNeAR sentences carry an attribution, so calling every sentence "
        "attributed already scores a high F1: judge the sentence level by MCC (0 for that "
        "baseline), and the measure by cue F1 and by the density correlation.",
        "PolNeAR annotates one level of attribution: a reporting verb inside another "
        "relation's Content (a quote that reports someone else) is usually left unannotated, "
        "so part of our false-positive cues are correct reporting cues (see the location "
        "table).",
    ]
    if not trained:
        notes.append(
            "The parsed path was skipped: no trained English pipeline is installed "
            "(pip install 'framing-toolkit[parsed]')."
        )
    return FeatureResult(
        FEATURE,
        "Attribution vs PolNeAR",
        command,
        tuple(figures),
        tuple(tables),
        tuple(errors),
        tuple(notes),
        (read_dataset(folder, DATASET),),
        time.perf_counter() - t0,
    )
