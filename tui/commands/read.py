"""``yuelan [CORPUS]``: open the reader. The only command that imports Textual."""

from __future__ import annotations

import argparse

from tui.cli import UserError
from tui.ingest.loader import resolve_corpus


def run_reader(args: argparse.Namespace) -> int:
    root = resolve_corpus(args.corpus)
    from tui.ui.app import YuelanApp

    app = YuelanApp(root, theme=args.theme)
    try:
        app.run()
    except Exception as exc:  # noqa: BLE001 - last resort: never a traceback for users
        raise UserError(f"the reader stopped: {exc}") from None
    return app.return_code or 0
