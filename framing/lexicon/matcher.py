"""Compiled lexicons: token-indexed tables matched leftmost-longest, and the LIWC-style
matcher that counts every dictionary category on its own."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from itertools import compress
from typing import NamedTuple

from framing.lexicon.model import NUM, Category, Lexicon, Term, is_dictionary_path, is_number
from framing.memo import BoundedTable


class Match(NamedTuple):
    """A lexicon hit on tokens ``[start, end)`` (a named tuple: articles hold hundreds, and a
    tuple is built in a third of a frozen dataclass's time)."""

    start: int
    end: int
    category: str
    term: str
    weak: bool


#: Distinct token texts whose candidate terms a compiled lexicon keeps; emptied when full.
CANDIDATE_TABLE_SIZE = 200_000


# A pattern position after the first: (kind, text) with kind 0 exact, 1 prefix, 2 {NUM}.
_EXACT, _PREFIX, _NUMBER = 0, 1, 2


#: A candidate term: (tokens, rest of the pattern after its first position, term, rank); the
#: rank (-tokens, wildcards, position among the candidates) orders longest first, then the
#: more exact term, then file order.
_Candidate = tuple[int, tuple[tuple[int, str], ...], Term, tuple[int, int, int]]


@dataclass(frozen=True)
class _Starts:
    """The terms that can start at one token text, best first (longest, then more exact, then
    file order): those whose second token is exact, by that token, and all the others."""

    by_second: dict[str, tuple[_Candidate, ...]]
    others: tuple[_Candidate, ...]


class CompiledLexicon:
    """A lexicon compiled once into token-indexed tables; ``match`` is leftmost-longest.

    Exact first tokens are a dict lookup, wildcard first tokens a lookup per stem length,
    so matching costs a few dict probes per token whatever the lexicon's size. The candidate
    terms of each distinct token text are worked out once and kept, so a token seen before
    costs one dict probe.
    """

    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        self._exact: dict[str, list[Term]] = {}
        self._stems: dict[int, dict[str, list[Term]]] = {}
        self._num: list[Term] = []
        for cat in lexicon.categories.values():
            for t in cat.terms:
                first = t.pattern[0]
                if first == NUM:
                    self._num.append(t)
                elif first.endswith("*"):
                    stem = first[:-1]
                    self._stems.setdefault(len(stem), {}).setdefault(stem, []).append(t)
                else:
                    self._exact.setdefault(first, []).append(t)
        self._stem_lengths = sorted(self._stems, reverse=True)
        self._wildcards = {
            t.text: t.wildcards for c in lexicon.categories.values() for t in c.terms
        }
        self._starters: set[str] = set()  # the keys of _table whose value is not None
        self._table: BoundedTable[str, _Starts | None] = BoundedTable(
            lambda: CANDIDATE_TABLE_SIZE, on_clear=self._starters.clear
        )

    def _candidates(self, tok: str) -> list[Term]:
        out = list(self._exact.get(tok, ()))
        for n in self._stem_lengths:
            if len(tok) >= n:
                out.extend(self._stems[n].get(tok[:n], ()))
        if self._num and is_number(tok):
            out.extend(self._num)
        return out

    def _compiled(self, tok: str) -> _Starts | None:
        """:meth:`_candidates` in priority order, split by their second token (None: none);
        a text with candidates joins the starters."""
        terms = self._candidates(tok)
        if not terms:
            return None
        stars = self._wildcards
        ranked = sorted((-len(t.pattern), stars[t.text], k, t) for k, t in enumerate(terms))
        by_second: dict[str, list[_Candidate]] = {}
        others: list[_Candidate] = []
        for neg_len, wildcards, k, t in ranked:
            rest = tuple(_position(p) for p in t.pattern[1:])
            cand = (-neg_len, rest, t, (neg_len, wildcards, k))
            if len(t.pattern) > 1 and cand[1][0][0] == _EXACT:
                by_second.setdefault(cand[1][0][1], []).append(cand)
            else:
                others.append(cand)
        self._starters.add(tok)
        return _Starts({k: tuple(v) for k, v in by_second.items()}, tuple(others))

    def match(self, lowers: Sequence[str], vocab: frozenset[str] | None = None) -> list[Match]:
        """All non-overlapping matches in a token sequence (lower-cased token texts);
        ``vocab``, when given, is ``set(lowers)`` (shared by the lexicons of one article)."""
        out: list[Match] = []
        if vocab is None:
            vocab = frozenset(lowers)
        table = self._table.fill(vocab, self._compiled)
        # the distinct texts that can start a term, then only their positions are visited
        starts = vocab & self._starters
        if not starts:
            return out
        n = len(lowers)
        free = 0  # first token not inside an earlier match
        for i in compress(range(n), map(starts.__contains__, lowers)):
            if i < free:
                continue
            entry = table[lowers[i]]
            assert entry is not None
            best = _first_fit(entry.others, lowers, i, n)
            if i + 1 < n:
                paired = entry.by_second.get(lowers[i + 1])
                if paired is not None:
                    other = _first_fit(paired, lowers, i, n)
                    if other is not None and (best is None or other[3] < best[3]):
                        best = other
            if best is None:
                continue
            term = best[2]
            out.append(Match(i, i + best[0], term.category, term.text, term.weak))
            free = i + best[0]
        return out


def _first_fit(
    cands: tuple[_Candidate, ...], lowers: Sequence[str], i: int, n: int
) -> _Candidate | None:
    for cand in cands:
        if i + cand[0] <= n and (cand[0] == 1 or _fits_rest(cand[1], lowers, i + 1)):
            return cand
    return None


def _position(p: str) -> tuple[int, str]:
    if p == NUM:
        return _NUMBER, p
    if p.endswith("*"):
        return _PREFIX, p[:-1]
    return _EXACT, p


def _fits_rest(rest: tuple[tuple[int, str], ...], lowers: Sequence[str], i: int) -> bool:
    """Do tokens from ``i`` on fit a pattern's positions after its first?"""
    for k, (kind, p) in enumerate(rest):
        tok = lowers[i + k]
        if kind == _EXACT:
            if tok != p:
                return False
        elif kind == _PREFIX:
            if not tok.startswith(p):
                return False
        elif not is_number(tok):
            return False
    return True


def is_independent(category: Category) -> bool:
    """Dictionary categories count on their own (LIWC semantics), TOML ones as a partition."""
    return is_dictionary_path(category.path)


class DictionaryMatcher(CompiledLexicon):
    """A compiled lexicon whose dictionary categories are matched one by one.

    The TOML categories of the lexicon (if any, e.g. a built-in a ``.dic`` adds to) keep the
    usual leftmost-longest match across categories; each dictionary category is matched on
    its own, so an entry in three categories counts in all three and a phrase of one category
    does not hide a word of another. Matches come back sorted by position.

    One pass over the tokens finds, from the first token of every entry, where each category
    could match; the category's own matcher then runs only there. A 70-category dictionary
    costs about one category's pass plus the hits, not 70 passes.
    """

    def __init__(self, lexicon: Lexicon) -> None:
        shared = {n: c for n, c in lexicon.categories.items() if not is_independent(c)}
        super().__init__(replace(lexicon, categories=shared))
        self.lexicon = lexicon
        own = [c for c in lexicon.categories.values() if is_independent(c) and c.terms]
        self._own = {c.name: CompiledLexicon(replace(lexicon, categories={c.name: c})) for c in own}
        self._span = {c.name: max(len(t.pattern) for t in c.terms) for c in own}
        self._first_exact: dict[str, set[str]] = {}
        self._first_stems: dict[int, dict[str, set[str]]] = {}
        self._first_num: set[str] = set()
        for c in own:
            for t in c.terms:
                first = t.pattern[0]
                if first == NUM:
                    self._first_num.add(c.name)
                elif first.endswith("*"):
                    stems = self._first_stems.setdefault(len(first) - 1, {})
                    stems.setdefault(first[:-1], set()).add(c.name)
                else:
                    self._first_exact.setdefault(first, set()).add(c.name)
        self._first_lengths = sorted(self._first_stems, reverse=True)

    def _starts(self, lowers: Sequence[str]) -> dict[str, list[int]]:
        """Category -> token positions where one of its entries could start."""
        out: dict[str, list[int]] = {}
        for i, tok in enumerate(lowers):
            cats = set(self._first_exact.get(tok, ()))
            for n in self._first_lengths:
                if len(tok) >= n:
                    cats.update(self._first_stems[n].get(tok[:n], ()))
            if self._first_num and is_number(tok):
                cats |= self._first_num
            for c in cats:
                out.setdefault(c, []).append(i)
        return out

    def match(self, lowers: Sequence[str], vocab: frozenset[str] | None = None) -> list[Match]:
        out = super().match(lowers, vocab)
        for name, positions in self._starts(lowers).items():
            matcher, span, free = self._own[name], self._span[name], 0
            for i in positions:
                if i < free:
                    continue
                found = matcher.match(lowers[i : i + span])
                if found and found[0].start == 0:
                    m = found[0]
                    out.append(m._replace(start=i, end=i + m.end))
                    free = i + m.end
        out.sort(key=lambda m: (m.start, m.end, m.category))
        return out


def compile_lexicon(lexicon: Lexicon) -> CompiledLexicon:
    """The matcher for a lexicon: :class:`DictionaryMatcher` when it holds dictionary
    categories, else a plain :class:`CompiledLexicon`."""
    if any(is_independent(c) for c in lexicon.categories.values()):
        return DictionaryMatcher(lexicon)
    return CompiledLexicon(lexicon)
