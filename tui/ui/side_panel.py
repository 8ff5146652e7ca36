"""The highlights panel: the article's numbers (with values) and entities, grouped, counted, clickable,
with the legend and each layer's on/off state."""

from __future__ import annotations

from collections import defaultdict

from rich.text import Text
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from tui.model import Layer, Span, SpanType
from tui.styles import rich_style


def _value(s: Span) -> str:
    """What the legend shows after a number: ``= 13,500,000,000``, ``= year:2022 month:1``; an ordinal of
    two counts (十九届六中全会) ``= 19, 6``, not a Python list."""
    if s.value is None:
        return ""
    if isinstance(s.value, dict):
        return " = " + " ".join(f"{k}:{v}" for k, v in s.value.items())
    if isinstance(s.value, list | tuple):
        return " = " + ", ".join(_figure(v) for v in s.value)
    return f" = {_figure(s.value)}"


def _figure(v: object) -> str:
    if isinstance(v, float) and v.is_integer() and abs(v) < 1e18:
        v = int(v)  # 1.35e10 from 135亿: shown as 13,500,000,000
    return f"{v:,}" if isinstance(v, int) and not isinstance(v, bool) else str(v)


class SidePanel(OptionList):

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.targets: list[tuple[int, Span] | str | None] = []
        self._shown: tuple[dict[int, list[Span]], dict[str, bool], bool] | None = None  # spans, layers, dark

    @property
    def _palette(self) -> tuple[bool, str | None]:
        """(dark theme, the terminal's colour system): what ``rich_style`` picks colours by."""
        return self.app.current_theme.dark, self.app.console.color_system

    def notify_style_update(self) -> None:
        """After a theme change the legend and the list take the new theme's highlight colours."""
        super().notify_style_update()
        if self._shown is not None and self._shown[2] != self.app.current_theme.dark:
            self.show(self._shown[0], self._shown[1])

    def on_mount(self) -> None:
        """Before any article is open, say what the panel is for (and show the legend) instead of an
        empty box."""
        options = [Option(Text("Highlights of the open article:", style="dim"), disabled=True)]
        palette = self._palette
        for t in SpanType:
            options.append(Option(Text.assemble("  ", (f"■ {t.label}", rich_style(t, *palette))), disabled=True))
        self.add_options(options)
        self.targets = [None] * len(options)

    def show(self, spans: dict[int, list[Span]], layers: dict[str, bool]) -> None:
        """Rebuild the list in one go: adding options one by one re-measures the list each time, which
        cost ~20 ms on a long article."""
        options: list[Option] = []
        targets: list[tuple[int, Span] | str | None] = []
        by_type: dict[str, list[tuple[int, Span]]] = defaultdict(list)
        palette = self._palette
        self._shown = (spans, layers, palette[0])
        for idx in sorted(spans):
            for s in spans[idx]:
                by_type[s.type].append((idx, s))
        for layer in Layer:
            types = layer.types
            count = sum(len(by_type[t]) for t in types)
            state = "on" if layers.get(layer, True) else "off"
            options.append(Option(Text.assemble((f"[{layer.key}] {layer} ", "bold"), (f"{count} · {state}", "dim"))))
            targets.append(layer)
            for t in types:
                items = by_type[t]
                if not items:
                    continue
                options.append(Option(Text.assemble("  ", (f"■ {t.label}", rich_style(t, *palette)), (f" ({len(items)})", "dim"))))
                targets.append(None)
                seen: set[str] = set()
                for idx, s in items:
                    if s.text in seen:
                        continue
                    seen.add(s.text)
                    options.append(Option(Text.assemble("    ", (s.text, rich_style(t, *palette)), (_value(s), "dim"))))
                    targets.append((idx, s))
        self.clear_options()
        self.add_options(options)
        self.targets = targets
