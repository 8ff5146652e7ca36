"""Ranking: candidates from the n-gram index, scored on the normal form and pinyin keys (see ``terms``).

Every word of a group must match one paragraph; alternatives (``a | b``) are ranked apart and merged, each
row keeping its best score; excluded words (``-word``) remove the rows holding them. A relevance floor
keeps "nothing close" as no hits. A query that is one long word and matched nothing better than a loose
fuzzy match is also tried with its parts in another order (措施行动 for 行动措施, 经济区董家口); pinyin
typed a syllable at a time (dong jia kou) is read as one word.
"""

from __future__ import annotations

import contextlib
import gc
import sqlite3
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from tui.search import ranking
from tui.search.filters import Filters, apply
from tui.search.grams import sorted_distinct
from tui.search.hits import Cancelled, Found, Hit
from tui.search.index import Index
from tui.search.keys import initials_of
from tui.search.nearby import near_rows
from tui.search.normalize import normalize, warm_up
from tui.search.pieces import reordered_rows
from tui.search.placed import Placed, filtered, passes_none
from tui.search.postings import DamagedIndex
from tui.search.query import _CONTROL, Query, parse, text_span
from tui.search.rows import HitRow
from tui.search.scoring import rows_scored
from tui.search.source_lines import line_of
from tui.search.terms import _HAS_HAN, Term, locate, make_term

FUZZY_CANDIDATES = 100  # per variant: on the 24k archive 100 find every eval kind as 200 and 400 did (rows chosen by pair count)
ENOUGH = 300  # exact rows beyond which weaker variants are not looked up
ALL = 1 << 62  # no limit: every row holding a term as typed is ranked
FUZZY_BELOW = 30  # fewer candidates than this and rows an edit or two away are looked for too
SWAPPED = 91.0  # two parts of the query side by side in the other order
REORDERED = 0.9  # a query's words found in another order: a 100 becomes 90, level with one edit
SHORT_UNREAD = True  # short terms beside long ones scored by look-ups (``ranking.short_held``); False: rows read
WARM_QUERIES = ("经济发展新", "jingji fazhan", "发展 jj")  # a phrase, its near misses and parts reordered; pinyin; initials
Ranked = list[tuple[float, int, str]]
Rows = Sequence[tuple[float, int, str]]  # a Ranked list, or a common word's rows as arrays (``Placed``)


@dataclass(frozen=True)
class Matching:
    """A search's every matching row (score, row id, article), ranked and filtered, and how to light it."""

    ranked: Rows
    lit: list[Term]
    pieces: dict[int, tuple[str, ...]]
    note: str = ""  # why nothing matches, when the filters alone say so

    def article_count(self) -> int:
        r = self.ranked
        return r.article_count() if isinstance(r, Placed) else len({a for _, _, a in r})


