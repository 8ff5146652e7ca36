"""Find in one article: every occurrence of a query in its paragraphs, in reading order, with the same
tolerance as corpus search where it fits (the text as typed, traditional characters, full-width digits,
numerals, the same sound, pinyin and initials: ``matches.spans_in``; a single character only as typed).
No index is needed: an article is searched whole at each keystroke.
"""

from __future__ import annotations

from dataclasses import dataclass

from tui.search.matches import Keys, spans_in


@dataclass(frozen=True, order=True)
class Occurrence:
    paragraph: int  # 1-based, as Paragraph.index
    start: int
    end: int


def occurrences(query: str, texts: list[str], keys: Keys | None = None) -> list[Occurrence]:
    """Every place the paragraphs (in order, numbered from 1) hold the query, in reading order. ``keys``
    (``matches.keys_of(texts)``) spares computing the paragraphs' keys again at each keystroke."""
    if not query.strip():
        return []
    found = spans_in(query, texts, sound_from=2, keys=keys)
    return sorted(Occurrence(k + 1, a, b) for k, spans in found.items() for a, b in spans)


def by_paragraph(found: list[Occurrence]) -> dict[int, list[tuple[int, int]]]:
    """The occurrences as the article view lights them: offsets per paragraph."""
    out: dict[int, list[tuple[int, int]]] = {}
    for o in found:
        out.setdefault(o.paragraph, []).append((o.start, o.end))
    return out


def first_from(found: list[Occurrence], paragraph: int) -> int:
    """The position of the first occurrence at or after the paragraph (the reader's place), wrapping to
    the first; -1 when there is none."""
    if not found:
        return -1
    return next((k for k, o in enumerate(found) if o.paragraph >= paragraph), 0)
