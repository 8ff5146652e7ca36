"""Where the CLI's output meets a terminal: every write passes through ``tui.safe_text``.

Two guards, so that no path of the code can forget one: ``install()`` wraps ``sys.stdout`` and
``sys.stderr`` so that plain writes have their control characters made visible, and ``console()`` gives
a Rich console that does the same to the text of each segment it renders while its own styling codes pass
(Rich writes to the raw stream underneath the wrapper). Strings handed to Rich are ``Text`` objects,
never markup, so ``[/red]`` in a title is shown as written.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from typing import Any, TextIO

from rich.console import Console
from rich.segment import Segment

from tui.safe_text import visible


class SafeStream:
    """A text stream whose writes have control characters made visible (newlines and tabs kept)."""

    def __init__(self, raw: TextIO) -> None:
        self.raw = raw

    def write(self, text: str) -> int:
        return self.raw.write(visible(text))

    def __getattr__(self, name: str) -> Any:
        return getattr(self.raw, name)


class SafeConsole(Console):
    """A Rich console that makes controls in the text visible before rendering its own styles."""

    def _render_buffer(self, buffer: Iterable[Segment]) -> str:
        safe = (seg if seg.control else Segment(visible(seg.text), seg.style) for seg in buffer)
        return super()._render_buffer(safe)


def install() -> None:
    """Wrap the process's stdout and stderr once (idempotent; tests call ``main`` many times)."""
    if not isinstance(sys.stdout, SafeStream):
        sys.stdout = SafeStream(sys.stdout)
    if not isinstance(sys.stderr, SafeStream):
        sys.stderr = SafeStream(sys.stderr)


def raw(stream: TextIO) -> TextIO:
    return stream.raw if isinstance(stream, SafeStream) else stream


def console(stderr: bool = False, **kw: Any) -> SafeConsole:
    stream = raw(sys.stderr if stderr else sys.stdout)
    return SafeConsole(file=stream, **kw)


def reading_console() -> SafeConsole:
    """stdout for lines a person reads: wrapped to a terminal's width, one line as long as it is when
    piped (a file or ``less`` wraps it, not Rich at 80 columns)."""
    out = console(highlight=False)
    out.soft_wrap = not out.is_terminal
    return out
