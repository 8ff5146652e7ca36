"""What the search screen says of a search: the count of its hits, with the filters in words; and the
tail of a path that fits a hit's line."""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text

from tui.safe_text import one_line
from tui.search.hits import Found


def count_said(query: str, found: Found) -> Text:
    """The status line: "22774 matches in 7256 articles, since 2024-01", or "≥ 300 matches (counting all)"
    while a common word's first page is shown before every hit is counted. A ``Text``: the folder of an
    ``in:`` filter is the user's, never read as markup."""
    if found.complete:
        count = "1 match" if found.total == 1 else f"{found.total} matches"
        where = f"in {found.articles} {'article' if found.articles == 1 else 'articles'}"
    else:
        count, where = f"≥ {found.total} matches", "(counting all)"
    return Text(f"{count} {where}{one_line(filters_said(query))} — Enter opens · ↓ to choose (scroll on for all) · space marks")


def same_page(first: Found, full: Found) -> bool:
    """Whether the full search's first page begins with the hits a quick first page showed."""
    shown = [(h.article, h.paragraph) for h in first.hits]
    return shown == [(h.article, h.paragraph) for h in full.hits[:len(shown)]]


def tail(text: str, cells: int) -> str:
    """The end of ``text`` that fits in ``cells`` columns."""
    out = ""
    for ch in reversed(text):
        if cell_len(ch + out) > cells:
            break
        out = ch + out
    return out


def filters_said(query: str) -> str:
    """The filters a query applies, in words, for the status line (", newest first, since 2024-01")."""
    from tui.search.query import parse

    try:
        f = parse(query).filters
    except ValueError:
        return ""
    parts = [f"{f.sort} first"] if f.sort != "relevance" else []
    parts += [f"{word} {value}" for word, value in (("since", f.since), ("until", f.until), ("in", f.within))
              if value]
    return (", " + ", ".join(parts)) if parts else ""
