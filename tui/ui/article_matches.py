"""Stepping through the lit matches of the open article (a search hit's query, or find in the article):
``n``/``N`` go from occurrence to occurrence across paragraphs, and the current one is drawn apart from
the rest. With no match lit, they step through the highlights instead. A part of ``ArticleView``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tui.search.find_in import Occurrence

if TYPE_CHECKING:
    from tui.ui.article_view import Highlight, ViewState


class MatchSteps:
    """Mixed into ``ArticleView``; uses its state, cursor and redrawing."""

    hit_pos: int
    cursor: int
    current_match: Occurrence | None
    state: ViewState

    @property
    def _lit(self) -> dict[int, list[tuple[int, int]]]:
        return self.state.matches

    def _set_lit(self, matches: dict[int, list[tuple[int, int]]]) -> None:
        """Only the paragraphs whose matches changed are drawn again: find redraws at every keystroke."""
        old = self.state.matches
        self.state.matches = matches
        changed = {i for i in set(old) | set(matches) if old.get(i) != matches.get(i)}
        if self.current_match is not None:
            changed.add(self.current_match.paragraph)
        self._redraw_paragraphs(changed)

    def visible_spans(self) -> list[Highlight]:
        raise NotImplementedError

    def _redraw_paragraphs(self, paragraphs: set[int]) -> None:
        raise NotImplementedError

    def match_list(self) -> list[Occurrence]:
        """Every lit occurrence, in reading order."""
        return sorted(Occurrence(p, a, b) for p, spans in self._lit.items() for a, b in spans)

    def set_matches(self, matches: dict[int, list[tuple[int, int]]], at: int = -1) -> None:
        """Light these matches; ``at`` is the occurrence to make current (-1: none yet)."""
        self._set_lit(matches)  # (redraws the old current match's paragraph too)
        self.hit_pos = -1
        self.current_match = None
        if at >= 0:
            self._go_to(at)

    def start_at_match(self, paragraph: int) -> None:
        """n/N step on from this paragraph's first match (the one a search hit opened at)."""
        found = self.match_list()
        k = next((i for i, o in enumerate(found) if o.paragraph == paragraph), -1)
        if k >= 0:
            self._go_to(k, move=False)

    def match_position(self) -> tuple[int, int]:
        """(1-based position of the current occurrence or 0, how many there are)."""
        return (self.hit_pos + 1 if self.current_match else 0), len(self.match_list())

    def jump(self, delta: int) -> bool:
        """Next/previous match if any is lit, else next/previous highlight."""
        found = self.match_list()
        if found:
            self._go_to((self.hit_pos + delta) % len(found) if self.hit_pos >= 0 or delta > 0 else len(found) - 1)
            return True
        targets = [h.paragraph for h in self.visible_spans()]
        if not targets:
            return False
        self.hit_pos = (self.hit_pos + delta) % len(targets)
        self.cursor = targets[self.hit_pos]
        return True

    def _go_to(self, k: int, move: bool = True) -> None:
        found = self.match_list()
        old = self.current_match
        self.hit_pos = k
        self.current_match = found[k]
        self._redraw_paragraphs({p for p in (old.paragraph if old else None, found[k].paragraph) if p})
        if move:
            self.cursor = found[k].paragraph
