"""Shared by the benchmark scripts: where the data is, timing, peak memory, printing a table + JSON."""

from __future__ import annotations

import json
import os
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("YUELAN_SHARED", ROOT.parent / "shared"))
NEWS = SHARED / "data" / "news-corpus"
NER = SHARED / "data" / "ner"
RESULTS = ROOT / "benchmarks" / "results"


def need(path: Path) -> None:
    if not path.exists():
        print(f"benchmark data not found: {path} (set YUELAN_SHARED)", file=sys.stderr)
        raise SystemExit(1)


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def reset_peak_rss() -> None:
    """Start a new peak (Linux: writing 5 to clear_refs resets VmHWM), so a phase's own peak can be read."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        pass


def rss_now() -> dict[str, float]:
    """Peak since the last reset, and the resident memory now split into anonymous (the process's own)
    and file-backed (pages of a memory-mapped file, which the kernel may drop at any time), in MB."""
    out: dict[str, float] = {}
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            key, _, value = line.partition(":")
            if key in ("VmHWM", "RssAnon", "RssFile"):
                out[key] = int(value.split()[0]) / 1024
    except OSError:
        pass
    return out


def corpus_bytes(root: Path) -> int:
    return sum(p.stat().st_size for p in root.rglob("*") if p.is_file() and p.suffix in (".txt", ".md", ".jsonl"))


class Timer:
    def __enter__(self) -> Timer:
        self.t0 = time.perf_counter()
        return self

    def __exit__(self, *exc: object) -> None:
        self.seconds = time.perf_counter() - self.t0


def report(name: str, rows: list[dict], extra: dict | None = None) -> None:
    """Print a fixed-width table and write benchmarks/results/NAME.json."""
    if rows:
        cols = list(rows[0])
        widths = {c: max(len(c), *(len(_fmt(r.get(c))) for r in rows)) for c in cols}
        print("  ".join(c.ljust(widths[c]) for c in cols))
        print("  ".join("-" * widths[c] for c in cols))
        for r in rows:
            print("  ".join(_fmt(r.get(c)).ljust(widths[c]) for c in cols))
    RESULTS.mkdir(parents=True, exist_ok=True)
    out = RESULTS / f"{name}.json"
    out.write_text(json.dumps({"benchmark": name, "rows": rows, **(extra or {})}, ensure_ascii=False, indent=2))
    print(f"\nwritten {out.relative_to(ROOT)}")


def _fmt(v: object) -> str:
    if isinstance(v, float):
        return f"{v:,.3f}" if abs(v) < 100 else f"{v:,.1f}"
    return "" if v is None else str(v)
