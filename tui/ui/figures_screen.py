"""The Figures screen (``F``): every number of the corpus with its value, who, date and sentence.

One filter box reads the way an analyst writes: a type (money or 金额, percent or 百分比, count …), bounds
(``>=1亿``, ``<5000万``, ``>20%``), dates (``since:2024``, ``until:2024-06``) and any other words as text the
sentence must hold. ``o`` switches the order (largest value first, newest first); ``s`` cycles the scope:
the whole corpus, the open article, the articles of the current search's hits. Enter opens the paragraph with the figure lit. The query runs on a worker thread.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Footer, Input, Label, OptionList

from tui.entities.figures import Figure, FigureFilter, figures, parse_amount
from tui.model import NUMBER_TYPES
from tui.search.filters import QueryError, date_arg
from tui.ui.entity_rows import MentionTarget, figure_header, figure_prompt
from tui.ui.list_screen import ListScreen

if TYPE_CHECKING:
    from tui.ui.library import Library

SHOWN = 500
SCOPES = ("corpus", "article", "search")
_BOUND = re.compile(r"^(>=|<=|>|<|≥|≤)(.+)$")
TYPE_WORDS = {**{str(t): str(t) for t in NUMBER_TYPES}, **{t.label_zh: str(t) for t in NUMBER_TYPES}}


def parse_filter(text: str, sort: str, articles: tuple[str, ...] | None = None) -> FigureFilter:
    """The filter box's words as a ``FigureFilter`` (a ValueError or QueryError says what is wrong)."""
    types: list[str] = []
    low: float | None = None
    high: float | None = None
    since: str | None = None
    until: str | None = None
    words: list[str] = []
    for word in text.split():
        bound = _BOUND.match(word)
        if word in TYPE_WORDS:
            types.append(TYPE_WORDS[word])
        elif bound:
            value = parse_amount(bound.group(2))
            low, high = (value, high) if bound.group(1) in (">=", ">", "≥") else (low, value)
        elif word.startswith(("since:", "until:")):
            key, _, when = word.partition(":")
            since, until = (date_arg(when, key), until) if key == "since" else (since, date_arg(when, key))
        else:
            words.append(word)
    return FigureFilter(tuple(types) or FigureFilter.types, low, high, " ".join(words), since, until, sort, articles)


class FiguresScreen(ListScreen):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("o", "order", "Order"),
        Binding("s", "scope", "Scope"),
    ]
    FILTER = "#figures-filter"

    def __init__(self, library: Library, article: str | None = None, query: str = "") -> None:
        super().__init__()
        self.library = library
        self.article = article
        self.query_text = query
        self.sort = "value"
        self.scope = "corpus"  # corpus, article, search
        self.rows: list[Figure] = []
        self._generation = -1  # of the spans the list was read from

    def compose(self) -> ComposeResult:
        yield Label("", id="figures-status")
        yield Input(placeholder="filter: 金额 >=1亿 since:2024 text …", id="figures-filter")
        yield Label(figure_header(), id="figures-head")
        yield OptionList(id="figures-list")
        yield Footer()

    def on_mount(self) -> None:
        self.run_filter()
        self.query_one("#figures-filter", Input).focus()

    def shown_again(self, moved: bool) -> None:
        if moved or self._generation != self._spans_generation():
            self.run_filter()

    def _spans_generation(self) -> int:
        """The store's generation: the figures move with it (a file re-annotated, added or removed)."""
        from tui.store.schema import generation

        index = self.library.index
        with index._lock:
            return generation(index.db)

    @on(Input.Changed, "#figures-filter")
    def run_filter(self) -> None:
        text = self.query_one("#figures-filter", Input).value
        try:
            f = parse_filter(text, self.sort)
        except (ValueError, QueryError) as exc:
            self.query_one("#figures-status", Label).update(Text(str(exc)))
            return
        self._query(f)

    @work(thread=True, exclusive=True, group="figures", exit_on_error=False)
    def _query(self, f: FigureFilter) -> None:
        if self.scope != "corpus":
            f = replace(f, articles=self.library.scope_articles(self.scope, self.article, self.query_text))
        self._generation = self._spans_generation()
        rows = figures(self.library.index, f, SHOWN + 1)
        self.app.call_from_thread(self._show, rows)

    def _show(self, rows: list[Figure]) -> None:
        self.rows = rows[:SHOWN]
        dark = self.app.current_theme.dark if self.app.current_theme else True
        box = self.query_one("#figures-list", OptionList)
        box.clear_options()
        box.add_options([figure_prompt(r, dark, box.size.width - 4) for r in self.rows])
        if self.rows:
            box.highlighted = 0
        count = f"first {SHOWN} figures" if len(rows) > SHOWN else f"{len(rows)} figures"
        order = "largest first" if self.sort == "value" else "newest first"
        scope = {"corpus": "whole corpus", "article": "this article"}.get(self.scope, "the search's hits")
        self.query_one("#figures-status", Label).update(Text(f"{count} · {order} (o) · {scope} (s) · Enter opens"))

    @on(OptionList.OptionSelected, "#figures-list")
    def chosen(self, event: OptionList.OptionSelected) -> None:
        if self.is_current and 0 <= event.option_index < len(self.rows):
            f = self.rows[event.option_index]
            self.dismiss(MentionTarget(f.article, f.path, f.pidx, f.start, f.stop))

    @on(Input.Submitted, "#figures-filter")
    def to_list(self) -> None:
        self.query_one("#figures-list", OptionList).focus()

    def action_order(self) -> None:
        self.sort = "date" if self.sort == "value" else "value"
        self.run_filter()

    def action_scope(self) -> None:
        self.scope = SCOPES[(SCOPES.index(self.scope) + 1) % len(SCOPES)]
        self.run_filter()

    def _list(self) -> OptionList:
        return self.query_one("#figures-list", OptionList)
