"""A word typed with its parts in another order: 措施行动 for 行动措施, 经济区董家口锚定 for a paragraph that
says 锚定董家口经济区. Found without a segmenter (loading jieba costs a second, which a query typed cold
must not pay): a paragraph is a candidate when it holds most of the word's character pairs, and a match
when the word can be cut into a few pieces of two characters or more that the paragraph holds each.
"""

from __future__ import annotations

from itertools import pairwise

import numpy as np

from tui.search.grams import counted
from tui.search.index import Index

MOST_PIECES = 3
MOST_ROWS = 20_000  # rows to read (three pieces, repeated characters) beyond this: too common to be a reordering


Reordered = list[tuple[int, tuple[str, ...], bool]]  # row id, pieces, two pieces side by side swapped


def reordered_rows(index: Index, word: str, have: frozenset[int] = frozenset()) -> Reordered:
    """(row id, pieces, whether two pieces stand side by side swapped) of every paragraph holding ``word``
    (a normal form) cut into 2 .. 3 pieces, in id order, leaving out the rows in ``have`` (already
    ranked); a paragraph holding it whole is not among them."""
    pairs = [word[i:i + 2] for i in range(len(word) - 1)]
    most = min(MOST_PIECES, len(word) // 2)
    if most < 2:
        return []
    found = [ids if (ids := index.candidates("norm", p)) is not None else np.zeros(0, dtype=np.uint32) for p in pairs]
    if not any(len(f) for f in found):
        return []
    rows = _held_at_least(np.concatenate(found), len(pairs) - (most - 1))  # each cut loses one pair
    rows = rows[_cuttable(rows, found, most)]
    if have:
        rows = rows[~np.isin(rows, np.fromiter(have, dtype=np.int64, count=len(have)))]
    out: Reordered = []
    if len(set(word)) == len(word) and all(ord(c) <= 0xFFFF for c in word):
        astral = index.astral("norm")
        read = np.isin(rows, astral) if len(astral) else np.zeros(len(rows), dtype=bool)
        out, rest = _two_pieces(index, word, rows[~read], most)
        rows = np.sort(np.concatenate((rest, rows[read])))
    if len(rows) > MOST_ROWS:
        return sorted(out)  # too many to read: a word this common is no reordering of its three pieces
    for rid, norm in index.by_id("id, norm", rows):
        cut = fewest_pieces(word, norm, most)
        if cut is not None and len(cut) >= 2 and apart(cut, norm):
            out.append((rid, cut, len(cut) == 2 and cut[1] + cut[0] in norm))
    return sorted(out)


def _two_pieces(index: Index, word: str, rows: np.ndarray, most: int) -> tuple[Reordered, np.ndarray]:
    """``reordered_rows`` of a word with no character twice, for rows whose grams can be trusted, where the
    word cuts into two pieces; and the rows left to read (none when two pieces are the most allowed).
    Two pieces share no character, so they never overlap (``apart``), and ``fewest_pieces`` takes the
    longest first piece the row holds with the rest: look-ups among the rows, first pieces longest first,
    so no text is read (经济报告: 671 rows, 15 → ~3 ms; 消息央视网: 24,079 rows, which were too many to read)."""
    if not len(rows):
        return [], rows
    whole = index.lookup("norm", word, len(rows), rows)
    rows = rows[~np.isin(rows, whole.astype(rows.dtype))] if len(whole) else rows
    out: Reordered = []
    left = rows
    for j in range(len(word) - 2, 1, -1):
        cut = (word[:j], word[j:])
        first = index.lookup("norm", cut[0], len(left), left).astype(rows.dtype) if len(left) else left
        both = index.lookup("norm", cut[1], len(first), first).astype(rows.dtype) if len(first) else first
        if not len(both):
            continue
        swapped = set(index.lookup("norm", cut[1] + cut[0], len(both), both).tolist())
        out += [(rid, cut, rid in swapped) for rid in both.tolist()]
        left = left[~np.isin(left, both, assume_unique=True)]
    return out, (left if most > 2 else left[:0])


def _cuttable(rows: np.ndarray, found: list[np.ndarray], most: int) -> np.ndarray:
    """Which of ``rows`` miss only pairs a cut can lose: a cut between characters j-1 and j loses pair j-1,
    pieces are two characters or more (no cut after the first character or before the last, no two cuts
    side by side) and there are at most ``most - 1`` cuts. A row missing any other pair cannot hold the
    word in pieces, so it is not read (four in five of the rows the pair count lets through)."""
    missing = np.zeros(len(rows), dtype=np.int64)
    for i, ids in enumerate(found):
        missing |= (~np.isin(rows, ids, assume_unique=True)).astype(np.int64) << i
    last = len(found) - 1  # pair index of the word's last two characters
    masks = np.unique(missing)
    ok = [int(m) for m in masks if _cuts_allowed(int(m), last, most - 1)]
    return np.isin(missing, np.array(ok, dtype=np.int64))


def _cuts_allowed(missing: int, last: int, cuts: int) -> bool:
    """Whether the missing pairs (a bit each) can all be the pairs cuts lose."""
    at = [i for i in range(last + 1) if missing >> i & 1]
    if len(at) > cuts or (at and (at[0] == 0 or at[-1] == last)):
        return False
    return all(b - a >= 2 for a, b in pairwise(at))


def _held_at_least(ids: np.ndarray, times: int) -> np.ndarray:
    """The ids that occur ``times`` times or more, ascending."""
    distinct, counts = counted(ids)
    return distinct[counts >= times]


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
