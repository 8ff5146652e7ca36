"""Highlighting engine: numbers with values, and persons / places / organisations (no Textual here).

``annotate(text)`` is the one entry point: sorted, non-overlapping spans with offsets into ``text``.
Numbers win over entities where they overlap (第一中学 stays an organisation only if longer).
"""

from __future__ import annotations

from tui.annotate.entities import find_entities
from tui.annotate.numbers import find_numbers
from tui.model import Span

NUMBER_TYPES = ("money", "percent", "date", "time", "count", "ordinal", "range", "other")
ENTITY_TYPES = ("person", "place", "organization")
ALL_TYPES = NUMBER_TYPES + ENTITY_TYPES


def annotate(text: str) -> list[Span]:
    if not text or not text.strip():
        return []
    numbers = find_numbers(text)
    entities = find_entities(text)
    taken = [False] * (len(text) + 1)
    out: list[Span] = []
    for sp in sorted(numbers + entities, key=lambda s: (-(s.end - s.start), s.type in ENTITY_TYPES, s.start)):
        if sp.start < 0 or sp.end > len(text) or sp.start >= sp.end or any(taken[sp.start:sp.end]):
            continue
        for i in range(sp.start, sp.end):
            taken[i] = True
        out.append(sp)
    out.sort(key=lambda s: s.start)
    return out


__all__ = ["annotate", "ALL_TYPES", "NUMBER_TYPES", "ENTITY_TYPES"]
