"""Values of numerals: Arabic, full-width and Chinese (cn2an does the Chinese arithmetic)."""

from __future__ import annotations

import unicodedata
from functools import lru_cache

CN_ONLY = set("零〇一二三四五六七八九十百千万亿两点")
_MULT = {"十": 10, "百": 100, "千": 1000, "万": 10_000, "亿": 100_000_000}


def tidy(value: float) -> int | float:
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e18:
        return int(value)
    return round(value, 10) if isinstance(value, float) else value


def warm_up() -> None:
    """Import cn2an (compiling its patterns takes ~0.18 s) before a search or an annotation needs it: the
    reader and ``Searcher.prepare`` call this; a command that reads no numerals never pays for it."""
    import cn2an  # noqa: F401


@lru_cache(maxsize=8192)
def value_of(numeral: str) -> int | float | None:
    """135亿 → 13500000000, 一百三十五亿 → 13500000000, 1,234.5 → 1234.5, ２０ → 20, 两百 → 200."""
    s = unicodedata.normalize("NFKC", numeral).replace(",", "").replace("，", "").strip()
    if not s:
        return None
    try:
        return tidy(float(s))
    except ValueError:
        pass
    # Arabic with Chinese multipliers: 1.5万, 2.3万亿
    head = s.rstrip("十百千万亿")
    if head and head != s and _is_number(head):
        value = float(head)
        for ch in s[len(head):]:
            value *= _MULT[ch]
        return tidy(value)
    s = s.replace("两", "二").replace("〇", "零")
    if s[0] in "十百千万亿":  # 百亿 is 一百亿, 十五 is 一十五
        s = "一" + s
    if s in ("半",):
        return 0.5
    import cn2an  # here, not at the top: importing it takes ~0.18 s, which every command paid (``warm_up``)

    try:
        return tidy(float(cn2an.cn2an(s, "smart")))
    except Exception:  # noqa: BLE001 - cn2an raises bare ValueError subclasses on odd input
        pass
    if all(ch in "零一二三四五六七八九" for ch in s):  # digit-by-digit: 二〇二三
        try:
            return int("".join(str("零一二三四五六七八九".index(ch)) for ch in s))
        except ValueError:
            return None
    return None


def _is_number(s: str) -> bool:
    try:
        float(s)
        return True
    except ValueError:
        return False
