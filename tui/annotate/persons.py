"""Persons: jieba's name tags made precise by surnames, titles, bylines and context.

Plain ``jieba.posseg`` tags abstract nouns as names (智慧, 高水平). A person is kept only with a surname and
outside the known false friends, or where the context proves it whatever jieba's tag: a title before or
after (局长唐晓城, 周恩来总理), a byline (本报记者 陈蔚), speech verbs (李金国出席), a middle dot between the
parts of a foreign name (科菲·安南).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from tui.annotate.lexicon import place_names, surnames, words
from tui.annotate.segment import tag_table, word_freq
from tui.annotate.tokens import END, FOREIGN_NAME_TAGS, HMM_NAME, NOT_HAN, START, TAG, UNKNOWN, WORD, Token, word_at
from tui.annotate.vocab import COMMON_FREQ, GENERIC, HAN, J_ORG_END, LEADER_TITLES, PERSON_TAGS, PLACE_END, STOP_PARTS, TRANSLIT
from tui.model import Span, SpanType

ABSTRACT_ENDS = set("化性型度率式")  # 高端化, 高水平…: abstract nouns jieba takes for names
DOCTRINE = ("理论", "思想", "主义", "同志")
_DOCTRINE_TAILS = frozenset(d[-2:] for d in DOCTRINE)
TITLES = {
    "书记", "副书记", "局长", "副局长", "主任", "副主任", "部长", "副部长", "区长", "副区长", "市长", "副市长", "省长",
    "副省长", "县长", "镇长", "主席", "副主席", "总理", "副总理", "委员", "代表", "教授", "院士", "董事长", "总经理",
    "经理", "记者", "通讯员", "主编", "美编", "审读", "排版", "厂长", "校长", "院长", "会长", "秘书长", "总书记",
    "总裁", "处长", "科长", "队长", "站长", "馆长", "所长", "领导", "同志", "先生", "女士", "大使", "发言人", "专家",
    "负责人", "主持人", "村民", "居民", "工人", "职工", "总监", "研究员", "局长唐", "党组书记", "常委", "书记员",
    "副总经理", "副总裁", "董事", "执行董事", "总编辑", "副总编辑", "主管", "导演", "教练", "主教练",
    "工程师", "总工程师", "副总", "行长", "副行长", "司长", "副司长", "助理", "实习生", "编辑", "制片人", "作者",
    "画家", "艺术家", "建筑师", "设计师", "分析师", "律师", "歌手", "演员", "选手", "球员", "主帅", "助教", "彩民",
}
FOREIGN_LEADERS = {"首相", "外相", "总统", "国务卿", "议长", "总理", "外长", "国王", "女王", "亲王", "王储", "大使"}
BUSINESS = {"半导体", "科技", "集团", "公司", "股份", "控股", "电子", "智能", "医药", "生物", "能源", "汽车", "新材料",
            "实业", "光电", "网络", "传媒", "物流", "化工", "制药", "食品", "装备", "动力", "重工", "芯片", "项目"}  # 海芯半导体
HONORIFICS = {"老师", "先生", "女士", "小姐", "大娘", "大爷", "大妈", "大伯", "大叔", "大姐", "大哥", "某", "师傅", "老汉",
              "阿姨", "奶奶", "爷爷", "婆婆", "老太", "师父"}
SPEECH = {"表示", "强调", "指出", "说", "出席", "介绍", "认为", "主持", "讲话", "要求", "透露", "告诉", "称"}
_NAME_TAGS = PERSON_TAGS | {HMM_NAME}
_TITLED_TAGS = frozenset({"t", "ns", "nz", UNKNOWN, HMM_NAME, NOT_HAN})  # tags a titled name may carry
_FOREIGN_TITLED_TAGS = frozenset({"n", "nz", "nr", "nrt", HMM_NAME, UNKNOWN})
_NEXT_TRIGGERS = LEADER_TITLES | FOREIGN_LEADERS | set(DOCTRINE)  # a next word that lets a name rule fire
GIVEN_NAME_CHARS = 1500
NOT_NAME_END = set("作称时为同所处说表等在和与是的也都就型性站祠堂会委乡摄")  # 李飞+作, 普惠型
FOREIGN_STOP = set("在和与是说等也都就对向将")
_BYLINE = re.compile(r"(?:记者|通讯员|实习生|主编|美编|审读|排版|校对|编辑|撰文|摄影)[ \u3000:：]+((?:[\u4e00-\u9fff·]{2,4}[ \u3000]*)+)")
_NAME = re.compile(r"[\u4e00-\u9fff·]{2,4}")
_JOINERS = frozenset("·•・-－‐")
FUNCTION_SURNAMES = frozenset("和都连曾原向于从将与被把对以为及由")  # 和, 都, 曾 …: far more often words than surnames


def transliterated(word: str) -> bool:
    """克林顿, 基里延科: a dictionary name without a Chinese surname is kept when it reads as a foreign one."""
    return 3 <= len(word) <= 8 and sum(ch in TRANSLIT for ch in word) >= len(word) - 1


def _all_translit(word: str) -> bool:
    """Every character a transliteration one: 巴托夫 is, 谢世杰 (a Chinese name in a list) is not."""
    return all(ch in TRANSLIT or ch in _JOINERS for ch in word)


def _foreign_enough(word: str) -> bool:
    return 2 * sum(ch in TRANSLIT for ch in word) >= len(word)


@cache
def given_name_chars() -> frozenset[str]:
    """Characters that jieba's own dictionary uses in given names (the last two of its three-character
    person names with a one-character surname), the commonest first: 宏, 伟, 志 … but not 的 or 了."""
    from collections import Counter

    single, _ = surnames()
    counts: Counter[str] = Counter()
    for word, tag in tag_table().items():
        if tag == "nr" and len(word) == 3 and word[0] in single:
            counts.update(word[1:])
    return frozenset(ch for ch, _ in counts.most_common(GIVEN_NAME_CHARS))


def _given_name_shape(word: str) -> bool:
    """江宏伟, 邹志堂: an unknown word the HMM held together, a surname and a common given name."""
    single, _ = surnames()
    names = given_name_chars()
    return (len(word) == 3 and word[0] in single and word[1] in names and word[2] in names
            and word[2] not in NOT_NAME_END and word[-1] not in PLACE_END and word[-1] not in J_ORG_END)


_AFTER_NAME = frozenset("的在是说也都就已曾又还将要能会")  # what follows a name that begins a clause
_NOT_GIVEN = _AFTER_NAME | frozenset("总中年月日时网")  # not 李总, 巴 + 将, 龙年, 成网


def _two_character_name(word: str, nxt: str) -> bool:
    """柳萍的 …, 王芳在 …, 高敏是 …: a surname and a common given-name character that jieba's HMM held
    together as an unknown word, followed by a particle or a verb's helper, is a person."""
    single, _ = surnames()
    return (len(word) == 2 and word[0] in single and word[1] in given_name_chars() and word[1] not in NOT_NAME_END
            and word[1] not in PLACE_END and word[1] not in _NOT_GIVEN and nxt[:1] in _AFTER_NAME)


