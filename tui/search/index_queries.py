"""The index's read queries (counts, titles, where an article lives, the rows a hit shows, which rows hold a
pattern), a part of ``Index`` kept apart so that the class stays readable; every SQL statement on the
index's tables is in ``Index`` or here."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from itertools import islice
from pathlib import Path
from typing import Any

import numpy as np

from tui.search import rowmap
from tui.search.contains import holds, holds_args
from tui.search.keys import initials_of_each
from tui.search.rows import HIT_COLUMNS, HitRow

VERIFY_CHUNK = 900  # ids per "id IN (…)" (SQLite's limit on host parameters is 999 on old builds)
INITIALS_BATCH = 256  # rows whose initials keys are derived in one pass (a lookup may stop after its first rows)
_SHAPES = (4, 16, 64, 256, VERIFY_CHUNK)  # id lists are padded to one of these lengths (``by_id``)


def _padded(n: int) -> int:
    """The list length ``n`` ids are padded to: a statement with a new number of parameters is prepared again
    (0.6 ms for 400 ids), and a search asks for lists of every length."""
    return next(size for size in _SHAPES if size >= n)


class IndexQueries:
    _row_map: tuple[int, rowmap.RowMap | None] | None = None
    path: Path
    in_memory: bool
    codec: str

    def query(self, sql: str, args: tuple[Any, ...] = ()) -> list[Any]:
        raise NotImplementedError

    def data_version(self) -> int:
        raise NotImplementedError

    def read_only(self) -> sqlite3.Connection | None:
        """A read-only connection of the caller's own to the index's file, with SQLite's defaults (no
        memory map, no lock shared with the index's connection): for a long read on another thread, or a
        pass over every paragraph that should not leave its pages resident in this process. None when the
        index lives in memory or the file cannot be opened: ``query`` then."""
        if self.in_memory:
            return None
        try:
            return sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, check_same_thread=False)
        except sqlite3.Error:
            return None

    def row_map(self) -> rowmap.RowMap | None:
        """Rows → articles, headlines, dates and folders in memory (see ``rowmap``), loaded again after
        any commit to the index; None if the index's counts do not allow it."""
        version = self.data_version()
        if self._row_map is None or self._row_map[0] != version:
            files = {r[0]: (r[1], r[2]) for r in self.query("SELECT path, first, last FROM files")}
            articles = sorted((files[path][0], ordinal, aid, count, date, path) for path, ordinal, aid, count, date
                              in self.query("SELECT path, ordinal, id, paragraphs, date FROM articles") if path in files)
            heads = [r[0] for r in self.query("SELECT id FROM paras WHERE kind IN ('title', 'heading')")]
            self._row_map = (version, rowmap.load(articles, files, heads))
        return self._row_map[1]

    def counts(self) -> tuple[int, int]:
        rows = self.query("SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM paras)")
        return rows[0][0], rows[0][1]

    def has_articles(self) -> bool:
        """Whether any article was indexed: one row read (``counts`` walks both tables: ~150 ms cold at 24k
        stories, which every command paid when it asked only this)."""
        return bool(self.query("SELECT EXISTS (SELECT 1 FROM articles)")[0][0])

    def longest(self) -> int:
        """Characters in the longest article: the reader starts its annotation helper only if it pays."""
        return int(self.query("SELECT coalesce(max(chars), 0) FROM articles")[0][0])

    def hit_rows(self, ids: Sequence[int]) -> dict[int, HitRow]:
        """The paragraphs ``ids`` with what a hit shows of their article, by id."""
        marks = ",".join("?" * len(ids))
        sql = (f"SELECT {', '.join(HIT_COLUMNS)} FROM paras p JOIN articles a ON a.id = p.article "
               f"WHERE p.id IN ({marks})")
        return {row[0]: HitRow(*row) for row in self.query(sql, tuple(ids))}

    def article_meta(self, ids: set[str]) -> dict[str, tuple[str | None, str]]:
        """(date, path) of each article, for filtering and sorting hits."""
        keys = sorted(ids)
        out: dict[str, tuple[str | None, str]] = {}
        for start in range(0, len(keys), 900):
            chunk = keys[start:start + 900]
            marks = ",".join("?" * len(chunk))
            for aid, date, path in self.query(f"SELECT id, date, path FROM articles WHERE id IN ({marks})", tuple(chunk)):
                out[aid] = (date, path)
        return out

    def all_titles(self) -> list[tuple[str, str, str]]:
        """(id, path, title) of every article in corpus order: what the tree filter searches."""
        return [(r[0], r[1], r[2]) for r in self.query("SELECT id, path, title FROM articles ORDER BY path, ordinal")]

    def article_path(self, article_id: str) -> str | None:
        rows = self.query("SELECT path FROM articles WHERE id=?", (article_id,))
        return rows[0][0] if rows else None

    def holding(self, ids: np.ndarray, terms: list[list[tuple[str, str]]], limit: int) -> list[int]:
        """The first ``limit`` of ``ids`` whose row holds, for every term, one of its (column, pattern).
        SQLite checks the stored keys (``instr``), so only the ids that pass come back to Python; the
        initials key is not stored, so a term with an initials pattern is checked here."""
        in_sql = [t for t in terms if all(c != "ini" for c, _ in t)]
        in_python = [t for t in terms if t not in in_sql]
        cond, args = self._each_held(in_sql)
        if not in_python:
            return [r[0] for r in islice(self.by_id("id", ids, cond, args), limit)]
        out: list[int] = []
        rows = self.by_id("id, norm, syl", ids, cond, args)
        while len(out) < limit and (batch := list(islice(rows, INITIALS_BATCH))):
            inis = initials_of_each([syl for _, _, syl in batch])  # one pass per batch, not one per row
            for (rid, n, syl), ini in zip(batch, inis, strict=True):
                cols = {"norm": n, "syl": syl, "ini": ini}
                if all(any(p in cols[c] for c, p in t) for t in in_python):
                    out.append(rid)
        return out[:limit]

    def holding_marked(self, ids: np.ndarray, terms: list[list[tuple[str, str]]],
                       marks: list[tuple[str, str]]) -> tuple[list[int], list[int]]:
        """Every one of ``ids`` that ``holding`` keeps, and those of them that also hold every (column,
        pattern) of ``marks`` (each term as typed: a score proven without reading the row back), in one
        pass. With an initials pattern (checked in Python) no row is marked."""
        if any(c == "ini" for t in [*terms, marks] for c, _ in t):
            return self.holding(ids, terms, len(ids)), []
        cond, args = self._each_held(terms)
        flag = " AND ".join(holds(c, self.codec) for c, _ in marks) or "0"
        first = tuple(a for _, p in marks for a in holds_args(p, self.codec))
        rows = list(self.by_id(f"id, {flag}", ids, cond, args, first))
        return [r[0] for r in rows], [r[0] for r in rows if r[1]]

    def _each_held(self, terms: list[list[tuple[str, str]]]) -> tuple[str, tuple[Any, ...]]:
        """SQL (`` AND (…)`` per term) and its arguments: the row holds one (column, pattern) of every term."""
        cond = "".join(" AND (" + " OR ".join(holds(c, self.codec) for c, _ in t) + ")" for t in terms)
        return cond, tuple(a for t in terms for _, p in t for a in holds_args(p, self.codec))

    def by_id(self, columns: str, ids: Sequence[int] | np.ndarray, cond: str = "",
              args: tuple[Any, ...] = (), column_args: tuple[Any, ...] = ()) -> Iterator[Any]:
        """Paragraph rows of the given ids (that pass ``cond``), in id order, read ``VERIFY_CHUNK`` ids
        per query; a caller that stops early reads no further. ``column_args``: the parameters of
        ``columns``."""
        for start in range(0, len(ids), VERIFY_CHUNK):
            chunk = ids[start:start + VERIFY_CHUNK]
            chunk = chunk.tolist() if isinstance(chunk, np.ndarray) else list(chunk)
            chunk += chunk[-1:] * (_padded(len(chunk)) - len(chunk))  # a few statement shapes, prepared once
            marks = ",".join("?" * len(chunk))
            yield from self.query(f"SELECT {columns} FROM paras WHERE id IN ({marks}){cond} ORDER BY id",
                                  (*column_args, *chunk, *args))
