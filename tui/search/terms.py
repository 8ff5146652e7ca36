"""A query's terms: what each word is looked up as (its variants) and how a paragraph's keys are scored
and located against it.

Per word, in order of trust: exact in the normal form (100), same syllables — a homophone typed through a
pinyin IME, pinyin itself, or characters and pinyin mixed as a half-committed IME leaves them (92),
pinyin initials (85), then fuzzy (a missing, extra or wrong character) scored by ``likeness``.
A word written in quotes is matched exactly as written. Numbers match by value: a near miss may differ in
its words but not in its figures (一千亿 is 1000亿; neither 100亿, 2000亿 nor 21000亿 is a near miss of it).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from tui.search.edits import one_edit
from tui.search.normalize import base_form, initials_variants, normalize, pinyin_keys, pinyin_syllables, syllable_key
from tui.search.query import _CONTROL, _LATIN

FLOOR = 78.0  # below this a paragraph does not match a term at all
ONE_EDIT = 90.0  # a character missing, extra or swapped for another: below exact, above a loose fuzzy match
SAME_SOUND = 92.0  # the weight of a syllable-key match (a homophone, or pinyin)
FUZZY_VARIANTS = 3  # variants a row is compared with edit by edit once it holds none of them exactly
COLUMN = {"norm": 0, "syl": 1, "ini": 2}
MIXED_KEYS = 8  # readings of a word mixing characters and pinyin that are looked up
_HAS_HAN = re.compile(r"[\u3400-\u9fff]")
_DIGIT = re.compile(r"[0-9]")
_WITH_UNIT = re.compile(r"[0-9][万亿%‰]")
_FIGURE = re.compile(r"([0-9]+(?:\.[0-9]+)?)([万亿%‰]?)")
_LATIN_RUN = re.compile(r"[a-z']+")


@dataclass
class Variant:
    column: str
    pattern: str
    weight: float


@dataclass
class Term:
    """One word of a query. ``exact``: no fuzzy match and no other reading (a quoted phrase). For a word
    with figures, ``guards``: each figure (and its 万/亿/% unit) on digit boundaries, which a paragraph's
    normal form must hold for a near miss to match; ``bounded``: the whole word on digit boundaries, when its
    figures were typed as digits or carry a unit (a bare numeral such as 三大 is also found in 十三大)."""

    raw: str
    variants: list[Variant] = field(default_factory=list)
    exact: bool = False
    bounded: re.Pattern[str] | None = None
    guards: tuple[re.Pattern[str], ...] = ()

    def guarded(self, norm: str) -> bool:
        """Whether a paragraph's normal form holds every figure of the term, by value."""
        return all(g.search(norm) for g in self.guards)

    def find(self, v: Variant, hay: str, start: int = 0) -> tuple[int, int] | None:
        """Where the variant's pattern occurs in ``hay`` from ``start`` (on digit boundaries for a number)."""
        if self.bounded is not None and v.column == "norm":
            m = self.bounded.search(hay, start)
            return m.span() if m else None
        at = hay.find(v.pattern, start) if v.pattern else -1
        return (at, at + len(v.pattern)) if at >= 0 else None


def make_term(raw: str, exact: bool = False) -> Term:
    """The variants a word is looked up as, strongest first."""
    clean = _CONTROL.sub("", raw)
    n, _ = normalize(clean)
    t = Term(raw, exact=exact)
    if not n.strip():
        return t
    t.variants.append(Variant("norm", n, 100.0))
    # a figure typed as digits, or with a unit, is a value: 1000亿 is not in 21000亿 and 100亿 is no near
    # miss of it. A bare numeral in words is text: 三大 is in 十三大, 两两 in 两两相望
    if _DIGIT.search(n) and (_DIGIT.search(base_form(clean)) or _WITH_UNIT.search(n)):
        head = r"(?<![0-9.])" if n[0].isdigit() else ""
        tail = r"(?![0-9])" if n[-1].isdigit() else ""
        t.bounded = re.compile(head + re.escape(n) + tail)
        t.guards = tuple(re.compile(r"(?<![0-9.])" + re.escape(m[1]) + (re.escape(m[2]) if m[2] else r"(?![0-9.])"))
                         for m in _FIGURE.finditer(n))
    if t.exact:
        return t
    if _HAS_HAN.search(n):
        t.variants += [Variant("syl", key, SAME_SOUND) for key in _mixed_keys(clean)]
    elif _LATIN.match(n):
        for key in pinyin_keys(n):
            if len(key) >= 2:
                t.variants.append(Variant("syl", key, SAME_SOUND))
        if 2 <= len(n) <= 12:
            t.variants.append(Variant("ini", n, 85.0 if len(n) >= 3 else 80.0))
            t.variants += [Variant("ini", key, 84.0) for key in initials_variants(n)]  # 银行 typed yh
    return t