class Searcher:
    def __init__(self, index: Index) -> None:
        self.index = index

    def prepare(self) -> None:
        """What opening an index costs once per process, paid before the first query rather than by it:
        the postings' directory, the rows' articles, their dates' and paths' order (``rowmap``) and the pinyin
        tables (from the cache). The reader calls it once the index is built. Then a few searches whose
        answers are thrown away, so that the first a user types does not pay for first uses either (SQLite's
        statements, regular expressions, NumPy's and rapidfuzz's first calls: ~2 ms of a cold query's median).
        Last, what opening made (pinyin tables, the row map) is moved out of the garbage collector's reach."""
        self.index.candidates("norm", "的一")
        if (m := self.index.row_map()) is not None:
            m.date_rank, m.by_path  # noqa: B018 (computed once: sorts, date and folder filters read them)
        warm_up()
        np.intersect1d(np.zeros(1), np.zeros(1))  # NumPy's set routines import numpy.ma on first use: 12 ms
        for query in WARM_QUERIES:
            with contextlib.suppress(sqlite3.Error):  # damage is for the user's own query to find and repair
                self.find(query, 10)
        # it lives as long as the process: a full collection walking it paused a query by 40-90 ms. What an
        # earlier freeze kept and is garbage now (an index dropped: a connection is a cycle) is collected first
        gc.unfreeze()
        gc.collect()
        gc.freeze()

    def search(self, query: str, limit: int = 10, cancel: threading.Event | None = None) -> list[Hit]:
        """The best ``limit`` hits (``find`` for the totals and later pages)."""
        return self.find(query, limit, 0, cancel).hits

    def find(self, query: str, limit: int = 10, offset: int = 0, cancel: threading.Event | None = None,
             filters: Filters | None = None) -> Found:
        """Hits ``offset`` .. ``offset + limit`` of every paragraph that matches, best first (or by date),
        and how many paragraphs and articles match in all: every candidate is ranked, none cut at a row
        limit. Filters written in the query (``since:`` ``until:`` ``in:`` ``sort:``) and ``filters`` (which
        win) apply before paging; a filter that cannot be read raises ``QueryError``."""
        m = self.matching(query, cancel, filters)
        return Found(self.page(m, limit, offset), len(m.ranked), m.article_count(), note=m.note)

    def matching(self, query: str, cancel: threading.Event | None = None, filters: Filters | None = None) -> Matching:
        """Every matching paragraph ranked and filtered, with what lights a hit: a search before its pages
        (the concordance and the trends read all of it; a page of hits reads the text of a few)."""
        q = parse(query)
        wanted = q.filters.over(filters) if filters else q.filters
        if not q.groups:
            return Matching([], [], {})
        if wanted.active and passes_none(self.index.row_map(), wanted):
            return Matching([], [], {}, f"no article passes {wanted.written()}")
        try:
            groups = [[make_term(w.text, w.exact) for w in g] for g in q.groups]
            ranked: Rows = self._rank_groups(groups, q, cancel)
            pieces: dict[int, tuple[str, ...]] = {}
            if _maybe_reordered(q, groups) and (len(ranked) < FUZZY_BELOW or ranked[0][0] < 100):
                ranked, pieces = self._with_reordered(q.groups[0][0].text, list(ranked))
            if wanted.active and isinstance(ranked, Placed):
                ranked = filtered(ranked, wanted)
            elif wanted.active:
                ranked = apply(list(ranked), self.meta({a for _, _, a in ranked}), wanted)
            return Matching(ranked, [t for g in groups for t in g], pieces)
        except sqlite3.OperationalError as exc:
            if "interrupt" in str(exc):
                raise Cancelled from None
            raise

    def page(self, m: Matching, limit: int, offset: int = 0) -> list[Hit]:
        return self._page(m.ranked, m.lit, limit, offset, m.pieces)

    def page_of(self, ranked: Ranked, terms: list[Term]) -> list[Hit]:
        """Hits for ranked rows, lit for ``terms`` (``quick.first_page``)."""
        return self._page(ranked, terms, len(ranked), 0)

    def meta(self, articles: set[str]) -> dict[str, tuple[str | None, str]]:
        """(date, path) of the articles, from the row map when there are many."""
        m = self.index.row_map() if len(articles) >= ranking.ROW_MAP_FROM else None
        return m.meta(articles) if m is not None else self.index.article_meta(articles)

    def _rank_groups(self, groups: list[list[Term]], q: Query, cancel: threading.Event | None) -> Rows:
        """Every row matching one group (the best score where several do), less the rows holding an
        excluded word."""
        ranked: Rows
        if len(groups) == 1:
            ranked = self._rank(groups[0], cancel)
        else:
            best: dict[int, tuple[float, str]] = {}
            for terms in groups:
                for sc, rid, article in self._rank(terms, cancel):
                    if rid not in best or best[rid][0] < sc:
                        best[rid] = (sc, article)
            ranked = ranking.ordered([(sc, rid, a) for rid, (sc, a) in best.items()])
        if q.excluded and ranked:
            gone = self._holding_any([rid for _, rid, _ in ranked], q.excluded)
            ranked = [r for r in ranked if r[1] not in gone]
        return ranked

    def _holding_any(self, ids: list[int], words: tuple[str, ...]) -> set[int]:
        """Which of ``ids`` hold one of the words in their normal form."""
        pool = np.array(sorted(ids), dtype=np.uint32)
        out: set[int] = set()
        for w in words:
            n, _ = normalize(_CONTROL.sub("", w))
            if not n.strip():
                continue
            grams = self.index.candidates("norm", n)
            rows = pool if grams is None else np.intersect1d(pool, grams, assume_unique=True)
            out.update(self.index.holding(rows, [[("norm", n)]], ALL) if len(rows) else ())
        return out

    def _with_reordered(self, word: str, ranked: Ranked) -> tuple[Rows, dict[int, tuple[str, ...]]]:
        """The ranked rows and the paragraphs holding the query's parts in another order (行动措施 typed
        措施行动; 经济区 … 董家口 apart in the paragraph), which rank a little below an exact match and lower the
        more pieces the word had to be cut into; and each such row's pieces, for lighting them. Tried when
        nothing matched the query as typed, only loosely, or in few paragraphs."""
        n, _ = normalize(_CONTROL.sub("", word))
        have = frozenset(rid for _, rid, _ in ranked)
        found = reordered_rows(self.index, n.replace(" ", ""), have)
        if not found:
            return ranked, {}
        more = (np.array([rid for rid, _, _ in found], dtype=np.int64),  # ascending: reordered_rows sorts them
                np.array([_reordered_score(cut, side) for _, cut, side in found]))
        pieces = {rid: cut for rid, cut, _ in found}
        if not ranked and (in_order := ranking.placed_in_order(self.index, more)) is not None:
            return in_order, pieces  # many rows (消息央视网: 24,079), none matched as typed: in arrays
        return ranking.ordered(ranked + ranking.placed(self.index, more)), pieces

    def _check(self, cancel: threading.Event | None) -> None:
        if cancel is not None and cancel.is_set():
            raise Cancelled

    def _candidates(self, term: Term, cancel: threading.Event | None, within: np.ndarray | None = None) -> ranking.Weights:
        """Rows holding a variant (of ``within`` when given), each with the weight of the strongest variant
        it holds (what ``score`` would give it), in arrays. Once an exact variant alone yields more rows
        than can be shown, the weaker variants (homophones, initials) cannot rank above them: skip them."""
        found = ranking.NONE
        for v in term.variants:
            if len(found[0]) >= ENOUGH:
                break
            self._check(cancel)
            rows = self.index.lookup(v.column, v.pattern, ALL, within)
            if len(rows):
                found = ranking.strongest(found, rows, v.weight)
        return found

    def _all_terms(self, terms: list[Term], cancel: threading.Event | None) -> tuple[set[int], ranking.Weights]:
        """Rows holding one variant of every term: the grams narrow the rows, SQLite checks them. Those
        holding every term as typed come back apart, their score proven (each term's first weight), and
        need not be read again to be scored."""
        pool: np.ndarray | None = None
        wanted = []
        for t in terms:
            self._check(cancel)
            variants = [(v.column, v.pattern) for v in t.variants if len(v.pattern) >= 3]
            found = [ids for col, pat in variants if (ids := self.index.candidates(col, pat)) is not None]
            rows = sorted_distinct(np.concatenate(found)) if found else np.zeros(0, dtype=np.uint32)
            pool = rows if pool is None else np.intersect1d(pool, rows, assume_unique=True)
            wanted.append(variants)
        if pool is None or not len(pool):
            return set(), ranking.NONE
        self._check(cancel)
        firsts = [t.variants[0] for t in terms]
        if any(t.bounded is not None or len(v.pattern) < 3 for t, v in zip(terms, firsts, strict=True)):
            return set(self.index.holding(pool, wanted, ALL)), ranking.NONE  # a figure's bounds are checked on the text
        every, marked = self.index.holding_marked(pool, wanted, [(v.column, v.pattern) for v in firsts])
        ids = np.array(marked, dtype=np.int64)
        weight = sum(v.weight for v in firsts) / len(firsts)
        return set(every).difference(marked), (ids, np.full(len(ids), weight))

    def _fuzzy_candidates(self, term: Term, cancel: threading.Event | None) -> set[int]:
        """Rows that can be within one or two edits of the term (``nearby``), per variant the best
        ``FUZZY_CANDIDATES``."""
        ids: set[int] = set()
        for v in term.variants[:2]:
            p = v.pattern
            if len(p) < 4:
                continue
            self._check(cancel)
            best = near_rows(self.index, v.column, p, FUZZY_CANDIDATES).tolist()
            if not best and len(p) <= 5 and v.column == "norm":
                # 市更新和城 typed as 市更和城: an inner edit breaks every trigram of a short term;
                # look for rows holding both its ends
                head, tail = self.index.candidates("norm", p[:2]), self.index.candidates("norm", p[-2:])
                if head is not None and tail is not None:
                    best = np.intersect1d(head, tail, assume_unique=True)[:FUZZY_CANDIDATES].tolist()
            ids.update(best)
        return ids

    def _near_every(self, terms: list[Term], cancel: threading.Event | None) -> tuple[set[int], ranking.Weights]:
        """Rows holding every term as typed or within an edit or two (a row holding one term alone is no
        match), and those holding a variant of each with their proven weights. The term with the fewest
        candidates is looked up whole, the others only among the rows near it: 习近平 在杭州 checked the
        23,058 rows holding 习近平 to keep 19."""
        sizes = [len(c) if (c := self.index.candidates("norm", t.variants[0].pattern)) is not None else 1 << 40
                 for t in terms]
        order = sorted(range(len(terms)), key=sizes.__getitem__)
        sets: dict[int, ranking.Weights] = {}
        near: set[int] | None = None
        for i in order:
            within = None if near is None else np.array(sorted(near), dtype=np.int64)
            sets[i] = self._candidates(terms[i], cancel, within)
            here = set(sets[i][0].tolist()) | self._fuzzy_candidates(terms[i], cancel)
            near = here if near is None else near & here
        return near or set(), ranking.common([sets[i] for i in range(len(terms))])

    def _pool(self, terms: list[Term], cancel: threading.Event | None) -> tuple[set[int], ranking.Weights]:
        """Every row that may match, as rows whose score is proven (each term's rows intersected, with their
        weights, when every term was looked up) and the others, to be read and scored: all rows holding
        each term as typed, and, when there are few, the rows within an edit or two of it. Terms of three
        characters or more pick the candidates; shorter terms (which match a great many rows) are checked
        by the scorer, and pick them only when no term is longer."""
        long_terms = [t for t in terms if max(len(v.pattern) for v in t.variants) >= 3]
        indexed = long_terms or terms
        sets: list[ranking.Weights] | None = None
        proven = ranking.NONE
        pool: set[int] = set()
        if len(long_terms) > 1:  # the terms' posting lists intersected whole
            pool, proven = self._all_terms(indexed, cancel)
        else:
            sets = [self._candidates(t, cancel) for t in indexed]
            proven = ranking.common(sets)
        if len(pool) + len(proven[0]) < FUZZY_BELOW and not any(t.exact for t in indexed):
            if len(indexed) == 1:
                pool |= self._fuzzy_candidates(indexed[0], cancel)
            elif sets is None:  # several long terms (terms of one or two characters have no near misses)
                near, proven = self._near_every(indexed, cancel)
                pool |= near
        if any(t.guards or t.bounded is not None for t in terms) or (len(indexed) < len(terms) and not SHORT_UNREAD):
            return pool.union(proven[0].tolist()), ranking.NONE  # figures' bounds are checked on the text
        if len(indexed) < len(terms):
            short = [t for t in terms if all(t is not u for u in indexed)]
            # a row holding none of a short term's variants is no match: it is dropped, not read
            proven = ranking.short_held(self.index, short, proven, len(terms), lambda: self._check(cancel))
        return pool.difference(proven[0].tolist()), proven

    def _rank(self, terms: list[Term], cancel: threading.Event | None) -> Rows:
        """(score, row id, article) of every matching row, best first; equal scores keep index order:
        files in path order, then articles and paragraphs in order. A row found holding a variant of
        every term scores those variants' weights with no text read (``ranking.common``); only the
        others (near misses, short terms beside long ones) are read and scored on their keys."""
        terms = [t for t in terms if t.variants]
        rest, sure = self._pool(terms, cancel) if terms else (set(), ranking.NONE)
        if not rest and not len(sure[0]):
            return []
        self._check(cancel)
        need_ini = _has_initials(terms)
        if need_ini and len(terms) == 1:
            sure = ranking.by_reading(self.index, terms[0], sure)
        if not rest:
            in_order = ranking.placed_in_order(self.index, sure)  # every row's score known: no text read
            if in_order is not None:
                return in_order
        scored = ranking.placed(self.index, sure)
        rows = []
        for row in self.index.by_id("id, article, kind, norm, syl", sorted(rest)):
            self._check(cancel)
            rows.append(row)
        if rows:
            mean, kept = rows_scored(terms, [r[3] for r in rows], [r[4] for r in rows], need_ini)
            scored += [(float(mean[i]) - ranking.headline_penalty(rows[i][2]), rows[i][0], rows[i][1])
                       for i in np.flatnonzero(kept).tolist()]
        return ranking.ordered(scored)

    def _page(self, ranked: Rows, terms: list[Term], limit: int, offset: int,
              pieces: dict[int, tuple[str, ...]] | None = None) -> list[Hit]:
        """The hits of one page: only they read their text, path and title. A row found by its parts in
        another order lights those parts."""
        top = ranked[offset:offset + limit]
        if not top:
            return []
        rows = self.index.hit_rows([rid for _, rid, _ in top])
        cuts = pieces or {}
        ini = _has_initials(terms)
        return [self._hit(score, rows[rid], [make_term(p, exact=True) for p in cuts[rid]] if rid in cuts else terms, ini)
                for score, rid, _ in top if rid in rows]

    def _hit(self, score: float, row: HitRow, terms: list[Term], ini: bool) -> Hit:
        """One hit with its matches lit. ``ini``: a term has an initials variant, so the initials key is
        needed (its tables cost a cold query ~10 ms; a Chinese term never looks at it)."""
        text = row.text
        n, where = normalize(text)
        cols = {"norm": n, "syl": row.syl, "ini": initials_of(row.syl) if ini else ""}
        spans = []
        for t in terms:
            found = locate(t, cols)
            placed = text_span(found[0], found[1], where, len(text)) if found else None
            if placed:
                spans.append(placed)
        spans.sort()
        lines = (row.l0, row.l1)
        line = line_of(self.index.root, row.path, lines, text, spans[0][0]) if spans else row.l0
        return Hit(article=row.article, path=row.path, title=row.title, paragraph=row.pidx, text=text, score=score,
                   matches=tuple(spans), lines=lines, date=row.date, kind=row.kind, line=line)


