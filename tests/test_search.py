"""Search over the bundled corpus: one group of queries per kind of typing mistake, plus properties."""

from __future__ import annotations

import contextlib
import json
import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.search.engine import Searcher
from tui.search.filters import QueryError
from tui.search.index import Index

from .conftest import ROOT

TARGET = "董家口经济区锚定打造支撑全市产"  # a passage of page 000 (lines 79-86)
QUERIES = {
    "exact": ["董家口经济区锚定", "新增产值135亿元"],
    "homophone": ["东家口经济区", "新增产指135亿元"],
    "missing": ["董家经济区锚定", "新增产135亿元"],
    "extra": ["董家口口经济区锚定"],
    "order": ["锚定 董家口", "高端石化 董家口经济区", "经济区董家口锚定"],
    "traditional": ["董家口經濟區錨定", "新增產值135億元"],
    "pinyin": ["dongjiakou jingjiqu", "djkjjq", "dong jia kou jing ji qu", "DJK"],
    "numeral": ["一百三十五亿元", "１３５亿元"],
}
EXPECT = {"新增": "力争增量项目年内新增产值135亿元以上", "董家": "董家口经济区锚定打造"}


@pytest.fixture(scope="module")
def searcher(tmp_path_factory: pytest.TempPathFactory) -> Searcher:
    import shutil

    root = tmp_path_factory.mktemp("c") / "corpus"
    shutil.copytree(ROOT / "corpus", root)
    idx = Index(root, tmp_path_factory.mktemp("idx") / "i.sqlite")
    idx.update()
    return Searcher(idx)


@pytest.mark.parametrize(("kind", "query"), [(k, q) for k, qs in QUERIES.items() for q in qs])
def test_intended_passage_in_top_results(searcher: Searcher, kind: str, query: str) -> None:
    hits = searcher.search(query, limit=10)
    want = EXPECT["新增"] if ("亿" in query or "億" in query) else EXPECT["董家"]
    assert any(want in h.text for h in hits), (kind, query, [h.text[:30] for h in hits])


def test_match_spans_point_into_the_original_text(searcher: Searcher) -> None:
    hit = searcher.search("董家口經濟區", limit=1)[0]
    s, e = hit.matches[0]
    assert hit.text[s:e] == "董家口经济区"
    hit = searcher.search("一百三十五亿", limit=1)[0]
    s, e = hit.matches[0]
    assert hit.text[s:e].startswith("135亿")


@pytest.mark.parametrize("query", ["量子纠缠黑洞辐射", "xqzvbnm", "Quantum entanglement"])
def test_nothing_close_gives_no_hits(searcher: Searcher, query: str) -> None:
    assert searcher.search(query) == []


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=12))
def test_any_query_never_raises(searcher: Searcher, query: str) -> None:
    """Any text is answered, or refused with the one-line ``QueryError`` (a filter with no value: since:)."""
    try:
        hits = searcher.search(query)
    except QueryError as exc:
        assert str(exc) and "\n" not in str(exc)
        return
    if not query.strip():
        assert hits == []


def test_incremental_update_and_corrupt_index(tmp_path: Path, small_corpus: Path) -> None:
    path = tmp_path / "idx.sqlite"
    idx = Index(small_corpus, path)
    first = idx.update()
    assert first.changed == 5
    assert idx.update().changed == 0  # nothing changed: nothing re-read
    page = next(small_corpus.rglob("yi-xin-ying-bian.txt"))
    page.write_text(page.read_text(encoding="utf-8") + "\n新增的一段：量子计算产业园开工。\n", encoding="utf-8")
    (small_corpus / "new.txt").write_text("新文件\n\n海底隧道工程顺利贯通。\n", encoding="utf-8")
    stats = idx.update()
    assert stats.changed == 2
    assert Searcher(idx).search("量子计算产业园")
    next(small_corpus.rglob("lizheng-kaimenhong.txt")).unlink()
    assert idx.update().removed == 1
    idx.db.close()
    path.write_bytes(b"this is not a database" * 100)
    again = Index(small_corpus, path)  # rebuilt, not an error
    again.update()
    assert Searcher(again).search("海底隧道")


