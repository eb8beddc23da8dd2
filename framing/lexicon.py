"""Lexicons as data: the TOML file format, one validating loader, and compiled matchers.

A lexicon file (see ``lexicons/README.md``) looks like::

    [lexicon]
    name = "hedging"
    version = "1.0.0"
    description = "..."
    license = "CC-BY-4.0"
    references = ["Hyland, K. (2005). Metadiscourse. Continuum."]

    [categories.hedges]
    description = "..."
    codebook = "Hyland (2005), appendix: hedges"
    terms = ["may", "appear*", "around {NUM}"]
    weak_terms = ["could"]

Terms are case-insensitive and matched on spaCy tokens. A word ending in ``*`` is a prefix
wildcard, ``{NUM}`` matches one number token. ``weak_terms`` count only in a sentence that also
holds one of the category's ``terms``. Every error names ``FILE:LINE``.
"""

from __future__ import annotations

import hashlib
import json
import re
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from importlib import resources
from itertools import compress
from pathlib import Path
from typing import Any, NamedTuple, Protocol

from framing.errors import LexiconError

NUM = "{NUM}"
LEXICON_KEYS = {"name", "version", "description", "license", "references"}
REQUIRED_LEXICON_KEYS = ("name", "version")
CATEGORY_KEYS = {"description", "codebook", "terms", "weak_terms"}
REQUIRED_CATEGORY_KEYS = ("codebook", "terms")
_NAME = re.compile(r"^[a-z][a-z0-9_]*$")
_VERSION = re.compile(r"^\d+\.\d+(\.\d+)?([.+-][0-9A-Za-z.+-]+)?$")
_WORD = re.compile(r"^(\{NUM\}|[^\s*{}]+\*?)$")
_MIN_STEM = 3
_NUMBER_WORDS = frozenset(
    [
        "zero",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
        "twenty",
        "thirty",
        "forty",
        "fifty",
        "sixty",
        "seventy",
        "eighty",
        "ninety",
        "hundred",
        "hundreds",
        "thousand",
        "thousands",
        "million",
        "millions",
        "billion",
        "billions",
        "trillion",
        "dozen",
        "dozens",
        "half",
    ]
)
_NUMERIC = re.compile(r"^[+-]?(\d[\d,]*)(\.\d+)?%?$|^\d+(st|nd|rd|th)$")


class Tokenizer(Protocol):
    """Anything that splits a string into token texts the way the scoring pipeline does."""

    def __call__(self, text: str) -> Sequence[str]: ...


@dataclass(frozen=True)
class Term:
    """One entry of a category: ``pattern`` is a tuple of token patterns (lower-cased)."""

    text: str
    category: str
    weak: bool
    line: int
    pattern: tuple[str, ...] = ()

    @property
    def wildcards(self) -> int:
        return sum(1 for p in self.pattern if p.endswith("*") or p == NUM)


@dataclass(frozen=True)
class Category:
    name: str
    description: str
    codebook: str
    terms: tuple[Term, ...]
    line: int
    path: str

    @property
    def size(self) -> int:
        return len(self.terms)


@dataclass(frozen=True)
class Lexicon:
    """A validated lexicon file (or a built-in one with user overrides applied)."""

    name: str
    version: str
    description: str
    license: str
    references: tuple[str, ...]
    categories: Mapping[str, Category]
    path: str
    warnings: tuple[str, ...] = ()
    overrides: tuple[str, ...] = ()

    @property
    def fingerprint(self) -> str:
        """Hash of everything that changes matching: names, versions, categories and terms."""
        payload = {
            "name": self.name,
            "version": self.version,
            "categories": {
                c.name: sorted((t.text.lower(), t.weak) for t in c.terms)
                for c in sorted(self.categories.values(), key=lambda c: c.name)
            },
        }
        blob = json.dumps(payload, sort_keys=True, ensure_ascii=False).encode("utf-8")
        return hashlib.sha256(blob).hexdigest()

    @property
    def label(self) -> str:
        """``version`` plus a short hash when user files changed the built-in lexicon."""
        if not self.overrides:
            return self.version
        return f"{self.version}+user.{self.fingerprint[:8]}"


