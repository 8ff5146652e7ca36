"""Reader start-up and article opening, beside a bare Textual app started the same way in the same run.

first paint: a fresh process, from interpreter start to the first frame (``App.run_test`` mounted and
refreshed), for a bare Textual app, the reader on the bundled corpus, and the reader on the news corpus
with its index already built. Open: the longest news story opened and fully highlighted (cold cache).
"""

from __future__ import annotations

import asyncio
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import NEWS, ROOT, need, report  # noqa: E402

CHILD = r'''
import asyncio, sys, time
t0 = time.perf_counter()
from pathlib import Path
kind = sys.argv[1]
if kind == "bare":
    from textual.app import App
    from textual.widgets import Static
    class Bare(App):
        def compose(self):
            yield Static("hello")
    app = Bare()
else:
    from tui.ui.app import YuelanApp
    app = YuelanApp(Path(sys.argv[2]))
async def main():
    async with app.run_test(size=(120, 36)):
        print(time.perf_counter() - t0)  # run_test hands over once the first screen is composed and shown
asyncio.run(main())
'''


def first_paint(kind: str, root: Path | None, env: dict[str, str], runs: int = 3) -> float:
    times = []
    for _ in range(runs):
        out = subprocess.run([sys.executable, "-c", CHILD, kind, str(root or "")], capture_output=True, text=True,
                             env=env, cwd=ROOT, timeout=300)
        times.append(float(out.stdout.strip().splitlines()[-1]))
    return statistics.median(times)


async def open_longest(root: Path) -> dict[str, float]:
    """Milliseconds from open to fully highlighted: the longest story with a cold cache, the second longest
    after the tree cursor rested on it (the prefetch a reader gets for free), and the longest reopened."""
    from tui.ingest.loader import relpath_of
    from tui.ui.app import YuelanApp
    from tui.ui.article_view import ArticleView

    files = sorted(root.rglob("*.txt"), key=lambda f: f.stat().st_size, reverse=True)[:2]
    app = YuelanApp(root)
    out: dict[str, float] = {}
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause(0.3)  # the index check and jieba warm-up start just after the first frame
        await app.workers.wait_for_complete()
        longest, second = app._articles_of(files[0])[0], app._articles_of(files[1])[0]

        async def timed_open(art) -> float:  # type: ignore[no-untyped-def]
            t0 = time.perf_counter()
            await app.open_article(art)
            await app.workers.wait_for_complete()
            await pilot.pause()
            return (time.perf_counter() - t0) * 1000

        out["cold"] = await timed_open(longest)
        out["chars"] = longest.chars
        out["spans"] = sum(len(v) for v in app.query_one(ArticleView).state.spans.values())
        app.prefetch(second.id, relpath_of(files[1], root))
        await app.workers.wait_for_complete()
        out["prefetched"] = await timed_open(second)
        out["second_chars"] = second.chars
        out["warm"] = await timed_open(longest)
    return out


def main() -> None:
    need(NEWS)
    cache = tempfile.mkdtemp()
    env = {**os.environ, "YUELAN_CACHE_DIR": cache, "YUELAN_STATE_DIR": tempfile.mkdtemp()}
    os.environ.update({k: env[k] for k in ("YUELAN_CACHE_DIR", "YUELAN_STATE_DIR")})
    from tui.search.index import open_index

    t0 = time.perf_counter()
    open_index(NEWS).update()  # untimed set-up: "index already built"
    open_index(ROOT / "corpus").update()
    print(f"(index built in {time.perf_counter() - t0:.0f}s, not part of the figures)")
    bare = first_paint("bare", None, env)
    rows = [
        {"measure": "first paint, bare Textual app", "seconds": bare, "× bare": 1.0},
        {"measure": "first paint, yuelan corpus/ (5 pages)", "seconds": (s := first_paint("yuelan", ROOT / "corpus", env)),
         "× bare": s / bare},
        {"measure": "first paint, yuelan news corpus (24k, indexed)", "seconds": (s := first_paint("yuelan", NEWS, env)),
         "× bare": s / bare},
    ]
    o = asyncio.run(open_longest(NEWS))
    rows.append({"measure": f"open longest story ({o['chars']:.0f} chars, {o['spans']:.0f} highlights), cold cache",
                 "seconds": o["cold"] / 1000, "× bare": None})
    rows.append({"measure": f"open 2nd longest ({o['second_chars']:.0f} chars) after the tree cursor rested on it",
                 "seconds": o["prefetched"] / 1000, "× bare": None})
    rows.append({"measure": "reopen the longest (annotations cached)", "seconds": o["warm"] / 1000, "× bare": None})
    report("ui", rows)


if __name__ == "__main__":
    main()
