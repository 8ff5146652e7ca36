"""The annotation pass: every file the index holds gets its spans, on worker processes for a build.

It runs after an index update, under the same lock, and writes a few files' spans per transaction,
each file's only if its paragraphs are still the ones that were annotated (an update that slipped in
between is annotated on the next pass). Interrupted, it leaves whole files annotated and the rest
pending; the next pass goes on from there, so the store always converges to what a fresh build gives.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import groupby
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tui.db import exclusive_lock
from tui.parallel import env_threshold, release_free_memory, start_pool
from tui.store.schema import bump, signature, still_indexed
from tui.store.work import FileTask, SpanRow, annotate_files

if TYPE_CHECKING:
    from tui.search.index import Index

TASK_CHARS = 150_000  # characters per task for a worker: a second or so of annotating
PARALLEL_FROM = 400_000  # characters to annotate before worker processes pay for their start-up (~2 s)
WINDOW = 4  # tasks handed to the pool at once
Progress = Callable[[int, int, str], None]
_Answer = list[tuple[str, int, int, list[SpanRow]]]


@dataclass
class StoreStats:  # (and the word counts' pass)
    files: int = 0  # files annotated by this pass
    chars: int = 0
    seconds: float = 0.0
    pending: int = 0  # files still to annotate (a cancelled pass)


PER_FILE = ("annotated", "file_words")  # the tables that say, per file, what a pass has done and by what


def pending(index: Index, sig: str, table: str = "annotated") -> list[tuple[str, int, int, int]]:
    """(path, first id, last id, characters) of each file that ``table`` does not list as done by ``sig``
    (its spans, or its word counts, missing or stale), in path order."""
    if table not in PER_FILE:
        raise ValueError(table)
    return [tuple(r) for r in index.query(
        "SELECT f.path, f.first, f.last, COALESCE((SELECT sum(chars) FROM articles WHERE path = f.path), 0)"
        f" FROM files f LEFT JOIN {table} d ON d.path = f.path"
        " WHERE f.first IS NOT NULL AND (d.path IS NULL OR d.signature != ?) ORDER BY f.path", (sig,))]


def progress_of(index: Index) -> tuple[int, int]:
    """(files annotated by the current annotator, files in the index): what the reader reports."""
    sig = signature()
    done = index.query("SELECT count(*) FROM annotated WHERE signature = ?", (sig,))[0][0]
    total = index.query("SELECT count(*) FROM files WHERE first IS NOT NULL")[0][0]
    return int(done), int(total)


def build_store(index: Index, progress: Progress | None = None, cancel: threading.Event | None = None) -> StoreStats:
    """Annotate what is pending. One pass per index at a time, across processes (the index's lock)."""
    return file_pass(index, "annotated", signature, annotate_files, _write, "annotating", progress, cancel)


def file_pass(index: Index, table: str, signature_of: Callable[[], str], work: Callable[[list[FileTask]], Any],
              write: Callable[[Index, Any, str], int], label: str, progress: Progress | None = None,
              cancel: threading.Event | None = None) -> StoreStats:
    """One pass over the files ``table`` does not list as done: ``work`` on worker processes a task of
    files at a time, ``write`` of its answer in one transaction (it returns the files it wrote). The
    annotation store and the word counts are both such passes. One pass per index at a time, across
    processes (the index's lock); a cancelled pass leaves whole files done and the rest pending."""
    from tui.annotate.segment import load_user_dicts

    t0 = time.perf_counter()
    with exclusive_lock(Path(str(index.path) + ".lock")):
        load_user_dicts(index.root)  # the workers load the same: the signature must say so
        sig = signature_of()
        todo = pending(index, sig, table)
        stats = StoreStats(pending=len(todo))
        size = {t[0]: t[3] for t in todo}
        with TaskRunner(sum(size.values()), str(index.root)) as run, streaming_reader(index) as read:
            for answer in run(work, file_tasks(read, todo)):
                if cancel is not None and cancel.is_set():
                    break
                stats.files += write(index, answer, sig)
                stats.chars += sum(size[rel] for rel, *_ in answer)
                stats.pending = len(todo) - stats.files
                if progress:
                    progress(stats.files, len(todo), label)
    stats.seconds = time.perf_counter() - t0
    return stats


@contextmanager
def streaming_reader(index: Index) -> Iterator[Callable[[str, tuple[Any, ...]], list[Any]]]:
    """Queries for reading every paragraph once, on a read-only connection of its own without a memory
    map: through the index's map, a pass left each page it read resident in this process (+100 MB over
    the 24k-story archive, growing with the corpus); read this way they are the system's page cache only.
    The index's own connection when the index lives in memory (``Index.read_only``)."""
    db = index.read_only()
    if db is None:
        yield index.query
        return

    def read(sql: str, args: tuple[Any, ...] = ()) -> list[Any]:
        return db.execute(sql, args).fetchall()

    try:
        yield read
    finally:
        db.close()


def file_tasks(read: Callable[[str, tuple[Any, ...]], list[Any]],
               todo: list[tuple[str, int, int, int]]) -> Iterator[list[FileTask]]:
    """Files' texts, read as the tasks are handed out (not all at once: a build holds only a window)."""
    task: list[FileTask] = []
    size = 0
    for rel, first, last, chars in todo:
        rows = read("SELECT id, article, text FROM paras WHERE id BETWEEN ? AND ? ORDER BY id", (first, last))
        articles = [(art, [(r[0], r[2]) for r in group]) for art, group in groupby(rows, key=lambda r: r[1])]
        task.append((rel, first, last, articles))
        size += chars
        if size >= TASK_CHARS:
            yield task
            task, size = [], 0
    if task:
        yield task


def _write(index: Index, answer: _Answer, sig: str) -> int:
    """One task's spans in one transaction; a file whose paragraphs moved meanwhile is left pending."""
    written = 0
    with index._lock, index.db:
        db = index.db
        for rel, first, last, rows in answer:
            if not still_indexed(db, rel, first, last):
                continue
            db.execute("DELETE FROM spans WHERE para BETWEEN ? AND ?", (first, last))
            db.executemany("INSERT INTO spans VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
            db.execute("INSERT OR REPLACE INTO annotated VALUES (?, ?)", (rel, sig))
            written += 1
        if written:
            bump(db)
    return written


class TaskRunner:
    """map() in this process for a little text; across worker processes (warmed annotators) for more.
    The word counts (``concordance.words``) use it too."""

    def __init__(self, chars: int, corpus: str) -> None:
        self.parallel = (chars >= env_threshold("YUELAN_STORE_PARALLEL_FROM", PARALLEL_FROM)
                         and (os.cpu_count() or 1) >= 2 and not os.environ.get("YUELAN_SERIAL"))
        self.corpus = corpus
        self.pool: ProcessPoolExecutor | None = None

    def __enter__(self) -> Callable[[Callable[[list[FileTask]], Any], Iterator[list[FileTask]]], Iterator[Any]]:
        from tui.annotate.helper import warm_worker

        if self.parallel:
            release_free_memory()
            self.pool = start_pool(min(os.cpu_count() or 1, 4), warm_worker, (self.corpus,))
        return self._windowed if self.pool is not None else map

    def _windowed(self, fn: Callable[[list[FileTask]], Any], tasks: Iterator[list[FileTask]]) -> Iterator[Any]:
        assert self.pool is not None
        pending = [self.pool.submit(fn, t) for _, t in zip(range(WINDOW), tasks, strict=False)]
        while pending:
            result = pending.pop(0).result()
            nxt = next(tasks, None)
            if nxt is not None:
                pending.append(self.pool.submit(fn, nxt))
            yield result

    def __exit__(self, *exc: object) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=False, cancel_futures=True)
