"""Ranking: candidates from the n-gram index, scored with rapidfuzz on the normal form and pinyin keys.

Per whitespace-separated term, in order of trust: exact in the normal form (100), same syllables — a
homophone typed through a pinyin IME, or pinyin itself (92), pinyin initials (85), then fuzzy (a missing,
extra or wrong character) scored by ``partial_ratio``. Every term must match one paragraph; a relevance
floor keeps "nothing close" as no hits. A query that is one long word and matched nothing better than
a loose fuzzy match is also tried as its jieba words in another order (措施行动 for 行动措施, 经济区董家口);
pinyin typed a syllable at a time (dong jia kou) is read as one word.
"""

from __future__ import annotations

import re
import sqlite3
import threading
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, replace

import numpy as np
from rapidfuzz import fuzz

from tui.search.edits import one_edit
from tui.search.filters import Filters, apply
from tui.search.grams import sorted_distinct
from tui.search.hits import Found, Hit
from tui.search.index import Index
from tui.search.keys import initials_of
from tui.search.normalize import base_form, initials_variants, normalize, pinyin_keys, syllable_key
from tui.search.postings import DamagedIndex
from tui.search.query import _CONTROL, _LATIN, _join_syllables, query_words, text_span
from tui.search.rows import HitRow

FLOOR = 78.0
CANDIDATES = 400
FUZZY_CANDIDATES = 400
ENOUGH = 300  # exact rows beyond which weaker variants are not looked up
ALL = 1 << 62  # no limit: every row holding a term as typed is ranked
FUZZY_BELOW = 30  # fewer candidates than this and rows an edit or two away are looked for too
FUZZY_VARIANTS = 3  # variants a row is compared with edit by edit once it holds none of them exactly
_HAS_HAN = re.compile(r"[\u3400-\u9fff]")


@dataclass
class _Variant:
    column: str
    pattern: str
    weight: float


@dataclass
class _Term:
    raw: str
    variants: list[_Variant] = field(default_factory=list)


_COLUMN = {"norm": 0, "syl": 1, "ini": 2}
ONE_EDIT = 90.0  # a character missing, extra or swapped for another: below exact, above a loose fuzzy match
SAME_SOUND = 92.0  # the weight of a syllable-key match (a homophone, or pinyin)
REORDERED = 0.9  # a query's words found in another order: a 100 becomes 90, level with one edit




class Cancelled(Exception):
    pass




def _term(raw: str) -> _Term:
    clean = _CONTROL.sub("", raw)
    n, _ = normalize(clean)
    t = _Term(raw)
    if not n.strip():
        return t
    t.variants.append(_Variant("norm", n, 100.0))
    if _HAS_HAN.search(n):
        t.variants.append(_Variant("syl", syllable_key(base_form(clean).strip()), SAME_SOUND))
    elif _LATIN.match(n):
        for key in pinyin_keys(n):
            if len(key) >= 2:
                t.variants.append(_Variant("syl", key, SAME_SOUND))
        if 2 <= len(n) <= 12:
            t.variants.append(_Variant("ini", n, 85.0 if len(n) >= 3 else 80.0))
            t.variants += [_Variant("ini", key, 84.0) for key in initials_variants(n)]  # 银行 typed yh
    return t


