"""One cold query: a fresh process opens the index (``Searcher.prepare``: the postings' directory and the
pinyin tables), then answers one query it has never seen. Prints {"open_ms", "ms", "total"} as JSON.
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
    found = searcher.find(query, 10)
    t2 = time.perf_counter()
    print(json.dumps({"open_ms": (t1 - t0) * 1000, "ms": (t2 - t1) * 1000, "total": found.total}))


if __name__ == "__main__":
    main()
