"""Every place a paragraph holds a query: what the reader lights in an article opened from a search hit.

The query's terms are the engine's own (the text as typed, the same sound, pinyin, initials), so what is lit
is what was searched; in each paragraph the strongest variant found there is lit wherever it occurs.
"""

from __future__ import annotations

from tui.search.engine import _Term, _term
from tui.search.keys import initials_of
from tui.search.normalize import normalize, syllable_key
from tui.search.query import query_words, text_span


def spans_in(query: str, texts: list[str]) -> dict[int, list[tuple[int, int]]]:
    """Text offsets of every match, by 0-based position in ``texts``; paragraphs without one left out."""
    words, _ = query_words(query)  # the filters written in it (since: in: …) are no words to light
    terms = [t for t in (_term(w) for w in words) if t.variants]
    out: dict[int, list[tuple[int, int]]] = {}
    for k, text in enumerate(texts):
        n, where = normalize(text)
        syl = syllable_key(n)
        cols = {"norm": n, "syl": syl, "ini": initials_of(syl)}
        spans = [span for t in terms for span in _all_places(t, cols, where, len(text))]
        if spans:
            out[k] = sorted(set(spans))
    return out


def _all_places(term: _Term, cols: dict[str, str], where: list[int], length: int) -> list[tuple[int, int]]:
    """The text offsets of every occurrence of the strongest of the term's variants that a paragraph holds."""
    for v in term.variants:
        hay = cols[v.column]
        at = hay.find(v.pattern)
        if at < 0 or not v.pattern:
            continue
        spans = []
        while at >= 0:
            end = at + len(v.pattern)
            placed = text_span(v.column, (at, end), where, length)
            if placed:
                spans.append(placed)
            at = hay.find(v.pattern, end)
        return spans
    return []
