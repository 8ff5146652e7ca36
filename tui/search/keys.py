"""The search keys of many paragraphs at once, for indexing.

``normalize`` computes keys one text at a time with ``str.translate``, which looks each character up in a
dict: fine for a query, but a third of the time of indexing a corpus. Here a batch of paragraphs is joined
into one string, and the per-character tables are numpy arrays applied to all of it in one pass. The
result is the same as ``norm``, ``syllable_key`` and ``initials_key`` per text (a test checks this).

The initials key is not stored: it is the syllable key with each syllable replaced by its first letter
(``initials_of``), so the index keeps one pinyin column, not two.
"""

from __future__ import annotations

from functools import cache

import numpy as np

from tui.search.grams import SEP
from tui.search.normalize import _NUMERAL, _T2S, _t2s, _tables, numeral_text
from tui.search.tables import half_table, map_table

_BMP = 0x10000


@cache
def _arrays() -> tuple[np.ndarray, np.ndarray, dict[int, str]]:
    """Tables indexed by code point: half-width/lower-case, and the syllable key; and syllable code → letter."""
    half = half_table()
    syl_map, _, code = _tables()
    syl = np.arange(max(syl_map) + 1, dtype=np.uint32)  # pypinyin reads characters beyond U+FFFF too
    for cp, ch in syl_map.items():
        syl[cp] = ord(ch)
    letter = {ord(ch): name[0] for name, ch in code.items() if name}
    return half, syl, letter


def key_columns(texts: list[str]) -> tuple[str, str]:
    """(normal forms, syllable keys) of the texts, each joined by SEP in the same order."""
    half_t, syl_t, _ = _arrays()
    clean = [t.replace(SEP, " ") if SEP in t else t for t in texts]  # SEP marks where a row ends
    half = map_table(SEP.join(clean), half_t)
    base = _T2S.convert(half)
    if len(base) != len(half) or any(len(b) != len(t) for b, t in zip(base.split(SEP), clean, strict=False)):
        # OpenCC turned a phrase into one of another length: convert those texts a character at a time
        base = SEP.join(_t2s(h) for h in half.split(SEP))
    normal = _NUMERAL.sub(numeral_text, base)
    return normal, map_table(base, syl_t)


def letter_codes(syl_cps: np.ndarray) -> np.ndarray:
    """The initials column as ``grams.letters`` codes, straight from the syllable key's code points."""
    table = _letter_array()
    small = syl_cps < _BMP
    return np.where(small, table[np.where(small, syl_cps, 0)], 0).astype(np.uint64)


@cache
def _letter_array() -> np.ndarray:
    table = np.zeros(_BMP, dtype=np.uint64)
    for ch in "abcdefghijklmnopqrstuvwxyz":
        table[ord(ch)] = ord(ch) - 96
    for cp, letter in _arrays()[2].items():
        table[cp] = ord(letter) - 96
    return table


def initials_of(syl: str) -> str:
    """The initials key from the syllable key: each syllable's code becomes its first letter. A paragraph's
    key goes through a NumPy table (``str.translate`` with a dict took ~11 µs a paragraph: most of an
    initials query that reads 1,500 rows); a short one through ``translate``, whose result it equals."""
    if len(syl) < 48:
        return syl.translate(_arrays()[2])
    return map_table(syl, _initials_array())


def initials_of_each(syls: list[str]) -> list[str]:
    """``initials_of`` of many keys, in one pass over them joined (``SEP`` is in none of them)."""
    return initials_of(SEP.join(syls)).split(SEP) if syls else []


@cache
def _initials_array() -> np.ndarray:
    """Code point → itself, but a syllable's code → its first letter: ``_arrays()[2]`` as a table."""
    table = np.arange(_BMP, dtype=np.uint32)
    for cp, letter in _arrays()[2].items():
        if cp < _BMP:
            table[cp] = ord(letter)
    return table
