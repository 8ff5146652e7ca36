"""What the Entities screen and the CLI ask of the entity index.

The list of entities is read once per build of the index (some 60,000 rows for 24,000 stories, well
under the screen's 300 ms) and filtered in memory as the user types; mentions and co-mentions are read
page by page from the clustered ``mentions`` table, so that an entity with thousands opens at once.
"""

from __future__ import annotations

import json
import threading
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from tui.entities.names import name_key
from tui.store.schema import derived_generation, generation

if TYPE_CHECKING:
    from tui.search.index import Index


@dataclass(frozen=True, slots=True)
class EntityRow:
    id: int
    name: str
    type: str
    mentions: int
    articles: int
    first: str | None
    last: str | None

    def to_dict(self) -> dict[str, object]:
        return {"id": self.id, "name": self.name, "type": self.type, "mentions": self.mentions,
                "articles": self.articles, "first": self.first, "last": self.last}


@dataclass(frozen=True, slots=True)
class MentionRow:
    """One mention: where it stands (paragraph row, offsets) and what the paragraph and article are."""

    entity: int
    para: int
    start: int
    stop: int
    text: str  # the paragraph's text
    article: str
    pidx: int
    date: str | None
    path: str
    title: str
    corpus: bool  # found by the corpus-level pass, not by the rules

    @property
    def surface(self) -> str:
        return self.text[self.start:self.stop]


MENTION_SQL = ("SELECT m.entity, m.para, m.start, m.stop, p.text, p.article, p.pidx, a.date, a.path, a.title, m.corpus"
               " FROM mentions m JOIN paras p ON p.id = m.para JOIN articles a ON a.id = p.article")


