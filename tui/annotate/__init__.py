"""Highlighting engine: numbers with values, and persons / places / organisations (no Textual here).

``annotate(text)`` is the one entry point: sorted, non-overlapping spans with offsets into ``text``.
Numbers win over entities where they overlap (第一中学 stays an organisation only if longer).
"""

from __future__ import annotations

from tui.annotate.entities import find_entities
from tui.annotate.numbers import find_numbers
from tui.annotate.spans import non_overlapping
from tui.model import ENTITY_TYPES, NUMBER_TYPES, Family, Span, SpanType

ALL_TYPES: tuple[SpanType, ...] = tuple(SpanType)


def annotate(text: str) -> list[Span]:
    if not text or not text.strip():
        return []
    candidates = [sp for sp in find_numbers(text) + find_entities(text) if 0 <= sp.start < sp.end <= len(text)]
    return non_overlapping(candidates, lambda s: s.type.family is Family.ENTITY)


def warm_up() -> None:
    """Load everything annotation loads lazily (jieba's dictionary, the lexicons, the given-name table),
    so that the first article a reader opens does not pay for it (~1 s, most of it jieba)."""
    from tui import numerals
    from tui.annotate import lexicon, organizations, persons
    from tui.annotate.segment import tag_table

    numerals.warm_up()
    tag_table()
    persons.given_name_chars()
    organizations.suffixes_by_length()
    for name in ("not_names.txt", "known_places.txt", "not_places.txt", "known_orgs.txt", "not_orgs.txt",
                 "not_numbers.txt", "divisions.txt"):
        lexicon.words(name)
    lexicon.place_names()
    annotate("2023年8月21日，青岛市西海岸新区发改局局长李金国在董家口经济区工委会议上表示，135亿元项目完成20%。")


__all__ = ["ALL_TYPES", "ENTITY_TYPES", "NUMBER_TYPES", "annotate", "warm_up"]
