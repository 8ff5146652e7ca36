"""How each highlight type looks: a colour plus a cue beyond colour (bold, underline, italic) so that
colour-blind readers and NO_COLOR terminals still tell types apart. Shared by the CLI and the reader.

Keyed by ``SpanType.style_key``; the labels and layers come from the taxonomy in ``tui.model``."""

from __future__ import annotations

from rich.style import Style

from tui.model import SpanType

# style key: (colour, cue)
HIGHLIGHTS: dict[str, tuple[str, str]] = {
    "money": ("green", "bold"),
    "percent": ("magenta", "bold"),
    "date": ("cyan", "underline"),
    "time": ("cyan", "italic"),
    "count": ("yellow", "bold"),
    "ordinal": ("bright_yellow", "italic"),
    "range": ("bright_green", "underline"),
    "other": ("bright_black", "underline"),
    "person": ("bright_red", "bold underline"),
    "place": ("bright_blue", "underline"),
    "organization": ("bright_magenta", "bold"),
}
SEARCH_STYLE = "reverse bold"
CURRENT_MATCH_STYLE = "bold underline black on yellow"  # the match n/N are at, among the lit ones


def rich_style(kind: SpanType | str) -> Style:
    """The style of a span type; an unknown type (from an old cache) is plain underlined text."""
    colour, cue = HIGHLIGHTS.get(str(kind), ("white", "underline"))
    return Style.parse(f"{cue} {colour}")
