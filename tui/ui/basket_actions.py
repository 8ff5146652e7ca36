"""The basket and export flow of the reader: collected passages, the export dialog, the clipboard.

A mixin of the app so that app.py keeps to layout and dispatch; it uses the app's ``state``,
``annotations``, ``current`` and article view.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from tui.export.passages import Passage, from_article
from tui.export.verify import verify
from tui.export.writers import ExportError, ExportExists, render, write
from tui.safe_text import one_line
from tui.ui.article_view import ArticleView
from tui.ui.screens import (
    BasketResult,
    BasketScreen,
    ConfirmScreen,
    ExportBasket,
    ExportChoice,
    ExportScreen,
    OpenPassage,
)

if TYPE_CHECKING:
    from tui.annotate.cache import AnnotationCache
    from tui.model import Article
    from tui.state import State


class BasketActions:
    root: Path
    state: State
    annotations: AnnotationCache
    current: Article | None

    def action_basket(self) -> None:
        def done(result: BasketResult | None) -> None:
            if isinstance(result, ExportBasket):
                self.action_export(basket=True)
            elif isinstance(result, OpenPassage):
                art = self.find_article(result.article)
                if art:
                    self.call_later(self.open_article, art, result.paragraph)

        self.push_screen(BasketScreen(), done)

    def action_export(self, basket: bool | None = None) -> None:
        items = [p for _, p in self.state.basket()]
        source = "basket"
        if not items and self.current and not basket:
            view = self.query_one(ArticleView)
            items = from_article(self.current, sorted(view.marked) or None)
            source = "this article"
        if not items:
            self.notify("nothing to export: mark passages with space first", severity="warning")
            return
        self.push_screen(ExportScreen(len(items), source), lambda r: r and self._do_export(items, r))

    def _do_export(self, items: list[Passage], choice: ExportChoice) -> None:
        fmt, path, highlights, force = choice.format, choice.path, choice.highlights, choice.force
        spans = self.annotations.spans if highlights else None
        if fmt == "clipboard":
            self.copy_to_clipboard(render(items, "md", spans))
            self.notify(f"copied {len(items)} passages to the clipboard")
            return
        items, problems = verify(items, self.root)
        for problem in problems:
            self.notify(one_line(problem), severity="warning", markup=False)
        if not items:
            return
        try:
            written = write(items, fmt, path, force=force, spans=spans)
        except ExportExists:
            self.push_screen(ConfirmScreen(f"{one_line(str(path))} exists. Overwrite?"),
                             lambda yes: yes and self._do_export(items, replace(choice, force=True)))
            return
        except ExportError as exc:
            self.notify(f"export failed: {one_line(str(exc))}", severity="error", markup=False)
            return
        self.notify(f"exported {len(items)} passages → {one_line(str(written))}", markup=False)

