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

from tui.annotate.abbreviations import SIDE
from tui.annotate.foreign_names import dotted_names, joined_foreign_names, transliterated, whole_foreign_name, with_cut_head
from tui.annotate.lexicon import division_stems, place_names, surnames, with_role, words
from tui.annotate.segment import tag_table, word_freq
from tui.annotate.tokens import END, FOREIGN_NAME_TAGS, HMM_NAME, NOT_HAN, START, TAG, UNKNOWN, WORD, Token, word_at
from tui.annotate.vocab import COMMON_FREQ, GENERIC, HAN, J_ORG_END, LEADER_TITLES, PERSON_TAGS, PLACE_END, STOP_PARTS, TRANSLIT
from tui.model import Span, SpanType

ABSTRACT_ENDS = set("化性型度率式")  # 高端化, 高水平…: abstract nouns jieba takes for names
DOCTRINE = ("理论", "思想", "主义", "同志")
_DOCTRINE_TAILS = frozenset(d[-2:] for d in DOCTRINE)
TITLES = with_role("titles.txt", "title")
FOREIGN_LEADERS = with_role("titles.txt", "foreign")
BUSINESS = words("business_words.txt")
HONORIFICS = words("honorifics.txt")
SPEECH = words("speech_verbs.txt")
_NAME_TAGS = PERSON_TAGS | {HMM_NAME}
_TITLED_TAGS = frozenset({"t", "ns", "nz", UNKNOWN, HMM_NAME, NOT_HAN})  # tags a titled name may carry
_FOREIGN_TITLED_TAGS = frozenset({"n", "nz", "nr", "nrt", HMM_NAME, UNKNOWN})
_NEXT_TRIGGERS = LEADER_TITLES | FOREIGN_LEADERS | set(DOCTRINE)  # a next word that lets a name rule fire
GIVEN_NAME_CHARS = 1500
NOT_NAME_END = set("作称时为同所处说表等在和与是的也都就型性站祠堂会委乡摄")  # 李飞+作, 普惠型
_BYLINE = re.compile(r"(?:记者|通讯员|实习生|主编|美编|审读|排版|校对|编辑|撰文|摄影)[ \u3000:：]+((?:[\u4e00-\u9fff·]{2,4}[ \u3000]*)+)")
_NAME = re.compile(r"[\u4e00-\u9fff·]{2,4}")
FUNCTION_SURNAMES = frozenset("和都连曾原向于从将与被把对以为及由")  # 和, 都, 曾 …: far more often words than surnames


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
    if len(word) != 3 or word[0] not in single or word[1] not in given_name_chars():
        return False
    return _given_char(word[2]) and word[2] not in J_ORG_END


def _given_char(ch: str) -> bool:
    """A character common in given names that does not end a verb phrase or a place (李飞 + 作, 青 + 山)."""
    return ch in given_name_chars() and ch not in NOT_NAME_END and ch not in PLACE_END


_AFTER_NAME = frozenset("的在是说也都就已曾又还将要能会")  # what follows a name that begins a clause
_NOT_GIVEN = _AFTER_NAME | frozenset("总中年月日时网")  # not 李总, 巴 + 将, 龙年, 成网


def _two_character_name(word: str, nxt: str) -> bool:
    """柳萍的 …, 王芳在 …, 高敏是 …: a surname and a common given-name character that jieba's HMM held
    together as an unknown word, followed by a particle or a verb's helper, is a person."""
    single, _ = surnames()
    if len(word) != 2 or word[0] not in single or nxt[:1] not in _AFTER_NAME:
        return False
    return _given_char(word[1]) and word[1] not in _NOT_GIVEN


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
    return frozenset(TITLES) | place_names(), frozenset(t for t in TITLES if len(t) == 2) | _DOCTRINE_TAILS


def _nickname(at: _At) -> list[Span] | None:
    """老汤, 小李: the surname names the person; not in a common word (全面小康: 102 persons 康 in the archive)."""
    w, s, e, tag = at.tok
    if len(w) == 2 and w[0] in "老小" and w[1] in surnames()[0] and (at.nxt in SPEECH or tag in PERSON_TAGS):
        return [Span(s + 1, e, SpanType.PERSON, w[1])] if word_freq(w) < COMMON_FREQ else []
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
    return HAN.match(w) is not None and w not in not_names and w not in GENERIC and not _clause_shaped(w)