def person_shape(word: str) -> bool:
    single, compound = surnames()
    n = len(word)
    if word[:2] in compound:
        return 3 <= n <= 4
    return word[0] in single and 2 <= n <= 3


def tags_nr(word: str) -> bool:
    return tag_table().get(word) in PERSON_TAGS


@dataclass(frozen=True, slots=True)
class _At:
    """One token of a sentence as the person rules see it: the word, its neighbours and the lists. Made
    only for the few tokens that pass ``_worth_a_look`` (an object per token cost a fifth of the time)."""

    toks: list[Token]
    i: int
    tok: Token
    prev: str
    nxt: str
    titled: bool  # a title, or a title with its field before it (艺术总监, 营销总监)
    not_names: frozenset[str]
    known_places: frozenset[str]


def _is_titled(w: str) -> bool:
    return w in TITLES or (len(w) > 2 and w[-2:] in TITLES)


@cache
def _watched_words() -> tuple[frozenset[str], frozenset[str]]:
    """Words that a rule reads whatever their tag (titles, listed places), and the two-character endings
    that do the same for a longer word (a title with its field, a doctrine after a name)."""
    return TITLES | place_names(), frozenset(t for t in TITLES if len(t) == 2) | _DOCTRINE_TAILS


def _nickname(at: _At) -> list[Span] | None:
    """老汤, 小李: the surname names the person."""
    w, s, e, tag = at.tok
    if len(w) == 2 and w[0] in "老小" and w[1] in surnames()[0] and (at.nxt in SPEECH or tag in PERSON_TAGS):
        return [Span(s + 1, e, SpanType.PERSON, w[1])]
    return None


def _doctrine_of(w: str) -> str | None:
    if len(w) <= 2 or w[-2:] not in _DOCTRINE_TAILS:
        return None  # a set test first: every token passes here
    return next((d for d in DOCTRINE if w.endswith(d) and len(w) > len(d)), None)


def _named_doctrine(at: _At) -> list[Span] | None:
    """邓小平理论 → 邓小平."""
    w, s, e, _ = at.tok
    doctrine = _doctrine_of(w)
    if doctrine and tags_nr(w[: -len(doctrine)]):
        return [Span(s, e - len(doctrine), SpanType.PERSON, w[: -len(doctrine)])]
    return None


