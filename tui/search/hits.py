"""What a search answers: hits (a paragraph, its score and where the query matched) and a page of them
with the totals. Apart from the engine so that the CLI, the reader and exports can name them cheaply."""

from __future__ import annotations

from dataclasses import dataclass

HEADLINE_KINDS = ("title", "heading")  # paragraph kinds that are headlines (they rank below the body)


class Cancelled(Exception):
    """A search given up because a newer one started (the reader cancels as the user types on)."""


@dataclass(frozen=True, slots=True)
class Hit:
    article: str
    path: str
    title: str
    paragraph: int
    text: str
    score: float
    matches: tuple[tuple[int, int], ...]
    lines: tuple[int, int] = (0, 0)
    date: str | None = None
    kind: str = "body"
    line: int = 0  # the source line of the first match (0: the paragraph's first line)

    @property
    def headline(self) -> bool:
        return self.kind in HEADLINE_KINDS

    @property
    def cited_line(self) -> int:
        """The line to cite: the first match's, else the paragraph's first."""
        return self.line or self.lines[0]

    def to_dict(self) -> dict[str, object]:
        return {"path": self.path, "article": self.article, "title": self.title, "paragraph": self.paragraph,
                "text": self.text, "score": round(self.score, 2), "matches": [list(m) for m in self.matches],
                "lines": list(self.lines), "line": self.cited_line, "date": self.date}


@dataclass(frozen=True)
class Found:
    """One page of hits, and how many paragraphs and articles match in all. Not ``complete``: a first page
    found before every hit was counted (``search.quick``), the totals at least these. ``note``: why there
    is nothing, when the filters alone leave nothing (no article dated so, or in that folder)."""

    hits: list[Hit]
    total: int
    articles: int
    complete: bool = True
    note: str = ""