def test_cli_batch_queries(tmp_path: Path) -> None:
    qfile = tmp_path / "q.txt"
    qfile.write_text("董家口\n量子纠缠黑洞辐射\n", encoding="utf-8")
    r = subprocess.run([sys.executable, "-m", "tui", "search", "--corpus", str(ROOT / "corpus"), "--json",
                        "--limit", "3", "--queries", str(qfile)], capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    rows = [json.loads(x) for x in r.stdout.splitlines()]
    assert [x["query"] for x in rows] == ["董家口", "量子纠缠黑洞辐射"]
    hit = rows[0]["hits"][0]
    assert set(hit) >= {"path", "article", "title", "paragraph", "text", "score", "matches"}
    assert hit["text"][hit["matches"][0][0]:hit["matches"][0][1]] == "董家口"
    assert rows[1]["hits"] == []


def test_parallel_build_matches_serial(tmp_path: Path, small_corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import tui.search.chunks as chunks_mod
    import tui.search.index as index_mod

    serial = Index(small_corpus, tmp_path / "serial.sqlite")
    serial.update()
    monkeypatch.setattr(chunks_mod, "PARALLEL_FROM", 1)  # force the process pool even for five files
    monkeypatch.setattr(index_mod, "CHUNK_FILES", 2)  # and several chunks, whose grams are merged
    parallel = Index(small_corpus, tmp_path / "parallel.sqlite")
    stats = parallel.update()
    assert stats.changed == 5
    q = "SELECT a.path, p.article, p.pidx, p.text FROM paras p JOIN articles a ON a.id = p.article ORDER BY 1, 2, 3"
    assert parallel.query(q) == serial.query(q)
    assert [h.text for h in Searcher(parallel).search("董家口")] == [h.text for h in Searcher(serial).search("董家口")]


@pytest.mark.parametrize(("query", "word"), [("yinhang", "银行"), ("chengshishangyeyinhang", "城市商业银行"),
                                             ("hangye", "行业")])
def test_pinyin_finds_words_whose_characters_read_otherwise_alone(searcher: Searcher, query: str, word: str) -> None:
    """行 alone is xing, in 银行 hang: the index keys characters by their commonest reading, so typed pinyin
    also looks for the key of the word it spells."""
    from tui.search.normalize import pinyin_keys, syllable_key

    assert pinyin_keys(query)[0] != syllable_key(word)  # the plain key alone would miss it
    assert any(syllable_key(word) in key for key in pinyin_keys(query)[1:])
    hits = searcher.search(query, limit=10)
    assert any(word in h.text for h in hits), [h.text[:30] for h in hits]


@pytest.mark.parametrize(("query", "word"), [("liangyuan", "两院"), ("sanzhang", "三张"), ("lysx", "两院三校")])
def test_pinyin_of_numerals_keeps_their_sound(searcher: Searcher, query: str, word: str) -> None:
    """The normal form turns 两 into 2 so that numerals meet digits; pinyin is keyed on the text before
    that, so 两院 is still liangyuan (not er-yuan), and the match points at the characters typed."""
    hits = searcher.search(query, limit=10)
    hit = next((h for h in hits if word in h.text), None)
    assert hit is not None, [h.text[:30] for h in hits]
    assert any(hit.text[s:e] == word for s, e in hit.matches), (hit.matches, word)


def test_initials_of_a_common_polyphone_word_are_widened() -> None:
    """银行 is typed yh but indexed yx (行 alone is xing): four letters or more also look up the indexed
    initials of common words; three or fewer are too ambiguous to widen."""
    from tui.search.normalize import initials_variants

    assert "zgyx" in initials_variants("zgyh")
    assert initials_variants("djk") == []
    assert "yxfxz" in initials_variants("yhfhz")  # 银行副行长: two such words in one query, both widened at once


def test_syllables_typed_apart_are_one_word() -> None:
    from tui.search.query import _join_syllables

    assert _join_syllables(["dong", "jia", "kou"]) == ["dong'jia'kou"]  # where the spaces were, syllables end
    assert _join_syllables(["dongjiakou", "jing", "ji", "qu"]) == ["dongjiakou", "jing'ji'qu"]
    assert _join_syllables(["ji", "an", "li", "hui"]) == ["ji'an'li'hui"]  # not jian-li-hui
    assert _join_syllables(["xi", "董家口"]) == ["xi", "董家口"]  # a lone syllable stays a term
    assert _join_syllables(["quantum", "entanglement"]) == ["quantum", "entanglement"]


def test_syllables_typed_apart_keep_their_boundaries(tmp_path: Path) -> None:
    """ji an li hui is 及安理会 (four syllables), not jian + li + hui: the spaces said where each ends."""
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "a.txt").write_text("叙利亚外交部致信联合国秘书长及安理会轮值主席。\n\n建立会商机制。\n", encoding="utf-8")
    idx = Index(corpus, tmp_path / "i.sqlite")
    idx.update()
    hits = Searcher(idx).search("ji an li hui", 10)
    assert hits and "及安理会" in hits[0].text


def test_pinyin_that_reads_two_ways_looks_up_both() -> None:
    from tui.search.normalize import pinyin_segmentations

    assert ["ping", "an"] in pinyin_segmentations("pingan") and ["pin", "gan"] in pinyin_segmentations("pingan")
    assert pinyin_segmentations("dongjiakou") == [["dong", "jia", "kou"]]
    assert pinyin_segmentations("xqzvbnm") == []
    assert pinyin_segmentations("xi'an") == [["xi", "an"]] and pinyin_segmentations("xian") == [["xian"]]


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="董家口经济区锚定东", min_size=3, max_size=8), st.text(alphabet="董家口经济区锚定东", max_size=30))
def test_one_edit_halves_shortcut_loses_no_match(pattern: str, hay: str) -> None:
    """The shortcut (one edit leaves half the pattern whole) must agree with trying every edit."""
    import re

    from tui.search.edits import one_edit

    slow = any(re.search(re.escape(pattern[:i]) + "." + re.escape(pattern[i:]), hay, re.S) for i in range(1, len(pattern))) \
        or any(re.search(re.escape(pattern[:i]) + "." + re.escape(pattern[i + 1:]), hay, re.S) for i in range(1, len(pattern) - 1)) \
        or any(pattern[:i] + pattern[i + 1:] in hay for i in range(1, len(pattern) - 1))
    assert (one_edit(pattern, hay) is not None) == slow