class Searcher:
    def __init__(self, index: Index) -> None:
        self.index = index
        self._local = threading.local()  # one query's rows as typed, per searching thread

    @property
    def _typed_rows(self) -> dict[tuple[str, str], list[tuple[int, str, str]]]:
        rows: dict[tuple[str, str], list[tuple[int, str, str]]] | None = getattr(self._local, "rows", None)
        if rows is None:
            rows = self._local.rows = {}
        return rows

    def search(self, query: str, limit: int = 10, cancel: threading.Event | None = None) -> list[Hit]:
        """The best ``limit`` hits (``find`` for the totals and later pages)."""
        return self.find(query, limit, 0, cancel).hits

    def find(self, query: str, limit: int = 10, offset: int = 0, cancel: threading.Event | None = None,
             filters: Filters | None = None) -> Found:
        """Hits ``offset`` .. ``offset + limit`` of every paragraph that matches, best first (or by date),
        and how many paragraphs and articles match in all: every candidate is ranked, none cut at a row
        limit. Filters written in the query (``since:`` ``until:`` ``in:`` ``sort:``) and ``filters`` (which
        win) apply before paging; a filter that cannot be read raises ``QueryError``."""
        words, written = query_words(query)
        wanted = written.over(filters) if filters else written
        if not words:
            return Found([], 0, 0)
        try:
            terms = [_term(w) for w in words]
            self._typed_rows.clear()
            ranked = self._rank(terms, cancel)
            if wanted.active:
                ranked = apply(ranked, self.index.article_meta({a for _, _, a in ranked}), wanted)
            found = Found(self._page(ranked, terms, limit, offset), len(ranked), len({a for _, _, a in ranked}))
            if wanted.active:
                return found  # the reordering below looks past the filters
            if offset == 0 and _maybe_reordered(words) and (not found.hits or found.hits[0].score < ONE_EDIT):
                hits = self._reordered(words[0], found.hits, limit, cancel)
                found = Found(hits, max(found.total, len(hits)), len({h.article for h in hits}) or found.articles)
            return found
        except sqlite3.OperationalError as exc:
            if "interrupt" in str(exc):
                raise Cancelled from None
            raise

    def _reordered(self, word: str, hits: list[Hit], limit: int, cancel: threading.Event | None) -> list[Hit]:
        """Nothing matched the query as typed, or only loosely: it may be words in another order.
        Words swapped next to each other (行动措施 typed 措施行动) are found by looking up the other
        orders of its jieba words as phrases; words apart in a paragraph (经济区 … 董家口) by requiring
        each of them, in any order, when one has three characters or more (shorter words alone would scan
        the whole table). These hits rank a little below an exact match."""
        from itertools import islice, permutations

        from tui.annotate.segment import tokenize

        tokens = [w for w, _, _ in tokenize(word)]
        parts = [w for w in tokens if len(w) >= 2]
        if len(parts) < 2:
            return hits
        found: list[Hit] = []
        if len(tokens) <= 4:
            for order in islice(permutations(tokens), 1, 24):
                phrase = "".join(order)
                if self._holds(phrase):
                    found += self._search([_term(phrase)], limit, cancel)
        if max(map(len, parts)) >= 3:
            found += self._search([_term(w) for w in parts], limit, cancel)
        seen = {(h.article, h.paragraph) for h in hits}
        more = []
        for h in sorted(found, key=lambda h: -h.score):
            if (h.article, h.paragraph) not in seen:
                seen.add((h.article, h.paragraph))
                more.append(replace(h, score=h.score * REORDERED))
        return sorted(hits + more, key=lambda h: -h.score)[:limit]

    def _holds(self, phrase: str) -> bool:
        """Whether any paragraph holds the phrase in its normal form (one index look-up)."""
        n, _ = normalize(phrase)
        return len(n) >= 3 and bool(self.index.lookup("norm", n, 1))

    def _check(self, cancel: threading.Event | None) -> None:
        if cancel is not None and cancel.is_set():
            raise Cancelled

    def _candidates(self, term: _Term, cancel: threading.Event | None) -> set[int]:
        """Rows containing a variant, best variant first. Once an exact variant alone yields more rows
        than can be shown, the weaker variants (homophones, initials) cannot rank above them: skip them."""
        ids: set[int] = set()
        for v in term.variants:
            if len(ids) >= ENOUGH:
                break
            self._check(cancel)
            if v is term.variants[0]:  # the text as typed, looked up whole: every row holding it is a hit
                ids.update(self._typed(v.column, v.pattern))
            else:
                ids.update(self.index.lookup(v.column, v.pattern, CANDIDATES))
        return ids

    def _typed(self, column: str, pattern: str) -> list[int]:
        """Every row holding the pattern; their article and kind are kept for ``_as_typed``."""
        if column == "ini" or len(pattern) < 2:
            return self.index.lookup(column, pattern, ALL)
        rows = self.index.rows_holding(column, pattern)
        if rows is None:
            return self.index.lookup(column, pattern, ALL)
        self._typed_rows[(column, pattern)] = rows
        return [r[0] for r in rows]

    def _all_terms(self, terms: list[_Term], cancel: threading.Event | None) -> set[int]:
        """Rows holding one variant of every term: the grams narrow the rows, SQLite checks them."""
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
            return set()
        self._check(cancel)
        return set(self.index.holding(pool, wanted, ALL))

    def _fuzzy_candidates(self, term: _Term, cancel: threading.Event | None) -> set[int]:
        """Rows that can be within one or two edits of the term. By pigeonhole, a term of six or more
        characters with one edit keeps one of its halves intact, so two exact phrase look-ups find every
        candidate; shorter terms fall back to rows sharing most of their trigrams."""
        ids: set[int] = set()
        for v in term.variants[:2]:
            p = v.pattern
            if len(p) >= 6:
                pieces, need = [p[: len(p) // 2], p[len(p) // 2:]], 1
            else:  # 4-5 characters: any trigram may be the intact one; keep the rows sharing the most
                pieces = sorted({p[i:i + 3] for i in range(len(p) - 2)})
                need = 1
            if len(pieces) < 2:
                continue
            counts: Counter[int] = Counter()
            for piece in pieces:
                self._check(cancel)
                counts.update(self.index.lookup(v.column, piece, FUZZY_CANDIDATES))
            best = [i for i, c in counts.most_common(FUZZY_CANDIDATES) if c >= need]
            if not best and len(p) <= 5 and v.column == "norm":
                # 市更新和城 typed as 市更和城: an inner edit breaks every trigram of a short term;
                # look for rows holding both its ends
                self._check(cancel)
                head, tail = self.index.candidates("norm", p[:2]), self.index.candidates("norm", p[-2:])
                if head is not None and tail is not None:
                    best = np.intersect1d(head, tail, assume_unique=True)[:FUZZY_CANDIDATES].tolist()
            ids.update(best)
        return ids

    def _search(self, terms: list[_Term], limit: int, cancel: threading.Event | None) -> list[Hit]:
        return self._page(self._rank(terms, cancel), terms, limit, 0)

    def _pool(self, terms: list[_Term], cancel: threading.Event | None) -> set[int]:
        """Every row that may match: all rows holding each term as typed, and, when there are few, the rows
        within an edit or two of it. Terms of three characters or more pick the candidates; shorter terms
        (which match a great many rows) are checked by the scorer, and pick them only when no term is longer."""
        long_terms = [t for t in terms if max(len(v.pattern) for v in t.variants) >= 3]
        indexed = long_terms or terms
        sets: list[set[int]] | None = None
        if len(long_terms) > 1:  # the terms' posting lists intersected whole
            pool = self._all_terms(indexed, cancel)
        else:
            sets = [self._candidates(t, cancel) for t in indexed]
            pool = set.intersection(*sets) if sets else set()
        if len(pool) < FUZZY_BELOW:
            if sets is None:
                sets = [self._candidates(t, cancel) for t in indexed]
            if len(indexed) == 1:
                pool |= self._fuzzy_candidates(indexed[0], cancel)
            else:
                extra = [s or self._fuzzy_candidates(t, cancel) for t, s in zip(indexed, sets, strict=True)]
                pool |= set.union(*extra) if extra else set()
        return pool

    def _rank(self, terms: list[_Term], cancel: threading.Event | None) -> list[tuple[float, int, str]]:
        """(score, row id, article) of every matching row, best first. Scored on the keys alone; equal
        scores keep index order: files in path order, then articles and paragraphs in order."""
        terms = [t for t in terms if t.variants]
        pool = self._pool(terms, cancel) if terms else set()
        if not pool:
            return []
        self._check(cancel)
        scored: list[tuple[float, int, str]] = []
        exact = self._as_typed(terms, pool)
        if exact:  # every row holding a lone term as typed scores that variant's weight: no scorer needed
            weight = terms[0].variants[0].weight
            for rid, article, kind in exact:
                scored.append((weight + _kind_bonus(kind), rid, article))
            pool = pool - {rid for rid, _, _ in exact}
        need_ini = any(v.column == "ini" for t in terms for v in t.variants)
        for rid, article, kind, n, syl in self.index.by_id("id, article, kind, norm, syl", sorted(pool)):
            self._check(cancel)
            ini = initials_of(syl) if need_ini else ""  # derived, not stored
            total = 0.0
            for t in terms:
                s = self._score(t, n, syl, ini)
                if s < FLOOR:
                    break
                total += s
            else:
                scored.append((total / len(terms) + _kind_bonus(kind), rid, article))
        scored.sort(key=lambda x: (-x[0], x[1]))
        return scored

    def _as_typed(self, terms: list[_Term], pool: set[int]) -> list[tuple[int, str, str]]:
        """For a query of one term, (id, article, kind) of the rows holding it exactly as typed (its first,
        strongest variant), read when the candidates were; empty for several terms or few candidates."""
        if len(terms) != 1 or len(pool) < FUZZY_BELOW:
            return []
        v = terms[0].variants[0]
        rows = self._typed_rows.get((v.column, v.pattern))
        return [r for r in rows if r[0] in pool] if rows else []

    def _page(self, ranked: list[tuple[float, int, str]], terms: list[_Term], limit: int, offset: int) -> list[Hit]:
        """The hits of one page: only they read their text, path and title."""
        top = ranked[offset:offset + limit]
        if not top:
            return []
        rows = self.index.hit_rows([rid for _, rid, _ in top])
        return [self._hit(score, rows[rid], terms) for score, rid, _ in top if rid in rows]

    @staticmethod
    def _score(term: _Term, n: str, syl: str, ini: str) -> float:
        cols = (n, syl, ini)  # a tuple, not a dict: this runs for every candidate row
        for v in term.variants:  # strongest first: the first one the row holds is its score
            if v.pattern in cols[_COLUMN[v.column]]:
                return v.weight
        best = 0.0
        for v in term.variants[:FUZZY_VARIANTS]:  # the rest are other readings of the same letters
            hay = cols[_COLUMN[v.column]]
            if len(v.pattern) >= 3 and v.column != "ini":
                if one_edit(v.pattern, hay) is not None:
                    best = max(best, ONE_EDIT * v.weight / 100)
                else:
                    best = max(best, fuzz.partial_ratio(v.pattern, hay, score_cutoff=FLOOR) * v.weight / 100)
        return best

    def _hit(self, score: float, row: HitRow, terms: list[_Term]) -> Hit:
        text = row.text
        n, where = normalize(text)
        cols = {"norm": n, "syl": row.syl, "ini": initials_of(row.syl)}
        spans: list[tuple[int, int]] = []
        for t in terms:
            span = None
            column = "norm"
            for v in t.variants:
                hay = cols[v.column]
                at = hay.find(v.pattern)
                if at >= 0:
                    span, column = (at, at + len(v.pattern)), v.column
                    break
            for v in t.variants if span is None else ():
                if len(v.pattern) >= 3 and v.column != "ini":
                    span, column = one_edit(v.pattern, cols[v.column]), v.column
                    if span is not None:
                        break
            if span is None and t.variants:
                v = t.variants[0]
                al = fuzz.partial_ratio_alignment(v.pattern, cols[v.column])
                if al is not None and al.dest_end > al.dest_start:
                    span, column = (al.dest_start, al.dest_end), v.column
            placed = text_span(column, span, where, len(text)) if span else None
            if placed:
                spans.append(placed)
        spans.sort()
        return Hit(article=row.article, path=row.path, title=row.title, paragraph=row.pidx, text=text, score=score,
                   matches=tuple(spans), lines=(row.l0, row.l1), date=row.date, kind=row.kind)


def _kind_bonus(kind: str) -> float:
    """A headline that holds the query ranks a little above a paragraph that does."""
    return 0.5 if kind in ("title", "heading") else 0.0


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


def _maybe_reordered(words: list[str]) -> bool:
    """One Chinese word of four characters or more: words swapped inside it are worth looking for."""
    return len(words) == 1 and len(words[0]) >= 4 and _HAS_HAN.search(words[0]) is not None


__all__ = ["Cancelled", "Found", "Hit", "Searcher", "_join_syllables", "find_repairing", "one_edit", "query_words",
           "text_span"]
