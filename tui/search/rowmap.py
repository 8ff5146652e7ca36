"""Which article each paragraph row belongs to, whether it is a headline, and each article's date and
folder: in memory as arrays, so that ranking tens of thousands of rows reads no text from SQLite.

A file's paragraphs have consecutive ids (``files.first`` .. ``files.last``) and its articles follow one
another in order, each with a known number of paragraphs; so an article is a range of ids, and the
article of a row is one binary search. Loaded once per version of the index (a few tens of
milliseconds for 24,000 articles), when the index is opened for searching.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np


@dataclass(frozen=True)
class RowMap:
    starts: np.ndarray  # first row id of each article, ascending
    ends: np.ndarray  # one past its last row id
    ids: list[str]  # article ids, in the same order
    dates: list[str | None]
    paths: list[str]
    headlines: np.ndarray  # row ids of headlines (title, heading), ascending
    passing: dict[tuple[str | None, str | None, str | None], np.ndarray] = field(default_factory=dict)  # see below

    def article_of(self, rows: np.ndarray) -> np.ndarray:
        """The article number (index into ``ids``) of each row; -1 for a row in no article."""
        at = np.searchsorted(self.starts, rows, side="right") - 1
        ok = (at >= 0) & (rows < self.ends[np.maximum(at, 0)])
        return np.where(ok, at, -1)

    def is_headline(self, rows: np.ndarray) -> np.ndarray:
        at = np.searchsorted(self.headlines, rows)
        inside = at < len(self.headlines)
        out = np.zeros(len(rows), dtype=bool)
        out[inside] = self.headlines[at[inside]] == rows[inside]
        return out

    @cached_property
    def _position(self) -> dict[str, int]:
        return {aid: i for i, aid in enumerate(self.ids)}

    def range_of(self, article: str) -> tuple[int, int] | None:
        """The first and last row id of an article."""
        at = self._position.get(article)
        return None if at is None else (int(self.starts[at]), int(self.ends[at]) - 1)

    @cached_property
    def by_path(self) -> tuple[list[str], np.ndarray]:
        """The articles' paths sorted, and the article number of each: a folder is a range of them."""
        order = sorted(range(len(self.paths)), key=self.paths.__getitem__)  # in file order already: one pass
        return [self.paths[i] for i in order], np.array(order, dtype=np.int64)

    @cached_property
    def _dates_sorted(self) -> list[str]:
        return sorted({d for d in self.dates if d})

    @cached_property
    def date_rank(self) -> np.ndarray:
        """Each article's date as a rank among the corpus's dates (the order of the date strings, as the
        filters sort them); -1 for an article with no date."""
        order = {d: i for i, d in enumerate(self._dates_sorted)}
        return np.fromiter((order.get(d, -1) if d else -1 for d in self.dates), dtype=np.int64, count=len(self.dates))

    def articles_passing(self, since: str | None, until: str | None, within: str | None) -> np.ndarray | None:
        """Which articles pass the date and folder filters (as ``Filters.keeps``), a mask over ``ids``; None:
        all. Kept with the map: the reader asks again with every keystroke."""
        if not (since or until or within):
            return None
        known = self.passing.get((since, until, within))
        if known is not None:
            return known
        keep = np.ones(len(self.ids), dtype=bool)
        if since or until:  # by each date's rank among the sorted dates: no array of strings per filter
            rank, dates = self.date_rank, self._dates_sorted
            keep &= rank >= 0
            if since:
                keep &= rank >= bisect_left(dates, since)
            if until:  # a date up to ``until`` as far as ``until`` goes (2024-06 keeps 2024-06-30)
                keep &= rank < bisect_right(dates, until, key=lambda d: d[:len(until)])
        if within:  # the file itself and the paths under it: two ranges of the sorted paths ("0" follows "/")
            paths, order = self.by_path
            inside = np.zeros(len(self.ids), dtype=bool)
            inside[order[bisect_left(paths, within):bisect_right(paths, within)]] = True
            inside[order[bisect_left(paths, within + "/"):bisect_left(paths, within + "0")]] = True
            keep &= inside
        if len(self.passing) > 16:
            self.passing.clear()
        self.passing[(since, until, within)] = keep
        return keep

    def meta(self, articles: set[str]) -> dict[str, tuple[str | None, str]]:
        """(date, path) of each article, as ``Index.article_meta`` reads them, without SQLite."""
        pos = self._position
        return {a: (self.dates[pos[a]], self.paths[pos[a]]) for a in articles if a in pos}


def load(rows: list[tuple[int, int, str, int, str | None, str]], files: dict[str, tuple[int, int]],
         headlines: list[int]) -> RowMap | None:
    """A row map from (file's first row, ordinal, article id, paragraphs, date, path) in file and article
    order; None when the counts do not add up to the files' ranges (then ranking reads SQLite)."""
    starts, ends, ids, dates, paths = [], [], [], [], []
    current, at = None, 0
    for first, _, aid, count, date, path in rows:
        if path != current:
            current, at = path, first
        starts.append(at)
        ends.append(at + count)
        ids.append(aid)
        dates.append(date)
        paths.append(path)
        at += count
    by_path: dict[str, int] = {}
    for path, end in zip(paths, ends, strict=True):
        by_path[path] = end
    if any(by_path.get(p, lo) != hi + 1 for p, (lo, hi) in files.items() if hi >= lo):
        return None
    return RowMap(np.array(starts, dtype=np.int64), np.array(ends, dtype=np.int64), ids, dates, paths,
                  np.array(sorted(headlines), dtype=np.int64))