def _paragraphs(searcher: Searcher) -> list[tuple[int, str, str]]:
    return [(r[0], r[1], r[2]) for r in searcher.index.query("SELECT id, article, norm FROM paras ORDER BY id")]


@settings(max_examples=40, deadline=None)
@given(data=st.data())
def test_pages_cover_every_hit_once_and_every_exact_match(searcher: Searcher, data: st.DataObject) -> None:
    """Issue 15: results were cut to the first 400 rows in row order, with no count and no paging. Every
    paragraph holding the query as typed is a hit, the total says how many there are, and pages of any size
    walk them all, none twice, none skipped."""
    paras = _paragraphs(searcher)
    _, _, norm = data.draw(st.sampled_from([p for p in paras if len(p[2]) >= 6]))
    start = data.draw(st.integers(0, len(norm) - 2))
    query = norm[start:start + data.draw(st.integers(2, 4))]
    whole = searcher.find(query, 10_000)
    assert whole.total == len(whole.hits)
    # figures match by value: "20" is not in "2023"
    head = r"(?<![0-9.])" if query[0].isdigit() else ""
    tail = r"(?![0-9])" if query[-1].isdigit() else ""
    holding = {aid for _, aid, n in paras if re.search(head + re.escape(query) + tail, n)}
    assert holding <= {h.article for h in whole.hits}
    assert whole.articles == len({h.article for h in whole.hits})
    size = data.draw(st.integers(1, 7))
    paged = []
    for offset in range(0, whole.total, size):
        page = searcher.find(query, size, offset)
        assert page.total == whole.total
        paged += page.hits
    assert [(h.article, h.paragraph) for h in paged] == [(h.article, h.paragraph) for h in whole.hits]


def test_cli_reports_the_total_and_pages(tmp_path: Path) -> None:
    out = subprocess.run([sys.executable, "-m", "tui", "search", "发展", "--corpus", str(ROOT / "corpus"), "--json",
                          "--limit", "3", "--offset", "2"], capture_output=True, text=True, cwd=tmp_path, check=True)
    doc = json.loads(out.stdout)
    assert doc["total"] > 5 and doc["articles"] >= 1 and doc["offset"] == 2 and len(doc["hits"]) == 3


