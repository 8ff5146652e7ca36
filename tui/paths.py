"""Where Yuelan keeps its files, per platform (platformdirs), overridable by environment for tests.

cache: the search index and annotation cache (safe to delete, rebuilt on demand);
state: the basket and reading position (the user's work: written in transactions);
config: keymap.toml and the user dictionary.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from platformdirs import PlatformDirs

_DIRS = PlatformDirs("yuelan", appauthor=False)


def cache_dir() -> Path:
    return Path(os.environ.get("YUELAN_CACHE_DIR") or _DIRS.user_cache_dir)


def state_dir() -> Path:
    return Path(os.environ.get("YUELAN_STATE_DIR") or _DIRS.user_state_dir)


def config_dir() -> Path:
    return Path(os.environ.get("YUELAN_CONFIG_DIR") or _DIRS.user_config_dir)


def export_dir() -> Path:
    return Path(os.environ.get("YUELAN_EXPORT_DIR") or Path.home())


def corpus_key(root: Path) -> str:
    """One index per corpus folder, named by its absolute path (its bytes: a folder named in GBK is a
    valid corpus; for a UTF-8 name they are its UTF-8, so existing keys stay)."""
    return hashlib.blake2b(os.fsencode(os.path.abspath(root)), digest_size=8).hexdigest()


def index_file(root: Path) -> Path:
    """Where a corpus's search index lives (whether or not it has been built)."""
    return cache_dir() / "index" / f"{corpus_key(root)}.sqlite"
