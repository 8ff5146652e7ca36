"""Issue 17: one story a file (its title on line 1, a dateline opening the body), spacing a PDF's layout put
into the text, and one id for an article whatever command names it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tui.cli import main
from tui.ingest.lines import DATELINE
from tui.ingest.loader import load_page
from tui.ingest.spacing import drop_justification_spaces, join_letter_spacing, repair
from tui.model import Kind

DATELINE_ANYWHERE = DATELINE.pattern.lstrip("^")
BODY = "市长在市政府会见了来访的企业代表团。双方就扩大投资、共建产业园区交换了意见。\n会见后，双方签署了三项合作协议。"


def _page(tmp_path: Path, text: str, name: str = "2024/20240101-01.txt") -> list:  # type: ignore[type-arg]
    path = tmp_path / "news" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return list(load_page(path, tmp_path / "news").articles)


@pytest.mark.parametrize("head", [
    "市长会见来访企业代表团",
    "全市工作会议召开 部署推进城市更新、乡村振兴、营商环境优化、科技创新和民生保障等十项重点任务",
])
def test_a_title_line_then_a_dateline_is_one_article_titled_by_line_one(tmp_path: Path, head: str) -> None:
    arts = _page(tmp_path, f"{head}\n央视网消息（新闻联播）：{BODY}\n")
    assert len(arts) == 1
    assert arts[0].title == head
    body = [p for p in arts[0].paragraphs if p.kind is Kind.BODY]
    assert body[0].text.startswith("央视网消息（新闻联播）：")


def test_a_headline_with_its_deck_lines(tmp_path: Path) -> None:
    text = "迎春茶话会在市里举行 市长发表讲话\n迎春茶话会在市里举行\n市长发表讲话\n副市长主持\n各界代表出席\n本报讯 " + BODY
    arts = _page(tmp_path, text)
    assert len(arts) == 1
    assert arts[0].title == "迎春茶话会在市里举行 市长发表讲话"
    assert arts[0].kicker == "迎春茶话会在市里举行 市长发表讲话 副市长主持 各界代表出席"


def test_a_story_without_a_dateline_is_titled_by_its_first_line(tmp_path: Path) -> None:
    arts = _page(tmp_path, "第三次全体会议决议\n（2024年3月5日全体会议通过）\n" + BODY)
    assert len(arts) == 1
    assert arts[0].title == "第三次全体会议决议"


def test_a_title_is_never_glued_to_the_dateline_after_it(tmp_path: Path) -> None:
    arts = _page(tmp_path, "一座港城的百年变迁\n央视网消息（新闻联播）：一座港城的百年变迁\n" + BODY)
    assert len(arts) == 1
    assert arts[0].title == "一座港城的百年变迁"
    import re

    assert not re.search(DATELINE_ANYWHERE, arts[0].title)


def test_letter_spacing_and_a_justified_name_are_repaired(tmp_path: Path) -> None:
    text = "招商引资工作会议召开\n本报讯 会议要求，培育符合高端产业落地及 高 端 人 才 需 求 的生活态。\n区领导佟海燕、逯鹰、李金 国参加。\n"
    (art,) = _page(tmp_path, text)
    body = " ".join(p.text for p in art.paragraphs if p.kind is Kind.BODY)
    assert "高端人才需求" in body
    assert "李金国参加" in body


def test_a_headline_keeps_the_space_between_its_parts() -> None:
    assert repair("锚定目标 创新突破 一马当先", Kind.TITLE) == "锚定目标 创新突破 一马当先"
    assert repair("陈蔚 仪博文 董梅雪", Kind.BYLINE) == "陈蔚 仪博文 董梅雪"
    assert join_letter_spacing("国 际 化") == "国际化"
    assert join_letter_spacing("两 字") == "两 字"  # two characters are not a run
    assert drop_justification_spaces("A B 中 文") == "A B 中文"


SPACED = st.text(alphabet=st.sampled_from(list("高端人才需求李金国 \u3000，。AB1")), max_size=40)


@given(SPACED, st.sampled_from(list(Kind)))
def test_repair_only_removes_spaces_and_is_idempotent(text: str, kind: Kind) -> None:
    fixed = repair(text, kind)
    assert fixed.replace(" ", "").replace("\u3000", "") == text.replace(" ", "").replace("\u3000", "")
    assert repair(fixed, kind) == fixed


def _json(capsys: pytest.CaptureFixture[str], *argv: str) -> object:
    assert main(list(argv)) == 0
    return json.loads(capsys.readouterr().out)


def test_one_id_through_every_command(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """The reported case: a file in a year folder got another id (and lost its folder) from annotate."""
    monkeypatch.chdir(tmp_path)  # no ./corpus here: the root must be found, not named
    root = tmp_path / "news"
    for name, head in (("2025/20250609-06.txt", "本市家电企业加快智能化改造"), ("2025/20250609-07.txt", "本市码头推进绿色化转型")):
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(f"{head}\n央视网消息（新闻联播）：{head}。{BODY}\n", encoding="utf-8")
    listed = _json(capsys, "articles", str(root), "--json")
    assert isinstance(listed, list)
    by_path = {a["path"]: a["id"] for a in listed}
    the_id = by_path["2025/20250609-07.txt"]
    shown = _json(capsys, "show", str(root / "2025/20250609-07.txt"), "--json")
    annotated = _json(capsys, "annotate", str(root / "2025/20250609-07.txt"), "--json")
    by_id = _json(capsys, "show", the_id, "--corpus", str(root), "--json")
    hits = _json(capsys, "search", "码头推进绿色", "--corpus", str(root), "--json")
    assert isinstance(shown, dict) and isinstance(annotated, dict) and isinstance(by_id, dict) and isinstance(hits, dict)
    assert shown["path"] == annotated["path"] == "2025/20250609-07.txt"
    assert shown["articles"][0]["id"] == annotated["articles"][0]["id"] == by_id["articles"][0]["id"] == the_id
    assert hits["hits"][0]["article"] == the_id
    assert main(["export", "--corpus", str(root), "--article", the_id, "--format", "jsonl", "-o", "-"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert {r["article"] for r in rows} == {the_id}
    assert {r["path"] for r in rows} == {"2025/20250609-07.txt"}


def test_the_reader_opens_a_file_at_a_line_in_its_corpus(tmp_path: Path) -> None:
    from tui.commands.read import start_point

    root = tmp_path / "news"
    (root / "2025").mkdir(parents=True)
    page = root / "2025" / "20250609-07.txt"
    page.write_text(f"本市码头推进绿色化转型\n央视网消息（新闻联播）：{BODY}\n", encoding="utf-8")
    corpus, start = start_point(f"{page}:3")
    assert corpus == root
    assert start is not None and start.path == "2025/20250609-07.txt" and start.line == 3


def test_articles_streams_json_lines(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = tmp_path / "news"
    for n in range(3):
        (root / "2024").mkdir(parents=True, exist_ok=True)
        (root / "2024" / f"2024010{n + 1}-01.txt").write_text(f"第{n}篇标题\n本报讯 {BODY}\n", encoding="utf-8")
    assert main(["articles", str(root), "--jsonl"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [r["title"] for r in rows] == ["第0篇标题", "第1篇标题", "第2篇标题"]
    assert all(r["path"].startswith("2024/") for r in rows)


@pytest.mark.parametrize(("name", "opening", "date"), [
    # the file names its day: a dateline's event date (the day before, the year before) does not move it
    ("2022/20220101-13.txt", "央视网消息（新闻联播）：当地时间2021年12月31日，", "2022-01-01"),
    ("2022/20220101-14.txt", "央视网消息（新闻联播）：12月31日，", "2022-01-01"),
    # a month folder: the dateline gives the day, its year written or, in January, December's the year before
    ("2023-02/a.txt", "本报讯 2月11日，", "2023-02-11"),
    ("2022-01/a.txt", "本报讯 12月31日，", "2021-12-31"),
    ("2024/a.txt", "央视网消息（新闻联播）：2023年12月30日，", "2023-12-30"),
    ("2024/a.txt", "本报讯 3月5日，", "2024-03-05"),
    ("2024/a.txt", "", "2024"),  # a folder named for a year, and no dateline
])
def test_an_article_is_dated_by_its_file_then_by_its_dateline(tmp_path: Path, name: str, opening: str, date: str) -> None:
    """A story of 2022/20220101-13.txt whose dateline says 当地时间2021年12月31日 was dated 2022-12-31: the
    dateline's month and day with the path's year, over the path's own day and the dateline's year."""
    (art,) = _page(tmp_path, f"中国驻某国使馆举行复馆仪式\n{opening}{BODY}\n", name)
    assert art.date == date
