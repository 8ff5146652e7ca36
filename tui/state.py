"""The user's own data: the basket of passages and where they left off. SQLite in the state dir.

Unlike the caches this file is never deleted on its own initiative: a corrupt file is moved aside (kept
for recovery) and a fresh one started, and every change is one transaction.
"""

from __future__ import annotations

import json
import sqlite3
import threading
import time
from pathlib import Path

from tui.export.passages import Passage
from tui.paths import state_dir

SCHEMA = """
CREATE TABLE IF NOT EXISTS basket (id INTEGER PRIMARY KEY, position REAL, article TEXT, path TEXT, title TEXT,
    paragraph INTEGER, text TEXT, l0 INTEGER, l1 INTEGER, date TEXT, added REAL,
    UNIQUE(article, paragraph, text));
CREATE TABLE IF NOT EXISTS kv (key TEXT PRIMARY KEY, value TEXT);
"""


class State:
    def __init__(self, path: Path | None = None) -> None:
        self.path = path or state_dir() / "state.sqlite"
        self._lock = threading.Lock()
        self.db = self._open()

    def _open(self) -> sqlite3.Connection:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            db = sqlite3.connect(self.path, check_same_thread=False, timeout=10)
            db.executescript(SCHEMA)
            return db
        except sqlite3.DatabaseError:
            aside = self.path.with_suffix(f".corrupt-{int(time.time())}")
            try:
                self.path.rename(aside)
            except OSError:
                pass
            db = sqlite3.connect(self.path, check_same_thread=False, timeout=10)
            db.executescript(SCHEMA)
            return db
        except OSError:
            db = sqlite3.connect(":memory:", check_same_thread=False)
            db.executescript(SCHEMA)
            return db

    def add(self, passages: list[Passage]) -> int:
        with self._lock, self.db:
            top = self.db.execute("SELECT coalesce(max(position), 0) FROM basket").fetchone()[0]
            cur = self.db.executemany(
                "INSERT OR IGNORE INTO basket (position, article, path, title, paragraph, text, l0, l1, date, added) "
                "VALUES (?,?,?,?,?,?,?,?,?,?)",
                [(top + i + 1, p.article, p.path, p.title, p.paragraph, p.text, p.lines[0], p.lines[1], p.date, time.time())
                 for i, p in enumerate(passages)])
            return cur.rowcount

    def basket(self) -> list[tuple[int, Passage]]:
        with self._lock:
            rows = self.db.execute("SELECT id, text, path, article, title, paragraph, l0, l1, date FROM basket "
                                   "ORDER BY position").fetchall()
        return [(r[0], Passage(r[1], r[2], r[3], r[4], r[5], (r[6], r[7]), r[8])) for r in rows]

    def remove(self, item_id: int) -> None:
        with self._lock, self.db:
            self.db.execute("DELETE FROM basket WHERE id=?", (item_id,))

    def clear(self) -> None:
        with self._lock, self.db:
            self.db.execute("DELETE FROM basket")

    def move(self, item_id: int, delta: int) -> None:
        items = [i for i, _ in self.basket()]
        if item_id not in items:
            return
        k = items.index(item_id)
        j = max(0, min(len(items) - 1, k + delta))
        items.insert(j, items.pop(k))
        with self._lock, self.db:
            self.db.executemany("UPDATE basket SET position=? WHERE id=?", [(n, i) for n, i in enumerate(items)])

    def marked(self, article: str) -> set[int]:
        with self._lock:
            return {r[0] for r in self.db.execute("SELECT paragraph FROM basket WHERE article=?", (article,))}

    def get(self, key: str, default: object = None) -> object:
        with self._lock:
            row = self.db.execute("SELECT value FROM kv WHERE key=?", (key,)).fetchone()
        return json.loads(row[0]) if row else default

    def set(self, key: str, value: object) -> None:
        with self._lock, self.db:
            self.db.execute("INSERT OR REPLACE INTO kv VALUES (?, ?)", (key, json.dumps(value, ensure_ascii=False)))
