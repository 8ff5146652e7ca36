"""Line breaking for the article view: offsets, widths and the Chinese no-break rules."""

from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len

from tui.ui.linebreak import NO_START, break_offsets


def lines_of(text: str, width: int) -> list[str]:
    starts = break_offsets(text, width)
    return [text[a:b] for a, b in zip(starts, starts[1:] + [len(text)], strict=True)]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("董家口经济区，。、“”（）《》abc DEF 123.5% 😀\t")), max_size=200)
       | st.text(max_size=200), st.integers(min_value=-3, max_value=60))
def test_rows_cover_the_text_and_fit(text: str, width: int) -> None:
    starts = break_offsets(text, width)
    assert starts[0] == 0
    assert all(a < b for a, b in itertools.pairwise(starts))
    assert all(s < len(text) for s in starts[1:])
    lines = lines_of(text, width)
    assert "".join(lines) == text
    for line in lines:  # wider only by a hanging space or a character wider than the line
        assert cell_len(line.rstrip(" ")) <= max(2, width) or len(line.rstrip(" ")) == 1


def test_chinese_punctuation_never_starts_a_line() -> None:
    text = "区工信局将深入贯彻落实全委会精神，把工业稳增长摆在更加突出位置。加力提速工业经济高质量发展，坚决稳住工业运行基本盘。" * 3
    for width in range(10, 41):
        assert all(line[0] not in NO_START for line in lines_of(text, width)[1:]), width


def test_numbers_and_latin_words_stay_whole() -> None:
    lines = lines_of("今年投资达到135.5亿元，同比增长12.5%，COVID-19之后首次回升。", 24)
    joined = "|".join(lines)
    for word in ("135.5", "12.5%", "COVID-19"):
        assert any(word in line for line in lines), joined


PARAS = st.lists(st.tuples(st.sampled_from(["title", "body", "caption", "byline"]),
                           st.text(alphabet=st.sampled_from(list("董家口经济区，。“”abc 12")), max_size=80)),
                 min_size=0, max_size=8)


@settings(max_examples=200, deadline=None)
@given(PARAS, st.integers(min_value=1, max_value=50))
def test_the_layout_puts_every_paragraph_on_its_rows(paras: list[tuple[str, str]], width: int) -> None:
    """Each paragraph's rows are consecutive and cover its text once; selecting everything on screen gives
    back every non-empty paragraph whole (what a copy of the whole article must give)."""
    from tui.model import Kind, Paragraph
    from tui.ui.rows import lay_out

    paragraphs = [Paragraph(i, Kind(kind), text, (i, i)) for i, (kind, text) in enumerate(paras, start=1)]
    lay = lay_out(paragraphs, width)
    for p in paragraphs:
        first, count = lay.first_row[p.index], lay.row_count[p.index]
        rows = lay.rows[first:first + count]
        assert all(r.paragraph == p.index for r in rows)
        assert "".join(p.text[r.start:r.end] for r in rows) == p.text
        assert lay.paragraph_at(first + count - 1) == p.index
    got = {i: (a, b) for i, a, b in lay.selected_ranges(None, None)}
    assert got == {p.index: (0, len(p.text)) for p in paragraphs if p.text}


def test_the_cursor_follows_the_view() -> None:
    """Issue 14: scrolling moves the paragraph cursor onto the screen (the paragraph space marks)."""
    from tui.ui.rows import Row, RowLayout

    # paragraphs 1..4 of 3 rows each, with a gap row between them
    rows: list[Row] = []
    layout = RowLayout(rows=rows)
    for p in range(1, 5):
        layout.first_row[p] = len(rows)
        layout.row_count[p] = 3
        rows += [Row(p, 0, 1)] * 3 + [Row(0, 0, 0)]
    assert layout.cursor_in_view(2, top=4, height=5) is None  # on screen: stays
    assert layout.cursor_in_view(1, top=5, height=5) == 3  # scrolled past: the first paragraph starting on screen
    assert layout.cursor_in_view(4, top=0, height=5) == 2  # scrolled up past it: the one on the last row
    assert layout.cursor_in_view(1, top=13, height=2) == 4
