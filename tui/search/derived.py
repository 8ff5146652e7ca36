"""Tables derived from pypinyin's and jieba's dictionaries, kept in the cache so that a process's first
query does not rebuild them.

Building the syllable table reads pypinyin's 41,000 readings (0.1 s); the words read otherwise than their
characters need its phrase dictionary and jieba's word list (0.8 s). Every cold query paid the first, and
every cold pinyin query both. Here each table is built once per version of the two packages and stored
as one ``marshal`` blob (plain dicts, tuples and strings; a few milliseconds to load) in a small SQLite
file in the cache folder. A file that is damaged, locked or from other versions is ignored and the
table built in memory as before: the cache only ever saves time.
"""

from __future__ import annotations

import marshal
import sqlite3
import zlib
from collections.abc import Callable
from contextlib import closing
from pathlib import Path
from typing import Any, TypeVar

from tui.paths import cache_dir

T = TypeVar("T")
FORMAT = 1  # raise when a table's shape changes
_SCHEMA = "CREATE TABLE IF NOT EXISTS tables (name TEXT PRIMARY KEY, version TEXT, crc INTEGER, blob BLOB)"


def _version() -> str:
    from importlib import metadata  # (imports the email package: not at start-up)

    parts = [str(FORMAT)]
    for package in ("pypinyin", "jieba"):
        try:
            parts.append(metadata.version(package))
        except metadata.PackageNotFoundError:
            parts.append("-")
    return "/".join(parts)


def cached(name: str, build: Callable[[], T]) -> T:
    """The table ``name`` from the cache, or built by ``build`` (and stored for the next process)."""
    path = cache_dir() / "derived.sqlite"
    version = _version()
    try:
        with closing(sqlite3.connect(path, timeout=0.2)) as db:
            db.execute(_SCHEMA)
            row = db.execute("SELECT version, crc, blob FROM tables WHERE name = ?", (name,)).fetchone()
    except (sqlite3.Error, OSError):
        row = None
    if row is not None and row[0] == version and zlib.crc32(row[2]) == row[1]:
        try:
            table: T = marshal.loads(row[2])
            return table
        except (ValueError, EOFError, TypeError):
            pass
    table = build()
    _store(path, name, version, table)
    return table


def _store(path: Path, name: str, version: str, table: Any) -> None:
    """Write one table in a transaction (readers see the old row or the new one, never half of it)."""
    try:
        blob = marshal.dumps(table)
        path.parent.mkdir(parents=True, exist_ok=True)
        with closing(sqlite3.connect(path, timeout=0.2)) as db, db:
            db.execute(_SCHEMA)
            db.execute("INSERT OR REPLACE INTO tables VALUES (?, ?, ?, ?)", (name, version, zlib.crc32(blob), blob))
    except (sqlite3.Error, OSError, ValueError):
        pass  # no cache this time: the table was built all the same
