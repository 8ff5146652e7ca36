"""Reading a query: its words (controls dropped, pinyin typed a syllable at a time joined) and the filters
written among them; and where a match in a key column falls in the paragraph's text. Shared by ranking
(``engine``) and by lighting an opened hit's matches (``matches``), so both read a query one way."""

from __future__ import annotations

import re

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


def query_words(query: str) -> tuple[list[str], Filters]:
    """The words a query searches for (controls dropped, pinyin syllables joined) and the filters written
    among them: one reading of a query for ranking and for lighting its matches."""
    text, written = split_query(query.encode("utf-8", "replace").decode("utf-8"))
    return _join_syllables(_CONTROL.sub(" ", text).split()), written


def text_span(column: str, span: tuple[int, int], where: list[int], length: int) -> tuple[int, int] | None:
    """A match in a key column as offsets into the paragraph's text: the normal form maps back through
    ``where``; the pinyin keys are built on the base form, so their offsets are the text's."""
    start, end = span
    if column != "norm":
        return (start, min(end, length))
    return (where[start], where[end - 1] + 1) if end <= len(where) else None
