"""KWIC lines and trends against a brute-force reading of the bundled corpus."""

from __future__ import annotations

from collections import Counter, defaultdict
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len

from tui.cli import main
from tui.concordance.kwic import KwicLine, lines, sorted_lines
from tui.concordance.trends import corpus_periods, periods, query_series, table
from tui.ingest.loader import load_corpus
from tui.search.engine import Searcher
from tui.search.index import Index

from .conftest import CORPUS


@pytest.fixture(scope="module")
def searcher(tmp_path_factory: pytest.TempPathFactory) -> Searcher:
    index = Index(CORPUS, tmp_path_factory.mktemp("cache") / "index.sqlite")
    index.update()
    return Searcher(index)


def _brute(word: str) -> set[tuple[str, int, int]]:
    out = set()
    for art in load_corpus(CORPUS).articles:
        for p in art.paragraphs:
            at = p.text.find(word)
            while at >= 0:
                out.add((art.id, p.index, at))
                at = p.text.find(word, at + len(word))
    return out


@pytest.mark.parametrize("word", ["西海岸", "投资", "项目"])
def test_kwic_has_every_match_once_with_exact_contexts(searcher: Searcher, word: str) -> None:
    found = list(lines(searcher, f'"{word}"'))
    keys = [(ln.article, ln.paragraph, ln.start) for ln in found]
    assert len(keys) == len(set(keys))  # every match once
    assert set(keys) == _brute(word)
    for ln in found[:50]:
        assert ln.match == word
        left, right = ln.left(10), ln.right(10)
        assert ln.text[:ln.start].replace("\n", " ").endswith(left) and cell_len(left) <= 10
        assert ln.text[ln.stop:].replace("\n", " ").startswith(right) and cell_len(right) <= 10
        row = ln.aligned(10)
        assert cell_len(row[:row.index(" " + word + " ") + 1]) == 11  # the matches stand in one column


def test_kwic_sorts_by_the_word_after_the_match(searcher: Searcher) -> None:
    found = list(lines(searcher, '"西海岸"'))
    by_right = sorted_lines(found, "1R")
    assert sorted(by_right, key=lambda x: (x.article, x.start)) == sorted(found, key=lambda x: (x.article, x.start))
    firsts = [ln.text[ln.stop:ln.stop + 2] for ln in by_right]
    assert firsts.index("新区") < len(firsts)  # 新区 after 西海岸 groups together
    grouped = [k for k, f in enumerate(firsts) if f == "新区"]
    assert grouped == list(range(grouped[0], grouped[0] + len(grouped)))
    dates = [ln.date or "" for ln in sorted_lines(found, "date")]
    assert dates == sorted(dates, reverse=True)


@given(st.text(min_size=0, max_size=30), st.integers(0, 30), st.integers(1, 12))
def test_kwic_contexts_fit_their_width(text: str, at: int, cells: int) -> None:
    at = min(at, len(text))
    ln = KwicLine("a", "p", "t", None, 1, 1, text, at, min(len(text), at + 2))
    assert cell_len(ln.left(cells)) <= cells and cell_len(ln.right(cells)) <= cells
    assert "\n" not in ln.aligned(cells)


def test_trend_counts_equal_brute_force_with_empty_periods(searcher: Searcher) -> None:
    word = "投资"
    stories: dict[str, set[str]] = defaultdict(set)
    corpus: dict[str, int] = defaultdict(int)
    for art in load_corpus(CORPUS).articles:
        if art.date and len(art.date) >= 7:
            corpus[art.date[:7]] += 1
            if any(word in p.text for p in art.paragraphs):
                stories[art.date[:7]].add(art.id)
    rows = table([query_series(searcher, f'"{word}"', "month")], corpus_periods(searcher, "month"), "month")
    assert [r["period"] for r in rows] == periods(min(corpus), max(corpus), "month")  # every month, none skipped
    for r in rows:
        p = str(r["period"])
        assert r["stories in corpus"] == corpus.get(p, 0)
        assert r[f'"{word}": stories'] == len(stories.get(p, ()))
        if not corpus.get(p):
            assert r[f'"{word}": per 10k'] == 0.0
    assert any(r["stories in corpus"] == 0 for r in rows)  # the bundled pages leave months empty