def _listed_place(at: _At) -> list[Span] | None:
    """莫斯科, 乌克兰: places jieba's dictionary tags as names."""
    w, s, e, _ = at.tok
    return [Span(s, e, SpanType.PLACE, w)] if w in at.known_places else None


def _plain_name(w: str, not_names: frozenset[str]) -> bool:
    return HAN.match(w) is not None and w not in not_names and w not in GENERIC


def _beside_a_title(at: _At) -> bool:
    return at.nxt in LEADER_TITLES or at.prev in LEADER_TITLES or (at.nxt in DOCTRINE and at.tok[TAG] not in ("n", "v"))


def _titled_name(at: _At) -> list[Span] | None:
    """国务委员罗干, 周恩来总理: the title proves it whatever jieba's tag."""
    w, s, e, tag = at.tok
    shaped = 2 <= len(w) <= 3 and person_shape(w) and _plain_name(w, at.not_names)
    if shaped and (tag in PERSON_TAGS or tag in _TITLED_TAGS) and _beside_a_title(at):
        return [Span(s, e, SpanType.PERSON, w)]
    return None


def _before_a_foreign_title(at: _At) -> list[Span] | None:
    """桥本首相: a rare word before a foreign leader's title."""
    w, s, e, tag = at.tok
    if at.nxt not in FOREIGN_LEADERS or len(w) not in (2, 3, 4) or tag not in _FOREIGN_TITLED_TAGS:
        return None
    if _plain_name(w, at.not_names) and word_freq(w) < COMMON_FREQ // 2:
        return [Span(s, e, SpanType.PERSON, w)]
    return None


def _place_shaped(w: str) -> bool:
    """称多县, 肯特郡: a name tag on a word that ends like a place."""
    return len(w) >= 3 and (w[-1] in PLACE_END or w[-1] == "郡")


def _tagged_name(at: _At) -> list[Span] | None:
    """A word jieba's dictionary tags as a name: kept when foreign, transliterated or shaped like a Chinese
    name (and not counted: 个 + 人, 大 + 家)."""
    w, s, e, tag = at.tok
    if tag not in PERSON_TAGS or w in at.not_names or not HAN.match(w):
        return None
    if w[-1] in ABSTRACT_ENDS or _place_shaped(w):
        return None
    foreign = (tag in FOREIGN_NAME_TAGS and len(w) >= 2) or (tag == "nr" and transliterated(w))
    chinese = person_shape(w) and (at.prev not in ("个", "大") or at.nxt in SPEECH)
    return [Span(s, e, SpanType.PERSON, w)] if foreign or chinese else []


def _hmm_name_in_context(at: _At) -> bool:
    w, prev, nxt = at.tok[WORD], at.prev, at.nxt
    by_title = prev in TITLES or prev[-2:] in TITLES or nxt in TITLES
    return by_title or nxt in SPEECH or prev == "、" or _given_name_shape(w) or _two_character_name(w, nxt)


def _hmm_name(at: _At) -> list[Span] | None:
    """An unknown word the HMM held together that starts with a surname, in a name's context: after a
    title or a 、, before a speech verb, or shaped like a common given name."""
    w, s, e, tag = at.tok
    if tag != HMM_NAME or w in at.not_names or at.nxt in BUSINESS or not _hmm_name_in_context(at):
        return None
    if len(w) == 3 and w[-1] in "作称说表为是在和与等也都就":  # 委员 + 李飞作 + 的: the HMM took the verb in
        return [Span(s, e - 1, SpanType.PERSON, w[:2])]
    return [Span(s, e, SpanType.PERSON, w)]


def _name_after_title(at: _At) -> list[Span] | None:
    """局长 + 唐 + 晓城: a name jieba split, right after a title."""
    if at.titled and at.i + 1 < len(at.toks):
        return _after_title(at.toks, at.i + 1, at.not_names)
    return None


def _split_before_speech(at: _At) -> list[Span] | None:
    """李 + 金国 + 出席: a surname and a short word before a speech verb."""
    w, s, _, tag = at.tok
    nxt = at.nxt
    if len(w) != 1 or tag not in PERSON_TAGS or w not in surnames()[0] or word_at(at.toks, at.i + 2) not in SPEECH:
        return None
    if 1 <= len(nxt) <= 2 and HAN.match(nxt) and nxt not in STOP_PARTS:
        return [Span(s, at.toks[at.i + 1][END], SpanType.PERSON, w + nxt)]
    return None


