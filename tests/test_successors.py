"""Rows proven to hold a word by the grams alone (``successors``): never a row that does not hold it."""

from __future__ import annotations

from pathlib import Path
from unittest import mock

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.search import successors
from tui.search.index import Index

# few characters, so that rows hold a word's pairs apart (习近 … 近平) and characters recur with other followers
ALPHABET = "习近平总书记在的"
ASTRAL_PING = "\U00025e73"  # shares its 16-bit code with 平 (U+5E73)


def _index(tmp: Path, lines: list[str]) -> Index:
    root = tmp / "corpus"
    root.mkdir(exist_ok=True)
    (root / "a.txt").write_text("标题\n\n" + "\n\n".join(lines) + "\n", encoding="utf-8")
    idx = Index(root, tmp / "i.sqlite")
    idx.update()
    return idx


def _holding(idx: Index, pattern: str) -> list[int]:
    return [r[0] for r in idx.query("SELECT id, norm FROM paras ORDER BY id") if pattern in r[1]]


@settings(max_examples=60, deadline=None)
@given(lines=st.lists(st.text(ALPHABET, min_size=1, max_size=14), min_size=1, max_size=25),
       pattern=st.text(ALPHABET, min_size=3, max_size=5))
def test_proof_keeps_only_rows_holding_the_word(tmp_path_factory: pytest.TempPathFactory, lines: list[str],
                                                pattern: str) -> None:
    idx = _index(tmp_path_factory.mktemp("s"), lines)
    ids = idx.candidates("norm", pattern)
    assert ids is not None
    with idx._lock:
        sure = successors.proven(idx.postings, "norm", pattern, ids).tolist()
    truth = _holding(idx, pattern)
    assert set(sure) <= set(truth)
    with mock.patch.object(successors, "PROVE_FROM", 0):  # the look-up with the proof on every candidate list
        assert idx.lookup("norm", pattern, 1 << 40).tolist() == truth


def test_a_row_holding_a_character_beyond_the_bmp_is_never_proven(tmp_path: Path) -> None:
    """U+25E73 has 平's 16-bit code: 习近 followed by it makes the grams of 习近平, and 近 has one follower."""
    idx = _index(tmp_path, ["习近" + ASTRAL_PING + "说", "习近平说", "近来习近平"])
    ids = idx.candidates("norm", "习近平")
    assert ids is not None
    with idx._lock:
        sure = successors.proven(idx.postings, "norm", "习近平", ids).tolist()
    truth = _holding(idx, "习近平")
    assert len(ids) == 3 and len(truth) == 2
    assert set(sure) <= set(truth)
    with mock.patch.object(successors, "PROVE_FROM", 0):
        assert idx.lookup("norm", "习近平", 10).tolist() == truth


# characters read alike (近 进 今: jin), numerals and ㎡ (written 平方米 in the normal form, not in the syllables)
SPELLING = "习近进今平一㎡方米"


def _syl_holding(idx: Index, key: str) -> list[int]:
    return [r[0] for r in idx.query("SELECT id, syl FROM paras ORDER BY id") if key in r[1]]


@settings(max_examples=60, deadline=None)
@given(lines=st.lists(st.text(SPELLING, min_size=1, max_size=14), min_size=1, max_size=25),
       word=st.sampled_from(["习近平", "近平", "进今", "习近一", "平方米", "近㎡"]))
def test_rows_proven_through_the_words_a_key_spells_hold_the_key(tmp_path_factory: pytest.TempPathFactory,
                                                                 lines: list[str], word: str) -> None:
    """``spelled``: a row whose normal form holds a word the syllable key spells holds the key; never a row
    whose normal form only seems to (习近㎡ is 习近平方米 in the normal form, but its syllables end in ㎡'s)."""
    from tui.search import spelled
    from tui.search.keys import key_columns

    idx = _index(tmp_path_factory.mktemp("w"), lines)
    key = key_columns([word])[1]
    ids = idx.candidates("syl", key)
    assert ids is not None
    truth = _syl_holding(idx, key)
    with mock.patch.object(spelled, "STOP_BELOW", 0):
        sure = spelled.proven(idx, key, ids).tolist()
        assert set(sure) <= set(truth)
        with mock.patch.object(successors, "PROVE_FROM", 0):  # the look-up with both proofs on every list
            assert idx.lookup("syl", key, 1 << 40).tolist() == truth


@pytest.mark.parametrize("word", ["习近平", "平方米"])
def test_words_a_replacement_wrote_prove_nothing(tmp_path: Path, word: str) -> None:
    """习近㎡ reads xi-jin-(㎡) but its normal form is 习近平方米, which holds 习近平; 平米 is 平方米 in the normal
    form but not in the syllables. Rows holding the key's pairs apart (… 近平, 平方 … 方米) are candidates
    that do not hold the key: the proof must leave them to the check."""
    from tui.search import spelled
    from tui.search.keys import key_columns

    idx = _index(tmp_path, ["习近㎡近平", "平米平方方米", "习近平说", "今天习近平", "平方米的房"])
    key = key_columns([word])[1]
    ids = idx.candidates("syl", key)
    assert ids is not None
    with mock.patch.object(spelled, "STOP_BELOW", 0):
        sure = spelled.proven(idx, key, ids).tolist()
    assert set(sure) <= set(_syl_holding(idx, key))
