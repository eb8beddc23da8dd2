"""The cyclic garbage collector during bulk scoring.

A scoring process holds a large heap that lives as long as the process: the pronunciation
dictionary behind readability (about 134,000 entries of nested lists), the pipeline's
vocabulary, the compiled lexicons and the per-word tables. Scoring allocates many small
objects per article (matches, evidence spans, result dicts), so CPython's collector, with its
default young-generation threshold of 700 allocations, runs hundreds of times per thousand
articles and now and then walks that whole heap again. Measured on the benchmark corpus (800
articles, fast profile): 342 young, 31 middle and 1 full collection cost 0.35 s of 6.4 s CPU;
inside :func:`bulk_gc`, 10 young collections cost 0.06 s.

:func:`bulk_gc` is the scope the engine's batch methods run in: what exists when it starts is
frozen (``gc.freeze``: left out of every collection, which also keeps forked workers from
touching, and so copying, the parent's pages) and the young generation is collected every
:data:`YOUNG_THRESHOLD` allocations. Nothing else changes: cycles created while scoring are
still collected. On leaving the outermost scope the frozen objects are released and the
thresholds restored. A process that froze objects itself, or turned the collector off, is
left as it is.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

#: Allocations between two collections of the young generation while scoring (CPython: 700).
YOUNG_THRESHOLD = 20_000


@dataclass
class _Scope:
    depth: int = 0
    threshold: tuple[int, int, int] = (700, 10, 10)
    froze: bool = False
    active: bool = False


_SCOPE = _Scope()


@contextmanager
def bulk_gc() -> Iterator[None]:
    """Collector settings for scoring many articles (see the module doc); nests, and restores
    the previous settings when the outermost scope ends (also when a generator holding it is
    closed)."""
    scope = _SCOPE
    if scope.depth == 0:
        scope.threshold = gc.get_threshold()
        scope.active = gc.isenabled()
        scope.froze = scope.active and gc.get_freeze_count() == 0
        if scope.froze:
            gc.freeze()
        if scope.active:
            young, *older = scope.threshold
            gc.set_threshold(max(young, YOUNG_THRESHOLD), *older)
    scope.depth += 1
    try:
        yield
    finally:
        scope.depth -= 1
        if scope.depth == 0:
            if scope.froze:
                gc.unfreeze()
            if scope.active:
                gc.set_threshold(*scope.threshold)
