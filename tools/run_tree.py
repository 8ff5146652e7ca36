"""Run a script against another checkout's ``tui`` (an A/B benchmark against an older commit).

    git worktree add /tmp/old <commit>
    python tools/run_tree.py /tmp/old /tmp/old/benchmarks/bench_ui.py

The editable install's import finder sits on ``sys.meta_path`` and wins over ``PYTHONPATH``, so a plain
``PYTHONPATH=/tmp/old`` still imports this checkout's ``tui``; here that finder is dropped first. Child
processes the script starts (``python -c`` in ``bench_ui.first_paint``) still import the installed one.
"""

from __future__ import annotations

import runpy
import sys
from pathlib import Path


def main() -> None:
    if len(sys.argv) < 3:
        sys.exit("usage: run_tree.py CHECKOUT SCRIPT [ARGS…]")
    tree, script = Path(sys.argv[1]).resolve(), Path(sys.argv[2]).resolve()
    sys.meta_path[:] = [f for f in sys.meta_path if "editable" not in repr(f).lower()]
    sys.path[:0] = [str(script.parent), str(tree)]
    sys.argv = [str(script), *sys.argv[3:]]
    runpy.run_path(str(script), run_name="__main__")


if __name__ == "__main__":
    main()
