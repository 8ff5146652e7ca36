"""Filtering and sorting search results by date and by folder, before they are paged.

In a query: ``乡村振兴 since:2024-01 until:2024-06 in:2024 sort:newest`` (dates as ``2024``, ``2024-06`` or
``2024-06-30``; ``in:`` a folder of the corpus; ``sort:`` relevance, newest or oldest); on the command line
the same as ``--since``, ``--until``, ``--in`` and ``--sort``. A filter applies to every ranked hit before
the page is cut, so a filtered result is as complete as any, and its total counts what passed. Articles
with no date are left out by a date filter and listed last when sorted by date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

SORTS = ("relevance", "newest", "oldest")
_TOKEN = re.compile(r"(?<!\S)(since|until|in|sort):(\S*)")
_DATE = re.compile(r"^(?:19|20)[0-9]{2}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12][0-9]|3[01]))?)?$")
Ranked = list[tuple[float, int, str]]  # (score, row id, article), best first


class QueryError(ValueError):
    """A filter the user wrote that cannot be read; the message is one line."""


@dataclass(frozen=True)
class Filters:
    since: str | None = None
    until: str | None = None
    within: str | None = None  # a folder of the corpus (``in:``)
    sort: str = "relevance"

    @property
    def active(self) -> bool:
        return bool(self.since or self.until or self.within) or self.sort != "relevance"

    def over(self, other: Filters) -> Filters:
        """These filters, with the ones ``other`` sets taking their place (the command line's flags over
        what the query says)."""
        return Filters(other.since or self.since, other.until or self.until, other.within or self.within,
                       other.sort if other.sort != "relevance" else self.sort)

    def written(self) -> str:
        """The date and folder filters as a query writes them (``since:2030 in:2024``)."""
        pairs = (("since", self.since), ("until", self.until), ("in", self.within))
        return " ".join(f"{k}:{v}" for k, v in pairs if v)

    def keeps(self, date: str | None, path: str) -> bool:
        if (self.since or self.until) and not date:
            return False
        if self.since and date is not None and date < self.since:
            return False
        if self.until and date is not None and date[:len(self.until)] > self.until:
            return False
        return self.within is None or path == self.within or path.startswith(self.within + "/")


def date_arg(value: str, what: str) -> str:
    """A date as the filters compare them: 2024, 2024-06 or 2024-06-30 (20240630 and 2024/06 read too)."""
    text = value.strip().replace("/", "-").replace(".", "-")
    if re.fullmatch(r"[0-9]{8}", text):
        text = f"{text[:4]}-{text[4:6]}-{text[6:]}"
    elif re.fullmatch(r"[0-9]{6}", text):
        text = f"{text[:4]}-{text[4:]}"
    if not _DATE.match(text):
        raise QueryError(f"{what} wants a date like 2024, 2024-06 or 2024-06-30, not “{value}”")
    return text


def make(since: str | None = None, until: str | None = None, within: str | None = None,
         sort: str | None = None) -> Filters:
    """Filters from their written forms, checked (a QueryError says what is wrong)."""
    if sort and sort not in SORTS:
        raise QueryError(f"sort: is one of {', '.join(SORTS)}, not “{sort}”")
    folder = within.strip().strip("/") if within else None
    return Filters(date_arg(since, "since:") if since else None, date_arg(until, "until:") if until else None,
                   folder or None, sort or "relevance")


def split_query(query: str) -> tuple[str, Filters]:
    """The words to search for, and the filters written among them."""
    found: dict[str, str] = {}
    for m in _TOKEN.finditer(query):
        if not m.group(2):
            raise QueryError(f"{m.group(1)}: needs a value (since:2024-01, in:2024, sort:newest)")
        found[m.group(1)] = m.group(2)
    if not found:
        return query, Filters()
    return _TOKEN.sub(" ", query), make(found.get("since"), found.get("until"), found.get("in"), found.get("sort"))


def apply(ranked: Ranked, meta: dict[str, tuple[str | None, str]], filters: Filters) -> Ranked:
    """The ranked hits whose article passes, in the order asked for (by date, then by score)."""
    kept = [r for r in ranked if r[2] in meta and filters.keeps(*meta[r[2]])]
    if filters.sort == "relevance":
        return kept
    newest = filters.sort == "newest"
    dated = [r for r in kept if meta[r[2]][0]]
    undated = [r for r in kept if not meta[r[2]][0]]
    # a stable sort by date alone keeps the ranking's order (score, then index order) among equal dates
    dated.sort(key=lambda r: meta[r[2]][0] or "", reverse=newest)
    return dated + undated


__all__ = ["SORTS", "Filters", "QueryError", "apply", "date_arg", "make", "split_query"]
