"""What the search screen is given (``screens.SearchHost``): a way to search, to annotate a hit ahead, to
keep the query, the folders and years to complete filters with, and the basket to mark hits into. A part
of the main screen (``reader_base``); it annotates a hit ahead with ``AnnotationWorkers``."""

from __future__ import annotations

import threading

from tui.export.passages import Passage
from tui.search.hits import Found, Hit
from tui.ui.annotation_workers import AnnotationWorkers
from tui.ui.screens import SHOWN_HITS


class SearchHostPart(AnnotationWorkers):
    last_query: str

    def report_state_problem(self) -> None:
        raise NotImplementedError

    def search_hits(self, query: str, offset: int, cancel: threading.Event) -> Found:
        """A page of hits and the totals; called from the search screen's worker threads."""
        return self.library.search(query, SHOWN_HITS, offset, cancel, self.warn)

    def search_first_page(self, query: str) -> Found | None:
        """A common word's first page before its hits are all counted (``search.quick``), or None."""
        return self.library.first_page(query, SHOWN_HITS)

    def prefetch_hit(self, hit: Hit) -> None:
        self.prefetch(hit.article, hit.path)

    def remember_query(self, query: str) -> None:
        self.last_query = query

    def folders(self) -> list[str]:
        return self.library.folders()

    def years(self) -> list[str]:
        return self.library.years()

    def in_basket(self, article: str) -> set[int]:
        return self.library.state.marked(article)

    def add_to_basket(self, passages: list[Passage]) -> int:
        added = self.library.state.add(passages)
        self.report_state_problem()
        return added
