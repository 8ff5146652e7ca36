"""The corpus-wide views of the main screen: the Entities screen (``E``) and the Figures screen (``F``),
opened over the reader and coming back with a place to open; and the background pass that fills the
annotation store and the entity index they read, after the search index is ready.

A part of the main screen (``reader_base``).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from textual import work
from textual.screen import Screen

from tui.ui.entity_rows import MentionTarget
from tui.ui.list_screen import ListScreen
from tui.ui.reader_base import ReaderBase

if TYPE_CHECKING:
    from tui.ui.library import Library


class CorpusViews(ReaderBase):
    last_query: str

    @work(thread=True, exclusive=True, group="store", exit_on_error=False)
    def build_store(self) -> None:
        """Annotate the corpus into the store and count its entities, while the user reads. Off when
        ``YUELAN_STORE=0`` (the tests that do not need it)."""
        if os.environ.get("YUELAN_STORE") == "0":
            if self.library.entities.built():
                self.library.entities.rows()  # built by ``yuelan index``: read once here, so E opens from memory
            return
        from tui.entities.derive import derive
        from tui.store.build import build_store

        base = self.app.sub_title
        step = [0]

        def progress(done: int, total: int, _: str) -> None:  # every 2 %: the header says how far it is
            if total and (done * 50 // total != step[0] or done == total):
                step[0] = done * 50 // total
                said = f"{base} · annotating {done}/{total} files" if done < total else base
                self.app.call_from_thread(setattr, self.app, "sub_title", said)

        try:
            stats = build_store(self.library.index, progress)
            if self.library.entities.stale():
                derive(self.library.index)
            self.library.entities.rows()  # read once here, so that E opens from memory
        except Exception as exc:  # noqa: BLE001 - the reader works without the store
            self.notify_anywhere(f"could not annotate the corpus: {exc}", "warning")
            return
        if stats.files:
            self.notify_anywhere(f"annotated {stats.files} files: E lists the corpus's entities, F its figures")

    def action_entities(self) -> None:
        from tui.ui.entities_screen import EntitiesScreen

        self._push_list_screen(EntitiesScreen)

    def action_figures(self) -> None:
        from tui.ui.figures_screen import FiguresScreen

        self._push_list_screen(FiguresScreen)

    def _push_list_screen(self, kind: Callable[[Library, str | None, str], ListScreen]) -> None:
        """The Entities or Figures screen, made once per corpus and shown again as it was left (its
        filter, type, scope and place), told the open article and the last search: composing it anew
        cost ~150 ms of styling and layout at every E. An installed screen is kept when dismissed."""
        article = self.current.id if self.current else None
        name = f"{getattr(kind, '__name__', 'list')}-{id(self.library)}"
        if not self.app.is_screen_installed(name):
            self.app.install_screen(kind(self.library, article, self.last_query), name)
        else:
            screen = self.app.get_screen(name)
            assert isinstance(screen, ListScreen)
            screen.reopen(article, self.last_query)
        self.app.push_screen(name, self._open_target)

    def action_words(self) -> None:
        from tui.ui.words_screen import WordsScreen

        def searched(word: str | None) -> None:
            if word:
                self.last_query = word
                self.call_later(self.action_search)

        self.app.push_screen(WordsScreen(self.library), searched)

    def action_search(self, select: int = 0) -> None:
        raise NotImplementedError

    def action_kwic(self) -> None:
        from tui.ui.kwic_screen import KwicScreen

        self.app.push_screen(KwicScreen(self.library, self.last_query), self._open_target)

    def kwic_screen(self, query: str) -> Screen[Any]:
        """The concordance the search box opens over its hits."""
        from tui.ui.kwic_screen import KwicScreen

        self.last_query = query
        return KwicScreen(self.library, query)

    def open_target(self, target: Any) -> None:
        """A line chosen in a concordance opened from the search box."""
        if isinstance(target, MentionTarget):
            self.call_later(self._open_target, target)

    async def _open_target(self, target: MentionTarget | None) -> None:
        """The article at the mention or figure, the span lit (n/N step through the lit spans)."""
        if target is not None:
            await self.open_at(target.article, target.path, target.paragraph, (target.start, target.stop))
