"""The reader through Textual's Pilot: tree, opening, highlights, search, help, marks, basket, export."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from textual.widgets import Checkbox, Input, Select

from tui.export.passages import Passage
from tui.state import State
from tui.ui.app import YuelanApp
from tui.ui.article_view import ArticleView
from tui.ui.corpus_tree import CorpusTree
from tui.ui.screens import ConfirmScreen, ExportScreen, HelpScreen, SearchScreen

from .conftest import CORPUS, SEED


async def settle(app: YuelanApp, pilot, t: float = 0.3) -> None:  # type: ignore[no-untyped-def]
    await pilot.pause(t)
    await app.workers.wait_for_complete()
    await pilot.pause(0.1)


async def expand_page(app: YuelanApp, pilot, month_name: str):  # type: ignore[no-untyped-def]
    """Expand corpus → qingdao-daily → the month → its first page, the way a reader would; the page node."""
    folder = app.query_one(CorpusTree).root.children[0]
    assert "qingdao-daily" in str(folder.label)
    folder.expand()
    await settle(app, pilot)
    month = next(n for n in folder.children if month_name in str(n.label))
    month.expand()
    await settle(app, pilot)
    page = month.children[0]
    page.expand()
    await settle(app, pilot, 0.5)
    return page


async def search_box(app: YuelanApp, pilot):  # type: ignore[no-untyped-def]
    """``/`` pressed: the search screen and its box."""
    await settle(app, pilot)
    await pilot.press("slash")
    await pilot.pause(0.2)
    screen = app.screen
    assert isinstance(screen, SearchScreen)
    return screen, screen.query_one("#query", Input)


async def opened_from_search(app: YuelanApp, pilot, query: str) -> ArticleView:  # type: ignore[no-untyped-def]
    """The article of the query's first hit, the search over (its matches unlit): the article pane."""
    await settle(app, pilot, 0.5)
    await search_and_open(app, pilot, query)
    await pilot.press("escape", "escape")
    await settle(app, pilot)
    return app.query_one(ArticleView)


async def search_and_open(app: YuelanApp, pilot, query: str) -> None:  # type: ignore[no-untyped-def]
    await pilot.press("slash")
    await pilot.pause(0.2)
    app.screen.query_one("#query").value = ""  # the last query is kept; start afresh
    for ch in query:
        await pilot.press(ch)
    await settle(app, pilot, 0.5)
    assert isinstance(app.screen, SearchScreen)
    assert app.screen.hits
    await pilot.press("enter")
    await settle(app, pilot, 0.5)


async def test_tree_lists_folders_pages_and_articles() -> None:
    app = YuelanApp(CORPUS)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(app, pilot)
        page = await expand_page(app, pilot, "2023-02")
        titles = [str(n.data.full) for n in page.children]  # labels are cut with … to the tree's width
        assert len(titles) >= 4 and any("动员部署会议召开" in t for t in titles)
        assert all(n.label.cell_len <= 34 for n in page.children)
        assert any(str(n.label).endswith("…") for n in page.children)


async def test_the_tree_reads_like_a_table_of_contents() -> None:
    """Issue 14: pages were labelled by file name; a small corpus opened collapsed, and a first launch
    showed an empty pane. Pages show their headline and date; o sorts them; all is expanded."""
    app = YuelanApp(CORPUS)
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(app, pilot, 1.0)
        tree = app.query_one(CorpusTree)
        pages = [n for n in _walk(tree.root) if n.data and n.data.kind == "page"]
        assert pages and all(n.is_expanded for n in pages)  # a few pages: all open
        labels = [str(n.data.full) for n in pages]
        assert "📄 2023-02-11 李金国出席并讲话 动员部署会议召开 +4" in labels  # date, headline, 4 more articles
        assert app.main.current is not None  # the first article, not an empty pane
        cut = next(n for n in _walk(tree.root) if str(n.label).endswith("…"))
        tree.move_cursor(cut)
        await settle(app, pilot)
        assert str(tree.tooltip) == str(cut.data.full)  # the whole title of a row cut with …
        tree.focus()
        await pilot.press("o")  # newest first
        await settle(app, pilot, 0.5)
        dates = [tree.infos[n.data.path].date or "" for n in _walk(tree.root) if n.data and n.data.kind == "page"]
        assert dates == sorted(dates, reverse=True)
        await pilot.press("o")  # oldest first
        await settle(app, pilot, 0.5)
        dates = [tree.infos[n.data.path].date or "" for n in _walk(tree.root) if n.data and n.data.kind == "page"]
        assert dates == sorted(dates)


def _walk(node):  # type: ignore[no-untyped-def]
    yield node
    for child in node.children:
        yield from _walk(child)


async def test_search_opens_article_at_paragraph_with_match_and_highlights() -> None:
    app = YuelanApp(CORPUS)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(app, pilot)
        await search_and_open(app, pilot, "一百三十五亿")
        view = app.query_one(ArticleView)
        assert app.main.current is not None and app.main.current.title == "锚定目标 创新突破 一马当先"
        para = app.main.current.paragraphs[view.cursor - 1]
        assert "135亿元" in para.text
        (s, e), = view.state.matches[view.cursor]
        assert para.text[s:e].startswith("135亿")
        assert view.scroll_y > 0  # scrolled to the hit
        types = {sp.text: sp.type for sp in view.state.spans[view.cursor]}
        assert types.get("135亿元") == "money"
        assert app.main.current is not None
        bars = {p.index: view.bar_of(p.index) for p in app.main.current.paragraphs}
        assert [i for i, bar in bars.items() if bar == "▌"] == [view.cursor]
        await pilot.press("J")
        await pilot.pause(0.1)
        bars = {p.index: view.bar_of(p.index) for p in app.main.current.paragraphs}
        assert [i for i, bar in bars.items() if bar == "▌"] == [view.cursor]
        # Esc goes back to the results, Esc there ends the search; then n walks highlights
        await pilot.press("escape")
        await settle(app, pilot)
        assert isinstance(app.screen, SearchScreen)
        await pilot.press("escape")
        await settle(app, pilot)
        assert not view.state.matches
        view.focus()
        await pilot.press("n")  # the first highlight of the article
        assert view.cursor == view.visible_spans()[0].paragraph


