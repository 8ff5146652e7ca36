"""Persons, places and organisations in news text, starting from jieba and made precise by rules.

``find_entities`` runs a ``Sentence`` (the text and jieba's two cuts) through ``PASSES``, an ordered tuple of
module-level functions with one signature: finders add what one rule family finds (``persons``,
``organizations``, ``places`` …), settlers rewrite the list (a place before an organisation names it,
中国 + 全国政协; overlaps go to the longer, then to organisation over place over person). To add a rule,
write a pass and put it in its place in the tuple.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from tui.annotate.abbreviations import abbreviation_places
from tui.annotate.foreign_names import transliterated
from tui.annotate.organizations import find_orgs, known_orgs_in
from tui.annotate.persons import find_persons, person_shape
from tui.annotate.places import division_places, find_places, is_division
from tui.annotate.segment import tag_table, tagged_pair
from tui.annotate.spans import non_overlapping
from tui.annotate.tokens import Sentence, Token
from tui.annotate.vocab import HAN, STANDALONE_ORGS
from tui.annotate.zones import BUILDINGS, unknown_places, zone_body, zone_names
from tui.model import Span, SpanType

_PRIORITY = {SpanType.ORGANIZATION: 3, SpanType.PLACE: 2, SpanType.PERSON: 1}


def find_entities(text: str) -> list[Span]:
    """Persons, places and organisations in one text: its ``Sentence`` through every pass, in order."""
    if not text or not any("\u4e00" <= ch <= "\u9fff" for ch in text):
        return []
    tags = tag_table()
    tagged, plain = tagged_pair(text, tags, guess_tag)
    sentence = Sentence(text, tagged, plain, tags)
    spans: list[Span] = []
    for step in PASSES:
        spans = step(sentence, spans)
    return spans


# ---- the passes: each takes the sentence and the spans so far and returns the spans so far ------------
# Finders add what one rule family finds (later finders read what earlier ones found); settlers then
# rewrite the list (join, retype, choose among overlaps). The order is the pipeline's meaning.

def organisations(s: Sentence, spans: list[Span]) -> list[Span]:
    """Suffix-composed and known organisations, a body right after its parent joined (国务院 + 港澳办)."""
    return spans + _nested_orgs(find_orgs(s.plain) + known_orgs_in(s.text, s.plain))


def tagged_places(s: Sentence, spans: list[Span]) -> list[Span]:
    """jieba's places filtered of common nouns, roads and suffixed names (青岛 + 市, 文汇 + 路)."""
    return spans + find_places(s.plain)


def divisions(s: Sentence, spans: list[Span]) -> list[Span]:
    """China's administrative divisions jieba does not know (市南区, 即墨 + 区)."""
    return spans + division_places(s.plain)


def abbreviations(s: Sentence, spans: list[Span]) -> list[Span]:
    """One-character countries in context (访华, 中美, 中方)."""
    return spans + abbreviation_places(s.text, s.plain)


def unknown_words_as_places(s: Sentence, spans: list[Span]) -> list[Span]:
    """Unknown words that end like a place (唐岛湾)."""
    return spans + unknown_places(s.tagged, s.tags)


def persons(s: Sentence, spans: list[Span]) -> list[Span]:
    """Names by surname, title, byline, speech verb and transliteration (局长唐晓城, 科菲·安南)."""
    return spans + find_persons(s.text, s.tagged)


def repeated_names(s: Sentence, spans: list[Span]) -> list[Span]:
    """A name proved once is a name where it recurs (局长李金国 … 李金国在讲话中)."""
    return spans + _repeated_names(s.text, spans)


def levelled_names(s: Sentence, spans: list[Span]) -> list[Span]:
    """A transliterated name written with a level after it is a place, there and wherever it recurs
    (曼德勒市 … 曼德勒部分建筑倒塌)."""
    return _levelled_names(s.text, spans)


def branches(s: Sentence, spans: list[Span]) -> list[Span]:
    """A branch or department after its organisation is part of it (交通银行深圳分行)."""
    return spans + _branches(s.text, s.plain, spans)


def sessions(s: Sentence, spans: list[Span]) -> list[Span]:
    """An elected body's term is part of its name (第二届全国人民代表大会)."""
    return spans + _sessions(s.text, spans)


