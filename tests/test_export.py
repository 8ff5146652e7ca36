"""The writers and `yuelan export`: formats read back, citations hold, no overwrite, failures are clean."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import pytest

from tui.export.passages import Passage
from tui.export.writers import ExportError, render, write

from .conftest import CORPUS, ROOT, SEED

P = [Passage("营商环境就是生产力。", "a/b.txt", "x-01", "标题", 3, (15, 16), "2023-08"),
     Passage("第二段，含“引号”,和逗号。", "a/c.txt", "y-02", "另一篇", 1, (4, 4), None)]


def test_formats(tmp_path: Path) -> None:
    md = render(P, "md")
    assert "> 营商环境就是生产力。" in md and "标题 — a/b.txt, lines 15–16, paragraph 3, 2023-08" in md
    rows = [json.loads(x) for x in render(P, "jsonl").splitlines()]
    assert rows[0]["lines"] == [15, 16] and rows[1]["text"] == P[1].text
    out = write(P, "csv", tmp_path / "x.csv")
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")
    with out.open(encoding="utf-8-sig") as fh:
        back = list(csv.DictReader(fh))
    assert back[1]["text"] == P[1].text and back[0]["line_start"] == "15"
    assert "—— 另一篇 — a/c.txt, line 4, paragraph 1" in render(P, "txt")


def test_no_overwrite_and_failed_write(tmp_path: Path) -> None:
    target = tmp_path / "x.md"
    target.write_text("mine", encoding="utf-8")
    with pytest.raises(ExportError, match="exists"):
        write(P, "md", target)
    assert target.read_text(encoding="utf-8") == "mine"
    write(P, "md", target, force=True)
    with pytest.raises(ExportError, match="does not exist"):
        write(P, "md", tmp_path / "nope" / "x.md")
    assert not list(tmp_path.glob(".yuelan-*"))


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "tui", "export", "--corpus", str(CORPUS), *args],
                          capture_output=True, text=True, cwd=ROOT, timeout=300)


def test_cli_export(tmp_path: Path) -> None:
    ids = json.loads(subprocess.run([sys.executable, "-m", "tui", "articles", str(CORPUS), "--json"],
                                    capture_output=True, text=True, timeout=120).stdout)
    art = ids[0]["id"]
    out = tmp_path / "p.jsonl"
    r = run("--article", art, "--paragraphs", "2-3", "--format", "jsonl", "-o", str(out), "--highlights")
    assert r.returncode == 0, r.stderr
    rows = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert [x["paragraph"] for x in rows] == [2, 3]
    for x in rows:
        for s in x["spans"]:
            assert x["text"][s["start"]:s["end"]] == s["text"]
    r = run("--article", art, "--format", "jsonl", "-o", str(out))
    assert r.returncode == 1 and "exists" in r.stderr and len(r.stderr.strip().splitlines()) == 1
    r = run("--query", "董家口", "--limit", "2", "--format", "md", "-o", "-")
    assert r.returncode == 0 and r.stdout.count("> ") >= 2
    r = run("--article", art, "--format", "md", "-o", str(tmp_path / "missing" / "x.md"))
    assert r.returncode == 1 and "Traceback" not in r.stderr


def test_full_disk_leaves_nothing_behind(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import errno
    import os

    import tui.export.writers as writers

    def full(_fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(writers.os, "fsync", full)
    with pytest.raises(ExportError, match="No space left"):
        write(P, "md", tmp_path / "memo.md")
    assert list(tmp_path.iterdir()) == []  # neither the target nor a temporary file


def test_inside_tmux_the_clipboard_text_also_goes_to_tmux(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 14: tmux drops an application's OSC 52 by default; the text is handed to tmux too, and the
    message never claims a copy that did not happen."""
    from tui.export.clipboard import copy_message, to_tmux

    got = tmp_path / "got"
    fake = tmp_path / "bin" / "tmux"
    fake.parent.mkdir()
    fake.write_text(f'#!/bin/sh\necho "$@" > {got}.args\ncat > {got}\n')
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", f"{fake.parent}:/usr/bin:/bin")
    monkeypatch.delenv("TMUX", raising=False)
    assert to_tmux("文字") is None  # outside tmux: nothing to do
    monkeypatch.setenv("TMUX", "/tmp/tmux-0/default,1,0")
    said = to_tmux("引用的文字")
    assert said is not None and said.startswith("tmux's buffer")
    assert got.read_text(encoding="utf-8") == "引用的文字"
    assert (tmp_path / "got.args").read_text().split() == ["load-buffer", "-w", "-"]
    fake.write_text("#!/bin/sh\necho 'no server running' >&2\nexit 1\n")
    failed = to_tmux("x")
    assert failed is not None and failed.startswith("not copied") and "no server" in failed
    assert "copied" not in copy_message(2, failed).split(";")[0]


def test_jsonl_always_carries_the_spans(tmp_path: Path) -> None:
    """Issue 14: a JSONL export said "spans": [] unless --highlights was given, telling a script there were
    none; machine formats always carry them."""
    out = tmp_path / "x.jsonl"
    r = run("--article", str(SEED["002"]), "--paragraphs", "3-4", "--format", "jsonl", "-o", str(out))
    assert r.returncode == 0, r.stderr
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert rows and all(r["spans"] for r in rows)
