"""The postings index: for each key column, which rows hold each gram, stored in SQLite as segments.

A segment is, per column, its distinct grams and where each gram's rows start (two blobs, kept in
memory: a few MB), and the rows themselves, cut into blocks of 1000 (4000 bytes, two to a database page, none on an overflow page)
so that a gram's rows are read with one range query, and memory does not grow with the corpus. (One
big blob read through SQLite's incremental I/O walked its chain of overflow pages from the start on
every read: 2 ms a look-up.) A build writes one segment per ~8M characters; an update
writes a small one, and small segments are merged once there are many. Rows of changed or removed files
are "dead" until a merge or rebuild drops them, and are filtered out of every answer.

Segments are written in the same transaction as the rows they index, so a reader never sees one without
the other. Another process that commits to the file changes ``PRAGMA data_version``; the segments are
then loaded again.
"""

from __future__ import annotations

import sqlite3
import zlib
from collections import OrderedDict
from dataclasses import dataclass

import numpy as np

from tui.search.grams import ASTRAL, COLUMNS, ROW_MASK, join, sorted_distinct, split

SCHEMA = """
CREATE TABLE IF NOT EXISTS segments (id INTEGER PRIMARY KEY, seg INTEGER, col TEXT, size INTEGER,
    grams BLOB, starts BLOB, first_block INTEGER, crc INTEGER);
CREATE TABLE IF NOT EXISTS blocks (id INTEGER PRIMARY KEY, data BLOB, crc INTEGER);
CREATE TABLE IF NOT EXISTS dead (id INTEGER PRIMARY KEY);
"""
MERGE_FROM = 8  # segments before the small ones are merged
ENOUGH_TO_CHECK = 2000  # candidates few enough that the text check beats reading another long list
SKIP_RATIO = 8  # … a list this many times longer than the candidates so far
RECENT_ENTRIES = 4_000_000  # rows of recent reads kept (16 MB)
BLOCK = 1000  # rows per block: 4000 bytes, two to an 8 KiB page (``index.PAGE_SIZE``), no overflow page


class DamagedIndex(sqlite3.DatabaseError):
    """A blob whose checksum or shape is wrong: damage SQLite's own checks cannot see. The index is
    rebuilt from the corpus files (``Index.repair``)."""


def _crc(*parts: bytes | memoryview) -> int:
    crc = 0
    for part in parts:
        crc = zlib.crc32(part, crc)
    return crc


def _checked_directory(size: int, grams: bytes, starts: bytes, crc: int | None) -> tuple[np.ndarray, np.ndarray]:
    """A segment's gram list and offsets, verified: checksum, whole 4-byte values, one more offset than
    grams, offsets rising to the segment's size."""
    if crc is None or _crc(grams, starts) != crc or len(grams) % 4 or len(starts) % 4:
        raise DamagedIndex("a segment of the search index is damaged")
    g = np.frombuffer(grams, dtype="<u4")
    st = np.frombuffer(starts, dtype="<u4")
    if len(st) != len(g) + 1 or (len(st) and (st[0] != 0 or int(st[-1]) != size)):
        raise DamagedIndex("a segment of the search index is damaged")
    if len(st) > 1 and bool(np.any(st[1:] < st[:-1])):
        raise DamagedIndex("a segment of the search index is damaged")
    return g, st


def _span(grams: np.ndarray, lo: int, hi: int) -> tuple[int, int]:
    """Where the grams in [lo, hi) start and end in a segment's sorted grams. The bounds are searched as
    uint32, the grams' own type: Python ints made NumPy copy every gram to int64 first (0.3 ms a search)."""
    a = int(np.searchsorted(grams, np.uint32(lo)))
    b = len(grams) if hi > 0xFFFFFFFF else int(np.searchsorted(grams, np.uint32(hi)))
    return a, b


@dataclass
class _Segment:
    rowid: int
    seg: int
    first_block: int
    size: int  # rows entries: how much this segment indexes
    grams: np.ndarray
    starts: np.ndarray


