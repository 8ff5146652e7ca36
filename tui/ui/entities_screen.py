"""The Entities screen (``E``): who and what the corpus names, how often, when, and with whom.

A filter box over the list (type to narrow; ``t`` cycles the type, ``s`` the scope: the whole corpus,
the open article, the current search's hits), each entity with its mentions, articles and a sparkline
of its months; the co-mentions of the highlighted one beside it. Enter lists its mentions, one line each
with context (a page at a time, the next as the cursor nears the end); Enter on a mention opens the
article there with the name lit. Everything is read by worker threads; the screen never waits.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Footer, Input, Label, OptionList

from tui.entities.queries import EntityIndex, EntityRow, MentionRow, filtered, month_span
from tui.safe_text import one_line
from tui.ui.entity_rows import (
    MentionTarget,
    bucketed,
    entity_header,
    entity_prompt,
    label,
    mention_prompt,
    spark_cells,
)
from tui.ui.list_screen import ListScreen

if TYPE_CHECKING:
    from tui.ui.library import Library

FIRST = 60  # entities drawn at once (a screenful and more: 300 options took 115 ms to add)
MORE = 200  # then this many more each time the cursor nears the end of the list
PAGE = 200  # mentions read at a time
FIRST_PAGE = 50  # … the first time: a screenful, drawn before the next page is read (200 options cost ~60 ms)
KINDS = (None, "person", "place", "organization")
SCOPES = ("corpus", "article", "search")
CO_WAIT = 0.12  # seconds the cursor rests on an entity before its co-mentions are read
CO_FIRST = 0.35  # … on opening the screen


class EntitiesScreen(ListScreen):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("t", "cycle_type", "Type"),
        Binding("s", "cycle_scope", "Scope"),
        Binding("g", "graph", "Over time"),
    ]
    FILTER = "#entities-filter"

    def __init__(self, library: Library, article: str | None = None, query: str = "") -> None:
        super().__init__()
        self.library = library
        self.entities: EntityIndex = library.entities
        self.article = article  # the open article, for the "article" scope
        self.query_text = query  # the current search, for the "search" scope
        self.kind: str | None = None
        self.scope = "corpus"
        self.all_rows: list[EntityRow] = []
        self.matches: list[EntityRow] = []  # every entity the filter lets through
        self.shown: list[EntityRow] = []  # the ones drawn so far (a prefix of ``matches``)
        self.mentions: list[MentionRow] = []
        self.entity: EntityRow | None = None  # whose mentions are listed
        self.span: list[str] = []
        self._co_shown = False  # co-mentions shown once: later ones wait less
        self._source: list[EntityRow] | None = None  # the entity index's rows the list was made from
        self._more = False  # the last page of mentions read was full

    def compose(self) -> ComposeResult:
        yield Label("", id="entities-status")
        yield Input(placeholder="filter entities: 名称 name …", id="entities-filter")
        with Horizontal(id="entities-body"):
            with Vertical(id="entities-box"):
                yield Label(entity_header(), id="entities-head")
                yield OptionList(id="entities-list")
                yield OptionList(id="mentions-list", classes="-hidden")
            with Vertical(id="co-box"):
                yield Label("co-mentions", id="co-title")
                yield OptionList(id="co-list")
        yield Footer()

    def on_mount(self) -> None:
        self.load()
        self.query_one("#entities-filter", Input).focus()

    def shown_again(self, moved: bool) -> None:
        self.load(fresh=moved)

    # ---- the list -------------------------------------------------------------------------------------
    @work(thread=True, exclusive=True, group="entities", exit_on_error=False)
    def load(self, fresh: bool = True) -> None:
        """The entity list for the scope (a worker: the first read of 25,000 rows takes ~100 ms). Not
        ``fresh`` (the screen shown again): drawn again only if the entity index was rebuilt meanwhile."""
        rows = self.entities.rows()
        if not fresh and rows is self._source:
            self.app.call_from_thread(self._status)
            return
        self._source = rows
        if self.scope != "corpus":
            counts = self.entities.in_paragraphs(self._scope_ranges())
            rows = [EntityRow(r.id, r.name, r.type, counts[r.id], r.articles, r.first, r.last)
                    for r in rows if counts.get(r.id)]
            rows.sort(key=lambda r: -r.mentions)
        firsts = [r.first for r in rows if r.first]
        lasts = [r.last for r in rows if r.last]
        span = month_span(min(firsts), max(lasts)) if firsts else []
        self.app.call_from_thread(self._loaded, rows, span)

    def _scope_ranges(self) -> list[tuple[int, int]]:
        from tui.store.read import article_range

        chosen = self.library.scope_articles(self.scope, self.article, self.query_text)
        return [r for a in chosen if (r := article_range(self.library.index, a))]

    def _loaded(self, rows: list[EntityRow], span: list[str]) -> None:
        self.all_rows, self.span = rows, span
        self.refilter()

    @on(Input.Changed, "#entities-filter")
    def refilter(self) -> None:
        text = self.query_one("#entities-filter", Input).value.strip()
        self.matches = filtered(self.all_rows, self.kind, text)
        self.shown = self.matches[:FIRST]
        self._sparks(self.shown, True)

    @work(thread=True, group="sparks", exit_on_error=False)
    def _sparks(self, rows: list[EntityRow], fresh: bool) -> None:
        months = self.entities.months_of([r.id for r in rows])
        self.app.call_from_thread(self._show_rows, rows, months, fresh)

    def _show_rows(self, rows: list[EntityRow], months: dict[int, dict[str, int]], fresh: bool) -> None:
        """Draw ``rows``: the list anew for a new filter, or appended to it as the cursor goes down."""
        if fresh and rows is not self.shown:
            return  # a newer filter is on its way
        box = self.query_one("#entities-list", OptionList)
        dark = self.app.current_theme.dark if self.app.current_theme else True
        cells, dates = spark_cells(box.size.width - 4)  # one line each, whatever the terminal's width
        if fresh:
            self.query_one("#entities-head", Label).update(entity_header(cells, dates))
            box.clear_options()
        elif box.option_count + len(rows) != len(self.shown):
            return  # the filter changed meanwhile
        box.add_options([entity_prompt(r, bucketed(months.get(r.id, {}), self.span, cells), dark, dates) for r in rows])
        if fresh and rows:
            box.highlighted = 0
        self._status()

    def _status(self) -> None:
        done, files = self._annotated()
        parts = [f"{len(self.matches)} entities",
                 f"type: {label(self.kind) if self.kind else 'all'} (t)", f"scope: {self._scope_said()} (s)"]
        if files and done < files:
            parts.append(f"annotated {done} of {files} files: counts grow as the store fills")
        elif not self.entities.built():
            parts.append("the entity index is being built")
        self.query_one("#entities-status", Label).update(Text(" · ".join(parts)))

    def _annotated(self) -> tuple[int, int]:
        from tui.store.build import progress_of

        try:
            return progress_of(self.library.index)
        except Exception:  # noqa: BLE001 - a status line is no reason to fail
            return 0, 0

    def _scope_said(self) -> str:
        if self.scope == "search":
            return f"search “{one_line(self.query_text)[:20]}”" if self.query_text else "search (none yet)"
        return "this article" if self.scope == "article" else "whole corpus"

    # ---- co-mentions and mentions ---------------------------------------------------------------------
    @on(OptionList.OptionHighlighted, "#entities-list")
    def highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if 0 <= event.option_index < len(self.shown):
            self._co_mentions(self.shown[event.option_index])
        in_step = self.query_one("#entities-list", OptionList).option_count == len(self.shown)
        if in_step and event.option_index >= len(self.shown) - 10 and len(self.shown) < len(self.matches):
            more = self.matches[len(self.shown):len(self.shown) + MORE]
            self.shown = self.shown + more
            self._sparks(more, False)

    @work(thread=True, exclusive=True, group="co", exit_on_error=False)
    def _co_mentions(self, row: EntityRow) -> None:
        from textual.worker import get_current_worker

        # the cursor may only be passing: a held j reads nothing for the rows it passes; and on opening,
        # the list is painted before the top entity's co-mentions (its heaviest) are read
        time.sleep(CO_FIRST if not self._co_shown else CO_WAIT)
        if get_current_worker().is_cancelled:
            return
        got = self.entities.co_mentions(row.id, 30)
        self.app.call_from_thread(self._show_co, row, got)

    def _show_co(self, row: EntityRow, got: list[tuple[EntityRow, int]]) -> None:
        self._co_shown = True
        self.query_one("#co-title", Label).update(Text(f"named with {one_line(row.name)} (paragraphs)"))
        box = self.query_one("#co-list", OptionList)
        box.clear_options()
        box.add_options([Text.assemble((f"{n:>5} ", "dim"), one_line(e.name), (f"  {label(e.type)}", "dim")) for e, n in got])

    @on(OptionList.OptionSelected, "#entities-list")
    def chosen(self, event: OptionList.OptionSelected) -> None:
        if 0 <= event.option_index < len(self.shown):
            self.open_entity(self.shown[event.option_index])

    def open_entity(self, row: EntityRow) -> None:
        """List the entity's mentions, their first page at once and the rest as the cursor goes down."""
        self.entity = row
        self.mentions = []
        self.query_one("#mentions-list", OptionList).clear_options()
        self._show_mentions(True)
        self._more_mentions(row, 0)

    @work(thread=True, exclusive=True, group="mentions", exit_on_error=False)
    def _more_mentions(self, row: EntityRow, offset: int) -> None:
        page = self.entities.mentions(row.id, offset, _page_size(offset))
        self.app.call_from_thread(self._add_mentions, row, offset, page)

    def _add_mentions(self, row: EntityRow, offset: int, page: list[MentionRow]) -> None:
        if row is not self.entity or offset != len(self.mentions):
            return
        self._more = len(page) == _page_size(offset)  # a full page: there may be more
        self.mentions += page
        box = self.query_one("#mentions-list", OptionList)
        side = max(8, (box.size.width - 18 - 2 * len(row.name)) // 2)  # one line each: the context fits the list
        box.add_options([mention_prompt(m, side) for m in page])
        if offset == 0 and page:
            box.highlighted = 0
        self.query_one("#entities-status", Label).update(Text(
            f"{one_line(row.name)}: {row.mentions} mentions in {row.articles} articles · Enter opens · Esc back"))

    @on(OptionList.OptionHighlighted, "#mentions-list")
    def near_end(self, event: OptionList.OptionHighlighted) -> None:
        entity = self.entity
        if entity is not None and self._more and event.option_index >= len(self.mentions) - 20:
            self._more_mentions(entity, len(self.mentions))

    @on(OptionList.OptionSelected, "#mentions-list")
    def open_mention(self, event: OptionList.OptionSelected) -> None:
        if self.is_current and 0 <= event.option_index < len(self.mentions):
            m = self.mentions[event.option_index]
            self.dismiss(MentionTarget(m.article, m.path, m.pidx, m.start, m.stop))

    def _show_mentions(self, on: bool) -> None:
        self.query_one("#entities-list").set_class(on, "-hidden")
        self.query_one("#entities-head").set_class(on, "-hidden")
        self.query_one("#mentions-list").set_class(not on, "-hidden")
        self.query_one("#mentions-list" if on else "#entities-list").focus()

    # ---- keys -----------------------------------------------------------------------------------------
    def action_back(self) -> None:
        if self.entity is not None:
            self.entity = None
            self._show_mentions(False)
            self._status()
        else:
            super().action_back()

    def action_graph(self) -> None:
        """The highlighted entity over time (stories naming it per 10,000 a month)."""
        from tui.ui.trend_screen import TrendScreen

        k = self.query_one("#entities-list", OptionList).highlighted
        if k is not None and 0 <= k < len(self.shown):
            self.app.push_screen(TrendScreen(self.library, [f"entity:{self.shown[k].name}"]))

    def action_cycle_type(self) -> None:
        self.kind = KINDS[(KINDS.index(self.kind) + 1) % len(KINDS)]
        self.refilter()

    def action_cycle_scope(self) -> None:
        self.scope = SCOPES[(SCOPES.index(self.scope) + 1) % len(SCOPES)]
        self.load()

    def _list(self) -> OptionList:
        return self.query_one("#mentions-list" if self.entity is not None else "#entities-list", OptionList)

    @on(Input.Submitted, "#entities-filter")
    def to_list(self) -> None:
        self._list().focus()


def _page_size(offset: int) -> int:
    """Mentions read from ``offset``: a screenful first, then pages as the cursor goes down."""
    return FIRST_PAGE if offset == 0 else PAGE
