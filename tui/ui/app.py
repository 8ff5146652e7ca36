"""The reader application: layout, workers, and dispatch between the panes. No parsing, annotating or
searching happens here: the core does it in worker threads and the results come back by call_from_thread."""

from __future__ import annotations

import gc
import os
import threading
from pathlib import Path

from textual import on, work
from textual.app import App, ComposeResult, SystemCommand
from textual.containers import Horizontal, Vertical
from textual.widgets import Footer, Header, Input
from textual.widgets.tree import TreeNode

from tui.annotate import warm_up as warm_annotator
from tui.annotate.cache import AnnotationCache
from tui.annotate.helper import Helper, helper_from
from tui.annotate.segment import load_user_dicts
from tui.ingest.decode import DecodeError
from tui.ingest.loader import load_page, relpath_of
from tui.model import Article
from tui.paths import cache_dir, corpus_key
from tui.safe_text import one_line
from tui.search.engine import Hit, Searcher
from tui.search.index import open_index
from tui.search.normalize import warm_up as warm_pinyin
from tui.search.postings import DamagedIndex
from tui.state import State
from tui.ui.annotation_workers import AnnotationWorkers
from tui.ui.article_view import ArticleView
from tui.ui.basket_actions import BasketActions
from tui.ui.corpus_tree import CorpusTree, NodeData
from tui.ui.keymap import APP_KEYS, bindings, user_keymap
from tui.ui.screens import SHOWN_HITS, HelpScreen, SearchScreen
from tui.ui.side_panel import SidePanel
from tui.ui.tree_filter import TreeFilterActions


