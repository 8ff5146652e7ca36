"""What the reader reads from: one corpus's index, searcher, annotation cache and helper, the user's state,
and the pages parsed so far. No Textual here: the main screen is given a ``Library`` (as frogmouth's and
posting's main screens are given their services), and tests can drive it without a terminal.
"""

from __future__ import annotations

import os
import sqlite3
import threading
from collections.abc import Callable
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from tui.annotate.cache import AnnotationCache
from tui.annotate.helper import Helper
from tui.annotate.segment import load_user_dicts
from tui.ingest.decode import DecodeError
from tui.ingest.discover import natural_key
from tui.ingest.loader import load_page, relpath_of
from tui.model import Article
from tui.paths import cache_dir, corpus_key
from tui.search.hits import Found
from tui.search.index import open_index
from tui.state import State
from tui.ui.toc import PageInfo, page_infos

if TYPE_CHECKING:
    from tui.entities.queries import EntityIndex
    from tui.search.engine import Searcher

Warn = Callable[[str], None]


def _tree_key(rel: str) -> tuple[tuple[int, tuple[int | str, ...]], ...]:
    """A path's place in the tree: at each level folders before files, names in natural order (2 < 10)."""
    parts = rel.split("/")
    return tuple((0 if k < len(parts) - 1 else 1, natural_key(part)) for k, part in enumerate(parts))
TitleRow = tuple[str, str, str, str, str]  # id, path, title, and the title and path as the filter compares them


