"""Development zones, parks and districts of a plan named after a place: 灵山湾 + 影视文化 + 产业区,
唐岛湾 + 金融 + 科创区, 中 + 德 + 生态园. Policy pages name dozens of them, and jieba knows none.

A zone or park is an organisation (a product decision, README "Typing decisions"): in these texts it
acts, sets targets, signs and invests (苏州工业园区, 洋山保税港区, 中关村软件园). A new town (新城) is a
place, as an administrative new district (浦东新区) is; the place a zone is named after, standing alone,
stays a place.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence

from tui.annotate.lexicon import words
from tui.annotate.tokens import HMM_NAME, UNKNOWN, Token
from tui.model import Span, SpanType

BUILDINGS = tuple(sorted(words("buildings.txt"), key=len, reverse=True))  # 大剧院 before 剧院
_KINDS = (r"(?:产业|科技|软件|工业|生态)园区?|产业区|商务区|科创区|功能区|示范区|开发区|经济区|高新区|园区|保税港区|保税区|"
          r"综保区|自贸区|自贸片区|片区|试验区")  # 科技园区 before 科技园: the longer where both end a word
_VENUES = ("新城",) + BUILDINGS  # a new town, and a building or venue, named after a place: places
_ZONE = re.compile(r"[\u4e00-\u9fff]{0,8}?(?:" + _KINDS + "|" + "|".join(_VENUES) + ")")
_ZONE_WORD = re.compile(r"[区园城" + "".join({b[-1] for b in BUILDINGS}) + "]")
_NOT_IN_NAME = frozenset("的和与及在将是了把被对为等其这那有也都就要从向到于并或")  # a sentence, not a name
_NOT_NOUN = ("v", "d", "p", "c", "u", "r", "m", "q", "t", "f")
_PROPER = frozenset({"ns", "nr", "nz", "nrt"})  # 洋山/ns, 张江/nr: a name jieba knows, not kept as a place
_UNKNOWN = frozenset({UNKNOWN, HMM_NAME})  # entities.guess_tag's tags for an HMM word
_KIND_AT = re.compile(_KINDS)


def zone_names(text: str, toks: list[Token], spans: list[Span], unknown: Sequence[Token] = ()) -> list[Span]:
    """A place (or places written together: 中 + 德), or a proper noun no rule kept as a place, followed
    within eight characters by a zone's word, the zone ending where a word does; and a word jieba's HMM
    found that its dictionary does not know, followed directly by one (洋山 + 保税港区, 张江高 + 科技园区).
    ``toks`` is the plain cut, ``unknown`` the HMM cut's tokens."""
    if not _ZONE_WORD.search(text):
        return []  # most texts name no zone: no sets built for them
    ends = {e for _, _, e, _ in toks}
    verbish = [s for _, s, _, tag in toks if tag.startswith(_NOT_NOUN) and tag != "vn"]  # 丰台区政府 + 推动 + 商务区
    places = sorted((sp for sp in spans if sp.type == SpanType.PLACE), key=lambda sp: sp.start)
    place_starts = [sp.start for sp in places]
    out: list[Span] = []
    anchors = [(s, e, False) for s, e in _anchors(places, toks)]
    anchors += [(s, e, True) for w, s, e, tag in unknown if tag in _UNKNOWN and len(w) >= 2]
    for start, end, direct in anchors:
        m = _ZONE.match(text, end)
        if m is None or m.end() not in ends or _NOT_IN_NAME.intersection(m.group(0)):
            continue
        if _any_between(verbish, end, m.end()) or _any_between(place_starts, end, m.end()):
            continue  # a verb between (丰台区政府 + 推动 + 商务区); 崂山区 + 青岛市 …: the nearer place
        if direct and not _KIND_AT.match(text, end):
            continue  # an unknown word names a zone only right before the zone's word
        kind = SpanType.PLACE if m.group(0).endswith(_VENUES) else SpanType.ORGANIZATION
        out.append(Span(start, m.end(), kind, text[start:m.end()]))
    return out


def _anchors(places: list[Span], toks: list[Token]) -> list[tuple[int, int]]:
    """Where a zone's name may start and its place part end: each place, one-character places written
    together joined (中 + 德; not 崂山区 + 青岛市), and each proper noun of two or more characters that is
    not inside a place."""
    out: list[tuple[int, int]] = []
    i = 0
    while i < len(places):
        start, end = places[i].start, places[i].end
        while (i + 1 < len(places) and places[i + 1].start == end and end - places[i].start == 1
               and len(places[i + 1].text) == 1):  # 中 + 德: abbreviations; not 崂山区 + 青岛市
            i += 1
            end = places[i].end
        out.append((start, end))
        i += 1
    covered = {k for sp in places for k in range(sp.start, sp.end)}
    out += [(s, e) for w, s, e, tag in toks if tag in _PROPER and len(w) >= 2 and s not in covered]
    return out


_ZONE_END = re.compile(r"(?:" + _KINDS + r")$")


def zone_body(span: Span) -> Span:
    """A place span that names a zone or park is an organisation (the typing decision above)."""
    if span.type == SpanType.PLACE and _ZONE_END.search(span.text):
        return Span(span.start, span.end, SpanType.ORGANIZATION, span.text, span.value, span.unit)
    return span


def _any_between(positions: list[int], lo: int, hi: int) -> bool:
    """Whether a sorted list holds a position in [lo, hi): a binary search, so a long text stays linear."""
    k = bisect_left(positions, lo)
    return k < len(positions) and positions[k] < hi


def unknown_places(toks: list[Token], known: dict[str, str]) -> list[Span]:
    """唐岛湾: a word jieba's HMM held together that its dictionary does not know, ending in 湾, 岛, 港 …
    (tagged ns by shape, ``entities.guess_tag``)."""
    return [Span(s, e, SpanType.PLACE, w) for w, s, e, tag in toks
            if tag == "ns" and w not in known and w[0] not in _NOT_IN_NAME]  # not 为 + 喀岛
