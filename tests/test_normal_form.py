"""``normalize`` builds its offset map only around numerals that change length, and half-widths long
texts through a NumPy table: both must give what the per-character definitions give."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from tui.search.grams import SEP
from tui.search.keys import key_columns
from tui.search.normalize import _NUMERAL, _replacement, _t2s, base_form, norm, normalize
from tui.search.tables import HALF, half_width

TEXT = st.text(st.sampled_from("一二三十百千万亿两零〇点百分之平米㎡ＡＢ１２，。 abcXYZ2024年董家口港") | st.characters(
    blacklist_categories=("Cs",)), max_size=200)


def _reference(text: str) -> tuple[str, list[int]]:
    """The definition: every replaced numeral spread over its characters, a position per character."""
    base = _t2s(text.translate(HALF))
    out: list[str] = []
    where: list[int] = []
    pos = 0
    for m in _NUMERAL.finditer(base):
        rep = _replacement(m)
        if rep is None:
            continue
        out.append(base[pos:m.start()])
        where.extend(range(pos, m.start()))
        out.append(rep)
        span = m.end() - m.start()
        where.extend(m.start() + (span - 1 if i == len(rep) - 1 else min(i * span // len(rep), span - 1))
                     for i in range(len(rep)))
        pos = m.end()
    out.append(base[pos:])
    where.extend(range(pos, len(base)))
    return "".join(out), where


@settings(max_examples=300, deadline=None)
@given(TEXT)
def test_normalize_equals_its_definition(text: str) -> None:
    assert normalize(text) == _reference(text)


@settings(max_examples=200, deadline=None)
@given(TEXT)
def test_half_width_equals_the_translation(text: str) -> None:
    for t in (text, text * 5):  # short texts are translated, long ones go through the table
        assert half_width(t) == t.translate(HALF)


def test_every_character_of_the_table_half_widths_in_a_long_text() -> None:
    every = "".join(map(chr, sorted(HALF)))
    assert len(every) >= 64 and half_width(every) == every.translate(HALF)


def test_a_long_paragraph_with_numerals_of_every_length() -> None:
    text = "全年实现产值一百三十五亿元，同比增长百分之二十，建成十个项目、一座港口，面积三千平米。" * 4
    norm, where = normalize(text)
    assert "135亿" in norm and "20%" in norm and "10个" in norm and "平方米" in norm
    assert (norm, where) == _reference(text)


_PLAIN = re.compile(r"百分之([零〇一二三四五六七八九十百千两]+(?:点[零〇一二三四五六七八九]+)?)|"
                    r"([零〇一二三四五六七八九十百千两]+(?:点[零〇一二三四五六七八九]+)?)([万亿]*)|"
                    r"(平米|㎡|平方米)")


NUMERALS = st.text(st.sampled_from("一二三十百千万亿两零〇点百分之平米㎡个年"), max_size=30)


@settings(max_examples=300, deadline=None)
@given(st.lists(NUMERALS | TEXT, min_size=1, max_size=5))
def test_norm_and_the_batch_keys_equal_the_plain_expression_uncached(texts: list[str]) -> None:
    """``_NUMERAL`` only adds a lookahead naming the characters a match starts with, and ``numeral_text``
    keeps each match's replacement by its text: the expression without either, asked every time, defines
    both ``norm`` and the build's ``key_columns``."""
    want = [_PLAIN.sub(lambda m: r if (r := _replacement(m)) is not None else m.group(0), base_form(t)) for t in texts]
    assert [norm(t) for t in texts] == want
    clean = [t.replace(SEP, " ") for t in texts]
    assert key_columns(clean)[0].split(SEP) == [norm(t) for t in clean]
