"""One writer for the CLI and the reader: Markdown, JSON Lines, CSV (UTF-8 with BOM for Excel), text.

Files are written to a temporary file beside the target and renamed into place, so a full disk or a
crash never leaves half a file, and an existing file is never replaced unless the caller says so.
"""

from __future__ import annotations

import csv
import io
import json
import os
import tempfile
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from tui.export.passages import Passage
from tui.model import Span

FORMATS = ("md", "jsonl", "csv", "txt")
SpanSource = Callable[[str], list[Span]]


class ExportError(Exception):
    """A failed export, with a one-line reason."""


def render(passages: list[Passage], fmt: str, spans: SpanSource | None = None) -> str:
    if fmt == "md":
        blocks = []
        for p in passages:
            quote = "\n".join("> " + line for line in p.text.splitlines() or [""])
            extra = _span_note(p, spans)
            blocks.append(f"{quote}\n\n— {p.citation()}{extra}\n")
        return "\n".join(blocks)
    if fmt == "jsonl":
        lines = []
        for p in passages:
            d = p.to_dict()
            d["spans"] = [s.to_dict() for s in spans(p.text)] if spans else []
            lines.append(json.dumps(d, ensure_ascii=False))
        return "\n".join(lines) + ("\n" if lines else "")
    if fmt == "csv":
        buf = io.StringIO()
        w = csv.writer(buf)
        header = ["text", "title", "path", "line_start", "line_end", "paragraph", "date", "article"]
        if spans:
            header.append("highlights")
        w.writerow(header)
        for p in passages:
            row = [p.text, p.title, p.path, p.lines[0], p.lines[1], p.paragraph, p.date or "", p.article]
            if spans:
                row.append("; ".join(f"{s.text}({s.type})" for s in spans(p.text)))
            w.writerow(row)
        return "\ufeff" + buf.getvalue()
    if fmt == "txt":
        return "\n\n".join(f"{p.text}\n—— {p.citation()}{_span_note(p, spans)}" for p in passages) + "\n"
    raise ExportError(f"unknown format {fmt!r} (choose from {', '.join(FORMATS)})")


def _span_note(p: Passage, spans: SpanSource | None) -> str:
    if not spans:
        return ""
    found = spans(p.text)
    return ("\n  highlights: " + "; ".join(f"{s.text} ({s.type})" for s in found)) if found else ""


def default_path(fmt: str, folder: Path) -> Path:
    return folder / f"yuelan-{datetime.now():%Y%m%d-%H%M%S}.{fmt}"


def write(passages: list[Passage], fmt: str, path: Path, force: bool = False, spans: SpanSource | None = None) -> Path:
    if not passages:
        raise ExportError("nothing to export")
    content = render(passages, fmt, spans)
    path = path.expanduser()
    if path.exists() and not force:
        raise ExportError(f"{path} exists (use --force to overwrite)")
    if not path.parent.is_dir():
        raise ExportError(f"folder does not exist: {path.parent}")
    try:
        fd, tmp = tempfile.mkstemp(prefix=".yuelan-", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise ExportError(f"cannot write to {path.parent}: {exc.strerror or exc}") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            fh.write(content)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise ExportError(f"cannot write {path}: {exc.strerror or exc}") from None
    return path
