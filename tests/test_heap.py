"""The garbage-collector scope of bulk scoring (framing.heap.bulk_gc)."""

from __future__ import annotations

import gc
import json
from collections.abc import Iterator

import pytest

from framing.document import Document
from framing.heap import YOUNG_THRESHOLD, bulk_gc
from framing.score import Engine


@pytest.fixture(autouse=True)
def _clean_gc() -> Iterator[None]:
    threshold, enabled = gc.get_threshold(), gc.isenabled()
    gc.unfreeze()
    yield
    gc.unfreeze()
    gc.set_threshold(*threshold)
    (gc.enable if enabled else gc.disable)()


def test_scope_freezes_and_raises_the_young_threshold_then_restores() -> None:
    gc.set_threshold(700, 10, 10)
    with bulk_gc():
        assert gc.get_threshold() == (YOUNG_THRESHOLD, 10, 10)
        assert gc.get_freeze_count() > 0
    assert gc.get_threshold() == (700, 10, 10)
    assert gc.get_freeze_count() == 0


def test_a_higher_threshold_of_the_caller_is_kept() -> None:
    gc.set_threshold(YOUNG_THRESHOLD * 5, 3, 4)
    with bulk_gc():
        assert gc.get_threshold() == (YOUNG_THRESHOLD * 5, 3, 4)
    assert gc.get_threshold() == (YOUNG_THRESHOLD * 5, 3, 4)


def test_nested_scopes_restore_at_the_outermost_only() -> None:
    gc.set_threshold(700, 10, 10)
    with bulk_gc():
        with bulk_gc():
            pass
        assert gc.get_threshold()[0] == YOUNG_THRESHOLD  # still inside the outer scope
        assert gc.get_freeze_count() > 0
    assert gc.get_threshold() == (700, 10, 10)
    assert gc.get_freeze_count() == 0


def test_objects_the_caller_froze_stay_frozen() -> None:
    gc.freeze()
    before = gc.get_freeze_count()
    with bulk_gc():
        pass
    assert gc.get_freeze_count() > before // 2 > 0  # not released (a few may have died)


def test_a_disabled_collector_is_left_alone() -> None:
    gc.set_threshold(700, 10, 10)
    gc.disable()
    with bulk_gc():
        assert gc.get_threshold() == (700, 10, 10)
        assert gc.get_freeze_count() == 0
    assert not gc.isenabled()


def test_cycles_made_inside_the_scope_are_still_collected() -> None:
    class Node:
        other: object = None

    with bulk_gc():
        a, b = Node(), Node()
        a.other, b.other = b, a
        del a, b
        assert gc.collect() >= 2


def test_score_documents_restores_the_collector_when_closed_early() -> None:
    gc.set_threshold(700, 10, 10)
    engine = Engine("blank")
    docs = [Document(text=f"Officials said {i} people left.", source=str(i)) for i in range(3)]
    scores = engine.score_documents(docs)
    first = next(scores)
    assert gc.get_threshold()[0] == YOUNG_THRESHOLD  # the generator's scope is open
    scores.close()
    assert gc.get_threshold() == (700, 10, 10)
    assert gc.get_freeze_count() == 0
    again = engine.score_document(docs[0]).metrics
    assert json.dumps(first.metrics, sort_keys=True) == json.dumps(again, sort_keys=True)
