"""One cold query: a fresh process opens the index (``Searcher.prepare``: the postings' directory and the
pinyin tables), then answers one query it has never seen. Prints {"open_ms", "ms", "total"} as JSON.
With a fourth argument ``reader``: what the reader does, a common word's first page first
(``search.quick``) and then the full count; "ms" is then the time to the first page, "all_ms" to the count.
Used by bench_search.py: a process per query, so that no query profits from another's caches."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from tui.search.engine import Searcher
from tui.search.index import Index


def main() -> None:
    root, path, query = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]
    t0 = time.perf_counter()
    searcher = Searcher(Index(root, path))
    searcher.prepare()
    t1 = time.perf_counter()
    if len(sys.argv) > 4 and sys.argv[4] == "reader":
        from tui.search.quick import first_page

        quick = first_page(searcher, query, 30)
        t_first = time.perf_counter()
        found = searcher.find(query, 30)
        t2 = time.perf_counter()
        first = t_first if quick is not None else t2
        print(json.dumps({"open_ms": (t1 - t0) * 1000, "ms": (first - t1) * 1000, "all_ms": (t2 - t1) * 1000,
                          "total": found.total, "quick": quick is not None}))
        return
    found = searcher.find(query, 10)
    t2 = time.perf_counter()
    print(json.dumps({"open_ms": (t1 - t0) * 1000, "ms": (t2 - t1) * 1000, "total": found.total}))


if __name__ == "__main__":
    main()
