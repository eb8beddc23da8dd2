"""Fuzz every reader, the cleaner and the lexicon loaders with Hypothesis (issue #20).

Each target gets generated inputs, structured ones (JSON records nested at random, CSV rows with
quotes and line breaks, lexicon files) mutated with syntax fragments, and raw text. Hypothesis
generates (and shrinks) the first :data:`GENERATED` inputs of a target; the rest of its budget
are fast random mutations of those (fragments inserted, slices cut, repeated or spliced from
another input), since generating a structured input costs Hypothesis far more than most
targets take to read it. A target
may refuse an input only with the library's own one-line errors (``InputError``,
``LexiconError``: subclasses of ``FramingError``); any other exception (``RecursionError``,
``UnicodeEncodeError``, ``KeyError``…) is a crash, and every crash is printed with the
smallest input Hypothesis shrank it to. Crashes found this way are kept as regression tests in
``tests/test_fuzz.py``.

    python benchmarks/fuzz.py              # 100,000 inputs over all targets
    python benchmarks/fuzz.py --inputs 2000 --target jsonl

Exit status 1 when anything crashed. tests/test_fuzz.py runs every target on a small budget.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import random
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, Phase, given, seed, settings
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from framing.errors import FramingError  # noqa: E402

#: Pieces of every syntax the readers meet, and of page furniture the cleaner removes.
FRAGMENTS = (
    "{", "}", "[", "]", '"', "'", ",", ":", "\n", "\r\n", "\r", "\\", "\\u0000", "\\ud800",
    "\\udc00", "\ufeff", "\x00", "\t", " ", '"text"', '"title"', '"id"', '"date"', '"outlet"',
    "text", "body", "id", "null", "true", "1e999", "-0", "NaN", "<html>", "<p>", "</p>",
    "<script>", "<!--", "-->", "&amp;", "&#0;", "Share", "Subscribe", "Advertisement",
    "[email protected]", "2025-05-16", "May 2025", "yesterday", "“", "”", "‘", "’", "«", "»",
    "(", ")", "*", "#", "|", "=", "Officials said", "according to", "reportedly", "—", "…",
    "\u2028", "\u0301", "🇰🇷", "ǅ", "İ", "ß", "x" * 300,
)  # fmt: skip
TEXT_KEYS = ("text", "body", "content", "Text", "TEXT ", "title", "id", "date", "outlet", "url")


def _soup(max_size: int = 60) -> st.SearchStrategy[str]:
    """Syntax fragments and random text, joined."""
    piece = st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=12))
    return st.lists(piece, max_size=max_size).map("".join)


_SCALAR = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=40),
    _soup(12),
)
_VALUE = st.recursive(
    _SCALAR,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)


@st.composite
def _record(draw: st.DrawFn) -> dict[str, Any]:
    keys = draw(st.lists(st.one_of(st.sampled_from(TEXT_KEYS), st.text(max_size=6)), max_size=6))
    record: dict[str, Any] = {k: draw(_VALUE) for k in keys}
    if draw(st.booleans()):
        record["text"] = draw(st.one_of(_soup(), st.text(max_size=200)))
    return record


@st.composite
def _mutated(draw: st.DrawFn, text: str) -> str:
    """``text`` with a few fragments inserted or a slice cut out."""
    for _ in range(draw(st.integers(0, 3))):
        at = draw(st.integers(0, len(text)))
        if draw(st.booleans()):
            text = text[:at] + draw(st.sampled_from(FRAGMENTS)) + text[at:]
        else:
            text = text[:at] + text[at + draw(st.integers(0, 20)) :]
    return text


def _jsonl_text() -> st.SearchStrategy[str]:
    lines = st.lists(_record().map(lambda r: json.dumps(r, ensure_ascii=False)), max_size=5)
    joined = lines.map("\n".join)
    return st.one_of(joined.flatmap(_mutated), _soup(), st.text(max_size=300))


def _json_text() -> st.SearchStrategy[str]:
    doc = st.one_of(_record(), st.lists(_record(), max_size=4), _VALUE)
    dumped = doc.map(lambda d: json.dumps(d, ensure_ascii=False))
    deep = st.integers(1, 5000).map(lambda n: "[" * n + "]" * n)
    return st.one_of(dumped.flatmap(_mutated), deep, _soup())


def _csv_text() -> st.SearchStrategy[str]:
    cell = st.one_of(st.text(max_size=30), _soup(8))
    rows = st.lists(st.lists(cell, min_size=0, max_size=4), max_size=5)

    def write(header: list[str], body: list[list[str]]) -> str:
        buf = io.StringIO()
        writer = csv.writer(buf)
        writer.writerow(header)
        writer.writerows(body)
        return buf.getvalue()

    header = st.lists(st.one_of(st.sampled_from(TEXT_KEYS), st.text(max_size=6)), max_size=4)
    table = st.builds(write, header, rows)
    return st.one_of(table.flatmap(_mutated), _soup(), st.text(max_size=300))


_TOML_HEAD = '[lexicon]\nname = "fz"\nversion = "1.0"\ndescription = "d"\nlicense = "CC0"\n'


def _toml_text() -> st.SearchStrategy[str]:
    term = st.one_of(st.text(max_size=15), st.sampled_from(FRAGMENTS), st.just("refuge*"))
    category = st.builds(
        lambda name, terms: (
            f'\n[categories.{name}]\ncodebook = "c"\nterms = '
            + json.dumps(terms, ensure_ascii=False)
            + "\n"
        ),
        st.sampled_from(("alpha", "beta", "a_b", "Bad", "x")),
        st.lists(term, max_size=6),
    )
    doc = st.lists(category, max_size=3).map(lambda cs: _TOML_HEAD + "".join(cs))
    return st.one_of(doc.flatmap(_mutated), _soup(), st.text(max_size=200))


def _dic_text() -> st.SearchStrategy[str]:
    head = st.lists(st.tuples(st.integers(-2, 30), st.text(max_size=8)), max_size=4).map(
        lambda cats: "%\n" + "".join(f"{n}\t{c}\n" for n, c in cats) + "%\n"
    )
    entries = st.lists(
        st.tuples(st.text(max_size=10), st.lists(st.integers(-2, 30), max_size=3)), max_size=6
    ).map(lambda es: "".join(f"{w}\t" + "\t".join(map(str, ns)) + "\n" for w, ns in es))
    doc = st.builds(lambda h, e: h + e, head, entries)
    return st.one_of(doc.flatmap(_mutated), _soup(), st.text(max_size=200))


def _html_text() -> st.SearchStrategy[str]:
    body = st.lists(st.one_of(_soup(10), st.text(max_size=80)), max_size=6)
    page = body.map(lambda ps: "<html><body><article>" + "".join(f"<p>{p}</p>" for p in ps))
    return st.one_of(page.flatmap(_mutated), _soup())


# -- targets ----------------------------------------------------------------------------------


def _records_target(reader: Callable[..., Any], name: str) -> Callable[[str], None]:
    def run(raw: str) -> None:
        reader(Path(name), raw, skipped=[])

    return run


def _load_text(raw: bytes) -> None:
    from framing.ingest.text import load_text

    with tempfile.NamedTemporaryFile(suffix=".txt") as fh:
        fh.write(raw)
        fh.flush()
        load_text(Path(fh.name))


def _clean(raw: str) -> None:
    from framing.ingest import clean_text, parse_date
    from framing.ingest.text import document_from_text

    cleaned = clean_text(raw)
    assert cleaned.text == cleaned.text.strip() or not cleaned.text.strip()
    parse_date(raw)
    if raw.strip():
        document_from_text(raw, "fuzz.txt")


def _html(raw: str) -> None:
    from framing.ingest import read_text

    if raw.strip():
        read_text("<!doctype html>" + raw, "fuzz.html")


def _toml(raw: str) -> None:
    from framing.lexicon.toml import parse_lexicon

    parse_lexicon(raw, "fuzz.toml")


def _dic(raw: str) -> None:
    from framing.lexicon.liwc import parse_dic, parse_dicx

    parse_dic(raw, "fuzz.dic")
    parse_dicx(raw, "fuzz.dicx")


@dataclass
class Target:
    name: str
    strategy: Callable[[], st.SearchStrategy[Any]]
    run: Callable[[Any], None]
    share: float  # of the total budget
    tried: int = 0
    crashes: list[str] = field(default_factory=list)


def targets() -> list[Target]:
    from framing.ingest.records import read_csv, read_json, read_jsonl

    return [
        Target("jsonl", _jsonl_text, _records_target(read_jsonl, "fuzz.jsonl"), 0.2),
        Target("json", _json_text, _records_target(read_json, "fuzz.json"), 0.15),
        Target("csv", _csv_text, _records_target(read_csv, "fuzz.csv"), 0.15),
        Target("text+clean", lambda: st.one_of(_soup(120), st.text(max_size=400)), _clean, 0.2),
        Target("load_text", lambda: st.binary(max_size=200), _load_text, 0.08),
        Target("lexicon.toml", _toml_text, _toml, 0.1),
        Target("lexicon.dic", _dic_text, _dic, 0.1),
        Target("html", _html_text, _html, 0.02),
    ]


#: Inputs per target that Hypothesis generates; the rest of the budget are mutations of them.
GENERATED = 400


def _mutate(rng: random.Random, value: Any, pool: list[Any]) -> Any:
    """One fast random mutation of a text or bytes input (a few edits)."""
    raw = isinstance(value, bytes)
    text = value.decode("latin-1") if raw else value
    for _ in range(rng.randint(1, 4)):
        at = rng.randint(0, len(text))
        op = rng.random()
        if op < 0.35:
            text = text[:at] + rng.choice(FRAGMENTS) + text[at:]
        elif op < 0.55:
            text = text[:at] + text[at + rng.randint(1, 30) :]
        elif op < 0.7:
            piece = text[at : at + rng.randint(1, 40)]
            text = text[:at] + piece * rng.randint(2, 8) + text[at:]
        elif op < 0.85 and pool:
            other = pool[rng.randrange(len(pool))]
            other = other.decode("latin-1") if isinstance(other, bytes) else other
            cut = rng.randint(0, len(other))
            text = text[:at] + other[cut:]
        else:
            text = text[:at] + chr(rng.choice((0, 0xA0, 0x2028, 0xFEFF, rng.randint(1, 0x10FFFF))))
            text += value[at:].decode("latin-1") if raw else value[at:]
    text = "".join(c for c in text if not 0xD800 <= ord(c) <= 0xDFFF)  # str inputs are UTF-8
    return text.encode("latin-1", "replace") if raw else text


def _run_one(target: Target, value: Any) -> None:
    target.tried += 1
    try:
        target.run(value)
    except FramingError:
        pass
    except Exception as exc:
        target.crashes.append(f"{exc.__class__.__name__}: {exc} on input {value!r}"[:2000])


def fuzz(target: Target, inputs: int, run_seed: int = 20) -> Target:
    """Run ``target`` on ``inputs`` inputs (see the module docstring); crashes are kept on
    the target."""
    pool = _generate(target, min(inputs, GENERATED), run_seed)
    rng = random.Random(run_seed)
    for _ in range(inputs - target.tried):
        if target.crashes or not pool:
            break
        _run_one(target, _mutate(rng, pool[rng.randrange(len(pool))], pool))
    return target


def _generate(target: Target, inputs: int, run_seed: int) -> list[Any]:
    """Hypothesis's inputs for ``target``, run and kept as the pool mutations start from."""
    failing: list[Any] = []
    pool: list[Any] = []

    @seed(run_seed)
    @settings(
        max_examples=inputs,
        database=None,
        deadline=None,
        suppress_health_check=list(HealthCheck),
        phases=(Phase.generate, Phase.shrink),
    )
    @given(target.strategy())
    def check(value: Any) -> None:
        target.tried += 1
        pool.append(value)
        try:
            target.run(value)
        except FramingError:
            pass  # a refusal in one line: what bad input should get
        except Exception as exc:
            failing.append((value, exc))
            raise

    try:
        check()
    except Exception:
        value, exc = failing[-1]  # Hypothesis replays the shrunk example last
        target.crashes.append(f"{exc.__class__.__name__}: {exc} on input {value!r}"[:2000])
    return pool


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--inputs", type=int, default=100_000, help="over all targets")
    parser.add_argument("--target", action="append", help="only these (repeatable)")
    parser.add_argument("--seed", type=int, default=20)
    args = parser.parse_args(argv)
    chosen = [t for t in targets() if not args.target or t.name in args.target]
    total_share = sum(t.share for t in chosen)
    print(f"{'target':<14} {'inputs':>8} {'seconds':>8} {'crashes':>7}")
    tried = crashed = 0
    for t in chosen:
        began = time.perf_counter()
        fuzz(t, max(1, round(args.inputs * t.share / total_share)), args.seed)
        took = time.perf_counter() - began
        print(f"{t.name:<14} {t.tried:>8} {took:>8.1f} {len(t.crashes):>7}", flush=True)
        tried += t.tried
        crashed += len(t.crashes)
        for c in t.crashes:
            print(f"  CRASH {c}")
    print(f"{'all':<14} {tried:>8} {'':>8} {crashed:>7}")
    return 1 if crashed else 0


if __name__ == "__main__":
    sys.exit(main())
