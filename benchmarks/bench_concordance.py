"""KWIC, collocates and trends on the news archive (issue #19's targets that exist so far).

KWIC first screen (50 lines) for a common word, all its lines, a re-sort by 1R; the collocates of a query
with about 1,000 matches; a trend of four terms by month. Peer in the same run: ``rg -n -o`` for the same word (every match with its line), the usual way to
get a concordance in a terminal.

Usage: bench_concordance.py
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from itertools import islice
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import NEWS, need, report

from tui.concordance.collocates import collocates
from tui.concordance.kwic import lines, sorted_lines
from tui.concordance.trends import corpus_periods, query_series, table
from tui.search.engine import Searcher
from tui.search.index import open_index

WORD = "发展"
TERMS = ["新质生产力", "乡村振兴", "人工智能", "一带一路"]
COLLOCATE = "新质生产力"  # about 1,000 matches in the archive


def main() -> None:
    need(NEWS)
    index = open_index(NEWS)
    index.update()
    searcher = Searcher(index)
    searcher.prepare()
    list(islice(lines(searcher, "预热"), 5))
    from tui.annotate.segment import frequencies

    frequencies()  # jieba's dictionary loaded first (the reader has it from its start-up)
    t0 = time.perf_counter()
    first = list(islice(lines(searcher, WORD), 50))
    t_first = time.perf_counter() - t0
    t0 = time.perf_counter()
    every = list(lines(searcher, WORD))
    t_all = time.perf_counter() - t0
    t0 = time.perf_counter()
    sorted_lines(every, "1R")
    t_sort = time.perf_counter() - t0
    t0 = time.perf_counter()
    sorted_lines(every, "1R")
    t_sort2 = time.perf_counter() - t0
    t0 = time.perf_counter()
    col_lines = list(lines(searcher, COLLOCATE))
    got = collocates(index, col_lines)
    t_col = time.perf_counter() - t0
    t0 = time.perf_counter()
    rows = table([query_series(searcher, t, "month") for t in TERMS], corpus_periods(searcher, "month"), "month")
    t_trend = time.perf_counter() - t0
    t_words, t_words2, t_key = _word_lists()
    rg = shutil.which("rg")
    t_rg, rg_lines = 0.0, 0
    if rg:
        t0 = time.perf_counter()
        out = subprocess.run([rg, "-n", "-o", "-F", WORD, str(NEWS)], capture_output=True, text=True)
        t_rg = time.perf_counter() - t0
        rg_lines = len(out.stdout.splitlines())
    report("concordance", [
        {"step": f"KWIC {WORD}: first 50 lines", "seconds": t_first, "lines": len(first), "target": "≤ 0.1 s"},
        {"step": f"KWIC {WORD}: every line", "seconds": t_all, "lines": len(every), "target": ""},
        {"step": "  re-sort by 1R (first time: the word after each match)", "seconds": t_sort,
         "lines": len(every), "target": "≤ 0.5 s"},
        {"step": "  re-sort by 1R again (the words cached)", "seconds": t_sort2, "lines": len(every), "target": ""},
        {"step": f"collocates of {COLLOCATE} ({len(col_lines)} matches, ±5 words, logDice): "
                 f"{', '.join(c.word for c in got[:3])} …", "seconds": t_col, "lines": len(got), "target": "≤ 1 s"},
        {"step": f"trend of {len(TERMS)} terms by month", "seconds": t_trend, "lines": len(rows), "target": "≤ 0.5 s"},
        {"step": "word list of the whole archive, first time (counting every file, 2 workers)", "seconds": t_words,
         "lines": 0, "target": "≤ 30 s"},
        {"step": "word list of the whole archive, again (the kept total)", "seconds": t_words2, "lines": 0,
         "target": "≤ 0.2 s"},
        {"step": "keyness of 2024 against the rest", "seconds": t_key, "lines": 0, "target": ""},
        {"step": f"peer: rg -n -o -F {WORD} (matches, no context alignment)", "seconds": t_rg, "lines": rg_lines,
         "target": ""},
    ])


def _word_lists() -> tuple[float, float, float]:
    """The word counts built in a private cache (the archive's index built there first, not timed)."""
    import tempfile

    from tui.concordance.words import build_words, keyness, word_list
    from tui.search.index import Index

    where = Path(tempfile.mkdtemp(prefix="yuelan-words-")) / "index.sqlite"
    index = Index(NEWS, where)
    index.update()
    t0 = time.perf_counter()
    build_words(index)
    word_list(index)
    first = time.perf_counter() - t0
    t0 = time.perf_counter()
    whole = word_list(index)
    again = time.perf_counter() - t0
    t0 = time.perf_counter()
    part = word_list(index, {p for p, d in index.query("SELECT path, date FROM articles") if (d or "").startswith("2024")})
    keyness(part, whole)
    key = time.perf_counter() - t0
    shutil.rmtree(where.parent, ignore_errors=True)
    return first, again, key


if __name__ == "__main__":
    main()