async def test_layers_toggle_and_no_matches_message() -> None:
    app = YuelanApp(CORPUS)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(app, pilot)
        await search_and_open(app, pilot, "董家口")
        view = app.query_one(ArticleView)
        await pilot.press("1")
        assert view.hl_layers["numbers"] is False
        assert all(h.span.type in ("person", "place", "organization") for h in view.visible_spans())
        await pilot.press("1")
        assert view.hl_layers["numbers"] is True
        await pilot.press("slash")
        await pilot.pause(0.2)
        app.screen.query_one("#query").value = ""
        for ch in "量子纠缠黑洞辐射":
            await pilot.press(ch)
        await settle(app, pilot, 0.5)
        status = app.screen.query_one("#status")
        assert "no matches" in str(status.render())
        app.screen.query_one("#query").value = "董家口 in:nowhere"  # the filter alone leaves nothing: it says so
        await settle(app, pilot, 0.5)
        assert "no article passes in:nowhere" in str(status.render())
        app.screen.query_one("#query").value = "量子纠缠黑洞辐射"
        await settle(app, pilot, 0.5)
        # every printable key types in the box, even n, q, j, k
        for ch in "qjkn":
            await pilot.press(ch)
        assert app.screen.query_one("#query").value.endswith("qjkn")


async def test_help_lists_every_binding() -> None:
    from tui.ui.keymap import APP_KEYS, ARTICLE_KEYS, TREE_KEYS

    app = YuelanApp(CORPUS)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("question_mark")
        await pilot.pause(0.2)
        assert isinstance(app.screen, HelpScreen)
        table = app.screen.query_one("#help-table")
        descriptions = {str(table.get_row_at(i)[2]) for i in range(table.row_count)}
        for _, _, _, desc, _ in APP_KEYS + ARTICLE_KEYS + TREE_KEYS:
            assert desc in descriptions
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)


async def build_basket(app: YuelanApp, pilot) -> list[Passage]:  # type: ignore[no-untyped-def]
    """Mark one paragraph of one story and a range of two in another, as a reader would."""
    await settle(app, pilot)
    await search_and_open(app, pilot, "董家口经济区锚定")
    await pilot.press("space")  # mark current paragraph
    await search_and_open(app, pilot, "李金国")
    await pilot.press("v", "J", "enter")  # a range of two paragraphs
    await settle(app, pilot)
    return [p for _, p in app.library.state.basket()]


async def export_with_dialog(app: YuelanApp, pilot, fmt: str, path: Path,  # type: ignore[no-untyped-def]
                             highlights: bool = False) -> None:
    """``e``, then the dialog filled in as a user would, and Enter in the path box."""
    await pilot.press("e")
    await pilot.pause(0.2)
    dialog = app.screen
    assert isinstance(dialog, ExportScreen)
    dialog.query_one("#format", Select).value = fmt
    await pilot.pause(0.05)
    dialog.query_one("#path", Input).value = str(path)
    dialog.query_one("#highlights", Checkbox).value = highlights
    dialog.query_one("#path", Input).focus()
    await pilot.press("enter")
    await pilot.pause(0.2)


async def test_marks_make_a_basket_that_survives_a_restart(tmp_path: Path) -> None:
    state_path = tmp_path / "state.sqlite"
    app = YuelanApp(CORPUS, state=State(state_path))
    async with app.run_test(size=(120, 36)) as pilot:
        basket = await build_basket(app, pilot)
        assert len(basket) == 2  # a paragraph, and the range as one passage
        assert basket[1].last == basket[1].paragraph + 1
        await pilot.press("q")
    again = YuelanApp(CORPUS, state=State(state_path))
    async with again.run_test(size=(120, 36)) as pilot:
        await settle(again, pilot, 0.5)
        assert [p.text for _, p in again.library.state.basket()] == [p.text for p in basket]
        assert again.main.current is not None and again.main.current.id == basket[-1].article  # where the user left


async def test_the_export_dialog_writes_jsonl_with_citations_to_the_source_lines(tmp_path: Path) -> None:
    app = YuelanApp(CORPUS, state=State(tmp_path / "s.sqlite"))
    async with app.run_test(size=(120, 36)) as pilot:
        basket = await build_basket(app, pilot)
        out = tmp_path / "memo.jsonl"
        await export_with_dialog(app, pilot, "jsonl", out, highlights=True)
        rows = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
        assert [r["text"] for r in rows] == [p.text for p in basket]
        for r in rows:  # each citation's lines hold the passage in the source file
            source = (CORPUS / r["path"]).read_text(encoding="utf-8").split("\n")
            chunk = "".join("".join(source[r["lines"][0] - 1:r["lines"][1]]).split())
            assert "".join(r["text"].split()) in chunk


