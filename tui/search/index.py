"""The persistent paragraph index: SQLite under the user cache dir, one file per corpus.

Each paragraph row holds its text and two keys, the normal form and its syllable key (the initials key is
derived from the syllable key), so that exact phrases, homophones and pinyin all become substring look-ups. Which rows hold a substring
comes from a postings index of character n-grams (``postings``), built with numpy in the worker
processes that parse the files. The earlier design, FTS5's trigram tokenizer, indexed at 1.5 MB/s.

Updates are incremental (size and a change stamp of mtime, ctime and inode, then a content hash). Rows and
the segment that indexes them are committed in one transaction, so a reader never sees half of either, and
a crash loses at most the segment being written. A corrupt, foreign or old-schema file is deleted and
rebuilt; damage only the postings' checksums can see is repaired by ``repair`` (a rebuild).
"""

from __future__ import annotations

import os
import sqlite3
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

from tui.db import BackgroundCheckpoints, discard, exclusive_lock, open_db, set_cache_mb
from tui.ingest.discover import scan
from tui.paths import index_file
from tui.search import grams, spelled, successors
from tui.search.chunks import Chunk, Job, process_chunk, runner
from tui.search.contains import codec_of, holds, holds_args
from tui.search.index_queries import IndexQueries
from tui.search.postings import SCHEMA as POSTINGS_SCHEMA
from tui.search.postings import Postings
from tui.search.rows import ArticleRow, FileRow, ParaRow, insert_sql
from tui.search.update_state import OutOfStep, PendingSegment, UpdateStats
from tui.store import schema as store

VERSION = 22  # 22: articles dated by the day their path names before a dateline (and by a year folder); 21: rows holding a character beyond U+FFFF marked (gram 0) for ``successors``; 20: files and articles keyed by their text key alone (WITHOUT ROWID), file hashes as blobs, 8 KiB pages: 6.56 → 6.41 × the corpus; 16-19: the annotation store (spans, annotated), the entity index, word counts; 15: a row's last character starts a gram (one-character look-ups), headlines indexed;
# 14: spacing repaired, headlines before datelines; 13: checksums on postings; 12: change stamp with ctime, inode; 10, 11: n-gram postings, not FTS5
SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS files (path TEXT PRIMARY KEY, size INTEGER, mtime_ns INTEGER, hash BLOB,
    first INTEGER, last INTEGER) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS articles (id TEXT PRIMARY KEY, path TEXT, ordinal INTEGER, title TEXT, date TEXT,
    paragraphs INTEGER, chars INTEGER) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS articles_path ON articles(path);
CREATE TABLE IF NOT EXISTS paras (id INTEGER PRIMARY KEY AUTOINCREMENT, article TEXT, pidx INTEGER, kind TEXT,
    l0 INTEGER, l1 INTEGER, norm TEXT, syl TEXT, text TEXT);
