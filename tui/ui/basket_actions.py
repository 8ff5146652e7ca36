"""The basket and export flow of the reader: collected passages, the export dialog, the clipboard.

A part of the main screen (``reader_base``): it uses the library's state and annotation cache, the open
article and the article view.
"""

from __future__ import annotations

from dataclasses import replace

from tui.export.clipboard import copy_message, to_tmux
from tui.export.passages import Passage, from_article
from tui.export.verify import verify
from tui.export.writers import ExportError, ExportExists, SpanSource, render, write
from tui.safe_text import one_line
from tui.ui.article_view import ArticleView
from tui.ui.basket_screen import BasketScreen
from tui.ui.reader_base import ReaderBase
from tui.ui.screens import (
    BasketResult,
    ConfirmScreen,
    ExportBasket,
    ExportChoice,
    ExportScreen,
    OpenPassage,
)


class BasketActions(ReaderBase):
    def action_basket(self) -> None:
        def done(result: BasketResult | None) -> None:
            if isinstance(result, ExportBasket):
                self.action_export(basket=True)
            elif isinstance(result, OpenPassage):
                art = self.find_article(result.article)
                if art:
                    self.call_later(self.open_article, art, result.paragraph)

        self.app.push_screen(BasketScreen(self.library.state), done)

    def action_export(self, basket: bool | None = None) -> None:
        items = [p for _, p in self.library.state.basket()]
        source = "basket"
        if not items and self.current and not basket:
            view = self.query_one(ArticleView)
            items = from_article(self.current, sorted(view.marked) or None)
            source = "this article"
        if not items:
            self.notify("nothing to export: mark passages with space first", severity="warning")
            return
        state = self.library.state

        def chosen(choice: ExportChoice | None) -> None:
            if choice is not None:
                state.set("export_format", choice.format)  # offered first next time
                self._do_export(items, choice)

        last = str(state.get("export_format", "md") or "md")
        self.app.push_screen(ExportScreen(len(items), source, last), chosen)

    def _do_export(self, items: list[Passage], choice: ExportChoice) -> None:
        """Each passage checked against its file first (the clipboard too), then copied or written."""
        items, problems = verify(items, self.library.root)
        for problem in problems:
            self.notify(one_line(problem), severity="warning", markup=False)
        if not items:
            return
        spans = self.library.annotations.spans if choice.highlights or choice.format == "jsonl" else None
        if choice.format == "clipboard":
            text = render(items, "md", spans)
            self.app.copy_to_clipboard(text)
            tmux = to_tmux(text)
            self.notify(copy_message(len(items), tmux), markup=False,
                        severity="warning" if tmux and tmux.startswith("not") else "information")
            return
        self._write(items, choice, spans)

    def _write(self, items: list[Passage], choice: ExportChoice, spans: SpanSource | None) -> None:
        """Write the file; an existing one is overwritten only once the user says so."""
        try:
            written = write(items, choice.format, choice.path, force=choice.force, spans=spans)
        except ExportExists:
            def confirmed(yes: bool | None) -> None:
                if yes:
                    self._write(items, replace(choice, force=True), spans)

            self.app.push_screen(ConfirmScreen(f"{one_line(str(choice.path))} exists. Overwrite?"), confirmed)
            return
        except ExportError as exc:
            self.notify(f"export failed: {one_line(str(exc))}", severity="error", markup=False)
            return
        self.notify(f"exported {len(items)} passages → {one_line(str(written))}", markup=False)

