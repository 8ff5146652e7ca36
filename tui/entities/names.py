"""The key that a name's written variants share.

Traditional and simplified (OpenCC t2s), full- and half-width (NFKC), and the justification spaces that
page layout puts inside a name (李金 国) all give one key, so that 臺灣/台湾 and ＩＢＭ/IBM are one
entity. The key is what the store keeps beside each entity span and what the entity index groups by.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from functools import lru_cache

import opencc

_T2S = opencc.OpenCC("t2s")
_SPACES = str.maketrans("", "", " \u3000\t\u00a0")


@lru_cache(maxsize=65536)
def name_key(text: str) -> str:
    """The normal form of a name: NFKC, no spaces, simplified characters, Latin letters as typed
    (an acronym's case is part of it: IBM, not ibm)."""
    plain = unicodedata.normalize("NFKC", text).translate(_SPACES)
    out: str = _T2S.convert(plain)
    return out if len(out) == len(plain) else plain


COMPANY_TAILS = ("股份有限公司", "有限责任公司", "集团有限公司", "集团股份有限公司", "有限公司", "集团公司",
                 "股份公司", "控股集团", "集团", "公司", "控股")


def is_short_form(short: str, long: str, kind: str, is_place: Callable[[str], bool]) -> bool:
    """Whether ``short`` may name what ``long`` names, in a text that has both: ``long`` is ``short``
    with a place before it (青岛 + 西海岸新区, 北京市 + 朝阳区; not 白 + 俄罗斯) and, for a company, a
    company's tail after it (青岛 + 海尔 + 股份有限公司, 海尔 + 集团; not 国务院 + 办公厅, which is another
    body). A person never: a given name alone is rare in news, a surname alone names nobody."""
    if kind == "person" or len(short) < 2 or len(short) >= len(long):
        return False
    at = long.find(short)
    if at < 0:
        return False
    before, after = long[:at], long[at + len(short):]
    if after and (kind != "organization" or after not in COMPANY_TAILS):
        return False
    return not before or is_place(before)


def abbreviated_places() -> dict[str, str]:
    """One character → the place it stands for (``abbreviated_places.txt``)."""
    from tui.annotate.lexicon import pairs

    return pairs("abbreviated_places.txt")