def test_filters_read_dates_folders_and_sorts() -> None:
    from tui.search.filters import QueryError, date_arg, make, split_query

    assert date_arg("20240630", "x") == "2024-06-30" and date_arg("2024/06", "x") == "2024-06"
    text, f = split_query("乡村振兴 since:2024-01 until:2024-06 in:2024/ sort:newest")
    assert text.split() == ["乡村振兴"]
    assert (f.since, f.until, f.within, f.sort) == ("2024-01", "2024-06", "2024", "newest")
    assert f.keeps("2024-06-30", "2024/x.txt") and not f.keeps("2024-07-01", "2024/x.txt")
    assert not f.keeps("2023-12-31", "2024/x.txt") and not f.keeps(None, "2024/x.txt")
    assert not f.keeps("2024-03-01", "2023/x.txt") and not f.keeps("2024-03-01", "20240/x.txt")
    for bad in ("since:2024-13", "until:tomorrow", "sort:random", "in:"):
        with pytest.raises(QueryError):
            split_query(f"发展 {bad}")
    assert make(sort="oldest").over(make(since="2023")).since == "2023"


@settings(max_examples=30, deadline=None)
@given(data=st.data())
def test_filters_and_sorts_against_brute_force(searcher: Searcher, data: st.DataObject) -> None:
    """Issue 15: a filter applies to every hit before paging (as complete as any result) and a sort by date
    orders them; checked against filtering the unfiltered hits by hand."""
    from tui.search.filters import make

    query = data.draw(st.sampled_from(["发展", "经济", "董家口", "项目", "区委"]))
    since = data.draw(st.sampled_from([None, "2020", "2023-01", "2023-02", "2023-08"]))
    until = data.draw(st.sampled_from([None, "2023-01", "2023-02", "2024"]))
    within = data.draw(st.sampled_from([None, "qingdao-daily", "qingdao-daily/2023-08", "nowhere"]))
    sort = data.draw(st.sampled_from(["relevance", "newest", "oldest"]))
    filters = make(since, until, within, sort)
    everything = searcher.find(query, 10_000)
    meta = searcher.index.article_meta({h.article for h in everything.hits})
    expected = [h for h in everything.hits if filters.keeps(*meta[h.article])]
    got = searcher.find(query, 10_000, filters=filters)
    assert got.total == len(expected) == len(got.hits)
    assert {(h.article, h.paragraph) for h in got.hits} == {(h.article, h.paragraph) for h in expected}
    from unittest import mock

    from tui.search import ranking
    from tui.search.hits import Found

    def rows(found: Found) -> list[tuple[str, int, float]]:
        return [(h.article, h.paragraph, h.score) for h in found.hits]

    with mock.patch.object(ranking, "ROW_MAP_FROM", 1):  # every ranking in arrays (``placed``), filtered there
        in_arrays = searcher.find(query, 10_000, filters=filters)
    assert rows(in_arrays) == rows(got) and in_arrays.articles == got.articles
    dates = [meta[h.article][0] or "" for h in got.hits]
    if sort == "newest":
        assert dates == sorted(dates, reverse=True)
    elif sort == "oldest":
        assert dates == sorted(dates)
    else:
        assert [(h.article, h.paragraph) for h in got.hits] == [(h.article, h.paragraph) for h in expected]


def test_cli_filters_and_a_bad_date(tmp_path: Path) -> None:
    base = [sys.executable, "-m", "tui", "search", "发展", "--corpus", str(ROOT / "corpus")]
    ok = subprocess.run([*base, "--json", "--since", "2023-02", "--in", "qingdao-daily/2023-08", "--sort", "oldest"],
                        capture_output=True, text=True, cwd=tmp_path, check=True)
    doc = json.loads(ok.stdout)
    assert doc["total"] > 0 and all(h["path"].startswith("qingdao-daily/2023-08/") for h in doc["hits"])
    bad = subprocess.run([*base, "--since", "2023-13"], capture_output=True, text=True, cwd=tmp_path)
    assert bad.returncode == 1 and bad.stderr.count("\n") == 1 and "2023-13" in bad.stderr


def test_filters_written_in_a_query_are_not_lit_as_words() -> None:
    """The reader lights an opened hit's article with the query: its since:/in:/sort: are no words."""
    from tui.search.matches import spans_in

    text = "董家口经济区 sort:newest in:2024 的报道"
    assert spans_in("董家口 sort:newest in:2024", [text]) == {0: [(0, 3)]}


