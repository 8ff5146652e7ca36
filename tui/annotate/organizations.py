"""Organisations: a name-like prefix composed with an organisation suffix (区 + 发改 + 局, 青岛 + 董家口 +
经济区 + 工委), government abbreviations, teams, and the posts that name a committee (市委书记 → 市委)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from tui.annotate.abbreviations import COUNTRY_ABBR
from tui.annotate.lexicon import ordered, place_names, words
from tui.annotate.segment import tag_table, word_freq
from tui.annotate.tokens import END, HMM_NAME, START, TAG, UNKNOWN, WORD, Token, word_at
from tui.annotate.vocab import (
    COMMON_FREQ,
    GENERIC,
    HAN,
    J_ORG_END,
    NAME_TAGS,
    NUMERAL_CHARS,
    PERSON_TAGS,
    STANDALONE_ORGS,
    STOP_PARTS,
    TRANSLIT,
)
from tui.model import Span, SpanType

GOV_PREFIX = {"区", "市", "省", "县", "镇", "乡", "州", "国家", "中央", "中共", "全国", "自治区"}
MAX_ORG = 16
TEAMS = ("男队", "女队", "队")
TITLE_AFTER_ORG = ("部长", "局长", "厅长", "院长", "社长", "所长", "处长", "会长", "校长", "行长")
POST_PREFIXES = ("副", "总", "常务副", "执行", "名誉", "代")  # 副会长 is a post, not the body 副会
POSTS = ("常务副书记", "副书记", "书记", "常委", "委员", "副主任", "主任")  # longest first
POST_ENDS = ("书记", "常委", "委员", "主任")


@cache
def suffixes_by_length() -> tuple[frozenset[str], ...]:
    """Suffix sets indexed by length: a token is checked with a few set look-ups instead of ~90 endswith
    calls, which was half of the annotation time on a long story."""
    sufs = ordered("org_suffixes.txt")
    longest = max(map(len, sufs), default=0)
    return tuple(frozenset(s for s in sufs if len(s) == n) for n in range(longest + 1))


def _is_suffix(word: str, tag: str) -> str | None:
    """The organisation suffix a token ends with. A dictionary noun that merely ends in a one-character
    suffix (社会, 干部, 机会, 座谈会) is not one; an unknown string ending in it may be (民发局)."""
    by_len = suffixes_by_length()
    for n in range(min(len(word), len(by_len) - 1), 0, -1):  # longest first, as ordered() would try them
        suf = word[-n:]
        if suf in by_len[n]:
            if word == suf or n >= 2 or tag in ("new", "nr?", "x", "nt"):
                return suf
            return None
    return None


@cache
def _org_last_chars() -> frozenset[str]:
    """The last characters an organisation-making token can end with: of a suffix, of a title after an
    organisation (部长), of 政府, of a team, of a post or of a standalone body."""
    ends = {x[-1] for x in ordered("org_suffixes.txt")} | {"长", "府", "队"}
    ends |= {x[-1] for x in POSTS} | {x[-1] for x in STANDALONE_ORGS}
    return frozenset(ends)


@cache
def _departments() -> frozenset[str]:
    """Words naming a body on their own (组织部, 政法委, 办公厅 …): the organisation suffixes of two or more
    characters, but not the committees themselves (工委 + 区委 are two). Written after a party committee they
    are that committee's department."""
    return frozenset(w for w in ordered("org_suffixes.txt") if len(w) >= 2 and w not in STANDALONE_ORGS)


@cache
def _known_pattern() -> re.Pattern[str]:
    return re.compile("|".join(map(re.escape, ordered("known_orgs.txt"))))  # longest first


