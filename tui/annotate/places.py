"""Places: jieba's place tags filtered of common nouns, known places, and names composed with 街道/镇/村 …"""

from __future__ import annotations

from functools import cache

from tui.annotate.abbreviations import PLACE_FIRST_CHARS, token_abbreviation
from tui.annotate.lexicon import division_stems, ordered, place_names, words
from tui.annotate.persons import SPEECH, person_shape
from tui.annotate.segment import tag_table, word_freq
from tui.annotate.tokens import END, HMM_NAME, START, TAG, WORD, Token, word_at
from tui.annotate.vocab import COMMON_FREQ, GENERIC, HAN, LEADER_TITLES, NUMERAL_CHARS, PLACE_END, STOP_PARTS
from tui.model import Span, SpanType

CURRENCIES = tuple(words("currencies.txt"))


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


def find_places(toks: list[Token]) -> list[Span]:
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
            out.append(Span(s, e - 2, SpanType.PLACE, w[:-2]))
            continue
        if tag == "ns" and w.endswith(CURRENCIES):  # 挪威克朗 is money, not a place
            continue
        if tag == "ns" and _tagged_place(toks, k, not_places):
            # ns followed directly by a place suffix word: 青岛 + 港, 灵山 + 湾
            if k + 1 < len(toks) and _suffixed(w, toks[k + 1][WORD], place_suffixes):
                out.append(Span(s, toks[k + 1][END], SpanType.PLACE, w + toks[k + 1][WORD]))
            else:
                out.append(Span(s, e, SpanType.PLACE, w))
            continue
        road = w in ("路", "街") and k >= 1 and _proper_noun(toks[k - 1])  # 文汇 + 路: a road named by a proper noun
        if ((len(w) >= 2 and w in place_suffixes) or w in ("镇", "乡", "村") or road) and k >= 1:  # 董家口 + 经济区
            j = k
            length = 0
            while j - 1 >= 0 and length < 4:
                pw, _, _, ptag = toks[j - 1]
                if length + len(pw) > 4 or not _place_name_part(pw, ptag):
                    break
                j -= 1
                length += len(pw)
            if j < k and 2 <= length <= 4:
                out.append(Span(toks[j][START], e, SpanType.PLACE, "".join(t[WORD] for t in toks[j:k + 1])))
    return out


@cache
def _divisions() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """China's administrative divisions (data/divisions.txt), their stems before 市/县/区 (a county-level
    city that became a district keeps its stem: 即墨市 → 即墨区), and the characters they end with."""
    names = words("divisions.txt")
    stems = frozenset(n[:-1] for n in names if n[-1] in "市县区" and len(n) >= 3)
    return names, stems, frozenset(n[-1] for n in names)


def is_division(name: str) -> bool:
    return name in _divisions()[0]


def _tagged_place(toks: list[Token], k: int, not_places: frozenset[str]) -> bool:
    """A word tagged ns that is a place: Chinese, not a common noun (城市, 重大意义), and not a name that a
    leader's title stands beside (a person jieba took for a place)."""
    w = toks[k][WORD]
    if not HAN.match(w) or w in not_places or len(w) < 2 or _two_common_words(w):
        return False
    titled = word_at(toks, k + 1) in LEADER_TITLES or (k >= 1 and toks[k - 1][WORD] in LEADER_TITLES)
    if titled and person_shape(w):
        return False
    return not (word_at(toks, k + 1) in SPEECH and _tag_alone(w))


def _tag_alone(w: str) -> bool:
    """A place by jieba's tag alone: on none of our lists and not ending like a place. Such a word before a
    speech verb (普京表示, 普京说) is someone speaking; a country (中国表示) or a city stays a place."""
    return w not in place_names() and w[-1] not in PLACE_END and not is_division(w) and w not in division_stems()


def _suffixed(w: str, nxt: str, place_suffixes: tuple[str, ...]) -> bool:
    """青岛 + 港, 灵山 + 湾: a suffix word after the place is part of its name. 区 and 市 only where the two
    are no division (大湾 + 区 of 粤港澳大湾区: 大湾 alone was the 53rd place of the 24k archive); a division
    (即墨 + 区) is ``division_places``' to find."""
    if nxt not in place_suffixes:
        return False
    return nxt not in ("区", "市") or not (is_division(w + nxt) or w in division_stems())


def _proper_noun(tok: Token) -> bool:
    return tok[TAG] in ("nr", "nrt", "nz", "ns", HMM_NAME) and 2 <= len(tok[WORD]) <= 3


_NOT_IN_PLACE = ("p", "c", "u", "m", "r", "d", "f")  # tags of words no place name holds
_NOT_IN_PLACE_LONG = ("v", "t", "a", "l", "i", "b")  # … when two characters or more (红 + 石崖 + 街道 stays)


def _place_name_part(pw: str, ptag: str) -> bool:
    """A word that can stand in a place's name before its suffix (董家口 + 经济区): Chinese, not a stop word,
    generic word, numeral, function word or common noun (数字 + 新区)."""
    if not HAN.match(pw) or pw in STOP_PARTS or pw in GENERIC or pw[0] in NUMERAL_CHARS:
        return False
    if ptag.startswith(_NOT_IN_PLACE) or (len(pw) >= 2 and ptag.startswith(_NOT_IN_PLACE_LONG)):
        return False
    return not (ptag == "n" and len(pw) >= 2 and word_freq(pw) >= COMMON_FREQ)


def division_places(toks: list[Token]) -> list[Span]:
    """市南区, 即墨 + 区, 称多 + 县: an administrative division, whatever jieba's tag or cut, found as one to
    three whole tokens (so never inside a longer word: 和平 + 区域 is no 和平区); a stem with another
    suffix only where the suffix is a token of its own (即墨 + 区, not 大 + 城市 for 大城县)."""
    names, stems, last = _divisions()
    out: list[Span] = []
    taken = -1
    for j, (w, _, e, _) in enumerate(toks):
        if w[-1] not in last:
            continue  # most tokens: a division ends in 市, 县, 区, 旗 …
        best = None
        name = ""
        for i in range(j, max(-1, j - 3), -1):  # the longest name ending here
            name = toks[i][WORD] + name
            if len(name) > 9:
                break
            if name in names or (i < j and w in ("市", "县", "区") and name[:-1] in stems):
                best = i
        if best is not None and toks[best][START] >= taken:
            out.append(Span(toks[best][START], e, SpanType.PLACE, "".join(t[WORD] for t in toks[best:j + 1])))
            taken = e
    return out
