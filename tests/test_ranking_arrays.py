"""The array helpers ranking relies on, against NumPy's own set routines (they replace them for speed)."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.search import ranking

ids = st.sets(st.integers(0, 60), max_size=25).map(lambda s: np.array(sorted(s), dtype=np.uint32))


@given(ids, ids)
@settings(max_examples=300, deadline=None)
def test_meet_is_intersect1d_with_indices(a: np.ndarray, b: np.ndarray) -> None:
    got = ranking.meet(a, b)
    want = np.intersect1d(a, b, assume_unique=True, return_indices=True)
    for g, w in zip(got, want, strict=True):
        assert g.tolist() == w.tolist()


@given(ids, st.floats(1, 100), ids, st.floats(1, 100))
@settings(max_examples=200, deadline=None)
def test_strongest_keeps_each_rows_first_weight(a: np.ndarray, wa: float, b: np.ndarray, wb: float) -> None:
    """Rows found first keep their weight, the rest come in at theirs, ascending: from nothing or not."""
    known = ranking.strongest(ranking.NONE, a, wa)
    assert known[0].tolist() == a.tolist() and known[1].tolist() == [wa] * len(a)
    got_ids, got_w = ranking.strongest(known, b, wb)
    want = {int(i): wa for i in a} | {int(i): wb for i in b if int(i) not in set(a.tolist())}
    assert got_ids.tolist() == sorted(want)
    assert got_w.tolist() == [want[i] for i in sorted(want)]