def known_orgs_in(text: str, toks: list[Token]) -> list[Span]:
    """Well-known organisations that jieba cuts in pieces (平安 + 银行, 国际 + 足联), found in the text and
    kept only where they start and end on jieba's word boundaries: 中国银行 is not read inside 中国银行业.
    A level written before one (市 + 住建委) is its own."""
    starts = {s for _, s, _, _ in toks}
    before = {e: (w, s) for w, s, e, _ in toks}
    ends = {e for _, _, e, _ in toks}
    out = []
    for m in _known_pattern().finditer(text):
        if m.start() in starts and m.end() in ends:
            w, s = before.get(m.start(), ("", m.start()))
            start = s if w in ("市", "区", "县", "省") else m.start()  # 市 + 住建委: the city's own
            out.append(Span(start, m.end(), SpanType.ORGANIZATION, text[start:m.end()]))
    return out


@dataclass(frozen=True, slots=True)
class _Lists:
    known: frozenset[str]
    not_orgs: frozenset[str]
    last_chars: frozenset[str]
    departments: frozenset[str]


def find_orgs(toks: list[Token]) -> list[Span]:
    """Organisations in one cut: each token through ``_token_org``."""
    lists = _Lists(words("known_orgs.txt"), words("not_orgs.txt"), _org_last_chars(), _departments())
    known, last_chars = lists.known, lists.last_chars
    out: list[Span] = []
    for k, tok in enumerate(toks):
        w, tag = tok[WORD], tok[TAG]
        if tag not in ("nt", "j") and w[-1:] not in last_chars and w not in known and w not in STANDALONE_ORGS:
            continue  # no rule below can use this token (most tokens stop here, in four set tests)
        out += _token_org(toks, k, lists)
    return out


def _token_org(toks: list[Token], k: int, lists: _Lists) -> list[Span]:
    """What one token makes: a committee's department, a government's place, a known or suffixed body."""
    w, s, e, tag = toks[k]
    department = _committee_department(toks, k, lists.departments)
    if department is not None:
        return department
    if not _may_name_org(w, tag, lists) or not HAN.match(w):
        return []
    stripped = _without_title(w, e, tag)
    if stripped is None:
        return []  # 副会长, 副局长: a post, and no body in it
    for rule in WORD_RULES:
        found = rule(w, s, e, tag, lists)
        if found is not None:
            return found
    if w in lists.not_orgs:
        return []
    head, end, head_tag = stripped
    return _suffixed(toks, k, head, end, head_tag)


def _committee_department(toks: list[Token], k: int, departments: frozenset[str]) -> list[Span] | None:
    """市委 + 宣传部, 工委 + 政法委: a committee's department written after it."""
    w, s, _, _ = toks[k]
    nxt = word_at(toks, k + 1)
    if w in STANDALONE_ORGS and nxt in departments:
        return [Span(s, toks[k + 1][END], SpanType.ORGANIZATION, w + nxt)]
    return None


def _may_name_org(w: str, tag: str, lists: _Lists) -> bool:
    """Whether anything below can make an organisation of the token (most tokens stop here); not the
    phrases jieba's dictionary tags nt a few times that name nothing (大力开展, 长足进展, 普通家庭)."""
    if w in lists.known:
        return True
    if tag not in ("nt", "j") and w[-1:] not in lists.last_chars:
        return False
    if tag != "nt" or w[-1] in lists.last_chars or w[-1] in J_ORG_END or w[-1] in "织厦":
        return True
    return word_freq(w) > RARE_NT


def _without_title(w: str, e: int, tag: str) -> tuple[str, int, str] | None:
    """财政部长 → 财政部 (+长), 协会会长 → 协会 (+会长): the body without the title written after it; None
    for a post alone (副会长)."""
    title = next((t for t in TITLE_AFTER_ORG if w.endswith(t)), None) if w.endswith("长") else None
    if not title:
        return w, e, tag
    if w[:-len(title)] in POST_PREFIXES:
        return None
    if len(w) == len(title):
        return w, e, tag
    cut = len(title) if _is_suffix(w[:-len(title)], UNKNOWN) else 1
    return w[:-cut], e - cut, UNKNOWN


