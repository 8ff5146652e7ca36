"""Reading spans back from the store: an article's, for the reader and export."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from tui.model import Span, SpanType
from tui.store.schema import signature

if TYPE_CHECKING:
    from tui.search.index import Index

SPAN_COLUMNS = "para, start, stop, type, text, value, detail, unit"


def span_of(row: tuple[Any, ...]) -> Span:
    """A stored span (``SPAN_COLUMNS`` from ``start`` on) as the annotator made it."""
    start, stop, kind, text, value, detail, unit = row
    return Span(start, stop, SpanType(kind), text, json.loads(detail) if detail else value, unit)


def article_spans(index: Index, article: str, texts: list[str]) -> dict[int, list[Span]] | None:
    """The stored spans of each paragraph of ``article``, by paragraph number (1-based, as
    ``Paragraph.index``), with the mentions the corpus-level pass added; None when its file is not
    annotated by the current annotator, or the stored paragraphs are not ``texts`` (the file changed
    since it was indexed)."""
    found = index.query("SELECT f.first, f.last, n.signature FROM articles a JOIN files f ON f.path = a.path"
                        " LEFT JOIN annotated n ON n.path = a.path WHERE a.id = ?", (article,))
    if not found or found[0][2] != signature() or found[0][0] is None:
        return None
    first, last, _ = found[0]
    rows = index.query("SELECT id, pidx, text FROM paras WHERE id BETWEEN ? AND ? AND article = ? ORDER BY id",
                       (first, last, article))
    if [r[2] for r in rows] != texts:
        return None
    number = {r[0]: r[1] for r in rows}
    out: dict[int, list[Span]] = {pidx: [] for pidx in number.values()}
    lo, hi = (rows[0][0], rows[-1][0]) if rows else (0, -1)
    for row in index.query(f"SELECT {SPAN_COLUMNS} FROM spans WHERE para BETWEEN ? AND ?", (lo, hi)):
        out[number[row[0]]].append(span_of(row[1:]))
    for para, start, stop, kind in index.query(
            "SELECT m.para, m.start, m.stop, e.type FROM mentions m JOIN entities e ON e.id = m.entity"
            " WHERE m.para BETWEEN ? AND ? AND m.corpus = 1", (lo, hi)):
        text = texts[para - lo]
        out[number[para]].append(Span(start, stop, SpanType(kind), text[start:stop]))
    for spans in out.values():
        spans.sort(key=lambda s: s.start)
    return out


def article_range(index: Index, article: str) -> tuple[int, int] | None:
    """The first and last paragraph ids of ``article`` (its paragraphs' ids are consecutive): from the
    row map in memory (a search's 2,000 articles took two queries each), else from SQLite."""
    rows = index.row_map()
    if rows is not None:
        return rows.range_of(article)
    got = index.query("SELECT f.first, f.last FROM articles a JOIN files f ON f.path = a.path WHERE a.id = ?", (article,))
    if not got or got[0][0] is None:
        return None
    lo, hi = index.query("SELECT min(id), max(id) FROM paras WHERE id BETWEEN ? AND ? AND article = ?",
                         (got[0][0], got[0][1], article))[0]
    return (lo, hi) if lo is not None else None
