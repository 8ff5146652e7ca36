"""The parser against the five seed pages, with expectations a reader would check by eye."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.ingest import load_corpus, load_page
from tui.model import Kind

from .conftest import CORPUS, SEED


def page(key: str):
    return load_page(SEED[key], CORPUS)


def all_text(key: str) -> list[str]:
    p = page(key)
    return [q.text for a in p.articles for q in a.paragraphs] + [q.text for q in p.loose]


def test_sentence_broken_across_lines_comes_out_whole() -> None:
    texts = all_text("000")
    assert any("力争增量项目年内新增产值135亿元以上。" in t for t in texts)
    # a blank line fell inside this sentence in the PDF extraction
    assert any("实施“十三大创新突破行动”，推动各项工作实现了新提升" in t for t in texts)


def test_blank_line_inside_sentence_is_joined_in_paragraph_per_line_layout() -> None:
    texts = all_text("001")
    assert any("在加快构建现代代产业体系上迈出新步伐" in t for t in texts)


def test_page_002_yields_several_articles_with_their_own_titles() -> None:
    arts = page("002").articles
    assert len(arts) >= 4
    titles = [a.title for a in arts]
    assert len(set(titles)) == len(titles)
    # This page's text layer prints each story's headline after the story: it is moved back to its story.
    assert titles[0] == "李金国出席并讲话 动员部署会议召开"
    assert arts[0].byline == "记者 李宛遥 报道"
    assert arts[0].date and arts[0].date.endswith("02-11")
    assert arts[0].paragraphs[0].kind is Kind.TITLE and arts[0].paragraphs[0].lines == (28, 29)
    assert any("李金国在讲话中指出" in p.text for p in arts[0].paragraphs)
    assert titles[1] == "区三届人大财经委 第五次会议召开"
    assert any("区第三届人大财政经济委员会第五次会议召开" in p.text for p in arts[1].paragraphs)
    # the page-top headline is the continued interview's (上接第一版 … 孙永红：…)
    assert titles[2] == "以“新”应“变”，以“创”开“路”" and arts[2].continued
    assert any("孙永红" in p.text for p in arts[2].paragraphs)
    assert sum(a.continued for a in arts) >= 3  # the (上接第一版) pieces


def test_bylines_and_captions_are_not_body() -> None:
    art = page("000").articles[0]
    kinds = {q.text: q.kind for q in art.paragraphs}
    assert kinds["□本报记者 陈蔚 仪博文 董梅雪 王雪"] is Kind.BYLINE
    assert kinds["充满活力的灵山湾尽显新区高质量发展潜力。□记者 李亮 摄"] is Kind.CAPTION
    assert kinds["——— 聚焦工委（区委）二届三次全会①"] is Kind.KICKER
    assert art.paragraphs[0].kind is Kind.TITLE and art.title == "锚定目标 创新突破 一马当先"
    assert art.kicker == "聚焦工委（区委）二届三次全会①"
    body = " ".join(q.text for q in art.body)
    assert "李亮 摄" not in body and "本报记者" not in body


def test_markdown_page_credits_and_captions() -> None:
    p = page("004")
    assert [q.kind for q in p.loose].count(Kind.CREDIT) == 2
    art = p.articles[0]
    assert art.title == "力争“开门红”：各区市“起步即冲刺”"
    captions = [q.text for q in art.paragraphs if q.kind is Kind.CAPTION]
    assert "■金能化学二期项目正在紧张施工。" in captions
    headings = [q.text for q in art.paragraphs if q.kind is Kind.HEADING]
    assert headings == ["力争取得新突破", "奋力实现新提升", "攻坚克难优品质"]


def test_continuation_markers_are_their_own_paragraphs() -> None:
    art = page("003").articles[0]
    assert art.continued
    markers = [q.text for q in art.paragraphs if q.kind is Kind.MARKER]
    assert markers == ["（上接第二版）", "（下转第六版）"]
    assert art.paragraphs[2].text.startswith("聚焦船舶海工")


@pytest.mark.parametrize("key", sorted(SEED))
def test_line_ranges_point_at_the_source_lines(key: str) -> None:
    lines = SEED[key].read_text(encoding="utf-8").split("\n")
    p = page(key)
    for art in p.articles:
        for q in art.paragraphs:
            start, end = q.lines
            assert 1 <= start <= end <= len(lines)
            source = "".join(lines[start - 1:end])
            squeezed = "".join(source.split())
            # the paragraph's first and last characters are on its first and last source line
            head, tail = q.text.strip()[0], q.text.strip()[-1]
            assert head in "".join(lines[start - 1].split()) or q.kind is Kind.TITLE
            assert tail in "".join(lines[end - 1].split())
            assert "".join(q.text.split()) in squeezed or q.kind in (Kind.TITLE, Kind.HEADING)


def test_specific_line_range() -> None:
    art = page("000").articles[0]
    para = next(q for q in art.paragraphs if q.text.startswith("区工信局将深入贯彻"))
    assert para.lines == (61, 78)


def test_ids_are_stable_and_unique(corpus_root: Path) -> None:
    a = [x.id for x in load_corpus(corpus_root).articles]
    b = [x.id for x in load_corpus(corpus_root).articles]
    assert a == b and len(set(a)) == len(a)


def test_corpus_readme_is_not_an_article(corpus_root: Path) -> None:
    assert all(not a.path.endswith("README.md") for a in load_corpus(corpus_root).articles)


def test_headlines_printed_after_their_stories_go_back_to_them(tmp_path: Path) -> None:
    """A general layout, not this corpus's: each story first, its headline after it."""
    from tui.ingest.loader import load_page

    text = ("□记者 张明 报道\n　　本报讯 3月2日，黄岛区召开海洋经济推进会议，区长王海出席会议并讲话。\n"
            "会议强调要加快海洋产业发展。\n\n海洋经济推进会议召开\n\n"
            "□记者 李华 报道\n　　本报讯 3月3日，新区举行植树活动，干部群众两千余人参加义务植树。\n\n"
            "新区举行义务植树活动\n")
    f = tmp_path / "p.txt"
    f.write_text(text, encoding="utf-8")
    arts = load_page(f, tmp_path).articles
    assert [a.title for a in arts] == ["海洋经济推进会议召开", "新区举行义务植树活动"]
    assert "区长王海出席" in arts[0].paragraphs[2].text and "植树" in arts[1].paragraphs[2].text


def test_a_headline_before_its_story_stays_there(tmp_path: Path) -> None:
    from tui.ingest.loader import load_page

    text = ("海洋经济推进会议召开\n\n□记者 张明 报道\n　　本报讯 3月2日，黄岛区召开海洋经济推进会议。\n\n"
            "新区举行义务植树活动\n\n□记者 李华 报道\n　　本报讯 3月3日，新区举行植树活动，干部群众参加义务植树。\n")
    f = tmp_path / "p.txt"
    f.write_text(text, encoding="utf-8")
    arts = load_page(f, tmp_path).articles
    assert [a.title for a in arts] == ["海洋经济推进会议召开", "新区举行义务植树活动"]
