"""What the entity rules read: tokens with their tags, and the sentence they come from.

A ``Token`` is a plain tuple read through the named indices ``WORD``, ``START``, ``END``, ``TAG``: a
``NamedTuple`` reads as fast, but building one is 2-3 times dearer than a tuple, and annotation builds
two per word (measured: 8 % of annotation time on the news archive). A ``Sentence`` holds the text and
jieba's two cuts of it, so that every pass of the pipeline (``entities.PASSES``) has one signature.
Tags are jieba's (``nr``, ``ns``, ``nt`` …) plus two of ours for words its dictionary does not know,
named here once: ``HMM_NAME`` for an unknown word shaped like a Chinese name, ``UNKNOWN`` for any other.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

HMM_NAME = "nr?"  # an unknown word the HMM held together that starts with a surname: perhaps a name
UNKNOWN = "new"  # an unknown word of another shape
NOT_HAN = "x"  # punctuation, Latin letters, digits
PERSON_TAGS = frozenset({"nr", "nrfg", "nrt"})
NAME_TAGS = frozenset({"ns", "nt", "nz", "nrt", "nrfg", UNKNOWN, HMM_NAME, "nr"})
FOREIGN_NAME_TAGS = frozenset({"nrt", "nrfg"})


Token = tuple[str, int, int, str]  # (word, start, end, tag)
WORD: Final = 0
START: Final = 1
END: Final = 2
TAG: Final = 3


@dataclass(frozen=True, slots=True)
class Sentence:
    """A text and jieba's two cuts of it: ``tagged`` with the HMM (unknown names hold together) and
    ``plain`` without it (unknown strings fall apart into known words, as composing 区 + 发改 + 局 needs)."""

    text: str
    tagged: list[Token]
    plain: list[Token]
    tags: dict[str, str]


def word_at(toks: list[Token], k: int) -> str:
    """The word at ``k``, or "" outside the list (the word before the first, after the last)."""
    return toks[k][WORD] if 0 <= k < len(toks) else ""
