"""Values of numerals: Arabic, full-width and Chinese (cn2an does the Chinese arithmetic)."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

CN_ONLY = set("零〇一二三四五六七八九十百千万亿两点")
_MULT = {"十": 10, "百": 100, "千": 1000, "万": 10_000, "亿": 100_000_000}
_DIGIT = {c: i for i, c in enumerate("零一二三四五六七八九")}


def _written_out() -> re.Pattern[str]:
    """Chinese integers written out in full (三亿五千万, 一千零五十, 二十): every unit's digit given and a
    skipped unit marked by 零, so that the value is plain arithmetic (``_integer``). Colloquial and odd
    forms (一百一 is 110 to cn2an, 二〇二四 digit by digit) do not match and are left to cn2an."""
    d = "[一二三四五六七八九]"
    t10 = f"{d}十{d}?"
    t100 = f"{d}百(?:{t10}|零{d})?"
    t1000 = f"{d}千(?:{t100}|零{t10}|零{d})?"
    small = f"(?:{t100}|{t10}|{d})"
    section = f"(?:{t1000}|{small})"
    after = f"(?:{t1000}|零{small})"  # a section below a 万 or 亿: 零 where its thousands are missing
    return re.compile(f"{section}亿(?:{after}万{after}?|零(?:{t1000}|{small}))?|{section}万{after}?|{section}|零")


_WRITTEN_OUT = _written_out()


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
    if _WRITTEN_OUT.fullmatch(s):  # cn2an takes 20-55 µs a numeral: a cold query's page of hits read dozens
        return _integer(s)
    import cn2an  # here, not at the top: importing it takes ~0.18 s, which every command paid (``warm_up``)

    try:
        return tidy(float(cn2an.cn2an(s, "smart")))
    except Exception:  # noqa: BLE001 - cn2an raises bare ValueError subclasses on odd input
        pass
    if all(ch in _DIGIT for ch in s):  # digit-by-digit: 二〇二三
        return int("".join(str(_DIGIT[ch]) for ch in s))
    return None


def _integer(s: str) -> int:
    """The value of a numeral ``_WRITTEN_OUT`` matches: digits times units summed per section, a section
    times 万, everything so far times 亿."""
    total = section = number = 0
    for ch in s:
        if ch in _DIGIT:
            number = _DIGIT[ch]
        elif ch == "万":
            total += (section + number) * 10_000
            section = number = 0
        elif ch == "亿":
            total = (total + section + number) * 100_000_000
            section = number = 0
        else:  # 十 百 千
            section += number * _MULT[ch]
            number = 0
    return total + section + number


def _is_number(s: str) -> bool:
    try:
        float(s)
        return True
    except ValueError:
        return False