# --------------------------------------------------------------------------- loading


def _line_of(lines: list[str], pattern: str, start: int = 0, stop: int | None = None) -> int:
    """1-based number of the first line in ``lines[start:stop]`` matching ``pattern``."""
    rx = re.compile(pattern)
    for i in range(start, len(lines) if stop is None else stop):
        if rx.search(lines[i]):
            return i + 1
    return start + 1 if start < len(lines) else max(1, len(lines))


def _table_span(lines: list[str], table: str) -> tuple[int, int]:
    """0-based [start, stop) line range of a ``[table]`` (its header included)."""
    head = re.compile(r"^\s*\[\s*" + re.escape(table).replace(r"\.", r"\s*\.\s*") + r"\s*\]")
    any_head = re.compile(r"^\s*\[")
    start = next((i for i, ln in enumerate(lines) if head.search(ln)), 0)
    stop = next((i for i in range(start + 1, len(lines)) if any_head.search(lines[i])), len(lines))
    return start, stop


def _string_line(lines: list[str], span: tuple[int, int], value: str, nth: int = 0) -> int:
    """Line of the ``nth`` (0-based) quoted occurrence of ``value`` inside ``span``."""
    rx = re.compile(r"""(["'])""" + re.escape(value) + r"\1")
    seen = 0
    for i in range(span[0], span[1]):
        for _ in rx.finditer(lines[i]):
            if seen == nth:
                return i + 1
            seen += 1
    return span[0] + 1


def load_lexicon(path: str | Path, *, tokenizer: Tokenizer | None = None) -> Lexicon:
    """Read and validate one lexicon file (TOML, or a LIWC .dic/.dicx); errors name FILE:LINE.

    >>> lex = load_lexicon(builtin_path("hedging"))
    >>> lex.name, "hedges" in lex.categories
    ('hedging', True)
    """
    p = Path(path)
    if p.suffix.lower() in (".dic", ".dicx"):
        from framing.dictionaries import load_dictionary  # LIWC-format dictionaries

        return load_dictionary(p, tokenizer=tokenizer)
    try:
        raw = p.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise LexiconError(f"{p}:1: cannot read lexicon file ({exc.__class__.__name__})") from exc
    return parse_lexicon(raw, str(p), tokenizer=tokenizer)


