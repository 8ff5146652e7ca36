"""Split a page's blocks into articles.

A newspaper page shows where an article begins: a headline (with its kicker) right before a byline or a
dateline (本报讯 …), or a continuation marker (上接第一版) that opens the rest of an article begun on another
page. A Markdown file of several top-level headings and no bylines is a file of articles. Whatever comes
before the first article and is not itself article text (banners, editorial credits) stays with the page.
"""

from __future__ import annotations

import re
from dataclasses import replace

from tui.ingest.lines import DATE_YMD, PAGE_NUMBER
from tui.ingest.reflow import HEADLINE_LINES, Block
from tui.ingest.spacing import join_letter_spacing, repair
from tui.model import Article, Kind, Paragraph, article_id

_KIND = {
    "heading": Kind.HEADING,
    "md": Kind.HEADING,
    "kicker": Kind.KICKER,
    "byline": Kind.BYLINE,
    "caption": Kind.CAPTION,
    "marker": Kind.MARKER,
    "credit": Kind.CREDIT,
    "body": Kind.BODY,
}
_TITLE_KINDS = {"heading", "md", "kicker"}
_CONTINUED = re.compile(r"上接|接上|转接|续")
_KICKER_DASHES = re.compile(r"^[—－\-–―\s\u3000]+")
_BYLINE_MARK = re.compile(r"^[□■◇◆●○\s\u3000]+")
FRONT_TEXT_MIN = 40  # chars of body text before the first headline that make an article of their own


def split_articles(blocks: list[Block], relpath: str, fallback_title: str, date: str | None,
                   first_ordinal: int = 1) -> tuple[list[Article], list[Paragraph]]:
    """(articles, loose paragraphs) for one page."""
    if not blocks:
        return [], []
    blocks = _headline_before_story(blocks)
    starts = _starts(blocks)
    articles: list[Article] = []
    loose: list[Paragraph] = []
    if not starts or starts[0] > 0:
        front = blocks[: starts[0]] if starts else blocks
        body_chars = sum(len(b.text) for b in front if b.kind == "body")
        if body_chars >= FRONT_TEXT_MIN or not starts:
            starts = [0, *starts]
        else:
            loose = [Paragraph(i + 1, _KIND[b.kind], b.text, (b.start, b.end)) for i, b in enumerate(front)]
    bounds = list(zip(starts, [*starts[1:], len(blocks)], strict=True))
    chunks = [blocks[s:e] for s, e in bounds if e > s]
    trailing = _trailing_headlines(chunks)
    for n, chunk in enumerate(chunks):
        ordinal = first_ordinal + len(articles)
        articles.append(_article(chunk, relpath, ordinal, fallback_title, date, single=len(chunks) == 1,
                                 trailing=trailing[n]))
    return articles, loose


HEADLINE_MAX = 120  # characters: news headlines with two parts run to ~100; a longer line is a paragraph
_NOT_HEADLINE_END = ("。", "，", "；", "：", ":", "、", ",", ";")


def _headline_like(b: Block, first: bool = False) -> bool:
    """One source line, short, not ending as a sentence or a clause does, and no dateline: how a headline
    that the page's layout did not mark (a plain text file, one story a file) still reads. The page's first
    block may run over lines (a long title wrapped) if no sentence ends inside it."""
    text = b.text.strip()
    if b.kind not in ("body", "heading") or b.dateline:
        return False
    if b.start != b.end and not (first and "。" not in text):
        return False
    return 2 <= len(text) <= (2 * HEADLINE_MAX if first else HEADLINE_MAX) and not text.endswith(_NOT_HEADLINE_END)


def _headline_run_at_top(blocks: list[Block]) -> int:
    """How many blocks at the top of the page read as headline lines (at most ``HEADLINE_LINES``)."""
    n = 0
    while n < min(HEADLINE_LINES, len(blocks) - 1) and _headline_like(blocks[n], first=n == 0):
        n += 1
    return n


def _deck_end(blocks: list[Block]) -> int:
    """Where a dateline paragraph follows a headline within the first lines, every one-line block between
    them is the deck (a lead sentence too): the index of that dateline paragraph, else 0."""
    if not blocks or not _headline_like(blocks[0], first=True):
        return 0
    for d, b in enumerate(blocks[1:HEADLINE_LINES + 1], start=1):
        if b.kind == "body" and b.dateline:
            return d if all(x.start == x.end and x.kind == "body" for x in blocks[1:d]) else 0
    return 0


