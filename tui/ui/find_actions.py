"""Find in the open article (``ctrl+f``): a bar under the article; every occurrence is lit as the user
types, the first one at or after the reading place is made current and shown, and the bar counts them
("3/17", in the bar's border). Enter hands the keys back to the article, where ``n``/``N`` step through the occurrences and the
count follows; ``Esc`` closes the bar and unlights them. A part of the main screen (``reader_base``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from textual import on
from textual.containers import Horizontal
from textual.widgets import Input

from tui.ui.article_view import ArticleView

if TYPE_CHECKING:
    from tui.search.matches import Keys
from tui.ui.reader_base import ReaderBase


class FindInput(Input):
    """The find box. It finds as its value changes, inside the key's own handling rather than on the
    Changed message that follows: the lit rows then go out in the same frame as the typed character (a
    frame, ~10 ms, and a refresh tick, up to ~25 ms, sooner)."""

    def __init__(self, find: Callable[[str], None], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._find = find

    def watch_value(self, value: str) -> None:
        self._find(value)


class FindActions(ReaderBase):
    _find_keys: tuple[str, Keys] | None = None  # the open article's id and its paragraphs' search keys

    async def action_find(self) -> None:
        if not self.query("#findbar"):  # mounted at its first use: start-up composes one widget fewer
            await self.query_one("#reading").mount(Horizontal(
                FindInput(self.find_now, placeholder="find in this article · Enter: read on, n/N · Esc: close",
                          id="find"), id="findbar"))
        bar = self.query_one("#findbar")
        box = self.query_one("#find", Input)
        bar.remove_class("-hidden")
        box.focus()
        box.select_all()
        if box.value:
            self.find_now(box.value)

    @property
    def finding(self) -> bool:
        bars = self.query("#findbar")
        return bool(bars) and not bars.first().has_class("-hidden")

    @on(Input.Submitted, "#find")
    def find_submitted(self) -> None:
        view = self.query_one(ArticleView)
        if view.current_match is not None:
            view.focus()  # n/N go on from here

    def find_now(self, query: str) -> None:
        """Light every occurrence and go to the first at or after the reading place."""
        from tui.search.find_in import by_paragraph, first_from, occurrences  # (first use: not at start-up)
        from tui.search.matches import keys_of

        view = self.query_one(ArticleView)
        if self.current is None:
            self.show_find_count()
            return
        texts = [p.text for p in self.current.paragraphs]
        if self._find_keys is None or self._find_keys[0] != self.current.id:
            self._find_keys = (self.current.id, keys_of(texts))  # once per article, not per keystroke
        found = occurrences(query, texts, self._find_keys[1])
        view.set_matches(by_paragraph(found), first_from(found, view.cursor))
        self.show_find_count(query)

    def show_find_count(self, query: str | None = None) -> None:
        if not self.finding:
            return
        at, total = self.query_one(ArticleView).match_position()
        text = f"{at}/{total}" if total else ("no match" if (query or self.query_one("#find", Input).value) else "")
        # in the box's border: a label's update re-lays the whole screen, a frame's worth at every keystroke
        self.query_one("#find", Input).border_subtitle = text

    def close_find(self) -> bool:
        """Close the bar and unlight its matches; whether it was open."""
        if not self.finding:
            return False
        self.query_one("#findbar").add_class("-hidden")
        view = self.query_one(ArticleView)
        view.set_matches({})
        view.focus()
        return True
