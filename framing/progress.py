"""Progress of a run, phase by phase: what the library reports and one plain-text renderer.

A run goes through phases (``discover``, ``score``, ``rewrites``, ``write``). The library calls
a :data:`Reporter` with a :class:`Step` when a phase starts, as it advances, and when it ends
(``finished``, with the count and the time it took). The CLI draws a rich bar on a terminal and
otherwise uses :class:`LogLines`: one line every few seconds and one per finished phase, so a
run under nohup, in CI or in a notebook is never silent until the end.

>>> lines = []
>>> log = LogLines(lines.append, every=60.0, clock=lambda: 0.0)
>>> with phase(log, "score", total=2) as p:
...     p.advance(1)
...     p.advance(2)
>>> lines
['score: 2/2 done in 0.0 s']
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

#: The phases of ``framing compare``, in order.
PHASES = ("discover", "score", "rewrites", "write")


@dataclass(frozen=True)
class Step:
    """Where one phase is: ``done`` of ``total`` (None when unknown), ``seconds`` since it
    started; ``finished`` on its last report, with an optional ``note`` (what was skipped)."""

    phase: str
    done: int
    total: int | None
    seconds: float
    finished: bool = False
    note: str = ""


Reporter = Callable[[Step], None]


class Phase:
    """One running phase: :meth:`advance` as work is done; the context manager finishes it."""

    def __init__(
        self, report: Reporter | None, name: str, total: int | None, clock: Callable[[], float]
    ) -> None:
        self.report = report
        self.name = name
        self.total = total
        self.done = 0
        self.note = ""
        self._clock = clock
        self._start = clock()

    def advance(self, done: int, total: int | None = None) -> None:
        self.done = done
        if total is not None:
            self.total = total
        if self.report is not None:
            self.report(Step(self.name, done, self.total, self._clock() - self._start))

    def finish(self) -> None:
        if self.report is not None:
            seconds = self._clock() - self._start
            self.report(Step(self.name, self.done, self.total, seconds, True, self.note))


@contextmanager
def phase(
    report: Reporter | None,
    name: str,
    total: int | None = None,
    clock: Callable[[], float] | None = None,
) -> Iterator[Phase]:
    """Report phase ``name``: started now, finished when the block ends without an error."""
    if clock is None:
        clock = getattr(report, "clock", time.monotonic)
    p = Phase(report, name, total, clock)
    p.advance(0)
    yield p
    p.finish()


class LogLines:
    """A :data:`Reporter` that writes plain lines: at most one progress line per ``every``
    seconds, and one line when each phase finishes (count, total, seconds, note)."""

    def __init__(
        self,
        write: Callable[[str], None],
        every: float = 10.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.write = write
        self.every = every
        self.clock = clock
        self._last = clock()

    def __call__(self, step: Step) -> None:
        counted = f"{step.done}/{step.total}" if step.total is not None else str(step.done)
        if step.finished:
            note = f" ({step.note})" if step.note else ""
            self.write(f"{step.phase}: {counted} done in {step.seconds:.1f} s{note}")
            self._last = self.clock()
        elif self.clock() - self._last >= self.every:
            self.write(f"{step.phase}: {counted} after {step.seconds:.0f} s")
            self._last = self.clock()


def sub_phases(
    report: Reporter, prefix: str, clock: Callable[[], float] = time.monotonic
) -> Callable[[str, int, int], None]:
    """A ``(phase, done, total)`` callback (the rewrite analysis's, see
    :func:`framing.rewrite.analysis.analyse`) that reports each of its phases to ``report`` as
    the phase ``prefix + phase``, finished once when ``done`` reaches ``total``."""
    started: dict[str, float] = {}
    finished: set[str] = set()

    def update(phase: str, done: int, total: int) -> None:
        name = prefix + phase
        if name in finished:
            return
        now = clock()
        start = started.setdefault(name, now)
        end = total > 0 and done >= total
        if end:
            finished.add(name)
        report(Step(name, done, total, now - start, end))

    return update
