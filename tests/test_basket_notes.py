"""Issue 14, defect 4: a note on a basket passage (n), kept in the state database and exported with it."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from pathlib import Path

from textual.widgets import DataTable

from tui.export.passages import Passage
from tui.export.writers import render
from tui.state import State
from tui.ui.app import YuelanApp
from tui.ui.basket_screen import BasketScreen, NoteScreen

from .conftest import CORPUS
from .test_ui import settle

P = Passage("新增产值135亿元。", "a/b.txt", "art-01", "标题", 3, (10, 12), "2023-02", "核对这个数字")


def test_every_format_carries_the_note() -> None:
    assert "*Note:* 核对这个数字" in render([P], "md")
    assert json.loads(render([P], "jsonl"))["note"] == "核对这个数字"
    rows = list(csv.reader(io.StringIO(render([P], "csv").lstrip("\ufeff"))))
    assert rows[0][-2] == "note" and rows[1][-2] == "核对这个数字"
    assert "note: 核对这个数字" in render([P], "txt")
    assert "Note" not in render([Passage(P.text, P.path, P.article, P.title, 3, (10, 12))], "md")


def test_a_state_file_from_before_notes_keeps_its_basket(tmp_path: Path) -> None:
    path = tmp_path / "s.sqlite"
    db = sqlite3.connect(path)
    db.executescript("""CREATE TABLE basket (id INTEGER PRIMARY KEY, position REAL, article TEXT, path TEXT,
        title TEXT, paragraph INTEGER, text TEXT, l0 INTEGER, l1 INTEGER, date TEXT, added REAL,
        UNIQUE(article, paragraph, text));
        INSERT INTO basket VALUES (1, 1, 'art-01', 'a/b.txt', '标题', 3, '旧的段落', 10, 12, NULL, 0);""")
    db.commit()
    db.close()
    state = State(path)
    (item, passage), = state.basket()
    assert passage.text == "旧的段落" and passage.note == ""
    state.set_note(item, "一条笔记")
    assert State(path).basket()[0][1].note == "一条笔记"


async def test_n_in_the_basket_writes_a_note(tmp_path: Path) -> None:
    state = State(tmp_path / "s.sqlite")
    state.add([Passage("第一段。", "a/b.txt", "art-01", "标题", 1, (1, 1))])
    app = YuelanApp(CORPUS, state=state)
    async with app.run_test(size=(140, 36)) as pilot:
        await settle(app, pilot)
        await pilot.press("b")
        await settle(app, pilot)
        assert isinstance(app.screen, BasketScreen)
        await pilot.press("n")
        await settle(app, pilot)
        assert isinstance(app.screen, NoteScreen)
        await pilot.press(*"check", "enter")
        await settle(app, pilot)
        assert isinstance(app.screen, BasketScreen)
        assert state.basket()[0][1].note == "check"
        table = app.screen.query_one("#basket", DataTable)
        assert "check" in str(table.get_row_at(0)[2])
