"""Places written as one character or inside a longer word: 中日两国, 在京, 对美关系, 中国国情.

News prose names countries and cities by a single character (中 China, 美 the United States, 京 Beijing,
华 China, 沪 Shanghai) and glues place names to the noun they qualify (中国式, 中华民族, 中国京剧). jieba
then tags the character as a preposition or a verb (中/f, 印/v) or the glued word as a common noun, and
no place is found. These rules read the characters' context instead of jieba's tags:

- two abbreviations side by side (or with 、 between) before a word of relations (两国, 关系, 边界,
  建交 …) are two places: 中日两国, 中、阿建交, 奥中关系;
- an abbreviation standing alone after a verb of going, staying or facing (在京, 驻华, 对美) is a place;
- a word that starts with a major place name and goes on with a common noun (中国国情, 中华民族,
  美国式) holds that place.
"""

from __future__ import annotations

import re

from tui.model import Span

# single characters that stand for a country (or a region) in news prose
COUNTRIES = "中美俄日韩朝英法德意西葡荷比瑞奥希土伊以叙约埃沙印巴孟越柬泰缅马新菲澳加墨古智阿蒙哈乌吉塔捷波匈罗保非欧亚"
CITIES = "京沪津渝港澳台"
RELATIONS = ("两国", "两党", "关系", "双方", "边界", "边境", "建交", "友好", "合作", "贸易", "首脑", "会谈", "会晤",
             "外长", "战争", "谈判", "经贸", "友谊", "联合", "人民", "之间", "交往", "对话", "峰会")
_PAIR = re.compile(rf"([{COUNTRIES}])(、?)([{COUNTRIES}])(?=(?:{'|'.join(RELATIONS)}))")
GOING = set("在驻访来赴抵离返回进晋对援旅侨留")  # 出 is not: 出台 is 'to issue'
STANDALONE = "华美日俄英法德韩朝京沪港澳"  # abbreviations that stand alone after GOING (not 新, 台, 中: 在新征程)
# a major place at the head of a longer common noun; the rest of the word must be one of these heads
MAJOR = frozenset({"中国", "中华", "美国", "日本", "英国", "法国", "德国", "俄国", "韩国", "欧洲", "亚洲", "非洲", "美洲",
         "北京", "上海", "天津", "重庆", "香港", "澳门", "台湾", "西藏", "新疆"})
HEADS = frozenset(("国情", "式", "特色", "民族", "京剧", "武术", "画", "人民", "文化", "历史", "经济", "社会", "市场", "政府",
         "方面", "特点", "风格", "传统", "实际", "国内", "现代", "古代", "企业", "公司", "产品", "代表团", "队"))


def abbreviation_places(text: str, toks: list[tuple[str, int, int, str]]) -> list[Span]:
    out: list[Span] = []
    for m in _PAIR.finditer(text):
        a, b = m.group(1), m.group(3)
        if a == b:
            continue
        out.append(Span(m.start(1), m.end(1), "place", a))
        out.append(Span(m.start(3), m.end(3), "place", b))
    for k, (w, s, e, _tag) in enumerate(toks):
        if len(w) == 1 and w in STANDALONE and k >= 1 and toks[k - 1][0] in GOING:
            nxt = toks[k + 1][0] if k + 1 < len(toks) else ""
            if not (nxt and nxt[0] in "后前期时"):  # 来日后 reads 'after coming to Japan' only with care: skip
                out.append(Span(s, e, "place", w))
            continue
        if len(w) > 2 and w[:2] in MAJOR and w[2:] in HEADS:  # every major name is two characters
            out.append(Span(s, s + 2, "place", w[:2]))
    return out
