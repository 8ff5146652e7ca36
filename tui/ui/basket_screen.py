"""The basket: the passages collected across articles, to open, reorder, remove (undoably) and export."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import ModalScreen
from textual.widgets import DataTable, Input

from tui.export.passages import Passage
from tui.safe_text import one_line
from tui.state import Removed, State
from tui.ui.screens import BasketResult, ConfirmScreen, ExportBasket, OpenPassage, close_once


class BasketScreen(ModalScreen[BasketResult | None]):
    """The passages collected across articles: open (Enter), reorder (J/K), remove (d), clear (C, asked
    first), undo either (u), export (e)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,b,q", "dismiss_none", "Back"),
        Binding("enter", "open", "Open source"),
        Binding("d,delete", "remove", "Remove"),
        Binding("C", "clear", "Clear all"),
        Binding("u", "undo", "Undo"),
        Binding("J", "move(1)", "Move down"),
        Binding("K", "move(-1)", "Move up"),
        Binding("g,home", "first", "First", show=False),
        Binding("G,end", "last", "Last", show=False),
        Binding("e", "export", "Export"),
        Binding("n", "note", "Note"),
    ]

    def __init__(self, state: State) -> None:
        super().__init__()
        self.state = state
        self.items: list[tuple[int, Passage]] = []
        self.undo: list[list[Removed]] = []  # what each removal or clearing took, newest last

    def compose(self) -> ComposeResult:
        yield DataTable(id="basket", cursor_type="row")

    def on_mount(self) -> None:
        self.reload()

    def reload(self) -> None:
        table = self.query_one("#basket", DataTable)
        row = table.cursor_row or 0
        table.clear(columns=True)
        table.add_columns("#", "passage", "note", "source (file:lines ¶)", "article")
        self.items = self.state.basket()
        for n, (item_id, p) in enumerate(self.items, start=1):
            passage = one_line(p.text[:30] + ("…" if len(p.text) > 30 else ""))
            note = one_line(p.note[:24] + ("…" if len(p.note) > 24 else ""))
            where = f"¶{p.paragraph}–{p.last}" if p.last > p.paragraph else f"¶{p.paragraph}"
            source = one_line(f"{p.path}:{p.lines[0]}-{p.lines[1]} {where}")  # whole: it is the citation
            table.add_row(Text(str(n)), Text(passage), Text(note, style="italic"), Text(source),
                          Text(one_line(p.title[:20])), key=str(item_id))
        if self.items:
            table.move_cursor(row=min(row, len(self.items) - 1))
        undo = " · u undo" if self.undo else ""
        table.border_title = (f"Basket — {len(self.items)} passages (enter open · n note · d remove · J/K move"
                              f" · C clear · e export{undo})")

    def _current(self) -> int | None:
        table = self.query_one("#basket", DataTable)
        if not self.items or table.cursor_row is None or table.cursor_row >= len(self.items):
            return None
        return self.items[table.cursor_row][0]

    @on(DataTable.RowSelected, "#basket")
    def row_chosen(self) -> None:
        """Enter on a row: the table takes the key first and says the row was selected."""
        self.action_open()

    def action_remove(self) -> None:
        item = self._current()
        if item is not None:
            self.undo.append(self.state.remove(item))
            self.reload()

    def action_clear(self) -> None:
        if not self.items:
            return

        def confirmed(yes: bool | None) -> None:
            if yes:
                self.undo.append(self.state.clear())
                self.reload()

        self.app.push_screen(ConfirmScreen(f"Clear the basket ({len(self.items)} passages)? u undoes it."), confirmed)

    def action_undo(self) -> None:
        if self.undo:
            self.state.put_back(self.undo.pop())
            self.reload()

    def action_move(self, delta: int) -> None:
        item = self._current()
        if item is not None:
            table = self.query_one("#basket", DataTable)
            row = table.cursor_row
            self.state.move(item, delta)
            self.reload()
            table.move_cursor(row=max(0, row + delta))

    def action_first(self) -> None:
        self.query_one("#basket", DataTable).move_cursor(row=0)

    def action_last(self) -> None:
        self.query_one("#basket", DataTable).move_cursor(row=max(0, len(self.items) - 1))

    def action_open(self) -> None:
        table = self.query_one("#basket", DataTable)
        if self.items and table.cursor_row is not None:
            passage = self.items[table.cursor_row][1]
            close_once(self, OpenPassage(passage.article, passage.paragraph))

    def action_note(self) -> None:
        """A note on the passage under the cursor, exported with it (Enter keeps it, Esc leaves it as it was)."""
        item = self._current()
        if item is None:
            return
        old = next(p.note for i, p in self.items if i == item)

        def done(note: str | None) -> None:
            if note is not None:
                self.state.set_note(item, note.strip())
                self.reload()

        self.app.push_screen(NoteScreen(old), done)

    def action_export(self) -> None:
        close_once(self, ExportBasket())

    def action_dismiss_none(self) -> None:
        close_once(self, None)


class NoteScreen(ModalScreen[str | None]):
    """One line of note for a basket passage."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, note: str) -> None:
        super().__init__()
        self.note = note

    def compose(self) -> ComposeResult:
        yield Input(self.note, placeholder="a note on this passage (Enter keeps it, Esc cancels)", id="note")

    @on(Input.Submitted, "#note")
    def keep(self, event: Input.Submitted) -> None:
        if self.is_current:
            self.dismiss(event.value)

    def action_cancel(self) -> None:
        if self.is_current:
            self.dismiss(None)