def _government(w: str, s: int, e: int, tag: str, lists: _Lists) -> list[Span] | None:
    """中国政府, 阿根廷政府: the place (or person: 克林顿政府) is named, the government is not."""
    if not w.endswith("政府") or len(w) <= 2:
        return None
    lead = _government_of(w[:-2])
    return [Span(s, e - 2, lead, w[:-2])] if lead else None


def _known(w: str, s: int, e: int, tag: str, lists: _Lists) -> list[Span] | None:
    return [Span(s, e, SpanType.ORGANIZATION, w)] if w in lists.known else None


def _committee_post(w: str, s: int, e: int, tag: str, lists: _Lists) -> list[Span] | None:
    """市委书记, 省委常委, 中央政治局常委: the committee is the organisation, the post is not."""
    post = next((t for t in POSTS if w.endswith(t)), None) if w.endswith(POST_ENDS) else None
    body = w[:-len(post)] if post else None
    if not body or not (body in STANDALONE_ORGS or body.endswith(COMMITTEES)):
        return None
    return [Span(s, s + len(body), SpanType.ORGANIZATION, body)]


COMMITTEES = ("政治局", "常委会", "委员会", "书记处")  # bodies whose members' posts are written after them


def _place_team(w: str, s: int, e: int, tag: str, lists: _Lists) -> list[Span] | None:
    """智利队, 匈牙利女队: a place's team."""
    team = next((t for t in TEAMS if w.endswith(t) and len(w) > len(t)), None) if w.endswith("队") else None
    if team and tag_table().get(w[:-len(team)]) == "ns":
        return [Span(s, e, SpanType.ORGANIZATION, w)]
    return None


WORD_RULES = (_government, _known, _committee_post, _place_team)  # the first that applies settles the word


def _suffixed(toks: list[Token], k: int, head: str, end: int, head_tag: str) -> list[Span]:
    """A head ending in an organisation suffix (or a place's bureau), extended leftwards over its name."""
    w, s, _, tag = toks[k]
    suf = _is_suffix(head, head_tag) or (w if w in STANDALONE_ORGS else None)
    body = not suf and _place_body(toks, k, head, head_tag)
    if body:
        suf = head[-1]  # 北京市 + 消防局, 福建省 + 公安厅: a place's bureau is a body, whatever the dictionary says
    if not suf:
        return [Span(s, end, SpanType.ORGANIZATION, w)] if _tagged_org(w, tag) else []
    span = _org_chain(toks, k, head, end, suf, specific=body)
    if span is None and _stands_alone(head, head_tag, suf, tag, w, body):
        span = Span(s, end, SpanType.ORGANIZATION, head)
    return [span] if span is not None else []


def _tagged_org(w: str, tag: str) -> bool:
    """An organisation by jieba's tag alone (nt, or an abbreviation ending like a body); not 中美, 中俄."""
    if len(w) < 2 or w[0] in NUMERAL_CHARS:
        return False
    if tag != "nt" and not (tag == "j" and w[-1] in J_ORG_END):
        return False
    return not (w[0] in COUNTRY_ABBR and w[1] in COUNTRY_ABBR)


def _stands_alone(head: str, head_tag: str, suf: str, tag: str, w: str, body: bool) -> bool:
    """A suffixed head with no name before it that is still a body: tagged so, a committee, a court of a
    level (区法院), a ministry (教育部; not 管理部), or a longer word whose suffix is only its end."""
    court = suf.endswith(("法院", "检察院")) and head[:-len(suf)] in GOV_PREFIX
    ministry = body and head[:2] not in GENERIC
    if tag == "nt" or head in STANDALONE_ORGS or court or ministry:
        return True
    if tag == "j" and w[-1] in J_ORG_END:
        return True
    return len(head) >= 3 and len(head) > len(suf) and head_tag not in ("n", "vn", "l")


