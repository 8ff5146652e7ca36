"""Numbers: values, units, what is not a number (idioms, names, versions)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tui.annotate import annotate
from tui.annotate.numbers import find_numbers


def spans_of(text: str) -> dict[str, str]:
    return {s.text: s.type for s in annotate(text)}


@pytest.mark.parametrize(("text", "expect"), [
    ("新增产值135亿元以上", {"135亿元": ("money", 13_500_000_000, "元")}),
    ("增速达到20%以上", {"20%": ("percent", 0.2, "%")}),
    ("增长百分之二十", {"百分之二十": ("percent", 0.2, "%")}),
    ("1.5万家", {"1.5万家": ("count", 15000, "家")}),
    ("一百三十五亿元", {"一百三十五亿元": ("money", 13_500_000_000, "元")}),
    ("８月２１日", {"８月２１日": ("date", {"month": 8, "day": 21}, None)}),
    ("２０％", {"２０％": ("percent", 0.2, "%")}),
])
def test_number_values(text: str, expect: dict) -> None:
    got = {s.text: (s.type, s.value, s.unit) for s in find_numbers(text)}
    assert got == expect


def test_qualifiers_stay_outside() -> None:
    for text, inner in (("约60亿元", "60亿元"), ("超过2000亿元", "2000亿元"), ("不少于30项", "30项"),
                        ("100万平米以上", "100万平米"), ("增长12%左右", "12%")):
        assert [s.text for s in find_numbers(text)] == [inner]


def test_idioms_are_not_numbers() -> None:
    for text in ("一马当先", "一视同仁", "一鼓作气", "引进一批项目", "一系列举措", "统一思想", "一张蓝图绘到底", "工作一线",
                 "开启新的一年", "一年一度的啤酒节"):
        assert find_numbers(text) == [], text


@pytest.mark.parametrize(("text", "expect"), [
    ("加快推动5G高新视频产业发展", {}),
    ("新能源零部件产业园", {}),
    ("办好2020青岛凤凰音乐节", {"2020": ("date", {"year": 2020})}),
    ("金能化学二期项目正在紧张施工", {"二期": ("ordinal", 2)}),
    ("（下转第1版）于《青岛日报》2月10日1版）", {"第1版": ("ordinal", 1), "1版": ("ordinal", 1),
                                       "2月10日": ("date", {"month": 2, "day": 10})}),
])
def test_numbers_in_names_and_pages(text: str, expect: dict) -> None:
    got = {s.text: (s.type, s.value) for s in annotate(text) if s.type not in ("person", "place", "organization")}
    assert got == expect


NUMBERISH = st.text(alphabet=st.sampled_from(list("0123456789０１２３４５.,-%％年月日号第届期版个元亿万千百十九八七六五四三二一两零〇半点之分时：:￥$+大精神A中国 ，。")),
                    max_size=60)


@given(st.one_of(NUMBERISH, st.text(max_size=60)))
def test_number_scan_finds_what_the_full_pattern_finds(text: str) -> None:
    """Numbers are looked for only where a numeral, 第 or a currency sign stands; that must never lose a
    match the whole pattern would find at another character."""
    from tui.annotate.numbers import _MASTER, _matches

    assert [m.span() for m in _matches(text)] == [m.span() for m in _MASTER.finditer(text)]


def test_quoted_slogans_of_counts_are_one_span() -> None:
    assert [(s.text, s.type) for s in find_numbers("全面落实“5个1”工作机制")] == [("5个1", "other")]
    assert [(s.text, s.type) for s in find_numbers("比如“三个100”攻坚行动")] == [("三个100", "other")]
    assert [(s.text, s.type) for s in find_numbers("1个100万元的项目")] == [("1个", "count"), ("100万元", "money")]
