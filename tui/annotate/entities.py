"""Persons, places and organisations in news text, starting from jieba and made precise by rules.

Plain ``jieba.posseg`` tags abstract nouns as names (智慧, 高水平) and finds few organisations. On top of
its segmentation we: keep a person only if it has a surname and is not a known false friend; compose
organisations from a name-like prefix plus a suffix (区 + 发改 + 局, 青岛 + 董家口 + 经济区 + 工委); compose
places from a name plus 街道/镇/村…; read names from bylines and from title contexts (局长唐晓城).
"""

from __future__ import annotations

import re
from functools import cache

from tui.annotate.abbreviations import COUNTRY_ABBR, PLACE_FIRST_CHARS, abbreviation_places, token_abbreviation
from tui.annotate.lexicon import ordered, surnames, words
from tui.annotate.segment import tag_table, tokenize_pair, word_freq
from tui.annotate.spans import non_overlapping
from tui.model import Span

HAN = re.compile(r"^[\u3400-\u9fff·]+$")
PERSON_TAGS = {"nr", "nrfg", "nrt"}
NAME_TAGS = {"ns", "nt", "nz", "nrt", "nrfg", "new", "nr?", "nr"}
ABSTRACT_ENDS = set("化性型度率式")  # 高端化, 高水平…: abstract nouns jieba takes for names
DOCTRINE = ("理论", "思想", "主义", "同志")
_DOCTRINE_TAILS = frozenset(d[-2:] for d in DOCTRINE)
TITLES = {
    "书记", "副书记", "局长", "副局长", "主任", "副主任", "部长", "副部长", "区长", "副区长", "市长", "副市长", "省长",
    "副省长", "县长", "镇长", "主席", "副主席", "总理", "副总理", "委员", "代表", "教授", "院士", "董事长", "总经理",
    "经理", "记者", "通讯员", "主编", "美编", "审读", "排版", "厂长", "校长", "院长", "会长", "秘书长", "总书记",
    "总裁", "处长", "科长", "队长", "站长", "馆长", "所长", "领导", "同志", "先生", "女士", "大使", "发言人", "专家",
    "负责人", "主持人", "村民", "居民", "工人", "职工", "总监", "研究员", "局长唐", "党组书记", "常委", "书记员",
}
FOREIGN_LEADERS = {"首相", "外相", "总统", "国务卿", "议长", "总理", "外长", "国王", "女王", "亲王", "王储", "大使"}
BUSINESS = {"半导体", "科技", "集团", "公司", "股份", "控股", "电子", "智能", "医药", "生物", "能源", "汽车", "新材料",
            "实业", "光电", "网络", "传媒", "物流", "化工", "制药", "食品", "装备", "动力", "重工", "芯片", "项目"}  # 海芯半导体
LEADER_TITLES = {"总理", "副总理", "首相", "总统", "副总统", "主席", "副主席", "国务委员", "委员长", "总书记", "书记",
                 "国务卿", "外长", "部长", "省长", "市长", "局长", "大使", "议长", "司令员", "政委", "院长", "董事长"}
HONORIFICS = {"老师", "先生", "女士", "小姐", "大娘", "大爷", "大妈", "大伯", "大叔", "大姐", "大哥", "某", "师傅", "老汉",
              "阿姨", "奶奶", "爷爷", "婆婆", "老太", "师父"}
SPEECH = {"表示", "强调", "指出", "说", "出席", "介绍", "认为", "主持", "讲话", "要求", "透露", "告诉", "称"}
_NAME_TAGS = PERSON_TAGS | {"nr?"}
_NEXT_TRIGGERS = LEADER_TITLES | FOREIGN_LEADERS | set(DOCTRINE)  # a next word that lets a name rule fire
STOP_PARTS = {"的", "和", "与", "及", "在", "到", "至", "去", "来", "让", "给", "使", "对", "等", "各", "为", "是", "将", "了", "把", "被", "由", "向", "从", "全",
              "新", "该", "本", "我", "其", "这", "那", "有", "及其", "以及", "或", "中", "日电", "电", "事关", "关于", "推动", "打造"}
