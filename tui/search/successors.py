"""Rows proven to hold a word by the grams alone, with no text read.

A row holding every pair of a word may still not hold the word (习近 in one place, 近平 in another). But if
every occurrence of each inner character is followed by the word's next character, then from an
occurrence of the first pair on, the row spells out the whole word. Whether a character has one follower
in a row is in the index already: the grams starting with a character are one contiguous range
(``grams.char_range``), and a row has one entry there per different character that follows it (the end of
the row counts as one). On the 24k archive 94 % of the 22,774 paragraphs holding 习近平 are proven so; only
the rest are read and checked in SQLite, at ~1 µs a row. A row holding a character beyond U+FFFF (whose
code another character shares, see ``grams``) is never proven.
"""

from __future__ import annotations

from itertools import pairwise

import numpy as np

from tui.search.grams import SEP, counted
from tui.search.postings import Postings

PROVE_FROM = 2000  # candidates from which reading the followers' ranges may cost less than checking each row
READ_PER_CHECK = 10  # range entries read and sorted in the time one row's text is checked in SQLite


def proven(postings: Postings, column: str, pattern: str, ids: np.ndarray) -> np.ndarray:
    """The rows of ``ids`` (ascending) sure to hold ``pattern`` in ``column`` (``norm`` or ``syl``): each
    holds the pattern's first pair, and each inner character of the pattern has one follower in the row,
    the pattern's next character. Ascending; empty where no proof applies."""
    none = np.zeros(0, dtype=ids.dtype)
    if column == "ini" or len(pattern) < 3 or any(ord(c) > 0xFFFF or c == SEP for c in pattern):
        return none
    codes = [ord(c) for c in pattern]
    ranges = sum(postings.range_size(column, c << 16, (c + 1) << 16) for c in codes[1:-1])
    if ranges > READ_PER_CHECK * len(ids):
        return none  # common inner characters (中国特色社会主义): checking the rows costs less
    rows = np.intersect1d(ids, _pair(postings, column, codes[0], codes[1]), assume_unique=True)
    for here, after in pairwise(codes[1:]):
        if not len(rows):
            return none
        followed, followers = counted(postings.rows_in_range(column, here << 16, (here + 1) << 16, distinct=False))
        alone = followed[followers == 1]
        only_this = np.intersect1d(alone, _pair(postings, column, here, after), assume_unique=True)
        rows = np.intersect1d(rows, only_this, assume_unique=True)
    astral = postings.astral(column)
    return rows[~np.isin(rows, astral)] if len(astral) and len(rows) else rows


def _pair(postings: Postings, column: str, a: int, b: int) -> np.ndarray:
    """The rows holding the two characters side by side (a gram: exact)."""
    return postings.rows(column, [np.array([(a << 16) | b], dtype=np.uint32)])
