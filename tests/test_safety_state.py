"""Issue 16: the user's basket survives locks, read-only files, damage and a file where a folder should be."""

from __future__ import annotations

import sqlite3
import threading
import time
from pathlib import Path

import pytest

from tui import state as state_mod
from tui.export.passages import Passage
from tui.state import State, StateUnavailable


def _passage(n: int) -> Passage:
    return Passage(f"第{n}段文字", "a/b.txt", "abc-01", "标题", n, (n, n))


def _basket_file(path: Path, count: int = 20) -> None:
    s = State(path)
    assert s.add([_passage(n) for n in range(1, count + 1)]) == count
    s.db.close()


def _lock_for(path: Path, seconds: float) -> None:
    """Another connection holds the file exclusively for a while, as another process would."""
    holder = sqlite3.connect(path, check_same_thread=False)
    holder.execute("BEGIN EXCLUSIVE")
    threading.Timer(seconds, holder.rollback).start()


def test_a_lock_held_for_a_while_is_waited_for_and_the_basket_kept(tmp_path: Path) -> None:
    path = tmp_path / "state.sqlite"
    _basket_file(path)
    _lock_for(path, 1.0)
    s = State(path)
    assert len(s.basket()) == 20
    assert s.problem is None
    assert not list(tmp_path.glob("*.corrupt*"))


def test_a_lock_held_too_long_is_reported_and_the_file_left_alone(tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "state.sqlite"
    _basket_file(path)
    monkeypatch.setattr(state_mod, "BUSY_TIMEOUT", 0.2)
    holder = sqlite3.connect(path, check_same_thread=False)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(StateUnavailable, match="locked"):
            State(path, attempts=2)
    finally:
        holder.rollback()
    assert not list(tmp_path.glob("*.corrupt*"))
    assert len(State(path).basket()) == 20


def test_three_processes_racing_a_lock_never_lose_the_basket(tmp_path: Path) -> None:
    """The reported case: a long lock and three exports at once moved a good file aside, then overwrote it."""
    path = tmp_path / "state.sqlite"
    _basket_file(path)
    _lock_for(path, 1.5)
    results: list[int] = []
    threads = [threading.Thread(target=lambda: results.append(len(State(path).basket()))) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == [20, 20, 20]
    assert not list(tmp_path.glob("*.corrupt*"))


def test_a_read_only_database_keeps_the_basket_readable_and_says_so(tmp_path: Path) -> None:
    path = tmp_path / "state.sqlite"
    _basket_file(path, 3)
    s = State(path)
    s.db.execute("PRAGMA query_only=1")  # what chmod 444 does for a user other than root
    assert s.add([_passage(9)]) == 0
    s.set("position", {"a": 1})
    s.remove(1)
    assert s.problem is not None and "not saved" in s.problem
    assert len(s.basket()) == 3


def test_a_damaged_file_goes_aside_under_a_unique_name_and_the_user_is_told(tmp_path: Path) -> None:
    path = tmp_path / "state.sqlite"
    names = set()
    for _ in range(2):  # twice in the same second: two names, nothing overwritten
        path.write_bytes(b"this is not a database" * 100)
        s = State(path)
        assert s.moved_aside is not None and s.moved_aside.read_bytes().startswith(b"this is not")
        assert s.problem is not None and str(s.moved_aside) in s.problem
        names.add(s.moved_aside)
        s.db.close()
    assert len(names) == 2
    assert State(path).add([_passage(1)]) == 1


def test_a_page_damaged_inside_the_file_is_found_by_the_integrity_check(tmp_path: Path) -> None:
    path = tmp_path / "state.sqlite"
    s = State(path)
    s.add([Passage("长" * 2000 + str(n), "a.txt", "x-01", "t", n, (n, n)) for n in range(1, 60)])
    s.db.close()
    data = bytearray(path.read_bytes())
    page = 4096
    data[page * 3: page * 3 + 300] = b"\xff" * 300  # a page header: the B-tree is broken
    path.write_bytes(bytes(data))
    again = State(path)
    assert again.moved_aside is not None
    assert again.basket() == []


def test_a_file_where_the_state_folder_should_be(tmp_path: Path) -> None:
    blocker = tmp_path / "statedir"
    blocker.write_text("a file, not a folder")
    s = State(blocker / "state.sqlite")
    assert s.problem is not None and "will not be kept" in s.problem
    assert s.add([_passage(1)]) == 1  # the session still works, in memory


def test_the_cli_says_why_when_the_state_is_unusable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    from tui.cli import main

    blocker = tmp_path / "statefile"
    blocker.write_text("x")
    monkeypatch.setenv("YUELAN_STATE_DIR", str(blocker))
    assert main(["export", "--basket", "-o", "-"]) == 1
    err = capsys.readouterr().err
    assert "will not be kept" in err and "Traceback" not in err


def test_a_lock_during_a_write_is_waited_for(tmp_path: Path) -> None:
    path = tmp_path / "state.sqlite"
    s = State(path)
    _lock_for(path, 1.0)
    t0 = time.monotonic()
    assert s.add([_passage(1)]) == 1
    assert time.monotonic() - t0 >= 0.5
    assert s.problem is None
