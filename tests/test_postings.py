"""The n-gram postings index under the search engine: its answers against brute force, its keys against
the per-text functions, and its segments through updates, deletions, merges and other connections."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.search import contains, grams
from tui.search import index as index_mod
from tui.search import postings as postings_mod
from tui.search.engine import Searcher
from tui.search.index import Index
from tui.search.keys import initials_of, key_columns
from tui.search.normalize import base_form, initials_key, norm, syllable_key
from tui.search.postings import SCHEMA, Postings

# a small alphabet, so that grams repeat across rows; one character beyond U+FFFF shares its 16-bit
# code with 丂 (U+4E02): the index may offer it as a candidate, and the check must remove it
ALPHABET = "董家口经济区东冬一二十百亿元abcyh 、，𤒂丂"
texts_st = st.lists(st.text(alphabet=ALPHABET, max_size=30), min_size=1, max_size=25)


def _db_with(rows: list[str], column: str, base: int = 1) -> Postings:
    db = sqlite3.connect(":memory:")
    db.executescript(SCHEMA)
    p = Postings(db)
    p.write({column: grams.pairs(rows, column) + np.uint64(base)})
    db.commit()
    p.load()
    return p


@settings(max_examples=80, deadline=None)
@given(texts_st, st.text(alphabet=ALPHABET, min_size=2, max_size=5))
def test_candidates_hold_every_row_with_the_pattern(rows: list[str], pattern: str) -> None:
    for column in ("norm", "syl"):
        p = _db_with(rows, column)
        got = set(p.rows(column, grams.groups(column, pattern) or []).tolist())
        want = {i + 1 for i, text in enumerate(rows) if pattern in text}
        assert want <= got
        if grams.exact(column, pattern):
            assert got == want


@settings(max_examples=80, deadline=None)
@given(st.lists(st.text(alphabet="abcyhz -1", max_size=30), min_size=1, max_size=25),
       st.text(alphabet="abcyhz", min_size=2, max_size=5))
def test_initials_trigrams_hold_every_row_with_the_letters(rows: list[str], pattern: str) -> None:
    p = _db_with(rows, "ini")
    got = set(p.rows("ini", grams.groups("ini", pattern) or []).tolist())
    want = {i + 1 for i, text in enumerate(rows) if pattern in text}
    assert want <= got
    if grams.exact("ini", pattern):
        assert got == want


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(max_size=40), min_size=1, max_size=10))
def test_batch_keys_equal_the_keys_of_each_text(texts: list[str]) -> None:
    normal, syl = key_columns(texts)
    clean = [t.replace(grams.SEP, " ") for t in texts]
    assert normal.split(grams.SEP) == [norm(t) for t in clean]
    assert syl.split(grams.SEP) == [syllable_key(base_form(t)) for t in clean]
    assert [initials_of(s) for s in syl.split(grams.SEP)] == [initials_key(base_form(t)) for t in clean]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(st.sampled_from("董家口经济区习近平今天ABC１３５\U00025e73 ，") | st.characters(blacklist_categories=("Cs",)),
                        max_size=120), min_size=1, max_size=12))
def test_initials_of_long_keys_and_of_many_equal_the_translation(texts: list[str]) -> None:
    """``initials_of`` takes a NumPy table for a key of 48 characters or more, and ``initials_of_each`` joins
    many: both equal the per-character translation, characters beyond U+FFFF included. (No lone surrogates:
    a paragraph never holds one, since decoding replaces bad bytes, and OpenCC cannot take one.)"""
    from tui.search.keys import _arrays, initials_of_each

    syls = key_columns(texts)[1].split(grams.SEP)
    want = [s.translate(_arrays()[2]) for s in syls]
    assert [initials_of(s) for s in syls] == want
    assert initials_of_each(syls) == want
    assert initials_of(grams.SEP.join(syls)) == grams.SEP.join(want)


def test_keys_of_traditional_numerals_and_full_width() -> None:
    normal, syl = key_columns(["新增產值一百三十五億元", "ＡＢＣ１３５", "十大"])
    assert normal.split(grams.SEP) == ["新增产值135亿元", "abc135", "10大"]
    assert initials_of(syl.split(grams.SEP)[2]) == "sd"  # 十大 is typed shida, not yiling da


def _hits(idx: Index, query: str) -> list[str]:
    return [h.text for h in Searcher(idx).search(query, limit=20)]


def _unique_phrase(corpus: Path, page: Path) -> str:
    """Eight Han characters of ``page`` on one line that no other file holds."""
    others = "".join(f.read_text(encoding="utf-8").replace("\n", "") for f in corpus.rglob("*.txt") if f != page)
    for line in page.read_text(encoding="utf-8").splitlines():
        for i in range(len(line) - 8):
            piece = line[i:i + 8]
            if all("\u4e00" <= c <= "\u9fff" for c in piece) and piece not in others:
                return piece
    raise AssertionError("no unique phrase")


def test_changed_and_removed_files_leave_no_stale_hits(tmp_path: Path, small_corpus: Path) -> None:
    idx = Index(small_corpus, tmp_path / "i.sqlite")
    idx.update()
    page = next(small_corpus.rglob("yi-xin-ying-bian.txt"))
    phrase = _unique_phrase(small_corpus, page)
    changed = phrase[:4] + "瞄准" + phrase[6:]
    assert any(phrase in t for t in _hits(idx, phrase))
    page.write_text(page.read_text(encoding="utf-8").replace(phrase, changed) + "\n量子计算产业园开工。\n",
                    encoding="utf-8")
    idx.update()
    assert not [t for t in _hits(idx, phrase) if phrase in t]  # the old rows are dead
    assert any(changed in t for t in _hits(idx, changed))
    assert _hits(idx, "量子计算产业园")
    page.unlink()
    idx.update()
    assert not _hits(idx, "量子计算产业园")


def test_many_updates_merge_small_segments_and_answer_as_a_fresh_build(
        tmp_path: Path, small_corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(postings_mod, "MERGE_FROM", 3)
    idx = Index(small_corpus, tmp_path / "i.sqlite")
    idx.update()
    for k in range(6):
        (small_corpus / f"note{k}.txt").write_text(f"札记\n\n第{k}号海底隧道工程顺利贯通。\n", encoding="utf-8")
        idx.update()
    assert len(idx.postings.segments["norm"]) <= 4  # merged along the way
    fresh = Index(small_corpus, tmp_path / "fresh.sqlite")
    fresh.update()
    for q in ["海底隧道", "董家口", "dongjiakou", "djk", "经济区 锚定"]:
        assert sorted(_hits(idx, q)) == sorted(_hits(fresh, q)), q


def test_another_connection_sees_what_a_writer_committed(tmp_path: Path, small_corpus: Path) -> None:
    path = tmp_path / "i.sqlite"
    writer = Index(small_corpus, path)
    writer.update()
    reader = Index(small_corpus, path)
    assert not _hits(reader, "海底隧道")
    (small_corpus / "new.txt").write_text("新文件\n\n海底隧道工程顺利贯通。\n", encoding="utf-8")
    writer.update()
    assert _hits(reader, "海底隧道")  # its segment list was read again


def test_ids_of_deleted_rows_are_never_given_again(tmp_path: Path, small_corpus: Path) -> None:
    idx = Index(small_corpus, tmp_path / "i.sqlite")
    idx.update()
    top = idx.query("SELECT max(id) FROM paras")[0][0]
    last = sorted(small_corpus.rglob("*.txt"))[-1]
    last.unlink()  # the file with the highest ids
    idx.update()
    (small_corpus / "zz.txt").write_text("新文件\n\n海底隧道工程顺利贯通。\n", encoding="utf-8")
    idx.update()
    assert idx.query("SELECT min(id) FROM paras WHERE id > ?", (0,))[0][0] >= 1
    new_ids = [r[0] for r in idx.query("SELECT p.id FROM paras p JOIN articles a ON a.id = p.article "
                                       "WHERE a.path = 'zz.txt'")]
    assert new_ids and min(new_ids) > top
    assert _hits(idx, "海底隧道")


def test_an_interrupted_build_keeps_what_it_committed(tmp_path: Path, small_corpus: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """Rows and their segment are one transaction: a failure mid-build leaves no row unindexed."""
    idx = Index(small_corpus, tmp_path / "i.sqlite")
    calls = {"n": 0}
    real = Index._take

    def failing(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        calls["n"] += 1
        if calls["n"] == 2:
            raise OSError("disk full")
        return real(self, *args, **kwargs)

    monkeypatch.setattr(index_mod, "CHUNK_FILES", 2)
    monkeypatch.setattr(Index, "_take", failing)
    with pytest.raises(OSError):
        idx.update()
    assert idx.counts() == (0, 0)
    monkeypatch.setattr(Index, "_take", real)
    assert idx.update().changed == 5
    assert _hits(idx, "董家口")


def test_two_processes_updating_one_index_both_succeed(tmp_path: Path, small_corpus: Path) -> None:
    """A second yuelan waits for the first one's update (a lock file) instead of failing or, worse,
    taking the busy file for a corrupt one and deleting it under the first."""
    import os
    import subprocess
    import sys

    for k in range(450):  # enough files for worker processes and a build of a few seconds
        (small_corpus / f"copy{k}.txt").write_text(
            next(small_corpus.rglob("yi-xin-ying-bian.txt")).read_text(encoding="utf-8") + f"\n第{k}号\n",
            encoding="utf-8")
    env = {**os.environ, "YUELAN_CACHE_DIR": str(tmp_path / "cache")}
    procs = [subprocess.Popen([sys.executable, "-m", "tui", "index", str(small_corpus)], env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    outs = [p.communicate(timeout=300) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], outs
    r = subprocess.run([sys.executable, "-m", "tui", "search", "董家口", "--corpus", str(small_corpus), "--json"],
                       env=env, capture_output=True, text=True, timeout=300)
    assert r.returncode == 0 and "董家口" in r.stdout, r.stderr
    shared = Index(small_corpus, tmp_path / "cache" / "index" / index_mod.index_path(small_corpus.resolve()).name)
    alone = Index(small_corpus, tmp_path / "alone.sqlite")
    alone.update()
    assert shared.counts() == alone.counts()  # no file indexed twice


def test_cli_search_rebuilds_an_index_damaged_where_the_update_did_not_look(
        tmp_path: Path, small_corpus: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    import argparse

    from tui.commands import search_cmds

    monkeypatch.setenv("YUELAN_CACHE_DIR", str(tmp_path / "cache"))
    real = search_cmds._search
    calls = {"n": 0}

    def damaged_once(args: argparse.Namespace, idx: Index) -> int:
        calls["n"] += 1
        if calls["n"] == 1:
            raise sqlite3.DatabaseError("database disk image is malformed")
        return real(args, idx)

    monkeypatch.setattr(search_cmds, "_search", damaged_once)
    args = argparse.Namespace(query="董家口", queries=None, corpus=str(small_corpus), limit=3, offset=0, json=True)
    assert search_cmds.search(args) == 0
    out = capsys.readouterr()
    assert "董家口" in out.out and "rebuilding" in out.err


def test_another_process_reads_while_a_build_writes(tmp_path: Path, small_corpus: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """A build holds one transaction per segment; a reader elsewhere must not wait for it (WAL)."""
    import subprocess
    import sys
    import threading

    path = tmp_path / "i.sqlite"
    Index(small_corpus, path).update()  # the committed state the reader sees
    for k in range(150):
        (small_corpus / f"copy{k}.txt").write_text(
            next(small_corpus.rglob("yi-xin-ying-bian.txt")).read_text(encoding="utf-8"), encoding="utf-8")
    monkeypatch.setattr(index_mod, "WRITE_CACHE_MB", 1)  # the writer's pages spill to the file early
    monkeypatch.setattr(index_mod, "CHUNK_FILES", 20)
    writing = threading.Event()
    release = threading.Event()
    real = Index._take

    def slow(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        out = real(self, *args, **kwargs)
        writing.set()
        release.wait(30)  # hold the open transaction while the reader reads
        return out

    monkeypatch.setattr(Index, "_take", slow)
    writer = Index(small_corpus, path)
    t = threading.Thread(target=writer.update)
    t.start()
    try:
        assert writing.wait(60)
        code = ("import sys; from pathlib import Path; from tui.search.index import Index; "
                "from tui.search.engine import Searcher; "
                f"idx = Index(Path({str(small_corpus)!r}), Path({str(path)!r})); "
                "print(len(Searcher(idx).search('董家口')))")
        r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
        assert r.returncode == 0 and int(r.stdout.strip()) > 0, r.stderr
    finally:
        release.set()
        t.join(120)


def test_a_far_commoner_gram_is_not_read_once_the_rarer_ones_leave_few_rows(monkeypatch: pytest.MonkeyPatch) -> None:
    """董家口 narrows 500 rows to 2; reading 经济's 500 rows would cost more than checking 2 rows' text."""
    rows = ["发展经济"] * 500 + ["董家口经济区", "董家口经 济"]
    p = _db_with(rows, "norm")
    read: list[int] = []
    real = p._read
    monkeypatch.setattr(p, "_read", lambda s, a, b: read.append(b - a) or real(s, a, b))
    got = p.rows("norm", grams.groups("norm", "董家口经济") or [])
    assert set(got.tolist()) >= {501} and set(got.tolist()) <= {501, 502}
    assert max(read) < 500


# In UTF-16LE 中国 is the bytes 2D 4E FD 56; ⴀ ﵎ 䅖 (U+2D00 U+FD4E U+4156) are 00 2D 4E FD 56 41, which hold
# them at an odd offset: a byte comparison must not count that as the text holding 中国
_BYTE_TRAPS = "中国\u2d00\ufd4e\u4156\u4e4e\u2d2d丂"


@settings(max_examples=150, deadline=None)
@given(st.lists(st.text(alphabet=_BYTE_TRAPS, max_size=12), min_size=1, max_size=12),
       st.text(alphabet=_BYTE_TRAPS, min_size=1, max_size=3), st.sampled_from(["UTF-16le", "UTF-8"]))
def test_a_key_holds_a_pattern_as_text_not_as_bytes(rows: list[str], pattern: str, encoding: str) -> None:
    db = sqlite3.connect(":memory:")
    db.execute(f"PRAGMA encoding='{encoding}'")
    db.execute("CREATE TABLE paras (id INTEGER PRIMARY KEY, norm TEXT, syl TEXT)")
    db.executemany("INSERT INTO paras (id, norm, syl) VALUES (?, ?, '')", list(enumerate(rows)))
    codec = contains.codec_of(db)
    got = [r[0] for r in db.execute(f"SELECT id FROM paras WHERE {contains.holds('norm', codec)} ORDER BY id",
                                    contains.holds_args(pattern, codec))]
    assert got == [i for i, r in enumerate(rows) if pattern in r]


def test_a_pattern_met_at_an_odd_byte_offset_first_is_still_found_later() -> None:
    db = sqlite3.connect(":memory:")
    db.execute("PRAGMA encoding='UTF-16le'")
    db.execute("CREATE TABLE paras (id INTEGER PRIMARY KEY, norm TEXT, syl TEXT)")
    db.executemany("INSERT INTO paras (id, norm, syl) VALUES (?, ?, '')",
                   [(1, "\u2d00\ufd4e\u4156"), (2, "\u2d00\ufd4e\u4156中国"), (3, "中国")])
    cond = contains.holds("norm", "utf-16-le")
    got = [r[0] for r in db.execute(f"SELECT id FROM paras WHERE {cond}", contains.holds_args("中国", "utf-16-le"))]
    assert got == [2, 3]


def test_reads_kept_for_the_next_query_are_dropped_with_the_directory() -> None:
    """``Postings`` keeps recent reads by (segment, offsets). A rebuild can give a new segment the id and
    the offsets of an old one: once the directory is loaded again, a gram's rows are the new ones."""
    db = sqlite3.connect(":memory:")
    db.executescript(SCHEMA)
    p = Postings(db)
    p.write({c: grams.pairs(["董家口", "经济区"], c) for c in grams.COLUMNS})
    p.load()
    pattern = grams.groups("norm", "董家")
    assert pattern is not None
    assert p.rows("norm", pattern).tolist() == [0]
    db.executescript("DELETE FROM segments; DELETE FROM blocks;")  # a rebuild, as another process does it
    p.write({c: grams.pairs(["经济区", "董家口"], c) for c in grams.COLUMNS})
    p.load()
    assert p.rows("norm", pattern).tolist() == [1]