GENERIC = {
    "工作", "发展", "建设", "经济", "社会", "管理", "服务", "改革", "创新", "项目", "产业", "企业", "部门", "单位", "领域",
    "重点", "全面", "推进", "加快", "体系", "能力", "水平", "质量", "机制", "政策", "活动", "会议", "全会", "大会", "问题",
    "任务", "目标", "精神", "思想", "理论", "作风", "干部", "群众", "人民", "国家", "政治", "文化", "生态", "安全", "科技",
    "人才", "市场", "资源", "环境", "基础", "平台", "功能", "地区", "区域", "全国", "全省", "全市", "全区", "各级",
    "有关", "相关", "主要", "重要", "常务", "扩大", "专题", "工作会", "座谈会", "推进会", "动员", "部署", "召开", "举行",
}
GOV_PREFIX = {"区", "市", "省", "县", "镇", "乡", "州", "国家", "中央", "中共", "全国", "自治区"}
MAX_ORG = 16
GIVEN_NAME_CHARS = 1500
NOT_NAME_END = set("作称时为同所处说表等在和与是的也都就型性站祠堂会委乡")  # 李飞+作, 普惠型
COMMON_FREQ = 500  # a jieba noun this frequent is a common word, not part of a name (董家 273, 数字 4670)
PLACE_END = set("省市县区镇乡村州岛湾港山河江湖路街洲洋海原")


def find_entities(text: str) -> list[Span]:
    if not text or not any("\u4e00" <= ch <= "\u9fff" for ch in text):
        return []
    tags = tag_table()
    with_hmm, without_hmm = tokenize_pair(text)
    tagged = [(w, s, e, tags.get(w) or _guess(w)) for w, s, e in with_hmm]
    plain = [(w, s, e, tags.get(w) or _guess(w)) for w, s, e in without_hmm]
    spans: list[Span] = []
    spans += _nested_orgs(_orgs(plain))
    spans += _places(plain)
    spans += abbreviation_places(text, plain)
    spans += _persons(text, tagged)
    spans += _repeated_names(text, spans)
    return _resolve(_place_led_orgs(spans))


def _place_led_orgs(spans: list[Span]) -> list[Span]:
    """中国 + 全国政协, 美国 + 商务部: a place written right before an organisation names it (one span, as
    with 青岛董家口经济区工委). Not before a bare committee (中国 + 党中央 stays two)."""
    starts = {sp.start: sp for sp in spans if sp.type == "organization" and sp.text not in STANDALONE_ORGS}
    out = list(spans)
    for sp in spans:
        org = starts.get(sp.end) if sp.type == "place" and len(sp.text) >= 2 else None
        if org is not None:
            out.append(Span(sp.start, org.end, "organization", sp.text + org.text))
    return out


def _nested_orgs(orgs: list[Span]) -> list[Span]:
    """国务院 + 港澳办, 联合国 + 难民署: a body named right after its parent is one organisation."""
    out = sorted(orgs, key=lambda sp: (sp.start, -sp.end))
    merged: list[Span] = []
    for sp in out:
        if (merged and merged[-1].end == sp.start and merged[-1].type == sp.type == "organization"
                and merged[-1].text not in STANDALONE_ORGS and sp.text not in STANDALONE_ORGS):  # not 工委 + 区委
            prev = merged.pop()
            merged.append(Span(prev.start, sp.end, "organization", prev.text + sp.text))
        else:
            merged.append(sp)
    return merged


def _repeated_names(text: str, spans: list[Span]) -> list[Span]:
    """A name the context proved once (局长李金国) is the same person where it recurs (李金国在讲话中)."""
    names = {sp.text for sp in spans if sp.type == "person" and len(sp.text) >= 2}
    out: list[Span] = []
    for name in names:
        start = text.find(name)
        while start >= 0:
            out.append(Span(start, start + len(name), "person", name))
            start = text.find(name, start + len(name))
    return out


def _guess(word: str) -> str:
    """A tag for a word jieba's HMM found but its dictionary does not know."""
    if not HAN.match(word):
        return "x"
    if len(word) >= 3 and word[-1] in "湾岛港湖镇县村":  # 唐岛湾: a place jieba does not know
        return "ns"
    if _person_shape(word):
        return "nr?"
    return "new"


