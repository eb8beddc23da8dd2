"""Lexicons as values: terms, categories, lexicons and a set of them, and the term syntax
every file format shares (a trailing ``*`` is a prefix wildcard, ``{NUM}`` one number token).

Formats (:mod:`~framing.lexicon.toml`, :mod:`~framing.lexicon.liwc`) build these values;
:mod:`~framing.lexicon.load` is the one loader; :mod:`~framing.lexicon.matcher` matches them.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

NUM = "{NUM}"


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


def is_number(lower: str) -> bool:
    """True for a number token: 11,000 / 4.5 / 40% / 1st / a number word."""
    return bool(_NUMERIC.match(lower)) or lower in _NUMBER_WORDS


def describe(lexicon: Lexicon) -> dict[str, Any]:
    """A JSON-ready summary: name, version, references and category sizes."""
    return {
        "name": lexicon.name,
        "version": lexicon.label,
        "references": list(lexicon.references),
        "categories": {c.name: c.size for c in lexicon.categories.values()},
    }


DIC_SUFFIXES = (".dic", ".dicx")


def is_dictionary_path(path: str | Path) -> bool:
    """True for a ``.dic`` or ``.dicx`` file name (case-insensitive)."""
    return Path(str(path)).suffix.lower() in DIC_SUFFIXES


def default_tokenizer() -> Tokenizer:
    """The tokenizer of the scoring pipeline (blank English spaCy): terms split like text."""
    from framing.nlp import token_texts

    return token_texts


#: Largest lexicon file read: 64 MB is millions of terms.
MAX_LEXICON_BYTES = 64 * 1024 * 1024


def read_lexicon_bytes(path: Path) -> bytes:
    """A lexicon file's bytes; a FIFO or device (which could be read forever) and a file over
    :data:`MAX_LEXICON_BYTES` are refused as :class:`LexiconError` naming ``FILE:1``."""
    from framing.errors import InputError, LexiconError
    from framing.ingest.text import read_regular

    try:
        return read_regular(path, MAX_LEXICON_BYTES)
    except InputError as exc:
        reason = str(exc).removeprefix(f"{path}: ")
        raise LexiconError(f"{path}:1: cannot read lexicon file ({reason})") from exc
