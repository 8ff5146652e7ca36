"""A second process that annotates half of a long article while this one does the other half.

Why: a 20k-character story takes ~110 ms to annotate on one core, and in the reader that thread also
shares the interpreter with the painting, so the whole article was lit ~250 ms after it opened. The
machines our users read on have at least two cores; two processes annotate in parallel with no lock
between them. The helper costs what a warmed annotator costs (~150 MB), so the reader starts it only
for corpora whose articles are long enough to need it (``HELPER_FROM`` characters).

Everything degrades to annotating here: a helper that cannot start, dies, or answers with an error
leaves its half to this process. No Textual here.
"""

from __future__ import annotations

import gc
import threading
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

from tui.model import Span
from tui.parallel import env_threshold, start_pool

HELPER_FROM = 8000  # characters left to annotate before half of them go to the helper


def helper_from() -> int:
    return env_threshold("YUELAN_HELPER_FROM", HELPER_FROM)


def warm_worker(corpus: str | None) -> None:
    from tui.annotate import warm_up
    from tui.annotate.segment import load_user_dicts

    load_user_dicts(Path(corpus) if corpus else None)  # the same dictionaries as the reader, same spans
    warm_up()
    gc.freeze()  # the warmed tables are permanent: full collections need not walk them


def _annotate_all(texts: list[str]) -> list[list[Span]]:
    from tui.annotate import annotate

    return [annotate(t) for t in texts]


class Helper:
    """One warmed worker process, started in the background; ``submit`` is None until it is ready."""

    def __init__(self, corpus: Path | None) -> None:
        self._corpus = str(corpus) if corpus is not None else None
        self._pool: ProcessPoolExecutor | None = None
        self._closed = False
        self._lock = threading.Lock()

    def start(self) -> bool:
        """Blocking (the worker imports and warms up for ~1-2 s): call it from a background thread."""
        with self._lock:
            if self._pool is not None or self._closed:
                return self._pool is not None
        pool = start_pool(1, warm_worker, (self._corpus,))
        with self._lock:
            if self._closed and pool is not None:
                pool.shutdown(wait=False, cancel_futures=True)
                return False
            self._pool = pool
        return pool is not None

    @property
    def ready(self) -> bool:
        return self._pool is not None

    def submit(self, texts: list[str]) -> Future[list[list[Span]]] | None:
        pool = self._pool
        if pool is None:
            return None
        try:
            return pool.submit(_annotate_all, texts)
        except (BrokenProcessPool, RuntimeError):
            self._pool = None  # dead: the caller annotates everything itself from now on
            return None

    def close(self) -> None:
        with self._lock:
            self._closed = True
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=False, cancel_futures=True)


def split_for_helper(lengths: list[int], share: float = 0.5) -> int:
    """How many of the texts (nearest the screen first) this process keeps: the rest, about ``share``
    of the characters, go to the helper. The texts on screen always stay here, first."""
    total = sum(lengths)
    keep_chars = total * (1 - share)
    acc = 0
    for n, size in enumerate(lengths):
        if acc >= keep_chars:
            return max(n, 1)
        acc += size
    return len(lengths)
