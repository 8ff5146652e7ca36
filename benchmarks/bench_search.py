"""Search at corpus scale, beside ripgrep and fzf on the same files in the same run.

On the news corpus (24k stories) and on it copied 4× into a temp dir (~100k): index build time and MB/s,
incremental update after touching one file, warm query latency p50/p95 for a mix of exact phrases drawn
from the corpus, the same with a character dropped, two-term and pinyin queries; then a latency
histogram (p50/p90/p95/p99/max) batch, warm and cold (each query in a fresh process; the index file is
read once before them, so that the OS has it cached: cold measures a process that has searched nothing,
not a disk) over that mix plus the hard cases: one-character terms, no-hit queries, common terms
counted whole, filters and sorts, pinyin and initials of common names; 习近平's total against `rg -c`;
`rg -F -l` and `fzf --filter` over the same files with the same queries; peak RSS.
Usage: bench_search.py [--queries N] [--cold N] [--no-4x]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import NEWS, Timer, corpus_bytes, need, peak_rss_mb, report, reset_peak_rss, rss_now
from pypinyin import lazy_pinyin

from tui.search.engine import Searcher
from tui.search.index import Index


def phrases(root: Path, n: int, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    files = sorted(root.rglob("*.txt"))
    out: list[str] = []
    while len(out) < n:
        lines = rng.choice(files).read_text(encoding="utf-8").splitlines()[1:]
        if not lines:
            continue
        line = rng.choice(lines)
        cjk = [i for i in range(len(line) - 8) if all("\u4e00" <= c <= "\u9fff" for c in line[i:i + 8])]
        if cjk:
            i = rng.choice(cjk)
            out.append(line[i:i + rng.choice((4, 6, 8))])
    return out


def mix(exact: list[str], seed: int = 11) -> dict[str, list[str]]:
    rng = random.Random(seed)
    dropped = [p[:k] + p[k + 1:] for p in exact if len(p) >= 6 for k in [rng.randrange(1, len(p) - 1)]]
    two = [f"{exact[i][:3]} {exact[i][-3:]}" for i in range(0, len(exact), 2) if len(exact[i]) >= 6]
    pinyin = ["".join(lazy_pinyin(p[:4])) for p in exact[: len(exact) // 2]]
    return {"exact": exact, "dropped char": dropped, "two-term": two, "pinyin": pinyin}


def hard_mix(exact: list[str], seed: int = 13) -> dict[str, list[str]]:
    """The queries that made the slow tail: one-character terms, no-hit queries (a phrase's characters
    shuffled), common terms counted whole, filters and sorts, pinyin and initials of common names, and
    characters mixed with pinyin."""
    rng = random.Random(seed)
    chars = [c for p in exact for c in p]
    one_char = [f"{p[:2]} {rng.choice(chars)}" for p in exact[:len(exact) // 4]]
    one_char += [f"{rng.choice(chars)} {rng.choice(chars)}" for _ in range(len(exact) // 4)]
    shuffled = ["".join(rng.sample(p, len(p))) for p in exact[:len(exact) // 2] if len(p) >= 4]
    common = ["习近平", "发展", "经济", "中国", "合作", "xjp", "xijinping", "fazhan", "zhongguo", "jj"]
    filtered = ["习近平 sort:newest", "发展 sort:oldest", "乡村振兴 since:2024-01 until:2024-06", "经济 in:2023",
                "合作 since:2025 sort:newest", "习近平 in:2024 sort:newest"]
    mixed = [p[:2] + "".join(lazy_pinyin(p[2:4])) for p in exact[:len(exact) // 4]]
    return {"one-char terms": one_char, "no hit (shuffled)": shuffled, "common, counted whole": common,
            "filters and sorts": filtered, "characters + pinyin": mixed}


def histogram(ms: list[float]) -> dict[str, float]:
    return {"p50": pct(ms, 0.5), "p90": pct(ms, 0.9), "p95": pct(ms, 0.95), "p99": pct(ms, 0.99), "max": max(ms),
            "mean": statistics.fmean(ms)}


def cold(root: Path, index: Path, queries: list[str], mode: str = "") -> tuple[list[float], list[float]]:
    """Each query in a process of its own (see _cold_query.py): (query ms, index-open ms). ``mode``
    "reader": the time to the reader's first page (a common word's before its count) instead."""
    script = Path(__file__).resolve().parent / "_cold_query.py"
    ms, opens = [], []
    for q in queries:
        out = subprocess.run([sys.executable, str(script), str(root), str(index), q, *([mode] if mode else [])],
                             capture_output=True, text=True)
        if out.returncode == 0 and out.stdout.strip():
            doc = json.loads(out.stdout.strip().splitlines()[-1])
            ms.append(doc["ms"])
            opens.append(doc["open_ms"])
    return ms, opens


def pct(xs: list[float], q: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(q * len(xs)))]


def peers(root: Path, exact: list[str]) -> dict[str, float]:
    out: dict[str, float] = {}
    if shutil.which("rg"):
        ts = []
        for p in exact:
            t0 = time.perf_counter()
            subprocess.run(["rg", "-F", "-l", "--", p, str(root)], capture_output=True)
            ts.append((time.perf_counter() - t0) * 1000)
        out["rg -F p50 ms"] = statistics.median(ts)
        out["rg -F p95 ms"] = pct(ts, 0.95)
    if shutil.which("fzf"):
        lines_file = Path(tempfile.mkstemp(suffix=".txt")[1])
        with lines_file.open("w", encoding="utf-8") as fh:
            for f in sorted(root.rglob("*.txt")):
                fh.write(f.read_text(encoding="utf-8"))
        ts = []
        for p in exact[:20]:
            t0 = time.perf_counter()
            with lines_file.open("rb") as fh:
                subprocess.run(["fzf", "--filter", p], stdin=fh, capture_output=True)
            ts.append((time.perf_counter() - t0) * 1000)
        lines_file.unlink()
        out["fzf --filter p50 ms"] = statistics.median(ts)
        out["fzf --filter p95 ms"] = pct(ts, 0.95)
    return out


def latency(root: Path, idx: Index, searcher: Searcher, queries: dict[str, list[str]], n_cold: int) -> dict:
    """The histogram over every kind, easy and hard: batch (each query once, in one process), warm (again),
    cold (a sample, each in a fresh process); 习近平's count against rg -c; rg -F -l in the same run."""
    every = [q for qs in {**queries, **hard_mix(queries["exact"])}.values() for q in qs]
    out: dict = {"mix queries": len(every)}
    batch = []
    for q in every:
        t0 = time.perf_counter()
        searcher.find(q, 10)
        batch.append((time.perf_counter() - t0) * 1000)
    warm = []
    for q in every:
        t0 = time.perf_counter()
        searcher.find(q, 10)
        warm.append((time.perf_counter() - t0) * 1000)
    rng = random.Random(3)
    sample = rng.sample(every, min(n_cold, len(every)))
    with idx.path.open("rb") as f:  # cold is the process, not the disk: the file read once, as the OS caches it
        while f.read(1 << 24):
            pass
    cold_ms, open_ms = cold(root, idx.path, sample + ["习近平", "习近平 sort:newest"])
    reader_ms, _ = cold(root, idx.path, sample + ["习近平"], "reader")
    for name, ms in (("batch", batch), ("warm", warm), ("cold", cold_ms[:-2]), ("reader first page, cold", reader_ms[:-1])):
        out.update({f"{name} {k} ms": v for k, v in histogram(ms).items()})
    out["cold index open p50 ms"] = statistics.median(open_ms)
    out["slowest cold"] = max(zip(cold_ms[:-2], sample, strict=True))[1]
    out["习近平 cold first page ms"], out["习近平 newest cold ms"] = cold_ms[-2], cold_ms[-1]
    out["习近平 reader first page cold ms (before its count)"] = reader_ms[-1]
    out["习近平 total"] = searcher.find("习近平", 1).total
    if shutil.which("rg"):
        r = subprocess.run(["rg", "-c", "--no-filename", "-F", "习近平", str(root)], capture_output=True, text=True)
        out["rg -c 习近平 lines"] = sum(int(x) for x in r.stdout.split())
        ts = []
        for q in every[:60]:
            t0 = time.perf_counter()
            subprocess.run(["rg", "-F", "-l", "--", q, str(root)], capture_output=True)
            ts.append((time.perf_counter() - t0) * 1000)
        out["rg -F -l mean ms"] = statistics.fmean(ts)
        out["rg mean / batch mean"] = out["rg -F -l mean ms"] / out["batch mean ms"]
    return out