def find_repairing(searcher: Searcher, query: str, limit: int, offset: int, warn: Callable[[str], None],
                   cancel: threading.Event | None = None, filters: Filters | None = None) -> Found:
    """``find``, and if the postings turn out damaged, the index rebuilt from the files (said through
    ``warn``) and the query asked again: the CLI and the reader alike."""
    try:
        return searcher.find(query, limit, offset, cancel, filters)
    except DamagedIndex:
        warn("the search index is damaged; rebuilding it from the corpus files")
        searcher.index.repair()
        return searcher.find(query, limit, offset, cancel, filters)


def _has_initials(terms: list[Term]) -> bool:
    """Whether a term has an initials variant: only then is a row's initials key (not stored) derived."""
    return any(v.column == "ini" for t in terms for v in t.variants)


def _reordered_score(cut: tuple[str, ...], side_by_side: bool) -> float:
    """Two parts swapped and side by side (雷达系统 typed 系统雷达) hold every character of the query in one
    place: above a one-edit match. Parts apart in the paragraph rank below it, the more parts the lower."""
    return SWAPPED if side_by_side else 100 * REORDERED - 1 - 2 * (len(cut) - 2)


def _maybe_reordered(q: Query, groups: list[list[Term]]) -> bool:
    """One plain Chinese word of four characters or more, without figures: words swapped inside it are
    worth looking for. ``groups``: the query's terms, as made from ``q``."""
    if len(q.groups) != 1 or len(q.groups[0]) != 1 or q.excluded:
        return False
    w = q.groups[0][0]
    figures = groups[0][0].bounded is not None  # 1000亿 in another order is no figure (进一步 is words)
    return not w.exact and not figures and len(w.text) >= 4 and _HAS_HAN.search(w.text) is not None


__all__ = ["Cancelled", "Found", "Hit", "Searcher", "find_repairing"]
