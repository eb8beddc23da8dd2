"""Time and peak memory of the pathological inputs of issue #20 (readers, lexicon loader,
special files), each next to an ordinary input of the same size read the same way, in the
same process: one row per input with the ratio to its baseline (the issue asks for ≤ 3×).

    python benchmarks/pathological.py

Peak memory is Python's own allocations (tracemalloc) while the input is read; times are the
best of three. Long articles, quote and bracket scanning are issue #19's and are measured by
its benchmarks; this script covers what reads files and lexicons.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import random
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from framing.errors import FramingError  # noqa: E402

WORDS = [
    "officials",
    "said",
    "the",
    "troops",
    "were",
    "deployed",
    "near",
    "the",
    "border",
    "while",
    "aid",
    "groups",
    "warned",
    "that",
    "displaced",
    "families",
    "needed",
    "shelter",
    "and",
    "analysts",
    "claimed",
    "talks",
    "could",
    "resume",
    "on",
    "monday",
]


def _article(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."


def measure(fn: Callable[[], object]) -> tuple[float, int]:
    """(best of three seconds, peak bytes allocated) of ``fn()``; a FramingError counts as
    done (a refusal is the expected outcome for some inputs)."""
    best = float("inf")
    peak = 0
    for _ in range(3):
        tracemalloc.start()
        began = time.perf_counter()
        with contextlib.suppress(FramingError):
            fn()
        best = min(best, time.perf_counter() - began)
        peak = max(peak, tracemalloc.get_traced_memory()[1])
        tracemalloc.stop()
    return best, peak


def _lexicon(n: int, rng: random.Random) -> str:
    words = sorted(
        {"".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(9)) for _ in range(2 * n)}
    )
    terms = "".join(f'  "{w}",\n' for w in words[:n])
    return (
        '[lexicon]\nname = "big"\nversion = "1.0"\ndescription = "x"\nlicense = "CC0"\n\n'
        f'[categories.alpha]\ncodebook = "x"\nterms = [\n{terms}]\n'
    )


def rows(folder: Path, scale: int) -> list[tuple[Any, ...]]:
    """(name, what the baseline is, pathological, baseline[, times the baseline counts]) for
    every row."""
    from framing.ingest import read_path
    from framing.lexicon.toml import parse_lexicon

    rng = random.Random(20)
    out = []
    # a JSON file nested 200,000 deep vs a JSON list of records of the same size
    deep = folder / "deep.json"
    deep.write_text("[" * 100_000 * scale + "]" * 100_000 * scale, encoding="utf-8")
    size = deep.stat().st_size
    flat = folder / "flat.json"
    records, total = [], 0
    while total < size:
        r = {"id": str(len(records)), "text": _article(rng, 60)}
        records.append(r)
        total += len(json.dumps(r)) + 2
    flat.write_text(json.dumps(records), encoding="utf-8")
    out.append(
        (
            "deeply nested JSON",
            "JSON records, same bytes",
            lambda: read_path(deep, skipped=[]),
            lambda: read_path(flat, skipped=[]),
        )
    )
    # a JSON Lines file where every other line is broken vs one where all are good
    good_lines = [json.dumps({"id": str(i), "text": _article(rng, 60)}) for i in range(500 * scale)]
    bad_lines = [line if i % 2 else line[: len(line) // 2] for i, line in enumerate(good_lines)]
    good, bad = folder / "good.jsonl", folder / "bad.jsonl"
    good.write_text("\n".join(good_lines) + "\n", encoding="utf-8")
    bad.write_text("\n".join(bad_lines) + "\n", encoding="utf-8")
    out.append(
        (
            "JSONL, half the records broken",
            "JSONL, all good",
            lambda: read_path(bad, skipped=[]),
            lambda: read_path(good, skipped=[]),
        )
    )
    # a CSV whose every other row has the wrong number of fields
    good_csv, bad_csv = folder / "good.csv", folder / "bad.csv"
    body = [f'{i},"{_article(rng, 60)}"' for i in range(500 * scale)]
    good_csv.write_text("id,text\n" + "\n".join(body) + "\n", encoding="utf-8")
    bad_csv.write_text(
        "id,text\n" + "\n".join(b if i % 2 else b + ",x,y" for i, b in enumerate(body)) + "\n",
        encoding="utf-8",
    )
    out.append(
        (
            "CSV, half the rows malformed",
            "CSV, all good",
            lambda: read_path(bad_csv, skipped=[]),
            lambda: read_path(good_csv, skipped=[]),
        )
    )
    # a one-line article with an e-mail placeholder vs the same article without
    with_mail = folder / "mail.txt"
    plain = folder / "plain.txt"
    text = _article(rng, 400)
    with_mail.write_text(text.replace(" said ", " said at [email protected] ", 1), encoding="utf-8")
    plain.write_text(text, encoding="utf-8")
    out.append(
        (
            "one-line article with [email protected]",
            "the same without",
            lambda: read_path(with_mail),
            lambda: read_path(plain),
        )
    )
    # lexicon loading is linear: 40,000 terms against 8 × 5,000 terms
    big, small = _lexicon(40_000 * scale, rng), _lexicon(5_000 * scale, rng)
    out.append(
        (
            "lexicon, 40,000 terms",
            "a lexicon of 5,000 terms, × 8",
            lambda: parse_lexicon(big, "big.toml"),
            lambda: parse_lexicon(small, "s.toml"),
            8,
        )
    )
    # a FIFO as input or lexicon is refused without reading: against reading a small file
    small_file = folder / "small.jsonl"
    small_file.write_text(good_lines[0] + "\n", encoding="utf-8")
    if hasattr(os, "mkfifo"):
        fifo = folder / "pipe.jsonl"
        os.mkfifo(fifo)
        out.append(
            (
                "a FIFO given as input",
                "a one-record JSONL file",
                lambda: read_path(fifo),
                lambda: read_path(small_file),
            )
        )
        from framing.lexicon.load import load_lexicon

        fifo_lex = folder / "pipe.toml"
        os.mkfifo(fifo_lex)
        out.append(
            (
                "a FIFO given as lexicon",
                "refusing a missing lexicon",
                lambda: load_lexicon(fifo_lex),
                lambda: load_lexicon(folder / "absent.toml"),
            )
        )
    out.append(
        (
            "/dev/zero given as input",
            "a one-record JSONL file",
            lambda: read_path(Path("/dev/zero")),
            lambda: read_path(small_file),
        )
    )
    return out


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=int, default=1, help="multiply every input's size")
    args = parser.parse_args(argv)
    worst = 0.0
    with tempfile.TemporaryDirectory() as tmp:
        print(
            f"{'input':<40} {'s':>8} {'MB':>7} | {'baseline':<30} {'s':>8} {'MB':>7} | time× mem×"
        )
        for name, base_name, bad, base, *times in rows(Path(tmp), args.scale):
            t_bad, m_bad = measure(bad)
            t_base, m_base = measure(base)
            t_base, m_base = t_base * (times or [1])[0], m_base * (times or [1])[0]
            rt, rm = t_bad / max(t_base, 1e-6), m_bad / max(m_base, 1)
            worst = max(worst, rt, rm)
            print(
                f"{name:<40} {t_bad:>8.3f} {m_bad / 1e6:>7.1f} | {base_name:<30} "
                f"{t_base:>8.3f} {m_base / 1e6:>7.1f} | {rt:>5.2f} {rm:>4.2f}",
                flush=True,
            )
    print(f"worst ratio {worst:.2f} ({'within' if worst <= 3 else 'OVER'} 3×)")
    return 0 if worst <= 3 else 1


if __name__ == "__main__":
    sys.exit(main())
