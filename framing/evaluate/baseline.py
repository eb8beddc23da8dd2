"""Record the ``--fast`` figures as the CI baseline: ``python -m framing.evaluate.baseline``.

Run it after a deliberate change of a lexicon or rule has moved a figure, and commit the file
with the change that moved it.
"""

from __future__ import annotations

import sys

from framing.evaluate.run import BASELINE, run_all, write_baseline


def main() -> int:
    result = run_all(fast=True, progress=lambda msg: print(msg, file=sys.stderr))
    skipped = [r.feature for r in result.features if r.skipped]
    if skipped:
        print(f"not written: skipped {', '.join(skipped)} (corpora missing)", file=sys.stderr)
        return 1
    write_baseline(result)
    print(f"wrote {BASELINE} ({len(result.figures)} figures, {result.seconds:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
