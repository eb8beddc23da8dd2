"""Working with lexicons: list, show, validate, keyword-in-context and category statistics.

Everything here reads lexicons the way scoring does (:func:`framing.lexicon.load_lexicons`, the
built-ins plus ``--lexicon`` files, TOML or LIWC ``.dic``/``.dicx``) and matches text with the
scoring engine's own tokenizer, matcher and weak-term rule, so a KWIC line or a hit count here
is exactly a match a score counts.

A category is named ``LEXICON.CATEGORY`` (``hedging.hedges``, ``mfd2_0.care.virtue``); a bare
category name works when one lexicon has it, and a bare lexicon name means all its categories
where that makes sense (``show``, ``stats``).

Internal consistency (:func:`cronbach_alpha`, :func:`kuder_richardson_20`) follows LIWC's
Dictionary Workbench: the entries of a category are the items of a test and the documents its
respondents. For a document × entry matrix ``X`` (``n`` documents, ``k`` entries),

    alpha = k / (k - 1) * (1 - sum_j var(X[:, j]) / var(sum_j X[:, j]))

with population variances (the choice cancels out). *Raw alpha* uses each entry's rate in each
document (hits per 100 words); the *binary* variant uses presence (1) or absence (0), where
alpha equals Kuder–Richardson 20: ``KR20 = k / (k - 1) * (1 - sum_j p_j q_j / var(total))``.
Only entries hit in at least one document are items (an entry never hit is a constant item
that would only inflate ``k``), and only documents with words are respondents. Alpha is
undefined — NaN, with the reason — with fewer than 2 such entries, fewer than 2 documents, or
totals that do not vary.
"""

from __future__ import annotations

import csv
import io
import json
import math
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from framing.errors import ConfigError, LexiconError
from framing.lexicon.load import BUILTIN, load_lexicon, load_lexicons
from framing.lexicon.model import Category, Lexicon, LexiconSet
from framing.nlp import AUTO

if TYPE_CHECKING:
    from framing.corpus.inputs import Failure
    from framing.document import Document
    from framing.features.context import FeatureContext
    from framing.score import Engine

#: How many of a category's most frequent entries ``stats`` reports.
TOP_ENTRIES = 10


# --------------------------------------------------------------------------- naming


def resolve(lexicons: LexiconSet, spec: str, *, whole: bool = True) -> list[tuple[str, Category]]:
    """The categories ``spec`` names: ``LEX.CAT``, a bare category, or (``whole``) ``LEX``.

    >>> [c.name for _, c in resolve(load_lexicons(), "hedging.hedges")]
    ['hedges']
    """
    lex_name, dot, cat_name = spec.partition(".")
    if dot:
        if lex_name not in lexicons.lexicons:
            raise ConfigError(
                f"unknown lexicon {lex_name!r} in {spec!r}; valid: {', '.join(lexicons.lexicons)}"
            )
        cats = lexicons[lex_name].categories
        if cat_name not in cats:
            raise ConfigError(
                f"unknown category {cat_name!r} of {lex_name!r}; valid: {', '.join(cats)}"
            )
        return [(lex_name, cats[cat_name])]
    if whole and spec in lexicons.lexicons:
        return [(spec, c) for c in lexicons[spec].categories.values()]
    found = [
        (n, lex.categories[spec]) for n, lex in lexicons.lexicons.items() if spec in lex.categories
    ]
    if len(found) == 1:
        return found
    if found:
        names = ", ".join(f"{n}.{spec}" for n, _ in found)
        raise ConfigError(f"category {spec!r} is in several lexicons; name one of {names}")
    valid = [f"{n}.{c}" for n, lex in lexicons.lexicons.items() for c in lex.categories]
    what = "lexicon or category" if whole else "category"
    raise ConfigError(f"unknown {what} {spec!r}; valid: {', '.join(valid)}")


# --------------------------------------------------------------------------- list / show


