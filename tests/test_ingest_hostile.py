"""A corpus built to break things: every bad file is skipped with one warning, the good ones load."""

from __future__ import annotations

import json
import os
from pathlib import Path

from tui.ingest import load_corpus
from tui.ingest.decode import decode

GOOD = "营商环境就是生产力。\n优化营商环境就是解放生产力。\n"


def build(root: Path) -> None:
    root.mkdir()
    (root / "utf8.txt").write_text("标题一\n\n" + GOOD, encoding="utf-8")
    (root / "bom.txt").write_bytes(b"\xef\xbb\xbf" + ("标题二\n\n" + GOOD).encode())
    (root / "gbk.txt").write_bytes(("国务院发布通知\n\n" + GOOD * 3).encode("gbk"))
    (root / "utf16.txt").write_text("标题三\n\n" + GOOD, encoding="utf-16")
    (root / "crlf.txt").write_bytes(("标题四\r\n\r\n" + GOOD.replace("\n", "\r\n")).encode())
    (root / "badbytes.txt").write_bytes(("标题五\n\n" + GOOD * 20).encode() + b"\xff\xfe\x80" + "结尾。".encode())
    (root / "binary.txt").write_bytes(bytes(range(256)) * 40)
    (root / "empty.txt").write_bytes(b"")
    (root / "blank.txt").write_text("  \n\n \u3000\n", encoding="utf-8")
    (root / "huge.txt").write_text("测" * (10 * 1024 * 1024 // 3), encoding="utf-8")
    (root / "with space name.md").write_text("# 标题六\n\n" + GOOD, encoding="utf-8")
    (root / ".hidden.txt").write_text("不应出现\n", encoding="utf-8")
    (root / "image.png").write_bytes(b"\x89PNG")
    deep = root
    for i in range(40):
        deep = deep / f"d{i}"
    deep.mkdir(parents=True)
    (deep / "deep.txt").write_text("深层文件\n\n" + GOOD, encoding="utf-8")
    (root / "loop").symlink_to(root, target_is_directory=True)
    (root / "dangling.txt").symlink_to(root / "missing.txt")
    lines = [
        json.dumps({"title": "新闻甲", "content": "第一段。\n第二段。", "date": "2024-01-02"}, ensure_ascii=False),
        "{not json",
        json.dumps({"title": "新闻乙", "text": "只有一段。"}, ensure_ascii=False),
    ]
    (root / "news.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_hostile_corpus_loads_and_reports_each_skipped_file(tmp_path: Path) -> None:
    root = tmp_path / "hostile"
    build(root)
    corpus = load_corpus(root)
    paths = {p.path for p in corpus.pages}
    for good in ("utf8.txt", "bom.txt", "gbk.txt", "utf16.txt", "crlf.txt", "badbytes.txt", "huge.txt",
                 "with space name.md", "news.jsonl"):
        assert good in paths, good
    assert any(p.endswith("deep.txt") for p in paths)
    assert ".hidden.txt" not in paths and "image.png" not in paths
    joined = "\n".join(corpus.warnings)
    for bad in ("binary.txt", "empty.txt", "blank.txt", "dangling.txt", "news.jsonl:2", "loop"):
        assert bad in joined, bad
    for w in corpus.warnings:
        assert "\n" not in w and "Traceback" not in w
    # content decoded right
    by_path = {p.path: p for p in corpus.pages}
    assert by_path["gbk.txt"].articles[0].title == "国务院发布通知"
    assert by_path["utf16.txt"].articles[0].title == "标题三"
    assert by_path["bom.txt"].articles[0].title == "标题二"
    assert by_path["crlf.txt"].articles[0].paragraphs[-1].text == "优化营商环境就是解放生产力。"
    news = by_path["news.jsonl"].articles
    assert [a.title for a in news] == ["新闻甲", "新闻乙"]
    assert news[0].date == "2024-01-02"
    assert [q.lines for q in news[0].paragraphs] == [(1, 1), (1, 1)]
    assert news[1].paragraphs[0].lines == (3, 3)
    huge = by_path["huge.txt"].articles[0]
    assert sum(len(q.text) for q in huge.paragraphs) == 10 * 1024 * 1024 // 3
    assert max(len(q.text) for q in huge.paragraphs) <= 20_000


def test_decode_reports_why() -> None:
    import pytest

    from tui.ingest.decode import DecodeError

    for data, why in ((b"", "empty"), (b"\x00\x01\x02abc", "binary"), (b" \n\t", "whitespace")):
        with pytest.raises(DecodeError, match=why):
            decode(data)
    short = decode("中文".encode("gb18030"))  # four bytes: too short for a detector, scored by our own table
    assert (short.text, short.encoding) == ("中文", "gb18030")


def test_unreadable_file_is_a_warning(tmp_path: Path) -> None:
    root = tmp_path / "c"
    root.mkdir()
    f = root / "secret.txt"
    f.write_text("秘密\n", encoding="utf-8")
    (root / "ok.txt").write_text("公开内容。\n", encoding="utf-8")
    os.chmod(f, 0)
    try:
        corpus = load_corpus(root)
        if os.geteuid() != 0:  # root reads anything
            assert any("secret.txt" in w for w in corpus.warnings)
        assert any(p.path == "ok.txt" for p in corpus.pages)
    finally:
        os.chmod(f, 0o644)


def test_scan_for_index_updates_finds_what_discover_finds(tmp_path: Path) -> None:
    """The index's quick walk (no Path objects, no sort) must see the same files and warnings."""
    from tui.ingest.discover import change_stamp, discover, scan
    from tui.ingest.loader import relpath_of

    root = tmp_path / "hostile"
    build(root)
    found, quick = discover(root), scan(root)
    assert sorted(rel for rel, *_ in quick.files) == sorted(relpath_of(p, root) for p in found.files)
    for rel, path, size, stamp in quick.files:
        st = os.stat(path)
        assert (st.st_size, change_stamp(st)) == (size, stamp)
        assert path.endswith(rel)
    joined = "\n".join(quick.warnings)
    assert "loop" in joined and "dangling.txt" in joined
    single = scan(root / "utf8.txt")
    assert [f[0] for f in single.files] == ["utf8.txt"]
