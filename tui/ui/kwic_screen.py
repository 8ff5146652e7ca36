"""The concordance screen (``ctrl+l``, in the reader or from the search box): every match of a query
in its context, one line each, the matches in one column.

Same query language and tolerance as the search. The first page of lines shows at once and more are read
as the cursor nears the end; ``o`` cycles the order (the search's, 1R/1L/2R/2L by the word after or before
the match, date, source: those read every line first, saying how many); Enter opens the article at the
match, lit. Lines are read by worker threads; the screen never waits.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from itertools import islice
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Footer, Input, Label, OptionList

from tui.concordance.collocates import Collocate, collocates, window_words
from tui.concordance.kwic import SORTS, KwicLine, lines, sorted_lines
from tui.safe_text import one_line
from tui.ui.entity_rows import MentionTarget
from tui.ui.list_screen import ListScreen

if TYPE_CHECKING:
    from tui.ui.library import Library

PAGE = 200


class KwicScreen(ListScreen):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("o", "order", "Order"), Binding("g", "graph", "Over time"),
                                              Binding("ctrl+l", "back", "Hits", show=False)]
    FILTER = "#kwic-query"

    def __init__(self, library: Library, query: str = "") -> None:
        super().__init__()
        self.library = library
        self.query_text = query
        self.order = "relevance"
        self.rows: list[KwicLine] = []
        self._more: Iterator[KwicLine] | None = None  # the lines not read yet (the search's order)
        self._every: tuple[str, list[KwicLine]] | None = None  # a query's every line, once read (re-sorts)
        self._reading = threading.Lock()  # one reader of every line at a time; the other then finds it read
        self.collocates: list[Collocate] = []
        self.holding: str | None = None  # the collocate the lines are filtered by (Esc clears it)

    def compose(self) -> ComposeResult:
        yield Label("", id="kwic-status")
        yield Input(value=self.query_text, placeholder="concordance of: 词语, pinyin … (the search's language)",
                    id="kwic-query")
        with Horizontal(id="kwic-body"):
            yield OptionList(id="kwic-list")
            with Vertical(id="colloc-box"):
                yield Label("collocates (logDice, ±5 words)", id="colloc-title")
                yield OptionList(id="colloc-list")
        yield Footer()

    def on_mount(self) -> None:
        if self.query_text:
            self.run_query()
            self._list().focus()
        else:
            self.query_one("#kwic-query", Input).focus()

    def _list(self) -> OptionList:
        return self.query_one("#kwic-list", OptionList)

    @on(Input.Submitted, "#kwic-query")
    def run_query(self) -> None:
        self.query_text = self.query_one("#kwic-query", Input).value.strip()
        self.rows, self._more = [], None
        self._list().clear_options()
        if self.query_text:
            self._status(f"reading the lines of “{one_line(self.query_text)}” …")
            self._read(self.query_text, self.order)
            self._list().focus()

    @work(thread=True, exclusive=True, group="kwic", exit_on_error=False)
    def _read(self, query: str, order: str) -> None:
        """The first page of lines in the search's order, or every line sorted."""
        from textual.worker import get_current_worker

        found = lines(self.library.searcher, query)
        if order == "relevance":
            first = list(islice(found, PAGE))
            more: Iterator[KwicLine] | None = found
        else:
            first, more = sorted_lines(self._every_line(query), order), None  # read once, then only sorted
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._show, query, first, more)

    def _show(self, query: str, got: list[KwicLine], more: Iterator[KwicLine] | None) -> None:
        if query != self.query_text:
            return
        self._more = more
        self._add(got)
        if got:
            self._list().highlighted = 0
        if not self.collocates:
            self._collocates(query)  # after the first screen: it reads every line, which can take seconds

    def _add(self, got: list[KwicLine]) -> None:
        box = self._list()
        cells = max(8, (box.size.width - 22 - 2 * max((len(x.match) for x in got), default=2)) // 2)
        self.rows += got
        box.add_options([x.as_text(cells) for x in got])
        more = " (more as you go down)" if self._more is not None and len(got) == PAGE else ""
        held = f" holding {one_line(self.holding)} (Esc: every line)" if self.holding else ""
        self._status(f"{len(self.rows)} lines{held}{more} · order: {self.order} (o) · g over time · Enter opens · Esc back")

    @on(OptionList.OptionHighlighted, "#kwic-list")
    def near_end(self, event: OptionList.OptionHighlighted) -> None:
        if self._more is not None and event.option_index >= len(self.rows) - 20:
            more, self._more = self._more, None
            self._next_page(more)

    @work(thread=True, group="kwic-more", exit_on_error=False)
    def _next_page(self, more: Iterator[KwicLine]) -> None:
        got = list(islice(more, PAGE))
        self.app.call_from_thread(self._append, got, more if len(got) == PAGE else None)

    def _append(self, got: list[KwicLine], more: Iterator[KwicLine] | None) -> None:
        self._more = more
        self._add(got)

    @on(OptionList.OptionSelected, "#kwic-list")
    def chosen(self, event: OptionList.OptionSelected) -> None:
        if self.is_current and 0 <= event.option_index < len(self.rows):
            x = self.rows[event.option_index]
            self.dismiss(MentionTarget(x.article, x.path, x.paragraph, x.start, x.stop))

    def action_order(self) -> None:
        self.order = SORTS[(SORTS.index(self.order) + 1) % len(SORTS)]
        if self.query_text:
            self.rows, self._more = [], None
            self._list().clear_options()
            self._status(f"ordering every line by {self.order} …")
            self._read(self.query_text, self.order)

    @work(thread=True, exclusive=True, group="colloc", exit_on_error=False)
    def _collocates(self, query: str) -> None:
        """Every line (kept for re-sorts), then the collocates: the panel fills when they are counted."""
        self.app.call_from_thread(self._show_collocates, query, None)
        every = self._every_line(query)
        got = collocates(self.library.index, every)
        self.app.call_from_thread(self._show_collocates, query, got)

    def _every_line(self, query: str) -> list[KwicLine]:
        """Every line of ``query``, read once: the collocates and a re-sort (two workers) share it."""
        with self._reading:
            if self._every is None or self._every[0] != query:
                self._every = (query, list(lines(self.library.searcher, query)))
            return self._every[1]

    def _show_collocates(self, query: str, got: list[Collocate] | None) -> None:
        if query != self.query_text:
            return
        box = self.query_one("#colloc-list", OptionList)
        box.clear_options()
        self.collocates = got or []
        if got is None:
            box.add_option(Text("counting …", style="dim"))
            return
        box.add_options([Text.assemble((f"{c.score:5.1f} ", "dim"), one_line(c.word), (f"  {c.together}", "dim"))
                         for c in got])
        if got:
            box.highlighted = 0

    @on(OptionList.OptionSelected, "#colloc-list")
    def filter_by(self, event: OptionList.OptionSelected) -> None:
        """The lines that hold the collocate within their window (Esc shows every line again)."""
        if not 0 <= event.option_index < len(self.collocates) or self._every is None:
            return
        word = self.collocates[event.option_index].word
        self.holding = word
        self.rows, self._more = [], None
        self._list().clear_options()
        self._add([x for x in self._every[1] if word in window_words(x)])
        self._list().highlighted = 0 if self.rows else None
        self._list().focus()

    def action_back(self) -> None:
        if self.holding is not None:
            self.holding = None
            self.run_query()
        else:
            super().action_back()

    def action_graph(self) -> None:
        """The query over time (stories per 10,000 a month)."""
        from tui.ui.trend_screen import TrendScreen

        if self.query_text:
            self.app.push_screen(TrendScreen(self.library, [self.query_text]))

    def _status(self, said: str) -> None:
        self.query_one("#kwic-status", Label).update(Text(said))
