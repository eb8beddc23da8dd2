"""Shared fixtures: one blank engine and one parsed engine per session, the seeds, the eval data."""

from __future__ import annotations

from pathlib import Path

import pytest

from framing.nlp import installed_trained_english
from framing.score import ArticleScore, Engine, get_engine

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
EVAL = ROOT.parent / "shared" / "eval"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if installed_trained_english() is None:
        skip = pytest.mark.skip(
            reason="no trained English spaCy pipeline installed "
            "(pip install 'framing-toolkit[parsed]')"
        )
        for item in items:
            if "parsed" in item.keywords:
                item.add_marker(skip)


@pytest.fixture(scope="session")
def blank() -> Engine:
    return get_engine("blank")


@pytest.fixture(scope="session")
def parsed() -> Engine:
    name = installed_trained_english()
    assert name is not None
    return get_engine(name)


def seed_path(prefix: str) -> Path:
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return path


@pytest.fixture(scope="session")
def seed_scores(blank: Engine) -> dict[str, ArticleScore]:
    """The five seeds scored on the fast (blank) path, keyed by their number ("000".."004")."""
    from framing.ingest import read_path

    return {p.name[:3]: blank.score_document(read_path(p)[0]) for p in sorted(SEEDS.glob("*.txt"))}


@pytest.fixture(scope="session")
def seed_scores_parsed(parsed: Engine) -> dict[str, ArticleScore]:
    from framing.ingest import read_path

    return {p.name[:3]: parsed.score_document(read_path(p)[0]) for p in sorted(SEEDS.glob("*.txt"))}