_PRONOUNS = frozenset("我你您他她它咱")


def _clause_shaped(w: str) -> bool:
    """Words glued across a clause beside a title, 我愿同 (+ 总统先生), 时强调 (委员 +): no name starts with a
    pronoun or ends with a verb of speech (480 "persons" of the 24k archive, spread by the corpus pass)."""
    return w[0] in _PRONOUNS or (len(w) >= 3 and w[-2:] in SPEECH)


def _beside_a_title(at: _At) -> bool:
    return at.nxt in LEADER_TITLES or at.prev in LEADER_TITLES or (at.nxt in DOCTRINE and at.tok[TAG] not in ("n", "v"))


def _titled_name(at: _At) -> list[Span] | None:
    """国务委员罗干, 周恩来总理: the title proves it whatever jieba's tag."""
    w, s, e, tag = at.tok
    shaped = 2 <= len(w) <= 3 and person_shape(w) and _plain_name(w, at.not_names) and not _place_shaped(w)
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
    """称多县, 肯特郡: a name tag on a word that ends like a place; 巴勒斯坦人, 伊朗核, 蒙古国: one that
    starts with a listed place and goes on (a people, a country's programme), no person."""
    return len(w) >= 3 and (w[-1] in PLACE_END or w[-1] == "郡" or _listed_head(w) is not None)


def _listed_head(w: str) -> str | None:
    """The listed place a word of three characters or more starts with, one or two characters short of it."""
    names = place_names()
    return next((w[:-k] for k in (1, 2) if len(w) - k >= 2 and w[:-k] in names), None)


def _tagged_name(at: _At) -> list[Span] | None:
    """A word jieba's dictionary tags as a name: kept when foreign, transliterated or shaped like a Chinese
    name (and not counted: 个 + 人, 大 + 家)."""
    w, s, e, tag = at.tok
    if tag not in PERSON_TAGS or w in at.not_names or not HAN.match(w):
        return None
    if (head := _listed_head(w)) is not None:  # 巴勒斯坦 + 人, 伊朗 + 核: the place, no person
        return [Span(s, s + len(head), SpanType.PLACE, head)]
    if w[-1] in ABSTRACT_ENDS or _place_shaped(w) or w[:2] in at.not_names:  # 白鹭 + 飞
        return None
    foreign = (tag in FOREIGN_NAME_TAGS and len(w) >= 2) or (tag == "nr" and transliterated(w))
    chinese = person_shape(w) and (at.prev not in ("个", "大") or at.nxt in SPEECH)
    return [Span(s, e, SpanType.PERSON, w)] if foreign or chinese else []


def _hmm_name_in_context(at: _At) -> bool:
    w, prev, nxt = at.tok[WORD], at.prev, at.nxt
    by_title = prev in TITLES or prev[-2:] in TITLES or nxt in TITLES
    by_speech = nxt in SPEECH or prev == "、"
    return by_title or by_speech or _given_name_shape(w) or _two_character_name(w, nxt)


def _hmm_name(at: _At) -> list[Span] | None:
    """An unknown word the HMM held together that starts with a surname, in a name's context: after a
    title or a 、, before a speech verb, or shaped like a common given name."""
    w, s, e, tag = at.tok
    if tag != HMM_NAME or w in at.not_names or at.nxt in BUSINESS or not _hmm_name_in_context(at):
        return None
    if w[:2] in at.not_names:  # 白鹭 + 飞: a common noun and the verb after it
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


@cache
def _known_places() -> frozenset[str]:
    """Places the person rules must not take for names: the lists, and the stems of cities and counties
    that jieba's dictionary holds as names or not at all (宁德/nr, 墨脱), not as common words (友谊县, 资源县)."""
    tags = tag_table()
    stems = {st for st in division_stems() if tags.get(st, "nr") in PERSON_TAGS | {"ns", "nz"} and not _common_word(st)}
    return (place_names() | stems) - words("not_places.txt")


