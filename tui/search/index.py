"""The persistent paragraph index: SQLite + FTS5 (trigram) under the user cache dir, one file per corpus.

Columns: the normal form, its syllable key and its initials key, so that exact phrases, homophones and
pinyin all become substring look-ups the trigram index answers. Updates are incremental (size + mtime,
then a content hash), one transaction per file, so a reader never sees half a file and a crash loses at
most the file being written. A corrupt, foreign or old-schema file is deleted and rebuilt.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from tui.db import discard, open_db, set_cache_mb
from tui.ingest.decode import DecodeError
from tui.ingest.discover import scan
from tui.ingest.loader import page_from_bytes
from tui.model import Article
from tui.parallel import env_threshold, start_pool
from tui.paths import cache_dir, corpus_key
from tui.search.normalize import base_form, initials_key, norm, syllable_key

VERSION = 9  # 8: pinyin keys from the base form; 9: headlines printed after their stories go back to them
SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS files (path TEXT PRIMARY KEY, size INTEGER, mtime_ns INTEGER, hash TEXT);
CREATE TABLE IF NOT EXISTS articles (id TEXT PRIMARY KEY, path TEXT, ordinal INTEGER, title TEXT, date TEXT,
    paragraphs INTEGER, chars INTEGER);
CREATE INDEX IF NOT EXISTS articles_path ON articles(path);
CREATE TABLE IF NOT EXISTS paras (id INTEGER PRIMARY KEY, path TEXT, article TEXT, title TEXT, pidx INTEGER,
    kind TEXT, text TEXT, l0 INTEGER, l1 INTEGER, date TEXT);
CREATE INDEX IF NOT EXISTS paras_path ON paras(path);
CREATE VIRTUAL TABLE IF NOT EXISTS fts USING fts5(norm, syl, ini, tokenize='trigram', detail='full');
"""

Progress = Callable[[int, int, str], None]
WRITE_CACHE_MB = 64  # SQLite page cache while writing (FTS5 segment merges stay in memory)
READ_CACHE_MB = 16  # and while searching
BATCH_BYTES = 4 * 1024 * 1024  # files per transaction: FTS5 merges segments at every commit
BATCH_FILES = 2000


@dataclass
class UpdateStats:
    files: int = 0
    changed: int = 0
    removed: int = 0
    skipped: int = 0
    bytes: int = 0
    warnings: list[str] | None = None


def index_path(root: Path) -> Path:
    return cache_dir() / "index" / f"{corpus_key(root)}.sqlite"


