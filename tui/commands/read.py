"""``yuelan [CORPUS]``: open the reader. The only command that imports Textual."""

from __future__ import annotations

import argparse

from tui.errors import UserError
from tui.ingest.loader import resolve_corpus


def run_reader(args: argparse.Namespace) -> int:
    root = resolve_corpus(args.corpus)
    from tui.state import State, StateUnavailable
    from tui.ui.app import YuelanApp

    try:
        state = State()
    except StateUnavailable as exc:
        raise UserError(str(exc)) from None
    app = YuelanApp(root, theme=args.theme, state=state)
    try:
        app.run()
    except Exception as exc:  # noqa: BLE001 - last resort: never a traceback for users
        raise UserError(f"the reader stopped: {exc}") from None
    return app.return_code or 0