def _common_word(stem: str) -> bool:
    """友谊 (友谊县), 凤凰, 红旗: a county's stem that is a common word jieba mis-tags as a name, and that no
    person rule would take for one (no surname starts it). Listed, it read every 友谊 as a place (1,134
    mentions in the 24k archive, the 35th place); unlisted, it is what it is in the dictionary."""
    return word_freq(stem) >= COMMON_FREQ and tag_table().get(stem) in PERSON_TAGS and not person_shape(stem)


def find_persons(text: str, toks: list[Token]) -> list[Span]:
    """Persons in one sentence: the token rules, then bylines, dotted foreign names and transcript speakers,
    then each name made whole (a foreign name cut short, a third given-name character, a surname alone)."""
    out: list[Span] = []
    not_names = words("not_names.txt")
    known_places = _known_places()
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
    out += dotted_names(toks)
    out += _speakers(text, toks, not_names)
    starts: list[int] = []

    def in_other_word(pos: int) -> bool:  # inside a dictionary word with non-transliteration characters (日本)
        if not starts:
            starts.extend(t[START] for t in toks)  # only for the few texts with a foreign name to extend
        w = toks[bisect_right(starts, pos) - 1][WORD]
        return len(w) > 1 and not all(ch in TRANSLIT for ch in w) and word_freq(w) > 0

    out = [whole_foreign_name(text, with_cut_head(toks, _surname_only(sp)), in_other_word) for sp in out if not SIDE.match(sp.text)]
    return joined_foreign_names(text, _third_character(text, toks, out))



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
        two = sp.type == SpanType.PERSON and len(sp.text) == 2 and sp.text[0] in single
        if two and e in one_char and _third_given(text, e, names):
            sp = Span(sp.start, e + 1, SpanType.PERSON, text[sp.start:e + 1])
        out.append(sp)
    return out


def _third_given(text: str, e: int, names: frozenset[str]) -> bool:
    """The character at ``e`` ends a given name: a given-name character, with nothing Chinese after it."""
    ch = text[e]
    return ch in names and ch not in NOT_NAME_END and ch not in _NOT_THIRD and not HAN.match(text[e + 1:e + 2])


def _surname_only(span: Span) -> Span:
    """李老师, 王某, 张大娘: the surname is the name; the honorific is not (as news annotation has it)."""
    if span.type == SpanType.PERSON and span.text[0] in surnames()[0] and span.text[1:] in HONORIFICS:
        return Span(span.start, span.start + 1, SpanType.PERSON, span.text[0])
    return span


_OPENS = frozenset("。！？；\n　 \"“")


def _speakers(text: str, toks: list[Token], not_names: frozenset[str]) -> list[Span]:
    """陈艳萍：… — a transcript's speaker, a name cut in two by jieba (surname + given name), before a
    colon at the start of the text or of a sentence."""
    out: list[Span] = []
    for i in range(len(toks) - 2):
        w, s, _, _ = toks[i]
        nxt, _, e2, _ = toks[i + 1]
        if len(w) != 1 or w not in surnames()[0] or toks[i + 2][WORD] not in ("：", ":"):
            continue
        if _given_part(nxt) and (w + nxt) not in not_names and (s == 0 or text[s - 1] in _OPENS):
            out.append(Span(s, e2, SpanType.PERSON, w + nxt))
    return out


def _given_part(word: str) -> bool:
    """One or two Chinese characters that may be a given name (not 的, 和 …)."""
    return 1 <= len(word) <= 2 and HAN.match(word) is not None and word not in STOP_PARTS


def _after_title(toks: list[Token], j: int, not_names: frozenset[str]) -> list[Span]:
    """局长唐晓城 where jieba split the name: join one to three short pieces that start with a surname."""
    w, s, _e, tag = toks[j]
    if (tag in PERSON_TAGS or tag == HMM_NAME) and len(w) > 1:
        return []
    if len(w) == 1 and w in surnames()[0] and j + 1 < len(toks):
        w2, _, e2, _ = toks[j + 1]
        name = w + w2
        shaped = HAN.match(name) and 2 <= len(name) <= 3 and name[-1] not in NOT_NAME_END
        surname = w not in FUNCTION_SURNAMES or (len(w2) == 2 and word_freq(w2) < 20)  # 曾 + 世民, not 曾 + 表示
        if shaped and surname and name not in not_names and not _clause_shaped(name):  # 委员 + 时 + 强调
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
