"""Modal screens: help (generated from the bindings), search, basket and export."""

from __future__ import annotations

import sqlite3
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar, Protocol

from rich.cells import cell_len
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen, Screen
from textual.widgets import Button, Checkbox, DataTable, Input, Label, OptionList, ProgressBar, Select, Static
from textual.widgets.option_list import Option

from tui.export.passages import Passage, from_hit
from tui.export.writers import FORMATS, default_path
from tui.paths import export_dir
from tui.safe_text import one_line
from tui.search.filters import QueryError
from tui.search.hits import Cancelled, Found, Hit
from tui.search.snippet import snippet as make_snippet
from tui.ui.keymap import APP_KEYS, ARTICLE_KEYS, TREE_KEYS
from tui.ui.query_suggester import HINT, FilterSuggester
from tui.ui.search_status import count_said, same_page, tail


def key_label(keys: str) -> str:
    names = {"slash": "/", "question_mark": "?", "left_square_bracket": "[", "right_square_bracket": "]",
             "space": "space", "escape": "esc", "apostrophe": "'", "less_than_sign": "<", "greater_than_sign": ">"}
    return " ".join(names.get(k, k) for k in keys.split(","))


SHOWN_HITS = 30  # results listed; a query with more says so


@dataclass(frozen=True)
class OpenPassage:
    """The basket's answer: open this article at this paragraph."""

    article: str
    paragraph: int


@dataclass(frozen=True)
class ExportBasket:
    """The basket's answer: export what it holds."""


BasketResult = OpenPassage | ExportBasket


@dataclass(frozen=True)
class ExportChoice:
    """The export dialog's answer."""

    format: str
    path: Path
    highlights: bool
    force: bool = False


