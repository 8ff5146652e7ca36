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

import jieba
import jieba.posseg

_lock = threading.Lock()
_ready = False
_user_dicts: set[str] = set()


def _setup() -> None:
    global _ready
    with _lock:
        if _ready:
            return
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
    _setup()
    return jieba.posseg.dt.word_tag_tab


def tokenize(text: str, hmm: bool = True) -> list[tuple[str, int, int]]:
    """Words with offsets. Without the HMM, unknown strings fall apart into known words and single
    characters, which is what composing 区 + 发改 + 局 needs; with it, unknown names hold together."""
    _setup()
    return list(jieba.tokenize(text, HMM=hmm))


def load_user_dict(path: Path) -> bool:
    """Add a jieba-format user dictionary (word [freq] [tag] per line); tags nr/ns/nt steer entities."""
    key = os.path.abspath(path)
    if key in _user_dicts or not path.is_file():
        return False
    _setup()
    try:
        jieba.load_userdict(str(path))
        for line in path.read_text(encoding="utf-8").splitlines():
            parts = line.split()
            if len(parts) >= 2 and not parts[-1].isdigit():
                jieba.posseg.dt.word_tag_tab[parts[0]] = parts[-1]
    except (OSError, UnicodeDecodeError, ValueError):
        return False
    _user_dicts.add(key)
    return True
