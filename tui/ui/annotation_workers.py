"""Highlighting in the reader: annotating the open article off the UI thread, nearest paragraphs first, and
the article under the tree cursor ahead of opening it.

A part of the main screen (``reader_base``): it uses the library's annotation cache and helper process,
the open article, and the article view and side panel.
"""

from __future__ import annotations

import time

from textual import work

from tui.annotate.article import annotate_in_order, propagate_names
from tui.model import Article, Span
from tui.ui.article_view import ArticleView
from tui.ui.reader_base import ReaderBase
from tui.ui.side_panel import SidePanel

SpansByParagraph = dict[int, list[Span]]

FIRST_SCREEN = 12  # paragraphs annotated before the first highlights are drawn
PREFETCH_DELAY = 0.15  # s on a tree node or search hit before its article is annotated ahead of opening


class AnnotationWorkers(ReaderBase):
    @work(thread=True, exclusive=True, group="annotate", exit_on_error=False)
    def annotate_article(self, article: Article, first: int = 1) -> None:
        """Paragraphs nearest the one shown first, so the screen lights up before the end of a long
        article is done; a newer article cancels this one between paragraphs."""
        from textual.worker import get_current_worker

        worker = get_current_worker()
        stored = self._stored(article)
        if stored is not None:  # the annotation store has it: no annotating at all
            self.app.call_from_thread(self._spans_ready, article, stored, True)
            return
        order = sorted(article.paragraphs, key=lambda p: abs(p.index - first))  # what is on screen first

        def first_screen(ready: dict[int, list[Span]]) -> None:
            self.app.call_from_thread(self._spans_ready, article, {order[i].index: v for i, v in ready.items()}, False)

        library = self.library
        got = annotate_in_order([p.text for p in order], library.annotations, first_screen,
                                lambda: worker.is_cancelled, FIRST_SCREEN, library.helper)
        if got is None or worker.is_cancelled:
            return
        spans = {order[i].index: v for i, v in got.items()}
        ordered = [p.index for p in article.paragraphs]
        together = propagate_names([p.text for p in article.paragraphs], [spans[i] for i in ordered])
        self.app.call_from_thread(self._spans_ready, article, dict(zip(ordered, together, strict=True)), True)

    def _stored(self, article: Article) -> SpansByParagraph | None:
        """The article's spans from the annotation store (with the corpus pass's), if they are there
        and its file has not changed since."""
        from tui.store.read import article_spans

        try:
            return article_spans(self.library.index, article.id, [p.text for p in article.paragraphs])
        except Exception:  # noqa: BLE001 - a store that cannot be read is no reason not to annotate
            return None

    @work(thread=True, exclusive=True, group="prefetch", exit_on_error=False)
    def prefetch(self, article_id: str, rel: str | None = None) -> None:
        """Annotate the article under the tree cursor or the chosen search hit before it is opened, so
        that Enter shows it fully highlighted from the cache. Moving on cancels it; opening cancels it."""
        from textual.worker import get_current_worker

        worker = get_current_worker()
        time.sleep(PREFETCH_DELAY)  # the cursor may only be passing over this node
        if worker.is_cancelled:
            return
        art = self.find_article(article_id, rel)
        if art is not None:
            annotate_in_order([p.text for p in art.paragraphs], self.library.annotations,
                              cancelled=lambda: worker.is_cancelled)

    def _spans_ready(self, article: Article, spans: SpansByParagraph, final: bool = True) -> None:
        if self.current is None or self.current.id != article.id:
            return
        view = self.query_one(ArticleView)
        view.set_spans(spans)
        if final:
            # The article is what the reader is looking at, so its frame goes out first. The side panel
            # follows in the next frame: rebuilding it re-lays out the whole screen (~20 ms).
            self.call_after_refresh(self._show_side, article.id)

    def _show_side(self, article_id: str) -> None:
        if self.current is not None and self.current.id == article_id:
            view = self.query_one(ArticleView)
            self.query_one(SidePanel).show(view.state.spans, view.hl_layers)

