"""Opening SQLite files that may be missing, half-written, corrupt or from an older schema.

Cache databases are rebuilt from scratch when anything is wrong with them: the data they hold can always
be computed again. ``user_version`` carries the schema version.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def open_db(path: Path, schema: str, version: int, check_same_thread: bool = False,
            cache_mb: int = 8, encoding: str | None = None, page_size: int | None = None) -> sqlite3.Connection | None:
    """A ready connection, or None when even a fresh file cannot be made (read-only disk, …).
    ``cache_mb`` is SQLite's page cache for this connection: memory the reader keeps while it runs.
    ``encoding`` and ``page_size`` apply to a new file: UTF-16 stores Chinese text in two bytes a character,
    not three; pages larger than SQLite's 4 KiB waste less room around rows of a kilobyte or so.
    Files are in WAL mode: readers in other processes go on while one writes."""
    for attempt in range(2):
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            db = sqlite3.connect(path, timeout=10, check_same_thread=check_same_thread, isolation_level=None)
            current = db.execute("PRAGMA user_version").fetchone()[0]
            if current not in (0, version):
                raise sqlite3.DatabaseError("schema version changed")
            if current == 0:  # a new file: the only case that writes, so that opening a file another
                # process is writing never waits for its lock (and never takes a busy file for a bad one)
                if encoding:
                    db.execute(f"PRAGMA encoding='{encoding}'")
                if page_size:
                    db.execute(f"PRAGMA page_size={int(page_size)}")
                db.execute("PRAGMA journal_mode=WAL")
                db.executescript(schema)
                db.execute(f"PRAGMA user_version={int(version)}")
            db.execute("PRAGMA synchronous=NORMAL")
            set_cache_mb(db, cache_mb)
            db.execute("SELECT count(*) FROM sqlite_master").fetchone()
            db.isolation_level = "DEFERRED"  # back to implicit transactions for `with db:` blocks
            return db
        except sqlite3.OperationalError as exc:
            if is_busy(exc) or attempt:
                return None  # in use by another process, or unusable: the caller goes on without it
            discard(path)
        except (sqlite3.DatabaseError, OSError):
            if attempt:
                return None
            discard(path)
    return None


def is_busy(exc: sqlite3.Error) -> bool:
    """Another connection holds the file (a lock to wait for), not damage or a read-only disk."""
    text = str(exc).lower()
    return "locked" in text or "busy" in text


def set_cache_mb(db: sqlite3.Connection, mb: int) -> None:
    """SQLite's page cache for this connection, in megabytes (a negative cache_size counts KiB)."""
    db.execute(f"PRAGMA cache_size={-1024 * int(mb)}")


def discard(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        try:
            Path(str(path) + suffix).unlink()
        except OSError:
            pass


@contextmanager
def exclusive_lock(path: Path) -> Iterator[None]:
    """An exclusive lock on the file at ``path`` while the block runs (POSIX ``flock``; elsewhere, and
    where the file cannot be made, no lock): one writer of an index at a time, across processes."""
    try:
        import fcntl
    except ImportError:
        yield
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fh = open(path, "a+b")  # noqa: SIM115 - held for the whole block
    except OSError:
        yield  # an unwritable cache folder: the index is in memory anyway
        return
    try:
        fcntl.flock(fh, fcntl.LOCK_EX)
        yield
    finally:
        try:
            fcntl.flock(fh, fcntl.LOCK_UN)
        finally:
            fh.close()


class BackgroundCheckpoints:
    """Copies a WAL's committed pages into the database file on a thread and connection of its own.
    SQLite's automatic checkpoint runs inside the commit that fills the log, so a long build's writer
    stopped at each commit to copy everything it had just written; the writer turns that off while
    this runs. ``close`` asks for one last checkpoint and returns at once: the index is complete and
    readable before its pages have moved out of the log."""

    def __init__(self, path: Path) -> None:
        self._path = path
        self._wake = threading.Event()
        self._stop = False
        self._thread = threading.Thread(target=self._run, name="wal-checkpoint", daemon=True)
        self._thread.start()

    def poke(self) -> None:
        self._wake.set()

    def close(self) -> None:
        self._stop = True
        self._wake.set()

    def join(self, timeout: float | None = None) -> None:
        self._thread.join(timeout)

    def _run(self) -> None:
        try:
            db = sqlite3.connect(self._path, timeout=10, check_same_thread=False)
        except sqlite3.Error:
            return
        try:
            while True:
                self._wake.wait()
                self._wake.clear()
                last = self._stop
                try:  # the last round also empties the log, or the next small update pays for that
                    db.execute(f"PRAGMA wal_checkpoint({'TRUNCATE' if last else 'PASSIVE'})").fetchall()
                except sqlite3.Error:
                    pass  # busy or gone: the writer's next automatic checkpoint does it
                if last:
                    return
        finally:
            db.close()
