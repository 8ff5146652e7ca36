"""Rows worth scoring as near misses of a word.

One edit inside a word of six characters or more leaves one of its halves whole, so the rows holding a
half are the candidates (for four or five characters, a trigram). On 24,000 stories a common half (一系列,
国务院) is held by thousands of rows, and only some hundreds can be scored: the first design kept the first
400 in index order, and the paragraph meant was often cut off (a homophone and a dropped character in one
query found 87.5 % in the top 10). Now they are the rows holding the most of the word's character pairs (an
edit breaks at most two; a homophone none of its syllable pairs): a count over the pairs' posting lists,
which the grams give exactly, with no text read.
"""

from __future__ import annotations

from typing import Protocol

import numpy as np

from tui.search.grams import sorted_distinct


class _Candidates(Protocol):
    def candidates(self, column: str, pattern: str) -> np.ndarray | None: ...

    def holding(self, ids: np.ndarray, terms: list[list[tuple[str, str]]], limit: int) -> list[int]: ...


def near_rows(index: _Candidates, column: str, pattern: str, limit: int) -> np.ndarray:
    """Ascending ids of at most ``limit`` rows that may hold the pattern up to an edit or two: rows holding
    one of its halves (a word of six or more: one edit leaves a half whole) or of its trigrams (four or
    five), as the grams say, the ones holding the most of the word's grams first."""
    size = 3 if column == "ini" else 2
    if len(pattern) >= 6:
        pieces = [pattern[:len(pattern) // 2], pattern[len(pattern) // 2:]]
    else:
        pieces = sorted({pattern[i:i + 3] for i in range(len(pattern) - 2)})
    found = [ids for p in pieces if (ids := index.candidates(column, p)) is not None and len(ids)]
    if not found:
        return np.zeros(0, dtype=np.int64)
    rows = sorted_distinct(np.concatenate(found)).astype(np.int64)
    if len(rows) <= limit:  # all can be scored: those that truly hold a piece (a check costs a tenth of a score)
        return np.array(index.holding(rows, [[(column, p) for p in pieces]], len(rows)), dtype=np.int64)
    grams = sorted({pattern[i:i + size] for i in range(len(pattern) - size + 1)})
    lists = [ids for g in grams if (ids := index.candidates(column, g)) is not None and len(ids)]
    best: np.ndarray = rows[top_rows(pairs_held(rows, lists), limit)]  # only the rows holding a piece compete
    return best


def pairs_held(rows: np.ndarray, lists: list[np.ndarray]) -> np.ndarray:
    """For each of ``rows`` (ascending), in how many of the ascending id ``lists`` it is: a binary search
    per row and list (an array as long as the largest row id, filled per list, cost 1 ms a query at 100k
    stories)."""
    counts = np.zeros(len(rows), dtype=np.int64)
    for ids in lists:
        wanted = rows.astype(ids.dtype)
        at = np.minimum(np.searchsorted(ids, wanted), len(ids) - 1)
        counts += ids[at] == wanted
    return counts


def top_rows(counts: np.ndarray, limit: int) -> np.ndarray:
    """The indices of the ``limit`` highest non-zero ``counts``, ascending; of those at the lowest count
    taken, the first."""
    hist = np.bincount(counts)
    at_least = np.cumsum(hist[::-1])[::-1]  # at_least[c]: rows counted c times or more
    fits = np.flatnonzero(at_least[1:] <= limit) + 1
    k = int(fits[0]) if len(fits) else len(hist)
    chosen = np.flatnonzero(counts >= k)
    if k > 1 and len(chosen) < limit:
        chosen = np.sort(np.concatenate((chosen, np.flatnonzero(counts == k - 1)[:limit - len(chosen)])))
    return chosen
