"""Frequency over time: how many stories match a query (or name an entity) in each month, quarter or
year, as counts and per 10,000 stories of that period, every period from the corpus's first to its last
(a period with none is a zero, not a gap, and a thin month does not look like a trough)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

from tui.search.engine import Searcher

if TYPE_CHECKING:
    from tui.entities.queries import EntityIndex

BY = ("month", "quarter", "year")


@dataclass(frozen=True)
class Series:
    label: str
    stories: dict[str, int]  # period → matching stories
    paragraphs: dict[str, int]  # period → matching paragraphs


def period(date: str | None, by: str) -> str | None:
    """The period a date (YYYY, YYYY-MM or YYYY-MM-DD) falls in; None when it says too little."""
    if not date or len(date) < 4 or not date[:4].isdigit():
        return None
    if by == "year":
        return date[:4]
    if len(date) < 7 or not date[5:7].isdigit():
        return None
    if by == "quarter":
        return f"{date[:4]}-Q{(int(date[5:7]) - 1) // 3 + 1}"
    return date[:7]


def periods(first: str, last: str, by: str) -> list[str]:
    """Every period from ``first`` to ``last`` inclusive."""
    out: list[str] = []
    y, m = int(first[:4]), int(first[5:7]) if by == "month" else (int(first[6]) * 3 - 2 if by == "quarter" else 1)
    while True:
        p = period(f"{y:04d}-{m:02d}", by)
        assert p is not None
        out.append(p)
        if p >= last or len(out) > 12 * 500:
            return out
        step = {"month": 1, "quarter": 3, "year": 12}[by]
        y, m = (y + (m + step - 1) // 12, (m + step - 1) % 12 + 1)


def corpus_periods(searcher: Searcher, by: str) -> Counter[str]:
    """Stories per period in the whole corpus (the denominator)."""
    rmap = searcher.index.row_map()
    dates = rmap.dates if rmap is not None else [r[0] for r in searcher.index.query("SELECT date FROM articles")]
    return Counter(p for d in dates if (p := period(d, by)) is not None)


def query_series(searcher: Searcher, query: str, by: str) -> Series:
    """Stories and paragraphs matching ``query`` per period (the search's matching, every row)."""
    m = searcher.matching(query)
    meta = searcher.meta({a for _, _, a in m.ranked})
    paragraphs: Counter[str] = Counter()
    stories: dict[str, set[str]] = {}
    for _, _, article in m.ranked:
        p = period(meta.get(article, (None, ""))[0], by)
        if p is not None:
            paragraphs[p] += 1
            stories.setdefault(p, set()).add(article)
    return Series(query, {p: len(s) for p, s in stories.items()}, dict(paragraphs))


def entity_series(entities: EntityIndex, name: str, by: str) -> Series | None:
    """Stories naming an entity per period (its mentions' articles), from the entity index."""
    found = entities.find(name)
    if not found:
        return None
    ent = found[0]
    rows = entities.read("SELECT a.date, count(DISTINCT a.id), count(DISTINCT m.para) FROM mentions m"
                          " JOIN paras p ON p.id = m.para JOIN articles a ON a.id = p.article"
                          " WHERE m.entity = ? GROUP BY a.date", (ent.id,))
    stories: Counter[str] = Counter()
    paragraphs: Counter[str] = Counter()
    for date, n_articles, n_paras in rows:
        p = period(date, by)
        if p is not None:
            stories[p] += n_articles
            paragraphs[p] += n_paras
    return Series(f"{ent.name} ({ent.type})", dict(stories), dict(paragraphs))


def table(series: list[Series], corpus: Counter[str], by: str) -> list[dict[str, object]]:
    """One row per period from the corpus's first to its last: each series' stories, paragraphs and
    stories per 10,000 stories of the period."""
    if not corpus:
        return []
    out = []
    for p in periods(min(corpus), max(corpus), by):
        row: dict[str, object] = {"period": p, "stories in corpus": corpus.get(p, 0)}
        for s in series:
            n = s.stories.get(p, 0)
            row[f"{s.label}: stories"] = n
            row[f"{s.label}: paragraphs"] = s.paragraphs.get(p, 0)
            row[f"{s.label}: per 10k"] = round(n * 10_000 / corpus[p], 2) if corpus.get(p) else 0.0
        out.append(row)
    return out
