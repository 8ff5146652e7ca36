"""Word lists shipped as package data, loaded once. Plain text so that contributors can edit them."""

from __future__ import annotations

from functools import cache
from importlib import resources


def _lines(name: str) -> list[str]:
    text = resources.files("tui.annotate").joinpath("data").joinpath(name).read_text(encoding="utf-8")
    return [ln.strip() for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]


@cache
def words(name: str) -> frozenset[str]:
    return frozenset(_lines(name))


@cache
def ordered(name: str) -> tuple[str, ...]:
    """Longest first, so that alternations prefer 委员会 to 会."""
    return tuple(sorted(set(_lines(name)), key=len, reverse=True))


@cache
def with_role(name: str, role: str) -> frozenset[str]:
    """The words of a file of ``word role role …`` lines (``titles.txt``) that carry ``role``."""
    return frozenset(parts[0] for parts in (ln.split() for ln in _lines(name)) if role in parts[1:])


@cache
def surnames() -> tuple[frozenset[str], frozenset[str]]:
    """(single-character surnames, compound surnames)."""
    single: set[str] = set()
    compound: set[str] = set()
    for line in _lines("surnames.txt"):
        for token in line.split():
            if len(token) == 2 and " " in line:
                compound.add(token)
            else:
                single.update(token)
    return frozenset(single), frozenset(compound)


@cache
def place_names() -> frozenset[str]:
    """Places jieba's dictionary tags as something else, often a person (莫斯科, 乌克兰): our own list and the
    world's countries (data/countries.txt)."""
    return words("known_places.txt") | words("countries.txt")


@cache
def division_stems() -> frozenset[str]:
    """宁德 (宁德市), 墨脱 (墨脱县): a city's or county's name without its level, which jieba's dictionary
    sometimes tags as a person; two characters or more, so no stem is a surname alone."""
    return frozenset(n[:-1] for n in words("divisions.txt") if n[-1] in "市县" and len(n) >= 3)


@cache
def pairs(name: str) -> dict[str, str]:
    """A file of ``word meaning`` lines as a mapping (``abbreviated_places.txt``: 沪 → 上海)."""
    return {parts[0]: parts[1] for parts in (ln.split() for ln in _lines(name)) if len(parts) == 2}
