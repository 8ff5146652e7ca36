"""The index's rows, named. Each table's columns are one ``NamedTuple``'s fields, and the SQL that writes
or reads the table is built from them (``insert_sql``, ``select_list``), so a column added here cannot
fall out of step with a ``VALUES (?, …)`` written by hand."""

from __future__ import annotations

from typing import Any, NamedTuple


class ArticleRow(NamedTuple):
    id: str
    path: str
    ordinal: int
    title: str
    date: str | None
    paragraphs: int
    chars: int


class FileRow(NamedTuple):
    """A corpus file: ``mtime_ns`` holds the change stamp (mtime, ctime, inode); ``first``..``last`` are its
    paragraphs' ids (consecutive)."""

    path: str
    size: int
    mtime_ns: int
    hash: bytes
    first: int
    last: int


class ParaRow(NamedTuple):
    """A paragraph as it is written (the keys before the text: checking and scoring candidates read a
    record only up to the keys)."""

    article: str
    pidx: int
    kind: str
    l0: int
    l1: int
    norm: str
    syl: str
    text: str


class HitRow(NamedTuple):
    """A paragraph with its article's path, title and date: what a search hit shows."""

    id: int
    article: str
    path: str
    title: str
    pidx: int
    text: str
    l0: int
    l1: int
    date: str | None
    kind: str
    norm: str
    syl: str


HIT_COLUMNS = ("p.id", "p.article", "a.path", "a.title", "p.pidx", "p.text", "p.l0", "p.l1", "a.date", "p.kind",
               "p.norm", "p.syl")
assert len(HIT_COLUMNS) == len(HitRow._fields)


def insert_sql(table: str, row: type[Any], verb: str = "INSERT") -> str:
    """``INSERT INTO table (a, b, …) VALUES (?, ?, …)`` from a row type's fields."""
    fields = row._fields
    return f"{verb} INTO {table} ({', '.join(fields)}) VALUES ({', '.join('?' * len(fields))})"
