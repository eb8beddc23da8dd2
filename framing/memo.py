"""Bounded lookup tables: what the fast path worked out once per distinct key, kept in bounds.

Scoring keeps answers per distinct token, word or sentence across articles (token strings by
id, word tests, syllables, lexicon candidates, VADER scores). A stream of articles brings new
keys without end, so each table has a size limit and is emptied whole when it would pass it:
one ``dict.clear`` now and then, where evicting entry by entry would cost on every hit, and the
next articles put the common keys back at once.

This module imports nothing from framing, so every layer (lexicon, features) can use it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Generic, TypeVar, cast

K = TypeVar("K")
V = TypeVar("V")


class BoundedTable(Generic[K, V]):
    """``fn(key)`` per distinct key, emptied whole before it would pass ``limit()`` entries.

    ``limit`` is called whenever keys are added, so a module constant read through it
    (``BoundedTable(lambda: WORD_TABLE_SIZE)``) can be changed while the table exists.
    ``on_clear`` is called whenever the table is emptied, for state kept beside it that must
    be emptied with it. The functions given must be pure; for :meth:`one` and :meth:`many`
    they must never return None (None marks a missing key there).

    >>> lengths: BoundedTable[str, int] = BoundedTable(lambda: 2)
    >>> lengths.many(["a", "bb", "a"], len)
    [1, 2, 1]
    >>> lengths.one("ccc", len), len(lengths), lengths.clears
    (3, 1, 1)
    """

    __slots__ = ("_data", "clears", "limit", "on_clear")

    def __init__(
        self, limit: Callable[[], int], on_clear: Callable[[], None] | None = None
    ) -> None:
        self.limit = limit
        self.on_clear = on_clear
        #: How often the table emptied itself because it was full (:meth:`clear` not counted).
        self.clears = 0
        # a plain dict: set.difference(dict) probes it key by key in C, where any other
        # mapping (a dict subclass too) makes CPython iterate over the whole table instead
        self._data: dict[K, V] = {}

    def __len__(self) -> int:
        return len(self._data)

    def clear(self) -> None:
        """Forget everything (for a run that must not start with what an earlier one learnt)."""
        self._data.clear()
        if self.on_clear is not None:
            self.on_clear()

    def _make_room(self, n: int) -> bool:
        """Empty the table if ``n`` more keys would take it past the limit; True if it did."""
        data = self._data
        if data and len(data) + n > self.limit():
            self.clear()
            self.clears += 1
            return True
        return False

    def one(self, key: K, fn: Callable[[K], V]) -> V:
        """``fn(key)``, worked out once.

        >>> BoundedTable(lambda: 10).one("word", str.upper)
        'WORD'
        """
        got = self._data.get(key)
        if got is None:
            got = fn(key)
            self._make_room(1)
            self._data[key] = got
        return got

    def many(self, keys: list[K], fn: Callable[[K], V]) -> list[V]:
        """``[fn(k) for k in keys]``, each distinct key worked out once; a batch with new keys
        that could pass the limit (counting all ``len(keys)``) empties the table first, then
        all of them are kept.

        >>> BoundedTable(lambda: 10).many(["to", "be", "to"], str.upper)
        ['TO', 'BE', 'TO']
        """
        data = self._data
        got: list[V | None] = list(map(data.get, keys))
        if None in got:
            self._make_room(len(keys))
            for k, v in enumerate(got):
                if v is None:
                    key = keys[k]
                    v = data.get(key)  # a key new to the table may come twice in a batch
                    if v is None:
                        v = data[key] = fn(key)
                    got[k] = v
        return cast(list[V], got)

    def fill(self, keys: set[K] | frozenset[K], fn: Callable[[K], V]) -> Mapping[K, V]:
        """The table, holding ``fn(k)`` for every key of ``keys`` (until the next call adds
        keys); new keys that would pass the limit empty it first, then all of ``keys`` go in.

        >>> dict(BoundedTable(lambda: 10).fill({"a"}, str.upper))
        {'a': 'A'}
        """
        data = self._data
        new = keys.difference(data)
        if new:
            if self._make_room(len(new)):
                new = keys
            for k in new:
                data[k] = fn(k)
        return data
