"""What the worker processes of an index build compute: files read, hashed and parsed, and for a chunk of
files, their paragraphs' keys and n-gram pairs. Plain, picklable values go in and out."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from tui.ingest.decode import DecodeError
from tui.ingest.loader import page_from_bytes
from tui.limits import read_capped, too_large
from tui.model import Article
from tui.parallel import env_threshold, start_pool
from tui.search import grams
from tui.search.keys import key_columns, letter_codes
from tui.search.rows import ArticleRow, ParaRow

_Prepared = list[Any]  # [rel, article rows, paragraphs (a count once the chunk holds them), file row]
Job = tuple[str, str, str, "bytes | None", int, int]
_Result = tuple[str, object, list[str], int]
PARALLEL_FROM = 400  # files to parse before a second process pays for its start-up
WINDOW = 12  # chunks handed to the pool at once: enough to keep the workers busy while a segment is written


@dataclass
class Chunk:
    """A chunk's paragraphs as columns, in file order: a few long strings and flat lists pickle and
    unpickle many times faster than a tuple per paragraph, and the database writer takes them as they
    are (``executemany`` over ``zip``)."""
    article: list[str] = field(default_factory=list)
    pidx: list[int] = field(default_factory=list)
    kind: list[str] = field(default_factory=list)
    l0: list[int] = field(default_factory=list)
    l1: list[int] = field(default_factory=list)
    text: str = ""  # joined by SEP, like the keys
    norm: str = ""
    syl: str = ""
    pairs: dict[str, np.ndarray] = field(default_factory=dict)

    def rows(self) -> Iterator[ParaRow]:
        if not self.article:
            return iter(())
        sep = grams.SEP
        return map(ParaRow._make, zip(self.article, self.pidx, self.kind, self.l0, self.l1, self.norm.split(sep),
                                      self.syl.split(sep), self.text.split(sep), strict=True))


def process_chunk(jobs: list[Job]) -> tuple[list[_Result], Chunk]:
    """Read, hash and parse some files; compute their paragraphs' keys and index their grams (numbered
    from 0 in order). Runs in a worker process during a (re)build, so it takes and returns plain values."""
    results = [_process(job) for job in jobs]
    chunk = Chunk()
    texts: list[str] = []
    for kind, payload, _, _ in results:
        if kind in ("changed", "skipped"):
            for article, pidx, pkind, text, l0, l1 in payload[2]:  # type: ignore[index]
                chunk.article.append(article)
                chunk.pidx.append(pidx)
                chunk.kind.append(pkind)
                chunk.l0.append(l0)
                chunk.l1.append(l1)
                texts.append(text.replace(grams.SEP, " ") if grams.SEP in text else text)
            payload[2] = len(payload[2])  # type: ignore[index]
    if not texts:
        return results, chunk
    chunk.text = grams.SEP.join(texts)
    chunk.norm, chunk.syl = key_columns(texts)
    cn, rn = grams.codes(chunk.norm)
    cs, rs = grams.codes(chunk.syl)
    chunk.pairs = {"norm": grams.pairs_of(cn, rn, "norm"), "syl": grams.pairs_of(cs, rs, "syl"),
                   "ini": grams.pairs_of(letter_codes(cs), rs, "ini")}
    return results, chunk


def _process(job: Job) -> _Result:
    """Read, hash and (if the content changed) parse one file."""
    path_s, root_s, rel, old_hash, size, mtime = job
    if (reason := too_large(size)) is not None:  # the same limit as every other command: a 3 GB sparse file is not read
        return "skipped", _prepare(rel, [], size, mtime, b""), [f"{path_s}: skipped, {reason}"], 0
    try:
        data = read_capped(path_s, size)
    except OSError as exc:
        return "error", None, [f"{path_s}: skipped, {exc.strerror or exc}"], 0
    digest = hashlib.blake2b(data, digest_size=16).digest()  # stored as a 16-byte blob
    if old_hash == digest:
        return "touched", (size, mtime, rel), [], 0
    try:
        page = page_from_bytes(data, path_s, root_s, rel)
    except DecodeError as exc:
        return "skipped", _prepare(rel, [], size, mtime, digest), [f"{path_s}: skipped, {exc}"], len(data)
    return "changed", _prepare(rel, list(page.articles), size, mtime, digest), list(page.warnings), len(data)


@contextmanager
def runner(n_jobs: int) -> Iterator[Callable[..., Iterator[Any]]]:
    """map() in order: in this process for a few files, across the cores for a (re)build."""
    workers = min(os.cpu_count() or 1, 4)
    if n_jobs < parallel_from() or workers < 2 or os.environ.get("YUELAN_SERIAL"):
        yield map
        return
    pool = start_pool(workers)
    if pool is None:
        yield map
        return

    def windowed(fn: Callable[[Any], Any], tasks: list[Any]) -> Iterator[Any]:
        # a few chunks ahead at a time: the workers outrun the database writer, and unbounded results
        # would hold several copies of the corpus in memory
        pending = [pool.submit(fn, t) for t in tasks[:WINDOW]]
        nxt = len(pending)
        while pending:
            result = pending.pop(0).result()
            if nxt < len(tasks):
                pending.append(pool.submit(fn, tasks[nxt]))
                nxt += 1
            yield result

    try:
        yield windowed
    finally:
        pool.shutdown(wait=False, cancel_futures=True)


def parallel_from() -> int:
    return env_threshold("YUELAN_PARALLEL_FROM", PARALLEL_FROM)


def _prepare(rel: str, articles: list[Article], size: int, mtime: int, digest: bytes) -> _Prepared:
    """Rows for one file, computed outside the database lock (its paragraphs' keys are added per chunk)."""
    paragraphs = [(a.id, p.index, str(p.kind), p.text, p.lines[0], p.lines[1]) for a in articles for p in a.paragraphs]
    rows = [ArticleRow(a.id, rel, a.ordinal, a.title, a.date, len(a.paragraphs), a.chars) for a in articles]
    return [rel, rows, paragraphs, (rel, size, mtime, digest)]
