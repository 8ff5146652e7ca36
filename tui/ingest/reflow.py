"""Reflow a page's physical lines into logical blocks (paragraphs with a kind).

PDF extraction leaves a hard break every column width, sometimes a blank line inside a sentence, and
headlines as short free-standing lines. The rules, in the order they are applied:

* a *run* is a stretch of non-blank lines; special lines (byline, caption, marker, credit, kicker,
  ``##``) always stand alone;
* a run of one to three short lines with no sentence punctuation at the end is a headline;
* inside a hard-wrapped run a new paragraph starts at an indented line, or after a line that ends a
  sentence well short of the column width; a run whose lines mostly end sentences is one paragraph a line;
* across blank lines, text is joined when the line before the gap stops mid-sentence at full width and
  the line after is not indented: the gap was the PDF's, not the author's.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass

from tui.ingest.lines import (
    DATELINE,
    MARKER,
    MD_HEADING,
    NOT_TITLE_END,
    Line,
    ends_terminal,
    make_lines,
)

MAX_PARAGRAPH = 20_000  # longer blocks are cut at a sentence end so that no widget ever holds 10 MB
TITLE_MAX = 32
FIRST_TITLE_MAX = 64


@dataclass(slots=True)
class Block:
    kind: str  # heading | md | kicker | byline | caption | marker | credit | body
    text: str
    start: int
    end: int
    last_width: int = 0  # display width of the block's last source line
    md_level: int = 0
    dateline: bool = False


def reflow(text: str) -> list[Block]:
    lines = make_lines(text)
    runs = _runs(lines)
    page_width = _page_width(runs)
    blocks: list[Block] = []
    for i, (before, run, after) in enumerate(runs):
        at_top = i == 0
        new = _run_blocks(run, page_width, at_top, before, after, blocks[-1] if blocks else None)
        if new and blocks and _joins(blocks[-1], run[0], new[0], before, page_width):
            prev = blocks[-1]
            prev.text = _join(prev.text, new[0].text)
            prev.end = new[0].end
            prev.last_width = new[0].last_width
            new = new[1:]
        blocks.extend(new)
    out: list[Block] = []
    for b in blocks:
        if b.kind == "body" and DATELINE.match(b.text):
            b.dateline = True
        out.extend(_cut(b) if len(b.text) > MAX_PARAGRAPH else [b])
    return out


def _runs(lines: list[Line]) -> list[tuple[int, list[Line], int]]:
    """(blank lines before, run, blank lines after) for each stretch of non-blank lines."""
    runs: list[tuple[int, list[Line], int]] = []
    cur: list[Line] = []
    blanks = 0
    before = 0
    for line in lines:
        if line.text:
            if not cur:
                before = blanks
            cur.append(line)
            blanks = 0
        else:
            if cur:
                runs.append((before, cur, 0))
                cur = []
            blanks += 1
    if cur:
        runs.append((before, cur, 0))
    # fill in the blanks after each run from the next run's "before"
    return [(b, r, runs[i + 1][0] if i + 1 < len(runs) else 99) for i, (b, r, _) in enumerate(runs)]


def _page_width(runs: list[tuple[int, list[Line], int]]) -> float:
    widths = [ln.width for _, run, _ in runs for ln in run[:-1] if ln.kind is None and ln.width >= 16]
    if len(widths) < 3:
        widths = [ln.width for _, run, _ in runs for ln in run if ln.kind is None]
    return float(statistics.median(widths)) if widths else 0.0


def _is_title_line(line: Line, limit: int = TITLE_MAX) -> bool:
    text = line.text
    return (line.kind is None and len(text) <= limit and text[-1] not in NOT_TITLE_END
            and any(ch.isalnum() for ch in text))


def _is_heading_run(run: list[Line], width: float, at_top: bool, prev: Block | None) -> bool:
    if not 1 <= len(run) <= 3 or not all(_is_title_line(ln) for ln in run):
        return False
    if at_top or prev is None or prev.kind != "body":
        return True
    if width and max(ln.width for ln in run) <= 0.85 * width:
        return True
    return ends_terminal(prev.text)


def _caption_line(ln: Line, before: int, after: int) -> bool:
    """A short sentence alone between blank lines (two before, one after): a photo's caption."""
    alone = before >= 2 and after >= 1
    return alone and ln.kind is None and len(ln.text) <= 40 and ln.text.endswith("。")


