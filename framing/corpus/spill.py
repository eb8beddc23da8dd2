"""Scored articles kept out of memory: appended to a temporary SQLite file as they are scored,
read back one at a time, in order, by each sink that writes them.

A comparison of 20,000 articles would otherwise hold every article's text, evidence and
details until the last file is written. What the outlet summaries, the terminal and the report
header need from every article stays in memory as an :class:`Entry` (source, outlet, role,
hashes and the metric values in a float array, about 0.7 kB an article).

>>> from framing.api import compare
>>> c = compare(["seeds"], spacy_model="blank", spill=True)
>>> len(c.articles), c.articles[0].source == next(iter(c.articles)).source
(5, True)
>>> c.close()

The file holds pickles: it is written by this process into a private temporary folder and
deleted on :meth:`SpilledArticles.close`, so nothing else can feed it objects.
"""

from __future__ import annotations

import math
import os
import pickle
import shutil
import sqlite3
import tempfile
import zlib
from array import array
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, overload

from framing.features import metrics

if TYPE_CHECKING:
    from framing.corpus.articles import ScoredArticle

#: Rows buffered before one INSERT: few round trips, little memory.
BATCH = 256
#: Spill folders are named ``framing-spill-<pid>-<random>``: the pid tells a dead run's.
PREFIX = "framing-spill-"


def clean_stale(folder: str | Path | None = None) -> list[Path]:
    """Delete the spill folders of runs that died without cleaning up (kill -9, out of
    memory) in ``folder`` (the temporary folder when None); returns what was deleted."""
    root = Path(folder if folder is not None else tempfile.gettempdir())
    removed = []
    try:
        candidates = list(root.glob(f"{PREFIX}*-*"))
    except OSError:
        return []
    for path in candidates:
        pid = path.name[len(PREFIX) :].partition("-")[0]
        if pid.isdigit() and not _alive(int(pid)) and path.is_dir():
            shutil.rmtree(path, ignore_errors=True)
            removed.append(path)
    return removed


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # someone else's process: alive
    return True


def _names() -> tuple[str, ...]:
    return tuple(m.name for m in metrics())


@dataclass(frozen=True, slots=True)
class Entry:
    """What every article contributes to summaries: placement, hashes and metric values."""

    source: str
    outlet: str
    role: str | None
    article_id: str
    content_hash: str
    lexicon_hash: str
    pipeline: str
    tool_version: str
    values: array[float]  # registry metric order; no data is NaN

    def metric(self, name: str) -> float:
        return self.values[_index()[name]]


_INDEX: dict[str, int] = {}


def _index() -> dict[str, int]:
    if not _INDEX:
        _INDEX.update({n: i for i, n in enumerate(_names())})
    return _INDEX


def entry(a: ScoredArticle, intern: dict[str, str] | None = None) -> Entry:
    """The compact entry of an article (``intern`` shares repeated strings between entries)."""
    seen = intern if intern is not None else {}

    def shared(s: str) -> str:
        return seen.setdefault(s, s)

    m = a.score.metrics
    values = array("d", (math.nan if m.get(n) is None else float(m[n]) for n in _names()))
    return Entry(
        source=a.source,
        outlet=shared(a.outlet),
        role=None if a.role is None else shared(a.role),
        article_id=a.article_id,
        content_hash=str(a.score.article["content_hash"]),
        lexicon_hash=shared(a.score.lexicon_hash),
        pipeline=shared(a.score.pipeline_label),
        tool_version=shared(a.score.tool_version),
        values=values,
    )


class SpilledArticles(Sequence["ScoredArticle"]):
    """An append-only, disk-backed sequence of scored articles (see the module docstring)."""

    def __init__(self, folder: str | Path | None = None) -> None:
        clean_stale(folder)
        self._dir = tempfile.mkdtemp(prefix=f"{PREFIX}{os.getpid()}-", dir=folder)
        self._db = sqlite3.connect(Path(self._dir) / "articles.sqlite", check_same_thread=False)
        self._db.execute("PRAGMA journal_mode=OFF")  # a scratch file: no crash recovery needed
        self._db.execute("PRAGMA synchronous=OFF")
        self._db.execute("CREATE TABLE articles (seq INTEGER PRIMARY KEY, article BLOB NOT NULL)")
        self.entries: list[Entry] = []
        self._pending: list[tuple[int, bytes]] = []
        self._intern: dict[str, str] = {}

    def append(self, a: ScoredArticle) -> None:
        blob = zlib.compress(pickle.dumps(a, protocol=pickle.HIGHEST_PROTOCOL), 1)
        self._pending.append((len(self.entries), blob))
        self.entries.append(entry(a, self._intern))
        if len(self._pending) >= BATCH:
            self._flush()

    def extend(self, articles: Iterable[ScoredArticle]) -> None:
        for a in articles:
            self.append(a)

    def _flush(self) -> None:
        if self._pending:
            with self._db:
                self._db.executemany("INSERT INTO articles VALUES (?, ?)", self._pending)
            self._pending.clear()

    @staticmethod
    def _load(blob: bytes) -> ScoredArticle:
        a: ScoredArticle = pickle.loads(zlib.decompress(blob))
        return a

    def __len__(self) -> int:
        return len(self.entries)

    def __iter__(self) -> Iterator[ScoredArticle]:
        self._flush()
        cursor = self._db.execute("SELECT article FROM articles ORDER BY seq")
        for (blob,) in cursor:
            yield self._load(blob)

    @overload
    def __getitem__(self, i: int) -> ScoredArticle: ...
    @overload
    def __getitem__(self, i: slice) -> Sequence[ScoredArticle]: ...
    def __getitem__(self, i: int | slice) -> ScoredArticle | Sequence[ScoredArticle]:
        if isinstance(i, slice):
            return [self[k] for k in range(*i.indices(len(self)))]
        n = len(self)
        if not -n <= i < n:
            raise IndexError("article index out of range")
        self._flush()
        row = self._db.execute("SELECT article FROM articles WHERE seq = ?", (i % n,)).fetchone()
        return self._load(row[0])

    def close(self) -> None:
        """Delete the temporary file (the sequence is unusable afterwards)."""
        self._db.close()
        shutil.rmtree(self._dir, ignore_errors=True)


def entries(articles: Sequence[ScoredArticle]) -> Sequence[Entry]:
    """The compact entries of any sequence of articles (kept ones when it is spilled)."""
    if isinstance(articles, SpilledArticles):
        return articles.entries
    intern: dict[str, str] = {}
    return [entry(a, intern) for a in articles]
