"""One normal form for text and queries alike, with a map back to the original offsets.

full-width → half-width, upper → lower, traditional → simplified (OpenCC), Chinese numerals → Arabic
(一百三十五亿 → 135亿, 百分之二十 → 20%), unit variants (平米, ㎡ → 平方米). Pinyin keys are built on the
normal form one character for one: each Han character becomes a private-use character standing for its
toneless syllable (so 东家口 and 董家口 share a key, and ``dongjiakou`` can be typed), or its initial.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import opencc

from tui.numerals import value_of
from tui.search.derived import cached
from tui.search.tables import half_width

_T2S = opencc.OpenCC("t2s")
# The lookahead names the characters a match starts with, which the engine then skips to (the branch alone
# gave it none, so it tried three arms at every position): 1.0 → 0.4 s over the 24k archive's text
_NUMERAL = re.compile(r"(?=[零〇一二三四五六七八九十百千两平㎡])(?:"
                      r"百分之([零〇一二三四五六七八九十百千两]+(?:点[零〇一二三四五六七八九]+)?)|"
                      r"([零〇一二三四五六七八九十百千两]+(?:点[零〇一二三四五六七八九]+)?)([万亿]*)|"
                      r"(平米|㎡|平方米))")
PUA = 0xE000


def _t2s(text: str) -> str:
    out: str = _T2S.convert(text)
    if len(out) == len(text):
        return out
    return "".join(c if len(c := _T2S.convert(ch)) == 1 else ch for ch in text)


def normalize(text: str) -> tuple[str, list[int]]:
    """(normal form, original index of each normal-form character)."""
    base = _t2s(half_width(text))
    if not any(ch in base for ch in "零〇一二三四五六七八九十百千两平㎡"):
        return base, list(range(len(text)))
    pieces: list[str] = []
    resized: list[tuple[int, int, int]] = []  # numerals replaced by digits of another length: 一百三十五 → 135
    pos = 0
    for m in _NUMERAL.finditer(base):
        rep = numeral_text(m)  # itself when it has no value: kept as it is, one for one
        pieces += (base[pos:m.start()], rep)
        if len(rep) != m.end() - m.start():
            resized.append((m.start(), m.end(), len(rep)))
        pos = m.end()
    pieces.append(base[pos:])
    return "".join(pieces), _offsets(len(base), resized)


def _offsets(size: int, resized: list[tuple[int, int, int]]) -> list[int]:
    """Each normal-form character's index in a text of ``size``: one for one (most numerals are one
    character, 一 → 1), but a numeral replaced by one of another length (start, end, its length) spread
    over, its last character on the numeral's last. Built in runs broken only by those, not spliced at
    every numeral (a hit's paragraph of a thousand characters holds a dozen)."""
    where: list[int] = []
    pos = 0
    for start, end, n in resized:
        where += range(pos, start)
        span = end - start
        where += (start + (span - 1 if i == n - 1 else min(i * span // n, span - 1)) for i in range(n))
        pos = end
    where += range(pos, size)
    return where


def _replacement(m: re.Match[str]) -> str | None:
    if m.group(1):
        v = value_of(m.group(1))
        return f"{_num(v)}%" if v is not None else None
    if m.group(4):
        return "平方米"
    # Every numeral is converted, with or without a unit after it: a query ends where the text goes on
    # (设三 | 三年), so a rule that looked at the next character would normalise the two differently.
    run, mult = m.group(2), m.group(3)
    v = value_of(run)
    return f"{_num(v)}{mult}" if v is not None else None


def _num(v: float) -> str:
    return str(int(v)) if float(v).is_integer() else str(v)


def base_form(text: str) -> str:
    """Half-width, lower case, simplified: the same length as ``text``, character for character.

    The pinyin keys are built on this, not on the normal form: numerals must keep their sound for
    pinyin (十大 is typed shida, 两院 liangyuan), while the normal form turns them into digits so that
    一百三十五亿 meets 135亿. Being the same length, it maps a pinyin match straight back to the text."""
    return _t2s(half_width(text))


def norm(text: str, base: str | None = None) -> str:
    """The normal form alone. Indexing needs no offsets, and building them (a list per character) was
    half the cost of normalising a corpus."""
    base = base_form(text) if base is None else base
    if not any(ch in base for ch in "零〇一二三四五六七八九十百千两平㎡"):
        return base
    return _NUMERAL.sub(numeral_text, base)


_SEEN: dict[str, str] = {}


def numeral_text(m: re.Match[str]) -> str:
    """What a match of ``_NUMERAL`` becomes (itself when it has no value), kept by its text, which alone
    decides the groups it fills: a corpus says 一 and 十 over and over."""
    text = m.group(0)
    if (got := _SEEN.get(text)) is None:
        if len(_SEEN) >= 50_000:
            _SEEN.clear()
        got = _SEEN[text] = text if (rep := _replacement(m)) is None else rep
    return got


_TONELESS = str.maketrans({**{c: "a" for c in "āáǎà"}, **{c: "e" for c in "ēéěèê"}, **{c: "i" for c in "īíǐì"},
                            **{c: "o" for c in "ōóǒò"}, **{c: "u" for c in "ūúǔù"}, **{c: "v" for c in "üǖǘǚǜ"},
                            "ń": "n", "ň": "n", "ǹ": "n", "ḿ": "m"})


def _pinyin_dict() -> dict[int, str]:
    """pypinyin's table of readings by code point. Importing ``pypinyin.pinyin_dict`` runs the package's
    ``__init__`` first, which loads its phrase dictionary too (0.2-0.3 s); indexing needs the table alone,
    so its module is loaded straight from its file when pypinyin is not imported yet."""
    import importlib.util
    import sys

    if "pypinyin" not in sys.modules:
        spec = importlib.util.find_spec("pypinyin")
        if spec is not None and spec.submodule_search_locations:
            for folder in spec.submodule_search_locations:
                path = Path(folder) / "pinyin_dict.py"
                file_spec = importlib.util.spec_from_file_location("_yuelan_pinyin_dict", path)
                if path.is_file() and file_spec is not None and file_spec.loader is not None:
                    module = importlib.util.module_from_spec(file_spec)
                    file_spec.loader.exec_module(module)
                    table: dict[int, str] = module.pinyin_dict
                    return table
    from pypinyin.pinyin_dict import pinyin_dict

    return pinyin_dict


@cache
def _tables() -> tuple[dict[int, str], dict[int, str], dict[str, str]]:
    """Code point → syllable code, code point → initial, syllable → code (from the cache, see ``derived``)."""
    return cached("tables", _build_tables)


def _build_tables() -> tuple[dict[int, str], dict[int, str], dict[str, str]]:
    pinyin_dict = _pinyin_dict()
    syllables: dict[int, str] = {}
    for cp, readings in pinyin_dict.items():
        comma = readings.find(",")
        first = readings if comma < 0 else readings[:comma]
        syllables[cp] = first.translate(_TONELESS).lower()
    for digit, reading in zip("0123456789", ("ling", "yi", "er", "san", "si", "wu", "liu", "qi", "ba", "jiu"),
                              strict=True):
        syllables[ord(digit)] = reading  # numerals are digits in the normal form: 七大 → 7大 reads qi da
    names = sorted(set(syllables.values()))
    code = {s: chr(PUA + i) for i, s in enumerate(names)}
    syl_map = {cp: code[s] for cp, s in syllables.items()}
    ini_map = {cp: s[0] for cp, s in syllables.items() if s}
    for i in range(len(names)):  # a private-use character in the text must not pass for a syllable's code
        syl_map.setdefault(PUA + i, "\ufffd")
        ini_map.setdefault(PUA + i, "\ufffd")
    return syl_map, ini_map, code


def syllable_key(normal: str) -> str:
    return normal.translate(_tables()[0])


def initials_key(normal: str) -> str:
    return normal.translate(_tables()[1])


def pinyin_syllables(letters: str) -> list[str] | None:
    """'dongjiakou' → ['dong', 'jia', 'kou'] (fewest syllables); None if the letters are not pinyin."""
    code = _tables()[2]
    if "'" in letters.strip("'"):  # xi'an: the apostrophe is where a syllable ends
        pieces = [pinyin_syllables(part) for part in letters.split("'") if part]
        return None if any(p is None for p in pieces) else [x for p in pieces for x in p]  # type: ignore[union-attr]
    s = letters.lower().replace("'", "").replace(" ", "").replace("ü", "v")
    n = len(s)
    best: list[list[str] | None] = [None] * (n + 1)
    best[0] = []
    for i in range(n):
        if best[i] is None:
            continue
        for j in range(min(n, i + 6), i, -1):
            piece = s[i:j]
            if piece in code and (best[j] is None or len(best[j]) > len(best[i]) + 1):  # type: ignore[arg-type]
                best[j] = [*best[i], piece]  # type: ignore[misc]
    return best[n] or None


def pinyin_segmentations(letters: str, most: int = 3) -> list[list[str]]:
    """Every way to read the letters as the fewest syllables, up to ``most``: 'pingan' is ping-an or
    pin-gan, 'jiangou' jian-gou or jiang-ou. Typists rarely type the apostrophe that tells them apart, so
    each reading is looked up. The first is ``pinyin_syllables``'s."""
    first = pinyin_syllables(letters)
    if not first:
        return []
    if "'" in letters.strip("'"):
        return [first]  # the typist said where the syllables end
    code = _tables()[2]
    s = letters.lower().replace("'", "").replace(" ", "").replace("ü", "v")
    size = len(first)
    out: list[list[str]] = [first]

    def walk(i: int, acc: list[str]) -> None:
        if len(out) >= most or len(acc) > size:
            return
        if i == len(s):
            if len(acc) == size and acc not in out:
                out.append(list(acc))
            return
        for j in range(min(len(s), i + 6), i, -1):  # longer syllables first: ping-an before pin-gan
            if s[i:j] in code:
                acc.append(s[i:j])
                walk(j, acc)
                acc.pop()

    walk(0, [])
    return out


def pinyin_keys(letters: str, most: int = 8) -> list[str]:
    """The keys to look up for typed pinyin: the plain key of each reading of the letters, and where runs
    of syllables are words whose characters read otherwise alone, the key the index holds for those words.
    The index keys a character by its commonest reading (行 xing, 重 zhong), so 'yinhang' must also look
    for 银行's key yin-xing and 'chongqing' for 重庆's zhong-qing. Overlapping runs are settled by word
    frequency (银行 over 齿龈); each run is also tried alone, since a run that matched a word by accident
    (湾湾 read as 莞莞) must not spoil the real one (都市)."""
    keys: list[str] = []
    for sylls in pinyin_segmentations(letters):
        for key in _keys_of(sylls):
            if key not in keys:
                keys.append(key)
    return keys[:most]


def _keys_of(sylls: list[str]) -> list[str]:
    code = _tables()[2]
    plain = [code[p] for p in sylls]
    words = _polyphone_words()
    runs = []
    for i in range(len(sylls)):
        for size in (4, 3, 2):
            found = words.get(tuple(sylls[i:i + size])) if i + size <= len(sylls) else None
            if found:
                freq, key = max(found)
                runs.append((-freq, -size, i, key))
    variant = _overlaid(plain, [(i, -neg_size, key) for _, neg_size, i, key in sorted(runs)])
    keys = ["".join(plain)]
    if variant != plain:
        keys.append("".join(variant))
    if len(runs) > 1:
        for _, neg_size, i, key in sorted(runs):
            keys.append("".join(plain[:i] + list(key) + plain[i - neg_size:]))
    return keys


def initials_variants(letters: str, most: int = 3) -> list[str]:
    """Other initials to look up for typed initials of four letters or more: where a run of them spells
    the initials of a common word whose characters read otherwise alone (银行 is yh as read, yx as
    indexed), the initials the index holds for it; the commonest words first; and where several such words
    do not overlap, all of them at once. Shorter input is too ambiguous to widen."""
    s = letters.lower()
    if len(s) < 4:
        return []
    table = _polyphone_initials()
    found: list[tuple[int, int, int, str]] = []
    for i in range(len(s)):
        for size in (4, 3, 2):
            for freq, alt in table.get(s[i:i + size], ()) if i + size <= len(s) else ():
                found.append((-freq, i, size, alt))
    out: list[str] = []
    for _, i, size, alt in sorted(found):
        key = s[:i] + alt + s[i + size:]
        if key != s and key not in out:
            out.append(key)
        if len(out) >= most:
            break
    # and the commonest words that do not overlap, all read as indexed (yhfhz: 银行副行长 is yxfxz)
    both = "".join(_overlaid(list(s), [(i, size, alt) for _, i, size, alt in sorted(found)]))
    return out + [both] if both != s and both not in out else out


def _overlaid(items: list[str], runs: list[tuple[int, int, str]]) -> list[str]:
    """``items`` with each run (start, size, replacement of that size) written over them, in the order given,
    but none that overlaps one already written: the first runs win."""
    out = list(items)
    taken: set[int] = set()
    for i, size, key in runs:
        span = set(range(i, i + size))
        if not taken & span:
            out[i:i + size] = list(key)
            taken |= span
    return out


def warm_up() -> None:
    """Build the pinyin tables (syllables, and the words read otherwise than their characters: ~1 s) before
    the first pinyin query needs them."""
    from tui import numerals
    from tui.search.keys import initials_of

    initials_of(""), initials_of(" " * 64)  # its tables (~15 ms), which an initials query's hits need
    _tables()
    _polyphone_words()
    _polyphone_initials()
    numerals.warm_up()


COMMON_WORD = 150  # jieba dictionary frequency above which a word is common enough to widen initials


@cache
def _polyphone_initials() -> dict[str, tuple[tuple[int, str], ...]]:
    """Initials as read in a common word → (frequency, initials the index holds), where the two differ."""
    return cached("polyphone_initials", _build_polyphone_initials)


def _build_polyphone_initials() -> dict[str, tuple[tuple[int, str], ...]]:
    names = {v: k for k, v in _tables()[2].items()}
    freq = _word_freq()
    out: dict[str, dict[str, int]] = {}
    for phrase, sylls, key in _polyphone_entries():
        f = freq.get(phrase, 0)
        ini = "".join(names[ch][0] for ch in key)
        read = "".join(x[0] for x in sylls)
        if f >= COMMON_WORD and ini != read:
            slot = out.setdefault(read, {})
            slot[ini] = max(slot.get(ini, 0), f)
    return {k: tuple(sorted(((f, i) for i, f in v.items()), reverse=True)) for k, v in out.items()}


@cache
def _word_freq() -> dict[str, int]:
    """Word frequencies from jieba's dictionary file, read directly (no segmenter is loaded)."""
    import importlib.util
    import os

    spec = importlib.util.find_spec("jieba")
    out: dict[str, int] = {}
    if spec is None or not spec.origin:
        return out
    try:
        with open(os.path.join(os.path.dirname(spec.origin), "dict.txt"), encoding="utf-8") as fh:
            for line in fh:
                parts = line.split(" ")
                if len(parts) >= 2 and 2 <= len(parts[0]) <= 4:
                    out[parts[0]] = int(parts[1]) if parts[1].isdigit() else 0
    except OSError:
        pass
    return out


@cache
def _polyphone_words() -> dict[tuple[str, ...], frozenset[tuple[int, str]]]:
    """Syllables as read in a word (pypinyin's phrase dictionary) → (jieba frequency, the syllable key the
    index holds for it), for the words whose reading differs from their characters' commonest readings
    (银行, 重庆, 行业, 音乐 …)."""
    return cached("polyphone_words", _build_polyphone_words)


def _build_polyphone_words() -> dict[tuple[str, ...], frozenset[tuple[int, str]]]:
    freq = _word_freq()
    out: dict[tuple[str, ...], set[tuple[int, str]]] = {}
    for phrase, sylls, key in _polyphone_entries():
        out.setdefault(sylls, set()).add((freq.get(phrase, 0), key))
    return {k: frozenset(v) for k, v in out.items()}


@cache
def _polyphone_entries() -> tuple[tuple[str, tuple[str, ...], str], ...]:
    """(word, its syllables as read, the syllable key the index holds for it) where the two keys differ."""
    from pypinyin.phrases_dict import phrases_dict

    syl_map, _, code = _tables()
    out = []
    for phrase, readings in phrases_dict.items():
        if not 2 <= len(phrase) <= 4 or len(readings) != len(phrase):
            continue
        sylls = tuple(r[0].translate(_TONELESS).lower() for r in readings)
        if any(x not in code for x in sylls):
            continue
        indexed = phrase.translate(syl_map)
        if len(indexed) == len(phrase) and indexed != "".join(code[x] for x in sylls):
            out.append((phrase, sylls, indexed))
    return tuple(out)
