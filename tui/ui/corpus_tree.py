"""The corpus as a tree: folders → pages → articles, expanded lazily so that 24k files open instantly."""

from __future__ import annotations

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

CHUNK = 500


@dataclass
class NodeData:
    kind: str  # folder | page | article | more
    path: Path
    article_id: str | None = None
    loaded: bool = False
    rest: list[Path] | None = None


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

    def on_mount(self) -> None:
        self.fill(self.root)
        self.root.expand()

    def fill(self, node: TreeNode[NodeData]) -> None:
        data = node.data
        if data is None or data.loaded:
            return
        data.loaded = True
        node.remove_children()
        if data.kind == "folder":
            if data.path.is_file():
                self._add_files(node, [data.path])
                return
            dirs, files = list_folder(data.path)
            for d in dirs:
                count = count_entries(d)
                child = node.add(Text.assemble("📁 ", one_line(d.name), " ", (f"({count})", "dim")), data=NodeData("folder", d))
                child.add_leaf("loading…", data=NodeData("more", d))
            self._add_files(node, files)

    def _add_files(self, node: TreeNode[NodeData], files: list[Path]) -> None:
        for f in files[:CHUNK]:
            child = node.add(Text(f"📄 {one_line(f.stem)}"), data=NodeData("page", f))
            child.add_leaf("loading…", data=NodeData("more", f))
        if len(files) > CHUNK:
            node.add_leaf(f"… {len(files) - CHUNK} more", data=NodeData("more", _path(node), rest=files[CHUNK:]))

    def set_articles(self, node: TreeNode[NodeData], articles: list[tuple[str, str]]) -> None:
        node.remove_children()
        for art_id, title in articles:
            node.add_leaf(Text(f"📰 {one_line(title)}"), data=NodeData("article", _path(node), art_id))
        if not articles:
            node.add_leaf(Text("(unreadable)", style="dim"), data=NodeData("more", _path(node)))

    def on_tree_node_expanded(self, event: Tree.NodeExpanded[NodeData]) -> None:
        data = event.node.data
        if data and data.kind == "folder":
            self.fill(event.node)
        elif data and data.kind == "page" and not data.loaded:
            data.loaded = True
            self.post_message(self.PageNeeded(event.node))

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

    def reveal(self, rel: str, article_id: str, articles: list[tuple[str, str]]) -> None:
        """Expand the folders down to an article and put the cursor on it (reopening where one left off)."""
        node = self.root
        parts = rel.split("/")
        for part in parts:
            self.fill(node)
            node.expand()
            child = next((c for c in node.children if c.data and c.data.path.name == part), None)
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

    def find_article_node(self, article_id: str) -> TreeNode[NodeData] | None:
        stack = [self.root]
        while stack:
            n = stack.pop()
            if n.data and n.data.article_id == article_id:
                return n
            stack.extend(n.children)
        return None


def _path(node: TreeNode[NodeData]) -> Path:
    assert node.data is not None, "every node of the corpus tree carries its path"
    return node.data.path