PURPOSE_BODIES = ("领导小组", "工作小组", "协调小组", "指挥部")  # 防汛救灾 + 领导小组: named by its task
RARE_NT = 3  # jieba's dictionary holds phrases tagged nt with this frequency that name nothing


def _government_of(lead: str) -> SpanType | None:
    """What 阿根廷 + 政府 names: a place (as news annotation has it) or a person (克林顿政府)."""
    tag = tag_table().get(lead)
    if lead in words("not_places.txt"):  # 两国政府, 各国政府: no country named
        return None
    if tag == "ns" or lead in COUNTRY_ABBR or lead in place_names():
        return SpanType.PLACE
    if tag in PERSON_TAGS:
        return SpanType.PERSON
    return None


BODY_ENDS = frozenset("局厅署委部院")
SITUATIONS = words("situations.txt")  # 局 as a state of affairs, not a bureau
NOT_BODIES = words("not_bodies.txt")


def _place_body(toks: list[Token], k: int, head: str, tag: str) -> bool:
    if len(head) == 3 and head[-1] in "部局署" and tag == "n" and _not_a_hall(head):
        return True  # 教育部, 林业局, 应急 + 管理部: a ministry or bureau (not 宴会厅, a hall; not 开好局)
    if len(head) < 3 or head[-1] not in BODY_ENDS or tag not in ("n", "j", "l") or k < 1:
        return False
    return _place_right_before(toks, k)


def _not_a_hall(head: str) -> bool:
    return head not in NOT_BODIES and head[-2:] not in SITUATIONS


def _place_right_before(toks: list[Token], k: int) -> bool:
    """北京市 + 消防局: a place written right before the token."""
    pw, _, pe, ptag = toks[k - 1]
    return (ptag == "ns" or pw in place_names()) and pe == toks[k][START]


