"""Word lists: how often each word stands in the corpus or in a part of it, and what is key in a part.

Words are jieba's (its default cut, dictionary and HMM), numbers and punctuation left out. Each file's
counts are kept in the index (``file_words``, written beside its paragraphs and removed with them) and
computed once, on worker processes for many files; a list sums the counts of the files it covers, so a
changed file costs its own counting only. Keyness is Dunning's log-likelihood (G²) of a part against the
rest of the corpus, with the sign of the difference (a word under-used in the part is negative).
"""

from __future__ import annotations

import marshal
import math
import threading
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from tui.store.build import StoreStats, file_pass
from tui.store.schema import still_indexed

if TYPE_CHECKING:
    from tui.search.index import Index

Progress = Callable[[int, int, str], None]


def words_of(texts: list[str]) -> Counter[str]:
    """jieba's words of the texts (its default cut), each a word with a Han character or two Latin letters."""
    from tui.annotate.segment import tokenize_pair

    counts: Counter[str] = Counter()
    for text in texts:
        counts.update(w for w, _, _ in tokenize_pair(text)[0] if is_word(w))
    return counts


def is_word(w: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in w) or (len(w) > 1 and w.isascii() and w.isalpha())


def count_files(files: list[tuple[str, int, int, list[tuple[str, list[tuple[int, str]]]]]]) -> list[tuple[str, int, int, bytes]]:
    """What a worker computes: each file's word counts, marshalled (a worker task of ``store.build``)."""
    return [(rel, first, last, marshal.dumps(dict(words_of([t for _, paras in arts for _, t in paras]))))
            for rel, first, last, arts in files]


def signature() -> str:
    from tui.annotate.segment import dictionary_signature

    return f"words1:{dictionary_signature()}"


def build_words(index: Index, progress: Progress | None = None, cancel: threading.Event | None = None) -> StoreStats:
    """Count the words of every file that has no counts yet (or counts by other dictionaries)."""
    return file_pass(index, "file_words", signature, count_files, _write, "counting words", progress, cancel)


def _write(index: Index, answer: list[tuple[str, int, int, bytes]], sig: str) -> int:
    written = 0
    with index._lock, index.db:
        for rel, first, last, blob in answer:
            if not still_indexed(index.db, rel, first, last):
                continue  # the file changed meanwhile: counted on the next pass
            index.db.execute("INSERT OR REPLACE INTO file_words VALUES (?, ?, ?)", (rel, sig, blob))
            written += 1
        if written:
            index.db.execute("DELETE FROM word_totals")
    return written


def word_list(index: Index, paths: set[str] | None = None) -> Counter[str]:
    """Word counts of the files ``paths`` (every file when None). The whole corpus's is kept summed in
    ``word_totals`` until a file's counts change (summing 24,000 files' counts takes ~1.4 s; reading the
    kept total ~50 ms)."""
    if paths is None:
        kept = index.query("SELECT counts FROM word_totals LIMIT 1")
        if kept:
            return Counter(marshal.loads(kept[0][0]))
    total: Counter[str] = Counter()
    for path, blob in index.query("SELECT path, counts FROM file_words"):
        if paths is None or path in paths:
            total.update(marshal.loads(blob))
    if paths is None:
        with index._lock, index.db:
            index.db.execute("DELETE FROM word_totals")
            index.db.execute("INSERT INTO word_totals VALUES (0, ?)", (marshal.dumps(dict(total)),))
    return total


def word_months(index: Index, words: list[str]) -> tuple[dict[str, dict[str, float]], list[str]]:
    """Each word's occurrences per file of each month (a story a file in a news archive: a thin month is
    no trough), from the files' counts and dates; and every month from the corpus's first to its last."""
    from tui.entities.queries import month_span

    dates = dict(index.query("SELECT path, max(date) FROM articles GROUP BY path"))
    wanted = set(words)
    counts: dict[str, Counter[str]] = {w: Counter() for w in words}
    for path, blob in index.query("SELECT path, counts FROM file_words"):
        month = (dates.get(path) or "")[:7]
        if len(month) == 7:
            for w, n in marshal.loads(blob).items():
                if w in wanted:
                    counts[w][month] += n
    known = [d[:7] for d in dates.values() if d and len(d) >= 7]
    files = Counter(known)
    months = {w: {m: n / files[m] for m, n in c.items()} for w, c in counts.items()}
    return months, month_span(min(known), max(known)) if known else []


@dataclass(frozen=True, slots=True)
class Keyword:
    word: str
    part: int  # occurrences in the part
    rest: int  # in the rest of the corpus
    g2: float  # signed log-likelihood

    def to_dict(self) -> dict[str, object]:
        return {"word": self.word, "part": self.part, "rest": self.rest, "log_likelihood": round(self.g2, 2)}


def keyness(part: Counter[str], whole: Counter[str], top: int = 50, least: int = 5) -> list[Keyword]:
    """The words most over-used in ``part`` against the rest of ``whole`` (the corpus), by G²."""
    c = sum(part.values())
    d = sum(whole.values()) - c
    out = []
    for word, a in part.items():
        b = whole.get(word, 0) - a
        if a < least or c <= 0 or d <= 0:
            continue
        out.append(Keyword(word, a, b, log_likelihood(a, b, c, d)))
    out.sort(key=lambda k: -k.g2)
    return out[:top]


def log_likelihood(a: int, b: int, c: int, d: int) -> float:
    """Dunning's G² for a word seen ``a`` times in ``c`` words and ``b`` times in ``d``; negative when the
    word is rarer in the first part than in the second."""
    e1 = c * (a + b) / (c + d)
    e2 = d * (a + b) / (c + d)
    g2 = 2 * ((a * math.log(a / e1) if a else 0.0) + (b * math.log(b / e2) if b else 0.0))
    return g2 if a / c >= (b / d if d else 0.0) else -g2