class YuelanApp(AnnotationWorkers, BasketActions, TreeFilterActions, App[None]):
    TITLE = "阅览 Yuelan"
    BINDINGS = bindings(APP_KEYS)
    CSS = """
    #main { height: 1fr; }
    ArticleView { width: 1fr; }
    #left { width: 34; border-right: vkey $panel; }
    #left.-narrow { width: 26; }
    #left.-hidden, #tree-filter.-hidden { display: none; }
    """

    def __init__(self, root: Path, theme: str | None = None, state: State | None = None) -> None:
        super().__init__()
        self.root = Path(os.path.abspath(root))
        self.state = state or State()
        self.index = open_index(self.root)
        self.searcher = Searcher(self.index)
        self.annotations = AnnotationCache(cache_dir() / "annotations.sqlite")
        self.pages: dict[str, list[Article]] = {}
        self.current: Article | None = None
        # where the reader left off, per corpus: another corpus (or a file since deleted) must not be opened
        self._position_key = f"position:{corpus_key(self.root)}"
        self.last_query = str(self.state.get("last_query", "") or "")
        self.side_hidden = bool(self.state.get("side_hidden", False))  # read once, not on every resize
        self.index_ready = threading.Event()
        self._titles: list[tuple[str, str, str, str, str]] | None = None  # for the tree filter
        self.index_progress = (0, 0)
        self._requested_theme = theme
        self._reported_problem: str | None = None
        load_user_dicts(self.root)
        self.helper = Helper(self.root)  # started only for corpora with long articles (build_index)

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="main"):
            with Vertical(id="left"):
                yield Input(placeholder="filter: title or path (esc clears)", id="tree-filter", classes="-hidden")
                yield CorpusTree(self.root, id="tree")
            yield ArticleView(id="article")
            yield SidePanel(id="side")
        yield Footer()

    def on_mount(self) -> None:
        if self._requested_theme and self._requested_theme in self.available_themes:
            self.theme = self._requested_theme
        elif self._requested_theme:
            self.notify(f"unknown theme {one_line(self._requested_theme)!r}", severity="warning", markup=False)
        keymap = user_keymap()
        if keymap:
            self.set_keymap(keymap)
        self.sub_title = one_line(str(self.root))
        self.query_one(CorpusTree).focus()
        # after the first frame: scanning 24k files in a thread would otherwise hold the GIL during paint
        self.set_timer(0.05, self.build_index)
        self.set_timer(0.1, self.warm_up)
        self.restore_position()
        self.on_resize()
        self.report_state_problem()

    def report_state_problem(self) -> None:
        """Say once, as a lasting warning, why the basket or position is not being saved."""
        problem = self.state.problem
        if problem and problem != self._reported_problem:
            self._reported_problem = problem
            self.notify(problem, severity="warning", timeout=10, markup=False)

    def on_resize(self, event: object = None) -> None:
        narrow = self.size.width <= 80
        self.query_one(SidePanel).set_class(narrow or self.side_hidden, "-hidden")
        self.query_one("#left").set_class(narrow, "-narrow")  # at 80 columns the article needs the room

    # ---- workers -------------------------------------------------------------------------------------
    @work(thread=True, exclusive=True, group="index", exit_on_error=False)
    def build_index(self) -> None:
        def progress(done: int, total: int, _: str) -> None:
            self.index_progress = (done, total)
            self.call_from_thread(self._index_progress, done, total)

        try:
            stats = self.index.update(progress)
        except Exception as exc:  # noqa: BLE001 - the reader keeps going on the files it can show
            self.index_ready.set()
            self.call_from_thread(self.notify, f"could not build the search index: {exc}", severity="error")
            return
        self._titles = None
        articles, paragraphs = self.index.counts()
        self.index_ready.set()
        self.call_from_thread(self._index_done, articles, paragraphs, len(stats.warnings or []))
        if self.index.longest() >= helper_from():
            self.helper.start()  # this thread is done with the index; the helper warms up here

    @work(thread=True, group="warm", exit_on_error=False)
    def warm_up(self) -> None:
        """Load jieba's dictionary and the lexicons while the user looks at the tree, not when the first
        article opens."""
        warm_annotator()
        warm_pinyin()
        # jieba's dictionary and the tables are millions of objects that live as long as the app: left to
        # the collector, each full collection walks them all (~80-100 ms, a visible stall while opening)
        gc.freeze()

    def notify_anywhere(self, message: str, severity: str = "information") -> None:
        """notify() from the UI thread or a worker thread alike (call_from_thread refuses the UI thread)."""
        if threading.get_ident() == self._thread_id:
            self.notify(message, severity=severity, markup=False)  # type: ignore[arg-type]
        else:
            self.call_from_thread(self.notify, message, severity=severity, markup=False)

    def _index_progress(self, done: int, total: int) -> None:
        if isinstance(self.screen, SearchScreen):
            self.screen.set_progress(done, total)

    def _index_done(self, articles: int, paragraphs: int, warnings: int) -> None:
        self.sub_title = f"{one_line(self.root.name)}: {articles} articles · {paragraphs} paragraphs"
        if warnings:
            self.notify(f"{warnings} files skipped (unreadable or not text)", severity="warning")
        if isinstance(self.screen, SearchScreen):
            self.screen.set_progress(1, 1)
            self.screen.run_search(self.last_query)

    def search(self, query: str, cancel: threading.Event) -> list[Hit]:
        """Called from the search worker thread."""
        if not self.index_ready.is_set():
            self.index_ready.wait(timeout=60)
        try:
            return self.searcher.search(query, SHOWN_HITS, cancel)
        except DamagedIndex:
            self.notify_anywhere("the search index is damaged; rebuilding it from the corpus files", "warning")
            self.index.repair()
            return self.searcher.search(query, SHOWN_HITS, cancel)

    def load_page_articles(self, node: TreeNode[NodeData]) -> None:
        self._load_page(node)

    @work(thread=True, group="pages", exit_on_error=False)
    def _load_page(self, node: TreeNode[NodeData]) -> None:
        assert node.data is not None
        articles = self._articles_of(node.data.path)
        self.call_from_thread(self.query_one(CorpusTree).set_articles, node, [(a.id, a.title) for a in articles])

    def _articles_of(self, path: Path) -> list[Article]:
        rel = relpath_of(path, self.root)  # runs in worker threads: no widget queries here
        if rel not in self.pages:
            try:
                self.pages[rel] = list(load_page(path, self.root if self.root.is_dir() else path.parent).articles)
            except (DecodeError, OSError) as exc:
                self.notify_anywhere(f"{rel}: {exc}", severity="warning")
                self.pages[rel] = []
        return self.pages[rel]

    # ---- opening articles ----------------------------------------------------------------------------
    async def open_article(self, article: Article, paragraph: int = 1, matches: dict | None = None) -> None:
        self.save_position()  # of the article being left
        self.workers.cancel_group(self, "prefetch")  # the annotator below takes over
        self.current = article
        self.title = one_line(article.title)  # before the article's layout, so that one re-layout covers both
        view = self.query_one(ArticleView)
        await view.show(article, self.state.marked(article.id))
        if matches:
            view.set_matches(matches)
        view.cursor = paragraph
        view.call_after_refresh(view.scroll_to_paragraph, paragraph, True)
        self.state.set(self._position_key, {"path": article.path, "article": article.id, "paragraph": paragraph})
        self.annotate_article(article, paragraph)

    def find_article(self, article_id: str, rel: str | None = None) -> Article | None:
        rel = rel or self.index.article_path(article_id)
        if rel is None:
            return None
        for a in self._articles_of(self.root / rel):
            if a.id == article_id:
                return a
        return None

    def restore_position(self) -> None:
        pos = self.state.get(self._position_key)
        if isinstance(pos, dict) and pos.get("article"):
            self._restore(pos)

    @work(exclusive=True, group="restore", exit_on_error=False)
    async def _restore(self, pos: dict) -> None:
        art = self.find_article(pos["article"], pos.get("path"))
        if art:
            await self.open_article(art, int(pos.get("paragraph", 1)))
            self.reveal(art)

    def reveal(self, art: Article) -> None:
        """Show where an article opened from search or the basket lives in the corpus."""
        siblings = self.pages.get(art.path, [])
        self.query_one(CorpusTree).reveal(art.path, art.id, [(a.id, a.title) for a in siblings])

    def save_position(self) -> None:
        if self.current is not None:
            self.state.set(self._position_key, {"path": self.current.path, "article": self.current.id,
                                        "paragraph": self.query_one(ArticleView).cursor})

    def on_unmount(self) -> None:
        self.helper.close()

    async def action_quit(self) -> None:
        self.save_position()
        self.exit()

    @on(CorpusTree.NodeHighlighted)
    def node_highlighted(self, event: CorpusTree.NodeHighlighted) -> None:
        data = event.node.data
        if data and data.kind == "article" and data.article_id:
            self.prefetch(data.article_id, relpath_of(data.path, self.root))

    @on(CorpusTree.NodeSelected)
    async def node_selected(self, event: CorpusTree.NodeSelected) -> None:
        data = event.node.data
        if data and data.kind == "article" and data.article_id:
            art = self.find_article(data.article_id, relpath_of(data.path, self.root))
            if art:
                await self.open_article(art)
                self.query_one(ArticleView).focus()

    @on(ArticleView.Marked)
    def marked(self, event: ArticleView.Marked) -> None:
        added = self.state.add(event.passages)
        self.notify(f"{added} passage(s) added to the basket ({len(self.state.basket())} in all)")
        self.report_state_problem()

    @on(SidePanel.OptionSelected, "#side")  # not the search results' list, whose messages bubble here too
    def side_selected(self, event: SidePanel.OptionSelected) -> None:
        targets = self.query_one(SidePanel).targets
        target = targets[event.option_index] if event.option_index < len(targets) else None
        if isinstance(target, str):
            self.action_toggle_layer(target)
        elif target is not None:
            self.query_one(ArticleView).cursor = target[0]

    # ---- actions -------------------------------------------------------------------------------------
    def action_search(self) -> None:
        def done(hit: Hit | None) -> None:
            self.state.set("last_query", self.last_query)
            if hit is not None:
                self.call_later(self._open_hit, hit)

        self.push_screen(SearchScreen(self.last_query), done)
        if not self.index_ready.is_set():
            done_n, total = self.index_progress
            self.screen.call_after_refresh(lambda: isinstance(self.screen, SearchScreen) and self.screen.set_progress(done_n, max(total, 1)))

    async def _open_hit(self, hit: Hit) -> None:
        art = self.find_article(hit.article, hit.path)
        if art:
            await self.open_article(art, hit.paragraph, {hit.paragraph: list(hit.matches)})
            self.reveal(art)
            self.query_one(ArticleView).focus()

    def action_help(self) -> None:
        self.push_screen(HelpScreen())

    def action_next_hit(self) -> None:
        if not self.query_one(ArticleView).jump(1):
            self.bell()

    def action_prev_hit(self) -> None:
        if not self.query_one(ArticleView).jump(-1):
            self.bell()

    async def action_next_article(self, delta: int = 1) -> None:
        if not self.current:
            return
        siblings = self.pages.get(self.current.path) or self._articles_of(self.root / self.current.path)
        ids = [a.id for a in siblings]
        if self.current.id in ids:
            k = ids.index(self.current.id) + delta
            if 0 <= k < len(siblings):
                await self.open_article(siblings[k])
                return
        self.bell()

    async def action_prev_article(self) -> None:
        await self.action_next_article(-1)

    def action_toggle_layer(self, layer: str) -> None:
        view = self.query_one(ArticleView)
        view.hl_layers[layer] = not view.hl_layers.get(layer, True)
        view.rerender()
        self.query_one(SidePanel).show(view.state.spans, view.hl_layers)
        self.notify(f"{layer} highlights {'on' if view.hl_layers[layer] else 'off'}", timeout=1.5)

    def action_toggle_side(self) -> None:
        side = self.query_one(SidePanel)
        side.toggle_class("-hidden")
        self.side_hidden = side.has_class("-hidden")
        self.state.set("side_hidden", self.side_hidden)

    def action_toggle_tree(self) -> None:
        self.query_one("#left").toggle_class("-hidden")

    # ---- tree filter ---------------------------------------------------------------------------------
    @on(Input.Changed, "#tree-filter")
    def tree_filter_changed(self, event: Input.Changed) -> None:
        self.filter_tree(event.value)

    @on(Input.Submitted, "#tree-filter")
    def tree_filter_done(self) -> None:
        self.query_one(CorpusTree).focus()

    def action_toggle_theme(self) -> None:
        self.theme = "textual-light" if self.current_theme.dark else "textual-dark"

    def action_back(self) -> None:
        view = self.query_one(ArticleView)
        box = self.query_one("#tree-filter", Input)
        if box.has_focus or (box.value and not box.has_class("-hidden")):
            box.value = ""
            box.add_class("-hidden")
            self.query_one(CorpusTree).focus()
        elif view.state.matches:
            view.set_matches({})
        elif view.has_focus:
            self.query_one(CorpusTree).focus()

    def get_system_commands(self, screen):  # type: ignore[no-untyped-def]
        yield from super().get_system_commands(screen)
        for _, _, action, desc, _ in APP_KEYS:
            if action in ("quit", "back"):
                continue
            name = action.split("(")[0]
            arg = action[len(name):].strip("()").strip("'") if "(" in action else None
            method = getattr(self, f"action_{name}")
            yield SystemCommand(desc, desc, (lambda m=method, a=arg: m(a)) if arg else method)
