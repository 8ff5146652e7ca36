"""A window of a paragraph around its first match, matches styled: shared by the CLI and the reader."""

from __future__ import annotations

from rich.text import Text

from tui.safe_text import one_line
from tui.styles import SEARCH_STYLE


def snippet(text: str, matches: tuple[tuple[int, int], ...], width: int = 80, before: int = 20) -> Text:
    start = max(0, (matches[0][0] if matches else 0) - before)
    end = min(len(text), start + width)
    t = Text(("…" if start else "") + one_line(text[start:end]) + ("…" if end < len(text) else ""))
    off = 1 if start else 0
    for s, e in matches:
        if e > start and s < end:
            t.stylize(SEARCH_STYLE, max(s, start) - start + off, min(e, end) - start + off)
    return t
