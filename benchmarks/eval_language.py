"""How often the language check would refuse English text: on three English corpora.

    .venv/bin/python benchmarks/eval_language.py [--half odd|even]

Reads ``../shared/eval`` (or ``$FRAMING_EVAL_DIR``) in place: SemEval-2023 articles, PolNeAR
texts and the Szeged uncertainty sentences (FactBank and Wikipedia). Every text is English, so
every refusal (:attr:`framing.language.Language.refused`) is a false one. The thresholds in
:mod:`framing.language` were set on the odd half (texts 1, 3, 5, … of each corpus in sorted
order) and are reported on the even half. Exits 0 with a message when the corpora are absent.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def texts(folder: Path, start: int) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    for path in sorted((folder / "semeval23-en-dev" / "articles").glob("*"))[start::2]:
        out.append(("semeval", path.read_text(encoding="utf-8", errors="replace")))
    for path in sorted((folder / "polnear" / "data").glob("*/text/*.txt"))[start::2]:
        out.append(("polnear", path.read_text(encoding="utf-8", errors="replace")))
    sentences: list[str] = []
    for name in ("factbank.xml", "wiki.xml"):
        xml = (folder / "szeged-uncertainty" / name).read_text(encoding="utf-8")
        sentences += re.findall(r"<Sentence[^>]*>(.*?)</Sentence>", xml, re.S)
    out += [("szeged", re.sub("<[^>]+>", "", s)) for s in sentences[start::2]]
    return out


def main(argv: list[str] | None = None) -> int:
    from framing.language import detect

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--half", choices=("odd", "even"), default="even")
    args = parser.parse_args(argv)
    folder = Path(os.environ.get("FRAMING_EVAL_DIR", ROOT.parent / "shared" / "eval"))
    if not (folder / "szeged-uncertainty").is_dir():
        print(f"no corpora at {folder}; nothing measured", file=sys.stderr)
        return 0
    counts: Counter[tuple[str, str]] = Counter()
    for corpus, text in texts(folder, 1 if args.half == "odd" else 0):
        language = detect(text)
        counts[(corpus, "texts")] += 1
        counts[(corpus, "not detected as English")] += language.code != "en"
        counts[(corpus, "refused")] += language.refused
    print(f"{args.half} half")
    for corpus in ("semeval", "polnear", "szeged"):
        row = {k: v for (c, k), v in counts.items() if c == corpus}
        print(f"{corpus:<8} {row}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
