"""The word list (``W``): the corpus's words by frequency, filtered as you type, each with a sparkline of
its months (occurrences per story of the month); Enter searches the word. Counts come from the index's per-file word counts
(``concordance.words``), built on a worker the first time (the status line says so)."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.widgets import Footer, Input, Label, OptionList

from tui.ui.entity_rows import bucketed, fit
from tui.ui.list_screen import ListScreen

if TYPE_CHECKING:
    from tui.ui.library import Library

SHOWN = 200


class WordsScreen(ListScreen):
    BINDINGS: ClassVar[list[BindingType]] = []
    FILTER = "#words-filter"

    def __init__(self, library: Library) -> None:
        super().__init__()
        self.library = library
        self.counts: list[tuple[str, int]] = []
        self.shown: list[tuple[str, int]] = []
        self.months: dict[str, dict[str, float]] = {}
        self.span: list[str] = []

    def compose(self) -> ComposeResult:
        yield Label("counting the corpus's words (the first time takes a while) …", id="words-status")
        yield Input(placeholder="filter words: 词 …", id="words-filter")
        yield OptionList(id="words-list")
        yield Footer()

    def on_mount(self) -> None:
        self._load()
        self.query_one("#words-filter", Input).focus()

    def _list(self) -> OptionList:
        return self.query_one("#words-list", OptionList)

    @work(thread=True, exclusive=True, group="words", exit_on_error=False)
    def _load(self) -> None:
        from tui.concordance.words import build_words, word_list

        index = self.library.index
        build_words(index)
        counts = word_list(index).most_common()
        self.app.call_from_thread(self._loaded, counts)

    def _loaded(self, counts: list[tuple[str, int]]) -> None:
        self.counts = counts
        self.refilter()
        self._months([w for w, _ in counts[:SHOWN]])

    @on(Input.Changed, "#words-filter")
    def refilter(self) -> None:
        text = self.query_one("#words-filter", Input).value.strip()
        self.shown = [(w, n) for w, n in self.counts if text in w][:SHOWN] if text else self.counts[:SHOWN]
        self._draw()

    def _draw(self) -> None:
        box = self._list()
        box.clear_options()
        box.add_options([Text.assemble((fit(w, 14), "bold"), (f"{n:>9}", ""), "  ",
                                       (bucketed(self.months.get(w, {}), self.span), "cyan")) for w, n in self.shown])
        if self.shown:
            box.highlighted = 0
        total = sum(n for _, n in self.counts)
        self.query_one("#words-status", Label).update(Text(
            f"{len(self.counts)} words, {total} in all · the first {len(self.shown)} shown · months: per story"
            " · Enter searches · Esc back"))

    @work(thread=True, group="word-months", exit_on_error=False)
    def _months(self, words: list[str]) -> None:
        """The shown words' months for their sparklines, off the UI thread (a pass over the files' counts)."""
        from tui.concordance.words import word_months

        months, span = word_months(self.library.index, words)
        self.app.call_from_thread(self._months_ready, months, span)

    def _months_ready(self, months: dict[str, dict[str, float]], span: list[str]) -> None:
        self.months, self.span = months, span
        self._draw()

    @on(OptionList.OptionSelected, "#words-list")
    def chosen(self, event: OptionList.OptionSelected) -> None:
        if self.is_current and 0 <= event.option_index < len(self.shown):
            self.dismiss(self.shown[event.option_index][0])

    @on(Input.Submitted, "#words-filter")
    def to_list(self) -> None:
        self._list().focus()

