"""A bounded table answers like the function it keeps, and empties itself rather than grow."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

import pytest

from framing.memo import BoundedTable


def counted(fn: Callable[[str], object]) -> tuple[Callable[[str], object], Counter[str]]:
    """``fn`` and a counter of the keys it was called with."""
    calls: Counter[str] = Counter()

    def wrapped(key: str) -> object:
        calls[key] += 1
        return fn(key)

    return wrapped, calls


def test_one_works_each_key_out_once() -> None:
    table: BoundedTable[str, object] = BoundedTable(lambda: 10)
    upper, calls = counted(str.upper)
    assert [table.one(k, upper) for k in ["a", "b", "a", "a"]] == ["A", "B", "A", "A"]
    assert calls == {"a": 1, "b": 1}


def test_many_keeps_order_and_works_each_distinct_key_out_once() -> None:
    table: BoundedTable[str, object] = BoundedTable(lambda: 10)
    upper, calls = counted(str.upper)
    assert table.many(["b", "a", "b"], upper) == ["B", "A", "B"]
    assert table.many(["a", "c"], upper) == ["A", "C"]
    assert calls == {"a": 1, "b": 1, "c": 1}
    assert table.many([], upper) == []


def test_fill_holds_every_key_and_works_only_new_ones_out() -> None:
    table: BoundedTable[str, object] = BoundedTable(lambda: 10)
    upper, calls = counted(str.upper)
    assert dict(table.fill({"a", "b"}, upper)) == {"a": "A", "b": "B"}
    got = table.fill(frozenset({"b", "c"}), upper)
    assert (got["b"], got["c"]) == ("B", "C")
    assert calls == {"a": 1, "b": 1, "c": 1}


def test_falsy_answers_are_kept_not_taken_for_missing_keys() -> None:
    # None marks a missing key: 0, False and "" must not
    for answer in (0, False, ""):
        table: BoundedTable[str, object] = BoundedTable(lambda: 10)
        fn, calls = counted(lambda _, a=answer: a)
        assert table.one("x", fn) == answer and table.one("x", fn) == answer
        assert table.many(["y", "y"], fn) == [answer, answer]
        assert table.many(["y"], fn) == [answer]
        assert calls == {"x": 1, "y": 1}, answer


def test_one_never_holds_more_than_the_limit_and_counts_its_clears() -> None:
    table: BoundedTable[str, object] = BoundedTable(lambda: 3)
    for k, key in enumerate("abcdefgh"):
        assert table.one(key, str.upper) == key.upper()
        assert len(table) <= 3
        assert table.clears == k // 3  # full after a, b, c: d empties it, then g
    assert table.one("h", str.upper) == "H"  # still there after the clears


def test_a_table_at_its_limit_is_kept_until_one_more_key_comes() -> None:
    table: BoundedTable[str, object] = BoundedTable(lambda: 3)
    table.many(["a", "b"], str.upper)
    table.one("c", str.upper)
    assert (len(table), table.clears) == (3, 0)
    upper, calls = counted(str.upper)
    assert table.many(["a", "b", "c"], upper) == ["A", "B", "C"]  # hits: nothing is emptied
    assert (len(table), table.clears, calls) == (3, 0, {})
    table.one("d", str.upper)
    assert (len(table), table.clears) == (1, 1)


def test_a_batch_larger_than_the_limit_is_held_whole_after_emptying_the_table() -> None:
    table: BoundedTable[str, object] = BoundedTable(lambda: 2)
    table.one("z", str.upper)
    upper, calls = counted(str.upper)
    assert table.many(["a", "b", "c", "a"], upper) == ["A", "B", "C", "A"]
    assert (len(table), table.clears) == (3, 1)  # z went, the whole batch stayed
    assert dict(table.fill({"a", "b", "c"}, upper)) == {"a": "A", "b": "B", "c": "C"}
    assert calls == {"a": 1, "b": 1, "c": 1}


def test_a_batch_that_empties_the_table_still_answers_every_key_with_its_own_value() -> None:
    table: BoundedTable[str, object] = BoundedTable(lambda: 2)
    table.many(["a", "b"], str.upper)
    assert table.many(["c", "a", "d", "b"], str.upper) == ["C", "A", "D", "B"]
    assert table.clears == 1
    assert table.many(["e", "c"], str.upper) == ["E", "C"]
    assert table.clears == 2


def test_fill_past_the_limit_keeps_the_old_keys_it_was_asked_for() -> None:
    table: BoundedTable[str, object] = BoundedTable(lambda: 2)
    table.fill({"a", "b"}, str.upper)
    upper, calls = counted(str.upper)
    assert dict(table.fill({"b", "c"}, upper)) == {"b": "B", "c": "C"}  # a went, b came back
    assert table.clears == 1
    assert calls == {"b": 1, "c": 1}


def test_emptying_an_empty_table_is_not_counted() -> None:
    table: BoundedTable[str, object] = BoundedTable(lambda: 1)
    table.many(["a", "b", "c"], str.upper)
    assert table.clears == 0
    table.fill({"x", "y"}, str.upper)
    assert table.clears == 1


def test_the_limit_is_read_when_keys_are_added_not_when_the_table_is_made() -> None:
    limit = {"size": 100, "reads": 0}

    def read() -> int:
        limit["reads"] += 1
        return limit["size"]

    table: BoundedTable[str, object] = BoundedTable(read)
    table.many(list("abcd"), str.upper)
    assert (len(table), table.clears) == (4, 0)
    limit["size"] = 4
    reads = limit["reads"]
    table.one("a", str.upper)
    table.many(list("abcd"), str.upper)
    table.fill(set("abcd"), str.upper)
    assert limit["reads"] == reads  # hits never read the limit (the hot path)
    table.one("e", str.upper)
    assert (len(table), table.clears) == (1, 1)


def test_on_clear_runs_whenever_the_table_is_emptied() -> None:
    cleared: list[int] = []
    table: BoundedTable[str, object] = BoundedTable(lambda: 1, on_clear=lambda: cleared.append(1))
    table.one("a", str.upper)
    table.one("a", str.upper)
    assert cleared == []
    table.one("b", str.upper)
    assert cleared == [1]
    table.clear()
    assert (cleared, len(table), table.clears) == ([1, 1], 0, 1)  # clear() is not counted


@pytest.mark.parametrize("limit", [1, 2, 5])
def test_answers_do_not_depend_on_the_limit(limit: int) -> None:
    keys = ["the", "cat", "and", "the", "dog", "and", "the", "bird", "saw", "the", "cat"]
    table: BoundedTable[str, object] = BoundedTable(lambda: limit)
    for start in range(0, len(keys), 3):
        batch = keys[start : start + 3]
        assert table.many(batch, len) == [len(k) for k in batch]
        assert [table.one(k, len) for k in batch] == [len(k) for k in batch]
        assert [table.fill(set(batch), len)[k] for k in batch] == [len(k) for k in batch]
    assert table.clears > 0
