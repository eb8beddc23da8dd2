"""The HTML report at 2,000 articles: its size and how long headless Chromium takes to render it.

    .venv/bin/python benchmarks/report_scale.py [--articles 2000]

The corpus is written to a temporary folder at run time: BASIL's 300 articles and PolNeAR's
texts (``../shared/eval``, never copied into the repository), topped up with synthetic versions
of the seeds' story (``benchmarks/rewrite_scale.py``) — so the report has hundreds of small
stories and one very large one. ``framing compare DIR --spacy-model blank`` writes the report;
then ``chromium --headless --no-sandbox --screenshot`` loads it (network off) and the wall time
of that process is the render time (Chromium's own start-up, about a second, included).
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from rewrite_scale import versions
from rewrites import BASIL, POLNEAR

ROOT = Path(__file__).resolve().parent.parent


def corpus(folder: Path, n: int) -> int:
    k = 0
    for p in sorted((BASIL / "articles").glob("*/*.json")):
        record = json.loads(p.read_text(encoding="utf-8"))
        text = "\n\n".join(" ".join(par) for par in record["body-paragraphs"])
        (folder / f"basil_{p.stem}.txt").write_text(record["title"] + "\n\n" + text)
        k += 1
    for p in sorted((POLNEAR / "data").glob("*/text/*.txt")):
        if k >= n * 0.6:
            break
        shutil.copy(p, folder / f"polnear_{p.name}")
        k += 1
    for i, text in enumerate(versions(max(0, n - k), random.Random(5))):
        (folder / f"seedstory_{i:05d}.txt").write_text(text, encoding="utf-8")
        k += 1
    return k


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--articles", type=int, default=2000)
    args = ap.parse_args()
    if not BASIL.is_dir():
        sys.exit(f"BASIL not found at {BASIL}")
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    with tempfile.TemporaryDirectory() as tmp:
        folder, out = Path(tmp, "in"), Path(tmp, "out")
        folder.mkdir()
        n = corpus(folder, args.articles)
        start = time.perf_counter()
        subprocess.run(
            [
                sys.executable,
                "-c",
                "from framing.cli import cli; cli()",
                "compare",
                str(folder),
                "--out",
                str(out),
                "--spacy-model",
                "blank",
                "--no-db",
                "--keep-going",
                "--format",
                "csv",
            ],
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        compare_s = time.perf_counter() - start
        report = out / "report.html"
        size = report.stat().st_size / 1e6
        print(f"{n} articles: compare {compare_s:.0f} s; report.html {size:.1f} MB")
        html = report.read_text(encoding="utf-8")
        at = html.find('<section id="stories"')
        end = html.find("</section>", at)
        if at >= 0:
            print(f"  stories section {(end - at) / 1e6:.2f} MB of it")
        if chromium is None:
            print("  chromium not found: render time not measured")
            return
        start = time.perf_counter()
        subprocess.run(
            [
                chromium,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                f"--screenshot={tmp}/shot.png",
                "--window-size=1280,2000",
                report.as_uri(),
            ],
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            timeout=300,
        )
        print(
            f"  headless Chromium render (load + screenshot): {time.perf_counter() - start:.1f} s"
        )


if __name__ == "__main__":
    main()
