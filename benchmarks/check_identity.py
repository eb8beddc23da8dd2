"""Byte-identity check for speed work: ``framing score --format json`` before and after.

    .venv/bin/python benchmarks/check_identity.py --write DIR   # record the reference
    .venv/bin/python benchmarks/check_identity.py --check DIR   # compare against it

Scores the five seeds and the first N PolNeAR train texts (``../shared/eval/polnear``, when
present) through the CLI, on the fast (``blank``) path and, when a trained English pipeline is
installed, on the parsed path. One JSON file per profile; ``--check`` reports the first
differing article and exits non-zero.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from click.testing import CliRunner

ROOT = Path(__file__).resolve().parent.parent
POLNEAR = ROOT.parent / "shared" / "eval" / "polnear" / "data" / "train" / "text"


def inputs(n: int) -> list[str]:
    paths = sorted(str(p) for p in (ROOT / "seeds").glob("*.txt"))
    if POLNEAR.is_dir():
        paths += sorted(str(p) for p in POLNEAR.glob("*.txt"))[:n]
    return paths


def run(model: str, paths: list[str]) -> str:
    from framing.cli import cli

    result = CliRunner().invoke(
        cli, ["score", "--format", "json", "--spacy-model", model, *paths], catch_exceptions=False
    )
    if result.exit_code != 0:
        raise SystemExit(f"framing score failed ({model}): {result.output[-2000:]}")
    return result.output


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    mode = parser.add_mutually_exclusive_group(required=True)
    mode.add_argument("--write", metavar="DIR")
    mode.add_argument("--check", metavar="DIR")
    parser.add_argument("--articles", type=int, default=300, help="PolNeAR texts (default 300)")
    parser.add_argument("--fast-only", action="store_true", help="skip the parsed path")
    args = parser.parse_args(argv)
    from framing.nlp import installed_trained_english

    paths = inputs(args.articles)
    models = ["blank"]
    trained = installed_trained_english()
    if trained and not args.fast_only:
        models.append(trained)
    folder = Path(args.write or args.check)
    folder.mkdir(parents=True, exist_ok=True)
    failed = False
    for model in models:
        out = run(model, paths)
        ref = folder / f"{model}.json"
        if args.write:
            ref.write_text(out, encoding="utf-8")
            print(f"{model}: wrote {ref} ({len(out):,} chars, {len(paths)} inputs)")
            continue
        expected = ref.read_text(encoding="utf-8")
        if out == expected:
            print(f"{model}: identical ({len(out):,} chars, {len(paths)} inputs)")
            continue
        failed = True
        got, want = json.loads(out), json.loads(expected)
        for k, (g, w) in enumerate(zip(got, want, strict=False)):
            if g != w:
                keys = [key for key in w if g.get(key) != w.get(key)]
                print(f"{model}: DIFFERS at article {k} ({paths[k]}): keys {keys}")
                break
        else:
            print(f"{model}: DIFFERS (lengths {len(got)} vs {len(want)} or formatting)")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