class Postings:
    """Reads and writes segments on a connection the caller owns and locks."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db
        self.segments: dict[str, list[_Segment]] = {c: [] for c in COLUMNS}
        self.dead = np.zeros(0, dtype=np.uint32)
        self._version = -1
        self._recent: OrderedDict[tuple[int, int, int], np.ndarray] = OrderedDict()  # see ``_read``
        self._recent_size = 0

    # ---- reading ---------------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Load the segment directory again if anyone (this connection included) committed since."""
        version = self.db.execute("PRAGMA data_version").fetchone()[0]
        if version != self._version:
            self.load()
            self._version = version

    def load(self, only_new: bool = False) -> None:
        """Read the segment directory; ``only_new`` adds the segments written since the last load (after
        this connection's own commit, where nothing else changed: at 100k files, reading every segment's
        grams again was a tenth of a second of each update)."""
        self._recent.clear()
        self._recent_size = 0
        segments: dict[str, list[_Segment]] = {c: [] for c in COLUMNS}
        after = 0
        if only_new:
            segments = {c: list(v) for c, v in self.segments.items()}
            after = max((s.seg for v in self.segments.values() for s in v), default=0)
        for rowid, seg, col, first, size, grams, starts, crc in self.db.execute(
                "SELECT id, seg, col, first_block, size, grams, starts, crc FROM segments WHERE seg > ? ORDER BY seg",
                (after,)):
            if col in segments:
                g, st = _checked_directory(size, grams, starts, crc)
                segments[col].append(_Segment(rowid, seg, first, size, g, st))
        self.segments = segments
        dead = [r[0] for r in self.db.execute("SELECT id FROM dead ORDER BY id")]
        self.dead = np.array(dead, dtype=np.uint32)

    def rows(self, column: str, groups: list[np.ndarray]) -> np.ndarray:
        """Ascending ids of the live rows that hold one gram of every group, and perhaps a few more: once
        the rarer groups leave few rows, a far commoner group is not read (callers check the text)."""
        found = []
        for s in self.segments[column]:
            got = self._segment_rows(s, groups)
            if got is not None and len(got):
                found.append(got)
        if not found:
            return np.zeros(0, dtype=np.uint32)
        out = found[0] if len(found) == 1 else np.sort(np.concatenate(found))  # segments hold distinct rows
        if len(self.dead) and len(out):
            out = out[~np.isin(out, self.dead, assume_unique=True)]
        return out

    def astral(self, column: str) -> np.ndarray:
        """Ascending ids of the live rows holding a character beyond U+FFFF (gram ``ASTRAL``), whose grams
        prove nothing alone."""
        return self.rows(column, [np.array([ASTRAL], dtype=np.uint32)])

    def range_size(self, column: str, lo: int, hi: int) -> int:
        """How many (gram, row) entries have a gram in [lo, hi): from the directory, nothing read."""
        total = 0
        for s in self.segments[column]:
            a, b = _span(s.grams, lo, hi)
            total += int(s.starts[b]) - int(s.starts[a])
        return total

    def rows_in_range(self, column: str, lo: int, hi: int, distinct: bool = True) -> np.ndarray:
        """Ascending ids of the live rows holding any gram in [lo, hi): one contiguous read per segment
        (the rows holding one character, see ``grams.char_range``). Not ``distinct``: a row once per gram
        it holds there, in no order (how many characters follow one, ``successors``)."""
        found = []
        for s in self.segments[column]:
            a, b = _span(s.grams, lo, hi)
            if a < b:
                got = self._read(s, int(s.starts[a]), int(s.starts[b])).copy()
                found.append(sorted_distinct(got) if distinct else got)
        if not distinct:
            out = np.concatenate(found) if found else np.zeros(0, dtype=np.uint32)
            return out[~np.isin(out, self.dead)] if len(self.dead) and len(out) else out
        if not found:
            return np.zeros(0, dtype=np.uint32)
        out = found[0] if len(found) == 1 else np.sort(np.concatenate(found))
        if len(self.dead) and len(out):
            out = out[~np.isin(out, self.dead, assume_unique=True)]
        return out

    def _segment_rows(self, s: _Segment, groups: list[np.ndarray]) -> np.ndarray | None:
        spans = []
        for group in groups:
            at = np.searchsorted(s.grams, group)
            inside = at < len(s.grams)
            hit = at[inside][s.grams[at[inside]] == group[inside]]
            if not len(hit):
                return None  # a gram every match needs is not in this segment
            spans.append([(int(s.starts[i]), int(s.starts[i + 1])) for i in hit])
        sized = sorted((sum(b - a for a, b in sp), sp) for sp in spans)  # the rarest group first
        out: np.ndarray | None = None
        for size, sp in sized:
            if out is not None and len(out) <= ENOUGH_TO_CHECK and size > SKIP_RATIO * len(out):
                break  # reading a common gram's long list costs more than checking these few rows' text
            parts = [self._read(s, a, b) for a, b in sp]
            rows = parts[0] if len(parts) == 1 else sorted_distinct(np.concatenate(parts))
            out = rows if out is None else np.intersect1d(out, rows, assume_unique=True)
            if not len(out):
                return out
        return out

    def _read(self, s: _Segment, a: int, b: int) -> np.ndarray:
        """Rows a..b-1 of a segment's column (read-only), kept for the next reads: a query asks for the same
        grams several times (its pairs are counted for near misses, looked up, and counted again for a
        reordering: two reads in five on the 24k mix), and the next keystroke asks for most of them again.
        At most ``RECENT_ENTRIES`` rows are kept; a new directory (``load``) drops them."""
        key = (s.rowid, a, b)
        known = self._recent.get(key)
        if known is not None:
            self._recent.move_to_end(key)
            return known
        rows = self._read_blocks(s, a, b)
        if b - a <= RECENT_ENTRIES // 8:  # a merge's whole segment is not kept
            if isinstance(rows.base, np.ndarray) and 2 * rows.nbytes < rows.base.nbytes:
                rows = rows.copy()  # a view keeps its whole blocks alive: a one-row read held 8 KB
                rows.flags.writeable = False
            self._recent[key] = rows
            self._recent_size += b - a
            while self._recent_size > RECENT_ENTRIES:
                _, old = self._recent.popitem(last=False)
                self._recent_size -= len(old)
        return rows

    def _read_blocks(self, s: _Segment, a: int, b: int) -> np.ndarray:
        """Rows a..b-1 of a segment's column, from the blocks that hold them, checked."""
        k0, k1 = a // BLOCK, (b - 1) // BLOCK
        blocks = self.db.execute("SELECT data, crc FROM blocks WHERE id BETWEEN ? AND ? ORDER BY id",
                                 (s.first_block + k0, s.first_block + k1)).fetchall()
        if len(blocks) != k1 - k0 + 1 or any(crc is None or zlib.crc32(d) != crc for d, crc in blocks):
            raise DamagedIndex("a block of the search index is damaged")
        data = b"".join(d for d, _ in blocks)
        if len(data) % 4 or len(data) // 4 < b - k0 * BLOCK:
            raise DamagedIndex("a block of the search index is damaged")
        return np.frombuffer(data, dtype="<u4")[a - k0 * BLOCK:b - k0 * BLOCK]

    # ---- writing (inside the caller's transaction) -----------------------------------------------------
    def write(self, column_pairs: dict[str, np.ndarray]) -> None:
        """A new segment from sorted pairs per column."""
        self.write_segment({col: self.write_column(p, col) for col, p in column_pairs.items()})

    def write_column(self, sorted_pairs: np.ndarray, col: str) -> tuple[int, int, bytes, bytes]:
        """Write one column's rows as blocks; what its directory entry needs comes back (a build frees
        each column's pairs before the next column is merged)."""
        grams, starts, rows = split(sorted_pairs)
        first = self.db.execute("SELECT coalesce(max(id), 0) + 1 FROM blocks").fetchone()[0]
        data = memoryview(np.ascontiguousarray(rows, dtype="<u4").data).cast("B")  # blocks are slices, not copies
        step = BLOCK * 4
        self.db.executemany("INSERT INTO blocks (id, data, crc) VALUES (?, ?, ?)",
                            ((first + k, data[k * step:(k + 1) * step], zlib.crc32(data[k * step:(k + 1) * step]))
                             for k in range(-(-len(data) // step))))
        return first, len(rows), grams.astype("<u4").tobytes(), starts.astype("<u4").tobytes()

    def write_segment(self, columns: dict[str, tuple[int, int, bytes, bytes]]) -> None:
        seg = self.db.execute("SELECT coalesce(max(seg), 0) + 1 FROM segments").fetchone()[0]
        for col in COLUMNS:
            first, size, grams, starts = columns.get(col) or self.write_column(np.zeros(0, dtype=np.uint64), col)
            self.db.execute("INSERT INTO segments (seg, col, first_block, size, grams, starts, crc) VALUES (?,?,?,?,?,?,?)",
                            (seg, col, first, size, grams, starts, _crc(grams, starts)))

    def kill(self, ids: list[int]) -> None:
        """Rows deleted from the table: their ids stay in old segments until a merge."""
        self.db.executemany("INSERT OR IGNORE INTO dead VALUES (?)", [(i,) for i in ids])

    def merge_small_needed(self) -> bool:
        return len(self.segments["norm"]) > MERGE_FROM

    def merge_small(self) -> None:
        """Once there are many segments, merge every one smaller than a quarter of the largest: updates make
        tiny segments, and each costs a look-up per gram. Dead rows are dropped from what is merged."""
        self.load()
        segs = self.segments["norm"]
        if len(segs) <= MERGE_FROM:
            return
        largest = max(s.size for s in segs)
        small = {s.seg for s in segs if s.size * 4 < largest}
        if len(small) < 2:
            return  # segments of a build are alike in size: merging them would hold the whole index in memory
        merged: dict[str, np.ndarray] = {}
        for col in COLUMNS:
            parts = []
            for s in self.segments[col]:
                if s.seg in small:
                    parts.append(join(s.grams, s.starts, self._read_blocks(s, 0, s.size) if s.size else
                                      np.zeros(0, dtype=np.uint32)))
            p = np.concatenate(parts) if parts else np.zeros(0, dtype=np.uint64)
            if len(self.dead):
                p = p[~np.isin((p & ROW_MASK).astype(np.uint32), self.dead)]
            p.sort(kind="stable")
            merged[col] = p
        for col in COLUMNS:
            for s in self.segments[col]:
                if s.seg in small:
                    self.db.execute("DELETE FROM blocks WHERE id BETWEEN ? AND ?",
                                    (s.first_block, s.first_block + (s.size - 1) // BLOCK))
        marks = ",".join("?" * len(small))
        self.db.execute(f"DELETE FROM segments WHERE seg IN ({marks})", tuple(small))
        self.write(merged)
