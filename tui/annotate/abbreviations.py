"""Places written as one character or inside a longer word: 中日两国, 在京, 对美关系, 中国国情.

News prose names countries and cities by a single character (中 China, 美 the United States, 京 Beijing,
华 China, 沪 Shanghai) and glues place names to the noun they qualify (中国式, 中华民族, 中国京剧). jieba
then tags the character as a preposition or a verb (中/f, 印/v) or the glued word as a common noun, and
no place is found. These rules read the characters' context instead of jieba's tags:

- two abbreviations side by side (or with 、 between) before a word of relations (两国, 关系, 边界,
  建交 …) are two places: 中日两国, 中、阿建交, 奥中关系;
- an abbreviation standing alone after a verb of going, staying or facing (在京, 驻华, 对美) is a place;
- a word that starts with a major place name and goes on with a common noun (中国国情, 中华民族,
  美国式) holds that place;
- and, one token at a time (``token_abbreviation``): a pair jieba kept as one word (中美, 中美关系), a
  country alone (俄, tagged j), a verb glued to one (访华, 驻美) or one glued to its side (美方, 中方驻).
"""

from __future__ import annotations

import re

from tui.annotate.segment import tag_table, word_freq
from tui.annotate.tokens import END, NOT_HAN, TAG, UNKNOWN, WORD, Token, word_at
from tui.annotate.vocab import COMMON_FREQ
from tui.model import Span, SpanType

# Verbs of going, staying and dealing with a place, written once: 在 / 驻 / 访 … + 华 (在华, 驻美, 访日).
GOING = "在驻访来赴抵离返回进晋对援旅侨留"  # 出 is not: 出台 is 'to issue'
_GOING_SET = frozenset(GOING)
_GOING_AS_WORD = GOING.replace("留", "")  # a token of one of these and a country (访华, 回京)
_GOING_GLUED = "".join(ch for ch in GOING if ch not in "返回进晋留")  # … glued inside a longer word (驻华大使)
# the token rules' countries, and the verbs and heads that glue to them
COUNTRY_ABBR = set("中美俄日韩英法德印巴朝越澳加意荷瑞挪芬丹波匈捷希土伊以埃叙沙墨古欧非亚")
ABBR_PREFIX = re.compile(rf"^[{_GOING_GLUED}]([华美日俄英法德韩朝])|"
                         r"^([中美日俄英法德韩朝以巴印])(?:方|总统|总理|外长|首相|政府|军|国务卿|大使|外交部|驻)")
SIDES = "中美日俄英法德韩朝巴以伊沙乌吉哈塔土埃叙越泰菲"  # countries whose "side" news names: 中方, 巴方
SIDE = re.compile(rf"^[{SIDES}]方$")  # 巴方表示: the Pakistani side, a place and no person
ABBR_SIDE = re.compile(rf"^[{_GOING_AS_WORD}]([华美日俄英法德韩朝京沪港澳台])$|^([{SIDES}])方$")
# first characters of the tokens the token rules look at (countries, and the verbs of 驻华, 访美)
PLACE_FIRST_CHARS = COUNTRY_ABBR | set(_GOING_AS_WORD) | set("中美日俄英法德韩朝以巴印")
WHOLE_COUNTRIES = {"古巴", "印尼"}
PAIR_NOUNS = {"关系", "两国", "双方", "首脑", "边境", "合作", "贸易", "友好", "会谈", "联合声明", "联合公报", "建交",
              "两国关系", "首脑会晤", "战争", "谈判", "经贸", "友谊", "外长"}
# single characters that stand for a country (or a region) in running text (the character rules)
COUNTRIES = "中美俄日韩朝英法德意西葡荷比瑞奥希土伊以叙约埃沙印巴孟越柬泰缅马新菲澳加墨古智阿蒙哈乌吉塔捷波匈罗保非欧亚"
CITIES = "京沪津渝港澳台"
RELATIONS = ("两国", "两党", "关系", "双方", "边界", "边境", "建交", "友好", "合作", "贸易", "首脑", "会谈", "会晤",
             "外长", "战争", "谈判", "经贸", "友谊", "联合", "人民", "之间", "交往", "对话", "峰会")
_PAIR = re.compile(rf"([{COUNTRIES}])(、?)([{COUNTRIES}])(?=(?:{'|'.join(RELATIONS)}))")
STANDALONE = "华美日俄英法德韩朝京沪港澳"  # abbreviations that stand alone after GOING (not 新, 台, 中: 在新征程)
# a major place at the head of a longer common noun; the rest of the word must be one of these heads
MAJOR = frozenset({"中国", "中华", "美国", "日本", "英国", "法国", "德国", "俄国", "韩国", "欧洲", "亚洲", "非洲", "美洲",
         "北京", "上海", "天津", "重庆", "香港", "澳门", "台湾", "西藏", "新疆"})
