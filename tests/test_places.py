"""Issue 14: bookmarks (m, ' to list) and the history of opened articles (ctrl+o back, ctrl+i forward),
kept in the state database."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import OptionList

from tui.paths import corpus_key
from tui.state import Bookmark, State
from tui.ui.app import YuelanApp
from tui.ui.article_view import ArticleView
from tui.ui.bookmarks_screen import BookmarksScreen
from tui.ui.places import HISTORY_MOST, History

from .conftest import CORPUS
from .test_ui import settle


def test_history_drops_what_was_ahead_and_keeps_the_last_visits() -> None:
    h = History()
    for k in range(3):
        h.visit(f"a{k}", "p", 1)
    assert [v[0] for v in h.visits] == ["a0", "a1", "a2"] and h.at == 2
    h.at = 0  # went back twice
    h.visit("b", "p", 4)  # then opened another: a1 and a2 are no longer ahead
    assert [v[0] for v in h.visits] == ["a0", "b"] and h.at == 1
    h.visit("b", "p", 9)  # the same article again: its paragraph is updated, nothing added
    assert h.visits[-1] == ["b", "p", 9]
    for k in range(HISTORY_MOST + 5):
        h.visit(f"c{k}", "p", 1)
    assert len(h.visits) == HISTORY_MOST and h.at == HISTORY_MOST - 1
    assert History.of({"visits": "junk", "at": 3}) == History()
    assert History.of(None) == History()


def test_bookmarks_survive_reopening_the_state(tmp_path: Path) -> None:
    path = tmp_path / "s.sqlite"
    mark = Bookmark("c1", "art-01", "x/a.txt", "标题", 3, 17, "开头的文字")
    State(path).add_bookmark(mark)
    State(path).add_bookmark(mark)  # again: one bookmark
    again = State(path)
    assert [m for _, m in again.bookmarks("c1")] == [mark]
    assert again.bookmarks("other") == []
    again.remove_bookmark(again.bookmarks("c1")[0][0])
    assert State(path).bookmarks("c1") == []


async def test_bookmark_list_open_and_history_back_and_forth() -> None:
    app = YuelanApp(CORPUS)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(app, pilot)
        main = app.main
        first = main.find_article(next(iter(app.library.index.all_titles()))[0])
        assert first is not None
        await main.open_article(first, 1)
        view = app.query_one(ArticleView)
        view.focus()
        await settle(app, pilot)
        view.cursor = 3
        await pilot.press("m")
        await settle(app, pilot)
        marks = app.library.state.bookmarks(corpus_key(app.library.root))
        assert [(m.article, m.paragraph) for _, m in marks] == [(first.id, 3)]
        await pilot.press("right_square_bracket")  # the next article
        await settle(app, pilot)
        second = main.current
        assert second is not None and second.id != first.id
        view.cursor = 2
        await pilot.press("ctrl+o")  # back: the first article, at the paragraph it was left at
        await settle(app, pilot)
        assert main.current is not None and main.current.id == first.id and view.cursor == 3
        await pilot.press("alt+right")  # forward again, at the paragraph left there
        await settle(app, pilot)
        assert main.current.id == second.id and view.cursor == 2
        await pilot.press("apostrophe")
        await settle(app, pilot)
        assert isinstance(app.screen, BookmarksScreen)
        assert app.screen.query_one(OptionList).option_count == 1
        await pilot.press("enter")
        await settle(app, pilot)
        assert main.current.id == first.id and view.cursor == 3
