"""benchmarks/eval_changes.py on a fixed small budget: planted edits in real articles are found
and paraphrase alone claims nothing of the planted kinds (skips without ../shared/eval)."""

from __future__ import annotations

import sys

import pytest

from framing.score import Engine
from tests.conftest import EVAL, ROOT

pytestmark = pytest.mark.skipif(
    not (EVAL / "basil" / "articles").is_dir(), reason="BASIL not in ../shared/eval"
)


def test_planted_changes_are_found_on_a_small_budget(blank: Engine) -> None:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import eval_changes

    articles = eval_changes.load("report", 4)
    planted, found, claims, true = eval_changes.evaluate(articles, blank)
    assert planted["paraphrase"] == len(articles)
    assert sum(planted.values()) >= 4 * len(articles)
    # on this small budget: most planted edits are found, and most claims are planted edits
    assert sum(found.values()) >= 0.7 * (sum(planted.values()) - planted["paraphrase"])
    assert sum(true.values()) >= 0.7 * sum(claims.values())
    for kind in ("quote_altered", "hedge_added", "commentary"):
        assert found[kind] >= 0.6 * planted[kind], kind