def zones(s: Sentence, spans: list[Span]) -> list[Span]:
    """A zone or park named after a place is one organisation (灵山湾影视文化产业区); a new town one place;
    and a zone another rule read as a place (董家口经济区, 青岛开发区) is an organisation too."""
    return [zone_body(sp) for sp in spans] + zone_names(s.text, s.plain, spans, s.tagged)


def place_led(s: Sentence, spans: list[Span]) -> list[Span]:
    """A place right before an organisation names it (美国 + 商务部, 即墨区 + 区委)."""
    return _place_led_orgs(spans)


def named_after(s: Sentence, spans: list[Span]) -> list[Span]:
    """An institution after a foreign name is named after that person (约翰斯·霍普金斯 + 大学)."""
    return _named_after(spans)


def overlaps(s: Sentence, spans: list[Span]) -> list[Span]:
    """Buildings are places; of overlapping spans the longest wins, then organisation, place, person."""
    return _resolve(spans)


def teams(s: Sentence, spans: list[Span]) -> list[Span]:
    """A name with 队 after it is a team (马拉加队)."""
    return _teams(s.text, spans)


def fixtures(s: Sentence, spans: list[Span]) -> list[Span]:
    """Names on either side of a fixture are clubs (维拉vs富勒姆)."""
    return _sports_teams(s.text, spans)


Pass = Callable[[Sentence, list[Span]], list[Span]]
PASSES: tuple[Pass, ...] = (
    organisations, tagged_places, divisions, abbreviations, unknown_words_as_places, persons,
    repeated_names, levelled_names, branches, sessions, zones,
    place_led, named_after, overlaps, teams, fixtures,
)


_BRANCH = re.compile(r"(?:分行|支行|分公司|子公司|分局|分社|分院|分会|办事处|营业部|股份有限公司|有限公司)")
_LATIN_FIRM = re.compile(r"(?<![A-Za-z0-9])[A-Za-z][A-Za-z0-9&.\-]{1,24}(?:公司|集团)")  # Valve公司, THQ公司
_SCHOOLS = ("大学", "学院")


def _branches(text: str, toks: list[Token], spans: list[Span]) -> list[Span]:
    """交通银行 + 深圳 + 分行, 渣打银行 + （香港） + 有限公司, 清华大学 + 心理学系: a branch, a local company or
    a department written right after its organisation (with its place between) is one organisation, as news
    annotation has it. So is a company named in Latin letters (Valve公司)."""
    places = {sp.start: sp.end for sp in spans if sp.type == SpanType.PLACE}
    tok_at = {s: (w, tag) for w, s, _, tag in toks}
    out = [Span(m.start(), m.end(), SpanType.ORGANIZATION, m.group(0)) for m in _LATIN_FIRM.finditer(text)]
    for sp in spans:
        if sp.type != SpanType.ORGANIZATION:
            continue
        at = places.get(sp.end, sp.end)
        if text[sp.end:sp.end + 1] in ("（", "(") and sp.end + 1 in places:  # 渣打银行（香港）有限公司
            close = places[sp.end + 1]
            at = close + 1 if text[close:close + 1] in ("）", ")") else at
        m = _BRANCH.match(text, at)
        if m:
            out.append(Span(sp.start, m.end(), SpanType.ORGANIZATION, text[sp.start:m.end()]))
            continue
        w, tag = tok_at.get(sp.end, ("", ""))
        if sp.text.endswith(_SCHOOLS) and len(w) >= 3 and w.endswith(("系", "学院")) and tag in ("n", "nz", "new"):
            out.append(Span(sp.start, sp.end + len(w), SpanType.ORGANIZATION, sp.text + w))
    return out


_SESSION = re.compile(r"第?[一二三四五六七八九十0-9０-９]{1,3}届$")
_ELECTED = ("代表大会", "人大", "委员会", "常委会", "政协", "中常会", "政治协商会议", "党代会", "议会")  # bodies with terms


