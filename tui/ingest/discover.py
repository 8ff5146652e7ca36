"""Walk a corpus folder the way users expect: recursive, hidden things skipped, symlinks followed once.

Order is stable (natural sort: ``2.txt`` before ``10.txt``) so that article ids and the tree never shuffle
between runs. A symlink loop, a dangling link or a name that is not UTF-8 is reported, not fatal.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from stat import S_ISREG

SUFFIXES = frozenset({".txt", ".md", ".markdown", ".text", ".jsonl"})
# Documentation about a corpus, not part of it.
SKIP_NAMES = frozenset({"readme.md", "readme.txt", "readme", "license", "license.txt", "license.md"})
_SUFFIX_TUPLE = tuple(SUFFIXES)
_DIGITS = re.compile(r"(\d+)")


def name_is_text(name: str) -> bool:
    """Whether a file name decoded as UTF-8. A name in another encoding (GBK bytes, as a zip made on Chinese
    Windows unpacks) reaches Python as lone surrogates, which cannot be hashed, stored or printed as text:
    such a file is skipped and named in a warning (``shown``) rather than ending the command."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def listed(name: str) -> bool:
    """Whether a folder entry belongs to the corpus by its name: not hidden, not a README or licence, and
    text (a name that is not UTF-8 is skipped: the walks warn about it, the tree leaves it out)."""
    return not name.startswith(".") and name.lower() not in SKIP_NAMES and name_is_text(name)


