"""``yuelan [CORPUS | FILE | FILE:LINE] [--open ARTICLE_ID]``: open the reader. The only command that imports
Textual.

A folder opens as the corpus. A file opens its corpus (``ingest.roots``, as every command finds it) at the
file's first article; ``FILE:LINE`` at the paragraph holding that line, so that an export's citation
(path, lines) leads back to the passage; ``--open ID`` at an article by its id.
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

from tui.errors import UserError
from tui.ingest.loader import CorpusError, relpath_of, resolve_corpus
from tui.ingest.roots import corpus_root
from tui.model import StartAt

_AT_LINE = re.compile(r"^(.*):([0-9]+)$")


def start_point(target: str | None) -> tuple[Path, StartAt | None]:
    """The corpus to open and where in it, from the reader's argument."""
    at_line: int | None = None
    if target and not Path(target).expanduser().exists() and (m := _AT_LINE.match(target)):
        target, at_line = m.group(1), int(m.group(2))
    path = resolve_corpus(target)
    if path.is_dir():
        return path, None
    try:
        named: Path | None = resolve_corpus(None)
    except CorpusError:
        named = None
    root, _ = corpus_root(path, named)
    return root, StartAt(path=relpath_of(path, root), line=at_line)


def run_reader(args: argparse.Namespace) -> int:
    root, start = start_point(args.corpus)
    if args.open:
        start = StartAt(article=args.open)
    from tui.state import State, StateUnavailable
    from tui.ui.app import YuelanApp

    try:
        state = State()
    except StateUnavailable as exc:
        raise UserError(str(exc)) from None
    app = YuelanApp(root, theme=args.theme, state=state, start=start)
    try:
        app.run()
    except Exception as exc:  # noqa: BLE001 - last resort: never a traceback for users
        raise UserError(f"the reader stopped: {exc}") from None
    return app.return_code or 0
