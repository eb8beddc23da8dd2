"""Generated docs cannot drift: the checked-in copies equal what the registry generates."""

from __future__ import annotations

import pytest

from framing.docs import GENERATED
from framing.registry import families, metrics
from tests.conftest import ROOT


@pytest.mark.parametrize("rel", sorted(GENERATED))
def test_generated_file_is_up_to_date(rel: str) -> None:
    on_disk = (ROOT / rel).read_text(encoding="utf-8")
    assert on_disk == GENERATED[rel](), f"{rel} is stale: run `python -m framing.docs`"


def test_every_metric_is_documented_with_unit_and_definition() -> None:
    page = GENERATED["docs/metrics.md"]()
    for m in metrics():
        assert m.definition.strip() and m.unit.strip(), m.name
        assert f"`{m.name}`" in page
    for f in families():
        assert f.title in page


def test_metric_names_are_unique_snake_case() -> None:
    names = [m.name for m in metrics()]
    assert len(names) == len(set(names))
    assert all(n.replace("_", "").isalnum() and n.islower() for n in names)
