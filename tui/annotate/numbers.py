"""Find numbers in Chinese text: the numeral with its unit or measure word, typed, with a value.

Boundaries are explicit character classes, never ``\\w``/``\\b`` (which treat Han characters as word
characters). A Chinese numeral counts only with a unit, a measure word, 第 or 百分之 around it, and never
inside a fixed expression (一马当先, 一批, 统一 …: see data/not_numbers.txt).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from tui.annotate.lexicon import words
from tui.model import Span, SpanType
from tui.numerals import tidy, value_of

AR = r"[0-9０-９]+(?:[,，][0-9]{3})*(?:[.．][0-9０-９]+)?"
AR_M = AR + r"(?:万亿|千万|百万|[十百千万亿])?"
CN = r"[零〇一二三四五六七八九十百千两][零〇一二三四五六七八九十百千万亿两]*(?:点[零〇一二三四五六七八九]+)?"  # not 亿元 alone
NUM = rf"(?:{AR_M}|{CN})"
APPROX = r"(?:多|余|来|几)?"
CURRENCY = r"(?:美元|欧元|英镑|日元|港元|港币|澳元|韩元|卢布|人民币|元|块钱)"
MW = (
    r"(?:平方公里|平方千米|平方米|立方米|平米|㎡|公里|千米|厘米|毫米|米|公顷|亩|千瓦时|千瓦|兆瓦|万千瓦|吨|公斤|千克|克|"
    r"个百分点|个月|个|家|项|人次|人|名|位|件|条|座|所|台|辆|架|艘|只|头|场|次|批|种|类|款|户|套|间|栋|层|"
    r"天|小时|分钟|秒钟|周岁|岁|倍|例|起|枚|支|根|张|份|本|部|篇|期|轮|段|片|块|株|棵|匹|处|组|对|宗|笔|单|颗|"
    r"所|千人|万人|车次|航次|标箱|吨位|届|年|版|大)"
)
DASH = r"[-－–—~～至到]"
Y4 = r"(?:[12][0-9]{3}|[12]０-９{3}|[零〇一二三四五六七八九]{4})"
MON = r"(?:1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])"
DAY = r"(?:3[01]|[12][0-9]|0?[1-9]|三十一?|二十[一二三四五六七八九]?|十[一二三四五六七八九]?|[一二三四五六七八九])"
PART = r"(?:上旬|中旬|下旬|底|初|中|末)?"
NOT_BEFORE = r"(?<![0-9０-９.．A-Za-z])"

_PATTERNS: list[tuple[str, str]] = [
    ("date", rf"{NOT_BEFORE}{Y4}年(?:{MON}月(?:{DAY}[日号])?{PART})?(?:{PART})"),
    ("date", rf"{NOT_BEFORE}{MON}月(?:{DAY}[日号]|{PART})(?:{DASH}{DAY}[日号])?"),
    ("date", rf"{NOT_BEFORE}[0-9]{{4}}[-/.][01]?[0-9][-/.][0-3]?[0-9](?![0-9])"),
    ("time", rf"{NOT_BEFORE}(?:[01]?[0-9]|2[0-3])[:：][0-5][0-9](?![0-9])"),
    ("time", rf"{NOT_BEFORE}(?:[01]?[0-9]|2[0-4])(?:时|点)(?:[0-5]?[0-9]分|半)?(?=[^0-9])"),
    ("range", rf"{NOT_BEFORE}{NUM}(?:%|％)?{DASH}{NUM}(?:[%％]|{APPROX}{CURRENCY}|{MW}|{CURRENCY})"),
    ("percent", rf"百分之{CN}(?:点{CN})?"),
    ("percent", rf"{NOT_BEFORE}{AR_M}[%％‰]"),
    ("percent", rf"{NOT_BEFORE}{NUM}{APPROX}个百分点"),
    ("money", rf"{NOT_BEFORE}[￥¥$＄]{AR_M}"),
    ("money", rf"{NOT_BEFORE}{NUM}{APPROX}{CURRENCY}"),
    ("ordinal", rf"第{NUM}(?:{MW})?"),
    ("ordinal", rf"{NOT_BEFORE}{CN}届(?:{CN}(?:次|中))?"),
    ("ordinal", r"(?<![零〇一二三四五六七八九十百千两])[一二三]?十[一二三四五六七八九]?大(?=精神|报告|以来|代表|召开|胜利|提出|部署|党章|$|[，。、；”])"),  # 党的二十大
    ("ordinal", rf"{NOT_BEFORE}[0-9]{{1,3}}届(?:[0-9]{{1,2}}(?:次|中))?"),
    ("other", rf"{NOT_BEFORE}{AR}(?:[+＋]{AR})+"),
    ("other", rf"{NOT_BEFORE}{NUM}号线?"),
    ("other", rf"{NOT_BEFORE}{NUM}级"),
    ("ordinal", rf"{NOT_BEFORE}(?:[一二三四五六七八九]|[1-9])期(?=项目|工程|[北南东西]段|建设|扩建|开工|投产|主体|陆续|正在|已经|将于|即将|[，。、；）)]|$)"),  # 二期项目: phase two
    ("ordinal", rf"{NOT_BEFORE}[0-9]{{1,2}}版(?=[）)，。；]|$)"),  # (上接第一版) … 1版): a page
    ("other", rf"{NOT_BEFORE}{NUM}个{AR}(?=[”\"’」』，、。；）)]|$)"),  # “5个1”, “三个100”: a slogan, one span
    ("other", rf"{NOT_BEFORE}[0-9]+[.．][0-9]+版本?"),  # 自贸区“2.0版”, 3.0版本: a version, not a count of editions
    ("count", rf"{NOT_BEFORE}{NUM}{APPROX}{MW}"),
    ("date", rf"{NOT_BEFORE}(?:19[5-9][0-9]|20[0-4][0-9])(?=[\u4e00-\u9fff])"),  # 2020青岛凤凰音乐节: a year
    ("other", rf"{NOT_BEFORE}{AR_M}(?![0-9A-Za-z])"),  # not 5G, 4K, 3D
]
_MASTER = re.compile("|".join(f"(?P<g{i}>{p})" for i, (_, p) in enumerate(_PATTERNS)))
_TYPES = [SpanType(t) for t, _ in _PATTERNS]
# Every pattern's first character is one of these. Trying the master pattern only where one stands
# gives the same matches as finditer (which tried all ~20 alternatives at every character: most of the
# time numbers took).
_FIRST = re.compile("[0-9０-９零〇一二三四五六七八九十百千两￥¥$＄第]")


def _matches(text: str) -> Iterator[re.Match[str]]:
    """``_MASTER.finditer(text)``, faster. Lookbehinds still see the text before ``pos``."""
    pos = 0
    search, match = _FIRST.search, _MASTER.match
    while (c := search(text, pos)) is not None:
        m = match(text, c.start())
        if m is None:
            pos = c.start() + 1
        else:
            yield m
            pos = m.end()
_AR_RE = re.compile(AR_M)
_NUM_RE = re.compile(NUM)
_MW_RE = re.compile(MW + "$")
_CUR_RE = re.compile(CURRENCY + "$")
_HAS_DIGIT = re.compile(r"[0-9０-９]")
_IDIOMS: re.Pattern[str] | None = None
_SINGLE_YI_OK = re.compile(r"^[一两](?:年|个月|天|小时|分钟|倍|届|个百分点)$")


def _idioms() -> re.Pattern[str]:
    global _IDIOMS
    if _IDIOMS is None:
        items = sorted(words("not_numbers.txt"), key=len, reverse=True)
        _IDIOMS = re.compile("|".join(map(re.escape, items)))
    return _IDIOMS


_HALF = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)}  # full-width ASCII → ASCII, one char for one


def find_numbers(text: str) -> list[Span]:
    if not text:
        return []
    original = text
    text = text.translate(_HALF)  # same length, so offsets hold for the original
    blocked = _blocked(text)
    out: list[Span] = []
    for m in _matches(text):
        kind = _TYPES[int(str(m.lastgroup)[1:])]  # every alternative is a named group g<n>
        start, end = m.span()
        s = m.group(0)
        if not _HAS_DIGIT.search(s) and (kind == "other" or _inside(blocked, start, end) or _indefinite(s, kind)):
            continue
        span = _typed(kind, s, start, end)
        if span is not None:
            out.append(Span(start, end, span.type, original[start:end], span.value, span.unit))
    return out


def _blocked(text: str) -> list[tuple[int, int]]:
    if not any(ch in text for ch in "零〇一二两三四五六七八九十百千万半"):
        return []
    return [m.span() for m in _idioms().finditer(text)]


def _inside(blocked: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(b0 < end and start < b1 for b0, b1 in blocked)


def _indefinite(s: str, kind: str) -> bool:
    """一个, 一家, 一项 …: the indefinite article, not a count worth highlighting."""
    if kind in ("count", "money") and s[0] in "一" and not _SINGLE_YI_OK.match(s):
        head = _NUM_RE.match(s)
        return head is not None and head.group(0) == "一"
    return bool(kind == "count" and s.endswith("大") and len(s) == 2 and s[0] in "一")


def _typed(kind: SpanType, s: str, start: int, end: int) -> Span | None:
    value: object = None
    unit: str | None = None
    if kind == "date":
        value = _date_value(s)
    elif kind == "time":
        value = _time_value(s)
    elif kind == "percent":
        value, unit = _percent_value(s)
    elif kind == "money":
        value, unit = _unit_value(s, _CUR_RE)
        if s[0] in "￥¥$＄":
            unit = "美元" if s[0] in "$＄" else "元"
            value = value_of(s[1:])
    elif kind == "count":
        value, unit = _unit_value(s, _MW_RE)
    elif kind == "ordinal":
        nums = [value_of(x) for x in _NUM_RE.findall(s.lstrip("第"))]
        nums = [n for n in nums if n is not None]
        value = nums[0] if len(nums) == 1 else (nums or None)
    elif kind == "range":
        value, unit = _range_value(s)
    else:
        nums = [value_of(x) for x in _NUM_RE.findall(s)]
        value = nums[0] if len(nums) == 1 else ([n for n in nums if n is not None] or None)
    return Span(start, end, kind, s, value, unit)


def _unit_value(s: str, unit_re: re.Pattern[str]) -> tuple[object, str | None]:
    head = _NUM_RE.match(s)
    if not head:
        return None, None
    rest = s[head.end():].lstrip("多余来几")
    return value_of(head.group(0)), (rest or None)


def _percent_value(s: str) -> tuple[object, str | None]:
    if s.startswith("百分之"):
        v = value_of(s[3:])
        return (tidy(v / 100) if v is not None else None), "%"
    head = _NUM_RE.match(s)
    v = value_of(head.group(0)) if head else None
    if v is None:
        return None, None
    if s.endswith("‰"):
        return tidy(v / 1000), "‰"
    if s.endswith("个百分点"):
        return tidy(v / 100), "百分点"
    return tidy(v / 100), "%"


def _range_value(s: str) -> tuple[object, str | None]:
    nums = list(_NUM_RE.finditer(s))
    if len(nums) < 2:
        return None, None
    a, b = value_of(nums[0].group(0)), value_of(nums[1].group(0))
    unit = s[nums[1].end():].lstrip("多余来几") or None
    if unit in ("%", "％"):
        a = tidy(a / 100) if a is not None else None
        b = tidy(b / 100) if b is not None else None
    return {"from": a, "to": b}, unit


_DATE_PARTS = re.compile(rf"(?:({Y4})年)?(?:({MON})月)?(?:({DAY})[日号])?({PART[3:-2]})?")


def _date_value(s: str) -> dict[str, object] | None:
    if re.fullmatch(r"[0-9]{4}[-/.][0-9]{1,2}[-/.][0-9]{1,2}", s):
        y, m, d = re.split(r"[-/.]", s)
        return {"year": int(y), "month": int(m), "day": int(d)}
    if re.fullmatch(r"[0-9]{4}", s):
        return {"year": int(s)}
    out: dict[str, object] = {}
    y = re.search(rf"({Y4})年", s)
    if y:
        out["year"] = value_of(y.group(1))
    mo = re.search(rf"({MON})月", s)
    if mo:
        out["month"] = value_of(mo.group(1))
    d = re.search(rf"(?:月|^)({DAY})[日号]", s)
    if d:
        out["day"] = value_of(d.group(1))
    part = re.search(r"(上旬|中旬|下旬|底|初|末)$", s)
    if part:
        out["part"] = part.group(1)
    return out or None


def _time_value(s: str) -> dict[str, object] | None:
    nums = re.findall(r"[0-9]+", s)
    if not nums:
        return None
    out: dict[str, object] = {"hour": int(nums[0])}
    if len(nums) > 1:
        out["minute"] = int(nums[1])
    elif s.endswith("半"):
        out["minute"] = 30
    return out