CREATE INDEX IF NOT EXISTS paras_headlines ON paras(id) WHERE kind IN ('title', 'heading');
""" + POSTINGS_SCHEMA + store.SCHEMA

Progress = Callable[[int, int, str], None]
WRITE_CACHE_MB = 32  # SQLite page cache while writing
READ_CACHE_MB = 16  # and while searching
PAGE_SIZE = 8192  # paragraphs of ~1 KB left an eighth of each 4 KiB page empty: 2 % of the index
# pages read through a memory map: no system call per page for a look-up by id. More would be faster at ~100k
# stories (a 956 MB index; 512 MB, one A/B of 395 queries: mean 12.5 → 8.6 ms), but mapped pages a query touched count in its
# RSS: 512 MB took the benchmark's peak at ~100k to 1,031 MB, over the 746 allowed
MMAP_MB = 256
SEGMENT_CHARS = 8_000_000  # characters of text per segment: the pairs of one take ~200 MB while built
CHUNK_FILES = 300  # files per task for a worker process: their grams come back sorted, as one run


index_path = index_file  # where a corpus's index lives (tui.paths, which ingest can reach too)


class Index(IndexQueries):
    """One corpus's index. Safe to share between a writer thread and reader threads."""

    def __init__(self, root: Path, path: Path | None = None) -> None:
        self.root = Path(root)
        self.path = path or index_path(self.root)
        self._lock = threading.RLock()
        self.in_memory = False
        self._checkpoints: BackgroundCheckpoints | None = None
        self._settling: BackgroundCheckpoints | None = None  # the last build's log, still being copied out
        self.db = self._open()
        self.postings = Postings(self.db)

    def _open(self) -> sqlite3.Connection:
        # UTF-16 holds Chinese in two bytes, not three. The WAL lets another process read while a build
        # writes (a rollback journal wrote new pages once instead of twice, ~5 % faster, but locked readers
        # out once the writer's cache spilled); after a build, the log is cut back to 64 MB.
        db = open_db(self.path, SCHEMA, VERSION, cache_mb=READ_CACHE_MB, encoding="UTF-16le", page_size=PAGE_SIZE)
        self.in_memory = db is None
        if db is None:  # unwritable cache: keep going in memory
            db = sqlite3.connect(":memory:", check_same_thread=False)
            db.execute("PRAGMA encoding='UTF-16le'")
            db.executescript(SCHEMA)
        db.execute(f"PRAGMA mmap_size={MMAP_MB * 1024 * 1024}")
        self.codec = codec_of(db)
        db.execute(f"PRAGMA journal_size_limit={64 * 1024 * 1024}")
        return db

    def repair(self, progress: Progress | None = None) -> UpdateStats:
        """Rebuild from the corpus files: the answer to damage that only our checksums can see."""
        with exclusive_lock(Path(str(self.path) + ".lock")):
            self.reset()
        return self.update(progress)

    def reset(self) -> None:
        with self._lock:
            try:
                self.db.close()
            except sqlite3.Error:
                pass
            discard(self.path)
            self.db = self._open()
            self.postings = Postings(self.db)

    # ---- writing -------------------------------------------------------------------------------------
    def update(self, progress: Progress | None = None, cancel: threading.Event | None = None) -> UpdateStats:
        """Bring the index up to date with the corpus. One update at a time per index file, across
        processes (a lock file): a second ``yuelan`` waits, then finds little or nothing to do."""
        with exclusive_lock(Path(str(self.path) + ".lock")):
            try:
                return self._update(progress, cancel)
            except OutOfStep:
                return self._update(progress, cancel)  # rolled back; once more from what is committed
            except sqlite3.OperationalError:
                raise  # locked, read-only, disk full: the file is fine, the caller says so in one line
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
        """Scan, then parse and write the files that changed (in chunks, on worker processes for a build),
        then drop the files that are gone, in transactions a reader never sees half of."""
        found = scan(self.root)
        stats = UpdateStats(warnings=list(found.warnings))
        with self._lock:
            known = {row[0]: row[1:] for row in self.db.execute("SELECT path, size, mtime_ns FROM files")}
        jobs, seen = self._changed(found.files, known, stats)
        gone = set(known) - seen
        if jobs or gone:
            with self._lock:
                set_cache_mb(self.db, WRITE_CACHE_MB)
        chunks = [jobs[i:i + CHUNK_FILES] for i in range(0, len(jobs), CHUNK_FILES)]
        if len(chunks) > 1 and not self.in_memory:  # a build: its log is copied out on another thread
            self._checkpoints = BackgroundCheckpoints(self.path)
            with self._lock:
                self.db.execute("PRAGMA wal_autocheckpoint=0")
        try:
            segment = self._write_chunks(chunks, len(jobs), known, stats, progress, cancel)
            if cancel is None or not cancel.is_set():
                self._forget(gone)
                stats.removed = len(gone)
            self._commit(segment)
        except BaseException:
            with self._lock:
                if self.db.in_transaction:
                    self.db.rollback()
            raise
        finally:
            self._end_checkpoints()
        with self._lock:
            if self.postings.merge_small_needed():
                with self.db:
                    self.postings.merge_small()
                self.postings.load()
        if progress:
            progress(len(jobs), len(jobs), "")
        return stats

    def _changed(self, files: list[tuple[str, str, int, int]], known: dict[str, tuple[int, int]],
                 stats: UpdateStats) -> tuple[list[Job], set[str]]:
        """Files whose size or stamp moved (none is read), in a stable order; and every file seen."""
        seen: set[str] = set()
        jobs: list[Job] = []
        for rel, path, size, stamp in files:
            seen.add(rel)
            stats.files += 1
            old = known.get(rel)
            if old and old[0] == size and old[1] == stamp:
                continue
            jobs.append((path, str(self.root), rel, None, size, stamp))
        jobs.sort(key=lambda j: j[2])
        return self._with_hashes(jobs, known), seen

    def _write_chunks(self, chunks: list[list[Job]], total: int, known: dict[str, tuple[int, int]],
                      stats: UpdateStats, progress: Progress | None, cancel: threading.Event | None) -> PendingSegment:
        """Parse and write chunk by chunk, committing a segment every ``SEGMENT_CHARS``; the last, open
        segment is returned for the caller to commit with the removals."""
        segment = PendingSegment(self._next_id())
        done = 0
        with runner(total) as run:
            for results, chunk in run(process_chunk, chunks):
                if cancel is not None and cancel.is_set():
                    break
                with self._lock:
                    self._take(segment, results, chunk, known, stats)
                done += len(results)
                if progress:
                    progress(done, total, "")
                if segment.chars >= SEGMENT_CHARS:
                    self._commit(segment)
                    segment = PendingSegment(segment.next_id)
        return segment

    def _forget(self, gone: set[str]) -> None:
        with self._lock:
            for rel in gone:
                self._delete(rel)
                self.db.execute("DELETE FROM files WHERE path=?", (rel,))

    def _end_checkpoints(self) -> None:
        if self._checkpoints is not None:
            self._checkpoints.close()
            self._settling, self._checkpoints = self._checkpoints, None
            with self._lock:
                self.db.execute("PRAGMA wal_autocheckpoint=1000")

    def _with_hashes(self, jobs: list[Job], known: dict[str, tuple[int, int]]) -> list[Job]:
        """The stored content hash of each file that moved, so that a file touched but not changed is not
        parsed again. Read per file for a few (an update), all at once for many (a rebuild)."""
        old = [j for j in jobs if j[2] in known]
        if not old:
            return jobs
        with self._lock:
            if len(old) <= 500:
                hashes = {j[2]: r[0] for j in old
                          for r in self.db.execute("SELECT hash FROM files WHERE path=?", (j[2],))}
            else:
                hashes = dict(self.db.execute("SELECT path, hash FROM files").fetchall())
        return [(p, root, rel, hashes.get(rel), size, mtime) for p, root, rel, _, size, mtime in jobs]

    def _next_id(self) -> int:
        """The id SQLite gives the next paragraph. AUTOINCREMENT never reuses one: a dead id (a row deleted,
        still listed in an old segment) must stay dead."""
        with self._lock:
            row = self.db.execute("SELECT seq FROM sqlite_sequence WHERE name='paras'").fetchone()
            return (row[0] if row else 0) + 1

    def _take(self, segment: PendingSegment, results: list[Any], chunk: Chunk, known: dict[str, tuple[int, int]],
              stats: UpdateStats) -> None:
        """One chunk's rows, written into the open transaction. SQLite numbers the paragraphs from the
        segment's next id on; the chunk's grams, numbered from 0 in the same order, are moved there."""
        base = segment.next_id
        articles: list[ArticleRow] = []
        files: list[FileRow] = []
        touched: list[tuple[int, int, str]] = []
        for kind, payload, warnings, size in results:
            stats.warnings.extend(warnings)
            if kind == "touched":
                touched.append(payload)
                continue
            if kind not in ("changed", "skipped"):
                continue
            if kind == "skipped":
                stats.skipped += 1
            stats.changed += 1
            stats.bytes += size
            rel, article_rows, count, file_row = payload
            if rel in known:
                self._delete(rel)
            articles += article_rows
            path, size_now, stamp, digest = file_row
            files.append(FileRow(path, size_now, stamp, digest, segment.next_id, segment.next_id + count - 1))
            segment.next_id += count
        self.db.executemany("UPDATE files SET size=?, mtime_ns=? WHERE path=?", touched)
        self.db.executemany(insert_sql("articles", ArticleRow, "INSERT OR REPLACE"), articles)
        self.db.executemany(insert_sql("paras", ParaRow), chunk.rows())
        segment.chars += len(chunk.text)
        if chunk.article and self._next_id() != segment.next_id:
            raise OutOfStep("paragraph ids out of step")  # caught by update(): done again
        self.db.executemany(insert_sql("files", FileRow, "INSERT OR REPLACE"), files)
        for col, p in chunk.pairs.items():
            if len(p):
                segment.runs.setdefault(col, []).append(p + np.uint64(base))

    def _commit(self, segment: PendingSegment) -> None:
        """The segment's postings, in the transaction that holds its rows: then both become visible."""
        with self._lock:
            if segment.runs:
                merged = {}
                for col in list(segment.runs):  # one column at a time: its runs are freed as it is merged
                    runs = segment.runs.pop(col)
                    if len(runs) > 1:
                        p = np.concatenate(runs)
                        p.sort(kind="stable")  # the runs were sorted: a merge
                    else:
                        p = runs[0]
                    del runs
                    merged[col] = self.postings.write_column(p, col)
                    del p  # before the next column's runs are joined
                self.postings.write_segment(merged)
            if self.db.in_transaction:
                self.db.commit()
            if self._checkpoints is not None:
                self._checkpoints.poke()
            self.postings.load(only_new=True)

    def _delete(self, rel: str) -> None:
        row = self.db.execute("SELECT first, last FROM files WHERE path=?", (rel,)).fetchone()
        if row and row[0] is not None and row[1] >= row[0]:  # a file's paragraphs have consecutive ids
            self.postings.kill(list(range(row[0], row[1] + 1)))
            self.db.execute("DELETE FROM paras WHERE id BETWEEN ? AND ?", row)
        store.forget_file(self.db, rel, *(row or (None, None)))
        self.db.execute("DELETE FROM articles WHERE path=?", (rel,))

    def settle(self, timeout: float | None = None) -> None:
        """Wait until the last build's log has been copied into the file (a command that exits next)."""
        if self._settling is not None:
            self._settling.join(timeout)
            self._settling = None

    # ---- reading -------------------------------------------------------------------------------------
    def query(self, sql: str, args: tuple[Any, ...] = ()) -> list[Any]:
        with self._lock:
            return self.db.execute(sql, args).fetchall()

    def data_version(self) -> int:
        with self._lock:
            return int(self.db.execute("PRAGMA data_version").fetchone()[0])

    def candidates(self, column: str, pattern: str) -> np.ndarray | None:
        """Ascending ids of the rows that may hold ``pattern`` in ``column`` (every one that does, and
        some that hold its grams elsewhere); None when the pattern is too short for the grams."""
        span = grams.char_range(column, pattern)
        if span is not None:
            with self._lock:
                self.postings.refresh()
                return self.postings.rows_in_range(column, *span)
        g = grams.groups(column, pattern)
        if g is None:
            return None
        with self._lock:
            self.postings.refresh()
            return self.postings.rows(column, g) if g else np.zeros(0, dtype=np.uint32)

    def astral(self, column: str) -> np.ndarray:
        """Ascending ids of the rows holding a character beyond U+FFFF, whose grams prove nothing alone."""
        with self._lock:
            self.postings.refresh()
            return self.postings.astral(column)

    def lookup(self, column: str, pattern: str, limit: int, within: np.ndarray | None = None) -> np.ndarray:
        """Ids of the first ``limit`` rows holding ``pattern`` in ``column``, ascending (int64); only rows of
        ``within`` (ascending ids) when given. An array: a common character's rows (国: ~300k at ~100k
        stories) made a list and back cost a two-term query more than looking them up."""
        ids = self.candidates(column, pattern)
        if ids is None:  # one character: no gram to look up, so scan
            if column == "ini":
                return _NO_ROWS  # a single letter is no initials query
            found = [r[0] for r in self.query(f"SELECT id FROM paras WHERE {holds(column, self.codec)} LIMIT ?",
                                              (*holds_args(pattern, self.codec), limit if within is None else -1))]
            keep = None if within is None else set(within.tolist())
            return _ids(found if keep is None else [i for i in found if i in keep][:limit])
        if within is not None:
            ids = np.intersect1d(ids, within, assume_unique=True)
        if grams.exact(column, pattern):
            return ids[:limit].astype(np.int64)
        if len(ids) >= successors.PROVE_FROM:  # most rows proven by the grams, the rest checked
            with self._lock:
                sure = successors.proven(self.postings, column, pattern, ids)
            rest = ids[~np.isin(ids, sure, assume_unique=True)] if len(sure) else ids
            if column == "syl" and len(rest) >= successors.PROVE_FROM:  # proven through the words it spells
                spelt = spelled.proven(self, pattern, rest)
                sure = np.sort(np.concatenate((sure, spelt))) if len(spelt) else sure
                rest = rest[~np.isin(rest, spelt, assume_unique=True)] if len(spelt) else rest
            checked = _ids(self.holding(rest, [[(column, pattern)]], limit))
            return np.sort(np.concatenate((sure.astype(np.int64), checked)))[:limit]  # disjoint: no unique needed
        return _ids(self.holding(ids, [[(column, pattern)]], limit))

    def interrupt(self) -> None:
        try:
            self.db.interrupt()
        except sqlite3.Error:
            pass


_NO_ROWS = np.zeros(0, dtype=np.int64)


def _ids(rows: list[int]) -> np.ndarray:
    return np.array(rows, dtype=np.int64)


def open_index(root: Path) -> Index:
    return Index(Path(os.path.abspath(root)))
