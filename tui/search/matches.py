"""Every place a paragraph holds a query: what the reader lights in an article opened from a search hit.

The query's terms are the engine's own (the text as typed, the same sound, pinyin, initials), so what is lit
is what was searched; in each paragraph the strongest variant found there is lit wherever it occurs.
"""

from __future__ import annotations

from tui.search.keys import initials_of
from tui.search.normalize import normalize, syllable_key
from tui.search.query import parse, text_span
from tui.search.terms import Term, make_term

Keys = list[tuple[dict[str, str], list[int], int]]  # per paragraph: key columns, offsets back, length


def keys_of(texts: list[str]) -> Keys:
    """The search keys of each paragraph: computed once per article, reused at every keystroke of a find."""
    out: Keys = []
    for text in texts:
        n, where = normalize(text)
        syl = syllable_key(n)
        out.append(({"norm": n, "syl": syl, "ini": initials_of(syl)}, where, len(text)))
    return out


def spans_in(query: str, texts: list[str], sound_from: int = 1, keys: Keys | None = None) -> dict[int, list[tuple[int, int]]]:
    """Text offsets of every match, by 0-based position in ``texts``; paragraphs without one left out.
    A word shorter than ``sound_from`` characters is lit only as typed (one character's homophones are
    everywhere). ``keys``: the paragraphs' keys from ``keys_of``, when the caller keeps them."""
    words = parse(query).words  # the filters written in it (since: in: …) are no words to light
    terms = [t for t in (make_term(w.text, w.exact or len(w.text) < sound_from) for w in words) if t.variants]
    out: dict[int, list[tuple[int, int]]] = {}
    if not terms:
        return out
    for k, (cols, where, length) in enumerate(keys if keys is not None else keys_of(texts)):
        spans = [span for t in terms for span in _all_places(t, cols, where, length)]
        if spans:
            out[k] = sorted(set(spans))
    return out


def _all_places(term: Term, cols: dict[str, str], where: list[int], length: int) -> list[tuple[int, int]]:
    """The text offsets of every occurrence of the strongest of the term's variants that a paragraph holds."""
    for v in term.variants:
        hay = cols[v.column]
        found = term.find(v, hay)
        if found is None:
            continue
        spans = []
        while found is not None:
            placed = text_span(v.column, found, where, length)
            if placed:
                spans.append(placed)
            found = term.find(v, hay, max(found[1], found[0] + 1))
        return spans
    return []
