"""One edit: where a pattern occurs in a text with one character missing, extra or swapped for another.

Used to score and locate a query typed with one mistake (措施行动 typed 措施行, 董家口 typed 董嘉口) without a
fuzzy scan of the whole paragraph: the pattern's one-edit forms are one regular expression. Scoring many
rows (``scoring``) and lighting a hit use the same expression, compiled once: compiling it costs a cold
query ~0.2 ms a pattern, and both needed it.
"""

from __future__ import annotations

import re
from functools import lru_cache

ANY = "[^\x00]"  # any character but the separator of joined rows (``grams.SEP``): no match crosses rows


@lru_cache(maxsize=512)
def one_edit_rx(pattern: str) -> re.Pattern[str]:
    """The pattern with a character inserted inside it, one of its inner characters swapped for another or
    left out (a character too many in the query); its first and last characters kept."""
    e = [re.escape(c) for c in pattern]
    parts = ["".join(e[:i]) + ANY + "".join(e[i:]) for i in range(1, len(pattern))]
    parts += ["".join(e[:i]) + ANY + "".join(e[i + 1:]) for i in range(1, len(pattern) - 1)]
    parts += ["".join(e[:i] + e[i + 1:]) for i in range(1, len(pattern) - 1)]
    return re.compile("|".join(parts))


def one_edit(pattern: str, hay: str) -> tuple[int, int] | None:
    """Where the text first holds the pattern up to one edit inside it (the first and last characters
    kept, so that a stray character at either end does not count), or None."""
    half = len(pattern) // 2
    if pattern[:half] not in hay and pattern[half:] not in hay:
        return None  # one edit leaves one half of the pattern whole: most rows end here, before the regex
    m = one_edit_rx(pattern).search(hay)
    return m.span() if m else None
