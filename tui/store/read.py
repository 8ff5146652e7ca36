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


def article_spans(index: Index, article: str) -> dict[int, list[Span]] | None:
    """The stored spans of each paragraph of ``article``, by paragraph number (1-based, as
    ``Paragraph.index``); None when its file is not annotated by the current annotator."""
    sig = signature()
    found = index.query("SELECT f.first, f.last, n.signature FROM articles a JOIN files f ON f.path = a.path"
                        " LEFT JOIN annotated n ON n.path = a.path WHERE a.id = ?", (article,))
    if not found or found[0][2] != sig or found[0][0] is None:
        return None
    first, last, _ = found[0]
    number = dict(index.query("SELECT id, pidx FROM paras WHERE id BETWEEN ? AND ? AND article = ?",
                              (first, last, article)))
    out: dict[int, list[Span]] = {pidx: [] for pidx in number.values()}
    for row in index.query(f"SELECT {SPAN_COLUMNS} FROM spans WHERE para BETWEEN ? AND ? ORDER BY para, start",
                           (first, last)):
        if row[0] in number:
            out[number[row[0]]].append(span_of(row[1:]))
    return out