@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_ranking_in_arrays_equals_ranking_row_by_row(searcher: Searcher, data: st.DataObject) -> None:
    """``placed_in_order`` (numpy, for many rows) gives exactly ``ordered(placed(...))``: the same scores,
    headlines a little lower, equal scores in row order, rows in no article dropped."""
    from unittest import mock

    from tui.search import ranking

    top = searcher.index.query("SELECT max(id) FROM paras")[0][0]
    rows = data.draw(st.lists(st.integers(1, top + 3), min_size=1, max_size=60, unique=True))
    weights = data.draw(st.lists(st.sampled_from([100.0, 92.0, 85.0, 70.5]), min_size=len(rows), max_size=len(rows)))
    order = sorted(range(len(rows)), key=rows.__getitem__)
    sure = (np.array([rows[i] for i in order], dtype=np.int64), np.array([weights[i] for i in order]))
    with mock.patch.object(ranking, "ROW_MAP_FROM", 1):
        assert list(ranking.placed_in_order(searcher.index, sure) or []) == ranking.ordered(ranking.placed(searcher.index, sure))


@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_proven_scores_of_several_words_equal_reading_the_rows(searcher: Searcher, data: st.DataObject) -> None:
    """Rows holding every word of a query as typed are scored without being read back (``holding_marked``),
    and words of one or two characters beside them by look-ups (``_short_held``): the ranking is exactly the one that reads and scores every row, figures, near misses and headlines
    included, and none of those rows is missing."""
    from unittest import mock

    from tui.search import engine
    from tui.search.keys import key_columns
    from tui.search.terms import Term, make_term

    norms = [n for _, _, n in _paragraphs(searcher) if len(n) >= 8]
    sounds: dict[str, list[str]] = {}  # characters of one syllable: a homophone typed for another
    for ch in sorted({c for n in norms for c in n}):
        sounds.setdefault(key_columns([ch])[1], []).append(ch)
    words = []
    norm = data.draw(st.sampled_from(norms))
    for _ in range(data.draw(st.integers(2, 3))):
        if data.draw(st.integers(0, 3)) == 0:  # mostly words of one paragraph, so that rows hold them all
            norm = data.draw(st.sampled_from(norms))
        start = data.draw(st.integers(0, len(norm) - 3))
        word = norm[start:start + data.draw(st.integers(1, 5))].replace(" ", "")
        if data.draw(st.booleans()) and len(word) > 3:
            word = word[:1] + word[2:]  # a character dropped
        elif len(word) > 1 and data.draw(st.booleans()):
            word = word[0] + data.draw(st.sampled_from(sounds.get(key_columns([word[1]])[1], [word[1]]))) + word[2:]
        words.append(word)
    query = " ".join(w for w in words if w.strip())
    plain = not re.search(r'["“”|｜:-]', query)  # words the query language reads as typed (no quotes, operators, filters)
    with mock.patch.object(engine, "FUZZY_BELOW", data.draw(st.sampled_from([0, engine.FUZZY_BELOW]))):
        fast = list(searcher.matching(query).ranked)
        with mock.patch.object(Index, "holding_marked", lambda self, ids, terms, marks: (self.holding(ids, terms, len(ids)), [])):
            with mock.patch.object(engine, "SHORT_UNREAD", False):
                slow = list(searcher.matching(query).ranked)
    assert fast == slow
    terms = [make_term(w) for w in query.split()]

    def holds(t: Term, n: str) -> bool:  # figures by value: 2 is not in 2000
        return bool(t.bounded.search(n)) if t.bounded is not None else t.variants[0].pattern in n

    holding = {rid for rid, _, n in _paragraphs(searcher) if plain and all(holds(t, n) for t in terms)}
    assert holding <= {rid for _, rid, _ in fast}  # every row holding every word as typed


@pytest.mark.parametrize("query", ["董家口 jj", "经济区 dj", "经济 x", "董家口经济区 港", "锚定 q"])
def test_short_latin_words_scored_by_look_ups_equal_reading_the_rows(searcher: Searcher, query: str) -> None:
    """``ranking.short_held`` for short words typed in letters (their initials variant), not only characters."""
    from unittest import mock

    from tui.search import engine

    fast = list(searcher.matching(query).ranked)
    with mock.patch.object(engine, "SHORT_UNREAD", False):
        assert fast == list(searcher.matching(query).ranked)