def shown(path: str) -> str:
    """A path as text for a message: bytes that are not UTF-8 written as ``\\xNN``."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def not_utf8(path: str) -> str:
    """The warning for a file or folder skipped for its name, with what to do about it."""
    return f"{shown(path)}: skipped, its name is not UTF-8 (rename it, e.g. convmv -f gbk -t utf-8 --notest)"


def natural_key(name: str) -> tuple[int | str, ...]:
    return tuple(int(t) if t.isdigit() else t.casefold() for t in _DIGITS.split(name))


@dataclass
class Discovery:
    files: list[Path] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def discover(root: Path) -> Discovery:
    """Every readable corpus file under ``root`` (or ``root`` itself when it is a file)."""
    out = Discovery()
    if root.is_file():
        out.files.append(root)
        return out
    seen: set[tuple[int, int]] = set()
    _walk(root, seen, out, depth=0)
    return out


def _walk(folder: Path, seen: set[tuple[int, int]], out: Discovery, depth: int) -> None:
    try:
        st = folder.stat()
    except OSError as exc:
        out.warnings.append(f"{shown(str(folder))}: skipped, cannot open folder ({exc.strerror or exc})")
        return
    key = (st.st_dev, st.st_ino)
    if key in seen:
        out.warnings.append(f"{shown(str(folder))}: skipped, symlink loop")
        return
    seen.add(key)
    try:
        entries = sorted(os.scandir(folder), key=lambda e: natural_key(e.name))
    except OSError as exc:
        out.warnings.append(f"{shown(str(folder))}: skipped, cannot list folder ({exc.strerror or exc})")
        return
    subdirs = [sub for entry in entries if (sub := _walk_entry(entry, out)) is not None]
    for sub in subdirs:
        _walk(sub, seen, out, depth + 1)


def _walk_entry(entry: os.DirEntry[str], out: Discovery) -> Path | None:
    """One folder entry: a corpus file is listed, a folder returned (to walk after the files), a dangling
    link or a name that is not UTF-8 warned about. String tests first: a Path is made only for what is kept."""
    name = entry.name
    if name.startswith(".") or name.lower() in SKIP_NAMES:
        return None
    if not name_is_text(name):
        out.warnings.append(not_utf8(entry.path))
        return None
    try:
        is_dir = entry.is_dir(follow_symlinks=True)
        is_file = not is_dir and entry.is_file(follow_symlinks=True)
    except OSError:
        is_dir = is_file = False
    if is_dir:
        return Path(entry.path)
    if is_file:
        if os.path.splitext(name)[1].lower() in SUFFIXES:
            out.files.append(Path(entry.path))
    elif entry.is_symlink():
        out.warnings.append(f"{shown(entry.path)}: skipped, dangling symlink")
    return None


@dataclass
class Scan:
    """(relative path, absolute path, size, change stamp) of every corpus file: what an index update needs."""

    files: list[tuple[str, str, int, int]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def change_stamp(st: os.stat_result) -> int:
    """What tells an index that a file may have changed, beyond its size: its mtime, and what ``touch -r``
    cannot put back, its ctime (set by the kernel on every write) and inode (a file replaced by an
    editor's rename). Folded into one signed 64-bit integer, as the index stores it."""
    mixed = hash((st.st_mtime_ns, st.st_ctime_ns, st.st_ino))
    return mixed if -(2**63) <= mixed < 2**63 else mixed % (2**63)


def scan(root: Path) -> Scan:
    """The files ``discover`` finds, with their stat, in no particular order and without Path objects.

    An index update that finds nothing changed is this walk and a dictionary look-up per file; at 100k
    files pathlib's parsing and the sort were most of its time."""
    out = Scan()
    top = os.path.abspath(root)
    if os.path.isfile(top):
        st = os.stat(top)
        out.files.append((os.path.basename(top), top, st.st_size, change_stamp(st)))
        return out
    seen: set[tuple[int, int]] = set()
    stack = [(top, "")]
    while stack:
        folder, rel = stack.pop()
        try:
            st = os.stat(folder)
        except OSError as exc:
            out.warnings.append(f"{shown(str(folder))}: skipped, cannot open folder ({exc.strerror or exc})")
            continue
        if (st.st_dev, st.st_ino) in seen:
            out.warnings.append(f"{shown(str(folder))}: skipped, symlink loop")
            continue
        seen.add((st.st_dev, st.st_ino))
        try:
            entries = list(os.scandir(folder))
        except OSError as exc:
            out.warnings.append(f"{shown(str(folder))}: skipped, cannot list folder ({exc.strerror or exc})")
            continue
        for entry in entries:
            _scan_entry(entry, rel, out, stack)
    return out


def _scan_entry(entry: os.DirEntry[str], rel: str, out: Scan, stack: list[tuple[str, str]]) -> None:
    """One folder entry: a corpus file is listed, a folder queued, a dangling link warned about."""
    name = entry.name
    lower = name.lower()
    if name.startswith(".") or lower in SKIP_NAMES:
        return
    if not name_is_text(name):
        out.warnings.append(not_utf8(entry.path))
        return
    try:
        if lower.endswith(_SUFFIX_TUPLE):  # a corpus file: one stat tells its kind, size and mtime
            est = entry.stat(follow_symlinks=True)
            if S_ISREG(est.st_mode):
                out.files.append((rel + name, entry.path, est.st_size, change_stamp(est)))
                return
        if entry.is_dir(follow_symlinks=True):
            stack.append((entry.path, rel + name + "/"))
            return
        if entry.is_file(follow_symlinks=True):
            return
    except OSError:
        pass
    if entry.is_symlink():
        out.warnings.append(f"{shown(entry.path)}: skipped, dangling symlink")


def count_entries(folder: Path) -> int:
    """How many visible entries a folder has, for the tree's counts: no sorting, no Path objects, so a
    folder of 5,000 stories costs a few milliseconds."""
    try:
        with os.scandir(folder) as it:
            return sum(1 for e in it if listed(e.name))
    except OSError:
        return 0


def list_folder(folder: Path) -> tuple[list[Path], list[Path]]:
    """One level of a folder (sub-folders, corpus files), for the lazy tree. Never raises."""
    dirs: list[Path] = []
    files: list[Path] = []
    try:
        entries = sorted(os.scandir(folder), key=lambda e: natural_key(e.name))
    except OSError:
        return dirs, files
    for entry in entries:  # what the index skips the tree does not list
        if not listed(entry.name):
            continue
        try:
            if entry.is_dir(follow_symlinks=True):
                dirs.append(Path(entry.path))
            elif entry.is_file(follow_symlinks=True) and Path(entry.name).suffix.lower() in SUFFIXES:
                files.append(Path(entry.path))
        except OSError:
            continue
    return dirs, files
