"""The reader's main screen: the corpus tree, the article and the highlights panel, and dispatch between
them. It is given a ``Library`` and owns its widgets; the widgets post messages up to it. Parsing,
annotating and searching run in worker threads and come back by ``call_from_thread``.

Its jobs are split by part (``annotation_workers``, ``search_host``, ``basket_actions``, ``tree_filter``, ``find_actions``,
``places``), each a typed ``Screen`` subclass of ``reader_base.ReaderBase``; this module joins them and keeps layout and dispatch.
"""

from __future__ import annotations

import gc
from collections.abc import Callable
from typing import Any, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical
from textual.reactive import reactive
from textual.widgets import Footer, Header, Input

from tui.annotate import warm_up as warm_annotator
from tui.annotate.helper import helper_from
from tui.ingest.loader import relpath_of
from tui.model import Article, Layer, StartAt
from tui.safe_text import one_line
from tui.search.hits import Hit
from tui.search.matches import spans_in
from tui.search.normalize import warm_up as warm_pinyin
from tui.ui.article_view import ArticleView
from tui.ui.basket_actions import BasketActions
from tui.ui.corpus_tree import CorpusTree
from tui.ui.corpus_views import CorpusViews
from tui.ui.find_actions import FindActions
from tui.ui.keymap import SCREEN_KEYS, bindings
from tui.ui.library import Library
from tui.ui.places import PlaceActions
from tui.ui.rows import empty_corpus
from tui.ui.screens import HelpScreen, SearchScreen
from tui.ui.search_host import SearchHostPart
from tui.ui.side_panel import SidePanel
from tui.ui.tree_filter import TreeFilterActions


