"""How pages become articles on the news archive (one story per file, its title on line 1).

Reports files, articles, the articles-per-file histogram, titles equal to the file's first line, titles
that fell back to the file name ("untitled"), titles holding a dateline, and stories whose body opens with
a dateline; and, for the bundled pages, how many articles each page gives (which must not move).
Usage: python benchmarks/eval_ingest.py [--limit N]
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import NEWS, ROOT, need, report

from tui.ingest.lines import DATELINE
from tui.ingest.loader import iter_pages

# a dateline opening a story, as ingest defines it (本报讯, 新华社…电, 央视网消息（新闻联播）：…), found anywhere
DATELINE_ANYWHERE = re.compile(DATELINE.pattern.lstrip("^"))


def first_line(path: Path) -> str:
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        if line.strip():
            return line.strip()
    return ""


def measure(root: Path, limit: int | None) -> dict[str, object]:
    files = sorted(p for p in root.rglob("*.txt"))[:limit]
    per_file: Counter[int] = Counter()
    titles_first_line = untitled = dateline_titles = dateline_bodies = articles = 0
    t0 = time.perf_counter()
    by_path = {p.relative_to(root).as_posix(): p for p in files}
    for page in iter_pages(root):
        path = by_path.get(page.path)
        if path is None:
            continue
        arts = page.articles
        per_file[len(arts)] += 1
        articles += len(arts)
        head = first_line(path)
        for art in arts:
            if art.title == head:
                titles_first_line += 1
            if art.title == path.stem:
                untitled += 1
            if DATELINE_ANYWHERE.search(art.title):
                dateline_titles += 1
            body = next((p.text for p in art.paragraphs if p.kind.value == "body"), "")
            if DATELINE.match(body):
                dateline_bodies += 1
    return {"files": sum(per_file.values()), "articles": articles, "one article": per_file[1],
            "split (2+)": sum(v for k, v in per_file.items() if k >= 2),
            "titles = line 1": titles_first_line, "untitled": untitled, "datelines in titles": dateline_titles,
            "bodies opening with a dateline": dateline_bodies, "seconds": round(time.perf_counter() - t0, 1),
            "histogram": dict(sorted(per_file.items()))}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--limit", type=int, default=None)
    args = ap.parse_args()
    need(NEWS)
    news = measure(NEWS, args.limit)
    seed = {page.path: len(page.articles) for page in iter_pages(ROOT / "corpus")}
    rows = [{"measure": k, "news archive": v} for k, v in news.items() if k != "histogram"]
    report("ingest_eval", rows, {"histogram": news["histogram"], "bundled pages": seed})
    print("articles per file:", news["histogram"])
    print("bundled pages:", seed)


if __name__ == "__main__":
    main()
