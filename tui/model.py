"""The immutable data model every layer shares.

Frozen dataclasses so that a parsed article can be cached, hashed, handed to a worker thread and shown by
the UI without anyone mutating it under another's feet. Line ranges are 1-based and inclusive so that a
citation ``file:line`` points where an editor would.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any


class Kind(StrEnum):
    """What a paragraph is on the page; the reader styles each differently and search weighs body text."""

    TITLE = "title"
    KICKER = "kicker"  # subtitle / 引题 such as "——— 聚焦…"
    BYLINE = "byline"
    BODY = "body"
    CAPTION = "caption"
    HEADING = "heading"  # a section heading inside an article, or a page banner
    MARKER = "marker"  # (上接第一版) / (下转第六版)
    CREDIT = "credit"  # 主编 … 美编 …, masthead lines, (原文载于…)


@dataclass(frozen=True, slots=True)
class Paragraph:
    """One reflowed paragraph. ``index`` is 1-based within its article, as users count."""

    index: int
    kind: Kind
    text: str
    lines: tuple[int, int]

    def to_dict(self) -> dict[str, Any]:
        return {"index": self.index, "kind": str(self.kind), "text": self.text, "lines": list(self.lines)}


class Family(StrEnum):
    """Numbers carry a value; entities name someone or something."""

    NUMBER = "number"
    ENTITY = "entity"


class Layer(StrEnum):
    """What one toggle key shows or hides: all numbers together, or one entity type."""

    NUMBERS = "numbers"
    PERSON = "person"
    PLACE = "place"
    ORGANIZATION = "organization"

    @property
    def key(self) -> str:
        """The digit that toggles the layer in the reader (1-4, in this order)."""
        return str(list(Layer).index(self) + 1)

    @property
    def types(self) -> tuple[SpanType, ...]:
        return tuple(t for t in SpanType if t.layer is self)


class SpanType(StrEnum):
    """The one span taxonomy. Its string values are what JSON output and the caches hold; the family,
    layer, labels and style key are read from here by the styles, the legend, the side panel, the layer
    toggles and the CLI, so that adding a type is one line."""

    MONEY = "money"
    PERCENT = "percent"
    DATE = "date"
    TIME = "time"
    COUNT = "count"
    ORDINAL = "ordinal"
    RANGE = "range"
    OTHER = "other"
    PERSON = "person"
    PLACE = "place"
    ORGANIZATION = "organization"

    @property
    def family(self) -> Family:
        return Family.ENTITY if self in _ENTITY_TYPES else Family.NUMBER

    @property
    def layer(self) -> Layer:
        return Layer(self.value) if self in _ENTITY_TYPES else Layer.NUMBERS

    @property
    def label_zh(self) -> str:
        return _LABELS[self][0]

    @property
    def label_en(self) -> str:
        return _LABELS[self][1]

    @property
    def label(self) -> str:
        """The legend's label: Chinese first, then English (金额 money)."""
        return f"{self.label_zh} {self.label_en}"

    @property
    def style_key(self) -> str:
        """The name ``tui.styles`` keys its colours and cues by (one per type)."""
        return self.value


_ENTITY_TYPES = frozenset({"person", "place", "organization"})
_LABELS: dict[str, tuple[str, str]] = {
    "money": ("金额", "money"), "percent": ("百分比", "percent"), "date": ("日期", "date"),
    "time": ("时间", "time"), "count": ("数量", "count"), "ordinal": ("序数", "ordinal"),
    "range": ("范围", "range"), "other": ("其他数字", "other"), "person": ("人名", "person"),
    "place": ("地名", "place"), "organization": ("机构", "organisation"),
}
NUMBER_TYPES: tuple[SpanType, ...] = tuple(t for t in SpanType if t.family is Family.NUMBER)
ENTITY_TYPES: tuple[SpanType, ...] = tuple(t for t in SpanType if t.family is Family.ENTITY)


@dataclass(frozen=True, slots=True)
class Span:
    """A highlighted stretch of text: a number or a named entity. Offsets are into the paragraph text."""

    start: int
    end: int
    type: SpanType
    text: str
    value: Any = None
    unit: str | None = None

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"start": self.start, "end": self.end, "type": str(self.type), "text": self.text,
                             "value": self.value}
        if self.unit:
            d["unit"] = self.unit
        return d


@dataclass(frozen=True, slots=True)
class StartAt:
    """Where the reader opens: a file (at its first article, or at the paragraph holding ``line``), or an
    article by id. ``path`` is relative to the corpus root."""

    path: str | None = None
    line: int | None = None
    article: str | None = None


def article_id(relpath: str, ordinal: int) -> str:
    """A short id that survives restarts: it depends only on the file's place in the corpus and order."""
    digest = hashlib.blake2b(relpath.encode("utf-8"), digest_size=6).hexdigest()
    return f"{digest}-{ordinal:02d}"


@dataclass(frozen=True, slots=True)
class Article:
    """One article of a page. ``path`` is relative to the corpus root, with forward slashes."""

    id: str
    path: str
    ordinal: int
    title: str
    paragraphs: tuple[Paragraph, ...]
    byline: str | None = None
    kicker: str | None = None
    date: str | None = None
    continued: bool = False  # starts with (上接…): the beginning is on another page

    @property
    def chars(self) -> int:
        return sum(len(p.text) for p in self.paragraphs)

    @property
    def body(self) -> tuple[Paragraph, ...]:
        return tuple(p for p in self.paragraphs if p.kind is Kind.BODY)

    @property
    def lines(self) -> tuple[int, int]:
        if not self.paragraphs:
            return (0, 0)
        return (min(p.lines[0] for p in self.paragraphs), max(p.lines[1] for p in self.paragraphs))

    def paragraph(self, index: int) -> Paragraph:
        return self.paragraphs[index - 1]

    def summary(self) -> dict[str, Any]:
        return {"id": self.id, "path": self.path, "title": self.title, "date": self.date,
                "paragraphs": len(self.paragraphs), "chars": self.chars}

    def to_dict(self) -> dict[str, Any]:
        return {**self.summary(), "byline": self.byline, "kicker": self.kicker, "continued": self.continued,
                "lines": list(self.lines), "paragraphs": [p.to_dict() for p in self.paragraphs]}


@dataclass(frozen=True, slots=True)
class Page:
    """A source file. ``loose`` holds page furniture (banners, credits) that belongs to no article."""

    path: str
    articles: tuple[Article, ...]
    loose: tuple[Paragraph, ...] = ()
    encoding: str = "utf-8"
    warnings: tuple[str, ...] = ()  # lines of the file that were skipped (malformed JSON Lines records)


@dataclass(frozen=True, slots=True)
class Corpus:
    """A folder of pages. ``warnings`` holds one line per file that was skipped and why."""

    root: Path
    pages: tuple[Page, ...]
    warnings: tuple[str, ...] = field(default=())

    @property
    def articles(self) -> list[Article]:
        return [a for p in self.pages for a in p.articles]

    def find(self, key: str) -> list[Article]:
        """Articles by id, or all articles of a page by its (relative or absolute) path."""
        for a in self.articles:
            if a.id == key:
                return [a]
        rel = _relative(self.root, key)
        return [a for p in self.pages if p.path == rel for a in p.articles]


def _relative(root: Path, key: str) -> str:
    p = Path(key)
    try:
        return p.resolve().relative_to(root.resolve()).as_posix() if p.exists() else p.as_posix()
    except ValueError:
        return p.as_posix()