def describe_lexicons(lexicons: LexiconSet) -> list[dict[str, Any]]:
    """Every lexicon: name, version, where it comes from, licence, references, categories
    (size and codebook) and load warnings. JSON-ready."""
    out = []
    for name, lex in lexicons.lexicons.items():
        out.append(
            {
                "name": name,
                "version": lex.label,
                "origin": "built-in" if name in BUILTIN and not lex.overrides else "user",
                "path": lex.path,
                "overrides": list(lex.overrides),
                "license": lex.license,
                "references": list(lex.references),
                "categories": [
                    {"name": c.name, "entries": c.size, "codebook": c.codebook, "path": c.path}
                    for c in lex.categories.values()
                ],
                "warnings": list(lex.warnings),
            }
        )
    return out


def format_list(lexicons: LexiconSet) -> str:
    """``framing lexicon list`` as text: one block per lexicon, one line per category."""
    lines: list[str] = []
    for d in describe_lexicons(lexicons):
        lines.append(f"{d['name']} {d['version']} ({d['origin']}: {d['path']})")
        if d["license"]:
            lines.append(f"  license: {d['license']}")
        for ref in d["references"]:
            lines.append(f"  source: {ref}")
        width = max(len(c["name"]) for c in d["categories"])
        for c in d["categories"]:
            codebook = " ".join(c["codebook"].split())
            if len(codebook) > 90:
                codebook = codebook[:89] + "…"
            lines.append(f"  {c['name']:<{width}}  {c['entries']:>5}  {codebook}")
        lines.append("")
    return "\n".join(lines)


def format_show(lexicons: LexiconSet, spec: str) -> str:
    """``framing lexicon show`` as text: a category's entries, one a line (``~`` marks a weak
    term); for a whole lexicon, each category under a ``[LEX.CAT]`` heading."""
    found = resolve(lexicons, spec)
    lines: list[str] = []
    for lex_name, cat in found:
        if len(found) > 1:
            lines.append(f"[{lex_name}.{cat.name}]  {cat.size} entries")
        lines.extend(f"~{t.text}" if t.weak else t.text for t in cat.terms)
        if len(found) > 1:
            lines.append("")
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------- validate


@dataclass(frozen=True)
class Validation:
    """One file checked: its lexicon, or the error (``FILE:LINE: reason``)."""

    path: str
    lexicon: Lexicon | None
    error: str | None

    @property
    def summary(self) -> str:
        if self.lexicon is None:
            return str(self.error)
        lex = self.lexicon
        entries = len({t.text.lower() for c in lex.categories.values() for t in c.terms})
        warn = f", {len(lex.warnings)} warnings" if lex.warnings else ""
        return (
            f"{self.path}: ok: lexicon {lex.name!r} {lex.version}, "
            f"{len(lex.categories)} categories, {entries} entries{warn}"
        )


def validate(paths: Iterable[str | Path]) -> list[Validation]:
    """Check lexicon files (TOML, ``.dic``, ``.dicx``) one by one, then together with the
    built-ins as ``--lexicon`` would load them (a conflict there is reported on the file)."""
    out = []
    for p in paths:
        try:
            out.append(Validation(str(p), load_lexicon(p), None))
        except LexiconError as exc:
            out.append(Validation(str(p), None, str(exc)))
    good = [v.path for v in out if v.lexicon is not None]
    if good and len(good) == len(out):
        try:
            load_lexicons(good)
        except LexiconError as exc:
            return [Validation("<together>", None, str(exc))]
    return out


# --------------------------------------------------------------------------- reading a corpus