@settings(max_examples=200, deadline=None)
@given(data=st.data())
def test_quick_first_page_is_the_full_searchs_first_page(searcher: Searcher, data: st.DataObject) -> None:
    """``quick.first_page`` (the reader's page before every hit is counted) shows exactly the full ranking's
    first hits, with a total that is a lower bound; filters written in the query included."""
    from unittest import mock

    from tui.search import quick

    text = data.draw(st.sampled_from([t for _, _, t in _paragraphs(searcher)]))
    start = data.draw(st.integers(0, max(0, len(text) - 1)))
    word = text[start:start + data.draw(st.integers(1, 4))].strip()
    extra = data.draw(st.sampled_from(["", " since:2023", " until:2023-01", " in:qingdao-daily/2023-08", " sort:newest",
                                       " sort:oldest", " since:2023-02 sort:newest"]))
    query = word + extra
    limit = data.draw(st.integers(1, 5))
    from tui.search import engine

    enough = data.draw(st.sampled_from([2, 5, engine.ENOUGH]))  # the full search's own cut-off, used by both
    with mock.patch.object(quick, "WORTH_IT", 0), mock.patch.object(quick, "TRIES", (3, 40)), \
            mock.patch.object(engine, "ENOUGH", enough):
        first = quick.first_page(searcher, query, limit)
        if first is None:
            return
        full = searcher.find(query, limit)
    assert not first.complete and first.total <= full.total and first.articles <= full.articles
    assert [(h.article, h.paragraph, h.matches) for h in first.hits] == [(h.article, h.paragraph, h.matches) for h in full.hits]


def test_quick_first_page_over_many_words_and_sorts(searcher: Searcher) -> None:
    """The same as above over 600 seeded draws (words of 1-4 characters of the pages or their pinyin, every
    sort and filter, the full search's cut-off made small so that the bundled pages reach it)."""
    import random
    from unittest import mock

    from pypinyin import lazy_pinyin

    from tui.search import engine, quick

    rng = random.Random(2)
    texts = [t for _, _, t in _paragraphs(searcher)]
    checked = 0
    for _ in range(600):
        text = rng.choice(texts)
        at = rng.randrange(len(text))
        word = text[at:at + rng.randint(1, 4)].strip()
        if rng.random() < 0.3:
            word = "".join(lazy_pinyin(word))  # pinyin typed whole: its syllable key is the strongest held
        query = word + rng.choice([" sort:newest", " sort:oldest", " since:2023-02 sort:newest", "",
                                   " in:qingdao-daily/2023-08"])
        limit = rng.randint(1, 5)
        with mock.patch.object(quick, "WORTH_IT", 0), mock.patch.object(quick, "TRIES", (3, 40)), \
                mock.patch.object(engine, "ENOUGH", rng.choice([2, 5])):
            first = quick.first_page(searcher, query, limit)
            if first is None:
                continue
            full = searcher.find(query, limit)
        checked += 1
        assert [(h.article, h.paragraph) for h in first.hits] == [(h.article, h.paragraph) for h in full.hits], query
    assert checked >= 50


@settings(max_examples=150, deadline=None)
@given(data=st.data())
def test_filters_on_arrays_equal_filters_on_rows(data: st.DataObject) -> None:
    """``placed.filtered`` (a common word's rows as arrays) keeps and orders exactly as ``filters.apply``,
    undated articles, folder prefixes (a/ but not a-x/ or a0/) and a file named whole included."""

    from tui.search import rowmap
    from tui.search.filters import apply, make
    from tui.search.placed import Placed, filtered

    n = data.draw(st.integers(1, 8))
    dates = data.draw(st.lists(st.sampled_from([None, "2023", "2023-05", "2023-05-01", "2024-01-02", "2024-11"]),
                               min_size=n, max_size=n))
    folders = data.draw(st.lists(st.sampled_from(["a/", "a/b/", "ab/", "a-x/", "a0/", ""]), min_size=n, max_size=n))
    paths = [f"{folders[k]}f{k}.txt" for k in range(n)]
    rows = [(10 * k, 0, f"art{k}", 3, dates[k], paths[k]) for k in range(n)]
    m = rowmap.load(rows, {paths[k]: (10 * k, 10 * k + 2) for k in range(n)}, [])
    assert m is not None
    where = np.array(data.draw(st.lists(st.integers(0, n - 1), min_size=1, max_size=20)), dtype=np.int64)
    scores = np.array(sorted(data.draw(st.lists(st.sampled_from([100.0, 92.0, 99.5]), min_size=len(where),
                                                max_size=len(where))), reverse=True))
    placed = Placed(scores, np.arange(len(where), dtype=np.int64), where, m)
    f = make(data.draw(st.sampled_from([None, "2023", "2023-05"])), data.draw(st.sampled_from([None, "2023-05", "2024"])),
             data.draw(st.sampled_from([None, "a", "a/b", "ab", "f0.txt", "a/f1.txt"])), data.draw(st.sampled_from(["relevance", "newest", "oldest"])))
    meta = {f"art{k}": (dates[k], paths[k]) for k in range(n)}
    assert list(filtered(placed, f)) == apply(list(placed), meta, f)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.integers(0, 6), min_size=1, max_size=60), st.integers(1, 20))
