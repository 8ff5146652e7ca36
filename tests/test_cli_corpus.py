"""`yuelan articles` and `yuelan show` as scripts see them: JSON on stdout, one-line errors, exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tui.cli import main

from .conftest import CORPUS, ROOT, SEED


def run(*args: str, env: dict | None = None, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    import os

    e = {**os.environ, **(env or {})}
    return subprocess.run([sys.executable, "-m", "tui", *args], capture_output=True, text=True, cwd=cwd, env=e,
                          timeout=120)


def test_articles_json_lists_every_article() -> None:
    r = run("articles", str(CORPUS), "--json")
    assert r.returncode == 0, r.stderr
    rows = json.loads(r.stdout)
    assert len(rows) >= 10
    assert {"id", "path", "title", "date", "paragraphs", "chars"} <= set(rows[0])
    assert "textual" not in r.stderr.lower()


def test_articles_default_corpus_from_env_and_cwd(tmp_path: Path) -> None:
    r = run("articles", "--json", env={"YUELAN_CORPUS": str(CORPUS)}, cwd=tmp_path)
    assert r.returncode == 0 and json.loads(r.stdout)
    r = run("articles", "--json", cwd=ROOT)  # ./corpus
    assert r.returncode == 0 and json.loads(r.stdout)


def test_show_by_path_and_by_id() -> None:
    r = run("show", str(SEED["002"]), "--json")
    assert r.returncode == 0, r.stderr
    doc = json.loads(r.stdout)
    assert len(doc["articles"]) >= 4
    para = doc["articles"][0]["paragraphs"][0]
    assert set(para) >= {"index", "kind", "text", "lines"}
    assert para["kind"] == "title" and para["lines"] == [28, 29]  # the headline printed after its story
    art_id = doc["articles"][1]["id"]
    r = run("show", art_id, "--corpus", str(CORPUS), "--json")
    assert json.loads(r.stdout)["articles"][0]["id"] == art_id
    r = run("show", art_id, "--corpus", str(CORPUS))
    assert r.returncode == 0 and "区三届人大财经委 第五次会议召开" in r.stdout


def test_errors_are_one_line_and_exit_1(tmp_path: Path) -> None:
    for args in (("show", "no-such-id", "--corpus", str(CORPUS)), ("articles", str(tmp_path / "missing")),
                 ("articles", str(tmp_path))):
        r = run(*args)
        assert r.returncode == 1, (args, r.stderr)
        assert len(r.stderr.strip().splitlines()) == 1 and "Traceback" not in r.stderr
    r = run("show")
    assert r.returncode == 2


def test_warnings_go_to_stderr(tmp_path: Path) -> None:
    (tmp_path / "ok.txt").write_text("标题\n\n正文内容。\n", encoding="utf-8")
    (tmp_path / "bin.txt").write_bytes(b"\x00\x01" * 100)
    r = run("articles", str(tmp_path), "--json")
    assert r.returncode == 0
    assert "bin.txt" in r.stderr and "bin.txt" not in r.stdout
    assert json.loads(r.stdout)[0]["title"] == "标题"


def test_a_corpus_without_a_readable_article_is_one_line_for_every_command(tmp_path: Path,
                                                                           capsys: pytest.CaptureFixture[str]) -> None:
    """An empty folder (or one of unreadable files) gave "no matches", an empty table or nothing at all
    from every command but ``articles`` and ``index``: no word of why."""
    root = tmp_path / "empty"
    root.mkdir()
    (root / "binary.txt").write_bytes(bytes(range(256)) * 4)
    for argv in (["search", "青岛"], ["kwic", "青岛"], ["trend", "青岛"], ["collocates", "青岛"], ["entities"],
                 ["figures"], ["words"], ["mentions", "青岛"], ["export", "--query", "青岛", "-o", "-"], ["index"]):
        args = [*argv, str(root)] if argv == ["index"] else [*argv, "--corpus", str(root)]
        assert main(args) == 1, argv
        err = capsys.readouterr().err.strip().splitlines()
        assert err[-1] == f"yuelan: no readable articles in {root}", (argv, err)
