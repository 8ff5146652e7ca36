"""The Entities (E) and Figures (F) screens through Pilot, and a snapshot of each."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input, OptionList

from tui.entities.derive import derive
from tui.search.index import open_index
from tui.state import State
from tui.store.build import build_store
from tui.ui.app import YuelanApp
from tui.ui.article_view import ArticleView
from tui.ui.entities_screen import EntitiesScreen
from tui.ui.figures_screen import FiguresScreen, parse_filter

from .conftest import CORPUS

pytestmark = pytest.mark.filterwarnings("ignore")


def _stored_app(tmp_path: Path) -> YuelanApp:
    """The reader on the bundled corpus, its annotation store and entity index built beforehand."""
    index = open_index(CORPUS)
    index.update()
    build_store(index)
    derive(index)
    index.db.close()
    return YuelanApp(CORPUS, state=State(tmp_path / "state.sqlite"))


async def _settle(pilot, t: float = 0.3) -> None:  # type: ignore[no-untyped-def]
    await pilot.pause(t)
    await pilot.app.workers.wait_for_complete()
    await pilot.pause(0.1)


async def _opened(pilot, key: str, kind: type):  # type: ignore[no-untyped-def]
    """The screen ``key`` opens, once the reader has settled and the screen has its rows."""
    await _settle(pilot, 0.5)
    await pilot.press(key)
    await _settle(pilot)
    assert isinstance(pilot.app.screen, kind)
    return pilot.app.screen


async def test_entities_filter_mentions_and_open(tmp_path: Path) -> None:
    app = _stored_app(tmp_path)
    async with app.run_test(size=(140, 40)) as pilot:
        screen = await _opened(pilot, "E", EntitiesScreen)
        names = [r.name for r in screen.shown]
        assert names[0] == "青岛" and "习近平" in names
        await pilot.press(*"西海岸")
        await _settle(pilot)
        assert screen.shown and all("西海岸" in r.name for r in screen.shown)
        await pilot.press("enter")  # to the list
        await pilot.press("enter")  # the entity's mentions
        await _settle(pilot)
        entity = screen.entity
        assert entity is not None and len(screen.mentions) == entity.mentions
        assert all(m.surface in ("西海岸新区", "青岛西海岸新区") or "西海岸" in m.surface for m in screen.mentions)
        await pilot.press("j", "enter")
        await _settle(pilot)
        assert not isinstance(app.screen, EntitiesScreen)
        view = app.query_one(ArticleView)
        chosen = screen.mentions[1]
        assert app.main.current is not None and app.main.current.id == chosen.article
        assert view.cursor == chosen.pidx
        assert (chosen.start, chosen.stop) in view.state.matches.get(chosen.pidx, [])


async def test_entities_types_scope_and_co_mentions(tmp_path: Path) -> None:
    app = _stored_app(tmp_path)
    async with app.run_test(size=(140, 40)) as pilot:
        screen = await _opened(pilot, "E", EntitiesScreen)
        screen.query_one("#entities-list", OptionList).focus()
        await pilot.press("t")  # persons
        await _settle(pilot)
        assert screen.shown and {r.type for r in screen.shown} == {"person"}
        co = screen.query_one("#co-list", OptionList)
        assert co.option_count > 0  # named with the highlighted person
        total = len(screen.all_rows)
        await pilot.press("s")  # the open article only
        await _settle(pilot)
        assert 0 < len(screen.all_rows) < total
        await pilot.press("escape")
        await _settle(pilot)
        assert not isinstance(app.screen, EntitiesScreen)


async def test_figures_filter_and_open(tmp_path: Path) -> None:
    app = _stored_app(tmp_path)
    async with app.run_test(size=(140, 40)) as pilot:
        screen = await _opened(pilot, "F", FiguresScreen)
        values = [f.value for f in screen.rows if isinstance(f.value, int | float)]
        assert values == sorted(values, reverse=True)
        box = screen.query_one("#figures-filter", Input)
        box.value = "金额 >=1000亿"
        await _settle(pilot)
        assert screen.rows and all(f.type == "money" and f.value >= 1e11 for f in screen.rows)
        await pilot.press("enter", "enter")
        await _settle(pilot)
        assert not isinstance(app.screen, FiguresScreen)
        first = screen.rows[0]
        assert app.main.current is not None and app.main.current.id == first.article
        assert app.query_one(ArticleView).cursor == first.pidx


def test_figure_filter_words() -> None:
    f = parse_filter("money >=1亿 <5000亿 since:2023 投资", "value", None)
    assert f.types == ("money",) and f.low == 1e8 and f.high == 5e11 and f.since == "2023" and f.text == "投资"
    assert parse_filter("百分比 >20%", "date", None).low == pytest.approx(0.2)
    with pytest.raises(ValueError):
        parse_filter(">=lots", "value", None)


def test_entities_screen_snapshot(snap_compare, tmp_path) -> None:  # type: ignore[no-untyped-def]
    async def before(pilot):  # type: ignore[no-untyped-def]
        await _settle(pilot, 0.5)
        await pilot.press("E")
        await _settle(pilot, 0.5)
        await pilot.press("enter")  # from the filter box (its cursor blinks) to the list
        await _settle(pilot)

    assert snap_compare(_stored_app(tmp_path), terminal_size=(120, 36), run_before=before)


def test_figures_screen_snapshot(snap_compare, tmp_path) -> None:  # type: ignore[no-untyped-def]
    async def before(pilot):  # type: ignore[no-untyped-def]
        await _settle(pilot, 0.5)
        await pilot.press("F")
        await _settle(pilot, 0.5)
        await pilot.press("enter")
        await _settle(pilot)

    assert snap_compare(_stored_app(tmp_path), terminal_size=(120, 36), run_before=before)


def test_entity_row_columns_never_run_together() -> None:
    """On the 24k archive 中国 has 54,924 mentions in 10,864 articles: the two numbers were drawn as
    "5492410864". Each column keeps a space before it, under its header."""
    from rich.cells import cell_len

    from tui.entities.queries import EntityRow
    from tui.ui.entity_rows import entity_header, entity_prompt

    row = EntityRow(1, "中国", "place", 54924, 10864, "2022-01-01", "2026-08-31")
    line = entity_prompt(row, "▅▃", dark=True).plain
    assert " 54924 10864 " in line
    head = entity_header(2).plain

    def right_edge(text: str, part: str) -> int:  # in terminal cells: 中国 takes four
        return cell_len(text[:text.index(part) + len(part)])

    assert right_edge(line, "54924") == right_edge(head, "mentions")
    assert right_edge(line, "10864") == right_edge(head, "arts")