HEADS = frozenset(("国情", "式", "特色", "民族", "京剧", "武术", "画", "人民", "文化", "历史", "经济", "社会", "市场", "政府",
         "方面", "特点", "风格", "传统", "实际", "国内", "现代", "古代", "企业", "公司", "产品", "代表团", "队"))


def abbreviation_places(text: str, toks: list[Token]) -> list[Span]:
    out: list[Span] = []
    for m in _PAIR.finditer(text):
        a, b = m.group(1), m.group(3)
        if a == b or (not m.group(2) and _one_name(a + b)):  # 古巴两国, 中亚峰会: one name, no pair
            continue
        out.append(Span(m.start(1), m.end(1), SpanType.PLACE, a))
        out.append(Span(m.start(3), m.end(3), SpanType.PLACE, b))
    for k, (w, s, e, _tag) in enumerate(toks):
        if len(w) == 1 and w in STANDALONE and k >= 1 and toks[k - 1][WORD] in _GOING_SET:
            nxt = toks[k + 1][WORD] if k + 1 < len(toks) else ""
            if not (nxt and nxt[0] in "后前期时"):  # 来日后 reads 'after coming to Japan' only with care: skip
                out.append(Span(s, e, SpanType.PLACE, w))
            continue
        if len(w) > 2 and w[:2] in MAJOR and w[2:] in HEADS:  # every major name is two characters
            out.append(Span(s, s + 2, SpanType.PLACE, w[:2]))
    return out


_PAIR_TAGS = frozenset({"j", "ns", "nt", "nz", UNKNOWN, NOT_HAN})


def _country_pair(pair: str) -> bool:
    """Two one-character country names written together (中美), not one name (``_one_name``)."""
    return pair[0] in COUNTRY_ABBR and pair[1] in COUNTRY_ABBR and not _one_name(pair)


def _one_name(pair: str) -> bool:
    """A country's own name (古巴), or a region the dictionary holds as a common place word (中亚 Central
    Asia, 1,078 in jieba's counts; the pairs it lists, 中美 and 中俄, have 3, and 中欧 226, 中非 158 are mostly
    China–Europe and China–Africa in news)."""
    return pair in WHOLE_COUNTRIES or (tag_table().get(pair) == "ns" and word_freq(pair) >= COMMON_FREQ)


def _country_follows(toks: list[Token], k: int) -> bool:
    """中 + 美, with a tag that says countries: the next token is a one-character country too."""
    nxt = word_at(toks, k + 1)
    if len(nxt) != 1 or nxt not in COUNTRY_ABBR:
        return False
    return bool({"ns", "j"} & {toks[k][TAG], toks[k + 1][TAG]})


_LAW_BEFORE = ("n", "vn", "nz", "i", "l")


def _stands_for_country(toks: list[Token], k: int) -> bool:
    """俄, 韩 alone stand for the country; 中 alone seldom does, and 法 after a noun is a law (国家 + 法)."""
    w = toks[k][WORD]
    if w == "中":
        return False
    return not (w == "法" and k >= 1 and toks[k - 1][TAG] in _LAW_BEFORE)


def token_abbreviation(toks: list[Token], k: int) -> list[Span] | None:
    """The places token ``k`` names by abbreviation, or None when it is not one (the caller goes on)."""
    w, s, e, tag = toks[k]
    if len(w) == 2 and tag in _PAIR_TAGS and _country_pair(w):
        return [Span(s, s + 1, SpanType.PLACE, w[0]), Span(s + 1, e, SpanType.PLACE, w[1])]  # 中美, 美日
    if len(w) == 1 and w in COUNTRY_ABBR and _country_follows(toks, k):
        return [Span(s, e, SpanType.PLACE, w), Span(e, toks[k + 1][END], SpanType.PLACE, toks[k + 1][WORD])]
    if len(w) == 1 and w in COUNTRY_ABBR and tag == "j" and _stands_for_country(toks, k):  # 俄, 韩
        return [Span(s, e, SpanType.PLACE, w)]
    if len(w) >= 3 and tag != "ns" and _country_pair(w[:2]) and w[2:] in PAIR_NOUNS:  # 中美关系 → 中, 美
        return [Span(s, s + 1, SpanType.PLACE, w[0]), Span(s + 1, s + 2, SpanType.PLACE, w[1])]
    side = ABBR_SIDE.match(w) or (ABBR_PREFIX.match(w) if len(w) >= 2 and tag not in ("ns", "nr") else None)
    if side:
        ch = side.group(1) or side.group(2)
        at = s + w.index(ch)
        return [Span(at, at + 1, SpanType.PLACE, ch)]
    return None
