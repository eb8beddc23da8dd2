"""Lexicons as data: the model (:mod:`~framing.lexicon.model`), the TOML format
(:mod:`~framing.lexicon.toml`), LIWC dictionaries (:mod:`~framing.lexicon.liwc`), one loader that
dispatches on the file's suffix (:mod:`~framing.lexicon.load`) and compiled matchers
(:mod:`~framing.lexicon.matcher`).

The names below are the package's public face; modules inside ``framing`` import from the
submodules.
"""

from __future__ import annotations

from framing.lexicon.load import BUILTIN, builtin_path, load_lexicon, load_lexicons, merge
from framing.lexicon.matcher import CompiledLexicon, DictionaryMatcher, Match, compile_lexicon
from framing.lexicon.model import (
    NUM,
    Category,
    Lexicon,
    LexiconSet,
    Term,
    Tokenizer,
    compile_pattern,
    default_tokenizer,
    describe,
    is_number,
    term_problem,
)
from framing.lexicon.toml import parse_lexicon

__all__ = [
    "BUILTIN",
    "NUM",
    "Category",
    "CompiledLexicon",
    "DictionaryMatcher",
    "Lexicon",
    "LexiconSet",
    "Match",
    "Term",
    "Tokenizer",
    "builtin_path",
    "compile_lexicon",
    "compile_pattern",
    "default_tokenizer",
    "describe",
    "is_number",
    "load_lexicon",
    "load_lexicons",
    "merge",
    "parse_lexicon",
    "term_problem",
]
