"""Issue 16: no escape sequence from a corpus, a file name or a user reaches the terminal, and no markup in
them is ever parsed: the CLI's every output, and the reader's panes."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tui.cli import main
from tui.safe_text import dumps, one_line, visible

UNSAFE = re.compile("[\x1b\x80-\x9f\x00-\x08\x0b-\x1f\x7f]")
OSC52 = "\x1b]52;c;ZWNobyBoYWNrZWQ=\x1b\\"
TITLE = "\x1b]2;pwned\x1b\\"
HOSTILE_TEXT = (f"[/red]标题[bold red]危险{TITLE}\n"
                f"青岛市发展改革委员会表示{OSC52}，今年[@click=app.quit]增长5%\x9b31m。\x07[/x]\n")


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    root = tmp_path / "hostile"
    root.mkdir()
    (root / "plain.txt").write_text(HOSTILE_TEXT, encoding="utf-8")
    (root / "[bold red]x\x1b[2J.txt").write_text("标题一\n正文内容讲述青岛市的发展。\n", encoding="utf-8")
    (root / "t\x1b]2;T\x07itle.txt").write_text("另一篇\n正文里说到了一带一路的合作。\n", encoding="utf-8")
    return root


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_visible_keeps_length_and_lines() -> None:
    text = "a\x1bb\x9bc\nd\te\x7f"
    assert len(visible(text)) == len(text)
    assert "\n" in visible(text) and "\t" in visible(text)
    assert not UNSAFE.search(visible(text).replace("\n", "").replace("\t", ""))
    assert "\n" not in one_line(text)
    assert json.loads(dumps({"t": text})) == {"t": text}
    assert not UNSAFE.search(dumps({"t": text}))


def test_a_lone_surrogate_is_shown_as_a_replacement_character() -> None:
    """Python decodes a file name's non-UTF-8 byte as a lone surrogate, which no UTF-8 terminal (or SVG
    screenshot) can be written: it is shown as U+FFFD, one character for one."""
    name = "报告\udcff\ud800.txt"
    for shown in (one_line(name), visible(name)):
        assert shown == "报告\ufffd\ufffd.txt"
        shown.encode("utf-8")


@pytest.mark.parametrize("command", [
    ("articles", "{root}"), ("articles", "{root}", "--json"), ("show", "{root}/plain.txt"),
    ("show", "{root}/plain.txt", "--json"), ("annotate", "{root}/plain.txt"),
    ("annotate", "{root}/plain.txt", "--json"), ("search", "发展", "--corpus", "{root}"),
    ("search", "一带一路", "--corpus", "{root}", "--json"), ("search", "[/x]\x1b]2;q\x07", "--corpus", "{root}"),
    ("export", "--query", "发展", "--corpus", "{root}", "-o", "-"),
    ("export", "--query", "发展", "--corpus", "{root}", "-o", "-", "--format", "jsonl"),
])
def test_no_control_reaches_the_terminal_from_the_cli(hostile: Path, capsys: pytest.CaptureFixture[str],
                                                       command: tuple[str, ...]) -> None:
    code, out, err = _run(capsys, *(part.format(root=hostile) for part in command))
    assert code == 0, err
    assert not UNSAFE.search(out.replace("\n", "").replace("\t", "")), repr(out[:300])
    assert not UNSAFE.search(err.replace("\n", "")), repr(err[:300])
    assert "Traceback" not in err


def test_markup_in_titles_is_shown_as_written(hostile: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "show", str(hostile / "plain.txt"))
    assert code == 0
    assert "[/red]标题[bold red]危险" in out


def test_a_file_name_with_an_escape_is_warned_about_safely(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = tmp_path / "c"
    root.mkdir()
    (root / "bad\x1b]2;T\x07.txt").write_bytes(b"\x00\x01binary")
    (root / "ok.txt").write_text("标题\n正文。\n", encoding="utf-8")
    code, _, err = _run(capsys, "articles", str(root))
    assert code == 0
    assert "warning" in err and "\x1b" not in err


def test_a_query_that_is_not_utf8_is_one_line(hostile: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _run(capsys, "search", "\udcff", "--corpus", str(hostile))
    assert code == 1 and err.count("\n") == 1 and "UTF-8" in err


def test_bad_lines_of_a_queries_file_are_reported_and_the_good_answered(hostile: Path, tmp_path: Path,
                                                                       capsys: pytest.CaptureFixture[str]) -> None:
    queries = tmp_path / "q.txt"
    queries.write_bytes("发展\n".encode() + b"\xff\xfe bad\n" + "一带一路\n".encode())
    code, out, err = _run(capsys, "search", "--corpus", str(hostile), "--queries", str(queries))
    assert code == 0
    answered = [json.loads(line)["query"] for line in out.splitlines()]
    assert answered == ["发展", "一带一路"]
    assert ":2:" in err and "not UTF-8" in err


def test_annotate_jsonl_keeps_line_order_past_bad_lines(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "in.jsonl"
    source.write_bytes(b'{"text": "\xe5\xa2\x9e\xe9\x95\xbf5%"}\n\xff\xff\n{"text": 3}\n{"text": "135\xe4\xba\xbf\xe5\x85\x83"}\n')
    code, out, err = _run(capsys, "annotate", "--jsonl", str(source))
    assert code == 0
    lines = [json.loads(line) for line in out.splitlines()]
    assert len(lines) == 4 and lines[1] == {"spans": []} and lines[2] == {"spans": []}
    assert lines[3]["spans"][0]["type"] == "money"
    assert ":2:" in err and ":3:" in err


def test_limit_must_not_be_negative(hostile: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = _run(capsys, "search", "发展", "--corpus", str(hostile), "--limit", "-1")
    assert code == 1 and out == "" and "--limit" in err


CONTROLS = st.sampled_from([chr(c) for c in [*range(0, 32), *range(0x7F, 0xA0)]])
BRACKETS = st.sampled_from(["[", "]", "[/", "[bold]", "[/x]", "[@click=app.quit]", "\\["])
HAN = st.sampled_from(list("青岛市发展改革委员会一带一路增长亿元年月日李金国"))
PIECES = st.lists(st.one_of(CONTROLS, BRACKETS, HAN, st.text(max_size=3)), min_size=1, max_size=40)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(pieces=PIECES)
def test_fuzz_any_text_through_show_search_annotate(tmp_path_factory: pytest.TempPathFactory,
                                                     capsys: pytest.CaptureFixture[str], pieces: list[str]) -> None:
    text = "".join(pieces)
    root = tmp_path_factory.mktemp("fuzz")
    (root / "f.txt").write_text("标题\n" + text + "\n正文。\n", encoding="utf-8", errors="surrogatepass")
    query = "".join(ch for ch in text if not 0xD800 <= ord(ch) <= 0xDFFF)[:8] or "发展"
    for argv in (["show", str(root / "f.txt")], ["annotate", str(root / "f.txt")],
                 ["search", query, "--corpus", str(root)], ["show", str(root / "f.txt"), "--json"]):
        code = main(argv)
        out, err = capsys.readouterr()
        assert code in (0, 1), err
        assert not UNSAFE.search(out.replace("\n", "").replace("\t", "")), (argv, repr(out[:200]))
        assert not UNSAFE.search(err.replace("\n", "")), (argv, repr(err[:200]))


@settings(max_examples=40, deadline=None)
@given(text=st.text(max_size=60))
def test_fuzz_annotate_jsonl_escapes_everything(text: str) -> None:
    from tui.annotate import annotate

    line = dumps({"spans": [s.to_dict() for s in annotate(visible(text))]})
    assert not UNSAFE.search(line)