class Index:
    """One corpus's index. Safe to share between a writer thread and reader threads."""

    def __init__(self, root: Path, path: Path | None = None) -> None:
        self.root = Path(root)
        self.path = path or index_path(self.root)
        self._lock = threading.RLock()
        self.db = self._open()

    def _open(self) -> sqlite3.Connection:
        db = open_db(self.path, SCHEMA, VERSION, cache_mb=READ_CACHE_MB)
        if db is None:  # unwritable cache: keep going in memory
            db = sqlite3.connect(":memory:", check_same_thread=False)
            db.executescript(SCHEMA)
        return db

    def reset(self) -> None:
        with self._lock:
            try:
                self.db.close()
            except sqlite3.Error:
                pass
            discard(self.path)
            self.db = self._open()

    # ---- writing -------------------------------------------------------------------------------------
    def update(self, progress: Progress | None = None, cancel: threading.Event | None = None) -> UpdateStats:
        try:
            return self._update(progress, cancel)
        except sqlite3.DatabaseError:
            self.reset()  # corrupt under our feet: start over once
            return self._update(progress, cancel)
        finally:
            with self._lock:  # the big cache served the writes; searching needs far less
                try:
                    set_cache_mb(self.db, READ_CACHE_MB)
                    self.db.execute("PRAGMA shrink_memory")
                except sqlite3.Error:
                    pass

    def _update(self, progress: Progress | None, cancel: threading.Event | None) -> UpdateStats:
        found = scan(self.root)
        stats = UpdateStats(warnings=list(found.warnings))
        with self._lock:
            known = {row[0]: row[1:] for row in self.db.execute("SELECT path, size, mtime_ns, hash FROM files")}
        seen: set[str] = set()
        jobs: list[_Job] = []
        for rel, path, size, mtime in found.files:  # cheap pass: only files whose size or mtime moved are read
            seen.add(rel)
            stats.files += 1
            old = known.get(rel)
            if old and old[0] == size and old[1] == mtime:
                continue
            jobs.append((path, str(self.root), rel, old[2] if old else None, size, mtime))
        jobs.sort(key=lambda j: j[2])  # a stable order, so that a rebuild numbers paragraphs the same way
        if jobs:
            with self._lock:  # FTS5 merges its segments in the page cache: a large one while writing
                set_cache_mb(self.db, WRITE_CACHE_MB)
        batch = _Batch()
        total = len(jobs)
        with _runner(len(jobs)) as run:
            for n, (kind, payload, warnings, size) in enumerate(run(_process, jobs), start=1):
                if cancel is not None and cancel.is_set():
                    break
                if progress and (n % 100 == 0 or n == total):
                    progress(n, total, "")
                stats.warnings.extend(warnings)  # type: ignore[union-attr]
                if kind == "touched":
                    batch.touched.append(payload)  # type: ignore[arg-type]
                    continue
                if kind == "skipped":
                    stats.skipped += 1
                if kind in ("changed", "skipped"):
                    batch.add(payload, size, replaces=payload[0] in known)  # type: ignore[arg-type]
                    stats.changed += 1
                    stats.bytes += size
                if batch.full():
                    self._flush(batch)
        self._flush(batch)
        if cancel is None or not cancel.is_set():
            gone = set(known) - seen
            with self._lock, self.db:
                for rel in gone:
                    self._delete(rel)
                    self.db.execute("DELETE FROM files WHERE path=?", (rel,))
            stats.removed = len(gone)
        if progress:
            progress(total, total, "")
        return stats

    def _flush(self, batch: "_Batch") -> None:
        """Write whole files in one transaction: FTS5 pays per commit, readers never see half a file."""
        if not batch.files and not batch.touched:
            return
        with self._lock, self.db:
            self.db.executemany("UPDATE files SET size=?, mtime_ns=? WHERE path=?", batch.touched)
            for rel in batch.replaced:
                self._delete(rel)
            next_id = self.db.execute("SELECT coalesce(max(id), 0) + 1 FROM paras").fetchone()[0]
            paras, keys = [], []
            for _, _, paragraphs, _ in batch.files:
                for para, key in paragraphs:
                    paras.append((next_id, *para))
                    keys.append((next_id, *key))
                    next_id += 1
            self.db.executemany("INSERT OR REPLACE INTO articles VALUES (?,?,?,?,?,?,?)", [r for f in batch.files for r in f[1]])
            self.db.executemany("INSERT INTO paras (id, path, article, title, pidx, kind, text, l0, l1, date) "
                                "VALUES (?,?,?,?,?,?,?,?,?,?)", paras)
            self.db.executemany("INSERT INTO fts (rowid, norm, syl, ini) VALUES (?,?,?,?)", keys)
            self.db.executemany("INSERT OR REPLACE INTO files VALUES (?,?,?,?)", [f[3] for f in batch.files])
        batch.clear()

    def _delete(self, rel: str) -> None:
        # one rowid at a time: FTS5 answers "rowid IN (subquery)" with a scan of the whole table
        ids = self.db.execute("SELECT id FROM paras WHERE path=?", (rel,)).fetchall()
        self.db.executemany("DELETE FROM fts WHERE rowid=?", ids)
        self.db.execute("DELETE FROM paras WHERE path=?", (rel,))
        self.db.execute("DELETE FROM articles WHERE path=?", (rel,))

    # ---- reading -------------------------------------------------------------------------------------
    def query(self, sql: str, args: tuple = ()) -> list[tuple]:
        with self._lock:
            return self.db.execute(sql, args).fetchall()

    def interrupt(self) -> None:
        try:
            self.db.interrupt()
        except sqlite3.Error:
            pass

    def counts(self) -> tuple[int, int]:
        rows = self.query("SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM paras)")
        return rows[0][0], rows[0][1]

    def longest(self) -> int:
        """Characters in the longest article: the reader starts its annotation helper only if it pays."""
        return self.query("SELECT coalesce(max(chars), 0) FROM articles")[0][0]

    def titles(self, rel: str) -> list[tuple[str, str]]:
        return [(r[0], r[1]) for r in self.query("SELECT id, title FROM articles WHERE path=? ORDER BY ordinal", (rel,))]

    def article_path(self, article_id: str) -> str | None:
        rows = self.query("SELECT path FROM articles WHERE id=?", (article_id,))
        return rows[0][0] if rows else None


