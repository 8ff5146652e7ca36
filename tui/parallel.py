"""Worker processes that start from anywhere, the reader included.

Inside a Textual app, sys.stderr is an object whose fileno() is -1, and multiprocessing's resource
tracker hands sys.stderr's descriptor to the process it starts: a pool created there failed with
"bad value(s) in fds_to_keep". Pools are started here with the real stderr, and a pool that cannot
start is None, so that callers fall back to working in this process.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import threading
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from multiprocessing import resource_tracker

PARENT_POLL = 0.5  # seconds between a worker's looks at its parent


def env_threshold(name: str, default: int) -> int:
    """A size from which work goes to other processes, which an environment variable overrides (tests
    lower it to exercise the processes on a small corpus); a value that is not a number is ignored."""
    try:
        return int(os.environ.get(name, default))
    except ValueError:
        return default


def _worker_init(parent: int, initializer: Callable[..., object] | None, initargs: tuple[object, ...]) -> None:
    """First thing in each worker: watch the parent, then the caller's own set-up."""
    watch_parent(parent)
    if initializer is not None:
        initializer(*initargs)


def watch_parent(parent: int, interval: float = PARENT_POLL) -> None:
    """End this process when ``parent`` is gone (kill -9 included, which no handler sees): a thread polls
    the parent's pid. ``prctl(PR_SET_PDEATHSIG)`` would be quicker but fires when the *thread* that
    started the process ends, and the reader starts pools from worker threads."""

    def watch() -> None:
        while True:
            if os.getppid() != parent:
                os._exit(1)
            time.sleep(interval)

    if os.getppid() != parent:
        os._exit(1)
    threading.Thread(target=watch, name="watch-parent", daemon=True).start()


def release_free_memory() -> None:
    """Give the C heap's free pages back to the system (glibc's malloc_trim) after a collection. An index
    build leaves ~100 MB freed but still resident in this process; a long pass of worker processes that
    starts after it should not count it twice. Nothing happens where there is no glibc."""
    import ctypes
    import ctypes.util
    import gc

    gc.collect()
    name = ctypes.util.find_library("c")
    try:
        libc = ctypes.CDLL(name) if name else None
        if libc is not None and hasattr(libc, "malloc_trim"):
            libc.malloc_trim(0)
    except OSError:
        pass


def start_pool(workers: int, initializer: Callable[..., object] | None = None,
               initargs: tuple[object, ...] = ()) -> ProcessPoolExecutor | None:
    """A pool whose workers have really started (and run ``initializer``), or None."""
    saved = sys.stderr
    try:
        if sys.__stderr__ is not None:
            sys.stderr = sys.__stderr__
        resource_tracker.ensure_running()
        pool = ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn"),
                                   initializer=_worker_init, initargs=(os.getpid(), initializer, initargs))
        pool.submit(os.getpid).result(timeout=120)
        return pool
    except (OSError, ValueError, RuntimeError, TimeoutError, BrokenProcessPool):
        return None
    finally:
        sys.stderr = saved