def parse_lexicon(
    raw: str, path: str = "<string>", *, tokenizer: Tokenizer | None = None
) -> Lexicon:
    """Validate lexicon text; ``path`` is only used in messages."""
    try:
        data = tomllib.loads(raw)
    except tomllib.TOMLDecodeError as exc:
        m = re.search(r"line (\d+)", str(exc))
        raise LexiconError(f"{path}:{m.group(1) if m else 1}: invalid TOML: {exc}") from exc
    lines = raw.splitlines()
    tok = tokenizer or default_tokenizer()

    def fail(line: int, msg: str) -> LexiconError:
        return LexiconError(f"{path}:{line}: {msg}")

    unknown_top = sorted(set(data) - {"lexicon", "categories"})
    if unknown_top:
        line = _line_of(lines, r"^\s*\[?\s*" + re.escape(unknown_top[0]))
        raise fail(
            line, f"unknown top-level key {unknown_top[0]!r}; valid: 'lexicon', 'categories'"
        )
    head = data.get("lexicon")
    if not isinstance(head, dict):
        raise fail(1, "missing [lexicon] table (name, version, description, license, references)")
    hspan = _table_span(lines, "lexicon")
    for key in sorted(set(head) - LEXICON_KEYS):
        raise fail(
            _line_of(lines, rf"^\s*{re.escape(key)}\s*=", *hspan),
            f"unknown key {key!r} in [lexicon]; valid: {', '.join(sorted(LEXICON_KEYS))}",
        )
    for key in REQUIRED_LEXICON_KEYS:
        if not isinstance(head.get(key), str) or not head[key].strip():
            raise fail(hspan[0] + 1, f"[lexicon] needs a non-empty string {key!r}")
    name, version = head["name"], head["version"]
    if not _NAME.match(name):
        raise fail(
            _line_of(lines, r"^\s*name\s*=", *hspan), f"bad lexicon name {name!r}: use a-z, 0-9, _"
        )
    if not _VERSION.match(version):
        raise fail(
            _line_of(lines, r"^\s*version\s*=", *hspan),
            f"bad version {version!r}: use MAJOR.MINOR[.PATCH]",
        )
    refs = head.get("references", [])
    if not isinstance(refs, list) or not all(isinstance(r, str) for r in refs):
        raise fail(
            _line_of(lines, r"^\s*references\s*=", *hspan), "references must be a list of strings"
        )

    cats_raw = data.get("categories")
    if not isinstance(cats_raw, dict) or not cats_raw:
        raise fail(len(lines) or 1, "no categories: add at least one [categories.NAME] table")

    seen: dict[str, tuple[str, int]] = {}
    categories: dict[str, Category] = {}
    warnings: list[str] = []
    for cname, body in cats_raw.items():
        span = _table_span(lines, f"categories.{cname}")
        cline = span[0] + 1
        if not _NAME.match(cname):
            raise fail(cline, f"bad category name {cname!r}: use a-z, 0-9, _")
        if not isinstance(body, dict):
            raise fail(cline, f"categories.{cname} must be a table")
        for key in sorted(set(body) - CATEGORY_KEYS):
            raise fail(
                _line_of(lines, rf"^\s*{re.escape(key)}\s*=", *span),
                f"unknown key {key!r} in [categories.{cname}]; "
                f"valid: {', '.join(sorted(CATEGORY_KEYS))}",
            )
        for key in REQUIRED_CATEGORY_KEYS:
            if key not in body:
                raise fail(cline, f"[categories.{cname}] needs {key!r}")
        for key in ("description", "codebook"):
            if key in body and not isinstance(body[key], str):
                raise fail(_line_of(lines, rf"^\s*{key}\s*=", *span), f"{key} must be a string")
        terms: list[Term] = []
        occurrences: dict[str, int] = {}
        for key, weak in (("terms", False), ("weak_terms", True)):
            values = body.get(key, [])
            kline = _line_of(lines, rf"^\s*{key}\s*=", *span)
            if not isinstance(values, list):
                raise fail(kline, f"{key} of {cname!r} must be a list of strings")
            for value in values:
                if not isinstance(value, str):
                    raise fail(kline, f"{key} of {cname!r}: {value!r} is not a string")
                line = _string_line(lines, span, value, occurrences.get(value, 0))
                occurrences[value] = occurrences.get(value, 0) + 1
                text = " ".join(value.split())
                if not text:
                    raise fail(line, f"empty term in {key} of {cname!r}")
                problem = term_problem(text)
                if problem:
                    raise fail(line, f"bad term {value!r} in {cname!r}: {problem}")
                norm = text.lower()
                if norm in seen:
                    other_cat, other_line = seen[norm]
                    where = "again" if other_cat == cname else f"also in {other_cat!r}"
                    raise fail(line, f"duplicate term {value!r} ({where}, line {other_line})")
                seen[norm] = (cname, line)
                terms.append(Term(text, cname, weak, line, compile_pattern(text, tok)))
        if not terms:
            raise fail(cline, f"category {cname!r} has no terms")
        categories[cname] = Category(
            cname,
            str(body.get("description", "")),
            str(body["codebook"]),
            tuple(terms),
            cline,
            path,
        )
    warnings.extend(_shadow_warnings(categories, path))
    return Lexicon(
        name=name,
        version=version,
        description=str(head.get("description", "")),
        license=str(head.get("license", "")),
        references=tuple(refs),
        categories=categories,
        path=path,
        warnings=tuple(warnings),
    )


