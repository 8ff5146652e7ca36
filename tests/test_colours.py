"""Issue 14, defect 2: highlight colours collided (percent and organisation both magenta and bold; person
differed only by an underline; under NO_COLOR three types were grey 237 on 233, 1.6:1). Computed from the
styles the article pane renders: every span type apart from every other in both themes and in an
8-colour terminal, the four families apart by attributes alone under NO_COLOR, and text contrast of at
least 4.5:1 against the pane's background."""

from __future__ import annotations

from itertools import combinations
from pathlib import Path

import pytest
from rich.color import ColorSystem
from rich.style import Style

from tui.model import Span, SpanType
from tui.state import State
from tui.ui.app import YuelanApp
from tui.ui.article_view import ArticleView

from .test_ui import settle

WORDS = {t: f"词{k}样" for k, t in enumerate(SpanType)}  # one distinct word per type


def _corpus(tmp_path: Path) -> Path:
    root = tmp_path / "c"
    root.mkdir()
    body = "\n\n".join(f"{w}。" for w in WORDS.values())  # a paragraph each: no word cut by a line end
    (root / "a.txt").write_text(f"颜色测试\n\n{body}\n", encoding="utf-8")
    return root


def _luminance(rgb: tuple[int, int, int]) -> float:
    def channel(c: int) -> float:
        v = c / 255
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4
    r, g, b = (channel(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: tuple[int, int, int], b: tuple[int, int, int]) -> float:
    hi, lo = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


async def _rendered(app: YuelanApp, pilot) -> dict[SpanType, Style]:  # type: ignore[no-untyped-def]
    """The style each span type's word is drawn in, read from the pane's rendered rows."""
    view = app.query_one(ArticleView)
    assert app.main.current is not None
    spans: dict[int, list[Span]] = {}
    for t, w in WORDS.items():
        para = next(p for p in app.main.current.paragraphs if w in p.text)
        spans[para.index] = [Span(para.text.index(w), para.text.index(w) + len(w), t, w)]
    view.set_spans(spans)
    view.rerender()
    await settle(app, pilot, 0.2)
    found: dict[SpanType, Style] = {}
    for y in range(view.size.height):
        for seg in view.render_line(y):
            for t, w in WORDS.items():
                if w in seg.text and seg.style is not None:
                    found[t] = seg.style
    assert set(found) == set(SpanType), "every type drawn"
    return found


def _cue(style: Style) -> tuple[bool, bool, bool]:
    return bool(style.bold), bool(style.italic), bool(style.underline)


@pytest.mark.parametrize("theme", ["textual-dark", "textual-light"])
async def test_every_type_stands_apart_with_readable_contrast(tmp_path: Path, theme: str) -> None:
    app = YuelanApp(_corpus(tmp_path), state=State(tmp_path / "s.sqlite"))
    async with app.run_test(size=(120, 30)) as pilot:
        app.console._color_system = ColorSystem.TRUECOLOR  # as COLORTERM=truecolor gives
        app.theme = theme
        await settle(app, pilot, 0.5)
        styles = await _rendered(app, pilot)
        background = app.query_one(ArticleView).rich_style.bgcolor
        assert background is not None
        for t, style in styles.items():
            assert style.color is not None
            ratio = contrast(style.color.get_truecolor(), (style.bgcolor or background).get_truecolor())
            assert ratio >= 4.5, (theme, t, round(ratio, 2))
        looks = {t: (s.color.get_truecolor() if s.color else None, _cue(s)) for t, s in styles.items()}
        for a, b in combinations(SpanType, 2):
            assert looks[a] != looks[b], (theme, a, b)


async def test_an_eight_colour_terminal_still_tells_every_type_apart(tmp_path: Path) -> None:
    app = YuelanApp(_corpus(tmp_path), state=State(tmp_path / "s.sqlite"))
    async with app.run_test(size=(120, 30)) as pilot:
        app.console._color_system = ColorSystem.STANDARD  # as TERM=xterm gives
        await settle(app, pilot, 0.5)
        styles = await _rendered(app, pilot)
        names = {t: (s.color.name if s.color else None, _cue(s)) for t, s in styles.items()}
        assert all(n[0] in ("red", "green", "yellow", "blue", "magenta", "cyan", "white") for n in names.values())
        for a, b in combinations(SpanType, 2):
            assert names[a] != names[b], (a, b, names[a])


async def test_no_color_tells_the_four_families_apart_by_attributes(tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = YuelanApp(_corpus(tmp_path), state=State(tmp_path / "s.sqlite"))
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(app, pilot, 0.5)
        styles = await _rendered(app, pilot)
        plain = app.query_one(ArticleView).rich_style
        for t, s in styles.items():
            assert s.color == plain.color, t  # the pane's own text colour: its contrast, not a dim grey
        families: dict[str, set[tuple[bool, bool, bool]]] = {}
        for t, s in styles.items():
            families.setdefault(t.layer, set()).add(_cue(s))
        for a, b in combinations(families, 2):
            assert not families[a] & families[b], (a, b)
