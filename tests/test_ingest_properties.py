"""Properties of the page parser on arbitrary text (hypothesis)."""

from __future__ import annotations

import re

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from tui.ingest.articles import split_articles
from tui.ingest.lines import MD_HEADING
from tui.ingest.reflow import reflow

CJK = st.characters(min_codepoint=0x4E00, max_codepoint=0x4E80)
PIECES = st.sampled_from([
    "\n", "\n\n", "\u3000\u3000", "。", "，", "□本报记者 张三 李四\n", "（上接第一版）", "（下转第二版）", "## 标题\n",
    "■图片说明。\n", "——— 聚焦\n", "主编 赵波 美编 李飞\n", "本报讯 2月11日，", " ", "2023年", "\r\n", "#",
    "\n\n海洋经济推进会议召开\n\n", "本报讯 海洋经济推进会议召开，",  # a headline after the story it echoes
])
TEXT = st.lists(st.one_of(PIECES, st.text(CJK, min_size=1, max_size=30), st.text(max_size=20)), max_size=40).map("".join)


def _non_space(text: str) -> str:
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    kept = []
    for ln in lines:
        m = MD_HEADING.match(ln.strip(" \t\u3000\u00a0\f\v\r"))
        kept.append(m.group(2) if m and m.group(2) else ln)
    return re.sub(r"\s+", "", "".join(kept))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXT)
def test_parser_never_raises_and_keeps_every_character_in_order(text: str) -> None:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    blocks = reflow(text)
    articles, loose = split_articles(blocks, "x.txt", "x", None)
    paragraphs = sorted([q for a in articles for q in a.paragraphs] + list(loose),
                        key=lambda q: (q.lines[0], q.lines[1]))
    # blocks are in source order; every non-space character lands in exactly one of them, in order
    joined = "".join(re.sub(r"\s+", "", b.text) for b in blocks)
    assert joined == _non_space(text)
    assert sum(len(re.sub(r"\s+", "", q.text)) for q in paragraphs) == len(joined)
    n_lines = text.count("\n") + 1
    for q in paragraphs:
        assert 1 <= q.lines[0] <= q.lines[1] <= n_lines
        assert q.text.strip()


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=300))
def test_any_unicode_text(text: str) -> None:
    blocks = reflow(text.replace("\r", "\n"))
    split_articles(blocks, "y.txt", "y", None)


WIDE_CJK = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5)
STORIES = st.lists(st.tuples(st.text(WIDE_CJK, min_size=5, max_size=10), st.text(WIDE_CJK, min_size=20, max_size=60)),
                   min_size=1, max_size=5)


@settings(max_examples=150, deadline=None)
@given(STORIES, st.booleans())
def test_each_story_gets_its_own_headline_before_or_after_it(stories: list[tuple[str, str]], after: bool) -> None:
    """Pages of stories whose headlines the text layer prints before them, or after them: either way each
    story comes out with its own headline as title, and no character is lost or doubled."""
    def pairs(t: str) -> set[str]:
        return {t[i:i + 2] for i in range(len(t) - 1)}

    for i, (h, _) in enumerate(stories):  # a headline that echoes two stories alike is ambiguous: not this test
        assume(all(not pairs(h) & pairs(oh + ob) for j, (oh, ob) in enumerate(stories) if j != i))
    parts = []
    for headline, body in stories:
        story = f"□记者 张明 报道\n　　本报讯 {headline}，{body}。\n\n"
        parts.append(f"{story}{headline}\n\n" if after else f"{headline}\n\n{story}")
    text = "".join(parts)
    articles, loose = split_articles(reflow(text), "x.txt", "x", None)
    assert [a.title for a in articles] == [h for h, _ in stories]
    kept = sum(len(re.sub(r"\s+", "", q.text)) for q in [p for a in articles for p in a.paragraphs] + list(loose))
    assert kept == len(re.sub(r"\s+", "", text))
