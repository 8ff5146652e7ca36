"""The annotation helper process: half of a long article is annotated there, with the same spans as
annotating it all here, and every way it can fail leaves the work to this process."""

from __future__ import annotations

from concurrent.futures import Future
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tui.annotate.article import annotate_in_order
from tui.annotate.cache import AnnotationCache
from tui.annotate.helper import Helper, split_for_helper
from tui.ingest.loader import load_page

from .conftest import CORPUS, SEED


def _texts() -> list[str]:
    page = load_page(SEED["000"], CORPUS)
    return [p.text for a in page.articles for p in a.paragraphs]


def _alone(texts: list[str], tmp_path: Path) -> dict:
    return annotate_in_order(texts, AnnotationCache(tmp_path / "alone.sqlite"))  # type: ignore[return-value]


@pytest.fixture(scope="module")
def helper() -> Helper:
    h = Helper(CORPUS)
    assert h.start(), "the helper process did not start"
    yield h
    h.close()


def test_the_helper_gives_the_same_spans_and_fills_the_cache(helper: Helper, tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("YUELAN_HELPER_FROM", "100")
    texts = _texts()
    sent: list[int] = []
    submit = helper.submit
    monkeypatch.setattr(helper, "submit", lambda batch: sent.append(len(batch)) or submit(batch))
    cache = AnnotationCache(tmp_path / "c.sqlite")
    got = annotate_in_order(texts, cache, helper=helper)
    assert sent and 0 < sent[0] < len(texts)  # the far half went to the helper
    assert got == _alone(texts, tmp_path)
    assert all(cache.has(t) for t in texts)


def test_short_work_stays_in_this_process(helper: Helper, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(helper, "submit", lambda batch: pytest.fail("a short article went to the helper"))
    texts = _texts()[:3]
    assert annotate_in_order(texts, AnnotationCache(tmp_path / "c.sqlite"), helper=helper) == _alone(texts, tmp_path)


class _Failing(Helper):
    """A helper that is 'ready' but whose answers fail in the ways a real one can."""

    def __init__(self, how: str) -> None:
        super().__init__(None)
        self.how = how
        self._pool = object()  # type: ignore[assignment]

    def submit(self, texts: list[str]) -> Future | None:  # type: ignore[override]
        if self.how == "refuses":
            return None
        f: Future = Future()
        if self.how == "raises":
            f.set_exception(RuntimeError("the helper died"))
        else:
            f.set_result([[]])  # the wrong number of answers
        return f


@pytest.mark.parametrize("how", ["refuses", "raises", "short answer"])
def test_a_failing_helper_leaves_the_work_here(how: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("YUELAN_HELPER_FROM", "100")
    texts = _texts()
    got = annotate_in_order(texts, AnnotationCache(tmp_path / "c.sqlite"), helper=_Failing(how))
    assert got == _alone(texts, tmp_path)


def test_a_closed_helper_is_not_used() -> None:
    h = Helper(None)
    h.close()
    assert not h.start() and not h.ready and h.submit(["文本"]) is None


@given(st.lists(st.integers(min_value=1, max_value=5000), min_size=1, max_size=60),
       st.floats(min_value=0.0, max_value=1.0))
def test_the_split_keeps_the_screen_here(lengths: list[int], share: float) -> None:
    keep = split_for_helper(lengths, share)
    assert 1 <= keep <= len(lengths)  # the first text (the one on screen) is always annotated here
    if keep < len(lengths):
        assert sum(lengths[:keep]) >= sum(lengths) * (1 - share)
