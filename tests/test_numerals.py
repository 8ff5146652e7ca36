"""Values of Chinese numerals: the written-out integers computed without cn2an equal cn2an's answer."""

from __future__ import annotations

import cn2an
from hypothesis import given, settings
from hypothesis import strategies as st

from tui import numerals
from tui.numerals import tidy, value_of


def _cn2an(s: str) -> int | float | None:
    try:
        return tidy(float(cn2an.cn2an(s, "smart")))
    except Exception:  # noqa: BLE001 - cn2an raises bare ValueError subclasses on odd input
        return None


@settings(max_examples=400, deadline=None)
@given(st.integers(0, 10**12 - 1))
def test_written_out_integers_equal_cn2an(n: int) -> None:
    """Every integer as cn2an writes it (一千零五十, 三亿五千万) is read by the fast path, to the same value."""
    s = cn2an.an2cn(n, "low")
    s = "一" + s if s[0] == "十" else s  # 十万 is read as 一十万 (``value_of``)
    assert numerals._WRITTEN_OUT.fullmatch(s), s
    assert numerals._integer(s) == n == _cn2an(s)


@settings(max_examples=1000, deadline=None)
@given(st.text("零一二五九十百千万亿", min_size=1, max_size=9))
def test_any_numeral_the_fast_path_takes_is_read_as_cn2an_reads_it(s: str) -> None:
    """Strings of numeral characters: where the fast path takes one, cn2an gives the same value (colloquial
    一百一 is 110 to cn2an, so the fast path must leave it); the others go to cn2an as before."""
    if numerals._WRITTEN_OUT.fullmatch(s):
        assert numerals._integer(s) == _cn2an(s)


def test_values_of_common_forms() -> None:
    cases = {"十五": 15, "两百": 200, "一百三十五亿": 13_500_000_000, "一万零五": 10_005, "一百一": 110,
             "二〇二四": 2024, "三点五": 3.5, "零": 0, "135亿": 13_500_000_000, "1.5万": 15_000}
    assert {s: value_of(s) for s in cases} == cases
