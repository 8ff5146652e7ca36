"""The list of a corpus's bookmarks (``'``): newest first, each its title, paragraph, source line and the
start of its text. Enter opens one; ``d`` removes one and ``u`` puts it back; Esc closes."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from tui.safe_text import one_line
from tui.state import Bookmark, State


class BookmarksScreen(ModalScreen[Bookmark | None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q", "close", "Close"),
        Binding("d,delete", "remove", "Remove"),
        Binding("u", "undo", "Undo remove"),
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
    ]

    def __init__(self, state: State, corpus: str) -> None:
        super().__init__()
        self.state = state
        self.corpus = corpus
        self.items: list[tuple[int, Bookmark]] = []
        self.removed: list[Bookmark] = []

    def compose(self) -> ComposeResult:
        yield Label("", id="bookmarks-title")
        yield OptionList(id="bookmarks")

    def on_mount(self) -> None:
        self.reload()
        self.query_one(OptionList).focus()

    def reload(self, keep: int = 0) -> None:
        self.items = self.state.bookmarks(self.corpus)
        box = self.query_one(OptionList)
        box.clear_options()
        for _, m in self.items:
            box.add_option(Option(Text.assemble((one_line(m.title), "bold"), (f"  ¶{m.paragraph}", "dim"),
                                                (f"  {one_line(m.path)}:{m.line}", "dim"), "\n  ", one_line(m.excerpt))))
        if self.items:
            box.highlighted = min(keep, len(self.items) - 1)
        count = len(self.items)
        self.query_one("#bookmarks-title", Label).update(
            f"{count} bookmark{'s' if count != 1 else ''} — Enter opens · d removes · u undoes · Esc closes"
            if count else "no bookmarks yet — m bookmarks the paragraph under the cursor · Esc closes")

    @on(OptionList.OptionSelected)
    def chosen(self, event: OptionList.OptionSelected) -> None:
        if self.is_current and 0 <= event.option_index < len(self.items):
            self.dismiss(self.items[event.option_index][1])

    def action_close(self) -> None:
        if self.is_current:
            self.dismiss(None)

    def action_remove(self) -> None:
        k = self.query_one(OptionList).highlighted
        if k is None or not 0 <= k < len(self.items):
            return
        mark_id, mark = self.items[k]
        self.state.remove_bookmark(mark_id)
        self.removed.append(mark)
        self.reload(k)

    def action_undo(self) -> None:
        if self.removed:
            self.state.add_bookmark(self.removed.pop())
            self.reload()

    def action_cursor_down(self) -> None:
        self.query_one(OptionList).action_cursor_down()

    def action_cursor_up(self) -> None:
        self.query_one(OptionList).action_cursor_up()
