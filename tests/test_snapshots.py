"""SVG snapshots of the main screen, search with results, help and an 80×24 terminal."""

from __future__ import annotations

import pytest

from tui.state import State

from .conftest import CORPUS

pytestmark = pytest.mark.filterwarnings("ignore")


def make_app(tmp_path):  # type: ignore[no-untyped-def]
    from tui.ui.app import YuelanApp

    return YuelanApp(CORPUS, state=State(tmp_path / "state.sqlite"))


async def _wait(pilot) -> None:  # type: ignore[no-untyped-def]
    await pilot.pause(0.5)
    await pilot.app.workers.wait_for_complete()
    await pilot.pause(0.2)


def test_main_screen(snap_compare, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """An article open with its highlights, the tree and the side panel: what a reader looks at."""
    async def before(pilot):  # type: ignore[no-untyped-def]
        await _wait(pilot)
        page = sorted(p for p in CORPUS.rglob("*.txt"))[-1]
        await pilot.app.main.open_article(pilot.app.library.articles_of(page, print)[0])
        await _wait(pilot)

    assert snap_compare(make_app(tmp_path), terminal_size=(120, 36), run_before=before)


def test_help_screen(snap_compare, tmp_path) -> None:  # type: ignore[no-untyped-def]
    async def before(pilot):  # type: ignore[no-untyped-def]
        await _wait(pilot)
        await pilot.press("question_mark")
        await pilot.pause(0.3)

    assert snap_compare(make_app(tmp_path), terminal_size=(120, 36), run_before=before)


def test_search_with_results(snap_compare, tmp_path) -> None:  # type: ignore[no-untyped-def]
    async def before(pilot):  # type: ignore[no-untyped-def]
        await _wait(pilot)
        await pilot.press("slash")
        for ch in "董家口":
            await pilot.press(ch)
        await _wait(pilot)

    assert snap_compare(make_app(tmp_path), terminal_size=(120, 36), run_before=before)


def test_small_terminal(snap_compare, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """80×24 on first start: the side panel hides itself and the empty pane says where to begin."""
    assert snap_compare(make_app(tmp_path), terminal_size=(80, 24), run_before=_wait)