def _sessions(text: str, spans: list[Span]) -> list[Span]:
    """第二届 + 全国人民代表大会, 政协 + 第八届 + 全国委员会: the numbered term of an elected body belongs to
    its name, and so does the body written before the term (not a games' or a fair's: 第十八届 + 亚足联 …)."""
    orgs_by_end = {sp.end: sp for sp in spans if sp.type == SpanType.ORGANIZATION}
    out = []
    for sp in spans:
        if sp.type != SpanType.ORGANIZATION or not sp.text.endswith(_ELECTED):
            continue
        m = _SESSION.search(text, max(0, sp.start - 5), sp.start)
        if m is None:
            continue
        parent = orgs_by_end.get(m.start())
        if parent is not None and parent.text.endswith(("行政区", "共和国")):
            parent = None  # 香港特别行政区 + 第九届全国人大: the region's deputies, not a body of the region
        start = parent.start if parent is not None else m.start()
        out.append(Span(start, sp.end, SpanType.ORGANIZATION, text[start:sp.end]))
    return out


def _place_led_orgs(spans: list[Span]) -> list[Span]:
    """中国 + 全国政协, 美国 + 商务部: a place written right before an organisation names it (one span, as
    with 青岛董家口经济区工委). Before a bare committee only a local place does: 薛埠镇 + 党委, 吉林 + 省委
    (吉林省), 即墨区 + 区委; 中国 + 党中央 stays two."""
    return _org_after(spans, lambda sp: sp.type == SpanType.PLACE and len(sp.text) >= 2, _names_its_body)


_LOCAL = frozenset("省市县区镇乡村旗")
NATIONAL_BODIES = frozenset({"党中央", "国会", "内阁", "海军", "空军", "陆军"})  # no place before them names them


def _names_its_body(place: Span, org: Span) -> bool:
    if "·" in org.text:
        return False  # 美国 + 约翰斯·霍普金斯大学: named after a person, not after the place
    if org.text not in STANDALONE_ORGS:
        return True
    return org.text not in NATIONAL_BODIES and (place.text[-1] in _LOCAL or is_division(place.text + org.text[0]))


def _org_after(spans: list[Span], lead: Callable[[Span], bool], ok: Callable[[Span, Span], bool]) -> list[Span]:
    """The spans, plus one organisation for each span ``lead`` accepts that an organisation follows directly,
    where ``ok(span, organisation)``; the resolver then keeps the longer."""
    starts = {sp.start: sp for sp in spans if sp.type == SpanType.ORGANIZATION}
    out = list(spans)
    for sp in spans:
        org = starts.get(sp.end) if lead(sp) else None
        if org is not None and ok(sp, org):
            out.append(Span(sp.start, org.end, SpanType.ORGANIZATION, sp.text + org.text))
    return out


_VERSUS = re.compile(r"\s*(?:[vV][sS]\.?|v\.s\.|对阵)\s*")
_BEAT = re.compile(r"(?:战胜|逼平|战平|击败|负于|不敌|输给|完胜|轻取|力克|迎战|做客|憾负|淘汰|横扫)")


_NOT_TEAM_NEXT = frozenset("员长伍列形部")  # 队员, 队长, 队伍: the team's people, not its name


def _teams(text: str, spans: list[Span]) -> list[Span]:
    """马拉加队, 拉科鲁尼亚队: a name written with 队 right after it is a team, one organisation (as news
    annotation has 中国队, 辽宁队), whatever the name alone is; 中国队员 stays a place and a word."""
    out = []
    for sp in spans:
        if (sp.type in (SpanType.PERSON, SpanType.PLACE) and text[sp.end:sp.end + 1] == "队"
                and text[sp.end + 1:sp.end + 2] not in _NOT_TEAM_NEXT):
            out.append(Span(sp.start, sp.end + 1, SpanType.ORGANIZATION, sp.text + "队"))
        else:
            out.append(sp)
    return out