_Prepared = tuple[str, list[tuple], list[tuple[tuple, tuple[str, str, str]]], tuple]
_Job = tuple[str, str, str, "str | None", int, int]
PARALLEL_FROM = 400  # files to parse before a second process pays for its start-up
WINDOW = 1500  # files handed to the pool at once


def _process(job: _Job) -> tuple[str, object, list[str], int]:
    """Read, hash and (if the content changed) parse one file. Runs in a worker process when many
    files changed, so it takes and returns plain, picklable values."""
    path_s, root_s, rel, old_hash, size, mtime = job
    path = Path(path_s)
    try:
        data = path.read_bytes()
    except OSError as exc:
        return "error", None, [f"{path}: skipped, {exc.strerror or exc}"], 0
    digest = hashlib.blake2b(data, digest_size=16).hexdigest()
    if old_hash == digest:
        return "touched", (size, mtime, rel), [], 0
    try:
        page = page_from_bytes(data, path, Path(root_s))
    except DecodeError as exc:
        return "skipped", _prepare(rel, [], size, mtime, digest), [f"{path}: skipped, {exc}"], len(data)
    return "changed", _prepare(rel, list(page.articles), size, mtime, digest), list(page.warnings), len(data)


@contextmanager
def _runner(n_jobs: int) -> Iterator[Callable[..., Iterator]]:
    """map() in order: in this process for a few files, across the cores for a (re)build."""
    workers = min(os.cpu_count() or 1, 4)
    if n_jobs < parallel_from() or workers < 2 or os.environ.get("YUELAN_SERIAL"):
        yield map
        return
    pool = start_pool(workers)
    if pool is None:
        yield map
        return

    def windowed(fn: Callable, jobs: list) -> Iterator:
        # a window at a time: the workers outrun the database writer, and unbounded results would
        # hold several copies of the corpus in memory
        for start in range(0, len(jobs), WINDOW):
            yield from pool.map(fn, jobs[start:start + WINDOW], chunksize=32)

    try:
        yield windowed
    finally:
        pool.shutdown(wait=False, cancel_futures=True)


def parallel_from() -> int:
    return env_threshold("YUELAN_PARALLEL_FROM", PARALLEL_FROM)


def _prepare(rel: str, articles: list[Article], size: int, mtime: int, digest: str) -> _Prepared:
    """Rows for one file, computed outside the database lock."""
    paragraphs = []
    for a in articles:
        for p in a.paragraphs:
            b = base_form(p.text)
            paragraphs.append(((rel, a.id, a.title, p.index, str(p.kind), p.text, p.lines[0], p.lines[1], a.date),
                               (norm(p.text, b), syllable_key(b), initials_key(b))))
    rows = [(a.id, rel, a.ordinal, a.title, a.date, len(a.paragraphs), a.chars) for a in articles]
    return rel, rows, paragraphs, (rel, size, mtime, digest)


@dataclass
class _Batch:
    files: list[_Prepared] = field(default_factory=list)
    touched: list[tuple[int, int, str]] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)  # files already in the index, to delete first
    size: int = 0

    def add(self, prepared: _Prepared, size: int, replaces: bool) -> None:
        self.files.append(prepared)
        if replaces:
            self.replaced.append(prepared[0])
        self.size += size

    def full(self) -> bool:
        return self.size >= BATCH_BYTES or len(self.files) >= BATCH_FILES

    def clear(self) -> None:
        self.files.clear()
        self.touched.clear()
        self.replaced.clear()
        self.size = 0


def open_index(root: Path) -> Index:
    return Index(Path(os.path.abspath(root)))
