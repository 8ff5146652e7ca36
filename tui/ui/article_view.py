"""The article pane: paragraphs styled by kind, highlights by type, a paragraph cursor (marks and selection:
``article_marks``).

It draws lines itself (Textual's line API, as Log and toolong do) rather than mounting a widget per
paragraph: a 20k-character story has ~150 paragraphs, and mounting and styling a widget each cost ~2 ms,
so opening one took over a second. Here opening costs one pass of line breaking; only the rows on
screen are rendered, and each row is cached until its paragraph changes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.binding import BindingType
from textual.events import Click, Resize
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.selection import Selection
from textual.strip import Strip

from tui.export.passages import Passage
from tui.model import Article, Layer, Span, SpanType
from tui.search.find_in import Occurrence
from tui.styles import CURRENT_MATCH_STYLE, SEARCH_STYLE, rich_style
from tui.ui.article_marks import MarkActions
from tui.ui.article_matches import MatchSteps
from tui.ui.keymap import ARTICLE_KEYS, bindings
from tui.ui.rows import INDENT, WELCOME, Row, RowLayout, lay_out, welcome_lines

GUTTER = 2  # a bar for the cursor or a mark, then a space
MAX_LINE = 90  # cells of text per row at most: ~45 Chinese characters, a comfortable line on a wide terminal
CENTRED = ("title", "kicker")
MUTED = ("kicker", "byline", "credit", "marker", "caption")
# the component class that styles each paragraph kind (a caption is muted and italic)
KIND_PARTS = {"title": "article--title", "heading": "article--heading", "caption": "article--caption",
              **dict.fromkeys(("kicker", "byline", "credit", "marker"), "article--muted")}


def layer_of(kind: SpanType | str) -> Layer:
    return SpanType(kind).layer


@dataclass
class Highlight:
    paragraph: int
    span: Span


@dataclass
class ViewState:
    spans: dict[int, list[Span]] = field(default_factory=dict)
    matches: dict[int, list[tuple[int, int]]] = field(default_factory=dict)


class ArticleView(MarkActions, MatchSteps, ScrollView, can_focus=True):
    BINDINGS: ClassVar[list[BindingType]] = bindings(ARTICLE_KEYS)
    ALLOW_SELECT = True
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "article--title", "article--heading", "article--muted", "article--caption",
        "article--cursor", "article--cursor-bar", "article--marked-bar", "article--range",
    }

    class Marked(Message):
        """Passages to add to the basket: whole paragraphs, or the text the mouse selected in them."""

        def __init__(self, passages: list[Passage]) -> None:
            super().__init__()
            self.passages = passages

    cursor: reactive[int] = reactive(1)
    hidden_layers: reactive[frozenset[Layer]] = reactive(frozenset())  # what the user toggled off (1-4)
    welcome: reactive[tuple[str, ...]] = reactive(WELCOME)  # the pane with no article open (``rows.empty_corpus``)

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.article: Article | None = None
        self.state = ViewState()
        self.marked: set[int] = set()
        self.range_anchor: int | None = None
        self.hit_pos = -1
        self.current_match: Occurrence | None = None  # the match n/N are at
        self.row_layout = RowLayout()  # where each paragraph falls on rows, at the width last laid out
        self._laid_out_width = -1
        self._texts: dict[int, list[Text]] = {}  # paragraph → its styled rows, until its spans change
        self._strips: dict[int, Strip] = {}  # row → rendered strip, until the row's paragraph changes

    # ---- content -------------------------------------------------------------------------------------
    async def show(self, article: Article, marked: set[int] | None = None) -> None:
        self.article = article
        self.state = ViewState()
        self.marked = set(marked or ())
        self.range_anchor = None
        self.hit_pos = -1
        self.current_match = None
        self._laid_out_width = -1
        self._layout()
        self.set_reactive(ArticleView.cursor, 1)
        self.scroll_to(0, 0, animate=False, immediate=True)
        self._invalidate()

    def set_spans(self, spans: dict[int, list[Span]]) -> None:
        """Redraw only the paragraphs whose spans changed: a long article gets its spans in two steps."""
        old = self.state.spans
        self.state.spans = spans
        changed = {i for i in set(old) | set(spans) if old.get(i) != spans.get(i)}
        for i in changed:
            self._texts.pop(i, None)
        self._invalidate(changed)

    def _show_range_mode(self) -> None:
        """While a range is being marked the pane says so in a bar along its top (a mode, as in vim)."""
        ranging = self.range_anchor is not None
        self.set_class(ranging, "-ranging")
        self.border_title = "RANGE · j/k extend · Enter marks it · v cancels" if ranging else None

    def _redraw_paragraphs(self, paragraphs: set[int]) -> None:
        for i in paragraphs:
            self._texts.pop(i, None)
        self._invalidate(paragraphs)

    def notify_style_update(self) -> None:
        """A theme change (``T``) or a CSS change restyles the rows: drop the rows drawn in the old style,
        or the pane keeps the old theme's background under the new theme's highlights."""
        super().notify_style_update()
        self._texts.clear()
        self._strips.clear()

    @property
    def hl_layers(self) -> dict[str, bool]:
        """Each layer and whether it is shown."""
        return {layer: layer not in self.hidden_layers for layer in Layer}

    def toggle_layer(self, layer: Layer) -> bool:
        """Show or hide a layer; whether it is shown now."""
        self.hidden_layers = self.hidden_layers ^ {layer}
        return layer not in self.hidden_layers

    def watch_hidden_layers(self) -> None:
        self.rerender()

    def rerender(self) -> None:
        self._texts.clear()
        self._invalidate()

    def _invalidate(self, paragraphs: set[int] | None = None) -> None:
        if paragraphs is None:
            self._strips.clear()
        else:
            for idx in paragraphs:
                first = self._first_row.get(idx)
                if first is None:
                    continue
                for r in range(first, first + self._row_count[idx]):
                    self._strips.pop(r, None)
        self.refresh()

    def _para_text(self, index: int) -> Text:
        assert self.article is not None
        p = self.article.paragraphs[index - 1]
        t = Text(p.text)
        palette = (self.app.current_theme.dark, self.app.console.color_system)  # what rich_style picks by
        for s in self.state.spans.get(index, []):
            if layer_of(s.type) not in self.hidden_layers:
                t.stylize(rich_style(s.type, *palette), s.start, s.end)
        for a, b in self.state.matches.get(index, []):
            t.stylize(SEARCH_STYLE, a, b)
        now = self.current_match
        if now is not None and now.paragraph == index:
            t.stylize(CURRENT_MATCH_STYLE, now.start, now.end)
        return t

    def visible_spans(self) -> list[Highlight]:
        out = []
        for idx in sorted(self.state.spans):
            for s in self.state.spans[idx]:
                if layer_of(s.type) not in self.hidden_layers:
                    out.append(Highlight(idx, s))
        return out

    # ---- layout --------------------------------------------------------------------------------------
    def _text_width(self) -> int:
        return max(8, min(MAX_LINE, self.scrollable_content_region.width - GUTTER))

    def _layout(self) -> None:
        """Break every paragraph into rows at the current width (once per width)."""
        width = self._text_width()
        if width == self._laid_out_width:
            return
        self._laid_out_width = width
        self.row_layout = lay_out(self.article.paragraphs if self.article else [], width)
        self._texts.clear()
        self._strips.clear()
        self.virtual_size = Size(self.scrollable_content_region.width, len(self.row_layout.rows))

    @property
    def rows(self) -> list[Row]:
        return self.row_layout.rows

    @property
    def _first_row(self) -> dict[int, int]:
        return self.row_layout.first_row

    @property
    def _row_count(self) -> dict[int, int]:
        return self.row_layout.row_count

    def on_resize(self, event: Resize) -> None:
        anchor = self.paragraph_at(self.scroll_offset.y)
        self._layout()
        if anchor:
            self.scroll_to(y=self._first_row.get(anchor, 0), animate=False, immediate=True)

    def first_row(self, paragraph: int) -> int:
        return self._first_row.get(paragraph, 0)

    def rows_in(self, paragraph: int) -> int:  # rows the paragraph takes at the current width
        return self._row_count.get(paragraph, 0)

    def paragraph_at(self, row: int) -> int:
        return self.row_layout.paragraph_at(row)

    # ---- drawing -------------------------------------------------------------------------------------
    def render_line(self, y: int) -> Strip:
        row_index = self.scroll_offset.y + y
        width = self.scrollable_content_region.width
        if self.article is None:
            return self._welcome_line(y, width)
        if self._text_width() != self._laid_out_width:  # the pane changed width without a Resize (a scrollbar)
            self._layout()
        if row_index >= len(self.rows):
            return Strip.blank(width, self.rich_style)
        selection = self.text_selection
        strip = None if selection is not None else self._strips.get(row_index)
        if strip is None:
            strip = self._render_row(row_index, width, selection)
            if selection is None:
                self._strips[row_index] = strip
        return strip

    def _welcome_line(self, y: int, width: int) -> Strip:
        """What an empty pane says on first start: where to begin, instead of a blank screen."""
        lines = welcome_lines(width, self.welcome)
        if y >= len(lines):
            return Strip.blank(width, self.rich_style)
        line, is_title = lines[y]
        style = self.rich_style + self._part("article--title" if is_title else "article--muted")
        pad = max(0, (width - cell_len(line)) // 2)
        return Strip([Segment(" " * pad, self.rich_style), Segment(line, style)]).crop_extend(0, width, self.rich_style)

    def _part(self, name: str) -> Style:
        """A component's own colour and text style, without its background: rows keep the pane's."""
        full = self.get_component_rich_style(name)
        return Style(color=full.color, bold=full.bold, italic=full.italic, underline=full.underline)

    def _row_texts(self, index: int) -> list[Text]:
        texts = self._texts.get(index)
        if texts is None:
            first, count = self._first_row[index], self._row_count[index]
            cuts = [self.rows[r].start for r in range(first + 1, first + count)]
            texts = list(self._para_text(index).divide(cuts)) if cuts else [self._para_text(index)]
            self._texts[index] = texts
        return texts

    def _row_style(self, base: Style, kind: str, index: int) -> Style:
        """A row's style: its paragraph kind's, then the range being marked or the cursor."""
        style = base
        part = KIND_PARTS.get(kind)
        if part:
            style += self._part(part)
        lo, hi = self._range()
        if self.range_anchor is not None and lo <= index <= hi:
            style += self.get_component_rich_style("article--range")
        elif index == self.cursor:
            style += self.get_component_rich_style("article--cursor")
        return style

    def _bar(self, style: Style, index: int) -> Segment:
        """The gutter: a mark, the cursor, or nothing."""
        if index in self.marked:
            return Segment("┃", style + self._part("article--marked-bar"))
        if index == self.cursor:
            return Segment("▌", style + self._part("article--cursor-bar"))
        return Segment(" ", style)

    def _render_row(self, row_index: int, width: int, selection: Selection | None) -> Strip:
        row = self.rows[row_index]
        base = self.rich_style
        if row.paragraph == 0 or self.article is None:
            blank = Strip([Segment(" ", base + Style.from_meta({"offset": (0, row_index)}))], 1)
            return blank.crop_extend(0, width, base)
        p = self.article.paragraphs[row.paragraph - 1]
        kind = p.kind.value
        style = self._row_style(base, kind, p.index)
        bar = self._bar(style, p.index)
        text = self._row_texts(row.paragraph)[row_index - self._first_row[row.paragraph]]
        if selection is not None and (span := selection.get_span(row_index)) is not None:
            a, b = span
            text = text.copy()
            text.stylize(self.screen.get_component_rich_style("screen--selection"), a, len(text) if b == -1 else b)
        # One Strip per row, built from plain segments: every Strip carries its own caches, and making
        # five per row (render, style, offsets, join, pad) was most of the time a long article took to paint.
        body: list[Segment] = []
        used = 0
        x = 0
        for seg in text.render(self.app.console, ""):
            meta = Style.from_meta({"offset": (x, row_index)})
            body.append(Segment(seg.text, style + seg.style + meta if seg.style else style + meta))
            used += seg.cell_length
            x += len(seg.text)
        indent = INDENT.get(kind, 0)
        if kind in CENTRED:
            indent = max(0, (self._text_width() - used) // 2)
        segments = [bar, Segment(" " * (GUTTER - 1 + indent), style), *body]
        used += GUTTER + indent
        if used < width:
            segments.append(Segment(" " * (width - used), style))
            return Strip(segments, width)
        return Strip(segments).crop(0, width)

    def selection_updated(self, selection: Selection | None) -> None:
        self._strips.clear()
        self.refresh()

    # ---- cursor, marks, jumps ------------------------------------------------------------------------
    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        """Scrolling carries the paragraph cursor along, as ``less`` and Textual's own lists keep theirs in
        view: the paragraph a reader marks with space is always one on the screen."""
        super().watch_scroll_y(old_value, new_value)
        if round(old_value) != round(new_value):
            self.call_after_refresh(self._cursor_into_view)

    def _cursor_into_view(self) -> None:
        if self.article is None:
            return
        height = max(1, self.scrollable_content_region.height)
        target = self.row_layout.cursor_in_view(self.cursor, round(self.scroll_y), height)
        if target is not None and target != self.cursor:
            old = self.cursor
            self.set_reactive(ArticleView.cursor, target)  # no scroll back: the reader moved the view
            self._invalidate({old, target} if self.range_anchor is None else None)

    def watch_cursor(self, old: int, new: int) -> None:
        self._invalidate({old, new} if self.range_anchor is None else None)
        self.scroll_to_paragraph(new)

    def scroll_to_paragraph(self, index: int, top: bool = False) -> None:
        first = self._first_row.get(index)
        if first is None:
            return
        region = Region(0, first, 1, self._row_count[index])
        # force: right after an article is shown its scrollbars are not laid out yet, and Textual would
        # refuse to scroll a pane it believes has none
        self.scroll_to_region(region, animate=False, top=top, immediate=True, force=True)

    def bar_of(self, paragraph: int) -> str:
        """The gutter mark drawn beside a paragraph: ▌ cursor, ┃ marked, blank otherwise (what a reader
        sees; tests assert on it)."""
        first = self._first_row.get(paragraph)
        if first is None:
            return ""
        return self._render_row(first, self.scrollable_content_region.width, None).text[:1]

    def action_next_para(self) -> None:
        if self.article:
            self.cursor = min(len(self.article.paragraphs), self.cursor + 1)

    def action_prev_para(self) -> None:
        self.cursor = max(1, self.cursor - 1)

    def action_scroll_down(self) -> None:
        if self.range_anchor is not None:
            self.action_next_para()
        else:
            super().action_scroll_down()

    def action_scroll_up(self) -> None:
        if self.range_anchor is not None:
            self.action_prev_para()
        else:
            super().action_scroll_up()

    def action_half_down(self) -> None:
        self.scroll_relative(y=max(1, self.size.height // 2), animate=False)

    def action_half_up(self) -> None:
        self.scroll_relative(y=-max(1, self.size.height // 2), animate=False)

    def on_click(self, event: Click) -> None:
        row = self.scroll_offset.y + event.y
        if 0 <= row < len(self.rows) and self.rows[row].paragraph:
            self.cursor = self.rows[row].paragraph
