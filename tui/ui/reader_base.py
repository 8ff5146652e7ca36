"""What the parts of the main screen share: the library, the open article, and how to open one.

The main screen is split by job into parts (``annotation_workers``, ``basket_actions``, ``tree_filter``),
each a ``Screen`` subclass of this base, so that every part is typed against Textual's API and the shared
state below rather than reaching up to the app. ``MainScreen`` joins them.
"""

from __future__ import annotations

import threading

from textual.notifications import SeverityLevel
from textual.screen import Screen

from tui.model import Article
from tui.ui.library import Library


class ReaderBase(Screen[None]):
    library: Library
    current: Article | None

    async def open_article(self, article: Article, paragraph: int = 1,
                           matches: dict[int, list[tuple[int, int]]] | None = None) -> None:
        raise NotImplementedError

    def notify_anywhere(self, message: str, severity: SeverityLevel = "information") -> None:
        """A notification from the UI thread or a worker thread alike (call_from_thread refuses the UI
        thread). Never markup: messages carry file names and errors."""
        if threading.get_ident() == self.app._thread_id:
            self.notify(message, severity=severity, markup=False)
        else:
            self.app.call_from_thread(self.notify, message, severity=severity, markup=False)

    def find_article(self, article_id: str, rel: str | None = None) -> Article | None:
        return self.library.find_article(article_id, rel, self.warn)

    def warn(self, message: str) -> None:
        self.notify_anywhere(message, "warning")