# After the nickname rule (which ends the token's turn whatever follows), the first rule that applies
# settles the token: order matters (a listed place before a tagged name, a title before an HMM guess).
TOKEN_RULES: tuple[Callable[[_At], list[Span] | None], ...] = (
    _named_doctrine, _listed_place, _titled_name, _before_a_foreign_title, _tagged_name, _hmm_name,
    _name_after_title, _split_before_speech,
)


def _token_persons(at: _At) -> list[Span]:
    found = _nickname(at)
    if found is not None:
        return found
    for rule in TOKEN_RULES:
        found = rule(at)
        if found is not None:
            return found
    return []


def find_persons(text: str, toks: list[Token]) -> list[Span]:
    """Persons in one sentence: the token rules, then bylines, dotted foreign names and transcript speakers,
    then each name made whole (a foreign name cut short, a third given-name character, a surname alone)."""
    out: list[Span] = []
    not_names = words("not_names.txt")
    known_places = place_names()
    watched, tails = _watched_words()
    last = len(toks) - 1
    for i, tok in enumerate(toks):
        w = tok[WORD]
        prev = toks[i - 1][WORD] if i else ""
        nxt = toks[i + 1][WORD] if i < last else ""
        if tok[TAG] not in _NAME_TAGS and nxt not in _NEXT_TRIGGERS and prev not in LEADER_TITLES:
            if not (w in watched or (len(w) > 2 and w[-2:] in tails) or (len(w) == 2 and w[0] in "老小")):
                continue  # no rule below can use this token (most tokens stop here: two set tests)
        out += _token_persons(_At(toks, i, tok, prev, nxt, _is_titled(w), not_names, known_places))
    out += _byline_names(text)
    out += _dotted_names(toks)
    out += _speakers(text, toks, not_names)
    starts: list[int] = []

    def in_other_word(pos: int) -> bool:  # inside a dictionary word with non-transliteration characters (日本)
        if not starts:
            starts.extend(t[START] for t in toks)  # only for the few texts with a foreign name to extend
        w = toks[bisect_right(starts, pos) - 1][WORD]
        return len(w) > 1 and not all(ch in TRANSLIT for ch in w) and word_freq(w) > 0

    out = [_whole_foreign_name(text, _surname_only(sp), in_other_word) for sp in out]
    return _joined_foreign_names(text, _third_character(text, toks, out))


_NOT_THIRD = frozenset("于以中下从后你我他她里区园滩上内外前时诗语好")


def _third_character(text: str, toks: list[Token], spans: list[Span]) -> list[Span]:
    """张胜 + 男, 郑步 + 春 at the end of a byline: a two-character name that jieba cut before a character
    of given names, with nothing Chinese after it, is a three-character name."""
    single = surnames()[0]
    names = given_name_chars()
    one_char = {s for w, s, _, _ in toks if len(w) == 1}
    out = []
    for sp in spans:
        e = sp.end
        if (sp.type == SpanType.PERSON and len(sp.text) == 2 and sp.text[0] in single and e in one_char
                and text[e] in names and text[e] not in NOT_NAME_END and text[e] not in _NOT_THIRD
                and not HAN.match(text[e + 1:e + 2])):
            sp = Span(sp.start, e + 1, SpanType.PERSON, text[sp.start:e + 1])
        out.append(sp)
    return out


def _joined_foreign_names(text: str, spans: list[Span]) -> list[Span]:
    """贝尔 + 巴托夫, 汤姆-克鲁斯: parts of one foreign name that jieba found as two names, written together or
    joined by a hyphen or a dot, are one person."""
    if len(spans) < 2:
        return spans
    spans = sorted(spans, key=lambda sp: (sp.start, -sp.end))
    out: list[Span] = [spans[0]]
    for sp in spans[1:]:
        prev = out[-1]
        gap = text[prev.end:sp.start] if sp.start >= prev.end else None
        if (prev.type == sp.type == SpanType.PERSON and gap is not None and (gap == "" or gap in _JOINERS)
                and _all_translit(prev.text) and _all_translit(sp.text) and len(prev.text) + len(sp.text) >= 4):
            out[-1] = Span(prev.start, sp.end, SpanType.PERSON, text[prev.start:sp.end])
        else:
            out.append(sp)
    return out


