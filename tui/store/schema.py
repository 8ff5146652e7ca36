"""The store's tables, and the one place that removes a file's spans with its paragraphs.

Spans live in the index's own database, so that a file's paragraphs and their spans go in one
transaction: a reader never sees spans for rows that are gone. Paragraph ids are never reused
(AUTOINCREMENT), so a span row names its paragraph for good. Spans are clustered by (paragraph,
start), one b-tree and no second index: a build appends to it, which cost a third of a separate index. ``annotated`` says which files' spans are
in, and by which annotator. ``value`` has no declared type, so a whole number stays one; a
value that is a mapping (a date's parts, a range's ends) is JSON in ``detail`` and ``value`` holds the
number it sorts by (a range's lower end) (``signature``): a new annotator, or new user dictionaries, re-annotates.
``file_words`` holds each file's word counts (``tui.concordance.words``), removed with the file too.
``entities`` and ``mentions`` are derived from the spans as a whole (``tui.entities.derive``).
``generation`` in ``meta`` moves with every change to the spans; what is derived from them (the entity
index) records the generation it was built from and knows when it is stale.
"""

from __future__ import annotations

import sqlite3

from tui.annotate.cache import VERSION as ANNOTATOR_VERSION

SCHEMA = """
CREATE TABLE IF NOT EXISTS spans (para INTEGER, start INTEGER, stop INTEGER, type TEXT, text TEXT,
    value, detail TEXT, unit TEXT, name TEXT, PRIMARY KEY (para, start)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS annotated (path TEXT PRIMARY KEY, signature TEXT);
CREATE TABLE IF NOT EXISTS entities (id INTEGER PRIMARY KEY, name TEXT, key TEXT, type TEXT, mentions INTEGER,
    articles INTEGER, first TEXT, last TEXT, months TEXT, variants TEXT);
CREATE TABLE IF NOT EXISTS mentions (entity INTEGER, para INTEGER, start INTEGER, stop INTEGER, corpus INTEGER,
    PRIMARY KEY (entity, para, start)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS mentions_para ON mentions(para);
CREATE TABLE IF NOT EXISTS file_words (path TEXT PRIMARY KEY, signature TEXT, counts BLOB);
CREATE TABLE IF NOT EXISTS word_totals (generation INTEGER, counts BLOB);
"""
GENERATION = "spans_generation"


def signature() -> str:
    """What the spans were computed by: the annotator's version and the dictionaries it loaded."""
    from tui.annotate.segment import dictionary_signature

    return f"{ANNOTATOR_VERSION}:{dictionary_signature()}"


def bump(db: sqlite3.Connection) -> None:
    """Inside the caller's transaction: the spans changed."""
    db.execute("INSERT INTO meta VALUES (?, '1') ON CONFLICT(key) DO UPDATE SET value = CAST(value AS INTEGER) + 1",
               (GENERATION,))


def generation(db: sqlite3.Connection) -> int:
    row = db.execute("SELECT value FROM meta WHERE key=?", (GENERATION,)).fetchone()
    return int(row[0]) if row else 0


def still_indexed(db: sqlite3.Connection, rel: str, first: int, last: int) -> bool:
    """Whether a file's paragraphs are still the rows ``first``..``last`` a pass read: a file an update
    re-indexed meanwhile is left for the next pass (a write never puts spans or counts on rows gone)."""
    return tuple(db.execute("SELECT first, last FROM files WHERE path=?", (rel,)).fetchone() or ()) == (first, last)


def forget_file(db: sqlite3.Connection, rel: str, first: int | None, last: int | None) -> None:
    """A file's spans, removed in the transaction that removes its paragraphs."""
    if first is not None and last is not None and last >= first:
        db.execute("DELETE FROM spans WHERE para BETWEEN ? AND ?", (first, last))
        db.execute("DELETE FROM mentions WHERE para BETWEEN ? AND ?", (first, last))
    if db.execute("DELETE FROM annotated WHERE path=?", (rel,)).rowcount:
        bump(db)
    if db.execute("DELETE FROM file_words WHERE path=?", (rel,)).rowcount:
        db.execute("DELETE FROM word_totals")  # the corpus's total is summed again when next asked


DERIVED = "entities_generation"


def derived_generation(db: sqlite3.Connection) -> int:
    """The spans' generation the entity tables were built from (-1: never built)."""
    row = db.execute("SELECT value FROM meta WHERE key=?", (DERIVED,)).fetchone()
    return int(row[0]) if row else -1
