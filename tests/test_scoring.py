"""Scoring rows in bulk (``scoring.scores``) gives exactly what ``terms.score`` gives row by row."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tui.search.keys import initials_of, key_columns
from tui.search.scoring import Joined, scores
from tui.search.terms import make_term, score

# characters that make near misses likely: homophones (东董, 家加嘉), figures and units, letters, a space
ALPHABET = "董东家加嘉口经济区锚定打造一二三十百千亿万元%0123456789.dongjiakou "
TEXTS = st.text(ALPHABET, max_size=30)
QUERIES = st.one_of(
    st.text(ALPHABET, min_size=1, max_size=9),
    st.sampled_from(["董家口经济区", "东家口", "djk", "dongjiakou", "1000亿", "一千亿元", "三十%", "经济 区", "董家口jingji"]),
)


@settings(max_examples=400, deadline=None)
@given(query=QUERIES, texts=st.lists(TEXTS, min_size=1, max_size=12), exact=st.booleans())
def test_bulk_scores_equal_row_by_row(query: str, texts: list[str], exact: bool) -> None:
    term = make_term(query, exact)
    if not term.variants:
        return
    rows = []
    for t in texts:
        norm, syl = key_columns([t])
        rows.append((norm, syl, initials_of(syl)))
    columns = (Joined([r[0] for r in rows]), Joined([r[1] for r in rows]), Joined([r[2] for r in rows]))
    assert scores(term, columns).tolist() == [score(term, r) for r in rows]


def test_a_match_never_runs_from_one_row_into_the_next() -> None:
    """Rows are joined with a separator: 董家 at the end of one row and 口 at the start of the next is no
    match, exact or near."""
    term = make_term("董家口经济")
    norms = ["今天董家", "口经济区", "董家口经济"]
    syls = [key_columns([n])[1] for n in norms]
    got = scores(term, (Joined(norms), Joined(syls), Joined([""] * 3))).tolist()
    assert got[2] == 100.0
    assert got[:2] == [score(term, (n, s, "")) for n, s in zip(norms[:2], syls[:2], strict=True)]


@settings(max_examples=200, deadline=None)
@given(queries=st.lists(QUERIES, min_size=1, max_size=3),
       texts=st.lists(st.sampled_from(["董家口经济区", "东家口", "一千亿元", ""]) | TEXTS, min_size=1, max_size=12))
def test_rows_scored_once_per_distinct_text_equal_row_by_row(queries: list[str], texts: list[str]) -> None:
    """``rows_scored`` scores rows with the same keys once (a reprinted story): each row still gets the mean
    of ``terms.score`` over the terms, and is kept only if every term reaches the floor."""
    from tui.search.scoring import rows_scored
    from tui.search.terms import FLOOR

    terms = [t for q in queries if (t := make_term(q)).variants]
    if not terms:
        return
    keyed = [key_columns([t]) for t in texts + texts[::2]]  # some rows twice
    mean, kept = rows_scored(terms, [n for n, _ in keyed], [s for _, s in keyed], need_ini=True)
    for i, (n, s) in enumerate(keyed):
        each = [score(t, (n, s, initials_of(s))) for t in terms]
        assert mean[i] == sum(each) / len(terms)
        assert kept[i] == all(e >= FLOOR for e in each)