def term_problem(text: str) -> str | None:
    """Why a term is malformed, or None. Wildcards end a word and keep >= 3 letters."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return "not valid Unicode text (a lone surrogate)"
    for word in text.split(" "):
        if not _WORD.match(word):
            if "*" in word[:-1]:
                return "'*' may only end a word"
            if "{" in word or "}" in word:
                return "the only placeholder is {NUM}"
            return f"bad word {word!r}"
        if word.endswith("*"):
            # the wildcard applies to the last token of the word: "a-b*" would match any b-word
            stem = re.search(r"[^\W_]*$", word[:-1])
            if stem is None or len(stem.group()) < _MIN_STEM:
                return f"wildcard {word!r} needs at least {_MIN_STEM} letters before '*'"
    return None


def compile_pattern(text: str, tokenizer: Tokenizer) -> tuple[str, ...]:
    """Turn a term into token patterns, tokenizing each word like the scoring pipeline."""
    out: list[str] = []
    for word in text.lower().split(" "):
        if word == NUM.lower() or word == NUM:
            out.append(NUM)
            continue
        star = word.endswith("*")
        pieces = [p for p in tokenizer(word.rstrip("*")) if p.strip()]
        if star:
            pieces[-1] = pieces[-1] + "*"
        out.extend(pieces)
    return tuple(out)


def _shadow_warnings(categories: Mapping[str, Category], path: str) -> list[str]:
    """Exact terms that a wildcard of another category also matches: the exact term wins."""
    stems = [
        (t.pattern[0][:-1], t)
        for c in categories.values()
        for t in c.terms
        if len(t.pattern) == 1 and t.pattern[0].endswith("*")
    ]
    out = []
    for c in categories.values():
        for t in c.terms:
            if len(t.pattern) != 1 or t.wildcards:
                continue
            for stem, w in stems:
                if t.pattern[0].startswith(stem):
                    if w.category == t.category:
                        out.append(f"{path}:{t.line}: {t.text!r} is already covered by {w.text!r}")
                    else:
                        out.append(
                            f"{path}:{t.line}: {t.text!r} ({t.category}) is also matched by "
                            f"{w.text!r} ({w.category}); the exact term wins"
                        )
    return out


def default_tokenizer() -> Tokenizer:
    """The tokenizer of the scoring pipeline (blank English spaCy): terms split like text."""
    from framing.nlp import token_texts

    return token_texts


# --------------------------------------------------------------------------- built-ins

BUILTIN = ("framing", "hedging", "attribution", "sources", "evaluation")


def builtin_path(name: str) -> Path:
    """Path of a built-in lexicon file shipped inside the package."""
    if name not in BUILTIN:
        raise LexiconError(
            f"<builtin>:1: unknown built-in lexicon {name!r}; valid: {', '.join(BUILTIN)}"
        )
    return Path(str(resources.files("framing.lexicons").joinpath(f"{name}.toml")))


def merge(base: Lexicon, user: Lexicon) -> Lexicon:
    """Apply a user file to a built-in lexicon of the same name: its categories replace or add."""
    # A term may not land in two categories after the merge either; blame the user's file.
    kept = {n: c for n, c in base.categories.items() if n not in user.categories}
    owner = {t.text.lower(): (c, t) for c in kept.values() for t in c.terms}
    for c in user.categories.values():
        for t in c.terms:
            if t.text.lower() in owner:
                prev, pt = owner[t.text.lower()]
                raise LexiconError(
                    f"{c.path}:{t.line}: term {t.text!r} of {c.name!r} is already in "
                    f"{prev.name!r} ({prev.path}:{pt.line}); a term belongs to one category"
                )
    cats = {**base.categories, **user.categories}
    return replace(
        base,
        categories=cats,
        warnings=base.warnings + user.warnings,
        overrides=(*base.overrides, user.path),
    )


@dataclass(frozen=True)
class LexiconSet:
    """The built-in lexicons with user files applied, plus user-only (custom) lexicons."""

    lexicons: Mapping[str, Lexicon]
    custom: tuple[str, ...] = field(default=())

    def __getitem__(self, name: str) -> Lexicon:
        return self.lexicons[name]

    @property
    def versions(self) -> dict[str, str]:
        return {n: lex.label for n, lex in sorted(self.lexicons.items())}

    @property
    def fingerprint(self) -> str:
        blob = "|".join(f"{n}:{lex.fingerprint}" for n, lex in sorted(self.lexicons.items()))
        return hashlib.sha256(blob.encode()).hexdigest()


def load_lexicons(
    user_paths: Iterable[str | Path] = (), *, tokenizer: Tokenizer | None = None
) -> LexiconSet:
    """Load the built-ins, then apply each ``--lexicon`` file in order."""
    tok = tokenizer or default_tokenizer()
    lexicons = {name: load_lexicon(builtin_path(name), tokenizer=tok) for name in BUILTIN}
    custom: list[str] = []
    for p in user_paths:
        user = load_lexicon(p, tokenizer=tok)
        if user.name in lexicons:
            lexicons[user.name] = merge(lexicons[user.name], user)
        else:
            lexicons[user.name] = replace(user, overrides=(user.path,))
            custom.append(user.name)
    return LexiconSet(lexicons, tuple(custom))


# --------------------------------------------------------------------------- matching


class Match(NamedTuple):
    """A lexicon hit on tokens ``[start, end)`` (a named tuple: articles hold hundreds, and a
    tuple is built in a third of a frozen dataclass's time)."""

    start: int
    end: int
    category: str
    term: str
    weak: bool


def is_number(lower: str) -> bool:
    """True for a number token: 11,000 / 4.5 / 40% / 1st / a number word."""
    return bool(_NUMERIC.match(lower)) or lower in _NUMBER_WORDS


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
        self._table: dict[str, _Starts | None] = {}
        self._starters: set[str] = set()  # the keys of _table whose value is not None

    def _candidates(self, tok: str) -> list[Term]:
        out = list(self._exact.get(tok, ()))
        for n in self._stem_lengths:
            if len(tok) >= n:
                out.extend(self._stems[n].get(tok[:n], ()))
        if self._num and is_number(tok):
            out.extend(self._num)
        return out

    def _compiled(self, tok: str) -> _Starts | None:
        """:meth:`_candidates` in priority order, split by their second token (None: none)."""
        terms = self._candidates(tok)
        if not terms:
            self._table[tok] = None
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
        out = _Starts({k: tuple(v) for k, v in by_second.items()}, tuple(others))
        self._table[tok] = out
        self._starters.add(tok)
        return out

    def match(self, lowers: Sequence[str], vocab: frozenset[str] | None = None) -> list[Match]:
        """All non-overlapping matches in a token sequence (lower-cased token texts);
        ``vocab``, when given, is ``set(lowers)`` (shared by the lexicons of one article)."""
        out: list[Match] = []
        table, compiled = self._table, self._compiled
        # the distinct texts that can start a term, then only their positions are visited
        if vocab is None:
            vocab = frozenset(lowers)
        new = vocab.difference(table)
        if new:
            if len(table) + len(new) > CANDIDATE_TABLE_SIZE:
                table.clear()
                self._starters.clear()
                new = vocab
            for tok in new:
                compiled(tok)
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


def describe(lexicon: Lexicon) -> dict[str, Any]:
    """A JSON-ready summary: name, version, references and category sizes."""
    return {
        "name": lexicon.name,
        "version": lexicon.label,
        "references": list(lexicon.references),
        "categories": {c.name: c.size for c in lexicon.categories.values()},
    }
