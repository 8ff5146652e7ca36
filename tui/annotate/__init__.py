"""Highlighting engine: numbers with values, and persons / places / organisations (no Textual here).

``annotate(text)`` is the one entry point: sorted, non-overlapping spans with offsets into ``text``.
Numbers win over entities where they overlap (第一中学 stays an organisation only if longer).
"""

from __future__ import annotations

from tui.annotate.entities import find_entities
from tui.annotate.numbers import find_numbers
from tui.annotate.spans import non_overlapping
from tui.model import Span

NUMBER_TYPES = ("money", "percent", "date", "time", "count", "ordinal", "range", "other")
ENTITY_TYPES = ("person", "place", "organization")
ALL_TYPES = NUMBER_TYPES + ENTITY_TYPES


def annotate(text: str) -> list[Span]:
    if not text or not text.strip():
        return []
    candidates = [sp for sp in find_numbers(text) + find_entities(text) if 0 <= sp.start < sp.end <= len(text)]
    return non_overlapping(candidates, lambda s: s.type in ENTITY_TYPES)


__all__ = ["annotate", "ALL_TYPES", "NUMBER_TYPES", "ENTITY_TYPES"]
