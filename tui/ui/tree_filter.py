"""Filtering the corpus tree by title or path as the user types (`f`).

A part of the main screen (``reader_base``): it uses the library's index, its ``index_ready`` event and its
``titles`` cache (reset whenever the index changes). Titles are compared in the search normal form, so
traditional characters and full-width digits find their simplified, half-width titles.
"""

from __future__ import annotations

from textual import work
from textual.widgets import Input

from tui.search.normalize import norm
from tui.ui.corpus_tree import CorpusTree
from tui.ui.reader_base import ReaderBase

MAX_FILTERED = 2000  # articles listed at most: the tree stays fast


class TreeFilterActions(ReaderBase):
    def action_tree_filter(self) -> None:
        box = self.query_one("#tree-filter", Input)
        box.remove_class("-hidden")
        box.focus()

    @work(thread=True, exclusive=True, group="filter", exit_on_error=False)
    def filter_tree(self, query: str) -> None:
        q = norm(query.strip())
        tree = self.query_one(CorpusTree)
        if not q:
            self.app.call_from_thread(tree.show_whole_corpus)
            return
        library = self.library
        library.index_ready.wait(timeout=60)
        if library.titles is None:
            library.titles = [(i, p, t, norm(t), p.lower()) for i, p, t in library.index.all_titles()]
        rows = [(i, p, t) for i, p, t, nt, lp in library.titles if q in nt or q in lp][:MAX_FILTERED]
        self.app.call_from_thread(tree.show_filtered, query.strip(), rows)

