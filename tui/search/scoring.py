"""Scoring many rows at once: ``terms.score`` for each of them, from one pass of C over their keys joined.

A near-miss search reads a few hundred rows and keeps about one in seven (on the 24k archive); scored one
at a time, each row cost a dozen Python calls (a containment test per variant, the one-edit expression,
each one-character deletion, ``likeness``): a quarter of a query's time. Joined with ``SEP`` between them,
the rows are searched once per pattern, each match placed in its row by a binary search, and the rows
still unmatched go to rapidfuzz's ``cdist`` in one call. ``terms.score`` stays the definition: a property
test holds the two equal.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable

import numpy as np
from rapidfuzz import process

from tui.search.edits import one_edit_rx
from tui.search.grams import SEP
from tui.search.keys import initials_of
from tui.search.terms import COLUMN, FLOOR, FUZZY_VARIANTS, ONE_EDIT, Term, likeness_scorer


class Joined:
    """One key column of many rows, joined by ``SEP`` (which no key holds), and where each row starts."""

    def __init__(self, texts: list[str]) -> None:
        self.texts = texts
        self.text = SEP.join(texts)
        lengths = np.fromiter((len(t) + 1 for t in texts), dtype=np.int64, count=len(texts))
        self.starts = (np.cumsum(lengths) - lengths).tolist()

    def holding(self, pattern: str) -> np.ndarray:
        """Which rows hold ``pattern``: a mask."""
        out = np.zeros(len(self.texts), dtype=bool)
        if not pattern:
            out[:] = True
            return out
        at = self.text.find(pattern)
        while at >= 0:
            row = bisect_right(self.starts, at) - 1
            out[row] = True
            nxt = self.starts[row + 1] if row + 1 < len(self.starts) else len(self.text)
            at = self.text.find(pattern, nxt)  # the row is known to hold it: on to the next
        return out

    def matching(self, rx: re.Pattern[str]) -> np.ndarray:
        """Which rows hold a match of ``rx`` (an expression that cannot match ``SEP``): a mask. Each row
        with a match gets one, since no match runs from one row into the next."""
        out = np.zeros(len(self.texts), dtype=bool)
        for m in rx.finditer(self.text):
            out[bisect_right(self.starts, m.start()) - 1] = True
        return out


def _likeness(pattern: str, texts: list[str]) -> np.ndarray:
    """``terms.likeness`` of each text, one rapidfuzz call per scorer it picks (``likeness_scorer``)."""
    out = np.zeros(len(texts))
    by_scorer: dict[Callable[..., float], list[int]] = {}
    for i, t in enumerate(texts):
        by_scorer.setdefault(likeness_scorer(pattern, t), []).append(i)
    for scorer, rows in by_scorer.items():
        found = process.cdist([pattern], [texts[i] for i in rows], scorer=scorer, score_cutoff=FLOOR, dtype=np.float64)
        out[rows] = found[0]
    return out


def scores(term: Term, columns: tuple[Joined, Joined, Joined]) -> np.ndarray:
    """``terms.score(term, (norm, syl, ini))`` of every row of ``columns`` (normal forms, syllable keys,
    initials keys; the last may be empty strings when no variant reads it)."""
    count = len(columns[0].texts)
    out = np.zeros(count)
    if not term.variants:
        return out
    first = term.variants[0]
    done = columns[0].matching(term.bounded) if term.bounded is not None else columns[0].holding(first.pattern)
    out[done] = first.weight
    if term.guards:
        guarded = np.ones(count, dtype=bool)
        for g in term.guards:
            guarded &= columns[0].matching(g)
        done |= ~guarded  # a near miss keeps every figure: 0
    for v in term.variants[1:]:
        new = columns[COLUMN[v.column]].holding(v.pattern) & ~done
        out[new] = v.weight
        done |= new
    if term.exact or done.all():
        return out
    return np.where(done, out, _near(term, columns, ~done))


def _near(term: Term, columns: tuple[Joined, Joined, Joined], todo: np.ndarray) -> np.ndarray:
    """The best near-miss score of each row in ``todo`` (0 elsewhere), as ``terms.score`` gives it."""
    best = np.zeros(len(todo))
    for v in term.variants[:FUZZY_VARIANTS]:
        if len(v.pattern) < 3 or v.column == "ini":
            continue
        col = columns[COLUMN[v.column]]
        edit = col.matching(one_edit_rx(v.pattern)) & todo
        best[edit] = np.maximum(best[edit], ONE_EDIT * v.weight / 100)
        rest = np.flatnonzero(todo & ~edit)
        if len(rest):
            lik = _likeness(v.pattern, [col.texts[i] for i in rest.tolist()])
            best[rest] = np.maximum(best[rest], lik * v.weight / 100)
    return best


def rows_scored(terms: list[Term], norms: list[str], syls: list[str], need_ini: bool) -> tuple[np.ndarray, np.ndarray]:
    """Each row's mean score over ``terms`` and whether it reaches ``FLOOR`` for every term, from its normal
    form and syllable key (its initials key derived when ``need_ini``). Rows with the same keys (a story
    reprinted, a boilerplate line: each near-miss candidate four times over in the archive copied 4×) are
    scored once."""
    first: dict[tuple[str, str], int] = {}
    inverse = np.fromiter((first.setdefault(k, len(first)) for k in zip(norms, syls, strict=True)),
                          dtype=np.intp, count=len(norms))
    syl = Joined([k[1] for k in first])
    ini = initials_of(syl.text).split(SEP) if need_ini else [""] * len(first)  # derived, not stored
    cols = (Joined([k[0] for k in first]), syl, Joined(ini))
    total = np.zeros(len(first))
    kept = np.ones(len(first), dtype=bool)
    for t in terms:
        each = scores(t, cols)
        kept &= each >= FLOOR
        total += each
    return total[inverse] / len(terms), kept[inverse]
