"""Issue 16: broken disks and unlucky users. Killed builds leave no process behind, index damage SQLite
cannot see is found and repaired, edits hidden by ``touch -r`` are seen, exports never cite stale text,
and odd encodings are read or warned about by name."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tui.cli import main
from tui.export.passages import Passage, parse_range
from tui.export.verify import verify
from tui.export.writers import ExportExists, write
from tui.ingest.decode import decode
from tui.search.engine import Searcher
from tui.search.index import open_index

from .conftest import CORPUS


def _children(pid: int) -> list[int]:
    """Child pids, read from /proc (no ps on a bare machine)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if fields[1] == str(pid):
            found.append(int(stat.parent.name))
    return found


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    stat = Path(f"/proc/{pid}/stat")
    return not (stat.exists() and stat.read_text().split(")")[-1].split()[0] == "Z")


@pytest.mark.skipif(not Path("/proc").exists(), reason="reads /proc")
@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM])
def test_killing_an_index_build_leaves_no_worker_behind(tmp_path: Path, sig: signal.Signals) -> None:
    root = tmp_path / "many"
    root.mkdir()
    for i in range(1500):
        (root / f"{i:04d}.txt").write_text(f"标题{i}\n" + f"青岛市发展改革委员会表示今年经济运行平稳{i}。" * 200 + "\n",
                                           encoding="utf-8")
    env = {**os.environ, "YUELAN_PARALLEL_FROM": "2", "YUELAN_CACHE_DIR": str(tmp_path / "cache")}
    proc = subprocess.Popen([sys.executable, "-m", "tui", "index", str(root)], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    children: list[int] = []
    end = time.time() + 60
    while time.time() < end and len(children) < 2 and proc.poll() is None:
        time.sleep(0.2)
        children = _children(proc.pid)
    assert len(children) >= 2, "the build finished before its workers could be seen"
    time.sleep(0.5)
    proc.send_signal(sig)
    proc.wait(timeout=30)
    end = time.time() + 15
    while time.time() < end and any(_alive(c) for c in children):
        time.sleep(0.2)
    assert not [c for c in children if _alive(c)]


def _damage(index_path: Path, sql: str) -> None:
    db = sqlite3.connect(index_path)
    db.execute(sql)
    db.commit()
    db.close()


QUERIES = ["一带一路", "营商环境", "董家口", "西海岸", "jimo", "开门红"]


@pytest.mark.parametrize("damage", [
    "UPDATE blocks SET data = randomblob(length(data)) WHERE id % 2 = 0",
    "UPDATE segments SET starts = x'010203' WHERE col = 'norm'",
    "UPDATE segments SET grams = randomblob(length(grams)) WHERE col = 'syl'",
])
def test_index_damage_sqlite_cannot_see_is_repaired(small_corpus: Path, damage: str,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    index = open_index(small_corpus)
    index.update()
    before = {q: [h.paragraph for h in Searcher(index).search(q, 10)] for q in QUERIES}
    assert index.db.execute("PRAGMA quick_check").fetchone()[0] == "ok"
    index.db.close()
    _damage(index.path, damage)
    for q in QUERIES:
        assert main(["search", q, "--corpus", str(small_corpus), "--json", "--limit", "10"]) == 0
        import json

        out = json.loads(capsys.readouterr().out)
        assert [h["paragraph"] for h in out["hits"]] == before[q], q


def test_index_rebuild_flag(small_corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["index", str(small_corpus)]) == 0
    assert main(["index", "--rebuild", str(small_corpus)]) == 0
    assert "indexed" in capsys.readouterr().out


def test_an_edit_hidden_by_touch_r_is_seen(small_corpus: Path) -> None:
    page = small_corpus / "qingdao-daily/2023-02/yi-xin-ying-bian.txt"
    index = open_index(small_corpus)
    index.update()
    assert Searcher(index).search("营商环境", 5)
    st = page.stat()
    text = page.read_text(encoding="utf-8")
    page.write_text(text.replace("营商环境", "营商气候"), encoding="utf-8")  # same size in UTF-8
    os.utime(page, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert page.stat().st_size == st.st_size and page.stat().st_mtime_ns == st.st_mtime_ns
    index.update()
    assert any("营商气候" in h.text for h in Searcher(index).search("营商气候", 5))


def test_an_export_never_cites_text_its_file_no_longer_holds(small_corpus: Path) -> None:
    rel = "qingdao-daily/2023-02/yi-xin-ying-bian.txt"
    from tui.ingest.loader import load_page

    art = max(load_page(small_corpus / rel, small_corpus).articles, key=lambda a: len(a.paragraphs))
    para = art.paragraphs[3]
    kept = Passage(para.text, rel, art.id, art.title, para.index, para.lines)
    gone = Passage(art.paragraphs[4].text, rel, art.id, art.title, art.paragraphs[4].index, art.paragraphs[4].lines)
    page = small_corpus / rel
    page.write_text(page.read_text(encoding="utf-8").replace(gone.text[:6], "改过的文"), encoding="utf-8")
    passages, warnings = verify([kept, gone], small_corpus)
    assert [p.text for p in passages] == [kept.text]
    assert len(warnings) == 1 and "no longer" in warnings[0]


def test_a_passage_that_moved_is_cited_where_it_now_stands(small_corpus: Path) -> None:
    rel = "qingdao-daily/2023-02/yi-xin-ying-bian.txt"
    from tui.ingest.loader import load_page

    art = max(load_page(small_corpus / rel, small_corpus).articles, key=lambda a: len(a.paragraphs))
    para = art.paragraphs[3]
    passage = Passage(para.text, rel, art.id, art.title, para.index, para.lines)
    page = small_corpus / rel
    page.write_text("\n\n\n" + page.read_text(encoding="utf-8"), encoding="utf-8")
    (moved,), warnings = verify([passage], small_corpus)
    assert warnings == []
    assert moved.lines == (para.lines[0] + 3, para.lines[1] + 3)
    line = page.read_text(encoding="utf-8").splitlines()[moved.lines[0] - 1]
    assert line.strip() and line.strip()[:4] in para.text


def test_paragraph_ranges_are_checked_against_the_article() -> None:
    assert parse_range("2-4,7", 10) == [2, 3, 4, 7]
    for bad in ("1-1000000000", "0", "5-3", "x", "3-"):
        with pytest.raises(ValueError):
            parse_range(bad, 10)


def test_cli_paragraph_range_too_large_is_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["export", "--corpus", str(CORPUS), "--article", str(CORPUS / "qingdao-daily/2023-02/yi-xin-ying-bian.txt"),
                 "--paragraphs", "1-1000000000", "-o", "-"])
    err = capsys.readouterr().err
    assert code == 1 and "outside" in err and err.count("\n") == 1


def test_a_huge_sparse_file_is_skipped_by_the_index_too(small_corpus: Path) -> None:
    huge = small_corpus / "huge.txt"
    with open(huge, "wb") as fh:
        fh.truncate(300 * 1024 * 1024)
    stats = open_index(small_corpus).update()
    assert any("huge.txt" in w and "too large" in w for w in stats.warnings or [])


def test_a_file_is_read_to_the_size_its_scan_saw_and_never_past_the_limit(tmp_path: Path,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """read_capped asks for the scanned size (not 256 MB a file); a file that grew since is read on, to the limit."""
    from tui import limits

    f = tmp_path / "a.txt"
    f.write_bytes(bytes(range(200)) * 30)
    assert limits.read_capped(str(f), 6000) == f.read_bytes()
    assert limits.read_capped(str(f), 10) == f.read_bytes()  # grew after its scan
    monkeypatch.setattr(limits, "MAX_FILE", 2500)
    assert limits.read_capped(str(f), 10) == f.read_bytes()[:2500]
    assert limits.read_capped(str(f), 6000) == f.read_bytes()[:2500]


def test_two_exports_racing_for_one_name(tmp_path: Path) -> None:
    p = [Passage("正文", "a.txt", "x-01", "t", 1, (1, 1))]
    target = tmp_path / "memo.md"
    write(p, "md", target)
    with pytest.raises(ExportExists):
        write(p, "md", target)
    os.chmod(target, 0o644)
    write(p, "txt", target, force=True)
    assert (target.stat().st_mode & 0o777) == 0o644
    (tmp_path / ".yuelan-999999999-abc.tmp").write_text("litter of a killed export")
    write(p, "md", tmp_path / "other.md")
    assert not list(tmp_path.glob(".yuelan-*.tmp"))


TRAD = "中華人民共和國國務院新聞辦公室今天舉行新聞發布會，介紹經濟運行情況。臺灣地區與國際社會廣泛關注。" * 3
JAPANESE = "東京都は本日、新しい経済対策を発表しました。これにより多くの企業が支援を受けることになります。" * 3
SIMPLE = "2023年青岛西海岸新区发展改革局表示，今年经济运行平稳，增长5%。" * 3


@pytest.mark.parametrize("data,encoding,text", [
    (TRAD.encode("big5"), "big5", TRAD),
    (JAPANESE.encode("shift_jis"), "shift_jis", JAPANESE),
    (SIMPLE.encode("utf-16-le"), "utf-16-le", SIMPLE),
    (SIMPLE.encode("utf-16-be"), "utf-16-be", SIMPLE),
    (SIMPLE.encode("gbk"), "gb18030", SIMPLE),
])
def test_legacy_encodings_are_recognised(data: bytes, encoding: str, text: str) -> None:
    decoded = decode(data)
    assert decoded.encoding.replace("_", "-") == encoding.replace("_", "-")
    assert decoded.text == text


def test_utf8_with_a_few_bad_bytes_is_read_with_a_warning(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    f = tmp_path / "c" / "bad.txt"
    f.parent.mkdir()
    f.write_bytes("标题\n青岛西海岸新区发展改革局表示。".encode() + b"\xff\xfe\xfd" + "今年经济运行平稳。\n".encode())
    assert main(["show", str(f)]) == 0
    out, err = capsys.readouterr()
    assert "今年经济运行平稳" in out
    assert "bad.txt" in err and "replaced" in err


def test_a_doubtful_decoding_names_the_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = tmp_path / "c"
    root.mkdir()
    (root / "japanese.txt").write_bytes(JAPANESE.encode("shift_jis"))
    assert main(["articles", str(root)]) == 0
    assert "japanese.txt" in capsys.readouterr().err


def test_a_file_name_that_is_not_utf8_is_skipped_with_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A zip made on Chinese Windows unpacks with GBK bytes in its names, which Python hands over as lone
    surrogates: they cannot be hashed, stored or printed as UTF-8, and a corpus holding one ended every
    command in a traceback. Such a file (or folder) is skipped, named with its bytes shown."""
    root = tmp_path / "c"
    root.mkdir()
    (root / "ok.txt").write_text("标题\n\n营商环境就是生产力。\n", encoding="utf-8")
    bad = os.fsencode(root) + b"/gbk-" + "国".encode("gbk")
    with open(bad + b".txt", "wb") as fh:
        fh.write("标题\n\n营商环境优化。\n".encode())
    os.mkdir(bad)
    with open(bad + b"/inner.txt", "wb") as fh:
        fh.write("标题\n\n营商环境改善。\n".encode())
    for argv in (["articles", str(root)], ["search", "--corpus", str(root), "营商环境"], ["index", str(root)]):
        assert main(argv) == 0, argv
        err = capsys.readouterr().err
        assert "Traceback" not in err
        lines = [w for w in err.splitlines() if "not UTF-8" in w]
        assert len(lines) == 2 and all("gbk-\\xb9\\xfa" in w for w in lines), err
    assert main(["search", "--corpus", str(root), "营商环境", "--json"]) == 0
    assert "生产力" in capsys.readouterr().out


def test_a_jsonl_escape_of_a_lone_surrogate_is_read_as_a_replacement(tmp_path: Path,
                                                                      capsys: pytest.CaptureFixture[str]) -> None:
    """``"\\ud800"`` is valid JSON but no character: json.loads hands it over as a lone surrogate, which
    OpenCC (the search keys) and a UTF-8 terminal refuse; the index build ended in a traceback."""
    root = tmp_path / "c"
    root.mkdir()
    (root / "news.jsonl").write_text('{"title": "\\ud800标题", "content": "青岛\\udcff发展。"}\n', encoding="utf-8")
    assert main(["search", "--corpus", str(root), "青岛", "--json"]) == 0
    out = capsys.readouterr().out
    assert "\\ufffd" in out or "\ufffd" in out
