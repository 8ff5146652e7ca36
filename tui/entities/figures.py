"""The figures table: every number the store holds, with its value, sentence, date and "who".

The "who" of a figure is the organisation or person nearest to it in the same sentence (before it
first: 区发改局表示，… 135亿元), which is how news reports attribute a figure. Filters (type, value range,
text, dates) run in SQLite where they can (type, value, date) and on the sentence here (text).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from tui.model import NUMBER_TYPES

if TYPE_CHECKING:
    from tui.search.index import Index

SENTENCE_END = re.compile(r"[。！？；!?;]")
WHO_TYPES = ("organization", "person")
BATCH = 900


@dataclass(frozen=True, slots=True)
class Figure:
    type: str
    value: Any
    unit: str | None
    text: str  # the figure as written
    sentence: str
    who: str | None
    date: str | None
    article: str
    path: str
    pidx: int
    para: int
    start: int  # offsets into the paragraph
    stop: int

    def to_dict(self) -> dict[str, Any]:
        return {"type": self.type, "value": self.value, "unit": self.unit, "text": self.text,
                "who": self.who, "date": self.date, "article": self.article, "path": self.path,
                "paragraph": self.pidx, "sentence": self.sentence}


@dataclass(frozen=True)
class FigureFilter:
    types: tuple[str, ...] = tuple(str(t) for t in NUMBER_TYPES)
    low: float | None = None
    high: float | None = None
    text: str = ""
    since: str | None = None
    until: str | None = None
    sort: str = "value"  # value (largest first), date (newest first), or corpus order
    articles: tuple[str, ...] | None = None  # only these articles (the open one, a search's hits)


def figures(index: Index, f: FigureFilter, limit: int | None = None) -> list[Figure]:
    """The figures that pass ``f``, sorted; at most ``limit`` (all when None)."""
    sql, args = _select(f)
    out: list[Figure] = []
    for batch in _batches(index.query(sql, args), BATCH):
        whos = _entities_of(index, {r[0] for r in batch})
        wanted = set(f.articles) if f.articles is not None else None
        for r in batch:
            fig = _figure(r, whos.get(r[0], []))
            if (not f.text or f.text in fig.sentence) and (wanted is None or fig.article in wanted):
                out.append(fig)
        if limit is not None and len(out) >= limit:
            return out[:limit]
    return out


def _select(f: FigureFilter) -> tuple[str, tuple[Any, ...]]:
    conds = [f"s.type IN ({','.join('?' * len(f.types))})"]
    args: list[Any] = list(f.types)
    for cond, arg in (("s.value >= ?", f.low), ("s.value <= ?", f.high), ("a.date >= ?", f.since),
                      ("substr(a.date, 1, length(?)) <= ?", f.until)):
        if arg is not None:
            conds.append(cond)
            args += [arg, arg] if cond.startswith("substr") else [arg]
    if f.articles is not None:  # (at most SQLite's 999 parameters in all: a larger set is kept here)
        chosen = f.articles if len(f.articles) <= BATCH else ()
        conds.append(f"p.article IN ({','.join('?' * len(chosen))})" if chosen else "1")
        args += list(chosen)
    order = {"value": "s.value IS NULL, s.value DESC, s.para", "date": "a.date IS NULL, a.date DESC, s.para"}
    sql = ("SELECT s.para, s.start, s.stop, s.type, s.text, s.value, s.detail, s.unit, p.text, p.article, p.pidx,"
           " a.date, a.path FROM spans s JOIN paras p ON p.id = s.para JOIN articles a ON a.id = p.article"
           f" WHERE {' AND '.join(conds)} ORDER BY {order.get(f.sort, 's.para, s.start')}")
    return sql, tuple(args)


def _batches(rows: list[Any], size: int) -> list[list[Any]]:
    return [rows[i:i + size] for i in range(0, len(rows), size)]


def _entities_of(index: Index, paras: set[int]) -> dict[int, list[tuple[int, int, str]]]:
    """(start, stop, text) of the organisations and persons of each paragraph."""
    out: dict[int, list[tuple[int, int, str]]] = {}
    ids = sorted(paras)
    marks = ",".join("?" * len(ids))
    for para, start, stop, text in index.query(
            f"SELECT para, start, stop, text FROM spans WHERE para IN ({marks}) AND type IN (?, ?)", (*ids, *WHO_TYPES)):
        out.setdefault(para, []).append((start, stop, text))
    return out


def _figure(r: tuple[Any, ...], names: list[tuple[int, int, str]]) -> Figure:
    para, start, stop, kind, text, value, detail, unit, ptext, article, pidx, date, path = r
    lo, hi = sentence_bounds(ptext, start, stop)
    return Figure(kind, json.loads(detail) if detail else value, unit, text, ptext[lo:hi].strip(),
                  nearest(names, lo, hi, start), date, article, path, pidx, para, start, stop)


def sentence_bounds(text: str, start: int, stop: int) -> tuple[int, int]:
    """The sentence around text[start:stop]: from after the last sentence end before it to the next one."""
    lo = 0
    for m in SENTENCE_END.finditer(text, 0, start):
        lo = m.end()
    after = SENTENCE_END.search(text, stop)
    return lo, after.end() if after else len(text)


def nearest(names: list[tuple[int, int, str]], lo: int, hi: int, at: int) -> str | None:
    """The name in [lo, hi) nearest to ``at``; one before it wins a tie (the subject usually leads)."""
    inside = [n for n in names if lo <= n[0] and n[1] <= hi]
    if not inside:
        return None
    return min(inside, key=lambda n: (at - n[1] if n[1] <= at else n[0] - at, n[0] > at))[2]


def parse_amount(text: str) -> float:
    """A bound as typed: 1e8, 100000000, 1亿, 5000万, 20% (a fraction, as percent values are)."""
    from tui.numerals import value_of

    t = text.strip().replace(",", "")
    try:
        return float(t[:-1]) / 100 if t.endswith("%") else float(t)
    except ValueError:
        got = value_of(t)
        if got is None:
            raise ValueError(f"not a number: {text}") from None
        return float(got)