TRANSLIT = set("阿埃艾安奥巴拜班邦贝本比波伯博布查达戴丹道德迪蒂丁杜多厄恩法菲费芬丰弗福冈戈格贡古哈海汉豪赫亨胡霍基吉加贾杰金卡凯坎康柯科克肯库拉莱赖兰朗劳勒雷里利林隆卢鲁路伦罗洛马麦曼梅蒙米明莫姆穆纳内尼努诺欧帕佩蓬皮普齐奇乔切萨塞桑瑟森沙舍什施斯松苏索塔泰坦汤特提图托瓦威韦维温沃乌西希谢辛休雅亚扬耶伊因尤约泽扎詹兹佐")


FOREIGN_STOP = set("在和与是说等也都就对向将")


def _transliterated(word: str) -> bool:
    """克林顿, 基里延科: a dictionary name without a Chinese surname is kept when it reads as a foreign one."""
    return 3 <= len(word) <= 8 and sum(ch in TRANSLIT for ch in word) >= len(word) - 1


def _foreign_enough(word: str) -> bool:
    return 2 * sum(ch in TRANSLIT for ch in word) >= len(word)


@cache
def _given_name_chars() -> frozenset[str]:
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
    names = _given_name_chars()
    return (len(word) == 3 and word[0] in single and word[1] in names and word[2] in names
            and word[2] not in NOT_NAME_END and word[-1] not in PLACE_END and word[-1] not in J_ORG_END)


def _person_shape(word: str) -> bool:
    single, compound = surnames()
    n = len(word)
    if word[:2] in compound:
        return 3 <= n <= 4
    return word[0] in single and 2 <= n <= 3


