"""How the Entities and Figures screens draw a row: names padded by display width (a Han character is two
columns), the type in its highlight colour, counts right-aligned, a sparkline of months. Every corpus
string goes into ``Text`` as plain text (never markup) with control characters made visible."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

from rich.cells import cell_len
from rich.text import Text

from tui.concordance.kwic import kwic_text
from tui.entities.figures import Figure
from tui.entities.queries import EntityRow, MentionRow
from tui.model import SpanType
from tui.safe_text import one_line

NAME_CELLS = 18
SPARK_WIDTH = 24
CONTEXT = 16


@dataclass(frozen=True)
class MentionTarget:
    """Where Enter on a mention or a figure opens: the article, its paragraph, the span to light."""

    article: str
    path: str
    paragraph: int
    start: int
    stop: int


def fit(text: str, cells: int) -> str:
    """``text`` cut (with …) or padded with spaces to exactly ``cells`` columns."""
    text = one_line(text)
    if cell_len(text) > cells:
        while text and cell_len(text) > cells - 1:
            text = text[:-1]
        text += "…"
    return text + " " * (cells - cell_len(text))


def label(kind: str) -> str:
    try:
        return SpanType(kind).label_zh
    except ValueError:
        return kind


ENTITY_BASE = NAME_CELLS + 1 + 6 + 8 + 5 + 2  # the cells before the sparkline
DATES = 17  # "  2022-01–2026-08"


def spark_cells(width: int) -> tuple[int, bool]:
    """How wide the sparkline can be in a row of ``width`` cells, and whether the dates fit after it."""
    room = width - ENTITY_BASE
    if room >= SPARK_WIDTH + DATES:
        return SPARK_WIDTH, True
    return max(0, min(SPARK_WIDTH, room - 1)), False


def entity_prompt(row: EntityRow, spark: str, dark: bool, dates: bool = True) -> Text:
    """One entity on one line: name, type, mentions, articles, its months, and its first and last date."""
    from tui.styles import rich_style

    out = Text.assemble((fit(row.name, NAME_CELLS), "bold"), " ",
                        (fit(label(row.type), 6), rich_style(SpanType(row.type), dark)),
                        (f" {row.mentions:>7}", ""), (f" {row.articles:>5}", "dim"), "  ", (spark, "cyan"))
    if dates:
        out.append(f"  {(row.first or '')[:7]}–{(row.last or '')[:7]}", "dim")
    return out


def entity_header(spark: int = SPARK_WIDTH, dates: bool = True) -> Text:
    """The column names above ``entity_prompt`` rows, in the same widths."""
    return Text(f"{fit('name 名称', NAME_CELLS)} {fit('type', 6)}{'mentions':>8}{'arts':>6}  {fit('by month', spark)}"
                + ("  first–last" if dates else ""), style="dim")


def mention_prompt(m: MentionRow, side: int = 2 * CONTEXT) -> Text:
    """date  left context | the mention | right context on one line, ``side`` columns each way, the left
    part right-aligned so that the mentions line up (a KWIC line)."""
    return kwic_text(m.text, m.start, m.stop, side, m.date)


def figure_header() -> Text:
    return Text(f"{fit('figure 数字', 14)} {fit('who 谁', 14)} {fit('date', 10)}  sentence 句子", style="dim")


def figure_prompt(f: Figure, dark: bool, width: int = 120) -> Text:
    """One figure on one line: as written, who, date, and its sentence from a little before it."""
    from tui.styles import rich_style

    at = f.sentence.find(f.text)
    sentence = f.sentence if at <= 12 else "…" + f.sentence[at - 10:]
    return Text.assemble((fit(f.text, 14), rich_style(SpanType(f.type), dark)), " ",
                         (fit(f.who or "—", 14), "bold"), " ", ((f.date or "")[:10].ljust(10), "dim"), "  ",
                         fit(sentence, max(10, width - 42)))


def bucketed(months: Mapping[str, float], span: list[str], width: int = SPARK_WIDTH) -> str:
    """Counts per month over ``span`` drawn in ``width`` cells (months summed into buckets when the corpus
    covers more of them), scaled to the busiest bucket; an empty bucket is a low dot."""
    if not span or width <= 0:
        return " " * max(0, width)
    n = len(span)
    cells = min(width, n)
    sums = [0.0] * cells
    for k, month in enumerate(span):
        sums[k * cells // n] += months.get(month, 0)
    top = max(sums)
    bars = "▁▂▃▄▅▆▇█"
    out = "".join(bars[min(7, max(0, math.ceil(v * 8 / top) - 1))] if v and top else "·" for v in sums)
    return out.ljust(width)
