"""jieba, set up once: quiet, with its cache under our cache dir, tags looked up without posseg's HMM.

``jieba.posseg`` is accurate but slow (a second Viterbi pass for tags). We segment with ``jieba.tokenize``
and read each known word's tag from posseg's own dictionary table, which gives the same tags for known
words at several times the speed; unknown words (found by the HMM) are tagged by shape later.
"""

from __future__ import annotations

import logging
import os
import threading
from pathlib import Path
from types import ModuleType

# jieba is imported on first use, not at start-up: the reader paints before any word is segmented
_lock = threading.Lock()
_ready = False
_user_dicts: dict[str, int] = {}  # path → mtime when loaded


def _jieba() -> ModuleType:
    _setup()
    import jieba

    return jieba


def _setup() -> None:
    global _ready
    if _ready:
        return
    with _lock:
        if _ready:
            return
        import jieba
        import jieba.posseg  # noqa: F401 - its dictionary of tags

        jieba.setLogLevel(logging.WARNING)
        from tui.paths import cache_dir

        cache = cache_dir() / "jieba.cache"
        try:
            cache.parent.mkdir(parents=True, exist_ok=True)
            jieba.dt.cache_file = str(cache)
        except OSError:
            pass
        jieba.initialize()
        _ready = True


def tag_table() -> dict[str, str]:
    return _jieba().posseg.dt.word_tag_tab


def tokenize(text: str, hmm: bool = True) -> list[tuple[str, int, int]]:
    """Words with offsets. Without the HMM, unknown strings fall apart into known words and single
    characters, which is what composing 区 + 发改 + 局 needs; with it, unknown names hold together."""
    return list(_jieba().tokenize(text, HMM=hmm))


def load_user_dict(path: Path) -> bool:
    """Add a jieba-format user dictionary (word [freq] [tag] per line); tags nr/ns/nt steer entities."""
    key = os.path.abspath(path)
    if key in _user_dicts or not path.is_file():
        return False
    jieba = _jieba()
    try:
        jieba.load_userdict(str(path))
        for line in path.read_text(encoding="utf-8").splitlines():
            parts = line.split()
            if len(parts) >= 2 and not parts[-1].isdigit():
                jieba.posseg.dt.word_tag_tab[parts[0]] = parts[-1]
    except (OSError, UnicodeDecodeError, ValueError):
        return False
    _user_dicts[key] = path.stat().st_mtime_ns
    return True


def load_user_dicts(corpus: Path | None) -> None:
    """The user's dictionary (config dir) and the corpus's own (CORPUS/.yuelan/userdict.txt)."""
    from tui.paths import config_dir

    load_user_dict(config_dir() / "userdict.txt")
    if corpus is not None:
        base = corpus if corpus.is_dir() else corpus.parent
        load_user_dict(base / ".yuelan" / "userdict.txt")


def dictionary_signature() -> str:
    """Changes whenever a different set of user dictionaries is loaded: part of the annotation cache key,
    so that editing userdict.txt is never hidden behind stale cached highlights."""
    return ";".join(f"{k}@{v}" for k, v in sorted(_user_dicts.items()))
