"""The annotation store and the entity index: consistent under any update and interruption, counts and
figures equal to a brute-force reading of the corpus, and the reader's spans equal to annotating."""

from __future__ import annotations

import threading
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tui.annotate.article import annotate_article
from tui.entities.derive import derive
from tui.entities.figures import FigureFilter, figures
from tui.entities.queries import EntityIndex
from tui.ingest.loader import load_corpus
from tui.model import ENTITY_TYPES, NUMBER_TYPES
from tui.search.index import Index
from tui.store import build as store_build
from tui.store.build import build_store, progress_of
from tui.store.read import article_spans

# short synthetic sentences (never the news archive's text)
SENTENCES = [
    "青岛市发改局局长李金国在会上表示，全年完成投资135亿元，增长20%。",
    "李金国说，西海岸新区将新建12个项目。",
    "国务院办公厅印发通知，要求各地在2024年6月底前完成。",
    "海尔集团与华润签约，投资5000万元建设产业园。",
    "记者王小明报道：上海和北京的30多家企业参加了展会。",
    "中美两国在经济领域合作，贸易额增长3.5%。",
]


def _write(root: Path, name: str, picks: list[int]) -> None:
    title = f"标题{name}"
    body = "\n\n".join(SENTENCES[k % len(SENTENCES)] for k in picks)
    (root / f"{name}.txt").write_text(f"{title}\n\n{body}\n", encoding="utf-8")


def _stored(index: Index) -> set[tuple[object, ...]]:
    """The store's spans by file, paragraph number and offsets (ids differ between builds)."""
    return set(index.query("SELECT a.path, p.pidx, s.start, s.stop, s.type, s.text, s.value, s.detail, s.unit, s.name"
                           " FROM spans s JOIN paras p ON p.id = s.para JOIN articles a ON a.id = p.article"))


def _fresh(root: Path, where: Path) -> set[tuple[object, ...]]:
    fresh = Index(root, where)
    fresh.update()
    build_store(fresh)
    return _stored(fresh)


OPS = st.lists(st.tuples(st.sampled_from(["add", "edit", "delete", "build", "interrupt"]), st.integers(0, 4),
                         st.lists(st.integers(0, 11), min_size=1, max_size=4)), min_size=1, max_size=8)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(ops=OPS)
def test_store_equals_a_fresh_build_after_any_updates(tmp_path_factory: pytest.TempPathFactory,
                                                      monkeypatch: pytest.MonkeyPatch, ops: list) -> None:
    monkeypatch.setattr(store_build, "TASK_CHARS", 1)  # a task a file: an interruption falls between files
    root = tmp_path_factory.mktemp("corpus")
    _write(root, "base", [0, 1])
    index = Index(root, tmp_path_factory.mktemp("cache") / "index.sqlite")
    for op, n, picks in ops:
        path = root / f"f{n}.txt"
        if op in ("add", "edit"):
            _write(root, f"f{n}", picks)
        elif op == "delete" and path.exists():
            path.unlink()
        index.update()
        if op == "build":
            build_store(index)
        elif op == "interrupt":
            stop = threading.Event()
            build_store(index, lambda done, total, _, stop=stop: stop.set(), stop)  # stops after the first file
    index.update()
    build_store(index)
    assert _stored(index) == _fresh(root, tmp_path_factory.mktemp("fresh") / "index.sqlite")
    done, total = progress_of(index)
    assert done == total


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Index]:
    root = tmp_path_factory.mktemp("corpus")
    for k in range(8):
        _write(root, f"story{k}", [k, k + 1, k + 3])
    index = Index(root, tmp_path_factory.mktemp("cache") / "index.sqlite")
    index.update()
    build_store(index)
    derive(index)
    return root, index


def _brute_spans(root: Path) -> list[tuple[str, int, object]]:
    """(article id, paragraph number, span) of every span, annotating each article directly."""
    out = []
    for art in load_corpus(root).articles:
        for para, spans in zip(art.paragraphs, annotate_article([p.text for p in art.paragraphs]), strict=True):
            out += [(art.id, para.index, s) for s in spans]
    return out


def test_entity_counts_equal_a_brute_force_count(built: tuple[Path, Index]) -> None:
    root, index = built
    ents = EntityIndex(index)
    spans = _brute_spans(root)
    rule_found = Counter(str(s.type) for _, _, s in spans if s.type in ENTITY_TYPES)
    by_type: Counter[str] = Counter()
    for e in ents.rows():
        rows = []
        offset = 0
        while page := ents.mentions(e.id, offset, 50):
            rows += page
            offset += len(page)
        assert e.mentions == len(rows) == ents.mention_count(e.id)
        assert e.articles == len({m.article for m in rows})
        assert {m.surface for m in rows} <= set(ents.variants(e.id))
        by_type[e.type] += sum(1 for m in rows if not m.corpus)
    assert by_type == rule_found  # every span the rules found is one mention, under one entity
    names = {e.name: e for e in ents.rows()}
    assert names["李金国"].type == "person" and names["李金国"].mentions >= 2


def test_figures_filter_equals_brute_force(built: tuple[Path, Index]) -> None:
    root, index = built
    spans = _brute_spans(root)
    money = sorted((s.value for _, _, s in spans if str(s.type) == "money" and s.value >= 1e8), reverse=True)
    got = figures(index, FigureFilter(types=("money",), low=1e8))
    assert [f.value for f in got] == money
    every = figures(index, FigureFilter())
    assert len(every) == sum(1 for _, _, s in spans if s.type in NUMBER_TYPES)
    within = figures(index, FigureFilter(text="国务院"))
    assert within and all("国务院" in f.sentence for f in within)
    first = [f for f in got if f.text == "135亿元"]
    assert first and first[0].who == "李金国"  # the name nearest before it in the sentence


def test_the_reader_reads_the_same_spans_from_the_store(built: tuple[Path, Index]) -> None:
    root, index = built
    for art in load_corpus(root).articles:
        texts = [p.text for p in art.paragraphs]
        stored = article_spans(index, art.id, texts)
        assert stored is not None
        direct = annotate_article(texts)
        for para, spans in zip(art.paragraphs, direct, strict=True):
            have = [s.to_dict() for s in stored[para.index]]
            assert all(s.to_dict() in have for s in spans)  # plus what the corpus pass found
    assert article_spans(index, load_corpus(root).articles[0].id, ["changed"]) is None