async def test_exporting_over_an_existing_file_asks_first(tmp_path: Path) -> None:
    app = YuelanApp(CORPUS, state=State(tmp_path / "s.sqlite"))
    async with app.run_test(size=(120, 36)) as pilot:
        await build_basket(app, pilot)
        out = tmp_path / "memo.md"
        out.write_text("mine", encoding="utf-8")
        await export_with_dialog(app, pilot, "md", out)
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        assert out.read_text(encoding="utf-8") == "mine"


async def test_a_failed_export_keeps_the_basket(tmp_path: Path) -> None:
    app = YuelanApp(CORPUS, state=State(tmp_path / "s.sqlite"))
    async with app.run_test(size=(120, 36)) as pilot:
        await build_basket(app, pilot)
        await export_with_dialog(app, pilot, "csv", tmp_path / "missing" / "x.csv")
        assert len(app.library.state.basket()) == 2
        assert not (tmp_path / "missing").exists()


@pytest.mark.parametrize("fmt", ["csv", "md", "txt"])
async def test_the_export_dialog_writes_each_format(tmp_path: Path, fmt: str) -> None:
    app = YuelanApp(CORPUS, state=State(tmp_path / "s.sqlite"))
    async with app.run_test(size=(120, 36)) as pilot:
        basket = await build_basket(app, pilot)
        out = tmp_path / f"memo.{fmt}"
        await export_with_dialog(app, pilot, fmt, out)
        if fmt == "csv":
            with out.open(encoding="utf-8-sig") as fh:
                assert [r["text"] for r in csv.DictReader(fh)] == [p.text for p in basket]
        else:
            content = out.read_text(encoding="utf-8")
            for p in basket:  # (a range's paragraphs each, as Markdown quotes them)
                assert all(part in content for part in p.text.split("\n\n"))
                assert p.citation() in content


async def test_narrow_terminal_hides_side_panel() -> None:
    app = YuelanApp(CORPUS)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        assert not app.query_one("#side").display
        assert app.query_one(ArticleView).size.width >= 45


async def test_resizing_a_running_reader_lays_it_out_again() -> None:
    """Issue 14: a reader resized to 80 columns kept its side panels at full width."""
    app = YuelanApp(CORPUS)
    async with app.run_test(size=(140, 36)) as pilot:
        await settle(app, pilot)
        assert app.query_one("#side").display
        await pilot.resize_terminal(80, 24)
        await pilot.pause(0.3)
        assert not app.query_one("#side").display
        assert app.query_one(ArticleView).size.width >= 45
        await pilot.resize_terminal(140, 36)
        await pilot.pause(0.3)
        assert app.query_one("#side").display


async def test_tree_filter_by_title_and_back() -> None:
    app = YuelanApp(CORPUS)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(app, pilot)
        app.query_one(CorpusTree).focus()
        await pilot.press("f")
        for ch in "動員部署":  # traditional characters find the simplified title
            await pilot.press(ch)
        await settle(app, pilot, 0.4)
        tree = app.query_one(CorpusTree)
        leaves = [str(leaf.label) for page in tree.root.children for leaf in page.children]
        assert leaves and all("动员部署" in label for label in leaves)
        await pilot.press("escape")
        await settle(app, pilot)
        assert "qingdao-daily" in str(tree.root.children[0].label)


async def test_mark_a_hit_in_search_results(tmp_path: Path) -> None:
    app = YuelanApp(CORPUS, state=State(tmp_path / "s.sqlite"))
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(app, pilot)
        await pilot.press("slash")
        for ch in "董家口":
            await pilot.press(ch)
        await settle(app, pilot, 0.5)
        await pilot.press("space")  # in the box a space is typed, not a mark
        assert app.screen.query_one("#query").value == "董家口 "
        await settle(app, pilot, 0.4)
        await pilot.press("down", "space")
        basket = app.library.state.basket()
        assert len(basket) == 1 and "董家口" in basket[0][1].text
        results = app.screen.query_one("#results")
        first = str(results.get_option_at_index(0).prompt)
        assert first.startswith("✓ ")  # the hit shows it is in the basket (issue 14)
        assert not str(results.get_option_at_index(1).prompt).startswith("✓ ")


async def test_mouse_selection_becomes_a_passage(tmp_path: Path) -> None:
    from textual.geometry import Offset
    from textual.selection import Selection

    app = YuelanApp(CORPUS, state=State(tmp_path / "s.sqlite"))
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(app, pilot)
        await search_and_open(app, pilot, "一百三十五亿")
        view = app.query_one(ArticleView)
        row = view.first_row(view.cursor)
        app.screen.selections = {view: Selection(Offset(0, row), Offset(10, row))}  # what a drag leaves behind
        await pilot.pause(0.1)
        await pilot.press("space")
        await settle(app, pilot)
        (_, passage), = app.library.state.basket()
        assert passage.paragraph == view.cursor and passage.text == "区工信局将深入贯彻落"
        assert passage.text in app.main.current.paragraphs[view.cursor - 1].text  # type: ignore[union-attr]


async def test_reopens_at_the_paragraph_left(tmp_path: Path) -> None:
    state = tmp_path / "s.sqlite"
    app = YuelanApp(CORPUS, state=State(state))
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(app, pilot)
        await search_and_open(app, pilot, "李金国")
        await pilot.press("J", "J")
        left_at = app.query_one(ArticleView).cursor
        article = app.main.current
        await pilot.press("q")
    again = YuelanApp(CORPUS, state=State(state))
    async with again.run_test(size=(120, 36)) as pilot:
        await settle(again, pilot, 0.5)
        assert again.main.current is not None and article is not None and again.main.current.id == article.id
        assert again.query_one(ArticleView).cursor == left_at
        node = again.query_one(CorpusTree).cursor_node
        assert node is not None and node.data is not None and node.data.article_id == article.id