def test_cli_kwic_and_trend(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["kwic", "西海岸", "--corpus", str(CORPUS), "--limit", "3", "--json"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert len(out) == 3 and all('"match": "西海岸"' in line for line in out)
    assert main(["kwic", "西海岸", "--corpus", str(CORPUS), "--sort", "1R", "--csv"]) == 0
    assert capsys.readouterr().out.startswith("\ufeffleft,match,right")
    assert main(["trend", "西海岸", "投资", "--corpus", str(CORPUS), "--by", "year", "--json"]) == 0
    years = [line for line in capsys.readouterr().out.splitlines() if line]
    assert [y.split('"period": "')[1][:4] for y in years] == ["2020", "2021", "2022", "2023"]


def test_cli_concordance_without_a_word_or_a_match_says_so(capsys: pytest.CaptureFixture[str]) -> None:
    """A blank query (or only a filter) made an empty concordance and a trend column of zeros under an
    empty name; a query matching nothing printed nothing at all."""
    for argv in (["kwic", " "], ["trend", "西海岸", ""], ["collocates", "since:2024"], ["kwic", "in:2023"]):
        assert main([*argv, "--corpus", str(CORPUS)]) == 1, argv
        err = capsys.readouterr().err
        assert "holds no word to look for" in err and "\n" not in err.strip(), argv
    assert main(["kwic", "量子纠缠黑洞", "--corpus", str(CORPUS)]) == 0
    assert capsys.readouterr().out.strip() == "no matches for “量子纠缠黑洞”"
    assert main(["kwic", "量子纠缠黑洞", "--corpus", str(CORPUS), "--json"]) == 0
    assert capsys.readouterr().out == ""  # JSON Lines: no line is no match


def test_collocates_equal_a_direct_computation(searcher: Searcher) -> None:
    import math
    from collections import Counter

    from tui.concordance.collocates import collocates
    from tui.concordance.kwic import context_words

    word = "投资"
    paragraphs = [p.text for art in load_corpus(CORPUS).articles for p in art.paragraphs]
    together: Counter[str] = Counter()
    matches = 0
    for text in paragraphs:
        at = text.find(word)
        while at >= 0:
            matches += 1
            left = context_words(text[max(0, at - 20):at], False, 5)
            right = context_words(text[at + 2:at + 22], True, 5)
            together.update(w for w in left + right if any("\u4e00" <= c <= "\u9fff" for c in w))
            at = text.find(word, at + 2)
    got = collocates(searcher.index, list(lines(searcher, f'"{word}"')), window=5, top=1000, least=3)
    assert got
    for c in got:
        assert c.together == together[c.word]
        holding = sum(1 for t in paragraphs if c.word in t)  # the bundled texts are already in normal form
        assert c.corpus == max(holding, c.together)
        assert c.score == pytest.approx(14 + math.log2(2 * c.together / (matches + c.corpus)))
    assert {c.word for c in got} == {w for w, n in together.items() if n >= 3 and w != word}
    assert [c.score for c in got] == sorted((c.score for c in got), reverse=True)


def test_word_counts_equal_jieba_and_follow_edits(small_corpus: Path, tmp_path: Path) -> None:
    import jieba

    from tui.concordance.words import build_words, is_word, word_list

    index = Index(small_corpus, tmp_path / "index.sqlite")
    index.update()
    build_words(index)

    def brute() -> Counter[str]:
        counts: Counter[str] = Counter()
        for art in load_corpus(small_corpus).articles:
            for p in art.paragraphs:
                counts.update(w for w in jieba.lcut(p.text) if is_word(w))
        return counts

    assert word_list(index) == brute()
    page = sorted(small_corpus.rglob("*.txt"))[0]
    page.write_text(page.read_text(encoding="utf-8") + "\n\n新增一段：人工智能与乡村振兴。\n", encoding="utf-8")
    (sorted(small_corpus.rglob("*.txt"))[1]).unlink()
    index.update()
    assert build_words(index).files == 1  # only the edited file is counted again
    assert word_list(index) == brute()
    fresh = Index(small_corpus, tmp_path / "fresh.sqlite")
    fresh.update()
    build_words(fresh)
    assert word_list(fresh) == word_list(index)


def test_keyness_is_dunnings_log_likelihood() -> None:
    import math

    from tui.concordance.words import keyness, log_likelihood

    part = Counter({"新": 30, "旧": 5, "的": 100})
    whole = Counter({"新": 40, "旧": 60, "的": 1000})
    a, b, c, d = 30, 10, 135, 1100 - 135
    e1, e2 = c * (a + b) / (c + d), d * (a + b) / (c + d)
    assert log_likelihood(a, b, c, d) == pytest.approx(2 * (a * math.log(a / e1) + b * math.log(b / e2)))
    got = keyness(part, whole, least=1)
    assert got[0].word == "新" and got[0].g2 > 0
    assert next(k for k in got if k.word == "旧").g2 < 0  # under-used in the part


def test_cli_words_and_keyness(capsys: pytest.CaptureFixture[str]) -> None:
    import json

    assert main(["words", "--corpus", str(CORPUS), "--top", "5", "--json"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert len(rows) == 5 and [r["count"] for r in rows] == sorted((r["count"] for r in rows), reverse=True)
    assert main(["words", "--corpus", str(CORPUS), "--since", "2023-08", "--keyness", "--top", "5", "--csv"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "\ufeffword,part,rest,log_likelihood" and len(out) == 6
    assert main(["words", "--corpus", str(CORPUS), "--keyness"]) == 1
    assert capsys.readouterr().err.startswith("yuelan: --keyness needs a part")
