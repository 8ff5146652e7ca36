"""Untrusted text made safe for a terminal: control characters made visible, JSON that escapes them.

Text from a corpus, a file name or a user may carry escape sequences (OSC 52 writes the clipboard, OSC 2
retitles the window, CSI clears the screen) and C1 controls that some terminals obey as well. Nothing
such text holds may reach a terminal as a control: each C0 control (but newline and tab where lines are
kept), DEL and each C1 control becomes a visible picture of itself, one character for one, so that
offsets into a paragraph still hold. A lone surrogate (a file name's byte that was not UTF-8, as Python
decodes it; a JSON escape such as ``\ud800``) cannot be written to a UTF-8 terminal at all: it becomes
U+FFFD. Rich and Textual markup is a separate danger: the UI builds ``rich.text.Text`` objects from such
text and never parses it as markup.
"""

from __future__ import annotations

import json
import re
from typing import Any

# C0 → the Unicode control pictures (U+2400 + code, ␛ for ESC), DEL → ␡, C1 and lone surrogates → U+FFFD
_C0 = {c: 0x2400 + c for c in range(0x20)}
_TABLE_LINES: dict[int, int] = {**_C0, 0x7F: 0x2421, **{c: 0xFFFD for c in (*range(0x80, 0xA0), *range(0xD800, 0xE000))}}
del _TABLE_LINES[0x0A], _TABLE_LINES[0x09]
_TABLE_ONE_LINE: dict[int, int] = {**_TABLE_LINES, 0x0A: 0x2424, 0x09: 0x2409}
_UNSAFE_LINES = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")
_UNSAFE_ONE_LINE = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff]")
_JSON_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029]")


def visible(text: str) -> str:
    """Controls made visible, keeping newlines and tabs (for text that spans lines)."""
    return text.translate(_TABLE_LINES) if _UNSAFE_LINES.search(text) else text


def one_line(text: str) -> str:
    """Controls made visible, newlines and tabs too (file names, titles, a query echoed back)."""
    return text.translate(_TABLE_ONE_LINE) if _UNSAFE_ONE_LINE.search(text) else text


def has_controls(text: str) -> bool:
    return _UNSAFE_LINES.search(text) is not None


def dumps(obj: Any, **kw: Any) -> str:
    """``json.dumps`` that keeps Chinese readable (no ``\\uXXXX`` for Han) but escapes every control:
    the standard library escapes C0 itself; DEL, C1 and the two JSON-breaking line separators are escaped
    here."""
    out = json.dumps(obj, ensure_ascii=False, **kw)
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group(0)):04x}", out)
