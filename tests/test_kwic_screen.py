"""The concordance screen through Pilot: from the search box, lines in one column, re-sorted, opened."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input

from tui.state import State
from tui.ui.app import YuelanApp
from tui.ui.article_view import ArticleView
from tui.ui.kwic_screen import KwicScreen
from tui.ui.screens import SearchScreen

from .conftest import CORPUS

pytestmark = pytest.mark.filterwarnings("ignore")


async def _settle(pilot, t: float = 0.3) -> None:  # type: ignore[no-untyped-def]
    await pilot.pause(t)
    await pilot.app.workers.wait_for_complete()
    await pilot.pause(0.1)


async def searched(pilot, query: str) -> SearchScreen:  # type: ignore[no-untyped-def]
    """The reader settled, then ``/`` and ``query`` typed: the search screen with its hits."""
    await _settle(pilot, 0.5)
    await pilot.press("slash")
    await pilot.pause(0.2)
    search = pilot.app.screen
    assert isinstance(search, SearchScreen)
    search.query_one("#query", Input).value = query
    await _settle(pilot)
    return search


async def concordance_of(pilot, query: str) -> None:  # type: ignore[no-untyped-def]
    """The reader settled, then ``ctrl+l`` on ``query`` as the last search, its lines and collocates read."""
    await _settle(pilot, 0.5)
    pilot.app.main.last_query = query
    await pilot.press("ctrl+l")
    await _settle(pilot)
    await _settle(pilot)


async def test_search_to_kwic_sort_and_open(tmp_path: Path) -> None:
    app = YuelanApp(CORPUS, state=State(tmp_path / "state.sqlite"))
    async with app.run_test(size=(140, 40)) as pilot:
        await searched(pilot, "西海岸")
        await pilot.press("ctrl+l")
        await _settle(pilot)
        screen = app.screen
        assert isinstance(screen, KwicScreen)
        assert screen.rows and all(x.match == "西海岸" for x in screen.rows)
        texts = [str(o.prompt) for o in screen.query_one("#kwic-list").options]  # type: ignore[attr-defined]
        from rich.cells import cell_len

        columns = {cell_len(t[:t.index("西海岸")]) for t in texts}
        assert len(columns) == 1  # the matches stand in one column
        await pilot.press("o")  # 1R
        await _settle(pilot)
        assert screen.order == "1R" and len(screen.rows) == len(texts)
        await pilot.press("j", "enter")
        await _settle(pilot)
        assert not isinstance(app.screen, KwicScreen)
        chosen = screen.rows[1]
        assert app.main.current is not None and app.main.current.id == chosen.article
        view = app.query_one(ArticleView)
        assert view.cursor == chosen.paragraph
        assert (chosen.start, chosen.stop) in view.state.matches.get(chosen.paragraph, [])


async def test_trend_chart_from_the_concordance(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from textual.widgets import Label

    from tui.concordance.trends import corpus_periods, query_series, table
    from tui.ui.trend_screen import TrendScreen

    monkeypatch.setenv("YUELAN_EXPORT_DIR", str(tmp_path / "exports"))
    app = YuelanApp(CORPUS, state=State(tmp_path / "state.sqlite"))
    async with app.run_test(size=(120, 36)) as pilot:
        await concordance_of(pilot, "投资")
        await pilot.press("g")
        await _settle(pilot)
        screen = app.screen
        assert isinstance(screen, TrendScreen)
        searcher = app.main.library.searcher
        rows = table([query_series(searcher, "投资", "month")], corpus_periods(searcher, "month"), "month")
        assert screen.rows == rows and screen.at == len(rows) - 1
        await pilot.press("left")
        await pilot.pause(0.1)
        readout = str(screen.query_one("#trend-readout", Label).render())
        assert readout.startswith(f"{rows[-2]['period']}: {rows[-2]['stories in corpus']} stories")
        await pilot.press("b")  # by quarter
        await _settle(pilot)
        assert screen.by == "quarter" and all("-Q" in str(r["period"]) for r in screen.rows)
        await pilot.press("ctrl+s")
        await _settle(pilot)
        assert list((tmp_path / "exports").glob("yuelan-trend-*.svg"))


async def test_collocates_panel_filters_the_lines(tmp_path: Path) -> None:
    from tui.concordance.collocates import window_words

    app = YuelanApp(CORPUS, state=State(tmp_path / "state.sqlite"))
    async with app.run_test(size=(140, 40)) as pilot:
        await concordance_of(pilot, "投资")
        screen = app.screen
        assert isinstance(screen, KwicScreen)
        assert screen.collocates and screen.collocates[0].word == "亿元"  # 总投资 … 亿元: the strongest
        every = len(screen.rows)
        panel = screen.query_one("#colloc-list")
        panel.focus()
        await pilot.press("enter")
        await _settle(pilot)
        assert screen.holding == "亿元" and 0 < len(screen.rows) < every
        assert all("亿元" in window_words(x) for x in screen.rows)
        await pilot.press("escape")
        await _settle(pilot)
        assert screen.holding is None and len(screen.rows) == every and isinstance(app.screen, KwicScreen)


def test_kwic_screen_snapshot(snap_compare, tmp_path) -> None:  # type: ignore[no-untyped-def]
    async def before(pilot):  # type: ignore[no-untyped-def]
        await concordance_of(pilot, "投资")

    assert snap_compare(YuelanApp(CORPUS, state=State(tmp_path / "state.sqlite")), terminal_size=(120, 36),
                        run_before=before)


def test_trend_screen_snapshot(snap_compare, tmp_path) -> None:  # type: ignore[no-untyped-def]
    async def before(pilot):  # type: ignore[no-untyped-def]
        await concordance_of(pilot, "投资")
        await pilot.press("g")
        await _settle(pilot)

    assert snap_compare(YuelanApp(CORPUS, state=State(tmp_path / "state.sqlite")), terminal_size=(120, 36),
                        run_before=before)


async def test_word_list_filters_and_searches(tmp_path: Path) -> None:
    from tui.ui.words_screen import WordsScreen

    app = YuelanApp(CORPUS, state=State(tmp_path / "state.sqlite"))
    async with app.run_test(size=(120, 36)) as pilot:
        await _settle(pilot, 0.5)
        await pilot.press("W")
        await _settle(pilot)
        await _settle(pilot)
        screen = app.screen
        assert isinstance(screen, WordsScreen)
        counts = [n for _, n in screen.shown]
        assert counts and counts == sorted(counts, reverse=True)
        assert screen.months and screen.span  # the sparklines' months
        await pilot.press(*"项目")
        await _settle(pilot)
        assert screen.shown and all("项目" in w for w, _ in screen.shown)
        await pilot.press("enter", "enter")
        await _settle(pilot)
        assert isinstance(app.screen, SearchScreen)
        assert app.screen.query_one("#query", Input).value == screen.shown[0][0]


async def test_ctrl_l_toggles_between_hits_and_lines(tmp_path: Path) -> None:
    app = YuelanApp(CORPUS, state=State(tmp_path / "state.sqlite"))
    async with app.run_test(size=(120, 36)) as pilot:
        search = await searched(pilot, "西海岸")
        hits = list(search.hits)
        await pilot.press("ctrl+l")
        await _settle(pilot)
        assert isinstance(app.screen, KwicScreen)
        await pilot.press("ctrl+l")  # back to the hits, as they were
        await _settle(pilot)
        assert app.screen is search and search.hits == hits


def test_words_screen_snapshot(snap_compare, tmp_path) -> None:  # type: ignore[no-untyped-def]
    async def before(pilot):  # type: ignore[no-untyped-def]
        await _settle(pilot, 0.5)
        await pilot.press("W")
        await _settle(pilot)
        await _settle(pilot)
        await pilot.press("enter")  # from the filter box (its cursor blinks) to the list
        await _settle(pilot)

    assert snap_compare(YuelanApp(CORPUS, state=State(tmp_path / "state.sqlite")), terminal_size=(120, 36),
                        run_before=before)
