"""The entity index, derived from the annotation store as a whole.

Three passes over the stored spans: the corpus-level consistency pass (``consistency``) adds the
mentions the rules missed; variants are grouped (one key for 臺灣/台湾; in an article that has both, a
short form under the long one: 西海岸新区 under 青岛西海岸新区; 沪 under 上海); then each entity's counts,
dates, months and variants are written with its mentions, in one transaction, with the generation of the
spans they were built from. Rebuilt whole when the spans move (about ten seconds for 24,000 stories, on a
background thread in the reader): counts are a property of the whole corpus, not of one file.

Memory stays flat: paragraphs and their spans are read a block of ids at a time, and a mention is five
integers in arrays (its key and spelling are numbers into two tables). Holding them as tuples of
strings took 780 MB for 24,000 stories.
"""

from __future__ import annotations

import json
from array import array
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import groupby
from typing import TYPE_CHECKING

from tui.entities.consistency import Lexicon, lexicon
from tui.entities.names import abbreviated_places, is_short_form, name_key
from tui.model import Span, SpanType
from tui.store.schema import DERIVED, generation

if TYPE_CHECKING:
    from tui.search.index import Index
    from tui.search.rowmap import RowMap

BLOCK = 20_000  # paragraph ids read at a time
Key = tuple[str, str]  # (name key, type)


@dataclass
class Mentions:
    """Every mention as parallel integer arrays; keys and spellings are interned."""

    keys: list[Key] = field(default_factory=list)
    spellings: list[str] = field(default_factory=list)
    key: array[int] = field(default_factory=lambda: array("l"))
    spelling: array[int] = field(default_factory=lambda: array("l"))
    para: array[int] = field(default_factory=lambda: array("q"))
    start: array[int] = field(default_factory=lambda: array("l"))
    stop: array[int] = field(default_factory=lambda: array("l"))
    corpus: array[int] = field(default_factory=lambda: array("b"))
    _key_ids: dict[Key, int] = field(default_factory=dict)
    _spelling_ids: dict[str, int] = field(default_factory=dict)

    def add(self, key: Key, spelling: str, para: int, start: int, stop: int, corpus: bool) -> None:
        k = self._key_ids.setdefault(key, len(self._key_ids))
        if k == len(self.keys):
            self.keys.append(key)
        s = self._spelling_ids.setdefault(spelling, len(self._spelling_ids))
        if s == len(self.spellings):
            self.spellings.append(spelling)
        self.key.append(k)
        self.spelling.append(s)
        self.para.append(para)
        self.start.append(start)
        self.stop.append(stop)
        self.corpus.append(1 if corpus else 0)


@dataclass
class Tally:
    """What the entity index says of one entity while it is counted."""

    mentions: int = 0
    articles: set[int] = field(default_factory=set)
    months: Counter[str] = field(default_factory=Counter)
    variants: Counter[int] = field(default_factory=Counter)
    first: str | None = None
    last: str | None = None


def derive(index: Index) -> int:
    """Build the entity tables from the spans; the number of entities. The heap an index build or an
    annotation pass freed is given back first (``release_free_memory``): this pass holds a few hundred MB
    of its own at its peak."""
    from tui.parallel import release_free_memory

    release_free_memory()
    with index._lock:
        gen = generation(index.db)
    readings = index.query("SELECT text, type, count(*) FROM spans WHERE name IS NOT NULL GROUP BY text, type")
    lex = lexicon((text, SpanType(kind), n) for text, kind, n in readings)  # (SQL counted them)
    del readings  # 150,000 rows for 24,000 stories: not held through the passes below
    found = Mentions()
    for key, spelling, para, start, stop, corpus in _mentions(index, lex):
        found.add(key, spelling, para, start, stop, corpus)
    rmap = index.row_map()
    article_of = _articles(rmap, found.para)
    canon = _canonical(found, article_of)
    tallies: dict[int, Tally] = defaultdict(Tally)
    dates = rmap.dates if rmap is not None else []
    ids = array("l", (canon.get((art, k), k) for k, art in zip(found.key, article_of, strict=True)))
    for k, s, art in zip(ids, found.spelling, article_of, strict=True):
        _count(tallies[k], s, art, dates[art] if art >= 0 else None)
    _write(index, tallies, found, ids, gen)
    return len(tallies)


