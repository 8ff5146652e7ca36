"""The corpus as a tree: folders → pages → articles, expanded lazily so that 24k files open instantly."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual.binding import BindingType
from textual.message import Message
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from tui.ingest.discover import count_entries, list_folder
from tui.safe_text import one_line
from tui.ui.keymap import TREE_KEYS, bindings
from tui.ui.toc import ORDERS, PageInfo, by_month, fitted, page_label, sort_files, sort_folders

CHUNK = 500
SMALL = 30  # files in a corpus small enough to open fully expanded


@dataclass
class NodeData:
    kind: str  # folder | month | page | article | more
    path: Path
    article_id: str | None = None
    loaded: bool = False
    rest: list[Path] | None = None
    full: Text | None = None  # the whole label, cut with … to the tree's width when drawn


class CorpusTree(Tree[NodeData]):
    BINDINGS: ClassVar[list[BindingType]] = bindings(TREE_KEYS)

    class PageNeeded(Message):
        """A page was expanded: its articles are to be read (off the UI thread) and shown under it."""

        def __init__(self, node: TreeNode[NodeData]) -> None:
            super().__init__()
            self.node = node

    class FilterRequested(Message):
        """The user asked to filter the tree (``f``)."""

    def __init__(self, root: Path, *, id: str | None = None) -> None:
        label = one_line(root.name or str(root))
        super().__init__(Text(f"📚 {label}"), data=NodeData("folder", root), id=id)
        self.corpus_root = root
        self.guide_depth = 2
        self.show_root = True
        self.infos: dict[Path, PageInfo] = {}  # headline and date per page, once the index has them
        self.order = "name"

    def on_mount(self) -> None:
        self.fill(self.root)
        self.root.expand()
        if small_corpus(self.corpus_root):
            self.call_after_refresh(self.expand_all)  # after the first frame: it reads every page

    def expand_all(self) -> None:
        """A corpus of a few pages opens with its folders and pages expanded: everything is in view."""
        stack = [self.root]
        while stack:
            node = stack.pop()
            if node.data is not None and node.data.kind == "folder":
                self.fill(node)
            node.expand()  # a page's articles are read when its expansion is handled
            stack.extend(c for c in node.children if c.data and c.data.kind in ("folder", "page"))

    def set_page_infos(self, infos: dict[Path, PageInfo]) -> None:
        """The pages' headlines and dates arrived (the index is built): relabel the pages shown."""
        self.infos = infos
        self._relabel(self.root, pages=True)

    def _relabel(self, node: TreeNode[NodeData], pages: bool = False) -> None:
        """Every label cut again to the tree's width; with ``pages``, the pages' labels made anew first."""
        for child in node.children:
            if pages and child.data and child.data.kind == "page":
                child.data.full = page_label(child.data.path.stem, self.infos.get(child.data.path))
            if child.data and child.data.full is not None:
                child.set_label(fitted(child.data.full, self._room(_depth(child))))
            self._relabel(child, pages)

    def _room(self, depth: int) -> int:
        """Cells a label at that depth has: the tree's width less its guides and expand marker."""
        width = self.scrollable_content_region.width
        return max(12, width - self.guide_depth * depth - 3) if width else 200

    def _add_labelled(self, parent: TreeNode[NodeData], full: Text, data: NodeData) -> TreeNode[NodeData]:
        """A child whose whole label is kept (``NodeData.full``) and shown cut to the tree's width."""
        data.full = full
        label = fitted(full, self._room(_depth(parent) + 1))
        return parent.add_leaf(label, data=data) if data.kind == "article" else parent.add(label, data=data)

    def action_cycle_order(self) -> None:
        """``o``: pages by name, newest first, oldest first."""
        self.order = ORDERS[(ORDERS.index(self.order) + 1) % len(ORDERS)]
        self.notify(f"pages sorted by {self.order if self.order == 'name' else self.order + ' first'}")
        self.show_whole_corpus()

    def on_resize(self) -> None:
        self._relabel(self.root)

    def fill(self, node: TreeNode[NodeData]) -> None:
        data = node.data
        if data is None or data.loaded:
            return
        data.loaded = True
        node.remove_children()
        if data.kind == "month":
            self._add_files(node, data.rest or [], grouped=False)
        elif data.kind == "folder":
            if data.path.is_file():
                self._add_files(node, [data.path])
                return
            dirs, files = list_folder(data.path)
            for d in sort_folders(dirs, self.infos, self.order):
                count = count_entries(d)
                child = node.add(Text.assemble("📁 ", one_line(d.name), " ", (f"({count})", "dim")), data=NodeData("folder", d))
                child.add_leaf("loading…", data=NodeData("more", d))
            self._add_files(node, files)

    def _add_files(self, node: TreeNode[NodeData], files: list[Path], grouped: bool = True) -> None:
        files = sort_files(files, self.infos, self.order)
        months = by_month(files, self.infos) if grouped else None
        if months is not None:  # thousands of dated files: a node per month
            for month, inside in months:
                child = node.add(Text.assemble("🗓 ", month, " ", (f"({len(inside)})", "dim")),
                                 data=NodeData("month", _path(node), rest=inside))
                child.add_leaf("loading…", data=NodeData("more", _path(node)))
            return
        for f in files[:CHUNK]:
            child = self._add_labelled(node, page_label(f.stem, self.infos.get(f)), NodeData("page", f))
            child.add_leaf("loading…", data=NodeData("more", f))
        if len(files) > CHUNK:
            node.add_leaf(f"… {len(files) - CHUNK} more", data=NodeData("more", _path(node), rest=files[CHUNK:]))

    def set_articles(self, node: TreeNode[NodeData], articles: list[tuple[str, str]]) -> None:
        node.remove_children()
        for art_id, title in articles:
            self._add_labelled(node, Text(f"📰 {one_line(title)}"), NodeData("article", _path(node), art_id))
        if not articles:
            node.add_leaf(Text("(unreadable)", style="dim"), data=NodeData("more", _path(node)))

    def on_tree_node_expanded(self, event: Tree.NodeExpanded[NodeData]) -> None:
        data = event.node.data
        if data and data.kind in ("folder", "month"):
            self.fill(event.node)
        elif data and data.kind == "page" and not data.loaded:
            data.loaded = True
            self.post_message(self.PageNeeded(event.node))

    def on_tree_node_highlighted(self, event: Tree.NodeHighlighted[NodeData]) -> None:
        """A label cut with … shows whole in the tooltip of the highlighted row."""
        data = event.node.data
        full = data.full if data is not None else None
        self.tooltip = full if full is not None and full.cell_len > Text(str(event.node.label)).cell_len else None

    def on_tree_node_selected(self, event: Tree.NodeSelected[NodeData]) -> None:
        data = event.node.data
        if data and data.kind == "more" and data.rest:
            parent = event.node.parent
            event.node.remove()
            if parent is not None:
                self._add_files(parent, data.rest)

    def action_open_node(self) -> None:
        node = self.cursor_node
        if node is None:
            return
        if node.allow_expand and not node.is_expanded:
            node.expand()
        else:
            self.action_select_cursor()

    def action_close_node(self) -> None:
        node = self.cursor_node
        if node is None:
            return
        if node.is_expanded:
            node.collapse()
        elif node.parent is not None:
            self.move_cursor(node.parent)

    def action_filter(self) -> None:
        self.post_message(self.FilterRequested())

    def show_filtered(self, query: str, rows: list[tuple[str, str, str]]) -> None:
        """Only the articles whose title or path matched, grouped under their pages."""
        self.root.remove_children()
        self.root.set_label(Text.assemble("🔎 ", one_line(query), (f" ({len(rows)})", "dim")))
        page: TreeNode[NodeData] | None = None
        current = None
        for art_id, rel, title in rows:
            if rel != current:
                current = rel
                page = self.root.add(Text(f"📄 {one_line(rel)}"), data=NodeData("page", self.corpus_root / rel, loaded=True),
                                     expand=True)
            assert page is not None
            page.add_leaf(Text(f"📰 {one_line(title)}"), data=NodeData("article", self.corpus_root / rel, art_id))
        self.root.expand()

    def show_whole_corpus(self) -> None:
        self.root.set_label(Text(f"📚 {one_line(self.corpus_root.name or str(self.corpus_root))}"))
        if self.root.data is not None:
            self.root.data.loaded = False
        self.fill(self.root)
        self.root.expand()
        if small_corpus(self.corpus_root):
            self.expand_all()

    def reveal(self, rel: str, article_id: str, articles: list[tuple[str, str]]) -> None:
        """Expand the folders down to an article and put the cursor on it (reopening where one left off)."""
        node = self.root
        parts = rel.split("/")
        for part in parts:
            self.fill(node)
            node.expand()
            child = self._child_named(node, part)
            if child is None:
                return
            node = child
        if node.data is not None and node.data.kind == "page":
            node.data.loaded = True
            self.set_articles(node, articles)
            node.expand()
        target = next((c for c in node.children if c.data and c.data.article_id == article_id), None)
        if target is not None:
            self.call_after_refresh(self.move_cursor, target)  # lines exist only after the next layout

    def _child_named(self, node: TreeNode[NodeData], name: str) -> TreeNode[NodeData] | None:
        """The child of that file or folder name, looking inside month groups too."""
        child = next((c for c in node.children if c.data and c.data.kind != "month" and c.data.path.name == name), None)
        if child is not None or node.data is None:
            return child
        target = node.data.path / name
        month = next((c for c in node.children if c.data and c.data.kind == "month" and target in (c.data.rest or [])),
                     None)
        if month is None:
            return None
        self.fill(month)
        month.expand()
        return next((c for c in month.children if c.data and c.data.path == target), None)

    def find_article_node(self, article_id: str) -> TreeNode[NodeData] | None:
        stack = [self.root]
        while stack:
            n = stack.pop()
            if n.data and n.data.article_id == article_id:
                return n
            stack.extend(n.children)
        return None


def small_corpus(root: Path, most: int = SMALL) -> bool:
    """Whether the corpus has at most ``most`` files (counting stops there)."""
    if root.is_file():
        return True
    seen = 0
    for _, _, files in os.walk(root):
        seen += sum(1 for f in files if not f.startswith("."))
        if seen > most:
            return False
    return True


def _depth(node: TreeNode[NodeData]) -> int:
    depth = 0
    while node.parent is not None:
        node, depth = node.parent, depth + 1
    return depth


def _path(node: TreeNode[NodeData]) -> Path:
    assert node.data is not None, "every node of the corpus tree carries its path"
    return node.data.path
