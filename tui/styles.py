"""How each highlight type looks, in a dark theme, a light theme, an 8-colour terminal and with NO_COLOR.
Shared by the CLI and the reader; keyed by ``SpanType`` (labels and layers come from ``tui.model``).

Three layers of difference, so that no two types collide wherever the reader runs:

* **attributes** tell the four families apart with no colour at all (NO_COLOR): numbers are bold (some
  bold italic), persons underlined, places italic, organisations bold and underlined;
* **a base colour of the eight** every terminal has, chosen so that (base colour, attributes) differs for
  every pair of types: what an 8-colour terminal (TERM=xterm) shows;
* **a colour per theme**, of that base hue, with a contrast of at least 4.5:1 against the theme's
  background (WCAG AA for text): what a true-colour terminal shows.

(Before: percent and organisation were both magenta and bold, person differed only by its underline, and
under NO_COLOR three types rendered grey 237 on 233.)
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from rich.style import Style

from tui.model import SpanType


@dataclass(frozen=True)
class Look:
    cue: str  # attributes: the only difference left under NO_COLOR
    base: str  # one of the eight standard colours (an 8-colour terminal)
    dark: str  # on a dark theme's background
    light: str  # on a light theme's background


LOOKS: dict[str, Look] = {
    "money": Look("bold", "green", "#5fd787", "#13602a"),
    "percent": Look("bold", "magenta", "#ff87d7", "#a3145f"),
    "date": Look("bold", "cyan", "#5fd7d7", "#08596a"),
    "time": Look("bold italic", "cyan", "#afeeff", "#0a4f5c"),
    "count": Look("bold", "yellow", "#ffd75f", "#6e4d00"),
    "ordinal": Look("bold italic", "yellow", "#e5c07b", "#6b4a00"),
    "range": Look("bold italic", "green", "#b5e655", "#345a08"),
    "other": Look("bold italic", "white", "#c6c6c6", "#4a4a4a"),
    "person": Look("underline", "red", "#ff8787", "#b01e25"),
    "place": Look("italic", "blue", "#87afff", "#1d48b0"),
    "organization": Look("bold underline", "magenta", "#d7afff", "#6a1fb0"),
}
SEARCH_STYLE = "reverse bold"
CURRENT_MATCH_STYLE = "bold underline black on yellow"  # the match n/N are at, among the lit ones
_UNKNOWN = Look("underline", "white", "#d0d0d0", "#333333")


def no_color() -> bool:
    """NO_COLOR set (to anything, https://no-color.org): attributes only."""
    return "NO_COLOR" in os.environ


def rich_style(kind: SpanType | str, dark: bool = True, colours: str | None = "truecolor") -> Style:
    """The style of a span type: in a dark or light theme, for a terminal of ``colours`` (Rich's colour
    system: "truecolor", "256", "standard" or "windows" for 8/16 colours; None for none), with
    attributes alone under NO_COLOR. An unknown type (from an old cache) is plain underlined text."""
    look = LOOKS.get(str(kind), _UNKNOWN)
    if colours is None or no_color():
        return Style.parse(look.cue)
    if colours in ("standard", "windows"):
        return Style.parse(f"{look.cue} {look.base}")
    return Style.parse(f"{look.cue} {look.dark if dark else look.light}")
