"""Choosing among overlapping candidate spans: the longest wins, ties broken by a rank."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from tui.model import Span


def non_overlapping(spans: Iterable[Span], rank: Callable[[Span], object]) -> list[Span]:
    """Longest first (an organisation containing a place is one organisation), then by ``rank``;
    the result is sorted by position."""
    taken: set[int] = set()
    out: list[Span] = []
    for sp in sorted(spans, key=lambda s: (-(s.end - s.start), rank(s), s.start)):
        if any(i in taken for i in range(sp.start, sp.end)):
            continue
        taken.update(range(sp.start, sp.end))
        out.append(sp)
    out.sort(key=lambda s: s.start)
    return out
