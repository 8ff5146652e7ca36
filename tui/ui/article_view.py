"""The article pane: paragraphs styled by kind, highlights by type, a paragraph cursor and marks."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from rich.text import Text
from textual.containers import VerticalScroll
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import Static

from tui.annotate import NUMBER_TYPES
from tui.export.passages import Passage, from_article
from tui.model import Article, Kind, Span
from tui.styles import SEARCH_STYLE, rich_style
from tui.ui.keymap import ARTICLE_KEYS, bindings



def layer_of(kind: str) -> str:
    return "numbers" if kind in NUMBER_TYPES else kind


class ParagraphView(Static):
    """One paragraph; its classes carry the kind, the cursor and the mark."""

    def __init__(self, index: int, kind: Kind, text: Text) -> None:
        super().__init__(text, id=f"p{index}", classes=f"para kind-{kind.value}")
        self.index = index
        self.kind = kind.value
        self.shown_state = (False, False, False)  # (cursor, marked, in range) as the classes show it


@dataclass
class Highlight:
    paragraph: int
    span: Span


@dataclass
class ViewState:
    spans: dict[int, list[Span]] = field(default_factory=dict)
    matches: dict[int, list[tuple[int, int]]] = field(default_factory=dict)


class ArticleView(VerticalScroll, can_focus=True):
    BINDINGS = bindings(ARTICLE_KEYS)
    DEFAULT_CSS = """
    ArticleView { padding: 0 1; }
    ArticleView .para { margin-bottom: 1; padding-left: 1; }
    ArticleView .kind-title { text-style: bold; color: $text; text-align: center; margin-top: 1; }
    ArticleView .kind-kicker { text-style: italic; color: $text-muted; text-align: center; }
    ArticleView .kind-byline, ArticleView .kind-credit, ArticleView .kind-marker { color: $text-muted; }
    ArticleView .kind-caption { text-style: italic; color: $text-muted; padding-left: 3; }
    ArticleView .kind-heading { text-style: bold underline; }
    ArticleView .-cursor { background: $boost; border-left: outer $accent; padding-left: 0; }
    ArticleView .-marked { border-left: thick $success; padding-left: 0; }
    ArticleView .-range { background: $primary 20%; }
    """

    class Marked(Message):
        """Passages to add to the basket: whole paragraphs, or the text the mouse selected in them."""

        def __init__(self, passages: list[Passage]) -> None:
            super().__init__()
            self.passages = passages

    cursor: reactive[int] = reactive(1)

    def __init__(self, **kw: object) -> None:
        super().__init__(**kw)  # type: ignore[arg-type]
        self.article: Article | None = None
        self.state = ViewState()
        self.hl_layers = {"numbers": True, "person": True, "place": True, "organization": True}
        self.marked: set[int] = set()
        self.range_anchor: int | None = None
        self.hit_pos = -1

    # ---- content -------------------------------------------------------------------------------------
    async def show(self, article: Article, marked: set[int] | None = None) -> None:
        self.article = article
        self.state = ViewState()
        self.marked = set(marked or ())
        self.range_anchor = None
        self.hit_pos = -1
        await self.remove_children()
        await self.mount_all([ParagraphView(p.index, p.kind, self._para_text(p.index)) for p in article.paragraphs])
        self.cursor = 1
        self._refresh_classes()
        self.scroll_home(animate=False)

    def set_spans(self, spans: dict[int, list[Span]]) -> None:
        self.state.spans = spans
        self.rerender()

    def set_matches(self, matches: dict[int, list[tuple[int, int]]]) -> None:
        self.state.matches = matches
        self.hit_pos = -1
        self.rerender()

    def rerender(self) -> None:
        if not self.article:
            return
        for p in self.article.paragraphs:
            try:
                self.query_one(f"#p{p.index}", ParagraphView).update(self._para_text(p.index))
            except Exception:  # noqa: BLE001 - paragraph not mounted yet
                pass

    def _para_text(self, index: int) -> Text:
        assert self.article is not None
        p = self.article.paragraphs[index - 1]
        t = Text(p.text)
        for s in self.state.spans.get(index, []):
            if self.hl_layers.get(layer_of(s.type), True):
                t.stylize(rich_style(s.type), s.start, s.end)
        for a, b in self.state.matches.get(index, []):
            t.stylize(SEARCH_STYLE, a, b)
        return t

    def visible_spans(self) -> list[Highlight]:
        out = []
        for idx in sorted(self.state.spans):
            for s in self.state.spans[idx]:
                if self.hl_layers.get(layer_of(s.type), True):
                    out.append(Highlight(idx, s))
        return out

    # ---- cursor, marks, jumps ------------------------------------------------------------------------
    def watch_cursor(self, old: int, new: int) -> None:
        self._refresh_classes()
        self.call_after_refresh(self.scroll_to_paragraph, new)

    def _refresh_classes(self) -> None:
        """Touch only the paragraphs whose state changed: every class change restyles a widget, and a
        long article has hundreds of them."""
        lo, hi = self._range()
        for w in self.query(ParagraphView):
            state = (w.index == self.cursor, w.index in self.marked,
                     self.range_anchor is not None and lo <= w.index <= hi)
            if state != w.shown_state:
                w.shown_state = state
                w.set_classes(" ".join(c for c, on in zip(("-cursor", "-marked", "-range"), state, strict=True)
                                       if on) + f" para kind-{w.kind}")

    def _range(self) -> tuple[int, int]:
        if self.range_anchor is None:
            return (0, -1)
        return (min(self.range_anchor, self.cursor), max(self.range_anchor, self.cursor))

    def scroll_to_paragraph(self, index: int, top: bool = False) -> None:
        try:
            w = self.query_one(f"#p{index}", ParagraphView)
        except Exception:  # noqa: BLE001
            return
        self.scroll_to_widget(w, animate=False, top=top)

    def jump(self, delta: int) -> bool:
        """Next/previous search match if a search is active, else next/previous highlight."""
        targets: list[int]
        if self.state.matches:
            targets = sorted(self.state.matches)
        else:
            targets = [h.paragraph for h in self.visible_spans()]
        if not targets:
            return False
        self.hit_pos = (self.hit_pos + delta) % len(targets)
        self.cursor = targets[self.hit_pos]
        return True

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

    def action_mark(self) -> None:
        """Mark the mouse selection if there is one (each paragraph it covers, only the selected text),
        else the paragraph under the cursor."""
        if not self.article:
            return
        selected = self.selected_passages()
        if selected:
            self.app.clear_selection()
        else:
            selected = from_article(self.article, [self.cursor])
        self.marked.update(p.paragraph for p in selected)
        self._refresh_classes()
        self.post_message(self.Marked(selected))

    def selected_passages(self) -> list[Passage]:
        if not self.article:
            return []
        out: list[Passage] = []
        for widget, selection in sorted(self.screen.selections.items(),
                                        key=lambda ws: getattr(ws[0], "index", 0)):
            if not isinstance(widget, ParagraphView) or widget.parent is not self:
                continue
            got = widget.get_selection(selection)
            text = got[0].strip() if got else ""
            if text:
                para = from_article(self.article, [widget.index])[0]
                out.append(replace(para, text=text))
        return out

    def action_range(self) -> None:
        if self.range_anchor is None:
            self.range_anchor = self.cursor
        else:
            self.range_anchor = None
        self._refresh_classes()

    def confirm_range(self) -> bool:
        if self.range_anchor is None or not self.article:
            return False
        lo, hi = self._range()
        self.range_anchor = None
        indices = list(range(lo, hi + 1))
        self.marked.update(indices)
        self._refresh_classes()
        self.post_message(self.Marked(from_article(self.article, indices)))
        return True

    def key_enter(self) -> None:
        self.confirm_range()

    def on_click(self, event: object) -> None:
        widget = getattr(event, "widget", None)
        if isinstance(widget, ParagraphView):
            self.cursor = widget.index
