"""Filtering the corpus tree by title or path as the user types (`f`).

A mixin of the app, like the basket's (the app keeps the input's message handlers: Textual collects
``@on`` handlers from widget classes only): it uses the app's index, its ``index_ready`` event and the
``_titles`` cache (reset whenever the index changes). Titles are compared in the search normal form, so
traditional characters and full-width digits find their simplified, half-width titles.
"""

from __future__ import annotations

from textual import work
from textual.widgets import Input

from tui.search.normalize import norm
from tui.ui.corpus_tree import CorpusTree

MAX_FILTERED = 2000  # articles listed at most: the tree stays fast


class TreeFilterActions:
    def action_tree_filter(self) -> None:
        box = self.query_one("#tree-filter", Input)
        box.remove_class("-hidden")
        box.focus()

    @work(thread=True, exclusive=True, group="filter", exit_on_error=False)
    def filter_tree(self, query: str) -> None:
        q = norm(query.strip())
        if not q:
            self.call_from_thread(self.query_one(CorpusTree).reset)
            return
        self.index_ready.wait(timeout=60)
        if self._titles is None:
            self._titles = [(i, p, t, norm(t), p.lower()) for i, p, t in self.index.all_titles()]
        rows = [(i, p, t) for i, p, t, nt, lp in self._titles if q in nt or q in lp][:MAX_FILTERED]
        self.call_from_thread(self.query_one(CorpusTree).show_filtered, query.strip(), rows)

