"""Allow ``python -m tui``. Guarded: the indexer's worker processes import the main module."""

from tui.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
