"""The TOML lexicon format: read and validate one file, with ``FILE:LINE`` in every error.

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

import re
import tomllib
from collections.abc import Mapping

from framing.errors import LexiconError
from framing.lexicon.model import (
    Category,
    Lexicon,
    Term,
    Tokenizer,
    compile_pattern,
    default_tokenizer,
    term_problem,
)

LEXICON_KEYS = {"name", "version", "description", "license", "references"}


REQUIRED_LEXICON_KEYS = ("name", "version")


CATEGORY_KEYS = {"description", "codebook", "terms", "weak_terms"}


REQUIRED_CATEGORY_KEYS = ("codebook", "terms")


_NAME = re.compile(r"^[a-z][a-z0-9_]*$")


_VERSION = re.compile(r"^\d+\.\d+(\.\d+)?([.+-][0-9A-Za-z.+-]+)?$")


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


#: A quoted TOML string on one line: basic ("…", with backslash escapes) or literal ('…').
_QUOTED = re.compile(r'"((?:[^"\\]|\\.)*)"|\'([^\']*)\'')


def _string_lines(lines: list[str], span: tuple[int, int]) -> dict[str, list[int]]:
    """Every quoted string inside ``span`` -> the 1-based lines it is written on, in order:
    one pass over the span, so finding the line of each of n terms costs O(n), not O(n²)."""
    found: dict[str, list[int]] = {}
    for i in range(span[0], span[1]):
        for m in _QUOTED.finditer(lines[i]):
            text = m.group(1) if m.group(1) is not None else m.group(2)
            found.setdefault(text, []).append(i + 1)
    return found


def _string_line(found: dict[str, list[int]], span: tuple[int, int], value: str, nth: int) -> int:
    """Line of the ``nth`` (0-based) quoted occurrence of ``value`` (see :func:`_string_lines`);
    the table's first line when it is written with escapes the raw text does not show."""
    at = found.get(value, [])
    return at[nth] if nth < len(at) else span[0] + 1


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
        quoted = _string_lines(lines, span)
        for key, weak in (("terms", False), ("weak_terms", True)):
            values = body.get(key, [])
            kline = _line_of(lines, rf"^\s*{key}\s*=", *span)
            if not isinstance(values, list):
                raise fail(kline, f"{key} of {cname!r} must be a list of strings")
            for value in values:
                if not isinstance(value, str):
                    raise fail(kline, f"{key} of {cname!r}: {value!r} is not a string")
                line = _string_line(quoted, span, value, occurrences.get(value, 0))
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


def _shadow_warnings(categories: Mapping[str, Category], path: str) -> list[str]:
    """Exact terms that a wildcard of another category also matches: the exact term wins.

    Each exact term looks up its own prefixes among the wildcard stems, so n terms cost
    O(n × term length), not O(exact terms × wildcards)."""
    stems: dict[str, list[tuple[int, Term]]] = {}
    wildcards = (
        t for c in categories.values() for t in c.terms
        if len(t.pattern) == 1 and t.pattern[0].endswith("*")
    )  # fmt: skip
    for order, t in enumerate(wildcards):  # warnings name wildcards in file order
        stems.setdefault(t.pattern[0][:-1], []).append((order, t))
    out = []
    for c in categories.values():
        for t in c.terms:
            if len(t.pattern) != 1 or t.wildcards or not stems:
                continue
            word = t.pattern[0]
            found = [w for k in range(len(word) + 1) for w in stems.get(word[:k], ())]
            for _, w in sorted(found, key=lambda pair: pair[0]):
                if w.category == t.category:
                    out.append(f"{path}:{t.line}: {t.text!r} is already covered by {w.text!r}")
                else:
                    out.append(
                        f"{path}:{t.line}: {t.text!r} ({t.category}) is also matched by "
                        f"{w.text!r} ({w.category}); the exact term wins"
                    )
    return out