def _headline_before_story(blocks: list[Block]) -> list[Block]:
    """Headline lines before a story's first paragraph are its title (wire copy and TV transcripts put the
    title on the first line and open the body with a dateline: 央视网消息（新闻联播）：…, 本报讯 …). The first
    line is the title and the lines after it, down to the dateline, its deck (副题: one kicker block); on a
    page with no other sign of where stories start, the body of the one story follows them."""
    n = _deck_end(blocks) or _headline_run_at_top(blocks)
    if n == 0 or (blocks[0].kind == "heading" and n == 1):
        return blocks  # nothing to do, or already a heading
    nxt = blocks[n]
    opens_story = nxt.kind == "body" and (nxt.dateline or not _starts(blocks))
    if not opens_story or (nxt.start - blocks[n - 1].end) > 2:
        return blocks
    title = [replace(blocks[0], kind="heading")]
    deck = blocks[1:n]
    if deck:
        title.append(replace(deck[0], kind="kicker", text=" ".join(b.text for b in deck), end=deck[-1].end))
    return title + blocks[n:]


HEADLINE_MATCH = 0.5  # share of a headline's character pairs found in a story that makes it that story's


def _trailing_headlines(chunks: list[list[Block]]) -> list[int]:
    """Move headlines that a PDF extraction printed after their story back to it; how many blocks at the
    end of each chunk are its headline.

    A headline before a byline normally opens the story that follows. On some pages the text layer has
    each story first and its headline after it (李金国出席并讲话 / 动员部署会议召开 after the story of that
    meeting): the headline then shares its words with the story before it, not with the one after.
    Changes ``chunks`` in place."""
    out = [0] * len(chunks)
    for k in range(1, len(chunks)):
        chunk = chunks[k]
        n = _headline_run(chunk, 3)
        if n == 0 or n == len(chunk) or not any(b.kind == "heading" for b in chunk[:n]) or out[k - 1]:
            continue
        before, after = _overlap(chunk[:n], chunks[k - 1]), _overlap(chunk[:n], chunk[n:])
        if before >= HEADLINE_MATCH and before >= after + 0.3:
            chunks[k - 1] = chunks[k - 1] + chunk[:n]
            chunks[k] = chunk[n:]
            out[k - 1] = n
    last = chunks[-1]
    n = _headline_run(last[::-1], min(3, len(last) - 1))
    leading = last[0].kind in ("heading", "kicker", "md")
    if n and (any(out) or not leading) and _overlap(last[-n:], last[:-n]) >= HEADLINE_MATCH:
        out[-1] = n  # the last story's headline, after it, with no story following
    if out[0]:
        _banner_to_continuation(chunks)
    return out


def _banner_to_continuation(chunks: list[list[Block]]) -> None:
    """On a page whose stories carry their headlines after them, a headline at the very top that the first
    story does not echo is the headline of the article continued on this page (上接第一版), which has
    none of its own there."""
    first = chunks[0]
    n = _headline_run(first, len(first))
    if n == 0 or _overlap(first[:n], first[n:]) >= HEADLINE_MATCH:
        return
    for k in range(1, len(chunks)):
        lead = chunks[k][0]
        if lead.kind == "marker" and _CONTINUED.search(lead.text):
            chunks[k] = first[:n] + chunks[k]
            chunks[0] = first[n:]
            return


def _headline_run(blocks: list[Block], most: int) -> int:
    """How many of the first ``most`` blocks are headline (heading or kicker) blocks in a row."""
    n = 0
    while n < min(most, len(blocks)) and blocks[n].kind in ("heading", "kicker"):
        n += 1
    return n


_HAN_PAIR = re.compile(r"(?=([\u4e00-\u9fff]{2}))")


def _overlap(headline: list[Block], chunk: list[Block]) -> float:
    """The share of the headline's pairs of Han characters that occur in the chunk's body text."""
    pairs = set(_HAN_PAIR.findall("".join(b.text for b in headline)))
    if not pairs:
        return 0.0
    body = "".join(b.text for b in chunk if b.kind == "body")[:1500]
    return sum(p in body for p in pairs) / len(pairs)


def _starts(blocks: list[Block]) -> list[int]:
    anchors: list[int] = []
    for i, b in enumerate(blocks):
        if b.kind == "byline":
            if i > 0 and blocks[i - 1].kind == "byline":
                continue
            anchors.append(i)
        elif (b.kind == "body" and b.dateline) or (b.kind == "marker" and _CONTINUED.search(b.text) and i + 1 < len(blocks)):
            if not _follows_byline(blocks, i):
                anchors.append(i)
    if not anchors:
        anchors = _markdown_starts(blocks)
        if anchors:
            return anchors
    starts: list[int] = []
    floor = 0
    for a in anchors:
        s = a
        took_md = False
        while s - 1 >= floor and blocks[s - 1].kind in _TITLE_KINDS and a - s < 4 and not took_md:
            s -= 1
            took_md = blocks[s].kind == "md"
        if starts and s <= starts[-1]:
            continue
        starts.append(s)
        floor = a + 1
    return starts


def _follows_byline(blocks: list[Block], i: int) -> bool:
    j = i - 1
    while j >= 0 and blocks[j].kind == "caption":
        j -= 1
    return j >= 0 and blocks[j].kind == "byline"


def _markdown_starts(blocks: list[Block]) -> list[int]:
    levels = [b.md_level for b in blocks if b.kind == "md"]
    if len(levels) < 2:
        return []
    top = min(levels)
    if levels.count(top) < 2:
        top = min((lv for lv in levels if lv > top), default=top)
    return [i for i, b in enumerate(blocks) if b.kind == "md" and b.md_level == top]


def _article(chunk: list[Block], relpath: str, ordinal: int, fallback: str, date: str | None,
             single: bool, trailing: int = 0) -> Article:
    if trailing:  # a headline printed after its story is shown, and cited, as the story's title
        chunk = chunk[-trailing:] + chunk[:-trailing]
    paragraphs = tuple(Paragraph(i + 1, _KIND[b.kind], repair(b.text, _KIND[b.kind]), (b.start, b.end))
                       for i, b in enumerate(chunk))
    title_blocks: list[Block] = []
    kicker = None
    for b in chunk[:trailing] if trailing else chunk:
        if b.kind in ("heading", "md"):
            title_blocks.append(b)
        elif b.kind == "kicker":
            kicker = kicker or _KICKER_DASHES.sub("", b.text)
        else:
            break
    # the leading headline blocks become the article's title paragraphs
    n_title = len(title_blocks)
    if n_title:
        lead = trailing or len(chunk)
        paragraphs = tuple(
            Paragraph(p.index, Kind.TITLE, p.text, p.lines)
            if p.kind is Kind.HEADING and p.index <= lead and _is_leading_title(chunk, p.index - 1) else p
            for p in paragraphs
        )
    continued = any(b.kind == "marker" and _CONTINUED.search(b.text) for b in chunk[:3])
    if title_blocks:
        title = " ".join(PAGE_NUMBER.sub("", join_letter_spacing(b.text)) for b in title_blocks)
    else:
        first = next((b.text for b in chunk if b.kind == "body"), None)
        title = _excerpt(first) if first and not (single and fallback and not continued) else fallback
        if not title:
            title = fallback
    byline_block = next((b for b in chunk if b.kind == "byline"), None)
    byline = _BYLINE_MARK.sub("", byline_block.text) if byline_block else None
    return Article(
        id=article_id(relpath, ordinal),
        path=relpath,
        ordinal=ordinal,
        title=title.strip() or fallback,
        paragraphs=paragraphs,
        byline=byline,
        kicker=kicker,
        date=_article_date(chunk, date),
        continued=continued,
    )


def _is_leading_title(chunk: list[Block], i: int) -> bool:
    return all(b.kind in _TITLE_KINDS for b in chunk[: i + 1])


def _excerpt(text: str, n: int = 18) -> str:
    cut = re.split(r"[，。；！？,;]", text, maxsplit=1)[0]
    return cut if len(cut) <= n else cut[:n] + "…"


def _article_date(chunk: list[Block], page_date: str | None) -> str | None:
    """The article's date: the day its file's path names (a news archive's 20220101-13.txt is the day it was
    published, whatever day its dateline reports: 当地时间2021年12月31日); else its dateline's month and day
    (本报讯 2月11日) in the year the dateline writes, or the path's, or, for a December dateline in a January
    folder, the year before; else the path's year or month."""
    if page_date is not None and len(page_date) == 10:
        return page_date
    for b in chunk:
        if b.kind == "body" and b.dateline:
            m = DATE_YMD.search(b.text[:40])
            if m:
                month, day = int(m.group(2)), int(m.group(3))
                if 1 <= month <= 12 and 1 <= day <= 31:
                    year = m.group(1) or _year_of(page_date, month)
                    return f"{year}-{month:02d}-{day:02d}" if year else f"{month:02d}-{day:02d}"
            break
    return page_date


def _year_of(page_date: str | None, month: int) -> str | None:
    """The year of a dateline's month in a folder of ``page_date`` (a year, or a year and month): a month
    more than six after the folder's is in the year before (a 12月31日 report filed in 2022-01)."""
    if not page_date:
        return None
    year = int(page_date[:4])
    if len(page_date) >= 7 and month > int(page_date[5:7]) + 6:
        year -= 1
    return f"{year:04d}"
