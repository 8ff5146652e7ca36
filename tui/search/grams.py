"""Character n-grams as integers: what the postings index stores and what a look-up asks it for.

A paragraph's key columns become (gram << 32 | row) pairs in one numpy array, sorted, so that building
an index is a few vectorised passes and a sort instead of a Python loop per character (FTS5's trigram
tokenizer inserts at about 1.5 MB/s; this runs at tens of MB/s).

- ``norm`` and ``syl``: bigrams of 16-bit code units. A character beyond U+FFFF shares its code with
  one inside; the rare false candidate this makes is removed when candidates are checked, and the row is
  marked (gram ``ASTRAL``, which no pair of characters makes) so that no proof from grams alone is
  trusted for it (``successors``). A row's last
  character is paired with 0, so that every character of a row starts a gram: the rows holding one
  character are the rows of one contiguous range of grams (``char_range``), and a one-character term
  needs no scan of the table.
- ``ini``: trigrams of letters (5 bits each). Its alphabet is 26 letters, so nearly every paragraph holds
  every letter pair; a trigram narrows a look-up a few hundred times more. Anything that is not a letter
  is 0, which ends a gram: (y, h, 0) is "yh" at the end of a run of letters.
"""

from __future__ import annotations

import numpy as np

COLUMNS = ("norm", "syl", "ini")
SEP = "\x00"
ROW_BITS = 32
ROW_MASK = np.uint64((1 << ROW_BITS) - 1)
_LETTERS = 27  # 0 for "not a letter", 1-26 for a-z
ASTRAL = 0  # the gram marking a row that holds a character beyond U+FFFF (``pairs_of``)


def codes(joined: str) -> tuple[np.ndarray, np.ndarray]:
    """The code points of texts joined by SEP, with one more SEP at the end, and the row of each."""
    cps = np.frombuffer((joined + SEP).encode("utf-32-le", "surrogatepass"), dtype="<u4")
    ends = (cps == 0).astype(np.uint64)
    rows = np.cumsum(ends) - ends  # SEPs before each position
    return cps, rows


def letters(cps: np.ndarray) -> np.ndarray:
    """a-z as 1-26, anything else 0: the alphabet of the initials column."""
    c = cps.astype(np.int64) - 96
    c[(c < 1) | (c > 26)] = 0
    return c.astype(np.uint64)


def pairs_of(cps: np.ndarray, rows: np.ndarray, column: str) -> np.ndarray:
    """Sorted, distinct (gram << 32 | row). For ``ini``, ``cps`` are letter codes (0-26). Add a base to
    the array to number the rows from there (the order is kept, since rows sit in the low bits)."""
    if column == "ini":
        c = cps.astype(np.uint64)
        grams = (c[:-2] << np.uint64(10)) | (c[1:-1] << np.uint64(5)) | c[2:]
        keep = (c[:-2] != 0) & (c[1:-1] != 0)
        where = rows[:-2]
    else:
        c = (cps & 0xFFFF).astype(np.uint64)
        grams = (c[:-1] << np.uint64(16)) | c[1:]
        keep = c[:-1] != 0  # a row's last character pairs with the separator: every character starts a gram
        where = rows[:-1]
        marked = where[(cps > 0xFFFF)[:-1]]  # rows holding a character beyond U+FFFF: gram ASTRAL too
        if len(marked):
            grams = np.concatenate((grams[keep], np.full(len(marked), ASTRAL, dtype=np.uint64)))
            return sorted_distinct((grams << np.uint64(ROW_BITS)) | np.concatenate((where[keep], marked)))
    return sorted_distinct((grams[keep] << np.uint64(ROW_BITS)) | where[keep])


def sorted_distinct(a: np.ndarray) -> np.ndarray:
    """np.unique by sorting ``a`` in place (every caller passes an array it has just made): NumPy 2's
    np.unique hashes first, several times slower on these arrays."""
    a.sort()
    return a[np.concatenate(([True], a[1:] != a[:-1]))] if len(a) > 1 else a


def counted(ids: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The distinct ids, ascending, and how often each occurs, by sorting ``ids`` in place once."""
    if not len(ids):
        return ids, np.zeros(0, dtype=np.int64)
    ids.sort()
    starts = np.flatnonzero(np.concatenate(([True], ids[1:] != ids[:-1])))
    return ids[starts], np.diff(np.append(starts, len(ids)))


def pairs(texts: list[str], column: str) -> np.ndarray:
    """``pairs_of`` for texts numbered 0, 1, … (for ``ini``, texts of the initials key)."""
    if not texts:
        return np.zeros(0, dtype=np.uint64)
    cps, rows = codes(SEP.join(t.replace(SEP, " ") for t in texts))
    return pairs_of(letters(cps) if column == "ini" else cps, rows, column)


def split(sorted_pairs: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(distinct grams, start of each gram's rows and one past the end, rows): a segment's three arrays."""
    halves = sorted_pairs.astype("<u8", copy=False).view("<u4").reshape(-1, 2)  # (row, gram) per pair
    rows = np.ascontiguousarray(halves[:, 0])
    grams_all = halves[:, 1]
    if len(grams_all) == 0:
        return np.zeros(0, dtype=np.uint32), np.zeros(1, dtype=np.uint32), rows
    cut = np.flatnonzero(grams_all[1:] != grams_all[:-1]) + 1
    grams = grams_all[np.concatenate(([0], cut))]
    starts = np.concatenate(([0], cut, [len(grams_all)])).astype(np.uint32)
    return grams, starts, rows


def join(grams: np.ndarray, starts: np.ndarray, rows: np.ndarray) -> np.ndarray:
    """The inverse of ``split``: back to pairs, for merging segments."""
    counts = np.diff(starts.astype(np.int64)).astype(np.int64)
    return (np.repeat(grams.astype(np.uint64), counts) << np.uint64(ROW_BITS)) | rows.astype(np.uint64)


def groups(column: str, pattern: str) -> list[np.ndarray] | None:
    """What a row holding ``pattern`` in ``column`` must hold: one gram of each group. None when the
    pattern is too short for the index (a single character), or cannot be in that column at all ([])."""
    if column == "ini":
        c = [ord(ch) - 96 for ch in pattern]
        if any(not 1 <= x <= 26 for x in c):
            return []
        if len(c) < 2:
            return None
        if len(c) == 2:
            return [np.array([(c[0] << 10) | (c[1] << 5) | x for x in range(_LETTERS)], dtype=np.uint32)]
        grams = {(c[i] << 10) | (c[i + 1] << 5) | c[i + 2] for i in range(len(c) - 2)}
    else:
        if len(pattern) < 2 or SEP in pattern:
            return None
        c = [ord(ch) & 0xFFFF for ch in pattern]
        grams = {(c[i] << 16) | c[i + 1] for i in range(len(c) - 1)}
    return [np.array([g], dtype=np.uint32) for g in sorted(grams)]


def char_range(column: str, pattern: str) -> tuple[int, int] | None:
    """For one character, the grams that start with it: [lo, hi). None for anything else."""
    if column == "ini" or len(pattern) != 1 or ord(pattern) > 0xFFFF or pattern == SEP:
        return None
    return ord(pattern) << 16, (ord(pattern) + 1) << 16


def exact(column: str, pattern: str) -> bool:
    """Whether the grams alone prove a match: the pattern is one gram long (a two-letter initials pattern
    is any of its 27 trigrams). Longer patterns are checked against the row, since grams do not say
    where in the row they stand."""
    if column == "ini":
        return len(pattern) <= 3
    return len(pattern) in (1, 2) and all(ord(ch) <= 0xFFFF for ch in pattern)
