"""Keyword in context: one line per match of a query, over every matching paragraph.

The paragraphs are the search's (same engine, tolerance, filters and order); each place a paragraph holds
the query (``matches.spans_in``: homophones, pinyin and numerals lit as the search lights them) is one
line, its contexts cut by display width (a Han character is two columns), the left one right-aligned so
that the matches stand in one column. Lines are read a page of paragraphs at a time: the first screen of
a common word does not wait for the last of its 20,000 paragraphs.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from rich.cells import cell_len
from rich.text import Text

from tui.safe_text import one_line
from tui.search.engine import Matching, Searcher
from tui.search.filters import Filters
from tui.search.matches import spans_in

PAGE = 200  # paragraphs read at a time
SORTS = ("relevance", "1R", "1L", "2R", "2L", "date", "source")


@dataclass(frozen=True, slots=True)
class KwicLine:
    article: str
    path: str
    title: str
    date: str | None
    paragraph: int
    line: int  # the source line of the paragraph's first line
    text: str  # the paragraph
    start: int
    stop: int

    @property
    def match(self) -> str:
        return self.text[self.start:self.stop]

    def left(self, cells: int) -> str:
        return left_of(self.text, self.start, cells)

    def right(self, cells: int) -> str:
        return right_of(self.text, self.stop, cells)

    def as_text(self, cells: int) -> Text:
        """The line as the reader draws it (``kwic_text``)."""
        return kwic_text(self.text, self.start, self.stop, cells, self.date)

    def aligned(self, cells: int) -> str:
        """left (right-aligned in ``cells``) | match | right (``cells``): the concordance's line."""
        left = self.left(cells)
        return " " * (cells - cell_len(left)) + left + " " + one_line(self.match) + " " + self.right(cells)

    def to_dict(self, cells: int) -> dict[str, object]:
        return {"left": self.left(cells), "match": self.match, "right": self.right(cells), "article": self.article,
                "title": self.title, "date": self.date, "path": self.path, "paragraph": self.paragraph,
                "line": self.line, "start": self.start, "end": self.stop}


def left_of(text: str, start: int, cells: int) -> str:
    """The context before ``start`` that fits in ``cells`` columns (one line: no newline, no control)."""
    out = one_line(text[max(0, start - cells):start])
    while cell_len(out) > cells:
        out = out[1:]
    return out


def right_of(text: str, stop: int, cells: int) -> str:
    """The context after ``stop`` that fits in ``cells`` columns."""
    out = one_line(text[stop:stop + cells])
    while cell_len(out) > cells:
        out = out[:-1]
    return out


def kwic_text(text: str, start: int, stop: int, cells: int, date: str | None) -> Text:
    """date, then the left context right-aligned in ``cells`` columns, the match lit, the right context:
    one concordance line (the concordance screen's and an entity's mentions alike)."""
    left = left_of(text, start, cells)
    return Text.assemble(((date or "")[:10].ljust(10), "dim"), "  ", " " * (cells - cell_len(left)), left,
                         (one_line(text[start:stop]), "bold reverse"), right_of(text, stop, cells))


def lines(searcher: Searcher, query: str, filters: Filters | None = None, m: Matching | None = None) -> Iterator[KwicLine]:
    """Every match of ``query`` in every matching paragraph, in the search's order (paragraphs) and the
    text's (matches in a paragraph), a page of paragraphs at a time."""
    m = m if m is not None else searcher.matching(query, filters=filters)
    for offset in range(0, len(m.ranked), PAGE):
        hits = searcher.page(m, PAGE, offset)
        found = spans_in(query, [h.text for h in hits])
        for k, h in enumerate(hits):
            spans = found.get(k) or list(h.matches)  # a row found by its parts lights them (the hit's own)
            for start, stop in spans:
                yield KwicLine(h.article, h.path, h.title, h.date, h.paragraph, h.lines[0], h.text, start, stop)


def sorted_lines(found: list[KwicLine], how: str) -> list[KwicLine]:
    """The lines in another order: by the word right after the match (1R) or before it (1L), the second
    word (2R, 2L: words of jieba's dictionary, by maximum matching), by date (newest first) or by source (file, paragraph). Stable: lines
    with the same key keep the search's order."""
    if how == "date":
        return sorted(found, key=lambda x: x.date or "", reverse=True)
    if how == "source":
        return sorted(found, key=lambda x: (x.path, x.paragraph, x.start))
    if how in ("1R", "2R", "1L", "2L"):
        n = int(how[0]) - 1
        side = how[1]
        return sorted(found, key=lambda x: _word(x.text[x.stop:x.stop + 12], n) if side == "R"
                      else _word(x.text[max(0, x.start - 12):x.start], n, from_end=True))
    return list(found)


def _word(context: str, n: int, from_end: bool = False) -> str:
    """The ``n``-th word (0: the first) of a context, from its start or its end."""
    words = _words_from_end(context) if from_end else _words(context)
    return words[n] if n < len(words) else ""


MAX_WORD = 4  # characters: longer dictionary words are rare beside a match, and each costs a look-up


@lru_cache(maxsize=200_000)
def _words(context: str) -> tuple[str, ...]:
    """The first two words of a context by forward maximum matching on jieba's dictionary (the longest
    dictionary word at the start, then again after it), punctuation and spaces skipped. Segmenting each
    whole context with jieba cost 2.2 s for 43,000 lines; a sort key needs only the words by the match."""
    return _cut(context, forward=True)


@lru_cache(maxsize=200_000)
def _words_from_end(context: str) -> tuple[str, ...]:
    """The last two words of a context, from its end (backward maximum matching)."""
    return _cut(context, forward=False)


def context_words(context: str, forward: bool, count: int) -> tuple[str, ...]:
    """The first (or, from the end, the last) ``count`` words of a context (collocates read ±5)."""
    return _cut(context, forward, count)


def _cut(context: str, forward: bool, count: int = 2) -> tuple[str, ...]:
    from tui.annotate.segment import frequencies

    freq = frequencies()
    text = context if forward else context[::-1]
    out: list[str] = []
    at = 0
    while at < len(text) and len(out) < count:
        if not text[at].isalnum():
            at += 1
            continue
        size = 1
        for n in range(min(MAX_WORD, len(text) - at), 1, -1):
            piece = text[at:at + n]
            if freq.get(piece if forward else piece[::-1]):
                size = n
                break
        out.append(text[at:at + size] if forward else text[at:at + size][::-1])
        at += size
    return tuple(out)
