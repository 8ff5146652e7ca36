"""Foreign names in Chinese text: transliterated names, recognised by their characters, made whole where
jieba cut them short (卡洛斯·阿马 + 特), joined where jieba found two (贝尔 + 巴托夫), and read across a
middle dot (科菲·安南). Used by ``persons``; kept apart because these rules look at characters, not words.
"""

from __future__ import annotations

from collections.abc import Callable

from tui.annotate.tokens import END, START, TAG, WORD, Token
from tui.annotate.vocab import HAN, TRANSLIT
from tui.model import Span, SpanType

_JOINERS = frozenset("·•・-－‐")
FOREIGN_STOP = set("在和与是说等也都就对向将")


def transliterated(word: str) -> bool:
    """克林顿, 基里延科: a dictionary name without a Chinese surname is kept when it reads as a foreign one."""
    return 3 <= len(word) <= 8 and sum(ch in TRANSLIT for ch in word) >= len(word) - 1


def _all_translit(word: str) -> bool:
    """Every character a transliteration one: 巴托夫 is, 谢世杰 (a Chinese name in a list) is not."""
    return all(ch in TRANSLIT or ch in _JOINERS for ch in word)


def _foreign_enough(word: str) -> bool:
    return 2 * sum(ch in TRANSLIT for ch in word) >= len(word)


def joined_foreign_names(text: str, spans: list[Span]) -> list[Span]:
    """贝尔 + 巴托夫, 汤姆-克鲁斯: parts of one foreign name that jieba found as two names, written together or
    joined by a hyphen or a dot, are one person."""
    if len(spans) < 2:
        return spans
    spans = sorted(spans, key=lambda sp: (sp.start, -sp.end))
    out: list[Span] = [spans[0]]
    for sp in spans[1:]:
        prev = out[-1]
        gap = text[prev.end:sp.start] if sp.start >= prev.end else None
        joined = gap is not None and (gap == "" or gap in _JOINERS)
        if joined and prev.type == sp.type == SpanType.PERSON and _two_foreign_parts(prev.text, sp.text):
            out[-1] = Span(prev.start, sp.end, SpanType.PERSON, text[prev.start:sp.end])
        else:
            out.append(sp)
    return out


def _two_foreign_parts(a: str, b: str) -> bool:
    return _all_translit(a) and _all_translit(b) and len(a) + len(b) >= 4


def whole_foreign_name(text: str, span: Span, in_other_word: Callable[[int], bool]) -> Span:
    """卡洛斯·阿马 + 特, 拉特纳 + 亚克: jieba cuts transliterated names short; run on over the characters
    transliteration uses, and back over them, but not into a dictionary word with other characters (``in_other_word``:
    日本 + 雅马哈)."""
    if span.type != SpanType.PERSON or len(span.text) < 2 or not all(ch in TRANSLIT or ch in "·•" for ch in span.text):
        return span
    end = span.end
    while end < len(text) and text[end] in TRANSLIT and end - span.start < 12 and text[end] not in FOREIGN_STOP:
        end += 1
    start = span.start
    while start > 0 and _foreign_char(text[start - 1]) and end - start < 12 and not in_other_word(start - 1):
        start -= 1  # 加 + 拉塔萨雷, 梅塔 + 利斯特: cut short on the left too
    return span if (start, end) == (span.start, span.end) else Span(start, end, SpanType.PERSON, text[start:end])


def _foreign_char(ch: str) -> bool:
    return ch in TRANSLIT and ch not in FOREIGN_STOP


def _short_foreign_part(tok: Token) -> bool:
    """A foreign name's last part that jieba cut short (哈维尔·巴 + 尔顿)."""
    return HAN.match(tok[WORD]) is not None and tok[TAG] in ("nrt", "nrfg") and len(tok[WORD]) <= 3


NAMED_AFTER = ("大学", "学院", "公司", "集团", "基金会", "研究所", "医院", "中心")  # institutions named after a person


def dotted_names(toks: list[Token]) -> list[Span]:
    """科菲·安南, 芭芭拉·弗兰克林: the words on either side of a middle dot make one foreign name."""
    out: list[Span] = []
    i = 1
    while i + 1 < len(toks):
        if (toks[i][WORD] in ("·", "•", "・") and HAN.match(toks[i - 1][WORD]) and HAN.match(toks[i + 1][WORD])
                and _foreign_enough(toks[i - 1][WORD] + toks[i + 1][WORD])):  # not 党政·智治
            j = i + 1
            while j + 2 < len(toks) and toks[j + 1][WORD] in ("·", "•", "・") and HAN.match(toks[j + 2][WORD]):
                j += 2
            while j + 1 < len(toks) and len(toks[j][WORD]) == 1 and _short_foreign_part(toks[j + 1]):
                j += 1  # 哈维尔·巴 + 尔顿: jieba cut the last part short
            start, end = toks[i - 1][START], toks[j][END]
            name = "".join(t[WORD] for t in toks[i - 1:j + 1])
            kind = SpanType.ORGANIZATION if toks[j][TAG] == "nt" or name.endswith(NAMED_AFTER) else SpanType.PERSON
            out.append(Span(start, end, kind, name))  # 约翰斯·霍普金斯 + 大学: named after a person
            i = j + 1
        else:
            i += 1
    return out


def with_cut_head(toks: list[Token], span: Span) -> Span:
    """泽 + 连斯基: a foreign name whose first character jieba cut off as a one-character name of its own (连
    is no transliteration character, so ``whole_foreign_name`` cannot run back over it): 连斯基 was the 21st
    person of the 24k archive, 280 mentions of 泽连斯基."""
    if span.type != SpanType.PERSON or len(span.text) < 3 or not _foreign_enough(span.text):
        return span
    head = next((t for t in toks if t[END] == span.start), None)
    if head is None or len(head[WORD]) != 1 or head[TAG] not in ("nr", "nrt") or not _foreign_char(head[WORD]):
        return span
    return Span(head[START], span.end, SpanType.PERSON, head[WORD] + span.text)
