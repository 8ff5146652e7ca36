"""One writer for the CLI and the reader: Markdown, JSON Lines, CSV (UTF-8 with BOM for Excel), text.

Files are written to a temporary file beside the target and renamed into place, so a full disk or a
crash never leaves half a file, and an existing file is never replaced unless the caller says so.
"""

from __future__ import annotations

import csv
import io
import os
import stat
import tempfile
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from tui import safe_text
from tui.export.passages import Passage
from tui.model import Span

FORMATS = ("md", "jsonl", "csv", "txt")
_TMP_PREFIX = ".yuelan-"
SpanSource = Callable[[str], list[Span]]


class ExportError(Exception):
    """A failed export, with a one-line reason."""


class ExportExists(ExportError):
    """The target file exists and the caller did not ask to overwrite it."""

    def __init__(self, path: Path) -> None:
        super().__init__(f"{path} exists (use --force to overwrite)")
        self.path = path


def render(passages: list[Passage], fmt: str, spans: SpanSource | None = None) -> str:
    if fmt == "md":
        blocks = []
        for p in passages:
            quote = "\n".join("> " + line for line in p.text.splitlines() or [""])
            extra = _span_note(p, spans)
            note = f"\n\n*Note:* {p.note}" if p.note else ""
            blocks.append(f"{quote}\n\n— {p.citation()}{extra}{note}\n")
        return "\n".join(blocks)
    if fmt == "jsonl":
        lines = []
        for p in passages:
            d = p.to_dict()
            d["spans"] = [s.to_dict() for s in spans(p.text)] if spans else []
            lines.append(safe_text.dumps(d))
        return "\n".join(lines) + ("\n" if lines else "")
    if fmt == "csv":
        buf = io.StringIO()
        w = csv.writer(buf)
        header = ["text", "title", "path", "line_start", "line_end", "paragraph", "date", "article", "note",
                  "last_paragraph"]
        if spans:
            header.append("highlights")
        w.writerow(header)
        for p in passages:
            row = [p.text, p.title, p.path, p.lines[0], p.lines[1], p.paragraph, p.date or "", p.article, p.note,
                   p.last_paragraph]
            if spans:
                row.append("; ".join(f"{s.text}({s.type})" for s in spans(p.text)))
            w.writerow(row)
        return "\ufeff" + buf.getvalue()
    if fmt == "txt":
        return "\n\n".join(f"{p.text}\n—— {p.citation()}{_span_note(p, spans)}" + (f"\n   note: {p.note}" if p.note else "")
                             for p in passages) + "\n"
    raise ExportError(f"unknown format {fmt!r} (choose from {', '.join(FORMATS)})")


def _span_note(p: Passage, spans: SpanSource | None) -> str:
    if not spans:
        return ""
    found = spans(p.text)
    return ("\n  highlights: " + "; ".join(f"{s.text} ({s.type})" for s in found)) if found else ""


def default_path(fmt: str, folder: Path) -> Path:
    return folder / f"yuelan-{datetime.now():%Y%m%d-%H%M%S}.{fmt}"


def write(passages: list[Passage], fmt: str, path: Path, force: bool = False, spans: SpanSource | None = None) -> Path:
    """Write atomically. Without ``force`` the target is created exclusively (a hard link of the finished
    temporary file), so of two exports racing for one name exactly one wins and the other is told; with
    ``force`` an existing file keeps its permissions. A new file follows the umask."""
    if not passages:
        raise ExportError("nothing to export")
    content = render(passages, fmt, spans)
    path = path.expanduser()
    if path.exists() and not force:
        raise ExportExists(path)
    if not path.parent.is_dir():
        raise ExportError(f"folder does not exist: {path.parent}")
    _clean_litter(path.parent)
    tmp = _write_temp(content, path)
    try:
        _move_into_place(tmp, path, force)
    finally:
        _unlink_quietly(tmp)
    return path


def _write_temp(content: str, path: Path) -> Path:
    try:
        fd, name = tempfile.mkstemp(prefix=f"{_TMP_PREFIX}{os.getpid()}-", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise ExportError(f"cannot write to {path.parent}: {exc.strerror or exc}") from None
    tmp = Path(name)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            fh.write(content)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, _mode_for(path))
    except OSError as exc:
        _unlink_quietly(tmp)
        raise ExportError(f"cannot write {path}: {exc.strerror or exc}") from None
    return tmp


def _move_into_place(tmp: Path, path: Path, force: bool) -> None:
    try:
        if force:
            os.replace(tmp, path)
            return
        try:
            os.link(tmp, path)  # fails if the name was taken meanwhile: exclusive, and atomic
        except FileExistsError:
            raise ExportExists(path) from None
        except OSError:  # a file system without hard links: an exclusive open, then the copy
            with open(path, "x", encoding="utf-8", newline="") as out:
                out.write(tmp.read_text(encoding="utf-8"))
    except FileExistsError:
        raise ExportExists(path) from None
    except OSError as exc:
        raise ExportError(f"cannot write {path}: {exc.strerror or exc}") from None


def _mode_for(path: Path) -> int:
    """An overwritten file keeps its mode; a new one gets what the umask allows (mkstemp makes 0600)."""
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except OSError:
        return 0o666 & ~_umask()


def _umask() -> int:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    return 0o022


def _clean_litter(folder: Path) -> None:
    """Temporary files left by an export that was killed: their process is gone (the pid is in the name)."""
    try:
        names = list(folder.glob(f"{_TMP_PREFIX}*.tmp"))
    except OSError:
        return
    for tmp in names:
        pid = tmp.name[len(_TMP_PREFIX):].split("-", 1)[0]
        if not pid.isdigit() or not _alive(int(pid)):
            _unlink_quietly(tmp)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


def _unlink_quietly(path: Path) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass
