"""What a single source line is: the vocabulary of a Chinese newspaper page.

Each pattern is anchored and bounded (no nested quantifiers) so a 10 MB line costs linear time.
Digit and name boundaries are spelled out with explicit character classes: Python's ``\\w`` and ``\\b``
count Han characters as word characters and would glue numbers to the text around them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

HAN = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
CN_DIGITS = "零〇一二三四五六七八九十百千两"
INDENT_CHARS = " \t\u3000\u00a0"

# Sentence-final marks: a line ending with one of these may end a paragraph.
TERMINAL = set("。！？!?；;…")
CLOSERS = set("”’」』）)】》\"'")
# Any of these at the end of a line rules out a headline.
NOT_TITLE_END = TERMINAL | set("，、：,:")

MD_HEADING = re.compile(r"^(#{1,6})[ \t\u3000]+(.*?)[ \t\u3000#]*$")
MARKER = re.compile(
    r"[（(][ \u3000]*(?:上接|下转|接上|转下|紧接|转接|续)[ \u3000]*"
    rf"(?:第?[0-9０-９{CN_DIGITS}A-Za-z]{{1,3}}[ \u3000]*版|[{HAN}]{{1,6}}版|[0-9０-９]{{1,3}}[ \u3000]*页)"
    r"[ \u3000]*[）)]"
)
KICKER = re.compile(r"^[—－\-–―]{2,}[ \u3000]*\S")
_BYLINE_MARK = re.compile(r"^[□■◇◆●○]")
_REPORTER = re.compile(r"(?:记者|通讯员|实习生|撰稿|撰文|文[/／]图|图[/／]文|文[/／]|特约评论员)")
_BYLINE_PLAIN = re.compile(
    rf"^(?:[{HAN}A-Za-z/／·]{{0,12}}(?:记者|通讯员))[ \u3000]+[{HAN}·]{{2,5}}"
    rf"(?:[ \u3000]+(?:[{HAN}·]{{2,5}}|通讯员|实习生))*(?:[ \u3000]*(?:报道|摄影|摄))?$"
)
_CAPTION_CREDIT = re.compile(
    rf"(?:记者|通讯员|□|/|／|图)[ \u3000]*[{HAN}·]{{2,5}}(?:[ \u3000]+[{HAN}·]{{2,5}})*[ \u3000]*(?:摄影|摄)[）)]?$"
)
_CAPTION_MARK = re.compile(r"^[■▲△▼◀▶]|^图为|^（图")
_CREDIT_ROLE = re.compile(r"(?:主编|副主编|责编|责任编辑|编辑|美编|审读|审校|排版|校对|组版|视觉设计|值班编委)[ \u3000]*[:：]?[ \u3000]*[" + HAN + r"]")
_CREDIT_LINE = re.compile(r"^(?:客户端[:：]|[（(]?(?:原文载于|原载于|来源[:：]|本文来源|转自|责任编辑[:：]))")
DATELINE = re.compile(
    rf"^(?:本报讯|本报[{HAN}]{{1,6}}(?:讯|电)|新华社[{HAN}]{{1,8}}[0-9]{{1,2}}月[0-9]{{1,2}}日电|中新[网社][{HAN}]{{0,8}}电|"
    rf"[{HAN}]{{1,10}}消息[（(][^）)\n]{{1,12}}[）)][:：]?)"
)
DATE_YMD = re.compile(r"(?:([0-9]{4})年)?(?<![0-9])([0-9]{1,2})月([0-9]{1,2})日")  # 2月11日, 2021年12月31日
PAGE_NUMBER = re.compile(r"^[0-9]{1,2}[ \u3000]+")


@dataclass(slots=True)
class Line:
    """One source line with the facts the reflow needs, computed once."""

    no: int  # 1-based
    text: str  # stripped
    indented: bool
    width: int  # display width in half-width cells
    kind: str | None = None  # special line kind, or None for plain text
    md_level: int = 0


_WIDE = re.compile("[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf"
                   "\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\U00020000-\U0003fffd]+")


def display_width(text: str) -> int:
    """Cells a line takes in a terminal: East Asian wide and full-width characters count two. Runs, not
    characters, are matched: a Chinese line is a few runs, and this is called on every line of a corpus."""
    return len(text) + sum(map(len, _WIDE.findall(text)))


def ends_terminal(text: str) -> bool:
    """True when the line ends a sentence (quotes and brackets after the mark are looked through)."""
    i = len(text) - 1
    while i >= 0 and text[i] in CLOSERS:
        i -= 1
    return i >= 0 and text[i] in TERMINAL


def classify(text: str) -> str | None:
    """The special kind of a stripped line, or None for ordinary text."""
    if not text:
        return None
    first = text[0]
    if first in "#" and MD_HEADING.match(text):
        return "md"
    if first in "—－-–―" and KICKER.match(text):
        return "kicker"
    n = len(text)
    if n <= 80 and _CAPTION_MARK.match(text):
        return "caption"
    if n <= 120 and text.endswith(("摄", "摄）", "摄)", "摄影")) and _CAPTION_CREDIT.search(text):
        return "caption"
    if n <= 60 and "。" not in text:
        if _BYLINE_MARK.match(text) and _REPORTER.search(text[:20]) and not _after_colon(text):
            return "byline"
        if ("记者" in text or "通讯员" in text) and _BYLINE_PLAIN.match(text):
            return "byline"
    if n <= 80 and (_CREDIT_LINE.match(text) or len(_CREDIT_ROLE.findall(text)) >= 2):
        return "credit"
    return None


def _after_colon(text: str) -> bool:
    """'记者：…' opens an interview question, not a byline."""
    m = _REPORTER.search(text)
    return bool(m and text[m.end():m.end() + 1] in {"：", ":"})


def make_lines(text: str) -> list[Line]:
    out: list[Line] = []
    for no, raw in enumerate(text.split("\n"), start=1):
        stripped = raw.strip(INDENT_CHARS + "\f\v\r")
        if not stripped or stripped.isspace():  # \x1c-\x1f are whitespace too: a line of them is blank
            out.append(Line(no, "", False, 0))
            continue
        lead = raw[: len(raw) - len(raw.lstrip(INDENT_CHARS))]
        indented = "\u3000" in lead or lead.count(" ") >= 2 or "\t" in lead
        kind = classify(stripped)
        level = 0
        if kind == "md":
            m = MD_HEADING.match(stripped)
            assert m is not None
            level = len(m.group(1))
        out.append(Line(no, stripped, indented, display_width(stripped), kind, level))
    return out
