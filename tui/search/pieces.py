"""A word typed with its parts in another order: 措施行动 for 行动措施, 经济区董家口锚定 for a paragraph that
says 锚定董家口经济区. Found without a segmenter (loading jieba costs a second, which a query typed cold
must not pay): a paragraph is a candidate when it holds most of the word's character pairs, and a match
when the word can be cut into a few pieces of two characters or more that the paragraph holds each.
"""

from __future__ import annotations

import numpy as np

from tui.search.index import Index

MOST_PIECES = 3
MOST_ROWS = 20_000  # candidates beyond this are not checked: the word is too common to be a reordering


def reordered_rows(index: Index, word: str) -> list[tuple[int, str, str, tuple[str, ...], bool]]:
    """(row id, article, kind, pieces, whether two pieces stand side by side swapped) of every paragraph holding ``word``
    (a normal form) cut into 2 .. 3 pieces, in id order; a paragraph holding it whole is not among them."""
    pairs = [word[i:i + 2] for i in range(len(word) - 1)]
    most = min(MOST_PIECES, len(word) // 2)
    if most < 2:
        return []
    found = [ids for p in pairs if (ids := index.candidates("norm", p)) is not None]
    if not found:
        return []
    rows = _held_at_least(np.concatenate(found), len(pairs) - (most - 1))  # each cut loses one pair
    if len(rows) > MOST_ROWS:
        return []
    out = []
    for rid, article, kind, norm in index.by_id("id, article, kind, norm", rows):
        cut = fewest_pieces(word, norm, most)
        if cut is not None and len(cut) >= 2 and apart(cut, norm):
            out.append((rid, article, kind, cut, len(cut) == 2 and cut[1] + cut[0] in norm))
    return out


def _held_at_least(ids: np.ndarray, times: int) -> np.ndarray:
    """The ids that occur ``times`` times or more, ascending, counted by sorting them once."""
    if not len(ids):
        return ids
    ids.sort()
    starts = np.flatnonzero(np.concatenate(([True], ids[1:] != ids[:-1])))
    counts = np.diff(np.append(starts, len(ids)))
    return ids[starts[counts >= times]]


def fewest_pieces(word: str, hay: str, most: int = MOST_PIECES) -> tuple[str, ...] | None:
    """The fewest pieces (each of two characters or more, each found in ``hay``) that ``word`` cuts into,
    or None when it takes more than ``most``. Built from the word's end: ``best[i]`` cuts ``word[i:]``,
    the longest first piece winning ties (a memoised recursion made a new cache per row: a tenth of a
    reordered look-up's time)."""
    n = len(word)
    best: list[tuple[str, ...] | None] = [None] * (n + 1)
    best[n] = ()
    for start in range(n - 2, -1, -1):
        found: tuple[str, ...] | None = None
        for end in range(n, start + 1, -1):  # longest piece first
            rest = best[end]
            if rest is not None and (found is None or len(rest) + 1 < len(found)) and word[start:end] in hay:
                found = (word[start:end], *rest)
        best[start] = found if found is not None and len(found) <= most else None
    return best[0]


def apart(pieces: tuple[str, ...], hay: str) -> bool:
    """Whether each piece has an occurrence of its own, none overlapping another's: 的的的的 is not two 的的
    found in one 的的."""
    taken: list[tuple[int, int]] = []
    for p in sorted(pieces, key=len, reverse=True):
        at = hay.find(p)
        while at >= 0 and any(at < b and a < at + len(p) for a, b in taken):
            at = hay.find(p, at + 1)
        if at < 0:
            return False
        taken.append((at, at + len(p)))
    return True
