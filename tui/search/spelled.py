"""Rows proven to hold a syllable key through the characters that spell it.

The one-follower proof (``successors``) seldom holds for syllables: a row holding xi-jin-ping usually has
jin elsewhere too (今年, 进一步), so at ~100k stories 51,296 of the 91,096 rows holding ``xijinping`` were
checked in SQLite one by one (~130 ms cold). But the syllable key is the base form read a character at a
time, so a row whose normal form holds 习近平 holds xi-jin-ping at the same place; and the normal form's
look-up is well proven. So a few rows left to check are read, the characters under the key in each are
taken as the words it spells (习近平, 高质量发), and the rows holding those words are proven by a look-up
of the normal form. What is left is checked as before.

Sound because the normal form differs from the base form only where a replacement wrote something else: a
numeral's digits (and 万, 亿, %), or 平方米 for 平米 and ㎡. A word with none of those characters cannot
overlap such a replacement, so where the normal form holds it the base form holds it too; but a word may
end in 平 (习近平), which 平方米 begins, so rows where it is followed by 方米 are left to check.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from typing import Any, Protocol

import numpy as np

from tui.search.keys import key_columns
from tui.search.normalize import base_form

WORDS_MOST = 4  # words tried, commonest in the sample first
SAMPLE = 16  # rows read to find the words
STOP_BELOW = 200  # rows left that are cheaper to check one by one
_WRITTEN = frozenset("0123456789.%万亿方米")  # what a replacement writes in the normal form, but its 平 (below)


class _Lookups(Protocol):
    def lookup(self, column: str, pattern: str, limit: int, within: np.ndarray | None = None) -> np.ndarray: ...

    def by_id(self, columns: str, ids: np.ndarray) -> Iterator[Any]: ...


def proven(index: _Lookups, key: str, rows: np.ndarray) -> np.ndarray:
    """The rows of ``rows`` (ascending) sure to hold the syllable key ``key``: those holding, in their
    normal form, a word the key spells in a sampled row. Ascending."""
    found: list[np.ndarray] = []
    tried: set[str] = set()
    left = rows
    for _ in range(WORDS_MOST):
        if len(left) < STOP_BELOW:
            break
        word = _commonest_word(index, key, left[:SAMPLE], tried)
        if word is None:
            break
        tried.add(word)
        held = index.lookup("norm", word, len(left), left).astype(rows.dtype)
        if word.endswith("平") and len(held):  # 习近平 of 习近㎡, written 习近平方米: such rows are checked
            unsure = index.lookup("norm", word + "方米", len(held), held).astype(rows.dtype)
            held = held[~np.isin(held, unsure, assume_unique=True)]
        if len(held):
            found.append(held)
            left = left[~np.isin(left, held, assume_unique=True)]
    return np.sort(np.concatenate(found)) if found else rows[:0]


def _commonest_word(index: _Lookups, key: str, sample: np.ndarray, tried: set[str]) -> str | None:
    """The word under ``key`` in most of the sampled rows that is safe to look up in the normal form (no
    character a numeral's replacement writes; its own normal form, with the same key, when read alone) and
    not tried yet."""
    words: Counter[str] = Counter()
    for text, syl in index.by_id("text, syl", sample):
        at = syl.find(key)
        if at >= 0:
            words[base_form(text)[at:at + len(key)]] += 1
    for word, _ in words.most_common():
        if word not in tried and not _WRITTEN & set(word) and key_columns([word]) == (word, key):
            return word
    return None
