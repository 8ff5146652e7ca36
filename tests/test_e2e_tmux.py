"""The real program in a real terminal: tmux runs `yuelan corpus/`, we type, and read the screen."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from .conftest import ROOT

pytestmark = [pytest.mark.e2e, pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")]


# A server of our own (-L): on the server of a developer's own tmux, with its options and environment, the
# find bar's counter never showed (the reading session failed whenever another tmux session was running)
SOCKET = f"yuelan-tests-{os.getpid()}"


@pytest.fixture(scope="module", autouse=True)
def _own_server() -> Iterator[None]:
    yield
    subprocess.run(["tmux", "-L", SOCKET, "kill-server"], capture_output=True, timeout=30)


def tmux(*args: str) -> str:
    return subprocess.run(["tmux", "-L", SOCKET, *args], capture_output=True, text=True, timeout=30).stdout


def wait_for(session: str, needle: str, timeout: float = 30) -> str:
    end = time.time() + timeout
    screen = ""
    while time.time() < end:
        screen = tmux("capture-pane", "-p", "-e", "-t", session)
        if needle in re.sub(r"\x1b\[[0-9;:]*[A-Za-z]", "", screen):
            return screen
        time.sleep(0.3)
    raise AssertionError(f"{needle!r} not on screen:\n{screen}")


def start(tmp_path: Path, name: str, width: int, height: int, store: bool = False) -> str:
    """``yuelan corpus/`` in a new detached tmux session of that size, with its own folders; the session.
    ``store``: the reader annotates the corpus in the background (off in the other tests, as in conftest)."""
    session = f"yuelan-{name}-{os.getpid()}"
    yuelan = Path(sys.executable).parent / "yuelan"
    cmd = f"{yuelan if yuelan.exists() else sys.executable + ' -m tui'} corpus/; echo EXITED=$?; sleep 30"
    env = {"YUELAN_CACHE_DIR": str(tmp_path / "c"), "YUELAN_STATE_DIR": str(tmp_path / "s"),
           "YUELAN_CONFIG_DIR": str(tmp_path / "k"), "TERM": "xterm-256color", "COLORTERM": "truecolor", "YUELAN_STORE": "1" if store else "0"}
    env_args = [a for k, v in env.items() for a in ("-e", f"{k}={v}")]
    subprocess.run(["tmux", "-L", SOCKET, "-f", "/dev/null", "new-session", "-d", "-s", session, "-x", str(width), "-y", str(height), "-c",
                    str(ROOT), *env_args, cmd], check=True, timeout=30)
    return session


def test_search_help_quit_in_tmux(tmp_path: Path) -> None:
    session = start(tmp_path, "e2e", 120, 36)
    try:
        wait_for(session, "qingdao-daily")
        tmux("send-keys", "-t", session, "/")
        wait_for(session, "搜索")
        tmux("send-keys", "-t", session, "-l", "一百三十五亿")
        wait_for(session, " match")  # "1 match" or "N matches"
        tmux("send-keys", "-t", session, "Enter")
        wait_for(session, "一马当先 —")  # the header names the opened article (the results show 135亿元 too)
        screen = wait_for(session, "135亿元")
        line = next(ln for ln in screen.splitlines() if "135亿元" in re.sub(r"\x1b\[[0-9;:]*[A-Za-z]", "", ln))
        assert "135亿元" not in line and "\x1b[" in line  # the number is drawn with colour escape codes
        tmux("send-keys", "-t", session, "?")
        wait_for(session, "keys (esc")  # the help screen itself (the footer always says "Search all articles")
        tmux("send-keys", "-t", session, "Escape")
        time.sleep(0.5)
        tmux("send-keys", "-t", session, "q")
        screen = wait_for(session, "EXITED=0")
        assert "Traceback" not in screen
    finally:
        tmux("kill-session", "-t", session)


def _plain(screen: str) -> str:
    return re.sub(r"\x1b\[[0-9;:]*[A-Za-z]", "", screen)


def test_a_reading_session_in_tmux(tmp_path: Path) -> None:
    """Issue 14: open an article, scroll then mark what is on screen, find in it with n/N, bookmark and go
    back to it through the history, and resize to 80×24 and 60×20 with the article still readable."""
    session = start(tmp_path, "read", 140, 40)
    keys = lambda *k: tmux("send-keys", "-t", session, *k)  # noqa: E731
    try:
        wait_for(session, "新精彩 —")  # a first launch opens the first article (its headline in the header)
        time.sleep(1.0)
        keys("Tab")  # from the tree to the article
        keys("PageDown", "PageDown")
        time.sleep(0.5)
        keys("Space")  # marks a paragraph that is on screen
        wait_for(session, "added to the basket")
        keys("C-f")
        wait_for(session, "find in this article")
        keys("-l", "新区")
        screen = wait_for(session, "1/")
        total = re.search(r"1/(\d+)", _plain(screen))
        assert total and int(total.group(1)) > 2
        keys("Enter")
        time.sleep(0.5)
        keys("n")
        time.sleep(0.3)
        keys("n")
        wait_for(session, f"3/{total.group(1)}")
        keys("N")
        wait_for(session, f"2/{total.group(1)}")
        keys("Escape")
        time.sleep(0.5)
        keys("m")
        wait_for(session, "bookmarked")
        keys("]")  # the next article
        time.sleep(1.0)
        keys("C-o")  # back through the history
        wait_for(session, "新精彩 —")
        keys("'")
        wait_for(session, "1 bookmark")
        keys("Escape")
        for width, height in ((80, 24), (60, 20)):
            tmux("resize-window", "-t", session, "-x", str(width), "-y", str(height))
            time.sleep(1.0)
            screen = _plain(tmux("capture-pane", "-p", "-t", session))
            rows = [ln for ln in screen.splitlines() if re.search(r"[\u4e00-\u9fff]{8,}", ln)]
            assert len(rows) >= 5, screen  # lines of text, not a sliver of a pane
        keys("q")
        assert "Traceback" not in wait_for(session, "EXITED=0")
    finally:
        tmux("kill-session", "-t", session)


def test_search_to_concordance_sort_and_open_in_tmux(tmp_path: Path) -> None:
    """Issue 19: search → the query's concordance (ctrl+l) → order by the word after (o) → open (Enter)."""
    session = start(tmp_path, "kwic", 120, 36)
    keys = lambda *k: tmux("send-keys", "-t", session, *k)  # noqa: E731
    try:
        wait_for(session, "qingdao-daily")
        keys("/")
        wait_for(session, "搜索")
        keys("-l", "西海岸")
        wait_for(session, " match")
        keys("C-l")
        screen = _plain(wait_for(session, "order: relevance"))
        rows = [ln for ln in screen.splitlines() if "西海岸" in ln and re.search(r"20\d\d-\d\d", ln)]
        assert len(rows) >= 5
        from rich.cells import cell_len

        assert len({cell_len(ln[:ln.index("西海岸")]) for ln in rows}) == 1  # the matches in one column
        keys("o")
        wait_for(session, "order: 1R")
        time.sleep(0.5)
        keys("Enter")
        screen = _plain(wait_for(session, "Mark paragraph"))  # the reader again (its footer), at the match
        assert "order: 1R" not in screen and "西海岸" in screen
        keys("q")
        assert "Traceback" not in wait_for(session, "EXITED=0")
    finally:
        tmux("kill-session", "-t", session)


