"""A content-hash cache of scored articles, so unchanged articles are not scored again.

One SQLite file maps a key to an article's score as JSON. The key is a SHA-256 over what the
score depends on: the cleaned text and what ingest found around it (metadata, removed lines,
raw size, encoding, warnings), the language check, the full lexicon fingerprint, the pipeline
(name and version), and the tool and schema versions. Editing a lexicon, upgrading spaCy or
framing therefore misses; renaming or moving a file hits (the stored score is given the new
``source``).

>>> from framing.score import get_engine
>>> from framing.ingest import read_text
>>> engine = get_engine("blank")
>>> doc = read_text("Officials said the troops were deployed.", "a.txt")
>>> with ScoreCache(":memory:") as cache:
...     key = cache.key(doc, engine)
...     cache.get(key, doc) is None
...     cache.put([(key, engine.score_document(doc))])
...     cache.get(key, doc).metrics["attributions"]
True
1

Scores are stored as JSON (not pickle: a cache file may come from elsewhere, and loading it
must not run code), with floats written by ``repr`` so they read back exactly, NaN included.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import sqlite3
import zlib
from collections.abc import Iterable
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

from framing.about import __version__
from framing.document import Document, RemovedLine
from framing.errors import ConfigError
from framing.evidence import Evidence
from framing.schema import SCHEMA_VERSION
from framing.score import ArticleScore

if TYPE_CHECKING:
    from framing.score import Engine

#: Bumped when the stored form of a score changes, so old entries miss instead of misreading.
FORMAT = 1

_SCHEMA = """
CREATE TABLE IF NOT EXISTS scores (
    key TEXT PRIMARY KEY,
    score BLOB NOT NULL
) WITHOUT ROWID
"""


def encode(score: ArticleScore) -> bytes:
    """An article score as compressed JSON that :func:`decode` turns back into an equal one."""
    data = {f.name: getattr(score, f.name) for f in dataclasses.fields(score)}
    data["evidence"] = [dataclasses.astuple(e) for e in score.evidence]
    data["removed"] = [dataclasses.astuple(r) for r in score.removed]
    return zlib.compress(json.dumps(data, ensure_ascii=False).encode("utf-8"), 1)


def decode(blob: bytes, source: str | None = None) -> ArticleScore:
    """The score :func:`encode` stored, with ``article.source`` set to ``source`` if given."""
    data: dict[str, Any] = json.loads(zlib.decompress(blob).decode("utf-8"))
    data["evidence"] = tuple(Evidence(*e) for e in data["evidence"])
    data["removed"] = tuple(RemovedLine(*r) for r in data["removed"])
    data["sentences"] = tuple((s, e) for s, e in data["sentences"])
    data["warnings"] = tuple(data["warnings"])
    if source is not None:
        data["article"]["source"] = source
    return ArticleScore(**data)


class ScoreCache:
    """Scored articles by content key in a SQLite file (created if missing).

    ``readonly`` opens an existing file for lookups only (what worker processes do; the parent
    process is the one writer). ``hits`` and ``misses`` are counted by whoever scores through
    the cache (:func:`framing.run.local.score_inputs`), one per article.
    """

    def __init__(self, path: str | Path, *, readonly: bool = False) -> None:
        self.path = str(path)
        self.hits = 0
        self.misses = 0
        #: Why the cache stopped being used (locked, full disk), or None: the run goes on
        #: without it, and says so once.
        self.problem: str | None = None
        self._db: sqlite3.Connection | None = None
        try:
            if readonly:
                uri = f"{Path(self.path).resolve().as_uri()}?mode=ro"
                self._db = sqlite3.connect(uri, uri=True, check_same_thread=False)
            else:
                if self.path != ":memory:":
                    Path(self.path).parent.mkdir(parents=True, exist_ok=True)
                self._db = sqlite3.connect(self.path, timeout=2, check_same_thread=False)
                self._db.execute("PRAGMA journal_mode=WAL")  # readers never wait for the writer
                self._db.execute(_SCHEMA)
                self._db.commit()
            self._db.execute("SELECT 1 FROM scores LIMIT 1").fetchall()
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) and "busy" not in str(exc):
                raise ConfigError(f"{self.path}: not a usable score cache ({exc})") from exc
            self._stop(f"{exc}; scoring without it")  # another process holds it: not fatal
        except (sqlite3.Error, OSError) as exc:
            raise ConfigError(f"{self.path}: not a usable score cache ({exc})") from exc

    @property
    def usable(self) -> bool:
        """False once the cache was set aside (see :attr:`problem`)."""
        return self._db is not None

    def _stop(self, problem: str) -> None:
        self.problem = self.problem or problem
        if self._db is not None:
            self._db.close()
        self._db = None

    @staticmethod
    def key(document: Document, engine: Engine) -> str:
        """What a score depends on, hashed; ``document.source`` is left out on purpose."""
        payload = [
            FORMAT,
            __version__,
            SCHEMA_VERSION,
            engine.lexicon_set.fingerprint,
            engine.pipeline.describe(),
            document.content_hash,
            dataclasses.asdict(document.metadata),
            [dataclasses.astuple(r) for r in document.removed],
            document.raw_chars,
            [document.encoding, document.encoding_confidence, *document.warnings],
            engine.language_check,
        ]
        blob = json.dumps(payload, sort_keys=True, ensure_ascii=False).encode("utf-8")
        return hashlib.sha256(blob).hexdigest()

    def get(self, key: str, document: Document) -> ArticleScore | None:
        """The stored score for ``key`` (as if ``document`` had been scored), or None."""
        if self._db is None:
            return None
        try:
            row = self._db.execute("SELECT score FROM scores WHERE key = ?", (key,)).fetchone()
        except sqlite3.Error:
            return None  # unreadable now (locked by another writer): scored again instead
        return None if row is None else decode(row[0], document.source)

    def put(self, entries: Iterable[tuple[str, ArticleScore]]) -> None:
        """Store scores (an existing key keeps its score: equal keys mean equal scores). A cache
        that cannot take them (locked by another process, a full disk) is set aside with
        :attr:`problem` said once; the run goes on."""
        if self._db is None:
            return
        try:
            with self._db:
                self._db.executemany(
                    "INSERT OR IGNORE INTO scores (key, score) VALUES (?, ?)",
                    ((k, encode(s)) for k, s in entries),
                )
        except sqlite3.Error as exc:
            self._stop(f"cannot store scores ({exc}); went on without the cache")

    def __len__(self) -> int:
        if self._db is None:
            return 0
        return int(self._db.execute("SELECT count(*) FROM scores").fetchone()[0])

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None

    def __enter__(self) -> ScoreCache:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()
