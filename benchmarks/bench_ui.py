"""Reader start-up and article opening, beside a bare Textual app started the same way in the same run.

first paint: a fresh process, from interpreter start to the first frame (``App.run_test`` mounted and
refreshed), for a bare Textual app, the reader on the bundled corpus, and the reader on the news corpus
with its index already built. Open: the longest news story opened, until the frame that shows every highlight (cold cache, with and
without the annotation helper process).
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
from _common import NEWS, ROOT, need, report

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


async def open_longest(root: Path, runs: int = 5) -> dict[str, float]:
    """Milliseconds from open to the frame that shows every highlight (medians of ``runs``): the longest
    story with a cold annotation cache (a fresh cache file each run), with the annotation helper process
    and without it; the next longest stories after the tree cursor rested on them (the prefetch a reader
    gets); and the longest reopened. "Shown" is the first screen refresh after the final spans reached
    the article pane (the side panel follows in the next frame)."""
    from tui.annotate.cache import AnnotationCache
    from tui.annotate.helper import Helper
    from tui.ingest.loader import relpath_of
    from tui.ui.app import YuelanApp
    from tui.ui.article_view import ArticleView

    files = sorted(root.rglob("*.txt"), key=lambda f: f.stat().st_size, reverse=True)[:runs + 1]
    app = YuelanApp(root)
    out: dict[str, float] = {}
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause(0.3)  # the index check and jieba warm-up start just after the first frame
        await app.workers.wait_for_complete()  # (and the helper's start-up, for a corpus this long)
        out["helper"] = float(app.library.helper.ready)
        main, library = app.main, app.library
        arts = [library.articles_of(f, print)[0] for f in files]
        shown: dict[str, float] = {}
        spans_ready = main._spans_ready

        def hooked(article, spans, final=True):  # type: ignore[no-untyped-def]
            if final:  # queued first: the frame that paints these spans, before the side panel's turn
                app.call_after_refresh(lambda: shown.setdefault(article.id, time.perf_counter()))
            spans_ready(article, spans, final)

        main._spans_ready = hooked  # type: ignore[method-assign]
        panel: dict[str, float] = {}
        show_side = main._show_side

        def side_hooked(article_id: str) -> None:
            show_side(article_id)
            app.call_after_refresh(lambda: panel.setdefault(article_id, time.perf_counter()))  # its frame

        main._show_side = side_hooked  # type: ignore[method-assign]
        with_panel: list[float] = []

        async def timed_open(art) -> float:  # type: ignore[no-untyped-def]
            shown.pop(art.id, None)
            panel.pop(art.id, None)
            t0 = time.perf_counter()
            await main.open_article(art)
            await app.workers.wait_for_complete()
            for _ in range(300):
                if art.id in shown and art.id in panel:
                    break
                await pilot.pause(0.01)
            with_panel.append((panel[art.id] - t0) * 1000)
            return (shown[art.id] - t0) * 1000

        async def cold_opens() -> float:
            times = []
            for n in range(runs):
                library.annotations = AnnotationCache(Path(tempfile.mkdtemp()) / f"cold{n}.sqlite")
                await main.open_article(arts[-1])  # something else first, so that the longest is opened anew
                await app.workers.wait_for_complete()
                await pilot.pause()
                times.append(await timed_open(arts[0]))
            return statistics.median(times)

        out["cold"] = await cold_opens()
        out["cold_panel"] = statistics.median(with_panel)
        out["chars"] = arts[0].chars
        out["spans"] = sum(len(v) for v in app.query_one(ArticleView).state.spans.values())
        helper, library.helper = library.helper, Helper(None)  # never started: everything in the reader's process
        out["cold_alone"] = await cold_opens()
        library.helper = helper
        pre = []
        for f, art in zip(files[1:], arts[1:], strict=True):
            main.prefetch(art.id, relpath_of(f, root))
            await app.workers.wait_for_complete()
            pre.append(await timed_open(art))
        out["prefetched"] = statistics.median(pre)
        out["second_chars"] = min(a.chars for a in arts[1:])
        warm = []
        for _ in range(runs):
            await main.open_article(arts[1])
            await app.workers.wait_for_complete()
            warm.append(await timed_open(arts[0]))
        out["warm"] = statistics.median(warm)
    from tui.annotate.article import annotate_article

    alone = []  # the machine's speed in this run: the same story annotated on one core, outside the app
    for _ in range(runs):
        t0 = time.perf_counter()
        annotate_article([p.text for p in arts[0].paragraphs])
        alone.append((time.perf_counter() - t0) * 1000)
    out["alone"] = statistics.median(alone)
    return out



def _stamped(post, times: list[float]):  # type: ignore[no-untyped-def]
    """``post_message`` that notes when the find box posts its Changed message (the key has been read)."""
    def wrapper(message):  # type: ignore[no-untyped-def]
        if type(message).__name__ == "Changed":
            times.append(time.perf_counter())
        return post(message)
    return wrapper


async def find_keystrokes(root: Path) -> dict[str, float]:
    """Milliseconds from a keystroke reaching the find bar (ctrl+f; its Changed message) to the last row
    of the article pane redrawn with every occurrence lit, typing words of the longest story a character
    at a time and deleting them again. (Pilot's own pauses around a key press are not counted.)"""
    from tui.ui.app import YuelanApp
    from tui.ui.article_view import ArticleView

    longest = max(root.rglob("*.txt"), key=lambda f: f.stat().st_size)
    app = YuelanApp(root)
    times: list[float] = []
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause(0.3)
        await app.workers.wait_for_complete()
        art = app.library.articles_of(longest, print)[0]
        await app.main.open_article(art)
        await app.workers.wait_for_complete()
        view = app.query_one(ArticleView)
        drawn: list[float] = []
        original = view.render_line

        def timed(y: int):  # type: ignore[no-untyped-def]
            drawn.append(time.perf_counter())
            return original(y)

        view.render_line = timed  # type: ignore[method-assign]
        box = app.main.query_one("#find")
        received: list[float] = []
        box.post_message = _stamped(box.post_message, received)  # the key reached the box: the clock starts
        await pilot.press("ctrl+f")
        text = "".join(p.text for p in art.paragraphs)
        words = [text[i:i + 3] for i in range(40, len(text) - 3, max(1, len(text) // 12))][:10]
        words += ["发展", "xjp", "jingji", "合作"]
        for word in words:
            for key in [*word, *["backspace"] * len(word)]:
                drawn.clear()
                received.clear()
                await pilot.press(key)
                await pilot.pause()
                if drawn and received:
                    times.append((drawn[0] - received[0]) * 1000)
    times.sort()
    return {"chars": float(sum(len(p.text) for p in art.paragraphs)), "keys": float(len(times)),
            "p50": times[len(times) // 2], "p95": times[int(len(times) * 0.95)], "max": times[-1]}


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
    rows.append({"measure": "  the same, until the side panel lists them too",
                 "seconds": o["cold_panel"] / 1000, "× bare": None})
    rows.append({"measure": "  the same without the annotation helper process",
                 "seconds": o["cold_alone"] / 1000, "× bare": None})
    rows.append({"measure": "  (its annotation alone on one core, outside the reader)",
                 "seconds": o["alone"] / 1000, "× bare": None})
    rows.append({"measure": f"open the next longest (≥{o['second_chars']:.0f} chars) after the tree cursor rested on them",
                 "seconds": o["prefetched"] / 1000, "× bare": None})
    rows.append({"measure": "reopen the longest (annotations cached)", "seconds": o["warm"] / 1000, "× bare": None})
    f = asyncio.run(find_keystrokes(NEWS))
    for q in ("p50", "p95", "max"):
        rows.append({"measure": f"find in the longest story ({f['chars']:.0f} chars): keystroke to lit, {q} of "
                                f"{f['keys']:.0f}", "seconds": f[q] / 1000, "× bare": None})
    report("ui", rows)


if __name__ == "__main__":
    main()
