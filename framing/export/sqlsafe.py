"""Values made safe for every database the SQL sink writes (:mod:`framing.export.sql`).

- **NUL**: PostgreSQL's text type cannot hold the character U+0000 ("invalid byte sequence
  for encoding UTF8: 0x00") and many SQLite clients cut a value at it; it is stored as U+FFFD
  (the replacement character) in both, so both databases hold the same rows.
- **Length of keys**: a PostgreSQL B-tree index entry holds at most about 2,700 bytes (a
  third of a page), for all the columns of the key together. A key or indexed value longer
  than :data:`KEY_BYTES` bytes (a 3 kB outlet name, a date that is a paragraph) is stored as its
  start, ``…`` and 16 hex digits of its SHA-256, so it stays unique, readable and joinable
  between runs. Table files keep the value whole.
- **No data** is NULL, never NaN (PostgreSQL would store NaN; SQLite stores NULL anyway).

>>> sql_value("a\\x00b", keyed=False)
'a�b'
>>> long = sql_value("x" * 5000, keyed=True)
>>> len(long.encode()), long[-18:-16]
(400, '…#')
"""

from __future__ import annotations

import hashlib
import math
from typing import Any

#: Longest key or indexed value (UTF-8 bytes) stored as is: six such columns, the widest key
#: (run_articles), stay under PostgreSQL's index-entry limit of about 2,700 bytes.
KEY_BYTES = 400
_MARK = "…#"


def sql_value(value: Any, *, keyed: bool) -> Any:
    """``value`` as a database cell (see the module docstring); ``keyed`` for a column of a
    primary key or an index."""
    if isinstance(value, float):
        return None if math.isnan(value) or math.isinf(value) else value
    if not isinstance(value, str):
        return value
    if "\x00" in value:
        value = value.replace("\x00", "\ufffd")
    if keyed and len(value) > KEY_BYTES // 4 and len(value.encode("utf-8")) > KEY_BYTES:
        return shorten(value)
    return value


def shorten(value: str) -> str:
    """``value`` cut to :data:`KEY_BYTES` UTF-8 bytes: its start, ``…#`` and 16 hex digits of
    the SHA-256 of the whole value."""
    digest = hashlib.sha256(value.encode("utf-8", "surrogatepass")).hexdigest()[:16]
    room = KEY_BYTES - len((_MARK + digest).encode("utf-8"))
    head = value.encode("utf-8", "surrogatepass")[:room].decode("utf-8", "ignore")
    return head + _MARK + digest


def keyed_columns(primary_key: tuple[str, ...], indexes: tuple[tuple[str, ...], ...]) -> set[str]:
    """The columns whose values enter an index: the primary key's and every index's."""
    return {*primary_key, *(c for cols in indexes for c in cols)}