class Library:
    """One corpus and the user's state. Safe to use from worker threads: the index and caches lock."""

    def __init__(self, root: Path, state: State | None = None) -> None:
        self.root = Path(os.path.abspath(root))
        self.state = state or State()
        self.index = open_index(self.root)
        self._searcher: Searcher | None = None
        self._entities: EntityIndex | None = None
        self.annotations = AnnotationCache(cache_dir() / "annotations.sqlite")
        self.pages: dict[str, list[Article]] = {}
        self.index_ready = threading.Event()
        self.index_progress = (0, 0)
        # read from the index when first wanted, and forgotten whenever it changes (``index_changed``)
        self.titles: list[TitleRow] | None = None  # for the tree filter
        self.order: list[tuple[str, str]] | None = None  # (id, path) in tree order
        self._folders: list[str] | None = None  # what ``in:`` completes to
        self._years: list[str] | None = None  # what ``since:`` and ``until:`` complete to
        # where the reader left off, per corpus: another corpus (or a file since deleted) must not be opened
        self.position_key = f"position:{corpus_key(self.root)}"
        load_user_dicts(self.root)
        self.helper = Helper(self.root)  # started only for corpora with long articles

    @property
    def entities(self) -> EntityIndex:
        """The entity index's queries, kept for the session so that its list is read once per build."""
        if self._entities is None:
            from tui.entities.queries import EntityIndex

            self._entities = EntityIndex(self.index)
        return self._entities

    @property
    def searcher(self) -> Searcher:
        """The ranking engine, imported and made at its first use (the index worker's ``prepare``), not
        while the reader paints its first screen."""
        if self._searcher is None:
            from tui.search.engine import Searcher

            self._searcher = Searcher(self.index)
        return self._searcher

    def articles_of(self, path: Path, warn: Warn) -> list[Article]:
        """A page's articles, parsed once; an unreadable page is empty, with one warning."""
        rel = relpath_of(path, self.root)
        if rel not in self.pages:
            try:
                base = self.root if self.root.is_dir() else path.parent
                self.pages[rel] = list(load_page(path, base).articles)
            except (DecodeError, OSError) as exc:
                warn(f"{rel}: {exc}")
                self.pages[rel] = []
        return self.pages[rel]

    def find_article(self, article_id: str, rel: str | None, warn: Warn) -> Article | None:
        rel = rel or self.index.article_path(article_id)
        if rel is None:
            return None
        return next((a for a in self.articles_of(self.root / rel, warn) if a.id == article_id), None)

    def index_changed(self) -> None:
        """The index was built or updated: what was read from it is read again when next wanted."""
        self.titles = self.order = self._folders = self._years = None

    def _tree_order(self) -> list[tuple[str, str]]:
        """(id, path) of every article in the tree's order: folders, then files, in natural order; articles
        in file order. Empty until the index is ready."""
        if self.order is None:
            if not self.index_ready.is_set():
                return []
            rows = self.index.all_titles()  # by path, then place in the file
            keyed = sorted(range(len(rows)), key=lambda k: (_tree_key(rows[k][1]), k))
            self.order = [(rows[k][0], rows[k][1]) for k in keyed]
        return self.order

    def neighbour(self, article_id: str, delta: int) -> tuple[str, str] | None:
        """The (id, path) of the article ``delta`` places away in the tree's order, across files and
        folders; None past either end."""
        order = self._tree_order()
        ids = [i for i, _ in order]
        if article_id not in ids:
            return None
        k = ids.index(article_id) + delta
        return order[k] if 0 <= k < len(order) else None

    def page_infos(self) -> dict[Path, PageInfo]:
        """Each page's lead headline, date and number of articles, by its path: the tree's labels."""
        rows = self.index.query("SELECT path, title, date FROM articles ORDER BY path, ordinal")
        return {self.root / rel: info for rel, info in page_infos(rows).items()}

    def first_article(self) -> tuple[str, str] | None:
        """(id, path) of the first article in the tree's order, or None for an empty corpus."""
        order = self._tree_order()
        return order[0] if order else None

    def folders(self) -> list[str]:
        """Every folder holding an indexed file, shortest first: what ``in:`` completes to (asked at every
        keystroke of a filter, so read once per index)."""
        if not self.index_ready.is_set():
            return []
        if self._folders is None:
            names = {str(PurePosixPath(p).parents[k]) for _, p, _ in self.index.all_titles()
                     for k in range(len(PurePosixPath(p).parents) - 1)}
            self._folders = sorted(names, key=lambda n: (n.count("/"), _tree_key(n)))
        return self._folders

    def years(self) -> list[str]:
        """The years articles are dated in, newest first: what ``since:`` and ``until:`` complete to."""
        if not self.index_ready.is_set():
            return []
        if self._years is None:
            self._years = [r[0] for r in self.index.query(
                "SELECT DISTINCT substr(date, 1, 4) AS y FROM articles WHERE date IS NOT NULL ORDER BY y DESC")]
        return self._years

    def search(self, query: str, limit: int, offset: int, cancel: threading.Event, warn: Warn) -> Found:
        """A page of hits and the totals, once the index is ready; damage found in the index is repaired,
        then the query asked again."""
        if not self.index_ready.is_set():
            self.index_ready.wait(timeout=60)
        from tui.search.engine import find_repairing

        return find_repairing(self.searcher, query, limit, offset, warn, cancel)

    def first_page(self, query: str, limit: int) -> Found | None:
        """``search.quick.first_page`` once the index is ready (None before, or for a bad query: the full
        search then says what is wrong)."""
        if not self.index_ready.is_set():
            return None
        from tui.search.filters import QueryError
        from tui.search.postings import DamagedIndex
        from tui.search.quick import first_page

        try:
            return first_page(self.searcher, query, limit)
        except (QueryError, sqlite3.Error, DamagedIndex):
            return None

    def scope_articles(self, scope: str, article: str | None, query: str) -> tuple[str, ...]:
        """The articles a corpus-wide screen covers when limited to the open ``article`` or to the
        ``query``'s hits (the first 2,000 of them); the Entities and Figures screens both ask."""
        if scope == "article":
            return (article,) if article else ()
        if not query:
            return ()
        found = self.search(query, 2000, 0, threading.Event(), lambda _m: None)
        return tuple(dict.fromkeys(h.article for h in found.hits))

    def close(self) -> None:
        self.helper.close()