def _weak_lead(tok: tuple[str, int, int, str], nxt: tuple[str, int, int, str]) -> bool:
    """A word before an organisation's name that is not part of it: 原 + 中国书法研究院, 同期 + 中央银行. A
    common character before a rare word is the start of a name (红 + 石崖 + 街道党工委), a rare one too
    (苘 + 山镇漆包线厂)."""
    w, _, _, tag = tok
    if w in GOV_PREFIX or tag in NAME_TAGS or tag == "j":
        return False
    if len(w) == 1:
        return word_freq(w) >= COMMON_FREQ * 2 and (nxt[3] in NAME_TAGS or word_freq(nxt[0]) >= COMMON_FREQ // 5)
    return (tag == "b" and w not in ("中级", "高级")) or tag == "l"


def _org_chain(toks: list[Token], k: int, head: str, end: int, suf: str,
               specific: bool = False) -> Span | None:
    """Extend a suffix token leftwards over name parts: 区 + 发改 + 局, 青岛 + 董家口 + 经济区 + 工委."""
    j = _chain_start(toks, k, head, suf)
    while j < k and _weak_lead(toks[j], toks[j + 1]):
        j += 1  # 原 + 中国书法研究院, 同期 + 中央银行: a word before the name, not part of it
    if j == k:
        return None
    return _chain_span(toks[j:k + 1], head, end, suf, specific)


def _chain_start(toks: list[Token], k: int, head: str, suf: str) -> int:
    """How far left the name before the suffix token runs."""
    j = k
    length = len(head)
    while j - 1 >= 0:
        pw, _, _, ptag = toks[j - 1]
        if _breaks_chain(toks, j, k, head, suf) or _function_word(toks, j, k, head, length):
            break
        if not _fits_chain(pw, ptag, head, length):
            break
        j -= 1
        length += len(pw)
        if pw in GOV_PREFIX and len(pw) == 1:
            break
        if ptag == "nt" and j >= 1 and toks[j - 1][TAG] != "ns" and toks[j - 1][WORD] not in GOV_PREFIX:
            break  # 中科院 + 海洋 + 大 + 科学研究 + 中心: a named body starts the chain (not 充分发挥 before it)
    return j


def _breaks_chain(toks: list[Token], j: int, k: int, head: str, suf: str) -> bool:
    """The word before ``toks[j]`` cannot be part of the name: not adjacent, not Chinese, a stop word, a
    generic word (but 工作 + 领导小组), or the place's own character (即墨 + 区 + 区委)."""
    pw, _, pe, _ = toks[j - 1]
    if pe != toks[j][START] or not HAN.match(pw) or pw in STOP_PARTS:
        return True
    if pw in GENERIC and pw not in GOV_PREFIX and not (pw == "工作" and suf in PURPOSE_BODIES):
        return True
    return j == k and pw == head[:1]


_FUNCTION_TAGS = ("v", "d", "p", "c", "u", "r", "m", "q", "t", "f")


def _function_word(toks: list[Token], j: int, k: int, head: str, length: int) -> bool:
    """A verb, adverb, preposition … before the name ends it, unless glued to it as names are: a measure
    word after a noun, a one-character verb in a short name (区发改局), a two-character verb before a
    one-character suffix (发改/v + 局)."""
    pw, _, _, ptag = toks[j - 1]
    if not ptag.startswith(_FUNCTION_TAGS) or pw in GOV_PREFIX or ptag == "vn":
        return False
    measure = ptag == "q" and len(pw) == 1 and j - 2 >= 0 and toks[j - 2][TAG] in ("n", "ns", "nz", "nr")
    short_verb = len(pw) == 1 and ptag in ("v", "ng", "vg", "a", "ag") and length + 1 <= 3
    if measure or short_verb:
        return False
    return not (len(pw) >= 2 and ptag == "v" and j - 1 == k - 1 and len(head) == 1)


def _fits_chain(pw: str, ptag: str, head: str, length: int) -> bool:
    """Not too long, and no person's name in it (but a transliterated one before 公司/集团: 劳拉公司)."""
    if length + len(pw) > MAX_ORG:
        return False
    if ptag not in PERSON_TAGS and ptag != HMM_NAME:
        return True
    return head in ("公司", "集团") and len(pw) >= 2 and all(ch in TRANSLIT for ch in pw)


def _chain_span(chain: list[Token], head: str, end: int, suf: str, specific: bool) -> Span | None:
    names = [t[WORD] for t in chain[:-1]]
    if len(suf) == 1 and len(head) == 1 and len(names) == 1 and names[0] in GOV_PREFIX:
        return None  # 区局, 市会: too vague
    named = _named_chain(chain, names)
    if specific and not named and len(chain) > 2:  # 应急 + 管理部; not 财务危机 + 传言 + 港 + 金管局
        chain = chain[-2:]
        names = names[-1:]
    if not named and not specific and not _specific_suffix(head, suf):
        return None  # 保险公司, 出版社: a kind of organisation, not a named one
    if any(len(t[WORD]) == 1 and t[TAG] in ("v", "vg") for t in chain[:-1]) and names[0] not in GOV_PREFIX:
        return None
    return Span(chain[0][START], end, SpanType.ORGANIZATION, "".join(names) + head)


def _named_chain(chain: list[Token], names: list[str]) -> bool:
    """A name in the chain: a tagged proper noun, a known organisation (央视 + 综合 + 频道), a level of
    government, or a place's word (红石崖街道 + 党工委)."""
    places = ordered("place_suffixes.txt")
    known = words("known_orgs.txt")
    if any(t[TAG] in NAME_TAGS or t[WORD] in known for t in chain[:-1]) or names[0] in GOV_PREFIX:
        return True
    return any(t[WORD] in places and len(t[WORD]) >= 2 for t in chain[1:-1])


def _specific_suffix(head: str, suf: str) -> bool:
    return (len(head) > len(suf) and len(suf) >= 2) or suf in PURPOSE_BODIES
