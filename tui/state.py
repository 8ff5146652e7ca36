"""The user's own data: the basket of passages and where they left off. SQLite in the state dir.

Unlike the caches this file is never deleted or moved on a guess. Of the errors SQLite raises only a
failed integrity check means the file is damaged; then it is moved aside under a name no other process
can take (the user is told where) and a fresh one started. A file another process holds locked is waited
for, then left alone; a read-only or unusable file keeps the basket readable and says so once
(``problem``). Every change is one transaction.
"""

from __future__ import annotations

import json
import os
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from tui.db import is_busy
from tui.export.passages import Passage
from tui.paths import state_dir

SCHEMA = """
CREATE TABLE IF NOT EXISTS basket (id INTEGER PRIMARY KEY, position REAL, article TEXT, path TEXT, title TEXT,
    paragraph INTEGER, text TEXT, l0 INTEGER, l1 INTEGER, date TEXT, added REAL, note TEXT DEFAULT '', last INTEGER DEFAULT 0,
    UNIQUE(article, paragraph, text));
CREATE TABLE IF NOT EXISTS kv (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS bookmarks (id INTEGER PRIMARY KEY, corpus TEXT, article TEXT, path TEXT, title TEXT,
    paragraph INTEGER, line INTEGER, excerpt TEXT, added REAL, UNIQUE(corpus, article, paragraph));
"""
BUSY_TIMEOUT = 5.0  # seconds SQLite waits for another process's lock, per attempt
LOCK_ATTEMPTS = 6  # attempts before a locked file is reported (about 30 s in all)
T = TypeVar("T")
_COLUMNS = "id, position, article, path, title, paragraph, text, l0, l1, date, added, note, last"
Removed = tuple[Any, ...]  # a basket row as removed, to put back


@dataclass(frozen=True)
class Bookmark:
    """A paragraph the user bookmarked (``m``), in one corpus (``paths.corpus_key``)."""

    corpus: str
    article: str
    path: str
    title: str
    paragraph: int
    line: int
    excerpt: str


def _add_new_columns(db: sqlite3.Connection) -> None:
    """A state file from before notes and ranges: its basket gains the columns (its passages keep
    everything else)."""
    have = {r[1] for r in db.execute("PRAGMA table_info(basket)")}
    with db:
        if "note" not in have:
            db.execute("ALTER TABLE basket ADD COLUMN note TEXT DEFAULT ''")
        if "last" not in have:
            db.execute("ALTER TABLE basket ADD COLUMN last INTEGER DEFAULT 0")


class StateUnavailable(Exception):
    """The state file could not be read at all (locked for too long, or unreadable); a one-line reason."""


def _corrupt(exc: sqlite3.Error) -> bool:
    """Damage, as opposed to a lock, a read-only file or an I/O error: SQLite says so in these words."""
    text = str(exc).lower()
    return "malformed" in text or "not a database" in text or "corrupt" in text


