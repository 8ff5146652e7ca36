"""The reader application: the main screen over one corpus, the theme, the key map and the command palette.

No parsing, annotating or searching happens here, nor in the screens' UI thread: ``MainScreen`` is given a
``Library`` (the corpus's index, searcher, caches and the user's state) and runs that work in workers.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import ClassVar

from textual.app import App, SystemCommand
from textual.binding import BindingType
from textual.screen import Screen

from tui.model import StartAt
from tui.safe_text import one_line
from tui.state import State
from tui.ui.corpus_tree import CorpusTree
from tui.ui.keymap import APP_KEYS, APP_LEVEL_KEYS, PALETTE_TREE_KEYS, TREE_KEYS, bindings, user_keymap
from tui.ui.library import Library
from tui.ui.main_screen import MainScreen


class YuelanApp(App[None]):
    TITLE = "阅览 Yuelan"
    CSS_PATH = "yuelan.tcss"
    BINDINGS: ClassVar[list[BindingType]] = bindings(APP_LEVEL_KEYS)

    def __init__(self, root: Path, theme: str | None = None, state: State | None = None,
                 start: StartAt | None = None) -> None:
        super().__init__()
        self.library = Library(root, state)
        self._start = start
        self._requested_theme = theme

    def get_default_screen(self) -> Screen[None]:
        return MainScreen(self.library, self._start)

    @property
    def main(self) -> MainScreen:
        screen = self.default_screen
        assert isinstance(screen, MainScreen)
        return screen

    def on_mount(self) -> None:
        if self._requested_theme and self._requested_theme in self.available_themes:
            self.theme = self._requested_theme
        elif self._requested_theme:
            self.notify(f"unknown theme {one_line(self._requested_theme)!r}", severity="warning", markup=False)
        keymap = user_keymap()
        if keymap:
            self.set_keymap(keymap)

    def on_unmount(self) -> None:
        self.library.close()

    async def action_quit(self) -> None:
        """Ctrl+Q and the palette's Quit: the reading position is kept, as with ``q``."""
        self.main.save_position()
        self.exit()

    def action_toggle_theme(self) -> None:
        self.theme = "textual-light" if self.current_theme.dark else "textual-dark"

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        """Textual's own commands, and each of ours once, by its description."""
        yield from super().get_system_commands(screen)
        for bid, _, action, desc, _ in APP_KEYS:
            if bid in ("quit", "back"):
                continue
            yield SystemCommand(desc, desc, self._command(action))
        for bid, _, action, desc, _ in TREE_KEYS:  # the tree's own commands (moving in it is not one)
            if bid in PALETTE_TREE_KEYS:
                yield SystemCommand(desc, desc, self._command(action, tree=True))

    def _command(self, action: str, tree: bool = False) -> Callable[[], object]:
        """A palette entry runs the binding's action where the binding lives (the app, the main screen or
        the corpus tree)."""
        target = "app" if hasattr(self, f"action_{action.split('(')[0]}") else "screen"

        async def run() -> None:
            where = self.main.query_one(CorpusTree) if tree else self if target == "app" else self.main
            await self.run_action(action, where)

        return run
