"""The first page of a common word's hits before all of them are counted: what the reader shows while the
full ranking (``Searcher.find``) runs on.

A query of one plain word (no alternatives, no exclusions) ranked by relevance ranks first the body
paragraphs that hold its strongest variant (its normal form, weight 100), in index order; every other
row ranks below them (a headline holding it 0.5 lower, a homophone, an initials or a fuzzy match lower
still, a row found with its parts in another order at 91 at most). So once the first ``rows`` paragraphs
holding that variant, in index order, include a page of body paragraphs that pass the filters, that page
is the ranking's first page, whatever the rest holds. Finding them reads a few hundred rows; ranking
22,774 paragraphs holding 习近平 reads all of them (~60 ms cold). The total is then a lower bound, which
the reader says ("≥ 300, counting") until the full search answers.

Sorted by date, the full search lists every row holding the word's strongest variant (with ``ENOUGH`` of
them it looks up no weaker variant, near misses or the word's parts reordered) newest (or oldest) first,
then by relevance. So the rows
of its newest dates, verified a whole date at a time until there are ``ENOUGH`` and a page, hold its
first page.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from tui.search import grams, ranking
from tui.search.filters import Filters, apply
from tui.search.hits import Found
from tui.search.query import parse
from tui.search.terms import _HAS_HAN, Term, Variant, make_term

if TYPE_CHECKING:
    from tui.search.engine import Searcher

TRIES = (300, 3000)  # rows read before giving up on the quick page (the full search then answers)
WORTH_IT = 3000  # candidate rows from which the shortcut pays (fewer: the full search takes ~10 ms)
EXACT = 100.0  # the weight of a word's normal form as typed


def first_page(searcher: Searcher, query: str, limit: int, filters: Filters | None = None) -> Found | None:
    """The best ``limit`` hits of ``query`` and a lower bound of the total (``Found.complete`` False), or
    None when the query is not one plain word ranked by relevance, or matches too few paragraphs for a
    shortcut to be worth it (the full search is then as quick)."""
    q = parse(query)
    wanted = q.filters.over(filters) if filters else q.filters
    if len(q.groups) != 1 or len(q.groups[0]) != 1 or q.excluded:
        return None
    term = make_term(q.groups[0][0].text, q.groups[0][0].exact)
    got = _strongest_held(searcher, term)
    if got is None or len(got[1]) < WORTH_IT:
        return None
    best, ids = got
    if wanted.since or wanted.until or wanted.within:
        ids = ids[_passing(searcher, ids, wanted)]  # the rows of articles the filters keep, before reading any
    if wanted.sort != "relevance":
        return _by_date(searcher, ids, term, best, limit, wanted.sort == "newest")
    for rows in TRIES:
        found = _holding(searcher, ids, best, rows)
        if len(found) < rows:
            return None  # every such paragraph is in hand: the full search is cheap
        ranked = ranking.ordered(ranking.placed(searcher.index, _weighing(found, best.weight)))
        if wanted.active:
            ranked = apply(ranked, searcher.meta({a for _, _, a in ranked}), wanted)
        body = [r for r in ranked if r[0] == best.weight]
        if len(body) >= limit:
            hits = searcher.page_of(body[:limit], [term])
            return Found(hits, len(ranked), len({a for _, _, a in ranked}), complete=False)
    return None


def _by_date(searcher: Searcher, ids: np.ndarray, term: Term, best: Variant, limit: int,
             newest: bool) -> Found | None:
    """The first page sorted by date: candidates ordered by date, verified a date at a time from the
    newest (or oldest) until ``ENOUGH`` rows and a page hold the word; None if they never do."""
    from tui.search.engine import ENOUGH, FUZZY_BELOW

    m = searcher.index.row_map()
    if m is None:
        return None
    where = m.article_of(ids.astype(np.int64))
    rank = np.where(where >= 0, m.date_rank[np.maximum(where, 0)], -1)
    dated = rank >= 0
    ids, rank = ids[dated], rank[dated]
    order = np.lexsort((ids, -rank if newest else rank))
    ids, rank = ids[order], rank[order]
    need = max(ENOUGH, FUZZY_BELOW, limit)  # no weaker variant, near miss or reordered word then joins
    for rows in TRIES:
        if rows >= len(ids):
            return None
        cut = int(np.searchsorted(-rank if newest else rank, -rank[rows] if newest else rank[rows], side="right"))
        found = _holding(searcher, np.sort(ids[:cut]), best, cut)  # whole dates: none half read
        if len(found) >= need:
            ranked = ranking.ordered(ranking.placed(searcher.index, _weighing(found, best.weight)))
            if ranked[0][0] < best.weight:
                return None  # only headlines: the full search would look for the word's parts reordered
            meta = searcher.meta({a for _, _, a in ranked})
            ranked = apply(ranked, meta, Filters(sort="newest" if newest else "oldest"))
            return Found(searcher.page_of(ranked[:limit], [term]), len(ranked), len(meta), complete=False)
    return None


def _holding(searcher: Searcher, ids: np.ndarray, v: Variant, limit: int) -> list[int]:
    """The first ``limit`` of ``ids`` whose key holds the variant's pattern (the grams prove a pattern of
    one or two characters; a longer one is checked in the row)."""
    if grams.exact(v.column, v.pattern):
        return list(ids[:limit].tolist())
    return searcher.index.holding(ids, [[(v.column, v.pattern)]], limit)


def _passing(searcher: Searcher, ids: np.ndarray, wanted: Filters) -> np.ndarray:
    """A mask of ``ids``: the rows whose article the date and folder filters keep (from the row map)."""
    m = searcher.index.row_map()
    keep = m.articles_passing(wanted.since, wanted.until, wanted.within) if m is not None else None
    if m is None or keep is None:
        return np.ones(len(ids), dtype=bool)
    where = m.article_of(ids.astype(np.int64))
    mask: np.ndarray = (where >= 0) & keep[np.maximum(where, 0)]
    return mask


def _strongest_held(searcher: Searcher, term: Term) -> tuple[Variant, np.ndarray] | None:
    """The term's strongest variant that any row may hold, with its candidate rows: the normal form as
    typed, or, for pinyin typed whole (xijinping), its syllable key when no row holds the letters
    themselves. None when that variant shares its weight with another, is an initials key (regrouped by
    reading), or is not the normal form of a word with Chinese in it (whose parts the full search may
    try in another order), or the term has figures (checked by value, row by row)."""
    if not term.variants or term.guards or term.bounded is not None:
        return None
    for i, v in enumerate(term.variants):
        ids = searcher.index.candidates(v.column, v.pattern)
        if ids is None:
            return None
        if not len(ids):
            continue  # no row holds this variant: the next one is the strongest held
        if v.column == "ini" or any(w.weight >= v.weight for w in term.variants[i + 1:]):
            return None
        if (v.column != "norm" or v.weight < EXACT) and _HAS_HAN.search(term.raw):
            return None
        return v, ids
    return None


def _weighing(rows: list[int], weight: float) -> ranking.Weights:
    ids = np.array(sorted(rows), dtype=np.int64)
    return ids, np.full(len(ids), weight)
