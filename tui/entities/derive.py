"""The entity index, derived from the annotation store as a whole.

Three passes over the stored spans: the corpus-level consistency pass (``consistency``) adds the
mentions the rules missed; variants are grouped (one key for 臺灣/台湾; in an article that has both, a
short form under the long one: 西海岸新区 under 青岛西海岸新区; 沪 under 上海); then each entity's counts, dates, months
and variants are written with its mentions, in one transaction, with the generation of the spans they
were built from. Rebuilt whole when the spans move (about ten seconds for 24,000 stories, on a
background thread in the reader): counts are a property of the whole corpus, not of one file.
"""

from __future__ import annotations

import json
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

Key = tuple[str, str]  # (name key, type)
Mention = tuple[Key, int, int, int, str, int]  # key, paragraph, start, stop, text, found by the corpus pass


@dataclass
class Tally:
    """What the entity index says of one entity while it is counted."""

    mentions: int = 0
    articles: set[int] = field(default_factory=set)
    months: Counter[str] = field(default_factory=Counter)
    variants: Counter[str] = field(default_factory=Counter)
    first: str | None = None
    last: str | None = None


def derive(index: Index) -> int:
    """Build the entity tables from the spans; the number of entities. Skips when they are current."""
    with index._lock:
        gen = generation(index.db)
    rows = index.query("SELECT para, start, stop, type, text, name FROM spans ORDER BY para, start")
    lex = lexicon((r[4], SpanType(r[3])) for r in rows if r[5] is not None)
    mentions = list(_mentions(index, rows, lex))
    del rows
    rmap = index.row_map()
    article_of = _articles(rmap, [m[1] for m in mentions])
    canon = _canonical(mentions, article_of)
    tallies: dict[Key, Tally] = defaultdict(Tally)
    dates = rmap.dates if rmap is not None else []
    keys = [canon.get((art, m[0]), m[0]) for m, art in zip(mentions, article_of, strict=True)]
    for m, key, art in zip(mentions, keys, article_of, strict=True):
        _count(tallies[key], m[4], art, dates[art] if art >= 0 else None)
    _write(index, tallies, mentions, keys, gen)
    return len(tallies)


def _mentions(index: Index, rows: list[tuple[int, int, int, str, str, str | None]], lex: Lexicon) -> Iterator[Mention]:
    """The stored entity spans, and the corpus pass's finds, paragraph by paragraph."""
    by_para = {para: list(group) for para, group in groupby(rows, key=lambda r: r[0])}
    for para, text in index.query("SELECT id, text FROM paras ORDER BY id"):
        found = by_para.get(para, [])
        spans = [Span(r[1], r[2], SpanType(r[3]), r[4]) for r in found]
        for r in found:
            if r[5] is not None:
                yield (r[5], r[3]), para, r[1], r[2], r[4], 0
        for s in lex.find(text, spans):
            yield (name_key(s.text), str(s.type)), para, s.start, s.end, s.text, 1


def _articles(rmap: object, paras: list[int]) -> list[int]:
    import numpy as np

    if rmap is None or not paras:
        return [-1] * len(paras)
    return [int(a) for a in rmap.article_of(np.array(paras, dtype=np.int64))]  # type: ignore[attr-defined]


def _canonical(mentions: list[Mention], article_of: list[int]) -> dict[tuple[int, Key], Key]:
    """(article, key) → the key it is counted under: a short form under the one longer name of its type
    in the same article that contains it (``names.is_short_form``), a one-character place under the
    place it stands for (沪 → 上海). Per article, as the short form means the long one only there."""
    abbrev = abbreviated_places()
    places = {m[0][0] for m in mentions if m[0][1] == "place"}
    keys_in: dict[int, set[Key]] = defaultdict(set)
    for m, art in zip(mentions, article_of, strict=True):
        if m[0][1] != "person":
            keys_in[art].add(m[0])
    out: dict[tuple[int, Key], Key] = {}
    for art, keys in keys_in.items():
        for short in keys:
            if short[1] == "place" and short[0] in abbrev:
                out[art, short] = (name_key(abbrev[short[0]]), "place")
                continue
            longs = [k for k in keys if k[1] == short[1] and is_short_form(short[0], k[0], k[1], places.__contains__)]
            if len(longs) == 1:
                out[art, short] = longs[0]
    return out


def _count(t: Tally, text: str, art: int, date: str | None) -> None:
    t.mentions += 1
    t.variants[text] += 1
    if art >= 0:
        t.articles.add(art)
    if date:
        t.months[date[:7]] += 1
        t.first = date if t.first is None or date < t.first else t.first
        t.last = date if t.last is None or date > t.last else t.last


def _write(index: Index, tallies: dict[Key, Tally], mentions: list[Mention], keys: list[Key], gen: int) -> None:
    ids = {key: n for n, key in enumerate(sorted(tallies, key=lambda k: -tallies[k].mentions), start=1)}
    rows = [(ids[key], _display(key[0], t.variants), key[0], key[1], t.mentions, len(t.articles), t.first, t.last,
             json.dumps(dict(sorted(t.months.items()))), json.dumps(dict(t.variants.most_common()), ensure_ascii=False))
            for key, t in tallies.items()]
    links = sorted({(ids[key], m[1], m[2], m[3], m[5]) for m, key in zip(mentions, keys, strict=True)})
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
