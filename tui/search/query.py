"""Reading a query: its words (controls dropped, pinyin typed a syllable at a time joined), its operators
and the filters written among them; and where a match in a key column falls in the paragraph's text. Shared by ranking
(``engine``) and by lighting an opened hit's matches (``matches``), so both read a query one way.

The query language: plain words are fuzzy and must all match; ``"an exact phrase"`` (or “…”) is matched as
written; ``-word`` or ``-"a phrase"`` leaves out paragraphs holding it; ``a | b`` matches either side (each
side a group of words); ``since:`` ``until:`` ``in:`` ``sort:`` filter and order (see ``filters``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import groupby

from tui.search.filters import Filters, split_query
from tui.search.normalize import pinyin_syllables

_LATIN = re.compile(r"^[a-z']+$")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def _join_syllables(words: list[str]) -> list[str]:
    """'dong jia kou' → "dong'jia'kou": pinyin typed a syllable at a time. A lone syllable is no search term
    of its own (it matches thousands of characters), so runs of them are read as one word."""
    out: list[str] = []
    run: list[str] = []
    for w in [*words, ""]:
        low = w.lower()
        if w and _LATIN.match(low) and (sylls := pinyin_syllables(low)) is not None and len(sylls) == 1:
            run.append(w)
            continue
        if run:
            out.extend(["'".join(run)] if len(run) > 1 else run)  # the spaces were where syllables end (ji an ≠ jian)
            run = []
        if w:
            out.append(w)
    return out


@dataclass(frozen=True)
class Word:
    text: str
    exact: bool = False  # written in quotes: matched as written, no fuzzing, no other reading


@dataclass(frozen=True)
class Query:
    """A query read: alternatives (``a | b``), each a group of words that must all match; words a hit must
    not hold (``-word``); and the filters written among them (``since:`` ``until:`` ``in:`` ``sort:``)."""

    groups: tuple[tuple[Word, ...], ...]
    excluded: tuple[str, ...] = ()
    filters: Filters = field(default_factory=Filters)

    @property
    def words(self) -> list[Word]:
        """Every word searched for, once: what an opened hit lights."""
        return list(dict.fromkeys(w for g in self.groups for w in g))


# a token: an optional minus, then a "phrase" (straight or curly quotes, closed or still being typed),
# a bar between alternatives (half or full width), or a plain word
_TOKEN = re.compile(r'(-?)(?:"([^"]*)"?|“([^”]*)”?|([|｜])|([^\s"“|｜]+))')


def parse(query: str) -> Query:
    """A query as the engine reads it. Anything parses: a stray quote runs to the end, a stray bar or
    minus is dropped, so a query being typed is always a query."""
    text, written = split_query(query.encode("utf-8", "replace").decode("utf-8"))
    groups: list[list[Word]] = [[]]
    excluded: list[str] = []
    for m in _TOKEN.finditer(_CONTROL.sub(" ", text)):
        minus, quoted, curly, bar, plain = m.groups()
        if bar:
            groups.append([])
            continue
        phrase = quoted if quoted is not None else curly
        word = (phrase if phrase is not None else plain or "").strip()
        if not word or word == "-":
            continue
        if minus:
            excluded.append(word)
        else:
            groups[-1].append(Word(word, exact=phrase is not None))
    kept = tuple(tuple(_joined(g)) for g in groups if g)
    return Query(kept, tuple(excluded), written)


def _joined(words: list[Word]) -> list[Word]:
    """Runs of plain words with pinyin syllables typed apart joined (quoted words kept as they are)."""
    out: list[Word] = []
    for exact, run in groupby(words, key=lambda w: w.exact):
        items = list(run)
        out += items if exact else [Word(w) for w in _join_syllables([w.text for w in items])]
    return out


def text_span(column: str, span: tuple[int, int], where: list[int], length: int) -> tuple[int, int] | None:
    """A match in a key column as offsets into the paragraph's text: the normal form maps back through
    ``where``; the pinyin keys are built on the base form, so their offsets are the text's."""
    start, end = span
    if column != "norm":
        return (start, min(end, length))
    return (where[start], where[end - 1] + 1) if end <= len(where) else None