def _whole_foreign_name(text: str, span: Span, in_other_word: Callable[[int], bool]) -> Span:
    """卡洛斯·阿马 + 特, 拉特纳 + 亚克: jieba cuts transliterated names short; run on over the characters
    transliteration uses, and back over them, but not into a dictionary word with other characters (``in_other_word``:
    日本 + 雅马哈)."""
    if span.type != SpanType.PERSON or len(span.text) < 2 or not all(ch in TRANSLIT or ch in "·•" for ch in span.text):
        return span
    end = span.end
    while end < len(text) and text[end] in TRANSLIT and end - span.start < 12 and text[end] not in FOREIGN_STOP:
        end += 1
    start = span.start
    while (start > 0 and text[start - 1] in TRANSLIT and text[start - 1] not in FOREIGN_STOP and end - start < 12
           and not in_other_word(start - 1)):
        start -= 1  # 加 + 拉塔萨雷, 梅塔 + 利斯特: cut short on the left too
    return span if (start, end) == (span.start, span.end) else Span(start, end, SpanType.PERSON, text[start:end])


def _surname_only(span: Span) -> Span:
    """李老师, 王某, 张大娘: the surname is the name; the honorific is not (as news annotation has it)."""
    if span.type == SpanType.PERSON and span.text[0] in surnames()[0] and span.text[1:] in HONORIFICS:
        return Span(span.start, span.start + 1, SpanType.PERSON, span.text[0])
    return span


def _dotted_names(toks: list[Token]) -> list[Span]:
    """科菲·安南, 芭芭拉·弗兰克林: the words on either side of a middle dot make one foreign name."""
    out: list[Span] = []
    i = 1
    while i + 1 < len(toks):
        if (toks[i][WORD] in ("·", "•", "・") and HAN.match(toks[i - 1][WORD]) and HAN.match(toks[i + 1][WORD])
                and _foreign_enough(toks[i - 1][WORD] + toks[i + 1][WORD])):  # not 党政·智治
            j = i + 1
            while j + 2 < len(toks) and toks[j + 1][WORD] in ("·", "•", "・") and HAN.match(toks[j + 2][WORD]):
                j += 2
            while (j + 1 < len(toks) and len(toks[j][WORD]) == 1 and HAN.match(toks[j + 1][WORD])
                   and toks[j + 1][TAG] in ("nrt", "nrfg") and len(toks[j + 1][WORD]) <= 3):
                j += 1  # 哈维尔·巴 + 尔顿: jieba cut the last part short
            start, end = toks[i - 1][START], toks[j][END]
            out.append(Span(start, end, SpanType.PERSON, "".join(t[WORD] for t in toks[i - 1:j + 1])))
            i = j + 1
        else:
            i += 1
    return out


_OPENS = frozenset("。！？；\n　 \"“")


def _speakers(text: str, toks: list[Token], not_names: frozenset[str]) -> list[Span]:
    """陈艳萍：… — a transcript's speaker, a name cut in two by jieba (surname + given name), before a
    colon at the start of the text or of a sentence."""
    out: list[Span] = []
    for i in range(len(toks) - 2):
        w, s, _, _ = toks[i]
        nxt, _, e2, _ = toks[i + 1]
        if (len(w) == 1 and w in surnames()[0] and toks[i + 2][WORD] in ("：", ":") and 1 <= len(nxt) <= 2
                and HAN.match(nxt) and nxt not in STOP_PARTS and (w + nxt) not in not_names
                and (s == 0 or text[s - 1] in _OPENS)):
            out.append(Span(s, e2, SpanType.PERSON, w + nxt))
    return out


def _after_title(toks: list[Token], j: int, not_names: frozenset[str]) -> list[Span]:
    """局长唐晓城 where jieba split the name: join one to three short pieces that start with a surname."""
    w, s, _e, tag = toks[j]
    if (tag in PERSON_TAGS or tag == HMM_NAME) and len(w) > 1:
        return []
    if len(w) == 1 and w in surnames()[0] and j + 1 < len(toks):
        w2, _, e2, _ = toks[j + 1]
        name = w + w2
        if (HAN.match(name) and 2 <= len(name) <= 3 and name not in not_names and name[-1] not in NOT_NAME_END
                and (w not in FUNCTION_SURNAMES or (len(w2) == 2 and word_freq(w2) < 20))):  # 曾 + 世民, not 曾 + 表示
            return [Span(s, e2, SpanType.PERSON, name)]
    return []


def _byline_names(text: str) -> list[Span]:
    out: list[Span] = []
    if "记者" not in text and "编" not in text and "通讯员" not in text and "审读" not in text:
        return out
    for m in _BYLINE.finditer(text):
        group_start = m.start(1)
        for n in _NAME.finditer(m.group(1)):
            name = n.group(0)
            if name in ("报道", "摄", "通讯员", "记者") or name.endswith(("报道", "摄")):
                continue
            if person_shape(name):
                out.append(Span(group_start + n.start(), group_start + n.end(), SpanType.PERSON, name))
    return out