class MainScreen(SearchHostPart, BasketActions, TreeFilterActions, FindActions, PlaceActions, CorpusViews):
    BINDINGS: ClassVar[list[BindingType]] = bindings(SCREEN_KEYS)
    # at 80 columns and less the tree narrows and the highlights panel steps aside (yuelan.tcss)
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (81, "-wide")]  # noqa: RUF012 - Textual types it as an instance variable

    side_hidden: reactive[bool] = reactive(False)
    tree_hidden: reactive[bool] = reactive(False)

    def __init__(self, library: Library, start: StartAt | None = None) -> None:
        super().__init__()
        self.library = library
        self.start = start  # where the command line asked to open, instead of where the user left off
        self.current: Article | None = None
        self.last_query = str(library.state.get("last_query", "") or "")
        self._reported_problem: str | None = None
        self.search_pos: int | None = None  # the result the open article came from, while its search is on
        self.set_reactive(MainScreen.side_hidden, bool(library.state.get("side_hidden", False)))

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="main"):
            with Vertical(id="left"):
                yield Input(placeholder="filter: title or path (esc clears)", id="tree-filter", classes="-hidden")
                yield CorpusTree(self.library.root, id="tree")
            with Vertical(id="reading"):
                yield ArticleView(id="article")  # (the find bar is mounted below it at the first ctrl+f)
            yield SidePanel(id="side")
        yield Footer()

    def on_mount(self) -> None:
        self.app.sub_title = one_line(str(self.library.root))
        self.watch_side_hidden(self.side_hidden)
        width = self.library.state.get("tree_width")
        if isinstance(width, int) and 16 <= width <= 80:
            self.query_one("#left").styles.width = width
        self.query_one(CorpusTree).focus()
        # after the first frame: scanning 24k files in a thread would otherwise hold the GIL during paint
        self.set_timer(0.05, self.build_index)
        self.set_timer(0.1, self.warm_up)
        if self.start is not None:
            self.open_start(self.start)
        else:
            self.restore_position()
        self.report_state_problem()

    def watch_side_hidden(self, hidden: bool) -> None:
        self._keeping_place(lambda: self.set_class(hidden, "-side-hidden"))

    def watch_tree_hidden(self, hidden: bool) -> None:
        self._keeping_place(lambda: self.set_class(hidden, "-tree-hidden"))

    def _keeping_place(self, change: Callable[[], object]) -> None:
        """A change of the panes' widths re-wraps the article: the paragraph at the top stays at the top."""
        view = self.query_one(ArticleView)
        top = view.paragraph_at(int(view.scroll_y)) if view.article and view.rows else None
        change()
        if top is not None:
            view.call_after_refresh(view.scroll_to_paragraph, top, True)

    def action_tree_width(self, delta: int) -> None:
        """``<`` / ``>``: the tree narrower or wider (kept for the next session)."""
        left = self.query_one("#left")
        width = max(16, min(80, left.outer_size.width + delta))
        self._keeping_place(lambda: setattr(left.styles, "width", width))
        self.library.state.set("tree_width", width)

    def report_state_problem(self) -> None:
        """Say once, as a lasting warning, why the basket or position is not being saved."""
        problem = self.library.state.problem
        if problem and problem != self._reported_problem:
            self._reported_problem = problem
            self.notify(problem, severity="warning", timeout=10, markup=False)

    # ---- workers -------------------------------------------------------------------------------------
    @work(thread=True, exclusive=True, group="index", exit_on_error=False)
    def build_index(self) -> None:
        library = self.library

        def progress(done: int, total: int, _: str) -> None:
            library.index_progress = (done, total)
            self.app.call_from_thread(self._index_progress, done, total)

        try:
            stats = library.index.update(progress)
        except Exception as exc:  # noqa: BLE001 - the reader keeps going on the files it can show
            library.index_ready.set()
            self.notify_anywhere(f"could not build the search index: {exc}", "error")
            return
        library.index_changed()
        articles, paragraphs = library.index.counts()
        library.searcher.prepare()  # the first keystroke of a search pays no set-up
        library.index_ready.set()
        self.app.call_from_thread(self.query_one(CorpusTree).set_page_infos, library.page_infos())
        self.app.call_from_thread(self._index_done, articles, paragraphs, len(stats.warnings or []))
        self.app.call_from_thread(self.build_store)  # the corpus's spans and entities, while the user reads
        if library.index.longest() >= helper_from():
            library.helper.start()  # this thread is done with the index; the helper warms up here

    @work(thread=True, group="warm", exit_on_error=False)
    def warm_up(self) -> None:
        """Load jieba's dictionary and the lexicons while the user looks at the tree, not when the first
        article opens."""
        warm_annotator()
        warm_pinyin()
        # jieba's dictionary and the tables are millions of objects that live as long as the app: left to
        # the collector, each full collection walks them all (~80-100 ms, a visible stall while opening)
        gc.freeze()

    def _index_progress(self, done: int, total: int) -> None:
        if isinstance(self.app.screen, SearchScreen):
            self.app.screen.set_progress(done, total)

    def _index_done(self, articles: int, paragraphs: int, warnings: int) -> None:
        self.app.sub_title = f"{one_line(self.library.root.name)}: {articles} articles · {paragraphs} paragraphs"
        if not articles:  # the pane says so, rather than "choose an article in the tree"
            self.query_one(ArticleView).welcome = empty_corpus(one_line(str(self.library.root)))
        if warnings:
            self.notify(f"{warnings} files skipped (unreadable, not text, or named in another encoding): "
                        "`yuelan index` names them", severity="warning")
        if isinstance(self.app.screen, SearchScreen):
            self.app.screen.set_progress(1, 1)
            self.app.screen.run_search(self.last_query)
        if self.current is None and self.start is None and not self._restorable():
            self._open_first()  # a first launch (or a saved place since deleted) shows an article, not an empty pane

    @work(exclusive=True, group="restore", exit_on_error=False)
    async def _open_first(self) -> None:
        first = self.library.first_article()
        art = self.find_article(*first) if first else None
        if art is not None and self.current is None:
            await self.open_article(art)
            self.reveal(art)

    @on(CorpusTree.PageNeeded)
    def page_needed(self, event: CorpusTree.PageNeeded) -> None:
        self._load_page(event.node)

    @work(thread=True, group="pages", exit_on_error=False)
    def _load_page(self, node: Any) -> None:
        assert node.data is not None
        articles = self.library.articles_of(node.data.path, self.warn)
        self.app.call_from_thread(self.query_one(CorpusTree).set_articles, node, [(a.id, a.title) for a in articles])

    # ---- opening articles ----------------------------------------------------------------------------
    async def open_article(self, article: Article, paragraph: int = 1,
                           matches: dict[int, list[tuple[int, int]]] | None = None) -> None:
        left = [(self.current, self.query_one(ArticleView).cursor)] if self.current is not None else []
        self.workers.cancel_group(self, "prefetch")  # the annotator below takes over
        self.current = article
        self.app.title = one_line(article.title)  # before the article's layout, so that one re-layout covers both
        view = self.query_one(ArticleView)
        await view.show(article, self.library.state.marked(article.id))
        if matches:
            view.set_matches(matches)
        view.cursor = paragraph
        view.call_after_refresh(view.scroll_to_paragraph, paragraph, True)
        self.annotate_article(article, paragraph)
        # the reading place and the history are written after the frame that shows the article
        self.call_after_refresh(self._remember_open, article, paragraph, None if self._walking else left)

    def _remember_open(self, article: Article, paragraph: int, left: list[tuple[Article, int]] | None) -> None:
        if left is not None:  # (None: the open walked the history, which must not grow by it)
            self.record_visit(*left, (article, paragraph))
        self.library.state.set(self.library.position_key,
                               {"path": article.path, "article": article.id, "paragraph": paragraph})

    @work(exclusive=True, group="restore", exit_on_error=False)
    async def open_start(self, start: StartAt) -> None:
        """Open where the command line said, with the article pane focused so the reading keys work."""
        art, paragraph = self._start_article(start)
        if art is None:
            self.notify(f"nothing to open at {one_line(start.article or start.path or '')}", severity="warning",
                        markup=False)
            return
        await self.open_article(art, paragraph)
        self.reveal(art)
        self.query_one(ArticleView).focus()

    def _start_article(self, start: StartAt) -> tuple[Article | None, int]:
        if start.article:
            return self.find_article(start.article), 1
        arts = self.library.articles_of(self.library.root / (start.path or ""), self.warn)
        if start.line is None or not arts:
            return (arts[0] if arts else None), 1
        for art in arts:
            for p in art.paragraphs:
                if p.lines[0] <= start.line <= p.lines[1]:
                    return art, p.index
        return arts[0], 1

    def _restorable(self) -> bool:
        """Whether a saved reading place exists and its file is still there (then it is being reopened)."""
        pos = self.library.state.get(self.library.position_key)
        return isinstance(pos, dict) and bool(pos.get("path")) and (self.library.root / str(pos["path"])).is_file()

    def restore_position(self) -> None:
        pos = self.library.state.get(self.library.position_key)
        if isinstance(pos, dict) and pos.get("article"):
            self._restore(pos)

    @work(exclusive=True, group="restore", exit_on_error=False)
    async def _restore(self, pos: dict[str, Any]) -> None:
        art = self.find_article(pos["article"], pos.get("path"))
        if art:
            await self.open_article(art, int(pos.get("paragraph", 1)))
            self.reveal(art)

    def reveal(self, art: Article) -> None:
        """Show where an article opened from search or the basket lives in the corpus."""
        siblings = self.library.pages.get(art.path, [])
        self.query_one(CorpusTree).reveal(art.path, art.id, [(a.id, a.title) for a in siblings])

    def save_position(self) -> None:
        if self.current is not None:
            self.library.state.set(self.library.position_key, {
                "path": self.current.path, "article": self.current.id, "paragraph": self.query_one(ArticleView).cursor})

    @on(CorpusTree.NodeHighlighted)
    def node_highlighted(self, event: CorpusTree.NodeHighlighted[Any]) -> None:
        data = event.node.data
        if data and data.kind == "article" and data.article_id:
            self.prefetch(data.article_id, relpath_of(data.path, self.library.root))

    @on(CorpusTree.NodeSelected)
    async def node_selected(self, event: CorpusTree.NodeSelected[Any]) -> None:
        data = event.node.data
        if data and data.kind == "article" and data.article_id:
            art = self.find_article(data.article_id, relpath_of(data.path, self.library.root))
            if art:
                await self.open_article(art)
                self.query_one(ArticleView).focus()

    @on(ArticleView.Marked)
    def marked(self, event: ArticleView.Marked) -> None:
        added = self.add_to_basket(event.passages)
        self.notify(f"{added} passage(s) added to the basket ({len(self.library.state.basket())} in all)")

    @on(SidePanel.OptionSelected, "#side")
    def side_selected(self, event: SidePanel.OptionSelected) -> None:
        targets = self.query_one(SidePanel).targets
        target = targets[event.option_index] if event.option_index < len(targets) else None
        if isinstance(target, str):
            self.action_toggle_layer(target)
        elif target is not None:
            self.query_one(ArticleView).cursor = target[0]

    # ---- actions -------------------------------------------------------------------------------------
    def action_search(self, select: int = 0) -> None:
        def done(hit: Hit | None) -> None:
            self.library.state.set("last_query", self.last_query)
            if hit is not None:
                self.search_pos = search.hits.index(hit) if hit in search.hits else 0
                self.call_later(self._open_hit, hit)
            elif self.search_pos is not None:  # Esc in the results reopened from a hit: the search is over
                self.search_pos = None
                self.query_one(ArticleView).set_matches({})

        search = SearchScreen(self, self.last_query, select)
        self.app.push_screen(search, done)
        if not self.library.index_ready.is_set():
            done_n, total = self.library.index_progress
            search.call_after_refresh(search.set_progress, done_n, max(total, 1))

    async def _open_hit(self, hit: Hit) -> None:
        """The article at the hit, every place it holds the query lit (n/N step through them from this
        one); Esc goes back to the results."""
        art = self.find_article(hit.article, hit.path)
        if art:
            found = spans_in(self.last_query, [p.text for p in art.paragraphs])
            matches = {k + 1: spans for k, spans in found.items()}
            matches[hit.paragraph] = sorted(set(matches.get(hit.paragraph, [])) | set(hit.matches))
            await self.open_article(art, hit.paragraph, matches)
            self.query_one(ArticleView).start_at_match(hit.paragraph)
            self.reveal(art)
            self.query_one(ArticleView).focus()

    def action_quit(self) -> None:
        self.save_position()
        self.app.exit()

    def action_help(self) -> None:
        self.app.push_screen(HelpScreen())

    def action_next_hit(self) -> None:
        if not self.query_one(ArticleView).jump(1):
            self.app.bell()
        self.show_find_count()

    def action_prev_hit(self) -> None:
        if not self.query_one(ArticleView).jump(-1):
            self.app.bell()
        self.show_find_count()

    async def action_next_article(self, delta: int = 1) -> None:
        """The next (or previous) article in the tree's order, across files and folders."""
        if not self.current:
            return
        near = self.library.neighbour(self.current.id, delta)
        art = self.find_article(*near) if near else self._sibling(self.current, delta)
        if art is None:
            self.app.bell()
            return
        await self.open_article(art)
        self.reveal(art)

    def _sibling(self, current: Article, delta: int) -> Article | None:
        """Before the index is ready: the next article in the same file."""
        siblings = self.library.articles_of(self.library.root / current.path, self.warn)
        ids = [a.id for a in siblings]
        k = ids.index(current.id) + delta if current.id in ids else -1
        return siblings[k] if 0 <= k < len(siblings) else None

    async def action_prev_article(self) -> None:
        await self.action_next_article(-1)

    def action_toggle_layer(self, layer: str) -> None:
        view = self.query_one(ArticleView)
        shown = view.toggle_layer(Layer(layer))
        self.query_one(SidePanel).show(view.state.spans, view.hl_layers)
        self.notify(f"{Layer(layer)} highlights {'on' if shown else 'off'}", timeout=1.5)

    def action_toggle_side(self) -> None:
        self.side_hidden = not self.side_hidden
        self.library.state.set("side_hidden", self.side_hidden)

    def action_toggle_tree(self) -> None:
        self.tree_hidden = not self.tree_hidden

    # ---- tree filter ---------------------------------------------------------------------------------
    @on(CorpusTree.FilterRequested)
    def filter_requested(self) -> None:
        self.action_tree_filter()

    @on(Input.Changed, "#tree-filter")
    def tree_filter_changed(self, event: Input.Changed) -> None:
        self.filter_tree(event.value)

    @on(Input.Submitted, "#tree-filter")
    def tree_filter_done(self) -> None:
        self.query_one(CorpusTree).focus()

    def action_back(self) -> None:
        view = self.query_one(ArticleView)
        box = self.query_one("#tree-filter", Input)
        if box.has_focus or (box.value and not box.has_class("-hidden")):
            box.value = ""
            box.add_class("-hidden")
            self.query_one(CorpusTree).focus()
        elif self.close_find():
            pass  # find in the article closed, its matches unlit
        elif view.state.matches and self.search_pos is not None:
            self.action_search(self.search_pos)  # back to the results, at the hit opened
        elif view.state.matches:
            view.set_matches({})
        elif view.has_focus:
            self.query_one(CorpusTree).focus()
