"""One edit: where a pattern occurs in a text with one character missing, extra or swapped for another.

Used to score and locate a query typed with one mistake (措施行动 typed 措施行, 董家口 typed 董嘉口) without a
fuzzy scan of the whole paragraph: each of the pattern's one-edit forms is a regular expression.
"""

from __future__ import annotations

import re
from functools import lru_cache


@lru_cache(maxsize=512)
def _one_edit_patterns(pattern: str) -> tuple[re.Pattern[str], tuple[str, ...]]:
    """A regex for the pattern with one character missing from the query (one more in the text) or
    replaced, and the pattern's one-character deletions (one character too many in the query)."""
    parts = [re.escape(pattern[:i]) + "." + re.escape(pattern[i:]) for i in range(1, len(pattern))]
    parts += [re.escape(pattern[:i]) + "." + re.escape(pattern[i + 1:]) for i in range(1, len(pattern) - 1)]
    deletions = tuple(pattern[:i] + pattern[i + 1:] for i in range(1, len(pattern) - 1))
    return re.compile("|".join(parts), re.S), deletions


def one_edit(pattern: str, hay: str) -> tuple[int, int] | None:
    """Where the text holds the pattern up to one edit inside it (the first and last characters kept,
    so that a stray character at either end does not count), or None."""
    half = len(pattern) // 2
    if pattern[:half] not in hay and pattern[half:] not in hay:
        return None  # one edit leaves one half of the pattern whole: most rows end here, before the regex
    rx, deletions = _one_edit_patterns(pattern)
    m = rx.search(hay)
    if m:
        return m.span()
    for d in deletions:
        at = hay.find(d)
        if at >= 0:
            return (at, at + len(d))
    return None