def _run_blocks(run: list[Line], width: float, at_top: bool, before: int, after: int,
                prev: Block | None) -> list[Block]:
    if _is_heading_run(run, width, at_top, prev):
        return [Block("heading", " ".join(ln.text for ln in run), run[0].no, run[-1].no, run[-1].width)]
    if len(run) == 1 and _caption_line(run[0], before, after) and prev is not None:
        ln = run[0]
        return [Block("caption", ln.text, ln.no, ln.no, ln.width)]
    out: list[Block] = []
    start_index = 0
    if at_top and len(run) > 1 and _is_title_line(run[0], FIRST_TITLE_MAX) and run[1].width > run[0].width:
        out.append(Block("heading", run[0].text, run[0].no, run[0].no, run[0].width))
        start_index = 1
    body = run[start_index:]
    lead = _lines_above_dateline(body) if at_top else 0
    out += [Block("body", ln.text, ln.no, ln.no, ln.width) for ln in body[:lead]]
    body = body[lead:]
    unwrapped = _unwrapped(body)
    run_width = _run_width(body) or width
    cur: Block | None = None
    for idx, line in enumerate(body):
        if line.kind is not None:
            cur = None
            out.append(_special(line))
            continue
        for piece_index, (is_marker, piece) in enumerate(_pieces(line.text)):
            if is_marker:
                cur = None
                out.append(Block("marker", piece, line.no, line.no, line.width))
                continue
            if unwrapped and cur is None and piece_index == 0 and _bulletin_heading(body, idx):
                out.append(Block("heading", piece, line.no, line.no, line.width))
                continue
            fresh = cur is None or unwrapped or _opens_paragraph(piece, piece_index == 0 and line.indented)
            if cur is not None and not fresh:
                fresh = ends_terminal(cur.text) and cur.last_width < 0.8 * run_width
            if fresh:
                cur = Block("body", piece, line.no, line.no, line.width)
                out.append(cur)
            else:
                assert cur is not None
                cur.text = _join(cur.text, piece)
                cur.end = line.no
                cur.last_width = line.width
    return out


HEADLINE_LINES = 6  # lines a headline and its deck may take above the dateline that opens a story


def _lines_above_dateline(body: list[Line]) -> int:
    """At the top of a file, the lines above a line that opens with a dateline (央视网消息（新闻联播）：…, 本报讯)
    are a headline and its deck, one line each, never a paragraph wrapped over them."""
    for k, line in enumerate(body[:HEADLINE_LINES + 1]):
        if line.kind is None and DATELINE.match(line.text):
            titled = k > 0 and not ends_terminal(body[0].text)
            return k if titled and all(ln.kind is None for ln in body[:k]) else 0
    return 0


def _opens_paragraph(piece: str, indented: bool) -> bool:
    """An indented line, or one that opens with a dateline (央视网消息（新闻联播）：…), starts a paragraph:
    a title line before it is not joined to it."""
    return indented or DATELINE.match(piece) is not None


def _bulletin_heading(body: list[Line], idx: int) -> bool:
    """In a one-paragraph-per-line run, a short unpunctuated line before a long one is a headline."""
    line = body[idx]
    return (idx + 1 < len(body) and _is_title_line(line, 40) and body[idx + 1].kind is None
            and body[idx + 1].width > 2 * line.width)


def _special(line: Line) -> Block:
    if line.kind == "md":
        m = MD_HEADING.match(line.text)
        text = m.group(2) if m and m.group(2) else line.text
        return Block("md", text, line.no, line.no, line.width, md_level=line.md_level)
    return Block(line.kind or "body", line.text, line.no, line.no, line.width)


def _pieces(text: str) -> list[tuple[bool, str]]:
    if "接" not in text and "转" not in text and "续" not in text:
        return [(False, text)]
    out: list[tuple[bool, str]] = []
    pos = 0
    for m in MARKER.finditer(text):
        head = text[pos:m.start()].strip()
        if head:
            out.append((False, head))
        out.append((True, m.group(0)))
        pos = m.end()
    tail = text[pos:].strip()
    if tail:
        out.append((False, tail))
    return out or [(False, text)]


def _unwrapped(run: list[Line]) -> bool:
    plain = [ln for ln in run if ln.kind is None]
    if len(plain) < 2:
        return False
    terminal = sum(1 for ln in plain if ends_terminal(ln.text))
    return terminal >= 0.6 * len(plain) or statistics.median(ln.width for ln in plain) > 130


def _run_width(run: list[Line]) -> float:
    widths = [ln.width for ln in run[:-1] if ln.kind is None]
    return float(statistics.median(widths)) if len(widths) >= 2 else 0.0


def _joins(prev: Block, first: Line, new: Block, blanks: int, width: float) -> bool:
    """Whether a blank-line gap fell inside a sentence (the PDF's break, not the author's)."""
    if prev.kind != "body" or new.kind != "body" or first.indented or first.kind is not None:
        return False
    if blanks > 2 or ends_terminal(prev.text):
        return False
    if not new.text or new.start != first.no:
        return False
    if width and width <= 130:
        return prev.last_width >= 0.75 * width
    return prev.last_width >= 60


def _latin_letter(ch: str) -> bool:
    return ch.isascii() and ch.isalpha()


def _join(left: str, right: str) -> str:
    """CJK lines join without a space; a space only where two Latin words met at the break."""
    if left and right and _latin_letter(left[-1]) and _latin_letter(right[0]):
        return f"{left} {right}"
    return left + right


def _cut(block: Block) -> list[Block]:
    out: list[Block] = []
    text = block.text
    while len(text) > MAX_PARAGRAPH:
        cut = text.rfind("。", MAX_PARAGRAPH // 2, MAX_PARAGRAPH)
        cut = cut + 1 if cut > 0 else MAX_PARAGRAPH
        out.append(Block(block.kind, text[:cut], block.start, block.end, block.last_width))
        text = text[cut:]
    if text:
        out.append(Block(block.kind, text, block.start, block.end, block.last_width, dateline=False))
    if out:
        out[0].dateline = block.dateline
    return out


__all__ = ["MD_HEADING", "Block", "reflow"]
