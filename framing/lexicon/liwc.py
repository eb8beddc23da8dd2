"""LIWC-format dictionaries: read and write ``.dic`` (LIWC2007/2015) and ``.dicx`` (LIWC-22).

A ``.dic`` file is a ``%``-delimited header of ``NUMBER<TAB>CATEGORY`` lines, then one
``entry<TAB>id<TAB>id…`` line per entry::

    %
    1	care
    2	harm
    %
    protect*	1
    look after	1
    hurt	2
    suffer*	2	1

A ``.dicx`` file (LIWC-22) is CSV: a header row ``DicTerm,<cat1>,<cat2>,…`` and one row per
entry with ``X`` in the columns of its categories.

Both become an ordinary :class:`~framing.lexicon.Lexicon`, so ``--lexicon my.dic`` works
wherever ``--lexicon my.toml`` does. The differences from TOML lexicons, on purpose:

* **An entry may belong to several categories** (that is how LIWC dictionaries are built), and
  every category counts on its own, as LIWC counts it: :func:`compile_lexicon` matches each
  dictionary category independently, leftmost-longest within the category.
* **The lexicon name** is the file name without its suffix, in ``a-z0-9_`` (``mfd2.0.dic`` →
  ``mfd2_0``); the version is ``0.0`` (the format has none; outputs add a content hash).
* **Category names** are the header's labels lower-cased, with characters other than
  ``a-z 0-9 _ .`` turned into ``_`` (``Care.Virtue`` → ``care.virtue``); a changed label is a
  warning, two labels that become one name are an error.

Quirks of real files that are read without complaint: a UTF-8 byte-order mark, CRLF or CR line
ends, cp1252 text (with a warning), blank and whitespace-only lines, trailing tabs and spaces,
zero-padded ids (``01``), spaces instead of tabs between the fields, several tabs in a row, ids
separated by spaces, a category given by its name instead of its id, wildcard stems shorter than
TOML lexicons allow (``ok*``), an entry repeated in the same category (a warning). LIWC2007's
conditional codes (``like  02 134/125[02 134]125/126``) are skipped with a warning; the entry
keeps its plain ids. **Comments are not part of the format** and are not recognised: any line
could be an entry (``#metoo``, ``//``), so a line that looks like a comment is read as one.

Errors name ``FILE:LINE`` (a :class:`~framing.errors.LexiconError`): a missing or unclosed
``%`` header, a header line that is not ``NUMBER CATEGORY``, a duplicate category id or name,
an unknown category id or name, an entry with no category, ``*`` anywhere but at the end of a
word, and in ``.dicx`` a header that does not start with ``DicTerm``, a duplicate column, or a
cell other than ``X`` or empty (weighted dictionaries are not supported).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from framing.errors import LexiconError
from framing.lexicon.model import (
    DIC_SUFFIXES,
    Category,
    Lexicon,
    Term,
    Tokenizer,
    compile_pattern,
    default_tokenizer,
    read_lexicon_bytes,
)

#: Dictionary files carry no version; the lexicon label adds a content hash.
VERSION = "0.0"


_ID = re.compile(r"^\d+$")


_HEADER = re.compile(r"^\s*(\S+)\s+(\S.*?)\s*$")


#: LIWC2007 conditional codes such as ``134/125`` or ``(02 134)131/125``.
_CONDITIONAL = re.compile(r"[()\[\]/<>]")


_LINE_END = re.compile(r"\r\n|\r|\n")


_BRACKETS = re.compile(r"[(\[][^)\]]*[)\]]")


_GLUE = "\x00"


def lexicon_name(path: str | Path) -> str:
    """The lexicon name a dictionary file gets: its stem in ``a-z0-9_``.

    >>> lexicon_name("dictionaries/MFD2.0.dic")
    'mfd2_0'
    """
    stem = Path(str(path)).name
    for suffix in DIC_SUFFIXES:
        if stem.lower().endswith(suffix):
            stem = stem[: -len(suffix)]
    name = re.sub(r"[^a-z0-9]+", "_", stem.lower()).strip("_")
    if not name:
        return "dictionary"
    return name if name[0].isalpha() else f"d_{name}"


def category_name(label: str) -> str:
    """A header label as a category name: lower-case ``a-z 0-9 _ .``, starting with a letter.

    >>> category_name("Care.Virtue"), category_name("Social Processes"), category_name("1st")
    ('care.virtue', 'social_processes', 'c_1st')
    """
    name = re.sub(r"[^a-z0-9_.]+", "_", label.strip().lower()).strip("_.")
    if name and not name[0].isalpha():
        name = f"c_{name}"
    return name


def load_dictionary(path: str | Path, *, tokenizer: Tokenizer | None = None) -> Lexicon:
    """Read a ``.dic`` or ``.dicx`` file into a :class:`Lexicon` (errors name ``FILE:LINE``).

    ``load_lexicon`` calls this for these suffixes, so ``--lexicon moral.dic`` gives the
    lexicon ``moral`` with one custom category per dictionary category.
    """
    p = Path(path)
    data = read_lexicon_bytes(p)
    warnings: list[str] = []
    try:
        raw = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            raw = data.decode("cp1252")
        except UnicodeDecodeError as exc:
            raise LexiconError(f"{p}:1: not UTF-8 or cp1252 text") from exc
        warnings.append(f"{p}:1: not UTF-8; read as cp1252 (Windows Latin-1)")
    parse = parse_dicx if p.suffix.lower() == ".dicx" else parse_dic
    lex = parse(raw, str(p), tokenizer=tokenizer)
    return replace(lex, warnings=(*warnings, *lex.warnings))


@dataclass
class _Builder:
    """Collects entries in file order and turns them into a Lexicon."""

    path: str
    tokenizer: Tokenizer
    labels: dict[str, tuple[str, int]]  # category name -> (label as written, header line)
    warnings: list[str]

    def __post_init__(self) -> None:
        self.terms: dict[str, list[Term]] = {name: [] for name in self.labels}
        self.seen: dict[tuple[str, str], int] = {}

    def fail(self, line: int, msg: str) -> LexiconError:
        return LexiconError(f"{self.path}:{line}: {msg}")

    def add(self, entry: str, categories: Sequence[str], line: int) -> None:
        text = " ".join(entry.split())
        if not text:
            raise self.fail(line, "empty entry")
        if not categories:
            raise self.fail(line, f"entry {text!r} has no category")
        for word in text.split(" "):
            if "*" in word[:-1]:
                raise self.fail(line, f"entry {text!r}: '*' may only end a word")
            if word == "*":
                raise self.fail(line, f"entry {text!r}: a wildcard needs a stem before '*'")
        pattern = compile_pattern(text, self.tokenizer)
        if not pattern:
            raise self.fail(line, f"entry {text!r} has no word the tokenizer keeps")
        for cat in categories:
            key = (text.lower(), cat)
            if key in self.seen:
                self.warnings.append(
                    f"{self.path}:{line}: entry {text!r} is already in {cat!r} "
                    f"(line {self.seen[key]}); counted once"
                )
                continue
            self.seen[key] = line
            self.terms[cat].append(Term(text, cat, False, line, pattern))

    def build(self, kind: str) -> Lexicon:
        source = Path(self.path).name
        categories = {
            name: Category(
                name,
                "",
                f"{source}: category {label!r}",
                tuple(self.terms[name]),
                line,
                self.path,
            )
            for name, (label, line) in self.labels.items()
        }
        for cat in categories.values():
            if not cat.terms:
                self.warnings.append(f"{self.path}:{cat.line}: category {cat.name!r} is empty")
        n = len({t.text.lower() for c in categories.values() for t in c.terms})
        return Lexicon(
            name=lexicon_name(self.path),
            version=VERSION,
            description=f"{kind} dictionary {source}: {len(categories)} categories, {n} entries",
            license="",
            references=(),
            categories=categories,
            path=self.path,
            warnings=tuple(self.warnings),
        )


def _name_categories(
    labels: Iterable[tuple[str, int]], path: str, warnings: list[str]
) -> dict[str, tuple[str, int]]:
    """Category names for header labels, in order; a clash after normalising is an error."""
    out: dict[str, tuple[str, int]] = {}
    for label, line in labels:
        name = category_name(label)
        if not name:
            raise LexiconError(f"{path}:{line}: category {label!r} has no letter or digit")
        if name in out:
            other, other_line = out[name]
            raise LexiconError(
                f"{path}:{line}: duplicate category {label!r} "
                f"(same name as {other!r}, line {other_line})"
            )
        if name != label:
            warnings.append(f"{path}:{line}: category {label!r} is named {name!r}")
        out[name] = (label, line)
    return out


def parse_dic(
    raw: str, path: str = "<string>.dic", *, tokenizer: Tokenizer | None = None
) -> Lexicon:
    """Parse LIWC ``.dic`` text (2007 or 2015 conventions); ``path`` names the file in errors.

    >>> lex = parse_dic("%\\n1\\tcare\\n2\\tharm\\n%\\nprotect*\\t1\\nhurt\\t2\\t1\\n")
    >>> [t.text for t in lex.categories["care"].terms]
    ['protect*', 'hurt']
    """
    lines = _LINE_END.split(raw.removeprefix("\ufeff"))
    warnings: list[str] = []

    def fail(line: int, msg: str) -> LexiconError:
        return LexiconError(f"{path}:{line}: {msg}")

    i = 0
    while i < len(lines) and not lines[i].strip():
        i += 1
    if i == len(lines) or lines[i].strip() != "%":
        raise fail(min(i + 1, len(lines)), "malformed header: a .dic file starts with a '%' line")
    start = i + 1
    ids: dict[int, tuple[str, int]] = {}
    labels: list[tuple[str, int]] = []
    i = start
    while i < len(lines) and lines[i].strip() != "%":
        line = lines[i]
        i += 1
        if not line.strip():
            continue
        m = _HEADER.match(line)
        if m is None or not _ID.match(m.group(1)):
            raise fail(i, f"malformed header line {line.strip()!r}: expected 'NUMBER<TAB>CATEGORY'")
        cid, label = int(m.group(1)), m.group(2)
        if cid in ids:
            raise fail(i, f"duplicate category id {cid} (also {ids[cid][0]!r}, line {ids[cid][1]})")
        ids[cid] = (label, i)
        labels.append((label, i))
    if i == len(lines):
        raise fail(start, "malformed header: no closing '%' line after the categories")
    if not labels:
        raise fail(i + 1, "malformed header: no categories between the '%' lines")
    named = _name_categories(labels, path, warnings)
    by_label = {label.lower(): name for name, (label, _) in named.items()}
    by_label.update({name: name for name in named})
    by_id = {cid: category_name(label) for cid, (label, _) in ids.items()}
    valid_ids = ", ".join(str(c) for c in sorted(ids))

    def category_of(code: str, line: int) -> str:
        if _ID.match(code):
            if int(code) not in by_id:
                raise fail(line, f"unknown category id {code}; the header defines {valid_ids}")
            return by_id[int(code)]
        if code.lower() in by_label:
            return by_label[code.lower()]
        raise fail(line, f"unknown category {code!r}; the header defines {valid_ids}")

    def is_code(token: str) -> bool:
        return (
            bool(_ID.match(token)) or token.lower() in by_label or bool(_CONDITIONAL.search(token))
        )

    builder = _Builder(path, tokenizer or default_tokenizer(), named, warnings)
    for n in range(i + 1, len(lines)):
        line, lineno = lines[n], n + 1
        if not line.strip():
            continue
        # keep a bracketed condition of a LIWC2007 code ("125[02 134]126") in one token
        line = _BRACKETS.sub(lambda m: m.group().replace(" ", _GLUE), line)
        if "\t" in line.strip():
            entry, _, rest = line.strip().partition("\t")
            codes = rest.split()
        else:
            # no tab: the entry is what is left once the trailing codes are taken off
            tokens = line.split()
            k = len(tokens)
            while k > 1 and is_code(tokens[k - 1]):
                k -= 1
            entry, codes = " ".join(tokens[:k]), tokens[k:]
        conditional = [c.replace(_GLUE, " ") for c in codes if _CONDITIONAL.search(c)]
        if conditional:
            warnings.append(
                f"{path}:{lineno}: LIWC2007 conditional code {' '.join(conditional)!r} is not "
                "supported; the entry counts in its plain categories only"
            )
        cats = [category_of(c, lineno) for c in codes if not _CONDITIONAL.search(c)]
        builder.add(entry, list(dict.fromkeys(cats)), lineno)
    return builder.build("LIWC .dic")


def parse_dicx(
    raw: str, path: str = "<string>.dicx", *, tokenizer: Tokenizer | None = None
) -> Lexicon:
    """Parse LIWC-22 ``.dicx`` text: CSV with ``DicTerm`` then one column per category.

    >>> lex = parse_dicx("DicTerm,care,harm\\nprotect*,X,\\nhurt,X,X\\n")
    >>> [t.text for t in lex.categories["harm"].terms]
    ['hurt']
    """
    reader = csv.reader(io.StringIO(raw.removeprefix("\ufeff"), newline=""))
    warnings: list[str] = []
    try:
        header = next(reader, None)
    except csv.Error as exc:
        raise LexiconError(f"{path}:1: invalid CSV: {exc}") from exc
    if not header or header[0].strip().lower() != "dicterm":
        raise LexiconError(f"{path}:1: malformed header: a .dicx file starts with 'DicTerm,'")
    columns = [c.strip() for c in header[1:]]
    while columns and not columns[-1]:
        columns.pop()  # a trailing comma in the header
    if not columns:
        raise LexiconError(f"{path}:1: malformed header: no category columns after 'DicTerm'")
    for k, col in enumerate(columns):
        if not col:
            raise LexiconError(f"{path}:1: column {k + 2} of the header has no category name")
    named = _name_categories(((c, 1) for c in columns), path, warnings)
    names = list(named)
    builder = _Builder(path, tokenizer or default_tokenizer(), named, warnings)
    try:
        for row in reader:
            line = reader.line_num
            if not any(cell.strip() for cell in row):
                continue
            cells = [c.strip() for c in row[1:]]
            extra = [c for c in cells[len(names) :] if c]
            if extra:
                raise LexiconError(f"{path}:{line}: more cells than header columns: {extra!r}")
            cats = []
            for name, cell in zip(names, cells, strict=False):
                if cell.upper() == "X":
                    cats.append(name)
                elif cell:
                    raise LexiconError(
                        f"{path}:{line}: cell {cell!r} in column {named[name][0]!r}: a .dicx "
                        "marks membership with X (weighted dictionaries are not supported)"
                    )
            builder.add(row[0], cats, line)
    except csv.Error as exc:
        raise LexiconError(f"{path}:{reader.line_num}: invalid CSV: {exc}") from exc
    return builder.build("LIWC-22 .dicx")


def _rows(lexicon: Lexicon, drop_weak: bool) -> list[tuple[str, list[str]]]:
    """One (entry, categories) row per entry and source line, in file and line order.

    A dictionary that lists an entry on two lines (one category each, as MFD 2.0 does) is
    written the same way, so every category keeps its entries in their order.
    """
    rows: dict[tuple[int, int, str], tuple[str, list[str]]] = {}
    files: dict[str, int] = {}
    for cat in lexicon.categories.values():
        for t in cat.terms:
            if t.weak:
                if drop_weak:
                    continue
                raise LexiconError(
                    f"{cat.path}:{t.line}: weak term {t.text!r} of {cat.name!r} has no "
                    "equivalent in a LIWC dictionary (pass drop_weak=True to leave weak terms out)"
                )
            key = (files.setdefault(cat.path, len(files)), t.line, t.text.lower())
            _, cats = rows.setdefault(key, (t.text, []))
            if cat.name not in cats:
                cats.append(cat.name)
    return [rows[k] for k in sorted(rows)]


def write_dic(lexicon: Lexicon, *, drop_weak: bool = False) -> str:
    """The lexicon as LIWC ``.dic`` text (2015 style: tabs, multi-word entries allowed).

    Categories are numbered 1, 2, … in order; an entry is one line with its category ids
    (one line per source line, so a dictionary read from a file is written back in its order).
    Weak terms have no LIWC equivalent: they raise :class:`LexiconError` unless ``drop_weak``.

    >>> write_dic(parse_dic("%\\n1\\tcare\\n%\\nlook after\\t1\\n")).splitlines()
    ['%', '1\\tcare', '%', 'look after\\t1']
    """
    ids = {name: k for k, name in enumerate(lexicon.categories, start=1)}
    out = ["%", *(f"{k}\t{name}" for name, k in ids.items()), "%"]
    for text, cats in _rows(lexicon, drop_weak):
        out.append("\t".join([text, *(str(ids[c]) for c in cats)]))
    return "\n".join(out) + "\n"


def write_dicx(lexicon: Lexicon, *, drop_weak: bool = False) -> str:
    """The lexicon as LIWC-22 ``.dicx`` CSV: ``DicTerm`` plus an ``X`` per category.

    >>> write_dicx(parse_dic("%\\n1\\tcare\\n2\\tharm\\n%\\nhurt\\t2\\n")).splitlines()
    ['DicTerm,care,harm', 'hurt,,X']
    """
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    names = list(lexicon.categories)
    writer.writerow(["DicTerm", *names])
    for text, cats in _rows(lexicon, drop_weak):
        writer.writerow([text, *("X" if n in cats else "" for n in names)])
    return buf.getvalue()


def dictionary_content(lexicon: Lexicon) -> dict[str, tuple[str, ...]]:
    """What a dictionary says, for comparing two of them: category -> entries (lower-cased),
    in order. Two lexicons with equal content count the same words in any text."""
    return {name: tuple(t.text.lower() for t in c.terms) for name, c in lexicon.categories.items()}


def membership(lexicon: Lexicon) -> Mapping[str, tuple[str, ...]]:
    """Entry (lower-cased) -> the categories it belongs to, in category order."""
    out: dict[str, list[str]] = {}
    for cat in lexicon.categories.values():
        for t in cat.terms:
            cats = out.setdefault(t.text.lower(), [])
            if cat.name not in cats:
                cats.append(cat.name)
    return {k: tuple(v) for k, v in out.items()}
