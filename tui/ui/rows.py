"""Where each paragraph's text falls on screen rows: the article pane's layout, with no Textual in it.

A row is an offset range in its paragraph, never a copy of its text, so a selection, a search match or a
click maps back to the paragraph exactly, and a copied sentence gains no line breaks where the screen
wrapped it. Kept apart from the widget so that the layout and the selection arithmetic are plain
functions of (paragraphs, width), testable without an app.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from tui.model import Paragraph
from tui.ui.linebreak import break_offsets

INDENT = {"caption": 2}  # cells a paragraph of this kind is indented by
WELCOME = (
    "",
    "阅览 Yuelan",
    "",
    "Choose an article in the tree: j/k to move, l or Enter to open.",
    "Press / to search every article (pinyin, initials, traditional characters welcome).",
    "? lists every key · Ctrl+P runs any command · q quits.",
)


@dataclass(frozen=True)
class Row:
    """One screen line: a slice of a paragraph, or a gap (paragraph 0) between paragraphs."""

    paragraph: int
    start: int = 0
    end: int = 0


@dataclass
class RowLayout:
    rows: list[Row] = field(default_factory=list)
    first_row: dict[int, int] = field(default_factory=dict)  # paragraph → its first row
    row_count: dict[int, int] = field(default_factory=dict)  # paragraph → how many rows it takes

    def paragraph_at(self, row: int) -> int:
        """The paragraph shown on a row (a gap counts as the paragraph above it)."""
        for r in range(min(row, len(self.rows) - 1), -1, -1):
            if self.rows[r].paragraph:
                return self.rows[r].paragraph
        return 1 if self.rows else 0

    def cursor_in_view(self, cursor: int, top: int, height: int) -> int | None:
        """Where the paragraph cursor goes when rows ``top``.. ``top + height - 1`` are on screen: None if
        some of it is on screen, else the first paragraph that starts on screen (scrolled down past it) or
        the one on the last row (scrolled up past it)."""
        if cursor not in self.first_row:
            return None
        first, bottom = self.first_row[cursor], top + height - 1
        if first + self.row_count[cursor] - 1 >= top and first <= bottom:
            return None
        if first > bottom:
            return self.paragraph_at(bottom)
        at = self.paragraph_at(top)
        starts_above = self.first_row.get(at, top) < top
        return at + 1 if starts_above and self.first_row.get(at + 1, bottom + 1) <= bottom else at

    def selected_ranges(self, start: tuple[int, int] | None, end: tuple[int, int] | None) -> list[tuple[int, int, int]]:
        """(paragraph, start, end) in paragraph offsets for each paragraph a screen selection covers.
        ``start``/``end`` are (row, column) of the selection's ends; None runs to that end of the text."""
        if not self.rows:
            return []
        y0, x0 = start if start is not None else (0, 0)
        y1, x1 = end if end is not None else (len(self.rows) - 1, 1 << 30)
        y1 = min(y1, len(self.rows) - 1)
        got: dict[int, list[int]] = {}
        for y in range(max(0, y0), y1 + 1):
            row = self.rows[y]
            if not row.paragraph:
                continue
            a = row.start + (x0 if y == y0 else 0)
            b = min(row.end, row.start + x1) if y == y1 else row.end
            if b <= a:
                continue
            seen = got.setdefault(row.paragraph, [a, b])
            seen[0], seen[1] = min(seen[0], a), max(seen[1], b)
        return [(idx, a, b) for idx, (a, b) in sorted(got.items())]


def lay_out(paragraphs: Sequence[Paragraph], width: int) -> RowLayout:
    """Break every paragraph into rows ``width`` cells wide (Chinese no-break rules in ``break_offsets``),
    with a gap row after each paragraph and before a title that follows other text."""
    out = RowLayout()
    rows = out.rows
    for p in paragraphs:
        if p.kind.value == "title" and rows:
            rows.append(Row(0))
        inner = width - INDENT.get(p.kind.value, 0)
        starts = break_offsets(p.text, inner) if p.text else [0]
        out.first_row[p.index] = len(rows)
        out.row_count[p.index] = len(starts)
        ends = starts[1:] + [len(p.text)]
        rows.extend(Row(p.index, a, b) for a, b in zip(starts, ends, strict=True))
        rows.append(Row(0))
    return out


def empty_corpus(root: str) -> tuple[str, ...]:
    """What the pane says when the corpus has no readable article, rather than "choose an article"."""
    return ("", "阅览 Yuelan", "", f"No readable articles in {root}.",
            "Yuelan reads .txt, .md and .jsonl files (UTF-8, GBK, Big5, UTF-16…) in a folder and its sub-folders.",
            "Add some and open it again · q quits.")


def welcome_lines(width: int, text: tuple[str, ...] = WELCOME) -> list[tuple[str, bool]]:
    """The empty pane's text broken for ``width``: (line, is it the title)."""
    out: list[tuple[str, bool]] = []
    for n, para in enumerate(text):
        starts = break_offsets(para, max(8, width - 4)) if para else [0]
        ends = starts[1:] + [len(para)]
        out.extend((para[a:b].strip(), n == 1) for a, b in zip(starts, ends, strict=True))
    return out
