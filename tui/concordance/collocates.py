"""Collocates: the words most associated with a query within a window of words around its matches.

The association measure is **logDice** (Rychlý 2008, Sketch Engine's default): 14 + log2(2·f(xy) /
(f(x) + f(y))), where f(xy) is how often the word stands within the window of a match, f(x) the number of
matches and f(y) the word's frequency in the corpus, here the number of paragraphs holding it (read from
the search index's postings, no extra store). It does not grow with the corpus's size, and a word that is
everywhere (的, 和, 是) has a large f(y) and falls to the bottom by the statistic; a minimum co-occurrence
count drops the accidents. Words are cut by maximum matching on jieba's dictionary (``kwic``); numbers and
punctuation are not words here.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass

from tui.concordance.kwic import KwicLine, context_words
from tui.concordance.words import is_word
from tui.search.normalize import normalize

MEASURE = "logDice"


@dataclass(frozen=True, slots=True)
class Collocate:
    word: str
    together: int  # f(xy): occurrences within the window of a match
    corpus: int  # f(y): paragraphs holding the word
    score: float  # logDice

    def to_dict(self) -> dict[str, object]:
        return {"word": self.word, "together": self.together, "paragraphs": self.corpus,
                MEASURE: round(self.score, 3)}


def window_words(x: KwicLine, window: int = 5) -> list[str]:
    """The words within ``window`` words left and right of a match (the concordance filters by them)."""
    span = window * 4  # characters enough for ``window`` words of up to four characters
    left = context_words(x.text[max(0, x.start - span):x.start], False, window)
    right = context_words(x.text[x.stop:x.stop + span], True, window)
    return [w for w in left + right if is_word(w)]


def window_counts(found: list[KwicLine], window: int = 5) -> Counter[str]:
    """f(xy): each word within ``window`` words left and right of each match."""
    counts: Counter[str] = Counter()
    for x in found:
        counts.update(window_words(x, window))
    return counts


def collocates(index: object, found: list[KwicLine], window: int = 5, top: int = 30, least: int = 3) -> list[Collocate]:
    """The ``top`` collocates of the matches ``found`` by logDice, each seen at least ``least`` times."""
    together = window_counts(found, window)
    matched = {_key(x.match) for x in found}
    fx = len(found)
    out = []
    for word, fxy in together.items():
        if fxy < least or _key(word) in matched:
            continue
        fy = max(paragraphs_holding(index, word), fxy)
        out.append(Collocate(word, fxy, fy, 14 + math.log2(2 * fxy / (fx + fy))))
    out.sort(key=lambda c: (-c.score, -c.together, c.word))
    return out[:top]


def paragraphs_holding(index: object, word: str) -> int:
    """Paragraphs whose normal form holds the word's bigrams (exact for two characters; for longer words
    the rows holding all its bigrams, an upper bound that is close for words)."""
    grams = index.candidates("norm", _key(word))  # type: ignore[attr-defined]
    return 0 if grams is None else len(grams)


def _key(word: str) -> str:
    return normalize(word)[0]
