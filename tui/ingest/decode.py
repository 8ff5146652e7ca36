"""Turn a file's bytes into text, or say in one line why not.

Chinese corpora arrive as UTF-8 (with or without BOM), GB18030/GBK from older Windows tools, UTF-16 from
Word exports (with or without a BOM), Big5 from Taiwan and Hong Kong, and "mostly UTF-8" files that a
bad copy damaged. Order of trust: a BOM, UTF-16 told by where its NUL bytes fall, strict UTF-8, UTF-8
with a few bad bytes replaced (and a warning), then the legacy encodings that read the text cleanly,
scored by how common the characters they give are; a decoding that stays doubtful carries a warning.
Binary and empty files are refused, not guessed at.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from functools import lru_cache

from charset_normalizer import from_bytes

from tui.safe_text import visible

SAMPLE = 64 * 1024
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_LEGACY = ("gb18030", "big5", "shift_jis", "euc_jp")  # tried in this order; ties go to the first
_CHINESE = {"gb18030", "big5", "gbk", "gb2312", "cp936", "cp950", "big5hkscs", "hz"}
_BAD_RATIO = 0.01  # more replaced characters than this and the file is not "mostly UTF-8"
_DOUBTFUL = 0.6  # a decoding whose wide characters are less common than this is probably wrong


class DecodeError(ValueError):
    """The file cannot be read as text; the message is the user-facing reason."""


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    encoding: str
    replaced: int = 0  # characters that had to be replaced with U+FFFD
    doubt: str | None = None  # why the decoding may be wrong, for a warning that names the file


def decode(data: bytes) -> Decoded:
    if not data.strip():
        raise DecodeError("empty file" if not data else "only whitespace")
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return _finish(data.decode(enc), enc)
            except UnicodeDecodeError:
                text = data.decode(enc, errors="replace")
                return _finish(text, enc, text.count("\ufffd"))
    if b"\x00" in data[:SAMPLE]:
        utf16 = _utf16_without_bom(data)
        if utf16 is None:
            raise DecodeError("binary file (contains NUL bytes)")
        return utf16
    try:
        return _finish(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    if bad <= max(3, len(text) * _BAD_RATIO) and _looks_utf8(data):
        return _finish(text, "utf-8", bad, f"{bad} bytes that are not UTF-8 were replaced with �")
    return _legacy(data)


def _legacy(data: bytes) -> Decoded:
    """A legacy encoding: the candidates that read the sample cleanly, scored by how common the
    characters they produce are (Big5 read as GBK decodes cleanly too, into rare characters)."""
    sample = data[:SAMPLE]
    candidates = list(_LEGACY)
    detected = _detect(sample)
    if detected and detected not in candidates:
        candidates.append(detected)
    scored = []
    for enc in candidates:
        text = _clean_prefix(sample, enc)
        if text is not None:
            scored.append((_commonness(text), -candidates.index(enc), enc))
    if not scored:
        raise DecodeError("undecodable: not UTF-8, GB18030 or another known text encoding")
    score, _, encoding = max(scored)
    text = data.decode(encoding, errors="replace")
    doubt = None
    if score < _DOUBTFUL:
        doubt = f"read as {encoding}, but the text may be garbled (no encoding gave common characters)"
    elif encoding not in _CHINESE:
        doubt = f"read as {encoding}, not a Chinese encoding: check the text"
    return _finish(text, encoding, text.count("\ufffd"), doubt)


def _clean_prefix(sample: bytes, encoding: str) -> str | None:
    """The sample decoded, allowing only a character cut off at its end."""
    try:
        text = sample.decode(encoding, errors="replace")
    except LookupError:
        return None
    bad = text.count("\ufffd")
    return text if bad == 0 or (bad <= 1 and text.rstrip().endswith("\ufffd")) else None


def _commonness(text: str) -> float:
    """Of the characters outside ASCII and punctuation, the share that are common Chinese or Japanese
    characters; 1.0 for text with none (Latin text is judged by charset-normalizer alone)."""
    common = _common_chars()
    wide = [ch for ch in text if ord(ch) >= 0x2E80 and not (0x3000 <= ord(ch) <= 0x303F or 0xFF00 <= ord(ch) <= 0xFFEF)]
    if not wide:
        return 1.0 - 0.5 * (text.count("\ufffd") > 0)
    return sum(ch in common for ch in wide) / len(wide)


@lru_cache(maxsize=1)
def _common_chars() -> frozenset[str]:
    """The 3,755 level-1 characters of GB2312, the 5,401 common characters of Big5 (both read off the
    codecs' own tables), and the kana: what real Chinese or Japanese text is mostly made of."""
    out: set[str] = {chr(c) for c in range(0x3040, 0x3100)}
    for lead in range(0xB0, 0xD8):
        out.update(bytes([lead, t]).decode("gb2312", errors="ignore") for t in range(0xA1, 0xFF))
    for lead in range(0xA4, 0xC7):
        for t in [*range(0x40, 0x7F), *range(0xA1, 0xFF)]:
            out.update(bytes([lead, t]).decode("big5", errors="ignore"))
    out.discard("")
    return frozenset(out)


def _utf16_without_bom(data: bytes) -> Decoded | None:
    """UTF-16 without a byte order mark: ASCII in it leaves NUL bytes on one side of each pair only."""
    sample = data[:SAMPLE]
    even = sample[0::2].count(0)
    odd = sample[1::2].count(0)
    if max(even, odd) < 4 or min(even, odd) > 0.05 * max(even, odd):
        return None
    encoding = "utf-16-le" if odd > even else "utf-16-be"
    try:
        text = data[: len(data) // 2 * 2].decode(encoding)
    except UnicodeDecodeError:
        return None
    if _commonness(text[: SAMPLE // 2]) < _DOUBTFUL:
        return None
    return _finish(text, encoding)


def _looks_utf8(data: bytes) -> bool:
    """Most multi-byte sequences are valid UTF-8 (a GBK file has almost none)."""
    sample = data[:SAMPLE]
    high = sum(1 for b in sample if b >= 0x80)
    if high == 0:
        return True
    valid = len(sample.decode("utf-8", errors="ignore").encode("utf-8"))
    ascii_count = len(sample) - high
    return (valid - ascii_count) >= 0.9 * high


def _detect(sample: bytes) -> str | None:
    best = from_bytes(sample).best()
    return best.encoding.lower().replace("-", "_") if best is not None else None


_CONTROLS = re.compile("[\x00-\x08\x0d-\x1f]")  # control characters but tab, newline, \v, \f (\r is gone)


def _finish(text: str, encoding: str, replaced: int = 0, doubt: str | None = None) -> Decoded:
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if text.startswith("\ufeff"):
        text = text[1:]
    sample = text[:SAMPLE]
    controls = len(_CONTROLS.findall(sample))
    if sample and controls > max(8, 0.05 * len(sample)):  # a few escape sequences do not make a binary
        raise DecodeError("binary file (too many control characters)")
    if not text.strip():
        raise DecodeError("only whitespace")
    return Decoded(visible(text), encoding, replaced, doubt)  # controls made visible, one for one
