"""What a worker process of the annotation pass computes: articles in, span rows out.

Plain values both ways (a task is a few files' paragraph texts; the answer is a list of tuples), so that
pickling costs little beside the annotating, which is the whole of the work.
"""

from __future__ import annotations

import json

from tui.annotate.article import annotate_article
from tui.entities.names import name_key
from tui.model import Family, Span

# (rel, first, last, [(article id, [(paragraph id, text), …]), …]): one file's articles
FileTask = tuple[str, int, int, list[tuple[str, list[tuple[int, str]]]]]
SpanRow = tuple[int, int, int, str, str, "float | None", "str | None", "str | None", "str | None"]


def annotate_files(files: list[FileTask]) -> list[tuple[str, int, int, list[SpanRow]]]:
    """Each file's span rows: (paragraph, start, stop, type, text, value, detail, unit, name key). Articles are
    annotated whole, so that a name proved in one paragraph is found in the others."""
    out = []
    for rel, first, last, articles in files:
        rows: list[SpanRow] = []
        for _article, paras in articles:
            ids = [pid for pid, _ in paras]
            for pid, spans in zip(ids, annotate_article([t for _, t in paras]), strict=True):
                rows += [span_row(pid, s) for s in spans]
        out.append((rel, first, last, rows))
    return out


def span_row(para: int, s: Span) -> SpanRow:
    """A span as the store keeps it (``schema``): a value that is not a number as JSON, sorted by
    its lower end when it is a range."""
    key = name_key(s.text) if s.type.family is Family.ENTITY else None
    value, detail = s.value, None
    if value is not None and not isinstance(value, int | float):
        detail = json.dumps(value, ensure_ascii=False)
        value = value.get("from") if isinstance(value, dict) else None
    return (para, s.start, s.end, str(s.type), s.text, value, detail, s.unit, key)
