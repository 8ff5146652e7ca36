"""Marking passages in the article pane: the mouse selection, the paragraph cursor and ranges (v … Enter).

A mixin of ``ArticleView`` so that the widget module keeps to layout and drawing; it uses the view's
``article``, ``cursor``, ``marked``, ``range_anchor`` and ``row_layout`` and posts its ``Marked`` message.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any

from textual.selection import Selection

from tui.export.passages import Passage, as_one, from_article

if TYPE_CHECKING:
    from tui.model import Article
    from tui.ui.rows import RowLayout


class MarkActions:
    article: Article | None
    cursor: int
    marked: set[int]
    range_anchor: int | None
    row_layout: RowLayout
    text_selection: Selection | None
    app: Any
    Marked: Any

    if TYPE_CHECKING:  # provided by ArticleView and Textual's widget; declared for the type checker only
        def _invalidate(self, paragraphs: set[int] | None = None) -> None: ...

        def post_message(self, message: Any) -> bool: ...

        def _show_range_mode(self) -> None: ...

    def selected_ranges(self, selection: Selection) -> list[tuple[int, int, int]]:
        """(paragraph, start, end) for each paragraph a selection covers, in paragraph offsets."""
        start = None if selection.start is None else (selection.start.y, selection.start.x)
        end = None if selection.end is None else (selection.end.y, selection.end.x)
        return self.row_layout.selected_ranges(start, end)

    def get_selection(self, selection: Selection) -> tuple[str, str] | None:
        """Selected text with wrapped rows joined back together: Chinese has no spaces to lose, so a
        copied sentence must not gain line breaks where the screen happened to wrap it."""
        if self.article is None:
            return None
        pieces = [self.article.paragraphs[i - 1].text[a:b] for i, a, b in self.selected_ranges(selection)]
        return ("\n".join(pieces), "\n") if pieces else None

    def selected_passages(self) -> list[Passage]:
        if not self.article or (selection := self.text_selection) is None:
            return []
        out: list[Passage] = []
        for idx, a, b in self.selected_ranges(selection):
            text = self.article.paragraphs[idx - 1].text[a:b].strip()
            if text:
                out.append(replace(from_article(self.article, [idx])[0], text=text))
        return out

    def _range(self) -> tuple[int, int]:
        if self.range_anchor is None:
            return (0, -1)
        return (min(self.range_anchor, self.cursor), max(self.range_anchor, self.cursor))

    def action_mark(self) -> None:
        """Mark the mouse selection if there is one (each paragraph it covers, only the selected text),
        else the paragraph under the cursor."""
        if not self.article:
            return
        selected = self.selected_passages()
        if selected:
            self.app.clear_selection()
        else:
            selected = from_article(self.article, [self.cursor])
        self.marked.update(p.paragraph for p in selected)
        self._invalidate({p.paragraph for p in selected})
        self.post_message(self.Marked(selected))

    def action_range(self) -> None:
        if self.range_anchor is None:
            self.range_anchor = self.cursor
        else:
            self.range_anchor = None
        self._show_range_mode()
        self._invalidate()


    def confirm_range(self) -> bool:
        if self.range_anchor is None or not self.article:
            return False
        lo, hi = self._range()
        self.range_anchor = None
        self._show_range_mode()
        indices = list(range(lo, hi + 1))
        self.marked.update(indices)
        self._invalidate()
        self.post_message(self.Marked([as_one(from_article(self.article, indices))]))  # one passage, as marked
        return True

    def key_enter(self) -> None:
        self.confirm_range()

