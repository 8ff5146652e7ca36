"""SQL that asks whether a stored key holds a pattern, compared as bytes.

SQLite's ``instr`` on text converts every UTF-16 value it reads to UTF-8 first; on the keys of the rows a
look-up must check, that conversion was half the check's time. Cast to a blob, the key is compared as it is
stored. In UTF-16 a byte match may start inside a character (an odd offset, 1-based even); a row whose first
byte match is such is checked again as text, so the answer is exact.
"""

from __future__ import annotations

import sqlite3
from typing import Any

KEY_COLUMNS = ("norm", "syl")


def codec_of(db: sqlite3.Connection) -> str:
    """The Python codec of the database's text encoding (a file's is fixed when it is made)."""
    name = str(db.execute("PRAGMA encoding").fetchone()[0]).lower()
    return {"utf-16le": "utf-16-le", "utf-16be": "utf-16-be"}.get(name, "utf-8")


def holds(column: str, codec: str) -> str:
    """A condition true when ``column`` holds the pattern; its arguments come from ``holds_args``."""
    if column not in KEY_COLUMNS:
        raise ValueError(column)
    found = f"instr(CAST({column} AS BLOB), ?)"
    if codec == "utf-8":  # UTF-8 cannot match inside a character
        return f"{found} > 0"
    return f"({found} % 2 = 1 OR ({found} > 0 AND instr({column}, ?) > 0))"


def holds_args(pattern: str, codec: str) -> tuple[Any, ...]:
    raw = pattern.encode(codec, "surrogatepass")
    return (raw,) if codec == "utf-8" else (raw, raw, pattern)
