"""The rewrite phase at scale: many versions of ONE story, and pathological texts.

    .venv/bin/python benchmarks/rewrite_scale.py [--versions 200] [--pathological] [--jobs 1]

``--versions N`` writes N versions of the seeds' story (seeds/004, the Korea Times original)
into a temporary folder — a third exact copies, a fifth near copies (a word or two changed, a
page line added), the rest rewrites (sentences dropped, reordered, reworded, numbers changed,
a sentence of another seed added) — with a fixed random seed, then times ``framing compare
DIR --spacy-model blank`` with and without ``--no-rewrites``, each in a fresh interpreter, and
reports both times, their ratio and each run's peak resident set (VmHWM).

``--pathological`` does the same on the five seeds plus a paragraph with emoji, that paragraph
after a 200,000-character token, a 2,000-sentence article and 1 MB without a space.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"

_CHILD = """
import json, sys
sys.path.insert(0, sys.argv[4])
from framing.cli import cli
folder, out, report, root, rewrites = sys.argv[1:6]
args = ["compare", folder, "--out", out, "--spacy-model", "blank", "--keep-going",
        "--format", "csv", "--no-db"]
if rewrites == "0":
    args.append("--no-rewrites")
try:
    cli.main(args, prog_name="framing", standalone_mode=False)
finally:
    with open("/proc/self/status") as fh:
        hwm = next(int(line.split()[1]) for line in fh if line.startswith("VmHWM:"))
    with open(report, "w") as fh:
        json.dump({"rss_kb": hwm}, fh)
"""


def _sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?])\s+", text) if s.strip()]


def versions(n: int, rng: random.Random) -> list[str]:
    """``n`` versions of seed 004's story (see the module docstring)."""
    original = next(SEEDS.glob("004_*.txt")).read_text(encoding="utf-8")
    others = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("00[0-3]_*.txt"))]
    base = _sentences(original)
    out = []
    for k in range(n):
        roll = rng.random()
        if roll < 0.33:
            text = original
        elif roll < 0.53:
            words = original.split(" ")
            for _ in range(2):
                words[rng.randrange(len(words))] = rng.choice(["the", "a", "its", "new"])
            text = " ".join(words) + f"\n\nShared from page {k}."
        else:
            sents = [s for s in base if rng.random() > 0.2]
            for _ in range(3):
                i, j = rng.randrange(len(sents)), rng.randrange(len(sents))
                sents[i], sents[j] = sents[j], sents[i]
            sents = [
                re.sub(r"\d{1,3}(?:,\d{3})+", lambda m: f"{rng.randint(2, 20)},000", s)
                if rng.random() < 0.2
                else s.replace(" said ", " stated ")
                for s in sents
            ]
            sents.insert(rng.randrange(len(sents)), rng.choice(_sentences(rng.choice(others))))
            text = " ".join(sents) + f"\n\nVersion {k}."
        out.append(text)
    return out


def pathological(folder: Path) -> None:
    for p in sorted(SEEDS.glob("00*.txt")):
        (folder / p.name).write_text(p.read_text(encoding="utf-8"), encoding="utf-8")
    para = next(SEEDS.glob("004_*.txt")).read_text(encoding="utf-8")[:3000]
    (folder / "p_emoji.txt").write_text("Seoul \U0001f600\U0001f389 " + para, encoding="utf-8")
    (folder / "p_token.txt").write_text(para + "\n" + "A" * 200_000 + "\n", encoding="utf-8")
    rng = random.Random(1)
    sents = _sentences(para)
    (folder / "p_long.txt").write_text(" ".join(rng.choice(sents) for _ in range(2000)))
    (folder / "p_nospace.txt").write_text(("x" * 997 + "Q.,") * 334)


def run(folder: Path, work: Path, rewrites: bool) -> tuple[float, float]:
    tag = "rw" if rewrites else "norw"
    report = work / f"{tag}.json"
    start = time.perf_counter()
    subprocess.run(
        [
            sys.executable,
            "-c",
            _CHILD,
            str(folder),
            str(work / f"out-{tag}"),
            str(report),
            str(ROOT),
            "1" if rewrites else "0",
        ],
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    seconds = time.perf_counter() - start
    return seconds, json.loads(report.read_text())["rss_kb"] / 1024


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--versions", type=int, default=200)
    ap.add_argument("--pathological", action="store_true")
    ap.add_argument("--skip-baseline", action="store_true", help="time only the rewrites run")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder, work = Path(tmp, "in"), Path(tmp, "work")
        folder.mkdir()
        work.mkdir()
        if args.pathological:
            pathological(folder)
            name = "pathological folder (5 seeds + 4 hostile files)"
        else:
            for k, text in enumerate(versions(args.versions, random.Random(17))):
                (folder / f"v{k:05d}.txt").write_text(text, encoding="utf-8")
            name = f"{args.versions} versions of one story"
        base = (float("nan"), float("nan")) if args.skip_baseline else run(folder, work, False)
        full = run(folder, work, True)
        print(f"{name}:")
        print(f"  --no-rewrites  {base[0]:7.1f} s  peak RSS {base[1]:6.0f} MB")
        print(f"  rewrites       {full[0]:7.1f} s  peak RSS {full[1]:6.0f} MB")
        print(f"  ratio          {full[0] / base[0]:7.2f}x")


if __name__ == "__main__":
    main()
