"""A word typed with its parts in another order (``pieces``): the look-ups that stand in for reading rows
find exactly the rows, pieces and swaps that reading every row does."""

from __future__ import annotations

from unittest import mock

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.search import pieces
from tui.search.index import Index

# few characters, so that a row holds a word's pieces in several cuts and in both orders
ALPHABET = "经济报告发展"


@settings(max_examples=80, deadline=None)
@given(data=st.data())
def test_two_pieces_by_look_ups_equal_reading_every_row(tmp_path_factory: pytest.TempPathFactory,
                                                        data: st.DataObject) -> None:
    word = "".join(data.draw(st.permutations(ALPHABET)))[:data.draw(st.integers(4, 6))]
    parts = st.sampled_from([word[i:j] for i in range(len(word)) for j in range(i + 1, len(word) + 1)])
    line = st.lists(parts | st.sampled_from(ALPHABET), min_size=1, max_size=5).map("".join)
    lines = data.draw(st.lists(line, min_size=1, max_size=25))
    root = tmp_path_factory.mktemp("p") / "corpus"
    root.mkdir()
    (root / "a.txt").write_text("标题\n\n" + "\n\n".join(lines) + "\n", encoding="utf-8")
    idx = Index(root, root.parent / "i.sqlite")
    idx.update()
    fast = pieces.reordered_rows(idx, word)
    every = np.arange(1 << 16, dtype=np.uint32)  # as if every row held a character beyond U+FFFF: all read
    with mock.patch.object(Index, "astral", lambda self, column: every):
        assert fast == pieces.reordered_rows(idx, word)
    truth = []
    for rid, norm in idx.query("SELECT id, norm FROM paras ORDER BY id"):
        cut = pieces.fewest_pieces(word, norm)
        if cut is not None and len(cut) >= 2 and pieces.apart(cut, norm):
            truth.append((rid, cut, len(cut) == 2 and cut[1] + cut[0] in norm))
    assert fast == truth
