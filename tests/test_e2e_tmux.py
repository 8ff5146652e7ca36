"""The real program in a real terminal: tmux runs `yuelan corpus/`, we type, and read the screen."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .conftest import ROOT

pytestmark = [pytest.mark.e2e, pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")]


def tmux(*args: str) -> str:
    return subprocess.run(["tmux", *args], capture_output=True, text=True, timeout=30).stdout


def wait_for(session: str, needle: str, timeout: float = 30) -> str:
    end = time.time() + timeout
    screen = ""
    while time.time() < end:
        screen = tmux("capture-pane", "-p", "-e", "-t", session)
        if needle in re.sub(r"\x1b\[[0-9;:]*[A-Za-z]", "", screen):
            return screen
        time.sleep(0.3)
    raise AssertionError(f"{needle!r} not on screen:\n{screen}")


def test_search_help_quit_in_tmux(tmp_path: Path) -> None:
    session = f"yuelan-e2e-{os.getpid()}"
    yuelan = Path(sys.executable).parent / "yuelan"
    cmd = f"{yuelan if yuelan.exists() else sys.executable + ' -m tui'} corpus/; echo EXITED=$?; sleep 30"
    env = {"YUELAN_CACHE_DIR": str(tmp_path / "c"), "YUELAN_STATE_DIR": str(tmp_path / "s"),
           "YUELAN_CONFIG_DIR": str(tmp_path / "k"), "TERM": "xterm-256color", "COLORTERM": "truecolor"}
    env_args = [a for k, v in env.items() for a in ("-e", f"{k}={v}")]
    subprocess.run(["tmux", "new-session", "-d", "-s", session, "-x", "120", "-y", "36", "-c", str(ROOT),
                    *env_args, cmd], check=True, timeout=30)
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
