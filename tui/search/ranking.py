"""Ranking many rows without reading their text: the weights a row's candidates already proved, its
article and headline flag from the row map, and the order by score.

A row that a look-up found holding a variant of every term of a query (verified by the grams or by
SQLite) scores that variant's weight, exactly what ``terms.score`` would give after reading it; for a
common word that is tens of thousands of rows, so reading them back to score them was most of a query.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

import numpy as np

from tui.search.hits import HEADLINE_KINDS
from tui.search.index import Index
from tui.search.keys import initials_of_each
from tui.search.placed import Placed
from tui.search.terms import Term

Ranked = list[tuple[float, int, str]]
ROW_MAP_FROM = 500  # rows from which the in-memory row map beats reading article and kind from SQLite
READINGS_MOST = 5000  # initials matches beyond this are not regrouped by reading (it needs their keys)
STRADDLE = 2.0  # the most an initials match loses for a reading the corpus rarely has (多家科 for djk)
COMMON_READING_SHARE = 0.1  # a reading in this share of the commonest one's rows (and in two rows or more) is
COMMON_READING_ROWS = 2  # a word the user may have meant: its first row is on the first page, ahead of repeats
HEADLINE_PENALTY = 0.5  # a headline ranks a little below a paragraph that says the same


Weights = tuple[np.ndarray, np.ndarray]  # ascending row ids (int64) and each row's weight (float64)
NONE: Weights = (np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float64))


def strongest(known: Weights, found: np.ndarray, weight: float) -> Weights:
    """``known`` and the rows ``found`` holding a weaker variant, those not known already at ``weight``:
    each row keeps the weight of the strongest variant it holds."""
    ids, w = known
    if not len(found):
        return known
    if not len(ids):  # the first variant: its rows come ascending, nothing to merge
        return found.astype(np.int64, copy=False), np.full(len(found), weight)
    new = found[~np.isin(found, ids, assume_unique=True)]
    if not len(new):
        return known
    all_ids = np.concatenate((ids, new))
    order = np.argsort(all_ids, kind="stable")
    return all_ids[order], np.concatenate((w, np.full(len(new), weight)))[order]


def meet(a: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The ids both ascending, distinct arrays hold, and where each holds them (``np.intersect1d`` with
    ``return_indices``): the smaller array's ids sought in the larger by bisection, not both sorted
    together (领 国 at ~100k stories, 国 being in ~300k rows: 10 → 5 ms under a profiler)."""
    small, large = (a, b) if len(a) <= len(b) else (b, a)
    if not len(small):
        return small.astype(np.int64), np.zeros(0, dtype=np.intp), np.zeros(0, dtype=np.intp)
    at = np.searchsorted(large, small)
    hit = at < len(large)
    hit[hit] = large[at[hit]] == small[hit]
    in_small = np.flatnonzero(hit)
    in_large = at[hit]
    ids = small[hit].astype(np.int64, copy=False)
    return (ids, in_small, in_large) if small is a else (ids, in_large, in_small)


def common(sets: list[Weights]) -> Weights:
    """The rows every term's set holds, with their mean weight (what ``terms.score`` gives, row read)."""
    if not sets:
        return NONE
    ids, total = sets[0]
    for other_ids, other_w in sets[1:]:
        ids, mine, theirs = meet(ids, other_ids)
        total = total[mine] + other_w[theirs]
    return ids, total / len(sets)


def short_held(index: Index, short: list[Term], proven: Weights, count: int, check: Callable[[], None]) -> Weights:
    """Of the rows whose long terms' weights are ``proven``, those holding a variant of each short term (one
    or two characters, with no near misses: its score is its strongest variant's weight, and a row holding
    none is no match), with their score over all ``count`` terms. The grams prove a short pattern, so no
    row is read: 习近平 在 read the 10,001 rows of 习近平 without 在 (139 → ~25 ms). ``check`` raises when the
    search is cancelled."""
    ids, w = proven
    total = w * (count - len(short))
    for t in short:
        got = NONE
        for v in t.variants:
            check()
            held = index.lookup(v.column, v.pattern, len(ids), ids) if len(ids) else ids[:0]
            got = strongest(got, held.astype(np.int64, copy=False), v.weight)
        ids, mine, theirs = meet(ids, got[0])
        total = total[mine] + got[1][theirs]
    return ids, total / count