def _mixed_keys(word: str) -> list[str]:
    """The syllable keys of a word holding characters: its characters' syllables, and where it also holds
    pinyin (乡村zhenxing, guoji合作: an IME half committed), each reading of those letters in their place."""
    base = base_form(word).strip()
    pieces: list[list[str]] = []
    at = 0
    for m in _LATIN_RUN.finditer(base):
        pieces.append([syllable_key(base[at:m.start()])])
        letters = m.group()
        keys = pinyin_keys(letters.replace("'", "")) if pinyin_syllables(letters.replace("'", "")) else []
        pieces.append(keys or [syllable_key(letters)])
        at = m.end()
    pieces.append([syllable_key(base[at:])])
    return ["".join(p) for p in itertools.islice(itertools.product(*pieces), MIXED_KEYS)]


def score(term: Term, cols: tuple[str, str, str]) -> float:
    """How well a paragraph's keys (normal form, syllables, initials) match the term: the weight of the
    strongest variant it holds, else its best near miss."""
    first = term.variants[0]
    if first.pattern in cols[0] and (term.bounded is None or term.bounded.search(cols[0])):
        return first.weight
    if term.guards and not term.guarded(cols[0]):
        return 0.0  # a near miss keeps every figure
    for v in term.variants[1:]:  # strongest first: the first one the row holds is its score
        if v.pattern in cols[COLUMN[v.column]]:
            return v.weight
    if term.exact:
        return 0.0
    best = 0.0
    for v in term.variants[:FUZZY_VARIANTS]:  # the rest are other readings of the same letters
        hay = cols[COLUMN[v.column]]
        if len(v.pattern) >= 3 and v.column != "ini":
            if one_edit(v.pattern, hay) is not None:
                best = max(best, ONE_EDIT * v.weight / 100)
            else:
                best = max(best, likeness(v.pattern, hay) * v.weight / 100)
    return best


def likeness(pattern: str, hay: str) -> float:
    """How nearly ``hay`` holds ``pattern`` (0-100, 0 below ``FLOOR``), by ``likeness_scorer``."""
    return float(likeness_scorer(pattern, hay)(pattern, hay, score_cutoff=FLOOR))


def likeness_scorer(pattern: str, hay: str) -> Callable[..., float]:
    """The best window of ``hay`` as long as the pattern; a text shorter than the pattern compared whole:
    ``partial_ratio`` would align it inside the pattern, and a byline 董家口 scored 100 for 董家口经济区."""
    return fuzz.ratio if len(hay) < len(pattern) else fuzz.partial_ratio


def locate(term: Term, cols: dict[str, str]) -> tuple[str, tuple[int, int]] | None:
    """The key column and offsets of the term's best match in a paragraph, or None."""
    for v in term.variants:
        span = term.find(v, cols[v.column])
        if span is not None:
            return v.column, span
    if term.exact:
        return None
    for v in term.variants:
        if len(v.pattern) >= 3 and v.column != "ini":
            span = one_edit(v.pattern, cols[v.column])
            if span is not None:
                return v.column, span
    if term.variants:
        v = term.variants[0]
        hay = cols[v.column]
        if len(hay) < len(v.pattern):  # compared whole (``likeness``)
            return (v.column, (0, len(hay))) if hay and likeness(v.pattern, hay) else None
        al = fuzz.partial_ratio_alignment(v.pattern, hay)
        if al is not None and al.dest_end > al.dest_start:
            return v.column, (al.dest_start, al.dest_end)
    return None