def test_entities_and_figures_in_tmux(tmp_path: Path) -> None:
    """Issue 18: the reader annotates the corpus in the background; E lists its entities, a filter finds
    one, Enter lists its mentions and opens the article at one with the name lit; F lists the figures."""
    session = start(tmp_path, "ent", 140, 40, store=True)
    keys = lambda *k: tmux("send-keys", "-t", session, *k)  # noqa: E731
    try:
        wait_for(session, "qingdao-daily")
        wait_for(session, "annotated 5 files", timeout=90)  # the store and the entity index are built
        keys("E")
        wait_for(session, "scope: whole corpus")
        keys("-l", "杨亦武")
        wait_for(session, "1 entities")
        keys("Enter")  # from the filter to the list
        time.sleep(0.5)
        keys("Enter")  # the entity's mentions
        wait_for(session, "主任杨亦武说")  # the mention in its context
        keys("Enter")  # the article there
        screen = wait_for(session, "杨亦武说。")
        line = next(ln for ln in screen.splitlines() if "杨亦武说。" in _plain(ln))
        assert "杨亦武说" not in line and "\x1b[" in line  # the name is drawn in its colour
        keys("F")
        screen = _plain(wait_for(session, "figures · largest first"))
        assert "135亿元" in screen or "亿元" in screen
        keys("Escape")
        time.sleep(0.5)
        keys("q")
        assert "Traceback" not in wait_for(session, "EXITED=0")
    finally:
        tmux("kill-session", "-t", session)