def test_near_miss_candidates_are_the_rows_holding_the_most_pairs(counts: list[int], limit: int) -> None:
    """``nearby.top_rows``: the ``limit`` rows with the most of a word's pairs, ties in index order."""
    import numpy as np

    from tui.search.nearby import top_rows

    best = sorted((i for i, c in enumerate(counts) if c), key=lambda i: (-counts[i], i))[:limit]
    assert top_rows(np.array(counts, dtype=np.int64), limit).tolist() == sorted(best)


def test_a_common_half_does_not_cut_off_the_paragraph_meant(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Two mistakes in one query (国务院 typed 国务囦, 总 dropped): its near misses are looked for among the
    rows holding a half of it; when more rows hold that half than can be scored, the ones holding most of
    the query's pairs are scored, not the first in index order (which cut the paragraph meant off)."""
    from tui.search import engine

    corpus = tmp_path / "c"
    corpus.mkdir()
    for k in range(12):
        (corpus / f"a{k:02d}.txt").write_text(f"第{k}篇\n\n国务院今天召开常务会议，研究部署第{k}项工作。\n", encoding="utf-8")
    (corpus / "z.txt").write_text("会见\n\n国务院副总理丁薛祥会见了代表团。\n", encoding="utf-8")
    index = Index(corpus, tmp_path / "i.sqlite")
    index.update()
    monkeypatch.setattr(engine, "FUZZY_CANDIDATES", 4)
    hits = Searcher(index).search("国务囦副理丁", 10)
    assert hits and "副总理丁薛祥" in hits[0].text


@settings(max_examples=80, deadline=None)
@given(data=st.data())
def test_pair_filter_of_reordered_words_loses_no_row(searcher: Searcher, data: st.DataObject) -> None:
    """Rows missing a pair no cut can lose are not read (``_cuttable``), nor the rows where a word with no
    character twice cuts into two pieces, found by look-ups (``_two_pieces``): every row found by reading
    all the rows the pair count lets through is still found, with the same pieces."""
    from unittest import mock

    from tui.search import pieces

    norms = [n for _, _, n in _paragraphs(searcher) if len(n) >= 12]
    norm = data.draw(st.sampled_from(norms))
    parts = []
    two = data.draw(st.booleans())  # two pairs: a word of four characters
    for _ in range(2 if two else data.draw(st.integers(2, 3))):
        start = data.draw(st.integers(0, len(norm) - 4))
        parts.append(norm[start:start + (2 if two else data.draw(st.integers(2, 4)))])
    word = "".join(data.draw(st.permutations(parts))).replace(" ", "")
    fast = pieces.reordered_rows(searcher.index, word)
    every = np.arange(1 << 20, dtype=np.uint32)  # as if every row held a character beyond U+FFFF: all read
    with mock.patch.object(Index, "astral", lambda self, column: every):
        with mock.patch.object(pieces, "_cuttable", lambda rows, found, most: np.ones(len(rows), dtype=bool)):
            assert fast == pieces.reordered_rows(searcher.index, word)  # _two_pieces trusts what _cuttable lets by
        assert fast == pieces.reordered_rows(searcher.index, word)


def test_a_common_word_typed_in_another_order_is_found_in_every_paragraph(tmp_path: Path,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """央视网消息 opens 24,079 paragraphs of the news archive; typed 消息央视网 it found nothing, since a word held
    in more rows than could be read was taken for no reordering. A word cut into two pieces is now found by
    looking its pieces up, with no row read, however many rows hold it."""
    from tui.search import pieces

    corpus = tmp_path / "c"
    corpus.mkdir()
    for k in range(12):
        (corpus / f"a{k:02d}.txt").write_text(f"第{k}篇\n\n央视网消息：今天召开第{k}次会议。\n", encoding="utf-8")
    index = Index(corpus, tmp_path / "i.sqlite")
    index.update()
    monkeypatch.setattr(pieces, "MOST_ROWS", 4)  # fewer than the rows holding it, as 20,000 were at 24k
    found = Searcher(index).find("消息央视网", 100)
    assert found.total == 12
    assert all("央视网消息" in h.text for h in found.hits)


def test_a_paragraph_shorter_than_the_word_is_no_match_for_it() -> None:
    """``partial_ratio`` aligns the shorter string inside the longer: a paragraph "董家口" (a byline, a
    heading) scored 100 for the query 董家口经济区, as if it held the whole word. A text shorter than the
    word matches only as a whole, up to the same edits a near miss allows."""
    from tui.search.keys import key_columns
    from tui.search.terms import FLOOR, locate, make_term, score

    term = make_term("董家口经济区")

    def cols(text: str) -> tuple[str, str, str]:
        norm, syl = key_columns([text])
        return norm, syl, ""

    assert score(term, cols("董家口")) < FLOOR
    assert score(term, cols("经济区")) < FLOOR
    assert FLOOR <= score(term, cols("董家口经济")) < 100  # a character short: a near miss
    assert score(term, cols("董家口经济区")) == 100
    norm, syl, _ = cols("董家口")
    assert locate(term, {"norm": norm, "syl": syl, "ini": ""}) is None


@settings(max_examples=200, deadline=None)
@given(rows=st.sets(st.integers(0, 300), min_size=1), lists=st.lists(st.sets(st.integers(0, 300), min_size=1), max_size=6))
def test_pairs_held_counts_each_row_in_each_list(rows: set[int], lists: list[set[int]]) -> None:
    from tui.search.nearby import pairs_held

    got = pairs_held(np.array(sorted(rows), dtype=np.int64), [np.array(sorted(ids), dtype=np.uint32) for ids in lists])
    assert got.tolist() == [sum(r in ids for ids in lists) for r in sorted(rows)]


def test_a_filter_no_article_passes_ranks_nothing(searcher: Searcher) -> None:
    """A folder misspelt in ``in:`` or dates beyond the corpus: no hit, and no word looked up or ranked
    (at ~100k stories 习近平 in such a folder ranked 91,096 paragraphs to keep none)."""
    from unittest import mock

    with mock.patch.object(Searcher, "_rank_groups", side_effect=AssertionError("ranked")):
        for query in ("发展 in:nowhere", "董家口 since:2030", "经济 until:1999 sort:newest"):
            found = searcher.find(query, 10)
            assert (found.total, found.articles, found.hits) == (0, 0, [])
            assert found.note.startswith("no article passes ") and query.split()[1] in found.note
    assert searcher.find("发展 in:qingdao-daily", 10).total > 0
    assert searcher.find("量子纠缠黑洞辐射 in:qingdao-daily", 10).note == ""  # nothing matched, not the filter


def test_prepare_puts_what_it_made_out_of_the_collectors_reach(searcher: Searcher) -> None:
    """The tables opening an index makes live as long as the process; a full garbage collection walking
    them paused one query in a batch of 395 by 40-90 ms (the reader's own hitch). ``prepare`` freezes them."""
    import gc

    gc.unfreeze()
    try:
        searcher.prepare()
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()


def test_an_index_dropped_is_closed_when_another_is_prepared(tmp_path: Path) -> None:
    """``prepare`` freezes what it made out of the collector's reach; an index opened, prepared and dropped
    must still be freed (its file closed, its memory map gone) once another is prepared. A connection is in a
    reference cycle (its statement cache), so only the collector frees it: frozen, the benchmark (24k stories,
    then ~100k, in one process) kept the first index's 193 MB of mapped pages in its RSS."""
    import gc
    import os

    fds = Path("/proc/self/fd")
    if not fds.is_dir():
        pytest.skip("needs /proc to list open files")

    def open_files() -> set[str]:
        out = set()
        for fd in fds.iterdir():
            with contextlib.suppress(OSError):
                out.add(os.readlink(fd))
        return out

    def opened(name: str) -> Searcher:
        s = Searcher(Index(ROOT, tmp_path / name))
        s.index.update()
        s.index.settle()
        s.prepare()
        s.find("发展 in:qingdao-daily sort:newest", 10)
        return s

    first = opened("a.sqlite")
    assert str(tmp_path / "a.sqlite") in open_files()
    del first
    second = opened("b.sqlite")
    try:
        assert str(tmp_path / "a.sqlite") not in open_files()
        assert second.find("董家口", 10).total > 0
    finally:
        gc.unfreeze()
