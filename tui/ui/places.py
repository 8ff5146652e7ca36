"""Bookmarks and the history of opened articles, kept in the state database (so they survive a crash or
``kill -9``: each change is its own transaction).

``m`` bookmarks the paragraph under the cursor; ``'`` lists the corpus's bookmarks (Enter opens one,
``d`` removes); ``ctrl+o`` goes back to the article read before (at the paragraph it was left at) and
``ctrl+i`` forward again, as in vim (``alt+←``/``alt+→`` too: most terminals send ``ctrl+i`` as Tab).
A part of the main screen (``reader_base``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from tui.model import Article
from tui.paths import corpus_key
from tui.safe_text import one_line
from tui.state import Bookmark
from tui.ui.article_view import ArticleView
from tui.ui.reader_base import ReaderBase

HISTORY_MOST = 200  # visits kept per corpus
EXCERPT = 60  # characters of the paragraph kept with a bookmark


@dataclass
class History:
    """Visited (article, path, paragraph), oldest first, and where in them the reader is."""

    visits: list[list[object]] = field(default_factory=list)
    at: int = -1

    @classmethod
    def of(cls, value: object) -> History:
        """From the state's JSON; anything unreadable is an empty history."""
        if isinstance(value, dict) and isinstance(value.get("visits"), list) and isinstance(value.get("at"), int):
            visits = [v for v in value["visits"] if isinstance(v, list) and len(v) == 3]
            return cls(visits, min(value["at"], len(visits) - 1))
        return cls()

    def to_json(self) -> dict[str, object]:
        return {"visits": self.visits, "at": self.at}

    def visit(self, article: str, path: str, paragraph: int) -> None:
        """A new article opened: what was ahead of the reader (after going back) is dropped, as in vim."""
        if 0 <= self.at < len(self.visits) and self.visits[self.at][0] == article:
            self.visits[self.at][2] = paragraph
            return
        del self.visits[self.at + 1:]
        self.visits.append([article, path, paragraph])
        del self.visits[:-HISTORY_MOST]
        self.at = len(self.visits) - 1


class PlaceActions(ReaderBase):
    _walking = False  # an open that moves along the history must not add to it

    @property
    def _history_key(self) -> str:
        return f"history:{corpus_key(self.library.root)}"

    def record_visit(self, *visits: tuple[Article, int]) -> None:
        """Called as an article opens, with the one left and the paragraph it was left at: one write to the
        state file for both (each write is a transaction, synced to disk)."""
        if self._walking:
            return
        history = History.of(self.library.state.get(self._history_key))
        for article, paragraph in visits:
            history.visit(article.id, article.path, paragraph)
        self.library.state.set(self._history_key, history.to_json())

    async def action_history_back(self) -> None:
        await self._walk(-1)

    async def action_history_forward(self) -> None:
        await self._walk(1)

    async def _walk(self, delta: int) -> None:
        history = History.of(self.library.state.get(self._history_key))
        if self.current is not None:  # the place being left, so that coming back returns to it
            history.visit(self.current.id, self.current.path, self.query_one(ArticleView).cursor)
        k = history.at + delta
        if not 0 <= k < len(history.visits):
            self.library.state.set(self._history_key, history.to_json())
            self.notify("no older article in the history" if delta < 0 else "no newer article in the history")
            return
        article_id, path, paragraph = history.visits[k]
        art = self.find_article(str(article_id), str(path))
        history.at = k
        self.library.state.set(self._history_key, history.to_json())  # one write: the place left, the step
        if art is None:
            self.notify("that article is no longer in the corpus", severity="warning")
            return
        self._walking = True
        try:
            await self.open_article(art, int(paragraph) if isinstance(paragraph, int) else 1)
        finally:
            self._walking = False
        self.query_one(ArticleView).focus()

    def action_bookmark(self) -> None:
        if self.current is None:
            self.app.bell()
            return
        view = self.query_one(ArticleView)
        para = self.current.paragraphs[view.cursor - 1]
        mark = Bookmark(corpus_key(self.library.root), self.current.id, self.current.path, self.current.title,
                        para.index, para.lines[0], one_line(para.text)[:EXCERPT])
        if self.library.state.add_bookmark(mark):
            self.notify(f"bookmarked ¶{para.index} of “{one_line(self.current.title)}” (' lists bookmarks)",
                        markup=False)

    def action_bookmarks(self) -> None:
        from tui.ui.bookmarks_screen import BookmarksScreen  # (imported when first used: start-up stays short)

        screen = BookmarksScreen(self.library.state, corpus_key(self.library.root))

        async def done(picked: Bookmark | None) -> None:
            if picked is not None:
                await self.open_at(picked.article, picked.path, picked.paragraph)

        self.app.push_screen(screen, done)