def _mentions(index: Index, lex: Lexicon) -> Iterator[tuple[Key, str, int, int, int, bool]]:
    """The stored entity spans and the corpus pass's finds, a block of paragraphs at a time, read on a
    connection without a memory map (``store.build.streaming_reader``: every page of the paragraphs would
    otherwise stay resident in this process, ~100 MB for 24,000 stories)."""
    from tui.store.build import streaming_reader

    top = index.query("SELECT coalesce(max(id), 0) FROM paras")[0][0]
    with streaming_reader(index) as read:
        for lo in range(0, top + 1, BLOCK):
            hi = lo + BLOCK - 1
            spans = read("SELECT para, start, stop, type, text, name FROM spans WHERE para BETWEEN ? AND ?"
                         " ORDER BY para, start", (lo, hi))
            by_para = {para: list(group) for para, group in groupby(spans, key=lambda r: r[0])}
            for para, text in read("SELECT id, text FROM paras WHERE id BETWEEN ? AND ? ORDER BY id", (lo, hi)):
                rows = by_para.get(para, [])
                taken = [Span(r[1], r[2], SpanType(r[3]), r[4]) for r in rows]
                added, replaced = lex.find_wider(text, taken)
                gone = {(s.start, s.end) for s in replaced}  # held whole by a longer confident name
                for r in rows:
                    if r[5] is not None and (r[1], r[2]) not in gone:
                        yield (r[5], r[3]), r[4], para, r[1], r[2], False
                for s in added:
                    yield (name_key(s.text), str(s.type)), s.text, para, s.start, s.end, True


def _articles(rmap: RowMap | None, paras: array[int]) -> array[int]:
    import numpy as np

    if rmap is None or not paras:
        return array("l", [-1] * len(paras))
    out = array("l")
    out.frombytes(rmap.article_of(np.frombuffer(paras, dtype=np.int64)).astype(np.dtype("l")).tobytes())
    return out  # through bytes: a list of every mention's article as Python ints cost ~40 MB more


def _canonical(found: Mentions, article_of: array[int]) -> dict[tuple[int, int], int]:
    """(article, key id) → the key id it is counted under: a short form under the one longer name of
    its type in the same article that contains it (``names.is_short_form``), a one-character place under
    the place it stands for (沪 → 上海). Per article, as the short form means the long one only there."""
    abbrev = abbreviated_places()
    keys = found.keys
    places = {k[0] for k in keys if k[1] == "place"}
    key_of = {k: n for n, k in enumerate(keys)}
    keys_in: dict[int, set[int]] = defaultdict(set)
    for k, art in zip(found.key, article_of, strict=True):
        if keys[k][1] != "person":
            keys_in[art].add(k)
    out: dict[tuple[int, int], int] = {}
    for art, present in keys_in.items():
        for short in present:
            name, kind = keys[short]
            if kind == "place" and name in abbrev:
                full = key_of.get((name_key(abbrev[name]), "place"))
                if full is not None:
                    out[art, short] = full
                continue
            longs = [k for k in present if keys[k][1] == kind and is_short_form(name, keys[k][0], kind, places.__contains__)]
            if len(longs) == 1:
                out[art, short] = longs[0]
    return out


def _count(t: Tally, spelling: int, art: int, date: str | None) -> None:
    t.mentions += 1
    t.variants[spelling] += 1
    if art >= 0:
        t.articles.add(art)
    if date:
        t.months[date[:7]] += 1
        t.first = date if t.first is None or date < t.first else t.first
        t.last = date if t.last is None or date > t.last else t.last


def _write(index: Index, tallies: dict[int, Tally], found: Mentions, ids: array[int], gen: int) -> None:
    """The entities, most mentioned first (their ids follow that order), and their mentions."""
    order = {k: n for n, k in enumerate(sorted(tallies, key=lambda k: (-tallies[k].mentions, k)), start=1)}
    rows = []
    for k, t in tallies.items():
        variants = Counter({found.spellings[s]: n for s, n in t.variants.items()})
        name, kind = found.keys[k]
        rows.append((order[k], _display(name, variants), name, kind, t.mentions, len(t.articles), t.first, t.last,
                     json.dumps(dict(sorted(t.months.items()))), json.dumps(dict(variants.most_common()), ensure_ascii=False)))
    links = ((order[k], p, a, b, c) for k, p, a, b, c in zip(ids, found.para, found.start, found.stop, found.corpus, strict=True))
    with index._lock, index.db:
        index.db.execute("DELETE FROM entities")
        index.db.execute("DELETE FROM mentions")
        index.db.executemany("INSERT INTO entities VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
        index.db.executemany("INSERT OR IGNORE INTO mentions VALUES (?, ?, ?, ?, ?)", links)
        index.db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (DERIVED, str(gen)))


def _display(key: str, variants: Counter[str]) -> str:
    """The name an entity is shown by: its commonest spelling of its own key (上海, not 沪)."""
    own = [v for v, _ in variants.most_common() if name_key(v) == key]
    return own[0] if own else variants.most_common(1)[0][0]
