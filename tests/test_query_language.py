"""Issue 15: the query language ("phrase", -word, a | b), figures matched by value, initials that land on
words, body before headline, and the line of a hit's first match. On a small invented corpus."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.search.engine import Searcher
from tui.search.filters import QueryError
from tui.search.index import Index
from tui.search.query import Word, parse

from .conftest import CORPUS

PAGES = {
    "a.txt": "港口建设提速\n\n港口建设提速，董家口港区今年吞吐量增长。\n\n多家科技企业落户新区。\n\n青岛加快建设港口。\n\n"
             "董家口经济区签约项目。\n\n董家口码头再添新泊位。\n",
    "b.txt": "投资消息\n\n全年投资一千亿元用于港口。\n\n投资1000亿元的项目开工。\n\n另有100亿元资金到位。\n\n规模达到2000亿元。\n\n"
             "总额21000亿元。\n",
    "c.txt": "深海渔业新闻\n\n今年以来，新区围绕海洋经济发展目标，持续推进\n重点项目建设，全力打造现代渔业示范基地，推动\n"
             "深海养殖装备升级，带动沿海群众增收致富。\n\n第二段文字内容在这里。\n",
}


@pytest.fixture(scope="module")
def searcher(tmp_path_factory: pytest.TempPathFactory) -> Searcher:
    root = tmp_path_factory.mktemp("q") / "corpus"
    root.mkdir()
    for name, text in PAGES.items():
        (root / name).write_text(text, encoding="utf-8")
    idx = Index(root, tmp_path_factory.mktemp("idx") / "i.sqlite")
    idx.update()
    return Searcher(idx)


def texts(searcher: Searcher, query: str) -> list[str]:
    return [h.text for h in searcher.find(query, 100).hits]


def test_parse_reads_phrases_exclusions_and_alternatives() -> None:
    q = parse('港口 "董家口 港区" -码头 | 一千亿 since:2024')
    assert q.groups == ((Word("港口"), Word("董家口 港区", exact=True)), (Word("一千亿"),))
    assert q.excluded == ("码头",)
    assert q.filters.since == "2024"
    assert parse("“董家口”").groups == ((Word("董家口", exact=True),),)  # curly quotes, as an IME types them
    assert parse('"董家').groups == ((Word("董家", exact=True),),)  # a phrase still being typed
    assert parse("COVID-19").groups == ((Word("COVID-19"),),)  # a hyphen inside a word is no minus


def test_a_quoted_phrase_is_not_fuzzed(searcher: Searcher) -> None:
    assert len(texts(searcher, "东家口")) == 3  # a homophone of 董家口 finds it
    assert texts(searcher, '"东家口"') == []
    assert len(texts(searcher, '"董家口"')) == 3


def test_minus_leaves_out_paragraphs_holding_a_word(searcher: Searcher) -> None:
    hits = texts(searcher, "港口 -董家口")
    assert hits and not any("董家口" in t for t in hits)
    assert len(hits) == len([t for t in texts(searcher, "港口") if "董家口" not in t])
    assert texts(searcher, "-港口") == []  # nothing to search for


def test_bar_matches_either_side(searcher: Searcher) -> None:
    either = set(texts(searcher, "董家口 | 一千亿"))
    assert either == set(texts(searcher, "董家口")) | set(texts(searcher, "一千亿"))
    assert searcher.find("董家口 | 一千亿", 100).total == len(either)


def test_figures_match_by_value(searcher: Searcher) -> None:
    """一千亿 also returned 100亿, 2000亿 (one edit away) and 21000亿 (holding it)."""
    want = {"全年投资一千亿元用于港口。", "投资1000亿元的项目开工。"}
    assert set(texts(searcher, "一千亿")) == want
    assert set(texts(searcher, "1000亿")) == want
    assert set(texts(searcher, "１０００亿")) == want


def test_initials_that_land_on_a_word_rank_first(searcher: Searcher) -> None:
    """djk put 多家科 and 岛加快 (cut across words) among the 董家口 hits."""
    hits = texts(searcher, "djk")
    assert all("董家口" in t for t in hits[:3])
    assert not any("董家口" in t for t in hits[3:])


def test_initials_show_each_common_reading_before_repeats(tmp_path: Path) -> None:
    """jpzxt is 近平主席提 in 500 paragraphs of the news archive and 近平主席同 in 395: the first page held 提
    alone. Each common reading now shows once, commonest first, before the repeats; a reading found once
    (cut across words) stays below them."""
    root = tmp_path / "corpus"
    root.mkdir()
    lines = ["习近平主席提出倡议。"] * 4 + ["习近平主席同来宾握手。"] * 3 + ["此时将平主席团队召集。"]
    (root / "a.txt").write_text("标题\n\n" + "\n\n".join(f"{t}第{k}段。" for k, t in enumerate(lines)) + "\n",
                                encoding="utf-8")
    idx = Index(root, tmp_path / "i.sqlite")
    idx.update()
    hits = [h.text for h in Searcher(idx).find("jpzxt", 10).hits]
    assert len(hits) == 8
    assert "主席提" in hits[0] and "主席同" in hits[1]
    assert "主席团" in hits[-1]


def test_initials_checked_in_batches_find_what_one_batch_finds(searcher: Searcher,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """The initials key is derived for a batch of rows at a time (``INITIALS_BATCH``): batches of two rows
    find every hit one batch finds."""
    import numpy as np

    from tui.search import index_queries

    ids = np.array([r[0] for r in searcher.index.query("SELECT id FROM paras ORDER BY id")], dtype=np.int64)
    whole = searcher.index.holding(ids, [[("ini", "djk")]], len(ids))
    monkeypatch.setattr(index_queries, "INITIALS_BATCH", 2)
    assert searcher.index.holding(ids, [[("ini", "djk")]], len(ids)) == whole
    assert searcher.index.holding(ids, [[("ini", "djk")]], 2) == whole[:2]
    assert len(whole) >= 3


def test_a_paragraph_outranks_a_headline_saying_the_same(searcher: Searcher) -> None:
    hits = searcher.find("港口建设提速", 10).hits
    assert [h.kind for h in hits] == ["body", "title"]


def test_a_hit_cites_the_line_of_its_first_match(searcher: Searcher) -> None:
    """The citation gave the paragraph's first line (3) for a match on line 5."""
    (hit,) = searcher.find("深海养殖", 5).hits
    assert hit.lines == (3, 5)
    assert hit.cited_line == 5
    assert hit.to_dict()["line"] == 5
    assert searcher.find("现代渔业", 5).hits[0].cited_line == 4


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.sampled_from(list('"“”|｜-- 董家口港一千亿djk:since:in:sort:\x00\n')) | st.characters(),
               max_size=20))
def test_any_query_is_answered_or_refused_in_one_line(searcher: Searcher, query: str) -> None:
    try:
        found = searcher.find(query, 5)
    except QueryError as exc:
        assert "\n" not in str(exc)
        return
    assert found.total >= len(found.hits)


def test_the_cli_says_when_the_filters_alone_leave_nothing(capsys: pytest.CaptureFixture[str]) -> None:
    from tui.cli import main

    assert main(["search", "--corpus", str(CORPUS), "青岛 since:2030"]) == 0
    assert "no matches for “青岛 since:2030”: no article passes since:2030" in capsys.readouterr().out
    assert main(["search", "--corpus", str(CORPUS), "青岛", "--in", "nowhere", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["note"] == "no article passes in:nowhere"