class State:
    def __init__(self, path: Path | None = None, attempts: int = LOCK_ATTEMPTS) -> None:
        self.path = path or state_dir() / "state.sqlite"
        self._lock = threading.Lock()
        self._attempts = max(1, attempts)
        self.problem: str | None = None  # why changes are not being saved, once known
        self.moved_aside: Path | None = None  # where a damaged file went
        self.db = self._open()

    # ---- opening -------------------------------------------------------------------------------------
    def _open(self) -> sqlite3.Connection:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            return self._in_memory(f"cannot use the state folder {self.path.parent}: {exc.strerror or exc}")
        for attempt in range(self._attempts):
            try:
                return self._connect()
            except sqlite3.OperationalError as exc:
                if is_busy(exc) and attempt + 1 < self._attempts:
                    continue
                if is_busy(exc):
                    raise StateUnavailable(f"{self.path} is locked by another process; try again") from None
                if _corrupt(exc):
                    return self._set_aside()
                return self._read_only(str(exc))
            except sqlite3.DatabaseError:
                return self._set_aside()
        raise StateUnavailable(f"{self.path} is locked by another process; try again")

    def _connect(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, check_same_thread=False, timeout=BUSY_TIMEOUT)
        try:
            if db.execute("PRAGMA quick_check").fetchone()[0] != "ok":
                raise sqlite3.DatabaseError("database disk image is malformed")
            try:
                db.executescript(SCHEMA)
                _add_new_columns(db)
            except sqlite3.OperationalError as exc:
                if is_busy(exc) or _corrupt(exc) or not self._readable(db):
                    raise
                self._note(f"the basket cannot be saved ({exc}); it is shown read-only")
            return db
        except BaseException:
            db.close()
            raise

    @staticmethod
    def _readable(db: sqlite3.Connection) -> bool:
        try:
            db.execute("SELECT count(*) FROM basket").fetchone()
            return True
        except sqlite3.Error:
            return False

    def _read_only(self, reason: str) -> sqlite3.Connection:
        """Open the file for reading only, so the basket can still be exported; else keep going in memory."""
        try:
            db = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, check_same_thread=False, timeout=BUSY_TIMEOUT)
            db.execute("SELECT count(*) FROM basket").fetchone()
            self._note(f"the basket cannot be saved ({reason}); it is shown read-only")
            return db
        except sqlite3.Error:
            return self._in_memory(f"cannot open {self.path} ({reason})")

    def _in_memory(self, reason: str) -> sqlite3.Connection:
        self._note(f"{reason}; the basket will not be kept after this session")
        db = sqlite3.connect(":memory:", check_same_thread=False)
        db.executescript(SCHEMA)
        return db

    def _set_aside(self) -> sqlite3.Connection:
        """A file that failed its integrity check goes aside under a unique name, never overwritten."""
        stamp = time.strftime("%Y%m%d-%H%M%S")
        for n in range(1000):
            aside = self.path.with_name(f"{self.path.stem}.corrupt-{stamp}-{os.getpid()}-{n}{self.path.suffix}")
            try:
                os.link(self.path, aside)  # fails if the name exists: nothing is ever overwritten
            except FileExistsError:
                continue
            except OSError as exc:
                return self._in_memory(f"{self.path} is damaged and could not be moved aside ({exc.strerror})")
            for suffix in ("", "-journal", "-wal", "-shm"):
                try:
                    os.unlink(f"{self.path}{suffix}")
                except OSError:
                    pass
            self.moved_aside = aside
            self._note(f"{self.path} was damaged; it was moved to {aside} and a new basket started")
            try:
                return self._connect()
            except sqlite3.Error as exc:
                return self._in_memory(f"cannot start a new state file ({exc})")
        return self._in_memory(f"{self.path} is damaged")

    def _note(self, message: str) -> None:
        if self.problem is None:
            self.problem = message

    # ---- guarded access ------------------------------------------------------------------------------
    @contextmanager
    def _writing(self) -> Iterator[sqlite3.Connection]:
        with self._lock, self.db:
            yield self.db

    def _write(self, fn: Callable[[sqlite3.Connection], T], default: T) -> T:
        """Run one transaction; a lock is waited for (SQLite's timeout, then again), anything else that
        stops the write is remembered in ``problem`` and the change is dropped, never the file."""
        for attempt in range(self._attempts):
            try:
                with self._writing() as db:
                    return fn(db)
            except sqlite3.OperationalError as exc:
                if is_busy(exc) and attempt + 1 < self._attempts:
                    continue
                self._note(f"a change to the basket was not saved ({exc})")
                return default
            except sqlite3.DatabaseError as exc:
                self._note(f"a change to the basket was not saved ({exc})")
                return default
        return default

    def _read(self, sql: str, params: tuple[object, ...] = ()) -> list[Any]:
        try:
            with self._lock:
                return self.db.execute(sql, params).fetchall()
        except sqlite3.Error as exc:
            self._note(f"cannot read {self.path} ({exc})")
            return []

    # ---- the basket ----------------------------------------------------------------------------------
    def add(self, passages: list[Passage]) -> int:
        def insert(db: sqlite3.Connection) -> int:
            top = db.execute("SELECT coalesce(max(position), 0) FROM basket").fetchone()[0]
            cur = db.executemany(
                "INSERT OR IGNORE INTO basket (position, article, path, title, paragraph, text, l0, l1, date, added, "
                "note, last) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                [(top + i + 1, p.article, p.path, p.title, p.paragraph, p.text, p.lines[0], p.lines[1], p.date,
                  time.time(), p.note, p.last) for i, p in enumerate(passages)])
            return cur.rowcount

        return self._write(insert, 0)

    def basket(self) -> list[tuple[int, Passage]]:
        rows = self._read("SELECT id, text, path, article, title, paragraph, l0, l1, date, coalesce(note, ''), "
                          "coalesce(last, 0) FROM basket ORDER BY position")
        return [(r[0], Passage(r[1], r[2], r[3], r[4], r[5], (r[6], r[7]), r[8], r[9], r[10])) for r in rows]

    def set_note(self, item_id: int, note: str) -> None:
        """The user's note on a basket passage (empty removes it)."""
        self._write(lambda db: db.execute("UPDATE basket SET note=? WHERE id=?", (note, item_id)), None)

    def remove(self, item_id: int) -> list[Removed]:
        """Remove one passage; what was removed comes back, for ``put_back`` (undo)."""
        return self._take("WHERE id=?", (item_id,))

    def clear(self) -> list[Removed]:
        """Empty the basket; what was in it comes back, for ``put_back`` (undo)."""
        return self._take("", ())

    def _take(self, where: str, args: tuple[object, ...]) -> list[Removed]:
        def take(db: sqlite3.Connection) -> list[Removed]:
            rows = db.execute(f"SELECT {_COLUMNS} FROM basket {where}", args).fetchall()
            db.execute(f"DELETE FROM basket {where}", args)
            return [tuple(r) for r in rows]

        return self._write(take, [])

    def put_back(self, removed: list[Removed]) -> None:
        """Undo a removal: the same rows, in the same places."""
        marks = ",".join("?" * len(_COLUMNS.split(",")))
        self._write(lambda db: db.executemany(f"INSERT OR IGNORE INTO basket ({_COLUMNS}) VALUES ({marks})", removed),
                    None)

    def move(self, item_id: int, delta: int) -> None:
        items = [i for i, _ in self.basket()]
        if item_id not in items:
            return
        k = items.index(item_id)
        j = max(0, min(len(items) - 1, k + delta))
        items.insert(j, items.pop(k))
        self._write(lambda db: db.executemany("UPDATE basket SET position=? WHERE id=?",
                                              [(n, i) for n, i in enumerate(items)]), None)

    def marked(self, article: str) -> set[int]:
        rows = self._read("SELECT paragraph, coalesce(last, 0) FROM basket WHERE article=?", (article,))
        return {k for first, last in rows for k in range(first, max(first, last) + 1)}

    # ---- bookmarks -------------------------------------------------------------------------------------
    def add_bookmark(self, mark: Bookmark) -> bool:
        """Bookmark a paragraph (again: its excerpt and time are renewed); whether it was saved."""
        row = (mark.corpus, mark.article, mark.path, mark.title, mark.paragraph, mark.line, mark.excerpt, time.time())
        return self._write(lambda db: db.execute(
            "INSERT OR REPLACE INTO bookmarks (corpus, article, path, title, paragraph, line, excerpt, added) "
            "VALUES (?,?,?,?,?,?,?,?)", row).rowcount > 0, False)

    def bookmarks(self, corpus: str) -> list[tuple[int, Bookmark]]:
        """A corpus's bookmarks, newest first."""
        rows = self._read("SELECT id, corpus, article, path, title, paragraph, line, excerpt FROM bookmarks "
                          "WHERE corpus=? ORDER BY added DESC, id DESC", (corpus,))
        return [(r[0], Bookmark(*r[1:])) for r in rows]

    def remove_bookmark(self, mark_id: int) -> None:
        self._write(lambda db: db.execute("DELETE FROM bookmarks WHERE id=?", (mark_id,)), None)

    # ---- small values (reading position, last query, panel state) ------------------------------------
    def get(self, key: str, default: object = None) -> object:
        rows = self._read("SELECT value FROM kv WHERE key=?", (key,))
        if not rows:
            return default
        try:
            return json.loads(rows[0][0])
        except ValueError:
            return default

    def set(self, key: str, value: object) -> None:
        self._write(lambda db: db.execute("INSERT OR REPLACE INTO kv VALUES (?, ?)",
                                          (key, json.dumps(value, ensure_ascii=False))), None)
