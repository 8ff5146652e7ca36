"""Every key binding, as data, in one place. The help screen and the footer are generated from it, and
``keymap.toml`` in the config dir remaps any of them by id (``search = "ctrl+f"``)."""

from __future__ import annotations

import tomllib

from textual.binding import Binding, BindingType

from tui.model import Layer
from tui.paths import config_dir

# binding ids kept stable for users' keymap.toml files
_LAYER_IDS = {Layer.NUMBERS: "layer_numbers", Layer.PERSON: "layer_person", Layer.PLACE: "layer_place",
              Layer.ORGANIZATION: "layer_org"}
_LAYER_NAMES = {Layer.NUMBERS: "number", Layer.PERSON: "person", Layer.PLACE: "place",
                Layer.ORGANIZATION: "organisation"}

# (id, keys, action, description, show in footer)
APP_KEYS: list[tuple[str, str, str, str, bool]] = [
    ("search", "slash", "search", "Search all articles", True),
    ("find", "ctrl+f", "find", "Find in this article", True),
    ("next_pane", "tab", "app.focus_next", "Next pane", True),
    ("bookmark", "m", "bookmark", "Bookmark the paragraph", False),
    ("bookmarks", "apostrophe", "bookmarks", "List bookmarks", False),
    ("history_back", "ctrl+o,alt+left", "history_back", "Back to the article read before", False),
    ("history_forward", "ctrl+i,alt+right", "history_forward", "Forward again in the history", False),
    ("entities", "E", "entities", "Entities of the corpus: who, where, which bodies", False),
    ("figures", "F", "figures", "Figures of the corpus: amounts, percentages, counts", False),
    ("words", "W", "words", "Word list of the corpus (Enter searches a word)", False),
    ("kwic", "ctrl+l", "kwic", "Concordance lines (KWIC) of the last search", False),
    ("help", "question_mark", "help", "Help: every key", True),
    ("quit", "q", "quit", "Quit", True),
    ("basket", "b", "basket", "Basket of passages", True),
    ("export", "e", "export", "Export passages", True),
    ("next_hit", "n", "next_hit", "Next highlight / match", False),
    ("prev_hit", "N", "prev_hit", "Previous highlight / match", False),
    ("next_article", "right_square_bracket", "next_article", "Next article", False),
    ("prev_article", "left_square_bracket", "prev_article", "Previous article", False),
    *[(_LAYER_IDS[layer], layer.key, f"toggle_layer('{layer}')", f"Toggle {_LAYER_NAMES[layer]} highlights", False)
      for layer in Layer],
    ("side_panel", "s", "toggle_side", "Show/hide highlights panel", False),
    ("tree_panel", "t", "toggle_tree", "Show/hide corpus tree", False),
    ("tree_narrower", "less_than_sign", "tree_width(-4)", "Narrow the corpus tree", False),
    ("tree_wider", "greater_than_sign", "tree_width(4)", "Widen the corpus tree", False),
    ("theme", "T", "toggle_theme", "Light / dark theme", False),
    ("back", "escape", "back", "Back out", False),
]
_APP_LEVEL = ("theme",)  # bound on the app (it works on every screen); the rest on the main screen
APP_LEVEL_KEYS = [k for k in APP_KEYS if k[0] in _APP_LEVEL]
SCREEN_KEYS = [k for k in APP_KEYS if k[0] not in _APP_LEVEL]
ARTICLE_KEYS: list[tuple[str, str, str, str, bool]] = [
    ("down", "j,down", "scroll_down", "Scroll down", False),
    ("up", "k,up", "scroll_up", "Scroll up", False),
    ("top", "g,home", "scroll_home", "Top", False),
    ("bottom", "G,end", "scroll_end", "Bottom", False),
    ("half_down", "ctrl+d", "half_down", "Half page down", False),
    ("half_up", "ctrl+u", "half_up", "Half page up", False),
    ("page_down", "pagedown", "page_down", "Page down", False),
    ("page_up", "pageup,ctrl+b", "page_up", "Page up", False),
    ("mark", "space", "mark", "Mark paragraph for the basket", True),
    ("range", "v", "range", "Mark a range (v, j/k, Enter)", False),
    ("next_para", "J", "next_para", "Next paragraph", False),
    ("prev_para", "K", "prev_para", "Previous paragraph", False),
]
TREE_KEYS: list[tuple[str, str, str, str, bool]] = [
    ("tree_down", "j", "cursor_down", "Down", False),
    ("tree_up", "k", "cursor_up", "Up", False),
    ("tree_open", "l", "open_node", "Expand / open", False),
    ("tree_close", "h", "close_node", "Collapse / parent", False),
    ("tree_order", "o", "cycle_order", "Sort pages: name / newest / oldest", False),
    ("tree_top", "g", "scroll_home", "First", False),
    ("tree_bottom", "G", "scroll_end", "Last", False),
    ("tree_filter", "f", "filter", "Filter by title", True),
]


PALETTE_TREE_KEYS = ("tree_order", "tree_filter")  # tree bindings that are commands, offered in the palette


def user_keymap() -> dict[str, str]:
    path = config_dir() / "keymap.toml"
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError):
        return {}
    return {str(k): str(v) for k, v in data.items() if isinstance(v, str)}


def bindings(table: list[tuple[str, str, str, str, bool]]) -> list[BindingType]:
    return [Binding(keys, action, desc, show=show, id=bid) for bid, keys, action, desc, show in table]
