"""Where a paragraph breaks into screen lines: by terminal cells, with the usual Chinese line-breaking rules.

The article view draws its own lines (one screen line at a time, the way long files stay fast), so it needs
break positions as character offsets into the paragraph: the same offsets then map a mouse selection or a
search match back to the text. Rich's wrapper gives lines, not offsets, and breaks Chinese anywhere.

Rules (a light 禁则, as Chinese typesetting does):
- no line starts with closing punctuation (，。、；：？！」』）》…) and none ends with opening punctuation;
- a run of Latin letters or digits (2023年 stays whole only as far as 2023, 12.5%, COVID-19) is not split
  unless it is longer than a line;
- a character never splits across lines; a line is never wider than the width unless one character is.
"""

from __future__ import annotations

from rich.cells import get_character_cell_size

NO_START = set("，。、；：？！）》」』】〕〉”’…—·%％,.;:?!)]}>'\"-～~ ")
NO_END = set("（《「『【〔〈“‘([{<")
LOOKBACK = 12  # how far back a break may move to honour the rules before it is forced


def _wordish(ch: str) -> bool:
    return ch.isascii() and (ch.isalnum() or ch in "._%+-/")


def _may_break_before(text: str, p: int) -> bool:
    """Whether a new line may start at offset p (0 < p < len(text))."""
    before, after = text[p - 1], text[p]
    if after in NO_START or before in NO_END:
        return False
    if before == " ":
        return True
    return not (_wordish(before) and _wordish(after))


def break_offsets(text: str, width: int) -> list[int]:
    """Start offsets of each screen line of ``text`` at ``width`` cells; always starts with 0."""
    width = max(2, width)
    starts = [0]
    col = 0
    i = 0
    n = len(text)
    while i < n:
        w = get_character_cell_size(text[i])
        if col + w > width and i > starts[-1]:
            if text[i] == " ":  # a space at the edge hangs there, unseen, and the next line starts after it
                col += w
                i += 1
                if i < n:
                    starts.append(i)
                    col = 0
                continue
            b = _choose(text, starts[-1], i)
            starts.append(b)
            col = sum(get_character_cell_size(c) for c in text[b:i])
            continue
        col += w
        i += 1
    return starts


def _choose(text: str, line_start: int, i: int) -> int:
    """The break at or before i nearest to it that the rules allow; i itself when none is near."""
    floor = max(line_start + 1, i - LOOKBACK)
    wordy = _wordish(text[i - 1]) and _wordish(text[i])
    p = i
    while p >= floor:
        if _may_break_before(text, p):
            return p
        p -= 1
    if wordy:  # a long Latin word: prefer any earlier space on the line
        q = text.rfind(" ", line_start, i)
        if q > line_start:
            return q + 1
    return i