class EntityIndex:
    """The entity tables of one index, with the list cached per build."""

    def __init__(self, index: Index) -> None:
        self.index = index
        self._rows: tuple[int, list[EntityRow], dict[int, EntityRow]] | None = None  # generation, rows, by id
        self._co: dict[tuple[int, int, int], list[tuple[EntityRow, int]]] = {}  # (generation, entity, limit)
        self._local = threading.local()

    def read(self, sql: str, args: tuple[object, ...] = ()) -> list[Any]:
        """A query on this thread's own read-only connection: a long one (the co-mentions of an entity
        named 55,000 times take ~180 ms) then holds up neither the search nor the other screens, which
        share the index's connection and its lock. The index's connection when it lives in memory."""
        db = getattr(self._local, "db", None)
        if db is None:
            db = self.index.read_only()
            if db is None:
                return self.index.query(sql, args)
            self._local.db = db
        return db.execute(sql, args).fetchall()

    def stale(self) -> bool:
        """Whether the spans moved since the entity tables were built (or they never were)."""
        with self.index._lock:
            return derived_generation(self.index.db) != generation(self.index.db)

    def built(self) -> bool:
        with self.index._lock:
            return derived_generation(self.index.db) >= 0

    def rows(self) -> list[EntityRow]:
        """Every entity, most mentioned first."""
        with self.index._lock:
            gen = derived_generation(self.index.db)
        if self._rows is None or self._rows[0] != gen:
            got = self.read("SELECT id, name, type, mentions, articles, first, last FROM entities"
                                   " ORDER BY mentions DESC, id")
            rows = [EntityRow(*r) for r in got]
            self._rows = (gen, rows, {r.id: r for r in rows})
        return self._rows[1]

    def by_id(self) -> dict[int, EntityRow]:
        """Every entity by id (made with the list, once per build of the index)."""
        self.rows()
        assert self._rows is not None
        return self._rows[2]

    def top(self, kind: str | None = None, limit: int | None = None, text: str = "") -> list[EntityRow]:
        out = filtered(self.rows(), kind, text)
        return out if limit is None else out[:limit]

    def find(self, name: str) -> list[EntityRow]:
        """Entities called ``name`` (any of its variants, any type), most mentioned first."""
        key = name_key(name)
        ids = {r[0] for r in self.read("SELECT id FROM entities WHERE key = ?", (key,))}
        pattern = '%"' + name.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + '"%'
        ids |= {r[0] for r in self.read("SELECT id FROM entities WHERE variants LIKE ? ESCAPE '\\'", (pattern,))}
        return [r for r in self.rows() if r.id in ids]

    def months_of(self, ids: list[int]) -> dict[int, dict[str, int]]:
        """Mentions per month of each of ``ids`` (the rows on screen: their sparklines)."""
        out: dict[int, dict[str, int]] = {}
        for start in range(0, len(ids), 900):
            chunk = ids[start:start + 900]
            for e, months in self.read(f"SELECT id, months FROM entities WHERE id IN ({','.join('?' * len(chunk))})",
                                        tuple(chunk)):
                out[e] = json.loads(months) if months else {}
        return out

    def variants(self, entity: int) -> dict[str, int]:
        got = self.read("SELECT variants FROM entities WHERE id = ?", (entity,))
        return json.loads(got[0][0]) if got and got[0][0] else {}

    def mention_count(self, entity: int) -> int:
        return int(self.read("SELECT count(*) FROM mentions m JOIN paras p ON p.id = m.para"
                                    " WHERE m.entity = ?", (entity,))[0][0])

    def mentions(self, entity: int, offset: int = 0, limit: int = 200) -> list[MentionRow]:
        """A page of the entity's mentions in corpus order (file, then paragraph, then position)."""
        got = self.read(f"{MENTION_SQL} WHERE m.entity = ? ORDER BY m.para, m.start LIMIT ? OFFSET ?",
                               (entity, limit, offset))
        return [MentionRow(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8], r[9], bool(r[10])) for r in got]

    def co_mentions(self, entity: int, limit: int = 20) -> list[tuple[EntityRow, int]]:
        """The entities most often named in the same paragraphs, with the number of paragraphs (kept per
        build: the top entity's take ~180 ms, and a user goes up and down the list)."""
        with self.index._lock:
            gen = derived_generation(self.index.db)
        known = self._co.get((gen, entity, limit))
        if known is not None:
            return known
        got = self.read("SELECT o.entity, count(DISTINCT o.para) AS n FROM mentions m"
                               " JOIN mentions o ON o.para = m.para AND o.entity != m.entity"
                               " WHERE m.entity = ? GROUP BY o.entity ORDER BY n DESC, o.entity LIMIT ?",
                               (entity, limit))
        by_id = self.by_id()
        out = [(by_id[e], n) for e, n in got if e in by_id]
        if len(self._co) > 2000:
            self._co.clear()
        self._co[gen, entity, limit] = out
        return out

    def in_paragraphs(self, ranges: Iterable[tuple[int, int]]) -> Counter[int]:
        """Mentions per entity within paragraph id ranges (an article, or the articles of a search)."""
        counts: Counter[int] = Counter()
        for lo, hi in ranges:
            for e, n in self.read("SELECT entity, count(*) FROM mentions WHERE para BETWEEN ? AND ?"
                                         " GROUP BY entity", (lo, hi)):
                counts[e] += n
        return counts


def filtered(rows: list[EntityRow], kind: str | None, text: str) -> list[EntityRow]:
    """Rows of one type (or all) whose name holds ``text`` (as typed, or in its normal form)."""
    key = name_key(text) if text else ""
    return [r for r in rows if (kind is None or r.type == kind) and (not text or text in r.name or key in r.name)]


def month_span(first: str | None, last: str | None) -> list[str]:
    """Every month from ``first`` to ``last`` (dates or months, as YYYY-MM…), in order."""
    if not first or not last or len(first) < 7 or len(last) < 7:
        return []
    y, m = int(first[:4]), int(first[5:7])
    end = (int(last[:4]), int(last[5:7]))
    out: list[str] = []
    while (y, m) <= end and len(out) < 1200:
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out
