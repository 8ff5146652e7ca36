"""jieba, set up once: quiet, with its cache under our cache dir, tags looked up without posseg's HMM.

``jieba.posseg`` is accurate but slow (a second Viterbi pass for tags). We segment with ``jieba.tokenize``
and read each known word's tag from posseg's own dictionary table, which gives the same tags for known
words at several times the speed; unknown words (found by the HMM) are tagged by shape later.
"""

from __future__ import annotations

import logging
import os
import re
import threading
from collections.abc import Callable
from math import log
from pathlib import Path
from types import ModuleType

from tui.annotate.tokens import Token

# jieba is imported on first use, not at start-up: the reader paints before any word is segmented
_lock = threading.Lock()
_ready = False
_user_dicts: dict[str, int] = {}  # path → mtime when loaded


def _jieba() -> ModuleType:
    _setup()
    import jieba

    module: ModuleType = jieba
    return module


def _setup() -> None:
    global _ready
    if _ready:
        return
    with _lock:
        if _ready:
            return
        import jieba
        import jieba.posseg

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


def word_freq(word: str) -> int:
    """How often jieba's dictionary has seen the word: common words are frequent, unknown names are not."""
    return _jieba().dt.FREQ.get(word) or 0


def frequencies() -> dict[str, int]:
    """jieba's dictionary: each word's frequency (0 for a prefix that is no word). For loops that look up
    many words: ``word_freq`` per word cost half of sorting 43,000 concordance lines."""
    table: dict[str, int] = _jieba().dt.FREQ
    return table


def tag_table() -> dict[str, str]:
    table: dict[str, str] = _jieba().posseg.dt.word_tag_tab
    return table


def tokenize(text: str, hmm: bool = True) -> list[tuple[str, int, int]]:
    """Words with offsets. Without the HMM, unknown strings fall apart into known words and single
    characters, which is what composing 区 + 发改 + 局 needs; with it, unknown names hold together."""
    return list(_jieba().tokenize(text, HMM=hmm))


Triple = tuple[str, int, int]


def tagged_pair(text: str, tags: dict[str, str], guess: Callable[[str], str]) -> tuple[list[Token], list[Token]]:
    """Both cuts as tagged ``Token``s, built in one pass over each cut: a word's tag from ``tags`` (jieba's
    dictionary), else ``guess(word)``. Building offsets and tags in separate passes cost 5 % of annotation."""
    hmm_words, plain_words = _cut_pair(text)
    return _tokens(hmm_words, tags, guess), _tokens(plain_words, tags, guess)


def _tokens(words: list[str], tags: dict[str, str], guess: Callable[[str], str]) -> list[Token]:
    out: list[Token] = []
    at = 0
    for w in words:
        if w:
            end = at + len(w)
            out.append((w, at, end, tags.get(w) or guess(w)))
            at = end
    return out


def tokenize_pair(text: str) -> tuple[list[Triple], list[Triple]]:
    """The same as ``(tokenize(text), tokenize(text, hmm=False))`` in one pass.

    Both cuts start from the same dictionary route (jieba's DAG and its best path), which is most of the
    cost; computing it once instead of twice makes entity annotation about a third faster. The loops
    follow jieba 0.42's ``__cut_DAG`` and ``__cut_DAG_NO_HMM`` exactly (a test checks them against
    ``jieba.tokenize`` on arbitrary text)."""
    hmm_words, plain_words = _cut_pair(text)
    return _with_offsets(hmm_words), _with_offsets(plain_words)


def _cut_pair(text: str) -> tuple[list[str], list[str]]:
    """The words of both cuts, from one dictionary route per block of Han characters. A block of Han
    characters alone goes to jieba-rs (``rjieba``: the same dictionary, route and HMM, 2× faster here)
    while no user dictionary is loaded; a block with Latin letters or digits in it always comes here,
    since jieba-rs cuts 6-1 whole where jieba gives 6, -, 1."""
    jieba = _jieba()
    from jieba import finalseg

    dt = jieba.dt
    freq = dt.FREQ
    re_han, re_skip, re_eng = jieba.re_han_default, jieba.re_skip_default, jieba.re_eng
    fast = _fast_cut()
    hmm_words: list[str] = []
    plain_words: list[str] = []
    for blk in re_han.split(text):
        if not blk:
            continue
        if fast is not None and _ONLY_HAN.match(blk):
            hmm_words += fast(blk, True)
            plain_words += fast(blk, False)
        elif re_han.match(blk):
            route = _route(blk, freq, log(dt.total))
            _cut_plain(blk, route, re_eng, plain_words.append)
            _cut_hmm(blk, route, freq, finalseg, hmm_words.append)
        else:
            for x in re_skip.split(blk):
                pieces = [x] if re_skip.match(x) else list(x)
                hmm_words.extend(pieces)
                plain_words.extend(pieces)
    return hmm_words, plain_words


