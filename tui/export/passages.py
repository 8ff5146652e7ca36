"""A quoted passage and where it came from: enough to cite it as file:lines and to find it again."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from tui.model import Article

if TYPE_CHECKING:
    from tui.search.engine import Hit


@dataclass(frozen=True, slots=True)
class Passage:
    text: str
    path: str
    article: str
    title: str
    paragraph: int
    lines: tuple[int, int]
    date: str | None = None
    note: str = ""  # the user's note on the passage (basket ``n``), exported with it
    last: int = 0  # for a range marked with v: its last paragraph (the text holds them all); else 0

    @property
    def last_paragraph(self) -> int:
        """The passage's last paragraph: its own for one paragraph, the range's end for a range."""
        return max(self.last, self.paragraph)

    @property
    def paragraphs(self) -> str:
        return f"paragraphs {self.paragraph}–{self.last}" if self.last > self.paragraph else f"paragraph {self.paragraph}"

    def citation(self) -> str:
        a, b = self.lines
        where = f"lines {a}–{b}" if a != b else f"line {a}"
        parts = [self.title, f"{self.path}, {where}, {self.paragraphs}"]
        if self.date:
            parts.append(self.date)
        return " — ".join(parts[:1]) + " — " + ", ".join(parts[1:])

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "path": self.path, "article": self.article, "title": self.title,
                "paragraph": self.paragraph, "last_paragraph": self.last_paragraph, "lines": list(self.lines),
                "date": self.date, "note": self.note}


def from_article(article: Article, indices: list[int] | None = None) -> list[Passage]:
    chosen = article.paragraphs if indices is None else [article.paragraphs[i - 1] for i in indices
                                                         if 1 <= i <= len(article.paragraphs)]
    return [Passage(p.text, article.path, article.id, article.title, p.index, p.lines, article.date) for p in chosen]


def as_one(passages: list[Passage]) -> Passage:
    """Consecutive paragraphs of one article (a range marked with v) as one passage: their texts one after
    another, cited from the first line of the first to the last line of the last."""
    first, end = passages[0], passages[-1]
    if len(passages) == 1:
        return first
    return Passage("\n\n".join(p.text for p in passages), first.path, first.article, first.title, first.paragraph,
                   (first.lines[0], end.lines[1]), first.date, last=end.paragraph)


def from_hit(hit: Hit) -> Passage:
    """A search hit quoted as it stands: its whole paragraph."""
    return Passage(hit.text, hit.path, hit.article, hit.title, hit.paragraph, hit.lines, hit.date)


def parse_range(spec: str, count: int) -> list[int]:
    """'3-5' → [3, 4, 5]; '2,4,7' → [2, 4, 7], for an article of ``count`` paragraphs. A number outside
    1..count, a backwards range or anything but digits is a ValueError with a one-line reason (a range
    is checked before it is expanded, so 1-1000000000 costs nothing)."""
    out: list[int] = []
    for part in spec.replace("，", ",").split(","):
        part = part.strip()
        if not part:
            continue
        a, dash, b = part.partition("-")
        first = _number(a)
        last = _number(b) if dash else first
        if first > last:
            raise ValueError(f"{part} runs backwards")
        if first < 1 or last > count:
            raise ValueError(f"{part} is outside 1-{count} (the article has {count} paragraphs)")
        out.extend(range(first, last + 1))
    if not out:
        raise ValueError("no paragraph numbers")
    return out


def _number(text: str) -> int:
    text = text.strip()
    if not text.isascii() or not text.isdigit():
        raise ValueError(f"{text!r} is not a paragraph number: use 3-5 or 2,4,7")
    return int(text)
