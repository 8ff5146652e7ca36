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

    async def open_at(self, article_id: str, path: str | None, paragraph: int,
                      span: tuple[int, int] | None = None) -> bool:
        """Open an article at a paragraph (its last if the article is shorter now), ``span`` of it lit
        with the cursor on it, and the article pane focused: where a bookmark, a mention, a figure or a
        concordance line leads. An article gone from the corpus is a warning, and False."""
        from tui.ui.article_view import ArticleView

        art = self.find_article(article_id, path)
        if art is None:
            self.notify("that article is no longer in the corpus", severity="warning")
            return False
        paragraph = min(paragraph, len(art.paragraphs))
        await self.open_article(art, paragraph, {paragraph: [span]} if span else None)
        view = self.query_one(ArticleView)
        if span:
            view.start_at_match(paragraph)
        view.focus()
        return True

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