def headline_penalty(kind: str) -> float:
    """What a row of this kind loses: a headline ranks a little below a paragraph that says the same (the
    paragraph is the passage a reader cites)."""
    return HEADLINE_PENALTY if kind in HEADLINE_KINDS else 0.0


def placed(index: Index, sure: Weights) -> Ranked:
    """(score, row, article) for rows whose score is known, headlines set a little lower."""
    ids, w = sure
    if not len(ids):
        return []
    m = index.row_map() if len(ids) >= ROW_MAP_FROM else None
    if m is None:
        weight = dict(zip(ids.tolist(), w.tolist(), strict=True))
        return [(weight[rid] - headline_penalty(kind), rid, article)
                for rid, article, kind in index.by_id("id, article, kind", ids)]
    where = m.article_of(ids)
    heads = m.is_headline(ids)
    return [(sc - (HEADLINE_PENALTY if h else 0.0), rid, m.ids[a])
            for rid, sc, a, h in zip(ids.tolist(), w.tolist(), where.tolist(), heads.tolist(), strict=True) if a >= 0]


def placed_in_order(index: Index, sure: Weights) -> Placed | None:
    """``ordered(placed(index, sure))`` for many rows, in arrays: a common word's every row (22,774 for
    习近平) scored, its article found and sorted without a Python tuple per step (three passes over the
    rows took ~20 ms of a cold query), kept as arrays (``placed``). None when there are too few rows for
    the row map."""
    ids, weights = sure
    m = index.row_map() if len(ids) >= ROW_MAP_FROM else None
    if m is None:
        return None
    where = m.article_of(ids)
    keep = where >= 0
    ids, weights, where = ids[keep], weights[keep], where[keep]
    scores = weights - np.where(m.is_headline(ids), HEADLINE_PENALTY, 0.0)
    order = np.lexsort((ids, -scores))
    return Placed(scores[order], ids[order], where[order], m)


def by_reading(index: Index, term: Term, sure: Weights) -> Weights:
    """Initials matches ordered by how often the corpus has the syllables they stand for: djk is 董家口 in
    dozens of paragraphs and 多家科 or 岛加快 (words cut across) once or twice, so the word a user meant
    comes first. A reading loses up to ``STRADDLE`` points as it is rarer than the commonest one. And like an
    input method's candidates, the first page offers each common reading once before the commonest one's
    repeats (jpzxt: 近平主席提 in 500 paragraphs, 近平主席同 in 395; a page of 提 alone hid 同): every row but
    the first of each common reading loses ``STRADDLE`` × (1 - ``COMMON_READING_SHARE``) more. ``sure``:
    the rows' proven weights, which say which rows an initials variant scored; returned with those rows'
    weights lowered so (before the rows are placed: one pass, in arrays when many)."""
    ids, w = sure
    weights = [v.weight for v in term.variants if v.column == "ini"]
    mask = np.isin(w, weights)
    ini_rows = ids[mask]
    if not 1 < len(ini_rows) <= READINGS_MOST:
        return sure
    readings: dict[int, str] = {}
    patterns = [v.pattern for v in term.variants if v.column == "ini"]
    rows = list(index.by_id("id, syl", ini_rows))
    for (rid, syl), ini in zip(rows, initials_of_each([syl for _, syl in rows]), strict=True):
        for p in patterns:
            at = ini.find(p)
            if at >= 0:
                readings[rid] = syl[at:at + len(p)]
                break
    if len(readings) < 2:
        return sure
    counts = Counter(readings.values())
    top = max(counts.values())
    common = {r for r, c in counts.items() if c >= max(COMMON_READING_ROWS, COMMON_READING_SHARE * top)}
    shown: set[str] = set()
    lower = np.zeros(len(ids))
    for i, rid in zip(np.flatnonzero(mask).tolist(), ini_rows.tolist(), strict=True):
        if rid in readings:
            r = readings[rid]
            lower[i] = STRADDLE * (1 - counts[r] / top)
            if r in shown or r not in common:  # the first row of each common reading leads the page
                lower[i] += STRADDLE * (1 - COMMON_READING_SHARE)
            shown.add(r)
    return ids, w - lower


def ordered(scored: Ranked) -> Ranked:
    """Best first; equal scores in row order."""
    if len(scored) < 2:
        return scored
    scores = np.fromiter((s for s, _, _ in scored), dtype=np.float64, count=len(scored))
    rows = np.fromiter((r for _, r, _ in scored), dtype=np.int64, count=len(scored))
    order = np.lexsort((rows, -scores))
    return [scored[i] for i in order.tolist()]