def _contexts(
    engine: Engine, paths: Sequence[str | Path], failures: list[Failure]
) -> Iterator[tuple[str, FeatureContext]]:
    """(label, context) for every readable document under ``paths``, parsed by the engine's
    pipeline; unreadable inputs go to ``failures``."""
    from framing.corpus.inputs import Failure, InputFile, discover
    from framing.errors import InputError
    from framing.features.context import FeatureContext
    from framing.ingest import read_path

    def documents() -> Iterator[tuple[str, tuple[str, Document]]]:
        for item in discover(paths):
            if not isinstance(item, InputFile):
                failures.append(item)
                continue
            try:
                docs = read_path(item.path)
            except InputError as exc:
                failures.append(Failure(item.label, str(exc)))
                continue
            for k, d in enumerate(docs):
                label = item.label if len(docs) == 1 else f"{item.label}#{k + 1}"
                yield (d.text, (label, d))

    for doc, (label, document) in engine.pipeline.nlp.pipe(documents(), as_tuples=True):
        yield label, FeatureContext(document, doc, engine.resources)


# --------------------------------------------------------------------------- kwic


@dataclass(frozen=True)
class KwicLine:
    """One match in context: where, which entry, and the words around it."""

    source: str
    category: str
    entry: str
    left: str
    match: str
    right: str
    start: int
    end: int
    sentence: int


def _reach(ctx: FeatureContext, i: int, step: int, window: int) -> int:
    """The farthest token within ``window`` words of token ``i`` going ``step`` (``i`` if none)."""
    last, words, j = i, 0, i + step
    while 0 <= j < len(ctx.doc) and words < window:
        if ctx.word_mask[j]:
            words += 1
            last = j
        j += step
    return last


def kwic(
    spec: str,
    paths: Sequence[str | Path],
    *,
    window: int = 5,
    limit: int | None = None,
    lexicons: Sequence[str | Path] = (),
    spacy_model: str = AUTO,
    engine: Engine | None = None,
    failures: list[Failure] | None = None,
) -> list[KwicLine]:
    """Keyword in context for one category over a corpus (like LIWC's Contextualizer):
    ``window`` words either side of every match that scoring counts, in document order.

    >>> (line,) = kwic("hedging.hedges", ["seeds"], window=2, limit=1, spacy_model="blank")
    >>> line.left, line.match, line.right, line.entry
    ('These groups', 'fear that', 'repatriating the', 'fear* that')
    """
    if window < 0:
        raise ConfigError(f"window must be 0 or more, not {window}")
    if engine is None:  # an engine given by the caller wins over spacy_model and lexicons
        from framing.score import get_engine

        engine = get_engine(spacy_model, tuple(str(p) for p in lexicons))
    ((lex_name, cat),) = resolve(engine.lexicon_set, spec, whole=False)
    out: list[KwicLine] = []
    for label, ctx in _contexts(engine, paths, failures if failures is not None else []):
        for m in ctx.strong_matches(lex_name):
            if m.category != cat.name:
                continue
            ev = ctx.evidence("kwic", m.category, m.start, m.end, m.term)
            lo = _reach(ctx, m.start, -1, window)
            hi = _reach(ctx, m.end - 1, 1, window)
            left_start = ctx.doc[lo].idx if lo < m.start else ev.start
            right_end = ctx.doc[hi].idx + len(ctx.doc[hi].text) if hi >= m.end else ev.end
            out.append(
                KwicLine(
                    source=label,
                    category=f"{lex_name}.{m.category}",
                    entry=m.term,
                    left=" ".join(ctx.text[left_start : ev.start].split()),
                    match=" ".join(ev.text.split()),
                    right=" ".join(ctx.text[ev.end : right_end].split()),
                    start=ev.start,
                    end=ev.end,
                    sentence=ev.sentence,
                )
            )
            if limit is not None and len(out) >= limit:
                return out
    return out


