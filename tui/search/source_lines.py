"""The source line a match stands on, for citing a hit by the line that holds it rather than the first
line of its paragraph.

A paragraph keeps the first and last line of the file it was reflowed from, not where each line break
was. A match's line is found when a hit is shown: the paragraph's source lines are read (decoded as the
loader decodes them) and their characters counted, whitespace left out, until the match's offset is
reached. A one-line paragraph (most of a news archive; every paragraph of a JSON Lines record) needs no
reading at all.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from tui.ingest.decode import DecodeError, decode

_SPACE = re.compile(r"\s")


def line_of(root: Path, path: str, lines: tuple[int, int], text: str, offset: int) -> int:
    """The 1-based source line of ``text[offset]``, a paragraph on ``lines`` of ``root / path``; the
    paragraph's first line when the file cannot be read or has changed."""
    first, last = lines
    if last <= first or offset <= 0:
        return first
    try:
        stamp = (root / path).stat().st_mtime_ns
    except OSError:
        return first
    source = _lines(root / path, stamp)[first - 1:last]
    if not source:
        return first
    before = _visible(text[:offset])
    seen = 0
    for k, line in enumerate(source):
        seen += _visible(line)
        if seen > before:
            return first + k
    return last


def _visible(text: str) -> int:
    """Characters that are not whitespace (counted in C: a generator over every character of a page of
    hits cost a third of the page's time)."""
    return len(text) - len(_SPACE.findall(text))


@lru_cache(maxsize=64)
def _lines(path: Path, stamp: int) -> list[str]:
    """The file's lines, cached by path and modification time (a file edited since is read again)."""
    try:
        return decode(path.read_bytes()).text.splitlines()
    except (OSError, DecodeError):
        return []
