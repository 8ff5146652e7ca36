"""Issue 16 in the reader: markup and escape sequences in a corpus never crash it or reach the screen as
controls; issue 13: a theme change redraws the article in the new theme."""

from __future__ import annotations

import re
from pathlib import Path

from tui.state import State
from tui.ui.app import YuelanApp
from tui.ui.article_view import ArticleView
from tui.ui.basket_screen import BasketScreen
from tui.ui.corpus_tree import CorpusTree

from .conftest import CORPUS
from .test_safety_terminal import HOSTILE_TEXT
from .test_ui import search_and_open, settle

UNSAFE = re.compile("[\x1b\x80-\x9f\x00-\x1f\x7f]")


def _hostile(tmp_path: Path) -> Path:
    root = tmp_path / "hostile"
    root.mkdir()
    (root / "plain.txt").write_text(HOSTILE_TEXT, encoding="utf-8")
    (root / "[bold red]x\x1b[2J.txt").write_text("[/x]标题一\n正文内容讲述青岛市的发展，[/red]。\n", encoding="utf-8")
    return root


def _screen_text(app: YuelanApp) -> str:
    view = app.query_one(ArticleView)
    return "".join(seg.text for y in range(view.size.height) for seg in view.render_line(y))


async def test_hostile_titles_names_and_text_are_shown_not_obeyed(tmp_path: Path) -> None:
    root = _hostile(tmp_path)
    app = YuelanApp(root, state=State(tmp_path / "s.sqlite"))
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(app, pilot)
        tree = app.query_one(CorpusTree)
        labels = [str(n.label) for n in tree.root.children]
        assert any("[/x]标题一" in label for label in labels)  # its headline, as text (the name before indexing)
        assert not any(UNSAFE.search(label) for label in labels)
        await search_and_open(app, pilot, "发展")
        text = _screen_text(app)
        assert "[/x]标题一" in text
        assert "[/red]。" in text
        assert not UNSAFE.search(text)
        assert not UNSAFE.search(app.title + app.sub_title)
        await pilot.press("space")  # a passage holding markup goes into the basket…
        await pilot.press("b")  # …and the basket shows it
        await settle(app, pilot)
        assert isinstance(app.screen, BasketScreen)
        assert len(app.screen.items) == 1


async def test_a_corpus_folder_named_in_gbk_opens_and_searches(tmp_path: Path) -> None:
    """A corpus folder whose name is not UTF-8 (GBK bytes from a zip made on Chinese Windows): the reader
    opens it, searches it and draws it (a screenshot is written as UTF-8, as a terminal is)."""
    import os

    root = Path(os.fsdecode(os.fsencode(tmp_path) + b"/news-" + "青岛".encode("gbk")))
    root.mkdir()
    (root / "a.txt").write_text("标题一\n\n正文内容讲述青岛市的发展。\n", encoding="utf-8")
    inner = os.fsencode(root) + b"/gbk-" + "国".encode("gbk")  # a file inside so named: skipped, as the index does
    with open(inner + b".txt", "wb") as fh:
        fh.write("标题二\n\n发展。\n".encode())
    app = YuelanApp(root, state=State(tmp_path / "s.sqlite"))
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(app, pilot)
        labels = [str(n.label) for n in app.query_one(CorpusTree).root.children]
        assert len(labels) == 1 and "\ufffd" not in labels[0], labels
        await search_and_open(app, pilot, "发展")
        assert "青岛市的发展" in _screen_text(app)
        app.save_screenshot(str(tmp_path / "shot.svg"))
        assert (tmp_path / "shot.svg").read_text(encoding="utf-8")


async def test_an_empty_corpus_says_so_in_the_article_pane(tmp_path: Path) -> None:
    """A folder with no readable article: the pane said "choose an article in the tree" of an empty tree."""
    root = tmp_path / "empty"
    root.mkdir()
    app = YuelanApp(root, state=State(tmp_path / "s.sqlite"))
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(app, pilot)
        text = _screen_text(app)
        assert "No readable articles in" in text and "Choose an article" not in text


async def test_theme_toggle_redraws_the_article_in_the_new_theme(tmp_path: Path) -> None:
    app = YuelanApp(CORPUS, state=State(tmp_path / "s.sqlite"))
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(app, pilot)
        await search_and_open(app, pilot, "营商环境")
        await pilot.press("t", "s")  # tree and panel hidden, as reported
        await settle(app, pilot)
        view = app.query_one(ArticleView)
        before = next(iter(view.render_line(3))).style
        await pilot.press("T")
        await settle(app, pilot)
        after = next(iter(view.render_line(3))).style
        assert before is not None and after is not None
        assert before.bgcolor != after.bgcolor
        assert after.bgcolor == view.rich_style.bgcolor


async def test_the_palette_lists_each_command_once(tmp_path: Path) -> None:
    from textual.widgets import OptionList

    app = YuelanApp(CORPUS, state=State(tmp_path / "s.sqlite"))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("ctrl+p")
        await pilot.pause(0.5)
        options = app.screen.query_one(OptionList)
        names = [str(options.get_option_at_index(i).prompt).split("\n")[0] for i in range(options.option_count)]
        assert names and len(names) == len(set(names))


def test_search_status_reads_a_folder_filter_as_text_not_markup() -> None:
    """The status line names the ``in:`` folder the user typed: as text, never as Rich markup (``[bold]``
    was styling, and an unclosed ``[/x]`` raised a MarkupError on the screen)."""
    from tui.search.hits import Found
    from tui.ui.search_status import count_said

    said = count_said("发展 in:[bold]x[/y]", Found([], 3, 2))
    assert "in [bold]x[/y]" in said.plain and not said.spans