async def test_keymap_file_remaps_and_palette_lists_actions(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config = tmp_path / "config"
    config.mkdir()
    (config / "keymap.toml").write_text('search = "ctrl+k"\ntree_order = "O"\n', encoding="utf-8")
    monkeypatch.setenv("YUELAN_CONFIG_DIR", str(config))
    app = YuelanApp(CORPUS, state=State(tmp_path / "s.sqlite"))
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(app, pilot)
        await pilot.press("ctrl+k")
        await pilot.pause(0.2)
        assert isinstance(app.screen, SearchScreen)
        await pilot.press("escape")
        await settle(app, pilot)
        tree = app.query_one(CorpusTree)
        tree.focus()
        await pilot.press("O")  # a tree key, remapped too
        assert tree.order == "newest"
        commands = {c.title: c for c in app.get_system_commands(app.screen)}
        for wanted in ("Toggle number highlights", "Light / dark theme", "Search all articles", "Export passages",
                       "Find in this article", "Bookmark the paragraph", "List bookmarks",
                       "Back to the article read before", "Narrow the corpus tree", "Sort pages: name / newest / oldest"):
            assert wanted in commands
        await commands["Sort pages: name / newest / oldest"].callback()  # the palette reaches the tree
        assert tree.order == "oldest"


async def test_layer_keys_work_from_the_side_panel_and_say_so() -> None:
    """Issue 14, defect 9: digits typed with the side panel focused toggled layers silently."""
    from tui.ui.side_panel import SidePanel

    app = YuelanApp(CORPUS)
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(app, pilot, 0.5)
        app.query_one(SidePanel).focus()
        await pilot.press("1")
        await settle(app, pilot)
        assert not app.query_one(ArticleView).hl_layers["numbers"]
        assert any("highlights off" in str(n.message) for n in app._notifications)


async def test_choosing_a_result_with_the_keyboard_opens_it() -> None:
    app = YuelanApp(CORPUS)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(app, pilot)
        await pilot.press("slash")
        app.screen.query_one("#query").value = ""
        for ch in "董家口":
            await pilot.press(ch)
        await settle(app, pilot, 0.5)
        hits = app.screen.hits
        await pilot.press("down", "down", "enter")  # the second hit (rules between hits are not options)
        await settle(app, pilot, 0.5)
        assert app.main.current is not None and app.main.current.id == hits[1].article
        assert app.query_one(ArticleView).cursor == hits[1].paragraph


async def test_selection_across_wrapped_rows_copies_the_sentence_whole(tmp_path: Path) -> None:
    """Rows are screen wraps, not text: a selection over two rows of one paragraph yields its text with no
    line break inserted, and one over two paragraphs yields two lines and two cited passages."""
    from textual.geometry import Offset
    from textual.selection import Selection

    app = YuelanApp(CORPUS, state=State(tmp_path / "s.sqlite"))
    async with app.run_test(size=(100, 36)) as pilot:
        await settle(app, pilot)
        await search_and_open(app, pilot, "一百三十五亿")
        view = app.query_one(ArticleView)
        para = app.main.current.paragraphs[view.cursor - 1]  # type: ignore[union-attr]
        row = view.first_row(view.cursor)
        assert view.rows[row + 1].paragraph == para.index  # the paragraph wraps
        second = view.rows[row + 1]
        selection = Selection(Offset(2, row), Offset(3, row + 1))
        text, _ = view.get_selection(selection)  # type: ignore[misc]
        assert "\n" not in text and text == para.text[2:second.start + 3]
        nxt = view.cursor + 1
        two = Selection(Offset(0, view.first_row(view.cursor) + view.rows_in(view.cursor) - 1),
                        Offset(4, view.first_row(nxt)))
        text, _ = view.get_selection(two)  # type: ignore[misc]
        assert text.count("\n") == 1 and text.endswith(app.main.current.paragraphs[nxt - 1].text[:4])  # type: ignore[union-attr]
        app.screen.selections = {view: two}
        await pilot.press("space")
        await settle(app, pilot)
        assert [p.paragraph for _, p in app.library.state.basket()] == [view.cursor, nxt]


async def test_resize_rewraps_and_click_moves_the_cursor() -> None:
    app = YuelanApp(CORPUS)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(app, pilot)
        await search_and_open(app, pilot, "一百三十五亿")
        view = app.query_one(ArticleView)
        narrow_rows = len(view.rows)
        at = view.cursor
        await pilot.resize_terminal(200, 36)
        await settle(app, pilot)
        assert len(view.rows) < narrow_rows  # a wider pane: fewer rows
        assert view.first_row(at) <= view.scroll_offset.y + view.size.height  # the paragraph is still in view
        target = next(r for r in range(view.scroll_offset.y, len(view.rows))
                      if view.rows[r].paragraph and view.rows[r].paragraph != view.cursor)
        await pilot.click(ArticleView, offset=(6, target - view.scroll_offset.y))
        assert view.cursor == view.rows[target].paragraph


async def test_resting_on_an_article_in_the_tree_annotates_it_ahead() -> None:
    """Prefetch: the article under the tree cursor is annotated before Enter, so it opens highlighted."""
    app = YuelanApp(CORPUS)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(app, pilot)
        tree = app.query_one(CorpusTree)
        page = await expand_page(app, pilot, "2023-02")
        node = page.children[-1]
        art = app.main.find_article(node.data.article_id, str(node.data.path.relative_to(CORPUS)))  # type: ignore[union-attr]
        assert art is not None
        texts = [p.text for p in art.paragraphs]
        assert not all(app.library.annotations.has(t) for t in texts)
        tree.move_cursor(node)
        await settle(app, pilot, 0.5)
        assert all(app.library.annotations.has(t) for t in texts)


async def test_index_built_by_worker_processes_inside_the_reader(small_corpus: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """A large corpus is parsed in a process pool. Inside the reader, Textual's stderr has no file
    descriptor, which once made the pool fail to start and left the index unbuilt."""
    monkeypatch.setenv("YUELAN_PARALLEL_FROM", "2")
    app = YuelanApp(small_corpus)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(app, pilot, 0.5)
        assert app.library.index_ready.is_set()
        assert app.library.index.counts()[0] >= 10
        await search_and_open(app, pilot, "董家口")
        assert app.main.current is not None


async def test_a_deleted_file_or_another_corpus_does_not_break_reopening(tmp_path: Path, small_corpus: Path) -> None:
    """The last position is kept per corpus; another corpus, or a place whose file is gone, opens at the
    first article instead."""
    state = tmp_path / "s.sqlite"
    app = YuelanApp(small_corpus, state=State(state))
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(app, pilot)
        await search_and_open(app, pilot, "李金国")
        assert app.main.current is not None
        gone = small_corpus / app.main.current.path
        await pilot.press("q")
    other = YuelanApp(CORPUS, state=State(state))  # the bundled corpus has the same file: not reopened
    async with other.run_test(size=(120, 36)) as pilot:
        await settle(other, pilot, 0.5)
        first = other.library.first_article()
        assert other.main.current is not None and first is not None and other.main.current.id == first[0]
        assert "李金国" not in other.main.current.title
    gone.unlink()
    again = YuelanApp(small_corpus, state=State(state))
    async with again.run_test(size=(120, 36)) as pilot:
        await settle(again, pilot, 0.5)
        assert again.is_running and again.main.current is not None
        assert again.main.current.path != str(gone.relative_to(small_corpus))


@pytest.mark.parametrize("size", [(120, 36), (80, 24), (200, 50)])
async def test_every_row_shows_all_of_its_text(size: tuple[int, int]) -> None:
    """Rows are broken for the width the pane really has (scrollbar included): no character is cut off at
    the right edge, at any terminal size."""
    app = YuelanApp(CORPUS)
    async with app.run_test(size=size) as pilot:
        await settle(app, pilot)
        await search_and_open(app, pilot, "一百三十五亿")
        view = app.query_one(ArticleView)
        assert app.main.current is not None
        await pilot.pause(0.2)
        for y in range(view.size.height):
            row_index = view.scroll_offset.y + y
            if row_index >= len(view.rows) or not view.rows[row_index].paragraph:
                continue
            row = view.rows[row_index]
            expect = app.main.current.paragraphs[row.paragraph - 1].text[row.start:row.end].rstrip()
            shown = view.render_line(y).text
            assert expect in shown, (shown, expect)
            assert len(shown) <= view.scrollable_content_region.width


async def test_long_articles_are_annotated_with_the_helper_process(small_corpus: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """A corpus with long articles gets a helper process that annotates half of each long article; the
    reader shows the same highlights as annotating alone, and the helper goes when the reader quits."""
    from tui.annotate.article import annotate_article

    monkeypatch.setenv("YUELAN_HELPER_FROM", "50")
    app = YuelanApp(small_corpus)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(app, pilot, 0.5)
        assert app.library.helper.ready
        sent: list[int] = []
        submit = app.library.helper.submit
        monkeypatch.setattr(app.library.helper, "submit", lambda batch: sent.append(len(batch)) or submit(batch))
        art = app.library.articles_of(small_corpus / SEED["000"].relative_to(CORPUS), print)[0]  # not prefetched
        await app.main.open_article(art)
        await settle(app, pilot)
        assert app.main.current is art and sent
        view = app.query_one(ArticleView)
        texts = [p.text for p in app.main.current.paragraphs]
        expected = annotate_article(texts)
        assert [view.state.spans[p.index] for p in app.main.current.paragraphs] == expected
        await pilot.press("q")
    assert not app.library.helper.ready


async def test_enter_twice_in_search_opens_the_hit_once_and_never_crashes() -> None:
    """A second Enter queued before the search screen has gone used to pop the screen under it, or fail
    on an empty stack with a traceback (seen once in the tmux test)."""
    from textual.widgets import Input

    app = YuelanApp(CORPUS)
    async with app.run_test(size=(120, 36)) as pilot:
        screen, box = await search_box(app, pilot)
        box.value = "一百三十五亿"
        await settle(app, pilot, 0.5)
        assert screen.hits
        box.post_message(Input.Submitted(box, box.value))
        box.post_message(Input.Submitted(box, box.value))  # both queued before the first is handled
        await settle(app, pilot, 0.5)
        assert not isinstance(app.screen, SearchScreen)
        assert len(app.screen_stack) == 1
        assert app.main.current is not None and "135亿元" in "".join(p.text for p in app.main.current.paragraphs)


async def test_the_article_under_the_tree_cursor_is_annotated_before_it_is_opened(small_corpus: Path) -> None:
    """Resting the cursor on an article annotates it into the cache, so Enter shows it highlighted at once;
    passing over a node quickly does not."""
    app = YuelanApp(small_corpus)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(app, pilot)
        page = await expand_page(app, pilot, "2023-02")
        tree = app.query_one(CorpusTree)
        first, second = page.children[0], page.children[1]
        opened = app.main.current  # the first article, opened at the first launch
        tree.move_cursor(first)
        tree.move_cursor(second)  # within PREFETCH_DELAY: the first is only passed over
        await settle(app, pilot, 0.6)
        assert app.main.current is opened  # highlighting is not opening
        texts = {n: [p.text for p in app.main.find_article(n.data.article_id).paragraphs] for n in (first, second)}
        assert all(app.library.annotations.has(t) for t in texts[second])
        assert not all(app.library.annotations.has(t) for t in texts[first])
        await pilot.press("q")


async def test_opening_at_a_file_and_line_lands_on_that_paragraph(tmp_path: Path) -> None:
    """A citation (path, line) leads back: the reader opens the file's article at the paragraph holding
    the line, with the article focused so that the reading keys work at once."""
    from tui.model import StartAt

    rel = "qingdao-daily/2023-02/yi-xin-ying-bian.txt"
    app = YuelanApp(CORPUS, state=State(tmp_path / "s.sqlite"), start=StartAt(path=rel, line=286))
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(app, pilot, 0.5)
        view = app.query_one(ArticleView)
        assert app.main.current is not None and app.main.current.path == rel
        para = app.main.current.paragraphs[view.cursor - 1]
        assert para.lines[0] <= 286 <= para.lines[1]
        assert "李金国参加" in para.text
        assert view.has_focus


async def test_space_after_paging_marks_a_paragraph_on_screen(tmp_path: Path) -> None:
    """Issue 14: after PgDn twice, space marked the headline, off screen; the cursor now follows the view."""
    app = YuelanApp(CORPUS, state=State(tmp_path / "s.sqlite"))
    async with app.run_test(size=(100, 30)) as pilot:
        await search_and_open(app, pilot, "锁定目标干字当头")
        view = app.query_one(ArticleView)
        await pilot.press("g")
        await pilot.press("pagedown", "pagedown")
        await pilot.pause(0.2)
        await pilot.press("space")
        await settle(app, pilot)
        (passage,) = [p for _, p in app.library.state.basket()]
        top, height = round(view.scroll_y), view.scrollable_content_region.height
        first = view.first_row(passage.paragraph)
        assert top <= first + view.rows_in(passage.paragraph) - 1 and first < top + height
        assert passage.paragraph > 1


async def test_next_and_previous_article_cross_files_and_folders(tmp_path: Path) -> None:
    """Issue 14: [ and ] stopped at the end of a file; on one story a file they never moved."""
    root = tmp_path / "news"
    body = "本报讯 会议强调，要坚持稳中求进工作总基调，推动经济持续回升向好。"
    for rel, head in (("2024/20240102-01.txt", "第二篇"), ("2024/20240110-01.txt", "第三篇"),
                      ("2024/20240101-01.txt", "第一篇"), ("2025/20250101-01.txt", "第四篇")):
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(f"{head}\n{body}\n", encoding="utf-8")
    app = YuelanApp(root, state=State(tmp_path / "s.sqlite"))
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(app, pilot, 0.5)
        first = app.main.find_article(app.library.articles_of(root / "2024/20240101-01.txt", print)[0].id)
        assert first is not None
        await app.main.open_article(first)
        app.query_one(ArticleView).focus()
        titles = []
        for _ in range(3):
            await pilot.press("right_square_bracket")
            await settle(app, pilot)
            assert app.main.current is not None
            titles.append(app.main.current.title)
        assert titles == ["第二篇", "第三篇", "第四篇"]
        await pilot.press("left_square_bracket")
        await settle(app, pilot)
        assert app.main.current is not None and app.main.current.title == "第三篇"


async def test_every_search_hit_is_reachable_and_counted() -> None:
    """Issue 15: the reader listed the best 30 and no more, with no count. The status gives the total and
    moving down the list loads the rest, to the last hit."""
    app = YuelanApp(CORPUS)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(app, pilot)
        await pilot.press("slash")
        await pilot.pause(0.2)
        app.screen.query_one("#query", Input).value = "发展"
        await settle(app, pilot, 0.5)
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        total = app.library.searcher.find("发展", 1).total
        assert total > 30
        assert f"{total} matches" in str(screen.query_one("#status").render())
        await pilot.press("down")
        for _ in range(total + 5):
            await pilot.press("down")
            if len(screen.hits) == total and screen.query_one("#results").highlighted == total - 1:
                break
            await pilot.pause(0.01)
        await settle(app, pilot)
        assert len(screen.hits) == total
        assert len({(h.article, h.paragraph) for h in screen.hits}) == total


async def test_after_opening_a_hit_every_match_is_lit_and_esc_goes_back_to_the_results() -> None:
    """Issue 14: after opening a hit only it was lit, n/N did nothing, and Esc cleared the match instead
    of going back to the result list."""
    app = YuelanApp(CORPUS)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(app, pilot)
        await search_and_open(app, pilot, "董家口经济区")  # opens the first hit
        view = app.query_one(ArticleView)
        assert app.main.current is not None
        holding = [p.index for p in app.main.current.paragraphs if "董家口经济区" in p.text]
        assert len(holding) >= 2
        assert sorted(view.state.matches) == holding  # every paragraph holding the query is lit
        start = view.cursor
        await pilot.press("n")
        assert view.cursor == holding[(holding.index(start) + 1) % len(holding)]
        await pilot.press("N")
        assert view.cursor == start
        await pilot.press("escape")  # back to the results, at the hit opened
        await settle(app, pilot, 0.5)
        assert isinstance(app.screen, SearchScreen)
        assert app.screen.query_one("#results").highlighted in (None, 0)
        await pilot.press("escape")  # leaving the results ends the search
        await settle(app, pilot)
        assert not isinstance(app.screen, SearchScreen)
        assert not view.state.matches


async def test_the_basket_opens_with_enter_asks_before_clearing_and_undoes(tmp_path: Path) -> None:
    """Issue 14: Enter did not open a passage, G was unbound (G,d deleted the first item), d and C acted at
    once with no undo."""
    from tui.ui.basket_screen import BasketScreen

    app = YuelanApp(CORPUS, state=State(tmp_path / "s.sqlite"))
    async with app.run_test(size=(120, 36)) as pilot:
        basket = await build_basket(app, pilot)
        await pilot.press("b")
        await pilot.pause(0.2)
        screen = app.screen
        assert isinstance(screen, BasketScreen)
        await pilot.press("G", "d")  # the last one goes, not the first
        assert [p.text for _, p in app.library.state.basket()] == [p.text for p in basket[:-1]]
        await pilot.press("u")
        assert [p.text for _, p in app.library.state.basket()] == [p.text for p in basket]
        await pilot.press("C")
        await pilot.pause(0.2)
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await pilot.pause(0.1)
        assert app.library.state.basket() == []
        await pilot.press("u")  # clearing undone, in the same order
        assert [p.text for _, p in app.library.state.basket()] == [p.text for p in basket]
        await pilot.press("g", "enter")
        await settle(app, pilot)
        assert not isinstance(app.screen, BasketScreen)
        assert app.main.current is not None and app.main.current.id == basket[0].article
        assert app.query_one(ArticleView).cursor == basket[0].paragraph


async def test_the_export_dialog_offers_the_format_chosen_last(tmp_path: Path) -> None:
    """Issue 14: the export dialog forgot the last format."""
    from textual.widgets import Select

    app = YuelanApp(CORPUS, state=State(tmp_path / "s.sqlite"))
    async with app.run_test(size=(120, 36)) as pilot:
        await build_basket(app, pilot)
        await export_with_dialog(app, pilot, "csv", tmp_path / "one.csv")
        await pilot.press("e")
        await pilot.pause(0.2)
        dialog = app.screen
        assert isinstance(dialog, ExportScreen)
        assert dialog.query_one("#format", Select).value == "csv"
        assert str(dialog.query_one("#path", Input).value).endswith(".csv")


async def test_the_clipboard_export_checks_passages_against_their_files(tmp_path: Path, small_corpus: Path) -> None:
    """A passage whose file changed since it was marked is left out of a copy, as it is of a file export."""
    from tui.export.passages import Passage as Quoted

    state = State(tmp_path / "s.sqlite")
    rel = "qingdao-daily/2023-02/yi-xin-ying-bian.txt"
    app = YuelanApp(small_corpus, state=state)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(app, pilot)
        art = app.library.articles_of(small_corpus / rel, print)[-1]
        kept, gone = art.paragraphs[-1], art.paragraphs[-2]
        state.add([Quoted(p.text, rel, art.id, art.title, p.index, p.lines) for p in (gone, kept)])
        page = small_corpus / rel
        page.write_text(page.read_text(encoding="utf-8").replace(gone.text[:8], "已经改写"), encoding="utf-8")
        copied: list[str] = []
        app.copy_to_clipboard = copied.append  # type: ignore[method-assign]
        await export_with_dialog(app, pilot, "clipboard", tmp_path / "x.md")
        assert len(copied) == 1
        assert kept.text in copied[0]
        assert gone.text not in copied[0]


def test_the_search_box_completes_filters() -> None:
    """Issue 15: filters had no completion or hint in the reader."""
    from tui.ui.query_suggester import complete

    folders, years = (lambda: ["qingdao-daily", "qingdao-daily/2023-01"]), (lambda: ["2024", "2023"])
    assert complete("发展 so", folders, years) == "发展 sort:"
    assert complete("发展 sort:n", folders, years) == "发展 sort:newest"
    assert complete("发展 in:qingdao-daily/", folders, years) == "发展 in:qingdao-daily/2023-01"
    assert complete("发展 since:20", folders, years) == "发展 since:2024"
    assert complete("发展 s", folders, years) is None  # one letter may be pinyin
    assert complete("发展 ", folders, years) is None
    assert complete("sin", folders, years) == "since:"


async def test_sort_and_filter_change_the_result_list() -> None:
    """Issue 15: sorting newest first and filtering by folder, in the query, change the listed hits, and
    the status line says so."""
    app = YuelanApp(CORPUS)
    async with app.run_test(size=(120, 36)) as pilot:
        screen, box = await search_box(app, pilot)
        box.value = "发展 sort:newest"
        await settle(app, pilot, 0.5)
        dates = [h.date or "" for h in screen.hits]
        assert dates == sorted(dates, reverse=True)
        by_relevance = app.library.searcher.find("发展", 1000).hits
        assert dates[0] == max(h.date or "" for h in by_relevance) > min(h.date or "" for h in by_relevance)
        assert "newest first" in str(screen.query_one("#status").render())
        box.value = "发展 in:qingdao-daily/2023-01"
        await settle(app, pilot, 0.5)
        assert screen.hits and all(h.path.startswith("qingdao-daily/2023-01/") for h in screen.hits)
        assert screen.total < app.library.searcher.find("发展", 1).total
        box.value = "发展 so"
        await pilot.pause(0.3)
        assert box._suggestion == "发展 sort:"


async def test_layout_follows_the_terminal_and_the_keys(tmp_path: Path) -> None:
    """Issue 14, defect 3: resizing a running reader to 80 columns left the tree and panel at full width
    and the article a few characters wide. Layout follows the size at any time; < and > narrow and widen
    the tree; rows stay a comfortable width on a wide terminal; hiding the panel keeps the reading place."""
    from tui.ui.article_view import MAX_LINE

    app = YuelanApp(CORPUS, state=State(tmp_path / "s.sqlite"))
    async with app.run_test(size=(220, 50)) as pilot:
        view = await opened_from_search(app, pilot, "董家口经济区")
        from rich.cells import cell_len

        assert view.article is not None
        widths = [cell_len(view.article.paragraphs[r.paragraph - 1].text[r.start:r.end]) for r in view.rows if r.paragraph]
        assert MAX_LINE - 4 <= max(widths) <= MAX_LINE  # rows fill the cap, no more
        left = app.main.query_one("#left")
        before = left.outer_size.width
        await pilot.press("greater_than_sign", "greater_than_sign")
        await settle(app, pilot)
        assert left.outer_size.width == before + 8
        await pilot.press("less_than_sign")
        await settle(app, pilot)
        assert left.outer_size.width == before + 4
        view.focus()
        await pilot.press("pagedown", "pagedown")
        await settle(app, pilot)
        top = view.paragraph_at(int(view.scroll_y))
        await pilot.press("s")  # the panel off: the article re-wraps, the same paragraph at the top
        await settle(app, pilot)
        assert view.paragraph_at(int(view.scroll_y)) == top
        for size in ((80, 24), (60, 20)):
            await pilot.resize_terminal(*size)
            await settle(app, pilot)
            assert view.size.width >= size[0] // 2, (size, view.size.width, left.outer_size.width)


async def test_a_range_being_marked_is_a_visible_mode(tmp_path: Path) -> None:
    """Issue 14, defect 9: v gave no sign of a mode and a faint tint; the export dialog showed its
    checkbox only by the colour of its X; the footer showed neither f nor Tab."""
    app = YuelanApp(CORPUS, state=State(tmp_path / "s.sqlite"))
    async with app.run_test(size=(160, 40)) as pilot:
        view = await opened_from_search(app, pilot, "董家口经济区")
        view.focus()
        await pilot.press("v")
        assert view.has_class("-ranging") and "RANGE" in str(view.border_title)
        await pilot.press("j", "enter")
        await settle(app, pilot)
        assert not view.has_class("-ranging") and not view.border_title
        (_, passage), = app.library.state.basket()  # the range is one passage, cited as one
        assert passage.last == passage.paragraph + 1 and "\n\n" in passage.text
        assert f"paragraphs {passage.paragraph}–{passage.last}" in passage.citation()
        await pilot.press("e")
        await settle(app, pilot)
        box = app.screen.query_one("#highlights", Checkbox)
        assert str(box.label).endswith(": no")
        box.value = True
        await settle(app, pilot)
        assert str(box.label).endswith(": yes")
        await pilot.press("escape")
        await settle(app, pilot)
        assert "tab" in {k for k, b in app.active_bindings.items() if b.binding.show}  # in the footer
        app.query_one(CorpusTree).focus()
        await settle(app, pilot)
        assert "f" in {k for k, b in app.active_bindings.items() if b.binding.show}


async def test_a_common_word_shows_its_first_page_before_every_hit_is_counted(monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 15: the first page of a common word comes before the full count; the count follows and the
    page stays as it was."""
    import threading

    from tui.search import quick

    monkeypatch.setattr(quick, "WORTH_IT", 0)  # the bundled pages are small: take the shortcut anyway
    monkeypatch.setattr(quick, "TRIES", (40,))
    app = YuelanApp(CORPUS)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(app, pilot)
        release = threading.Event()
        full = app.main.search_hits
        monkeypatch.setattr(app.main, "search_hits", lambda q, o, c: (release.wait(10), full(q, o, c))[1])
        await pilot.press("slash")
        await pilot.pause(0.2)
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        screen.query_one("#query", Input).value = "发展"
        for _ in range(100):
            await pilot.pause(0.05)
            if screen.hits:
                break
        assert "(counting all)" in str(screen.query_one("#status").render()) and "≥ 40 matches" in str(screen.query_one("#status").render())
        first = [(h.article, h.paragraph) for h in screen.hits]
        release.set()
        await settle(app, pilot, 0.5)
        total = app.library.searcher.find("发展", 1).total
        assert f"{total} matches in" in str(screen.query_one("#status").render())
        assert [(h.article, h.paragraph) for h in screen.hits][:len(first)] == first


def test_the_legend_shows_values_as_a_reader_writes_them() -> None:
    """An ordinal of two counts (十九届六中全会) showed ``= [19, 6]``, a Python list; a whole float showed ``.0``."""
    from tui.model import Span, SpanType
    from tui.ui.side_panel import _value

    def shown(value: object) -> str:
        return _value(Span(0, 1, SpanType.ORDINAL, "x", value))

    assert shown([19, 6]) == " = 19, 6"
    assert shown(1.35e10) == " = 13,500,000,000"
    assert shown(3.5) == " = 3.5"
    assert shown(2022) == " = 2,022"
    assert shown({"year": 2022, "month": 1}) == " = year:2022 month:1"
    assert shown(None) == ""
