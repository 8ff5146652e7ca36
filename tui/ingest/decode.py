"""Turn a file's bytes into text, or say in one line why not.

Chinese corpora arrive as UTF-8 (with or without BOM), GB18030/GBK from older Windows tools, UTF-16 from
Word exports, and "mostly UTF-8" files that a bad copy damaged. Order of trust: a BOM, then strict UTF-8,
then UTF-8 with a handful of bad bytes replaced, then charset-normalizer's verdict on a sample (GB family
widened to GB18030, its superset). Binary and empty files are refused, not guessed at.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

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
_GB_FAMILY = {"gb2312", "gbk", "gb18030", "hz", "hz_gb_2312", "cp936"}
_BAD_RATIO = 0.005  # more replaced bytes than this and the file is not "mostly UTF-8"


class DecodeError(ValueError):
    """The file cannot be read as text; the message is the user-facing reason."""


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    encoding: str
    replaced: int = 0  # characters that had to be replaced with U+FFFD


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
        raise DecodeError("binary file (contains NUL bytes)")
    try:
        return _finish(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    if bad <= max(1, len(data) * _BAD_RATIO) and _looks_utf8(data):
        return _finish(text, "utf-8", bad)
    encoding = _detect(data)
    if encoding is None:
        raise DecodeError("undecodable: not UTF-8, GB18030 or another known text encoding")
    text = data.decode(encoding, errors="replace")
    return _finish(text, encoding, text.count("\ufffd"))


def _looks_utf8(data: bytes) -> bool:
    """Most multi-byte sequences are valid UTF-8 (a GBK file has almost none)."""
    sample = data[:SAMPLE]
    high = sum(1 for b in sample if b >= 0x80)
    if high == 0:
        return True
    valid = len(sample.decode("utf-8", errors="ignore").encode("utf-8"))
    ascii_count = len(sample) - high
    return (valid - ascii_count) >= 0.9 * high


def _detect(data: bytes) -> str | None:
    sample = data[:SAMPLE]
    try:
        sample.decode("gb18030")
        strict_gb = True
    except UnicodeDecodeError:
        strict_gb = False
    best = from_bytes(sample).best()
    if best is not None:
        enc = best.encoding.lower().replace("-", "_")
        if enc in _GB_FAMILY or (strict_gb and enc in {"big5", "cp950", "euc_jp", "cp932", "euc_kr"}):
            return "gb18030" if strict_gb or enc in _GB_FAMILY else enc
        return best.encoding
    return "gb18030" if strict_gb else None


_CONTROLS = re.compile("[\x00-\x08\x0d-\x1f]")  # control characters but tab, newline, \v, \f (\r is gone)


def _finish(text: str, encoding: str, replaced: int = 0) -> Decoded:
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if text.startswith("\ufeff"):
        text = text[1:]
    sample = text[:SAMPLE]
    controls = len(_CONTROLS.findall(sample))
    if sample and controls > 0.05 * len(sample):
        raise DecodeError("binary file (too many control characters)")
    if not text.strip():
        raise DecodeError("only whitespace")
    return Decoded(visible(text), encoding, replaced)  # controls made visible, one for one