def _sports_teams(text: str, spans: list[Span]) -> list[Span]:
    """维拉vs富勒姆, 罗马德比战胜拉齐奥: the names on either side of a fixture are clubs, organisations, not the
    person or place the name alone suggests; the same name elsewhere in the text too. Around a verb of
    winning or losing only a transliterated name is taken for a club: Chinese names there are players
    (邵炜刚胜聂卫平) and countries are national teams, which news annotation keeps as places."""
    versus = list(_VERSUS.finditer(text))
    beat = list(_BEAT.finditer(text))
    if not versus and not beat:
        return spans
    by_end = {sp.end: sp for sp in spans}
    by_start = {sp.start: sp for sp in spans}
    teams: set[str] = set()
    for m in versus + beat:
        for sp in (by_end.get(m.start()), by_start.get(m.end())):
            if sp is None or sp.type not in (SpanType.PERSON, SpanType.PLACE):
                continue
            if m.re is _VERSUS or (sp.type == SpanType.PERSON and len(sp.text) >= 2 and transliterated(sp.text)):
                teams.add(sp.text)
    if not teams:
        return spans
    return [Span(sp.start, sp.end, SpanType.ORGANIZATION, sp.text) if sp.text in teams and sp.type in (SpanType.PERSON, SpanType.PLACE)
            else sp for sp in spans]


def _named_after(spans: list[Span]) -> list[Span]:
    """梅纽因 + 音乐学校, 约翰斯·霍普金斯 + 大学: an institution written right after a foreign name is named
    after that person. Only transliterated names: a Chinese name before an organisation is far more often
    its subject (韩正在清华大学 …), which the rules cannot tell apart."""
    return _org_after(spans, lambda sp: sp.type == SpanType.PERSON and (transliterated(sp.text) or "·" in sp.text),
                      lambda _, org: len(org.text) <= 6)


def _nested_orgs(orgs: list[Span]) -> list[Span]:
    """国务院 + 港澳办, 联合国 + 难民署: a body named right after its parent is one organisation."""
    out = sorted(orgs, key=lambda sp: (sp.start, -sp.end))
    merged: list[Span] = []
    for sp in out:
        if merged and merged[-1].end == sp.start and _parent_and_body(merged[-1], sp):
            prev = merged.pop()
            merged.append(Span(prev.start, sp.end, SpanType.ORGANIZATION, prev.text + sp.text))
        else:
            merged.append(sp)
    return merged


def _parent_and_body(parent: Span, body: Span) -> bool:
    """Two organisations that make one; not two committees side by side (工委 + 区委)."""
    both = parent.type == body.type == SpanType.ORGANIZATION
    return both and parent.text not in STANDALONE_ORGS and body.text not in STANDALONE_ORGS


def _repeated_names(text: str, spans: list[Span]) -> list[Span]:
    """A name the context proved once (局长李金国) is the same person where it recurs (李金国在讲话中)."""
    names = {sp.text for sp in spans if sp.type == SpanType.PERSON and len(sp.text) >= 2}
    out: list[Span] = []
    for name in names:
        start = text.find(name)
        while start >= 0:
            out.append(Span(start, start + len(name), SpanType.PERSON, name))
            start = text.find(name, start + len(name))
    return out


_LEVELS = "市省州"


def _levelled_names(text: str, spans: list[Span]) -> list[Span]:
    places = {sp.text for sp in spans if sp.type == SpanType.PERSON and _level_after(text, sp.end)
              and len(sp.text) >= 2 and transliterated(sp.text)}
    if not places:
        return spans
    out = []
    for sp in spans:
        if sp.type != SpanType.PERSON or sp.text not in places:
            out.append(sp)
            continue
        end = sp.end + 1 if _level_after(text, sp.end) else sp.end
        out.append(Span(sp.start, end, SpanType.PLACE, text[sp.start:end]))
    return out


def _level_after(text: str, at: int) -> bool:
    return at < len(text) and text[at] in _LEVELS


def guess_tag(word: str) -> str:
    """A tag for a word jieba's HMM found but its dictionary does not know."""
    if not HAN.match(word):
        return "x"
    if len(word) >= 3 and word[-1] in "湾岛港湖镇县村":  # 唐岛湾: a place jieba does not know
        return "ns"
    if person_shape(word):
        return "nr?"
    return "new"


def _resolve(spans: list[Span]) -> list[Span]:
    spans = [Span(sp.start, sp.end, SpanType.PLACE, sp.text) if sp.type == SpanType.ORGANIZATION and sp.text.endswith(BUILDINGS)
             else sp for sp in spans]  # 人民大会堂, 中国美术馆: a building is a place one goes to
    return non_overlapping(spans, lambda sp: -_PRIORITY[sp.type])
