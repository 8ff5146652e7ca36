"""The highlights panel: the article's numbers (with values) and entities, grouped, counted, clickable,
with the legend and each layer's on/off state."""

from __future__ import annotations

from collections import defaultdict

from rich.text import Text
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from tui.annotate import NUMBER_TYPES
from tui.model import Span
from tui.styles import HIGHLIGHTS, rich_style

GROUPS = [("numbers", list(NUMBER_TYPES)),
          ("person", ["person"]), ("place", ["place"]), ("organization", ["organization"])]


def _value(s: Span) -> str:
    if s.value is None:
        return ""
    if isinstance(s.value, dict):
        return " = " + " ".join(f"{k}:{v}" for k, v in s.value.items())
    return f" = {s.value:,}" if isinstance(s.value, int) else f" = {s.value}"


class SidePanel(OptionList):
    DEFAULT_CSS = "SidePanel { width: 36; border-left: vkey $panel; } SidePanel.-hidden { display: none; }"

    def __init__(self, **kw: object) -> None:
        super().__init__(**kw)  # type: ignore[arg-type]
        self.targets: list[tuple[int, Span] | str | None] = []

    def show(self, spans: dict[int, list[Span]], layers: dict[str, bool]) -> None:
        self.clear_options()
        self.targets = []
        by_type: dict[str, list[tuple[int, Span]]] = defaultdict(list)
        for idx in sorted(spans):
            for s in spans[idx]:
                by_type[s.type].append((idx, s))
        for n, (layer, types) in enumerate(GROUPS, start=1):
            count = sum(len(by_type[t]) for t in types)
            state = "on" if layers.get(layer, True) else "off"
            self.add_option(Option(Text.assemble((f"[{n}] {layer} ", "bold"), (f"{count} · {state}", "dim"))))
            self.targets.append(layer)
            for t in types:
                items = by_type[t]
                if not items:
                    continue
                colour_label = HIGHLIGHTS[t][2]
                self.add_option(Option(Text.assemble("  ", (f"■ {colour_label}", rich_style(t)), (f" ({len(items)})", "dim"))))
                self.targets.append(None)
                seen: set[str] = set()
                for idx, s in items:
                    key = s.text
                    if key in seen:
                        continue
                    seen.add(key)
                    self.add_option(Option(Text.assemble("    ", (s.text, rich_style(t)), (_value(s), "dim"))))
                    self.targets.append((idx, s))
