"""Discovery + decoding + parsing of the news corpus (24k stories, 37 MB): MB/s, articles/s, peak RSS.

Peer in the same run: a bare read of every file (the I/O floor), so the parser's cost is a ratio.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import NEWS, Timer, corpus_bytes, need, peak_rss_mb, report

from tui.ingest.discover import discover
from tui.ingest.loader import iter_pages


def main() -> None:
    need(NEWS)
    size = corpus_bytes(NEWS)
    with Timer() as t_read:
        files = discover(NEWS).files
        total = sum(len(f.read_bytes()) for f in files)
    with Timer() as t_parse:
        warnings: list[str] = []
        pages = list(iter_pages(NEWS, warnings.append))
        n_articles = sum(len(p.articles) for p in pages)
        n_paragraphs = sum(len(a.paragraphs) for p in pages for a in p.articles)
    mb = size / 1e6
    rows = [
        {"step": "read files only (floor)", "seconds": t_read.seconds, "MB/s": mb / t_read.seconds,
         "files": len(files), "articles/s": None},
        {"step": "yuelan ingest (discover+decode+parse)", "seconds": t_parse.seconds, "MB/s": mb / t_parse.seconds,
         "files": len(pages), "articles/s": n_articles / t_parse.seconds},
    ]
    report("ingest", rows, {"MB": mb, "bytes_read": total, "articles": n_articles, "paragraphs": n_paragraphs,
                            "warnings": len(warnings), "peak_rss_MB": peak_rss_mb(),
                            "ratio_to_read_floor": t_parse.seconds / t_read.seconds})
    print(f"{n_articles} articles, {n_paragraphs} paragraphs, {len(warnings)} warnings, peak RSS {peak_rss_mb():.0f} MB")


if __name__ == "__main__":
    main()