_ONLY_HAN = re.compile(r"[\u4e00-\u9fd5]+$")  # jieba's own Han range (re_han_default)
_fast: list[Callable[[str, bool], list[str]] | None] = []  # rjieba.cut once looked up; [None] without it


def _fast_cut() -> Callable[[str, bool], list[str]] | None:
    """jieba-rs's cut, or None: not installed, turned off (YUELAN_RJIEBA=0), or a user dictionary loaded
    (its words are in jieba's dictionary only, so only jieba's own loops cut with them)."""
    if _user_dicts:
        return None
    if not _fast:
        cut = None
        if os.environ.get("YUELAN_RJIEBA", "1") != "0":
            try:
                import rjieba

                cut = rjieba.cut
            except ImportError:
                pass
        _fast.append(cut)
    return _fast[0]


_LOGP: dict[str, float] = {}  # log frequency of each word seen, minus log of the total: jieba's calc re-took it
Route = list[tuple[float, int]]


def _route(blk: str, freq: dict[str, int], logtotal: float) -> Route:
    """jieba's DAG (``Tokenizer.get_DAG``) and best path (``Tokenizer.calc``) in one backward pass, with
    each word's log probability computed once per process. The words tried, the arithmetic and so the
    route are jieba's; building the DAG as a dict of lists first cost a third of segmentation."""
    n = len(blk)
    route: Route = [(0.0, 0)] * (n + 1)
    logp = _LOGP
    for idx in range(n - 1, -1, -1):
        best: tuple[float, int] | None = None
        end = idx
        frag = blk[idx]
        while frag in freq:  # FREQ holds every prefix of every word (with frequency 0)
            if freq[frag]:
                try:
                    lp = logp[frag]
                except KeyError:
                    lp = logp[frag] = log(freq[frag]) - logtotal
                cand = (lp + route[end + 1][0], end)
                if best is None or cand > best:
                    best = cand
            end += 1
            if end >= n:
                break
            frag = blk[idx:end + 1]
        if best is None:  # no word starts here: the character alone, as jieba's DAG has it
            ch = blk[idx]
            known = logp.get(ch)
            if known is not None:
                lp = known
            else:
                lp = logp[ch] = log(freq.get(ch) or 1) - logtotal
            best = (lp + route[idx + 1][0], idx)
        route[idx] = best
    return route


def _with_offsets(words: list[str]) -> list[Triple]:
    out: list[Triple] = []
    at = 0
    for w in words:
        if w:
            out.append((w, at, at + len(w)))
            at += len(w)
    return out


def _cut_plain(blk: str, route: Route, re_eng: re.Pattern[str],
               put: Callable[[str], None]) -> None:
    x, n, buf = 0, len(blk), ""
    while x < n:
        y = route[x][1] + 1
        word = blk[x:y]
        if len(word) == 1 and re_eng.match(word):
            buf += word
        else:
            if buf:
                put(buf)
                buf = ""
            put(word)
        x = y
    if buf:
        put(buf)


def _cut_hmm(blk: str, route: Route, freq: dict[str, int], finalseg: ModuleType,
             put: Callable[[str], None]) -> None:
    def flush(buf: str) -> None:
        if len(buf) == 1:
            put(buf)
        elif not freq.get(buf):
            for t in finalseg.cut(buf):
                put(t)
        else:
            for ch in buf:
                put(ch)

    x, n, buf = 0, len(blk), ""
    while x < n:
        y = route[x][1] + 1
        word = blk[x:y]
        if y - x == 1:
            buf += word
        else:
            if buf:
                flush(buf)
                buf = ""
            put(word)
        x = y
    if buf:
        flush(buf)


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
    _LOGP.clear()  # frequencies and the total changed
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
