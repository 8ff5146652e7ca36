"""Completion for the search box: the filters a query may carry, offered as the user types them.

Typing ``so`` offers ``sort:``; ``sort:n`` offers ``sort:newest``; ``in:2`` offers the corpus's folders
that start so (``in:2023``); ``since:``/``until:`` offer a year from the corpus's dates. The suggestion
shows greyed after the cursor and → (or End) takes it, as Textual's ``Input`` does with any suggester.
Only the word being typed is completed, and never a search word: the words are the user's.
"""

from __future__ import annotations

from collections.abc import Callable

from textual.suggester import Suggester

from tui.search.filters import SORTS

KEYWORDS = ("since:", "until:", "in:", "sort:")
HINT = '"exact phrase" · -leave out · a | b · since:2024-01 until:2024-06 · in:folder · sort:newest · → completes'


class FilterSuggester(Suggester):
    """Completes the filter being typed at the end of the query. ``folders`` and ``years`` are asked when
    needed (the index may still be building when the screen opens)."""

    def __init__(self, folders: Callable[[], list[str]], years: Callable[[], list[str]]) -> None:
        super().__init__(use_cache=False, case_sensitive=True)
        self.folders = folders
        self.years = years

    async def get_suggestion(self, value: str) -> str | None:
        return complete(value, self.folders, self.years)


def complete(value: str, folders: Callable[[], list[str]], years: Callable[[], list[str]]) -> str | None:
    """The whole query with its last word completed, or None."""
    if not value or value[-1].isspace():
        return None
    head, _, word = value.rpartition(" ")
    prefix = f"{head} " if head else ""
    if ":" not in word:
        if len(word) < 2:
            return None  # a letter or two of pinyin is not yet a filter
        match = next((k for k in KEYWORDS if k.startswith(word) and k != word), None)
        return prefix + match if match else None
    key, _, typed = word.partition(":")
    choices = {"sort": lambda: list(SORTS), "in": folders, "since": years, "until": years}.get(key)
    if choices is None:
        return None
    match = next((c for c in choices() if c.startswith(typed) and c != typed), None)
    return f"{prefix}{key}:{match}" if match else None
