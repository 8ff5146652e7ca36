"""Corpus-level consistency: a name the rules recognised in some texts is recognised in the others.

The rules prove a name by its context (统战部部长李金国, 青岛海尔股份有限公司); elsewhere the same name
often stands bare, where they cannot tell it from ordinary words. A name read at least ``MIN_READINGS``
times, with one type in at least ``MAJORITY`` of its readings, and not a common word of the dictionary,
is *confident*; every other place it
stands on word boundaries becomes a mention of that type. (Retyping its minority readings as well lost
precision and recall on CLUENER dev, so a reading the rules made is kept as they made it.)
A word boundary is broken when the character outside and the name's edge character make a dictionary
word together (金国 is not found in 美金国库); a place or a body followed by a suffix is the head of a
longer name the rules missed (北京 in 北京大学), not a mention. Matching is one Aho-Corasick pass per text
(``ahocorasick_rs``): a regex alternation of tens of thousands of names was a hundred times slower.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

import ahocorasick_rs

from tui.annotate.lexicon import ordered
from tui.annotate.segment import frequencies, tag_table, word_freq
from tui.model import ENTITY_TYPES, Span, SpanType

MIN_READINGS = 3  # readings of a name before it counts as confident (2 cost precision on the dev sets)
MAJORITY = 2 / 3  # share of its readings its type must have
MIN_CHARS = {SpanType.PERSON: 3, SpanType.PLACE: 2, SpanType.ORGANIZATION: 2}  # two-character "persons"
# were the rules' commonest misreadings (乐居, 国米 on CLUENER train), repeated wherever the word stands


@dataclass(frozen=True)
class Lexicon:
    """Confident names and their types, with the automaton that finds them."""

    types: dict[str, SpanType]
    names: list[str]
    matcher: ahocorasick_rs.AhoCorasick | None

    def find(self, text: str, found: list[Span]) -> list[Span]:
        """Mentions of confident names in ``text`` that no span in ``found`` covers, on word boundaries."""
        return self.find_wider(text, found)[0]

    def find_wider(self, text: str, found: list[Span]) -> tuple[list[Span], list[Span]]:
        """The mentions ``find`` gives, and also confident names that hold spans of ``found`` of their own type
        whole (丁薛祥 where the rules read 薛祥, 马克龙 where they read 马克: the text says the longer name);
        and the spans of ``found`` those replace."""
        if self.matcher is None or not text:
            return [], []
        taken = bytearray(len(text))
        for s in found:
            taken[s.start:s.end] = b"\1" * (s.end - s.start)
        out: list[Span] = []
        replaced: list[Span] = []
        for n, start, end in self.matcher.find_matches_as_indexes(text):
            name = self.names[n]
            kind = self.types[name]
            if not _on_boundaries(text, start, end) or _named_on(text, end, kind):
                continue
            if any(taken[start:end]):
                inside = _held_whole(found, start, end, kind)
                if not inside:
                    continue
                replaced += inside
            out.append(Span(start, end, kind, name))
        return out, replaced


def lexicon(readings: Iterable[tuple[str, SpanType, int]]) -> Lexicon:
    """Confident names from (text, type, how many times) readings of entity spans."""
    counts: dict[str, Counter[SpanType]] = defaultdict(Counter)
    for text, kind, times in readings:
        if kind in ENTITY_TYPES and len(text) >= MIN_CHARS[kind] and not any(ch.isspace() for ch in text):
            counts[text][kind] += times
    types: dict[str, SpanType] = {}
    for name, by_type in counts.items():
        total = sum(by_type.values())
        kind, n = by_type.most_common(1)[0]
        if total >= MIN_READINGS and n >= MAJORITY * total and not _common_word(name):
            types[name] = kind
    names = sorted(types)
    matcher = ahocorasick_rs.AhoCorasick(names, matchkind=ahocorasick_rs.MatchKind.LeftmostLongest) if names else None
    return Lexicon(types, names, matcher)


def consistent(texts: list[str], spans: list[list[Span]]) -> list[list[Span]]:
    """The corpus pass over texts and their spans in memory (the evaluation's way; the store's entity
    index does the same over the database): each text's spans with the mentions the rules missed."""
    lex = lexicon((s.text, s.type, 1) for ss in spans for s in ss)
    out = []
    for text, found in zip(texts, spans, strict=True):
        added, replaced = lex.find_wider(text, found)
        out.append(sorted([s for s in found if s not in replaced] + added, key=lambda s: s.start))
    return out


def _held_whole(found: list[Span], start: int, end: int, kind: SpanType) -> list[Span]:
    """The spans of ``found`` that overlap [start, end) when each is of ``kind``, inside it and shorter;
    none when any is not (another type, or running out of it)."""
    over = [s for s in found if s.start < end and start < s.end]
    fits = all(s.type == kind and start <= s.start and s.end <= end and s.end - s.start < end - start for s in over)
    return over if fits else []


def _on_boundaries(text: str, start: int, end: int) -> bool:
    """Neither edge of text[start:end] is inside a dictionary word: not glued to its neighbour (美金国库
    has no 金国), and not the head or tail of a longer word (印度教, 欧洲杯 are not 印度, 欧洲)."""
    freq = frequencies()  # (six look-ups a match: ``word_freq`` each was a call and a lookup more)
    for a, b in ((start - 1, start + 1), (end - 1, end + 1), (start, end + 1), (start, end + 2),
                 (start - 1, end), (start - 2, end)):
        if a >= 0 and b <= len(text) and freq.get(text[a:b]):
            return False
    return True


def _named_on(text: str, end: int, kind: SpanType) -> bool:
    """Whether a place or organisation name runs on into a suffix: then it is part of a longer name."""
    if kind == SpanType.PERSON:
        return False
    return text.startswith(_suffixes(), end, end + 6)


@cache
def _suffixes() -> tuple[str, ...]:
    """Place suffixes and organisation suffixes of two characters or more, built once (not per match)."""
    return ordered("place_suffixes.txt") + tuple(s for s in ordered("org_suffixes.txt") if len(s) >= 2)


NAME_TAGS = ("nr", "ns", "nt", "nz", "j")  # jieba's tags for names and abbreviations (nrt, nrfg, …)


def _common_word(name: str) -> bool:
    """A word jieba's dictionary knows as something other than a name (沿海 f, 内地 n, 全国 n): where the
    rules read it as a name, context did it, and the same word elsewhere is the common word."""
    tag = tag_table().get(name)
    return tag is not None and word_freq(name) > 0 and not tag.startswith(NAME_TAGS)