def run(label: str, root: Path, n_queries: int, workdir: Path, n_cold: int = 150) -> dict:
    mb = corpus_bytes(root) / 1e6
    idx = Index(root, workdir / f"{label}.sqlite")
    reset_peak_rss()
    with Timer() as build:
        idx.update()
    with Timer() as settle:  # the log's pages move into the file on a thread after update() returns
        idx.settle()
    build_peak = rss_now().get("VmHWM")
    articles, _paragraphs = idx.counts()
    print(f"[{label}] built in {build.seconds:.1f}s ({mb / build.seconds:.1f} MB/s), {articles} articles", flush=True)
    files = sorted(root.rglob("*.txt"))
    victim = files[len(files) // 3]
    victim.write_text(victim.read_text(encoding="utf-8") + "新增一段用于增量更新测试。\n", encoding="utf-8")
    with Timer() as incr:
        stats = idx.update()
    searcher = Searcher(idx)
    searcher.prepare()  # as the reader opens an index
    exact = phrases(root, n_queries)
    queries = mix(exact)
    for q in exact[:5]:
        searcher.search(q, 10)  # warm
    reset_peak_rss()
    row: dict = {"corpus": label, "articles": articles, "MB": mb, "build s": build.seconds,
                 "build MB/s": mb / build.seconds, "then log checkpoint s": settle.seconds,
                 "update s": incr.seconds, "changed": stats.changed,
                 "index MB": idx.path.stat().st_size / 1e6}
    all_ms: list[float] = []
    found = 0
    for kind, qs in queries.items():
        ts = []
        for q in qs:
            t0 = time.perf_counter()
            hits = searcher.search(q, 10)
            ts.append((time.perf_counter() - t0) * 1000)
            if kind == "exact":
                found += any(q in h.text for h in hits)
        row[f"{kind} p50 ms"] = statistics.median(ts)
        row[f"{kind} p95 ms"] = pct(ts, 0.95)
        all_ms += ts
    row["all p50 ms"] = statistics.median(all_ms)
    row["all p95 ms"] = pct(all_ms, 0.95)
    row.update(latency(root, idx, searcher, queries, n_cold))
    row["exact found %"] = 100 * found / len(exact)
    mem = rss_now()
    row["build peak RSS MB"] = build_peak
    row["queries peak RSS MB"] = mem.get("VmHWM")
    row["  of it file-backed MB (mapped index, libraries)"] = mem.get("RssFile")
    exact_ms: list[float] = []
    for q in exact:
        t0 = time.perf_counter()
        searcher.search(q, 10)
        exact_ms.append((time.perf_counter() - t0) * 1000)
    row.update(peers(root, exact))
    if "rg -F p50 ms" in row:
        row["rg/yuelan (exact p50)"] = row["rg -F p50 ms"] / statistics.median(exact_ms)
    if "fzf --filter p50 ms" in row:
        row["fzf/yuelan (exact p50)"] = row["fzf --filter p50 ms"] / statistics.median(exact_ms)
    return row


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--queries", type=int, default=100)
    ap.add_argument("--no-4x", action="store_true")
    ap.add_argument("--cold", type=int, default=150, help="queries run each in a fresh process")
    ap.add_argument("--sample", type=int, default=0, help="only the first N files (quick runs while tuning)")
    args = ap.parse_args()
    need(NEWS)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        one = work / "news"
        shutil.copytree(NEWS, one, ignore=shutil.ignore_patterns("README.md"))
        if args.sample:
            for f in sorted(one.rglob("*.txt"))[args.sample:]:
                f.unlink()
        rows.append(run("news 24k", one, args.queries, work, args.cold))
        print(rows[-1], flush=True)
        if not args.no_4x:
            four = work / "news4x"
            for k in range(4):
                shutil.copytree(one, four / f"copy{k}")
            rows.append(run("news 4x ~100k", four, args.queries, work, args.cold))
    # print transposed: one line per measure
    table = [{"measure": k, **{r["corpus"]: r.get(k) for r in rows}} for k in rows[0] if k != "corpus"]
    report("search", table, {"peak_rss_MB": peak_rss_mb(), "queries_per_kind": args.queries})
    print(f"peak RSS {peak_rss_mb():.0f} MB")


if __name__ == "__main__":
    os.environ.setdefault("YUELAN_CACHE_DIR", tempfile.mkdtemp())
    main()
