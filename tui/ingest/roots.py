"""Which corpus a file belongs to: one answer for every command and the reader, so that an article has
one id (its path relative to that root, and its place in the file) whatever names it.

In order: the corpus named on the command line (or ``$YUELAN_CORPUS``, or ``./corpus``) if it holds the
file; the nearest folder above the file that is marked as a corpus (a ``.yuelan`` folder) or that has been
indexed; the folder above date folders (``2024/``, ``2023-08/``), as archives are laid out; else the file's
own folder.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from tui.paths import index_file

_DATE_FOLDER = re.compile(r"^(?:19|20)[0-9]{2}(?:[-_.]?(?:0[1-9]|1[0-2]))?(?:[-_.]?(?:0[1-9]|[12][0-9]|3[01]))?$")


def contains(root: Path, path: Path) -> bool:
    try:
        Path(os.path.abspath(path)).relative_to(os.path.abspath(root))
    except ValueError:
        return False
    return True


def corpus_root(path: Path, named: Path | None = None) -> tuple[Path, str]:
    """(root, why) for a file; ``why`` says how the root was chosen, for a one-line note."""
    if named is not None and named.is_dir() and contains(named, path):
        return named, "named"
    folder = Path(os.path.abspath(path)).parent
    for ancestor in [folder, *folder.parents]:
        if index_file(ancestor).exists():
            return ancestor, "indexed"
        if (ancestor / ".yuelan").is_dir():
            return ancestor, "marked"
    while _DATE_FOLDER.match(folder.name) and folder.parent != folder:
        folder = folder.parent
    return folder, "folder"