class HelpScreen(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,q,question_mark", "dismiss", "Close")]

    def compose(self) -> ComposeResult:
        table: DataTable[str] = DataTable(id="help-table", cursor_type="row")
        table.add_columns("where", "key", "what it does")
        for where, rows in (("anywhere", APP_KEYS), ("article", ARTICLE_KEYS), ("tree", TREE_KEYS)):
            for _, keys, _, desc, _ in rows:
                table.add_row(where, key_label(keys), desc)
        table.add_row("anywhere", "ctrl+p", "Command palette: every action, layers, theme")
        table.border_title = "阅览 Yuelan — keys (esc to close)"
        yield table


def close_once(screen: Screen[Any], result: object = None) -> None:
    """Dismiss a screen once. A second Enter (or a click and an Enter) queued before the screen has gone
    would pop the screen under it, or fail on an empty stack with a traceback on the user's terminal."""
    if screen.is_current:
        screen.dismiss(result)


class SearchHost(Protocol):
    """What the search screen is given: a way to search, to annotate a hit ahead, to keep the query and
    the basket to mark hits into (the main screen provides it)."""

    def search_hits(self, query: str, offset: int, cancel: threading.Event) -> Found: ...

    def search_first_page(self, query: str) -> Found | None: ...

    def prefetch_hit(self, hit: Hit) -> None: ...

    def remember_query(self, query: str) -> None: ...

    def add_to_basket(self, passages: list[Passage]) -> int: ...

    def in_basket(self, article: str) -> set[int]: ...

    def folders(self) -> list[str]: ...

    def years(self) -> list[str]: ...

    def kwic_screen(self, query: str) -> Screen[Any]: ...

    def open_target(self, target: Any) -> None: ...


class SearchScreen(ModalScreen[Hit | None]):
    """Search as you type: each keystroke cancels the previous worker; Enter opens the hit."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss_none", "Back"),
        Binding("down", "focus_results", "Results", show=False),
        Binding("space", "mark_hit", "Mark hit for the basket"),  # the search box consumes space itself
        Binding("ctrl+l", "kwic", "Concordance lines"),
    ]

    def __init__(self, host: SearchHost, last_query: str = "", select: int = 0) -> None:
        super().__init__()
        self.host = host
        self.select = select  # the result to put the cursor on once the hits are shown (coming back)
        self.last_query = last_query
        self.hits: list[Hit] = []
        self.total = 0  # matching paragraphs in all; the list loads the next page as the cursor nears its end
        self.shown_query = ""
        self._loading = False

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Input(value=self.last_query, placeholder="搜索 search: 词语, pinyin, 拼音首字母 …", id="query",
                        suggester=FilterSuggester(self.host.folders, self.host.years))
            yield Label(HINT, id="hint")
            yield ProgressBar(id="progress", show_eta=False)
            yield Label("", id="status")
            yield OptionList(id="results")

    def on_mount(self) -> None:
        self.query_one("#progress", ProgressBar).display = False
        box = self.query_one("#query", Input)
        box.focus()
        box.select_all()  # the last query is offered: typing replaces it, an arrow key keeps it
        if self.last_query:
            self.run_search(self.last_query)

    @on(Input.Changed, "#query")
    def changed(self, event: Input.Changed) -> None:
        self.host.remember_query(event.value)
        self.run_search(event.value)

    @on(Input.Submitted, "#query")
    def submitted(self) -> None:
        if self.hits:
            close_once(self, self.hits[0])

    @work(thread=True, exclusive=True, group="search", exit_on_error=False)
    def run_search(self, query: str) -> None:
        import time

        from textual.worker import get_current_worker

        time.sleep(0.12)  # debounce: a faster next keystroke cancels this worker
        worker = get_current_worker()
        if worker.is_cancelled:
            return
        cancel = threading.Event()
        quick = self.host.search_first_page(query)  # a common word: its first page before it is all counted
        if quick is not None and not worker.is_cancelled:
            self.app.call_from_thread(self.show_hits, query, quick)
        try:
            found = self.host.search_hits(query, 0, cancel)
        except Cancelled:
            return
        except QueryError as exc:  # a filter that cannot be read (since:2024-13): say so, keep the box
            if not worker.is_cancelled:
                self.app.call_from_thread(self._bad_query, str(exc))
            return
        except sqlite3.Error as exc:  # another yuelan holds the index while it writes a large update
            if not worker.is_cancelled:
                self.app.call_from_thread(self._search_failed, str(exc))
            return
        if worker.is_cancelled:
            return
        if quick is not None and same_page(quick, found):
            self.app.call_from_thread(self._counted, query, found)  # the page stands: only the count moves
        else:
            self.app.call_from_thread(self.show_hits, query, found)

    def _counted(self, query: str, found: Found) -> None:
        """Every hit counted after a first page was shown: the totals, and the list as it is."""
        if query != self.shown_query:
            return
        self.total = found.total
        self._say_count(query, found)

    def _bad_query(self, reason: str) -> None:
        self.query_one("#status", Label).update(Text(one_line(reason), style="bold"))

    def _search_failed(self, reason: str) -> None:
        self.query_one("#status", Label).update(Text(f"search unavailable for now ({one_line(reason)}); type again to retry"))

    def show_hits(self, query: str, found: Found) -> None:
        hits = found.hits
        self.hits, self.total, self.shown_query, self._loading = list(hits), found.total, query, False
        results = self.query_one("#results", OptionList)
        results.clear_options()
        status = self.query_one("#status", Label)
        if not query.strip():
            status.update("type to search every article")
            return
        if not hits:
            why = f": {one_line(found.note)}" if found.note else ""
            status.update(Text(f"no matches for “{one_line(query)}”{why}"))
            return
        self._say_count(query, found)
        self._add_options(hits, first=True)
        if 0 < self.select < len(hits):
            results.highlighted = self.select
            results.focus()
        self.select = 0
        self.host.prefetch_hit(hits[0])

    def _say_count(self, query: str, found: Found) -> None:
        self.query_one("#status", Label).update(count_said(query, found))

    def _add_options(self, hits: list[Hit], first: bool) -> None:
        results = self.query_one("#results", OptionList)
        for n, h in enumerate(hits):
            if n or not first:
                results.add_option(None)  # a rule between hits
            results.add_option(Option(self._label(h, h.paragraph in self.host.in_basket(h.article))))

    def _label(self, h: Hit, marked: bool) -> Text:
        """A hit as listed: ✓ when its passage is in the basket, its title, date and source on one line (the
        path shortened from the left to fit), then the match in context."""
        width = max(40, self.query_one("#results", OptionList).scrollable_content_region.width - 4)
        head = Text.assemble(("✓ " if marked else "", "bold green"), (one_line(h.title), "bold"),
                             (f"  {h.date}" if h.date else "", "italic"))
        where = f"  {one_line(h.path)}:{h.cited_line} ¶{h.paragraph}"
        room = width - head.cell_len
        if cell_len(where) > room:
            where = "  …" + tail(where, max(8, room - 3))
        snippet = make_snippet(h.text, h.matches, width=70, before=15)
        return Text.assemble(head, (where, "dim"), "\n  ", snippet)

    @work(thread=True, exclusive=True, group="more-hits", exit_on_error=False)
    def load_more(self, query: str, offset: int) -> None:
        """The next page of hits, appended when it comes (the list holds every hit the user scrolls to)."""
        try:
            found = self.host.search_hits(query, offset, threading.Event())
        except (Cancelled, sqlite3.Error):
            self.app.call_from_thread(setattr, self, "_loading", False)
            return
        self.app.call_from_thread(self._append, query, offset, found.hits)

    def _append(self, query: str, offset: int, hits: list[Hit]) -> None:
        self._loading = False
        if query != self.shown_query or offset != len(self.hits):
            return  # a newer query, or a page already added
        self.hits += hits
        self._add_options(hits, first=False)

    def set_progress(self, done: int, total: int) -> None:
        bar = self.query_one("#progress", ProgressBar)
        bar.display = done < total
        bar.update(total=total, progress=done)
        if done < total:
            self.query_one("#status", Label).update(f"building the index… {done}/{total} files")

    @on(OptionList.OptionHighlighted, "#results")
    def hit_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        near_end = event.option_index >= len(self.hits) - 3
        if near_end and len(self.hits) < self.total and not self._loading:
            self._loading = True
            self.load_more(self.shown_query, len(self.hits))
        if event.option_index < len(self.hits):
            hit = self.hits[event.option_index]
            self.host.prefetch_hit(hit)

    @on(OptionList.OptionSelected, "#results")
    def chosen(self, event: OptionList.OptionSelected) -> None:
        close_once(self, self.hits[event.option_index])

    def action_mark_hit(self) -> None:
        results = self.query_one("#results", OptionList)
        index = results.highlighted if results.highlighted is not None else 0
        if not results.has_focus or index >= len(self.hits):
            return
        added = self.host.add_to_basket([from_hit(self.hits[index])])
        results.replace_option_prompt_at_index(index, self._label(self.hits[index], True))
        self.notify(f"{added} passage(s) added to the basket")

    def action_focus_results(self) -> None:
        results = self.query_one("#results", OptionList)
        results.focus()
        if results.highlighted is None and results.option_count:
            results.highlighted = 0  # ↓ from the box lands on the first hit

    def action_kwic(self) -> None:
        """The query's concordance over its hits (``ctrl+l`` or Esc there comes back to them); a line
        chosen there ends the search and opens the article at it."""
        query = self.query_one("#query", Input).value.strip()

        def chosen(target: object) -> None:
            if target is not None and self.is_current:
                self.dismiss(None)
                self.host.open_target(target)

        if self.is_current and query:
            self.app.push_screen(self.host.kwic_screen(query), chosen)

    def action_dismiss_none(self) -> None:
        close_once(self, None)


class ExportScreen(ModalScreen[ExportChoice | None]):
    """Format, path and whether to include highlights; Enter writes, Esc cancels."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "dismiss_none", "Cancel")]

    def __init__(self, count: int, source: str, fmt: str = "md") -> None:
        super().__init__()
        self.count = count
        self.source = source
        self.fmt = fmt if fmt in FORMATS or fmt == "clipboard" else "md"  # the format chosen last time

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(f"Export {self.count} passages ({self.source})")
            yield Select([(f, f) for f in FORMATS] + [("clipboard (markdown)", "clipboard")], value=self.fmt,
                         allow_blank=False, id="format")
            yield Input(str(default_path("md" if self.fmt == "clipboard" else self.fmt, export_dir())), id="path")
            yield Checkbox("include highlights (numbers, entities): no", id="highlights")
            with Horizontal():
                yield Button("Export", variant="primary", id="go")
                yield Button("Cancel", id="cancel")
            yield Label("", id="error")

    @on(Select.Changed, "#format")
    def fmt_changed(self, event: Select.Changed) -> None:
        if event.value != "clipboard":
            inp = self.query_one("#path", Input)
            inp.value = str(Path(inp.value).with_suffix(f".{event.value}"))

    @on(Checkbox.Changed, "#highlights")
    def highlights_changed(self, event: Checkbox.Changed) -> None:
        """Said in words, not only by the colour of the box's X."""
        event.checkbox.label = f"include highlights (numbers, entities): {'yes' if event.value else 'no'}"

    @on(Button.Pressed, "#go")
    @on(Input.Submitted, "#path")
    def go(self) -> None:
        fmt = str(self.query_one("#format", Select).value)
        close_once(self, ExportChoice(fmt, Path(self.query_one("#path", Input).value), self.query_one("#highlights", Checkbox).value))

    @on(Button.Pressed, "#cancel")
    def action_dismiss_none(self) -> None:
        close_once(self, None)


class ConfirmScreen(ModalScreen[bool]):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("y", "yes", "Yes"), Binding("n,escape", "no", "No")]

    def __init__(self, question: str) -> None:
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        yield Label(Text.assemble(one_line(self.question), "  ", ("y", "bold"), "es / ", ("n", "bold"), "o"))

    def action_yes(self) -> None:
        close_once(self, True)

    def action_no(self) -> None:
        close_once(self, False)


__all__ = ["ConfirmScreen", "ExportScreen", "HelpScreen", "Passage", "SearchScreen"]
