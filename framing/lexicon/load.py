"""The one lexicon loader: a file by its suffix (``.toml``, or a LIWC ``.dic``/``.dicx``),
the built-in lexicons shipped inside the package, and user files applied over them.

>>> lexicons = load_lexicons()
>>> sorted(lexicons.lexicons)[:2]
['attribution', 'evaluation']
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from importlib import resources
from pathlib import Path

from framing.errors import LexiconError
from framing.lexicon.model import (
    Lexicon,
    LexiconSet,
    Tokenizer,
    default_tokenizer,
    read_lexicon_bytes,
)
from framing.lexicon.toml import parse_lexicon


def load_lexicon(path: str | Path, *, tokenizer: Tokenizer | None = None) -> Lexicon:
    """Read and validate one lexicon file (TOML, or a LIWC .dic/.dicx); errors name FILE:LINE.

    >>> lex = load_lexicon(builtin_path("hedging"))
    >>> lex.name, "hedges" in lex.categories
    ('hedging', True)
    """
    p = Path(path)
    if p.suffix.lower() in (".dic", ".dicx"):
        from framing.lexicon.liwc import load_dictionary  # LIWC-format dictionaries

        return load_dictionary(p, tokenizer=tokenizer)
    try:
        raw = read_lexicon_bytes(p).decode("utf-8")
    except UnicodeDecodeError as exc:
        raise LexiconError(f"{p}:1: cannot read lexicon file ({exc.__class__.__name__})") from exc
    return parse_lexicon(raw, str(p), tokenizer=tokenizer)


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
