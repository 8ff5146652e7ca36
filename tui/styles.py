"""How each highlight type looks: a colour plus a cue beyond colour (bold, underline, italic) so that
colour-blind readers and NO_COLOR terminals still tell types apart. Shared by the CLI and the reader."""

from __future__ import annotations

from rich.style import Style

# type: (colour, cue, legend label)
HIGHLIGHTS: dict[str, tuple[str, str, str]] = {
    "money": ("green", "bold", "金额 money"),
    "percent": ("magenta", "bold", "百分比 percent"),
    "date": ("cyan", "underline", "日期 date"),
    "time": ("cyan", "italic", "时间 time"),
    "count": ("yellow", "bold", "数量 count"),
    "ordinal": ("bright_yellow", "italic", "序数 ordinal"),
    "range": ("bright_green", "underline", "范围 range"),
    "other": ("bright_black", "underline", "其他数字 other"),
    "person": ("bright_red", "bold underline", "人名 person"),
    "place": ("bright_blue", "underline", "地名 place"),
    "organization": ("bright_magenta", "bold", "机构 organisation"),
}
SEARCH_STYLE = "reverse bold"


def rich_style(kind: str) -> Style:
    colour, cue, _ = HIGHLIGHTS.get(kind, ("white", "underline", kind))
    return Style.parse(f"{cue} {colour}")
