"""What the corpus-wide list screens (Entities, Figures) share: a filter box over a list, the keys that
move in it, and Esc that backs out. A subclass names its filter box and the list the keys move in."""

from __future__ import annotations

from typing import Any, ClassVar

from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import Input, OptionList


class ListScreen(Screen[Any]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back"),
        Binding("q", "back", "Back", show=False),
        Binding("slash", "focus_filter", "Filter"),
        Binding("j", "down", "Down", show=False),
        Binding("k", "up", "Up", show=False),
    ]
    FILTER = "#filter"  # the filter box's selector
    scope: str  # corpus, article or search
    article: str | None  # the open article, for the "article" scope
    query_text: str  # the last search, for the "search" scope

    def _list(self) -> OptionList:
        raise NotImplementedError

    def reopen(self, article: str | None, query: str) -> None:
        """Shown again (the screen is kept between visits): the open article and the last search may have
        changed, and with them what the "article" and "search" scopes hold."""
        moved = (self.scope == "article" and article != self.article) or (self.scope == "search" and query != self.query_text)
        self.article, self.query_text = article, query
        self.shown_again(moved)

    def shown_again(self, moved: bool) -> None:
        """Bring the list up to date on being shown again; ``moved``: the scope now holds other articles."""
        raise NotImplementedError

    def action_back(self) -> None:
        if self.is_current:
            self.dismiss(None)

    def action_focus_filter(self) -> None:
        self.query_one(self.FILTER, Input).focus()

    def action_down(self) -> None:
        self._list().action_cursor_down()

    def action_up(self) -> None:
        self._list().action_cursor_up()
