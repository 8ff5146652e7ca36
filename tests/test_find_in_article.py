"""Issue 14: find in the open article (ctrl+f): every occurrence lit as you type, counted ("3/17"), n/N
between them across paragraphs, Esc closes. The core against a brute-force scan; the keys with Pilot."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st
from textual.widgets import Input

from tui.ingest import load_corpus
from tui.search.find_in import first_from, occurrences
from tui.ui.app import YuelanApp
from tui.ui.article_view import ArticleView

from .conftest import CORPUS
from .test_ui import search_and_open, settle

ARTICLES = load_corpus(CORPUS).articles
LONGEST = max(ARTICLES, key=lambda a: sum(len(p.text) for p in a.paragraphs))
TEXTS = [p.text for p in LONGEST.paragraphs]


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_every_exact_occurrence_is_found_once_in_reading_order(data: st.DataObject) -> None:
    k = data.draw(st.sampled_from([i for i, t in enumerate(TEXTS) if len(t) >= 6]))
    start = data.draw(st.integers(0, len(TEXTS[k]) - 4))
    query = TEXTS[k][start:start + data.draw(st.integers(2, 4))]
    if query != "".join(query.split()) or not re.search(r"[\u4e00-\u9fff]", query) or re.search(r"[\d\"“”|｜-]", query):
        return  # one plain word: no operators, no figures (by value: test_query_language), no spaces
    found = occurrences(query, TEXTS)
    assert found == sorted(found) and len(set(found)) == len(found)
    exact = {(i + 1, m.start()) for i, t in enumerate(TEXTS) for m in re.finditer(re.escape(query), t)}
    assert exact <= {(o.paragraph, o.start) for o in found}
    for o in found:  # where a paragraph holds the query as typed, that is what is lit there
        if (o.paragraph, o.start) not in exact:
            assert not any(p == o.paragraph for p, _ in exact)


def test_find_is_tolerant_and_starts_at_the_reading_place() -> None:
    texts = ["董家口经济区", "第二段", "东家口港区", "董家口港"]
    assert [o.paragraph for o in occurrences("董家口", texts)] == [1, 3, 4]  # 东家口 sounds the same
    assert [o.paragraph for o in occurrences('"董家口"', texts)] == [1, 4]  # quoted: as typed only
    assert [o.paragraph for o in occurrences("djk", texts)] == [1, 3, 4]  # initials
    assert [o.paragraph for o in occurrences("经济区", ["经济区", "經濟區"])] == [1, 2]  # traditional
    assert [o.paragraph for o in occurrences("段", ["断", "第二段"])] == [2]  # one character: as typed
    found = occurrences("董家口", texts)
    assert first_from(found, 2) == 1 and first_from(found, 5) == 0 and first_from([], 1) == -1
    assert occurrences("   ", texts) == []


async def test_ctrl_f_lights_counts_and_steps_through_every_occurrence() -> None:
    app = YuelanApp(CORPUS)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(app, pilot)
        await search_and_open(app, pilot, "锁定目标干字当头")
        await pilot.press("escape")  # back to the results
        await settle(app, pilot)
        await pilot.press("escape")  # the search ends, its matches unlit
        await settle(app, pilot)
        view = app.query_one(ArticleView)
        article = app.main.current
        assert article is not None
        want = [(p.index, m.start()) for p in article.paragraphs for m in re.finditer("新区", p.text)]
        assert len(want) > 3
        await pilot.press("ctrl+f")
        await pilot.press(*"新区")
        await settle(app, pilot, 0.2)
        box = app.main.query_one("#find", Input)
        assert box.border_subtitle == f"1/{len(want)}"
        assert {(p, a) for p, spans in view.state.matches.items() for a, _ in spans} == set(want)
        assert view.current_match is not None and view.cursor == want[0][0]
        await pilot.press("enter")  # the keys go back to the article
        assert view.has_focus
        await pilot.press("n", "n")
        assert box.border_subtitle == f"3/{len(want)}"
        assert (view.current_match.paragraph, view.current_match.start) == want[2]
        assert view.cursor == want[2][0]
        await pilot.press("N", "N", "N")  # back past the first: wraps to the last
        assert box.border_subtitle == f"{len(want)}/{len(want)}"
        await pilot.press("ctrl+f")
        assert app.main.query_one("#find", Input).has_focus
        await pilot.press("escape")
        assert app.main.query_one("#findbar").has_class("-hidden")
        assert not view.state.matches and view.has_focus
        await pilot.press("ctrl+f", *"没有这个词")
        await settle(app, pilot, 0.2)
        assert box.border_subtitle == "no match"