def format_kwic(lines: Sequence[KwicLine], fmt: str = "text", *, width: int = 50) -> str:
    """KWIC lines as aligned text (source, left context right-aligned, match, right context),
    ``csv`` or ``jsonl``."""
    if fmt == "jsonl":
        return "".join(json.dumps(asdict(k), ensure_ascii=False) + "\n" for k in lines)
    if fmt == "csv":
        buf = io.StringIO()
        fields = list(KwicLine.__dataclass_fields__)
        writer = csv.DictWriter(buf, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(asdict(k) for k in lines)
        return buf.getvalue()
    if fmt != "text":
        raise ConfigError(f"unknown format {fmt!r}; valid: text, csv, jsonl")
    if not lines:
        return ""
    src = max(len(k.source) for k in lines)
    left = min(width, max(len(k.left) for k in lines))
    match = max(len(k.match) for k in lines)
    rows = []
    for k in lines:
        lt = k.left if len(k.left) <= left else "…" + k.left[-(left - 1) :]
        rt = k.right if len(k.right) <= width else k.right[: width - 1] + "…"
        rows.append(f"{k.source:<{src}}  {lt:>{left}}  {k.match:<{match}}  {rt}".rstrip())
    return "\n".join(rows) + "\n"


# --------------------------------------------------------------------------- stats


def _var(values: Sequence[float]) -> float:
    mean = sum(values) / len(values)
    return sum((v - mean) ** 2 for v in values) / len(values)


def alpha_problem(matrix: Sequence[Sequence[float]]) -> str | None:
    """Why alpha is undefined for a documents × items matrix, or None."""
    if len(matrix) < 2:
        return f"undefined: {len(matrix)} document(s) with words, alpha needs 2"
    k = len(matrix[0])
    if k < 2:
        return f"undefined: {k} entry(ies) hit, alpha needs 2"
    if _var([sum(row) for row in matrix]) == 0:
        return "undefined: the category's total does not vary across documents"
    return None


def cronbach_alpha(matrix: Sequence[Sequence[float]]) -> float:
    """Cronbach's alpha of a documents × items matrix (NaN where undefined, see
    :func:`alpha_problem`): ``k/(k-1) * (1 - sum of item variances / variance of totals)``.

    >>> round(cronbach_alpha([[1, 1], [0, 0], [1, 0]]), 3)
    0.667
    """
    if alpha_problem(matrix):
        return math.nan
    k = len(matrix[0])
    items = sum(_var([row[j] for row in matrix]) for j in range(k))
    return k / (k - 1) * (1 - items / _var([sum(row) for row in matrix]))


def kuder_richardson_20(matrix: Sequence[Sequence[float]]) -> float:
    """KR-20: Cronbach's alpha of the presence (1) / absence (0) of each item (NaN where
    undefined)."""
    return cronbach_alpha([[1.0 if v > 0 else 0.0 for v in row] for row in matrix])


@dataclass(frozen=True)
class CategoryStats:
    """How a category behaves on a corpus (see the module docstring for alpha)."""

    category: str
    entries: int
    documents: int
    documents_hit: int
    hits: int
    words: int
    entries_never_hit: int
    top_entries: tuple[tuple[str, int], ...]
    alpha_raw: float
    alpha_binary: float
    alpha_note: str | None
    alpha_items: int
    alpha_documents: int

    @property
    def share_documents_hit(self) -> float:
        return self.documents_hit / self.documents if self.documents else math.nan

    @property
    def per_1000_words(self) -> float:
        return 1000 * self.hits / self.words if self.words else math.nan

    def to_dict(self) -> dict[str, Any]:
        """Plain data; NaN becomes None (JSON null)."""
        d = asdict(self)
        d["top_entries"] = [{"entry": e, "hits": n} for e, n in self.top_entries]
        d["share_documents_hit"] = self.share_documents_hit
        d["per_1000_words"] = self.per_1000_words
        return {k: (None if isinstance(v, float) and math.isnan(v) else v) for k, v in d.items()}


@dataclass
class _Tally:
    words: list[int] = field(default_factory=list)
    per_doc: list[Counter[str]] = field(default_factory=list)


def category_stats(
    spec: str,
    paths: Sequence[str | Path],
    *,
    lexicons: Sequence[str | Path] = (),
    spacy_model: str = AUTO,
    engine: Engine | None = None,
    failures: list[Failure] | None = None,
) -> list[CategoryStats]:
    """Per category of ``spec`` (a category or a whole lexicon): share of documents hit,
    total hits, hits per 1,000 words, top entries, entries never hit, raw and binary alpha."""
    if engine is None:  # an engine given by the caller wins over spacy_model and lexicons
        from framing.score import get_engine

        engine = get_engine(spacy_model, tuple(str(p) for p in lexicons))
    found = resolve(engine.lexicon_set, spec)
    tallies = {(n, c.name): _Tally() for n, c in found}
    for _, ctx in _contexts(engine, paths, failures if failures is not None else []):
        for lex_name in {n for n, _ in found}:
            per_cat: dict[str, Counter[str]] = {}
            for m in ctx.strong_matches(lex_name):
                per_cat.setdefault(m.category, Counter())[m.term] += 1
            for (n, c), tally in tallies.items():
                if n == lex_name:
                    tally.words.append(ctx.n_words)
                    tally.per_doc.append(per_cat.get(c, Counter()))
    return [_stats(f"{n}.{c.name}", c, tallies[(n, c.name)]) for n, c in found]


def _stats(name: str, cat: Category, tally: _Tally) -> CategoryStats:
    totals: Counter[str] = Counter()
    for counts in tally.per_doc:
        totals.update(counts)
    hit = [e for e in dict.fromkeys(t.text for t in cat.terms) if totals[e] > 0]
    rows = [
        [100 * counts[e] / words for e in hit]
        for counts, words in zip(tally.per_doc, tally.words, strict=True)
        if words > 0
    ]
    note = alpha_problem(rows) if rows else "undefined: no document with words"
    return CategoryStats(
        category=name,
        entries=cat.size,
        documents=len(tally.per_doc),
        documents_hit=sum(1 for c in tally.per_doc if c),
        hits=sum(totals.values()),
        words=sum(tally.words),
        entries_never_hit=sum(1 for t in cat.terms if totals[t.text] == 0),
        top_entries=tuple(sorted(totals.items(), key=lambda kv: (-kv[1], kv[0]))[:TOP_ENTRIES]),
        alpha_raw=math.nan if note else cronbach_alpha(rows),
        alpha_binary=math.nan if note else kuder_richardson_20(rows),
        alpha_note=note,
        alpha_items=len(hit),
        alpha_documents=len(rows),
    )


def format_stats(stats: Sequence[CategoryStats], fmt: str = "text") -> str:
    """Category statistics as text blocks or JSON."""
    if fmt == "json":
        return json.dumps([s.to_dict() for s in stats], indent=2, ensure_ascii=False) + "\n"
    if fmt != "text":
        raise ConfigError(f"unknown format {fmt!r}; valid: text, json")

    def num(x: float) -> str:
        return "—" if math.isnan(x) else f"{x:.3f}"

    lines = []
    for s in stats:
        top = ", ".join(f"{e} ({n})" for e, n in s.top_entries) or "—"
        lines += [
            f"{s.category}  ({s.entries} entries)",
            f"  documents hit      {s.documents_hit} of {s.documents} "
            f"({num(s.share_documents_hit)})",
            f"  hits               {s.hits} ({num(s.per_1000_words)} per 1,000 words)",
            f"  top entries        {top}",
            f"  entries never hit  {s.entries_never_hit} of {s.entries}",
        ]
        if s.alpha_note:
            lines.append(f"  alpha              {s.alpha_note}")
        else:
            lines.append(
                f"  alpha (raw rates)  {num(s.alpha_raw)}   binary (KR-20) {num(s.alpha_binary)}"
                f"   over {s.alpha_items} entries hit × {s.alpha_documents} documents"
            )
        lines.append("")
    return "\n".join(lines)
