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
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from multiprocessing import resource_tracker


def env_threshold(name: str, default: int) -> int:
    """A size from which work goes to other processes, which an environment variable overrides (tests
    lower it to exercise the processes on a small corpus); a value that is not a number is ignored."""
    try:
        return int(os.environ.get(name, default))
    except ValueError:
        return default


def start_pool(workers: int, initializer: Callable[..., object] | None = None,
               initargs: tuple = ()) -> ProcessPoolExecutor | None:
    """A pool whose workers have really started (and run ``initializer``), or None."""
    saved = sys.stderr
    try:
        if sys.__stderr__ is not None:
            sys.stderr = sys.__stderr__
        resource_tracker.ensure_running()
        pool = ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn"),
                                   initializer=initializer, initargs=initargs)
        pool.submit(os.getpid).result(timeout=120)
        return pool
    except (OSError, ValueError, RuntimeError, TimeoutError, BrokenProcessPool):
        return None
    finally:
        sys.stderr = saved
