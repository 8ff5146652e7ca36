"""Annotation throughput (chars/s) on the news corpus, beside plain jieba.posseg and jieba.cut on the
same text in the same run, plus the time to annotate the longest story (the reader's worst case)."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import jieba
import jieba.posseg as pseg
from _common import NEWS, need, peak_rss_mb, report

from tui.annotate import annotate
from tui.annotate.numbers import find_numbers


def sample(chars: int) -> list[str]:
    out: list[str] = []
    total = 0
    for f in sorted(NEWS.rglob("*.txt"))[::7]:
        for line in f.read_text(encoding="utf-8").splitlines():
            out.append(line)
            total += len(line)
            if total >= chars:
                return out
    return out


def speed(fn, paragraphs: list[str]) -> float:  # type: ignore[no-untyped-def]
    t0 = time.perf_counter()
    for p in paragraphs:
        fn(p)
    return sum(map(len, paragraphs)) / (time.perf_counter() - t0)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--chars", type=int, default=600_000)
    args = ap.parse_args()
    need(NEWS)
    jieba.setLogLevel(60)
    paragraphs = sample(args.chars)
    annotate("预热"), list(pseg.cut("预热")), list(jieba.cut("预热"))
    rows = [
        {"system": "jieba.cut (segmentation only)", "chars/s": speed(lambda p: list(jieba.cut(p)), paragraphs)},
        {"system": "jieba.posseg (plain baseline)", "chars/s": speed(lambda p: list(pseg.cut(p)), paragraphs)},
        {"system": "yuelan numbers only", "chars/s": speed(find_numbers, paragraphs)},
        {"system": "yuelan annotate (numbers + entities)", "chars/s": speed(annotate, paragraphs)},
    ]
    base = rows[1]["chars/s"]
    for r in rows:
        r["× posseg"] = r["chars/s"] / base
    longest = max(NEWS.rglob("*.txt"), key=lambda f: f.stat().st_size)
    text = longest.read_text(encoding="utf-8")
    t0 = time.perf_counter()
    for line in text.splitlines():
        annotate(line)
    longest_ms = (time.perf_counter() - t0) * 1000
    # one paragraph of news text with its punctuation taken out, 100k and 400k characters: the time must grow
    # with the length, not its square (a rule that compared every place with every verb once took 438 s at 1 MB)
    flat = "".join(ch for ch in "".join(paragraphs) if "\u4e00" <= ch <= "\u9fff")
    unpunctuated = {}
    for n in (100_000, 400_000):
        t0 = time.perf_counter()
        annotate((flat * (n // max(1, len(flat)) + 1))[:n])
        unpunctuated[n] = time.perf_counter() - t0
    report("annotate", rows, {"chars": sum(map(len, paragraphs)), "longest_story_chars": len(text),
                              "longest_story_ms": longest_ms, "peak_rss_MB": peak_rss_mb(),
                              "unpunctuated_s": unpunctuated})
    print(f"longest story ({len(text)} chars): {longest_ms:.0f} ms")
    print(f"one paragraph without punctuation: 100k chars {unpunctuated[100_000]:.2f} s, "
          f"400k chars {unpunctuated[400_000]:.2f} s (×{unpunctuated[400_000] / unpunctuated[100_000]:.1f} for ×4)")


if __name__ == "__main__":
    main()