def _persons(text: str, toks: list[tuple[str, int, int, str]]) -> list[Span]:
    out: list[Span] = []
    not_names = words("not_names.txt")
    known_places = words("known_places.txt")
    for i, (w, s, e, tag) in enumerate(toks):
        prev = toks[i - 1][0] if i else ""
        nxt = toks[i + 1][0] if i + 1 < len(toks) else ""
        if not (tag in _NAME_TAGS or nxt in _NEXT_TRIGGERS or prev in LEADER_TITLES or w in TITLES
                or w in known_places or (len(w) == 2 and w[0] in "老小")
                or (len(w) > 2 and w[-2:] in _DOCTRINE_TAILS)):
            continue  # none of the branches below can use this token (most tokens: checked up front)
        if len(w) == 2 and w[0] in "老小" and w[1] in surnames()[0] and (nxt in SPEECH or tag in PERSON_TAGS):
            out.append(Span(s + 1, e, "person", w[1]))  # 老汤, 小李: the surname names the person
            continue
        doctrine = (next((d for d in DOCTRINE if w.endswith(d) and len(w) > len(d)), None)
                    if len(w) > 2 and w[-2:] in _DOCTRINE_TAILS else None)  # a set test first: every token passes here
        if doctrine and tags_nr(w[: -len(doctrine)]):  # 邓小平理论 → 邓小平
            out.append(Span(s, e - len(doctrine), "person", w[: -len(doctrine)]))
        elif w in known_places:
            out.append(Span(s, e, "place", w))
        elif (HAN.match(w) and 2 <= len(w) <= 3 and _person_shape(w) and w not in not_names and w not in GENERIC
              and (tag in PERSON_TAGS or tag in ("t", "ns", "nz", "new", "nr?", "x")) and (nxt in LEADER_TITLES or prev in LEADER_TITLES or (nxt in DOCTRINE and tag not in ("n", "v")))):
            out.append(Span(s, e, "person", w))  # 国务委员罗干, 周恩来总理: the title proves it whatever jieba's tag
        elif (nxt in FOREIGN_LEADERS and len(w) in (2, 3, 4) and HAN.match(w) and tag in ("n", "nz", "nr", "nrt", "nr?", "new")
              and w not in not_names and w not in GENERIC and word_freq(w) < COMMON_FREQ // 2):
            out.append(Span(s, e, "person", w))  # 桥本首相: a rare word before a foreign leader's title
        elif (tag in PERSON_TAGS and w not in not_names and HAN.match(w) and w[-1] not in ABSTRACT_ENDS
              and not (len(w) >= 3 and w[-1] in PLACE_END | {"郡"})):  # 称多县, 肯特郡: places
            if (tag in ("nrt", "nrfg") and len(w) >= 2) or (tag == "nr" and _transliterated(w)):
                out.append(Span(s, e, "person", w))
            elif _person_shape(w) and (prev not in ("个", "大") or nxt in SPEECH):
                out.append(Span(s, e, "person", w))
        elif (tag == "nr?" and w not in not_names and nxt not in BUSINESS
              and (prev in TITLES or nxt in SPEECH or nxt in TITLES or prev == "、" or _given_name_shape(w))):
            out.append(Span(s, e, "person", w))
        elif w in TITLES and i + 1 < len(toks):
            out += _after_title(toks, i + 1, not_names)
        elif (len(w) == 1 and tag in PERSON_TAGS and w in surnames()[0] and i + 2 < len(toks)
              and toks[i + 2][0] in SPEECH and 1 <= len(nxt) <= 2 and HAN.match(nxt) and nxt not in STOP_PARTS):
            out.append(Span(s, toks[i + 1][2], "person", w + nxt))  # 李 + 金国 + 出席
    out += _byline_names(text)
    out += _dotted_names(toks)
    return [_whole_foreign_name(text, _surname_only(sp)) for sp in out]


def _whole_foreign_name(text: str, span: Span) -> Span:
    """卡洛斯·阿马 + 特, 拉特纳 + 亚克: jieba cuts transliterated names short; run on over the characters
    transliteration uses."""
    if span.type != "person" or len(span.text) < 2 or not all(ch in TRANSLIT or ch in "·•" for ch in span.text):
        return span
    end = span.end
    while end < len(text) and text[end] in TRANSLIT and end - span.start < 12 and text[end] not in FOREIGN_STOP:
        end += 1
    return span if end == span.end else Span(span.start, end, "person", text[span.start:end])


def _surname_only(span: Span) -> Span:
    """李老师, 王某, 张大娘: the surname is the name; the honorific is not (as news annotation has it)."""
    if span.type == "person" and span.text[0] in surnames()[0] and span.text[1:] in HONORIFICS:
        return Span(span.start, span.start + 1, "person", span.text[0])
    return span


def _dotted_names(toks: list[tuple[str, int, int, str]]) -> list[Span]:
    """科菲·安南, 芭芭拉·弗兰克林: the words on either side of a middle dot make one foreign name."""
    out: list[Span] = []
    i = 1
    while i + 1 < len(toks):
        if (toks[i][0] in ("·", "•", "・") and HAN.match(toks[i - 1][0]) and HAN.match(toks[i + 1][0])
                and _foreign_enough(toks[i - 1][0] + toks[i + 1][0])):  # not 党政·智治
            j = i + 1
            while j + 2 < len(toks) and toks[j + 1][0] in ("·", "•", "・") and HAN.match(toks[j + 2][0]):
                j += 2
            start, end = toks[i - 1][1], toks[j][2]
            out.append(Span(start, end, "person", "".join(t[0] for t in toks[i - 1:j + 1])))
            i = j + 1
        else:
            i += 1
    return out


def tags_nr(word: str) -> bool:
    return tag_table().get(word) in PERSON_TAGS


def _after_title(toks: list[tuple[str, int, int, str]], j: int, not_names: frozenset[str]) -> list[Span]:
    """局长唐晓城 where jieba split the name: join one to three short pieces that start with a surname."""
    w, s, e, tag = toks[j]
    if (tag in PERSON_TAGS or tag == "nr?") and len(w) > 1:
        return []
    if len(w) == 1 and w in surnames()[0] and j + 1 < len(toks):
        w2, _, e2, _ = toks[j + 1]
        name = w + w2
        if HAN.match(name) and 2 <= len(name) <= 3 and name not in not_names:
            return [Span(s, e2, "person", name)]
    return []


_BYLINE = re.compile(r"(?:记者|通讯员|实习生|主编|美编|审读|排版|校对|编辑|撰文|摄影)[ \u3000:：]+((?:[\u4e00-\u9fff·]{2,4}[ \u3000]*)+)")
_NAME = re.compile(r"[\u4e00-\u9fff·]{2,4}")


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
            if _person_shape(name):
                out.append(Span(group_start + n.start(), group_start + n.end(), "person", name))
    return out


def _is_suffix(word: str, tag: str) -> str | None:
    """The organisation suffix a token ends with. A dictionary noun that merely ends in a one-character
    suffix (社会, 干部, 机会, 座谈会) is not one; an unknown string ending in it may be (民发局)."""
    by_len = _suffixes_by_length()
    for n in range(min(len(word), len(by_len) - 1), 0, -1):  # longest first, as ordered() would try them
        suf = word[-n:]
        if suf in by_len[n]:
            if word == suf or n >= 2 or tag in ("new", "nr?", "x", "nt"):
                return suf
            return None
    return None


@cache
def _suffixes_by_length() -> tuple[frozenset[str], ...]:
    """Suffix sets indexed by length: a token is checked with a few set look-ups instead of ~90 endswith
    calls, which was half of the annotation time on a long story."""
    sufs = ordered("org_suffixes.txt")
    longest = max(map(len, sufs), default=0)
    return tuple(frozenset(s for s in sufs if len(s) == n) for n in range(longest + 1))


TEAMS = ("男队", "女队", "队")
TITLE_AFTER_ORG = ("部长", "局长", "厅长", "院长", "社长", "所长", "处长", "会长", "校长", "行长")
NUMERAL_CHARS = set("零一二三四五六七八九十百千两0123456789")
J_ORG_END = set("协联委办行钢院部局所校党团军队社盟大")
STANDALONE_ORGS = {"市委", "区委", "省委", "县委", "工委", "党中央", "国会", "内阁", "海军", "空军", "陆军", "纪委",
                   "党委", "村委会", "居委会", "镇党委", "乡党委"}
POSTS = ("常务副书记", "副书记", "书记", "常委", "委员", "副主任", "主任")  # longest first
POST_ENDS = ("书记", "常委", "委员", "主任")


@cache
def _org_last_chars() -> frozenset[str]:
    """The last characters an organisation-making token can end with: of a suffix, of a title after an
    organisation (部长), of 政府, of a team, of a post or of a standalone body."""
    ends = {x[-1] for x in ordered("org_suffixes.txt")} | {"长", "府", "队"}
    ends |= {x[-1] for x in POSTS} | {x[-1] for x in STANDALONE_ORGS}
    return frozenset(ends)


def _orgs(toks: list[tuple[str, int, int, str]]) -> list[Span]:
    out: list[Span] = []
    known_orgs = words("known_orgs.txt")
    not_orgs = words("not_orgs.txt")
    last_chars = _org_last_chars()
    for k, (w, s, e, tag) in enumerate(toks):
        if tag not in ("nt", "j") and w[-1:] not in last_chars and w not in known_orgs:
            continue  # nothing below can make an organisation of it: most tokens stop here
        if not HAN.match(w):
            continue
        head, end, head_tag = w, e, tag
        for title in TITLE_AFTER_ORG if w.endswith(TITLE_AFTER_ORG) else ():  # 财政部长 → 财政部 (+长)
            if w.endswith(title) and len(w) > len(title):
                head, end, head_tag = w[:-1], e - 1, "new"
                break
        if w.endswith("政府") and len(w) > 2 and (tag_table().get(w[:-2]) == "ns" or w[:-2] in COUNTRY_ABBR):  # 中国政府: 中国 is a place
            out.append(Span(s, e - 2, "place", w[:-2]))
            continue
        if w in known_orgs:
            out.append(Span(s, e, "organization", w))
            continue
        post = next((t for t in POSTS if w.endswith(t)), None) if w.endswith(POST_ENDS) else None
        body = w[:-len(post)] if post and w[:-len(post)] in STANDALONE_ORGS else None
        if body:  # 市委书记, 省委常委: the committee is the organisation, the post is not
            out.append(Span(s, s + len(body), "organization", body))
            continue
        team = next((t for t in TEAMS if w.endswith(t) and len(w) > len(t)), None) if w.endswith("队") else None
        if team and tag_table().get(w[:-len(team)]) == "ns":  # 智利队, 匈牙利女队: a place's team
            out.append(Span(s, e, "organization", w))
            continue
        if w in not_orgs:
            continue
        suf = _is_suffix(head, head_tag) or (w if w in STANDALONE_ORGS else None)
        if not suf:
            if len(w) >= 2 and w[0] not in NUMERAL_CHARS and (tag == "nt" or (tag == "j" and w[-1] in J_ORG_END)):
                if not (w[0] in COUNTRY_ABBR and w[1] in COUNTRY_ABBR):
                    out.append(Span(s, e, "organization", w))
            continue
        span = _org_chain(toks, k, head, end, suf)
        if span is None and (tag == "nt" or head in STANDALONE_ORGS
                             or (len(head) >= 3 and len(head) > len(suf) and head_tag not in ("n", "vn", "l"))):
            span = Span(s, end, "organization", head)
        if span is not None:
            out.append(span)
    return out


def _org_chain(toks: list[tuple[str, int, int, str]], k: int, head: str, end: int, suf: str) -> Span | None:
    """Extend a suffix token leftwards over name parts: 区 + 发改 + 局, 青岛 + 董家口 + 经济区 + 工委."""
    j = k
    length = len(head)
    while j - 1 >= 0:
        pw, _, pe, ptag = toks[j - 1]
        if pe != toks[j][1] or not HAN.match(pw) or pw in STOP_PARTS or pw in GENERIC:
            break
        glued = ptag == "q" and len(pw) == 1 and j - 2 >= 0 and toks[j - 2][3] in ("n", "ns", "nz", "nr")
        glued = glued or (len(pw) == 1 and ptag in ("v", "ng", "vg", "a", "ag") and length + 1 <= 3)  # 区发改局
        if (ptag.startswith(("v", "d", "p", "c", "u", "r", "m", "q", "t", "f")) and pw not in GOV_PREFIX
                and ptag != "vn" and not glued):
            if not (len(pw) >= 2 and ptag == "v" and j - 1 == k - 1 and len(head) == 1):  # 发改/v + 局
                break
        foreign_firm = head in ("公司", "集团") and len(pw) >= 2 and all(ch in TRANSLIT for ch in pw)  # 劳拉公司
        if length + len(pw) > MAX_ORG or ((ptag in PERSON_TAGS or ptag == "nr?") and not foreign_firm):
            break
        j -= 1
        length += len(pw)
        if pw in GOV_PREFIX and len(pw) == 1:
            break
        if ptag == "nt" and j >= 1 and toks[j - 1][3] != "ns" and toks[j - 1][0] not in GOV_PREFIX:
            break  # 中科院 + 海洋 + 大 + 科学研究 + 中心: a named body starts the chain (not 充分发挥 before it)
    if j == k:
        return None
    chain = toks[j:k + 1]
    names = [t[0] for t in chain[:-1]]
    if len(suf) == 1 and len(head) == 1 and len(names) == 1 and names[0] in GOV_PREFIX:
        return None  # 区局, 市会: too vague
    places = ordered("place_suffixes.txt")
    named = (any(t[3] in NAME_TAGS for t in chain[:-1]) or names[0] in GOV_PREFIX
             or any(t[0] in places and len(t[0]) >= 2 for t in chain[1:-1]))  # 红石崖街道 + 党工委
    if not named and not (len(head) > len(suf) and len(suf) >= 2):
        return None  # 保险公司, 出版社: a kind of organisation, not a named one
    if any(len(t[0]) == 1 and t[3] in ("v", "vg") for t in chain[:-1]) and names[0] not in GOV_PREFIX:
        return None
    return Span(chain[0][1], end, "organization", "".join(names) + head)


def _two_common_words(word: str) -> bool:
    """重大意义 (重大 + 意义), tagged ns in jieba's dictionary, is two common words, not a place; a place
    name that splits does so into a place and a noun (青藏 + 高原)."""
    if len(word) < 3 or word[-1] in PLACE_END:
        return False
    tags = tag_table()
    for cut in range(1, len(word)):
        a, b = word[:cut], word[cut:]
        if (word_freq(a) >= COMMON_FREQ and word_freq(b) >= COMMON_FREQ
                and tags.get(a) not in ("ns", "nr", "nt") and tags.get(b) not in ("ns", "nr", "nt")):
            return True
    return False


def _places(toks: list[tuple[str, int, int, str]]) -> list[Span]:
    out: list[Span] = []
    place_suffixes = ordered("place_suffixes.txt")
    not_places = words("not_places.txt")
    suffix_words = frozenset(place_suffixes) | {"镇", "乡", "村"}
    for k, (w, s, e, tag) in enumerate(toks):
        if tag != "ns" and w[:1] not in PLACE_FIRST_CHARS and w not in suffix_words:
            continue  # no rule below can make a place of it: most tokens stop here
        got = token_abbreviation(toks, k)
        if got is not None:  # 中美, 俄 alone, 中美关系, 访华, 美方
            out += got
            continue
        tail = next((t for t in ("地区", "各国", "各地") if w.endswith(t)), None)
        if tag == "ns" and tail and len(w) > 3:  # 东北地区 → 东北, 亚洲各国 → 亚洲
            out.append(Span(s, e - 2, "place", w[:-2]))
            continue
        if tag == "ns" and w.endswith(CURRENCIES):  # 挪威克朗 is money, not a place
            continue
        titled = (k + 1 < len(toks) and toks[k + 1][0] in LEADER_TITLES) or (k >= 1 and toks[k - 1][0] in LEADER_TITLES)
        if (tag == "ns" and HAN.match(w) and w not in not_places and len(w) >= 2 and not (titled and _person_shape(w))
                and not _two_common_words(w)):
            # ns followed directly by a place suffix word: 青岛 + 港, 灵山 + 湾
            if k + 1 < len(toks) and toks[k + 1][0] in place_suffixes and toks[k + 1][0] not in ("区", "市"):
                out.append(Span(s, toks[k + 1][2], "place", w + toks[k + 1][0]))
            else:
                out.append(Span(s, e, "place", w))
            continue
        if ((len(w) >= 2 and w in place_suffixes) or w in ("镇", "乡", "村")) and k >= 1:  # 董家口 + 经济区
            j = k
            length = 0
            while j - 1 >= 0 and length < 4:
                pw, _, _, ptag = toks[j - 1]
                if (not HAN.match(pw) or pw in STOP_PARTS or pw in GENERIC or pw[0] in NUMERAL_CHARS
                        or ptag.startswith(("p", "c", "u", "m", "r", "d", "f"))
                        or (len(pw) >= 2 and ptag.startswith(("v", "t", "a", "l", "i", "b")))  # 红 + 石崖 + 街道 stays
                        or (ptag == "n" and len(pw) >= 2 and word_freq(pw) >= COMMON_FREQ)  # 数字 + 新区: common nouns
                        or length + len(pw) > 4):
                    break
                j -= 1
                length += len(pw)
            if j < k and 2 <= length <= 4:
                out.append(Span(toks[j][1], e, "place", "".join(t[0] for t in toks[j:k + 1])))
    return out


_PRIORITY = {"organization": 3, "place": 2, "person": 1}


CURRENCIES = ("克朗", "法郎", "马克", "里拉", "卢布", "比索", "英镑", "美元", "日元", "欧元", "兰特", "卢比", "第纳尔")
BUILDINGS = ("大厦", "大会堂", "美术馆", "博物馆", "大剧院", "剧院", "宫", "广场", "机场", "车站", "体育馆", "体育场",
             "纪念馆", "展览馆", "公园", "大桥")


def _resolve(spans: list[Span]) -> list[Span]:
    spans = [Span(sp.start, sp.end, "place", sp.text) if sp.type == "organization" and sp.text.endswith(BUILDINGS)
             else sp for sp in spans]  # 人民大会堂, 中国美术馆: a building is a place one goes to
    return non_overlapping(spans, lambda sp: -_PRIORITY[sp.type])
