"""Shared fixtures: the bundled corpus, and isolated cache/state folders so tests never touch ~."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
SEED = {
    "000": CORPUS / "qingdao-daily/2023-08/jujiao-quanhui-1 miaoding-mubiao.txt",
    "001": CORPUS / "qingdao-daily/2023-08/jujiao-quanhui-3-xushi-juli.txt",
    "002": CORPUS / "qingdao-daily/2023-02/yi-xin-ying-bian.txt",
    "003": CORPUS / "qingdao-daily/2020-05/suoding-mubiao-ganzi-dangtou.txt",
    "004": CORPUS / "qingdao-daily/2023-01/lizheng-kaimenhong.txt",
}


@pytest.fixture(autouse=True)
def _isolated_dirs(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    base = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("YUELAN_CACHE_DIR", str(base / "cache"))
    monkeypatch.setenv("YUELAN_STATE_DIR", str(base / "state"))
    monkeypatch.setenv("YUELAN_CONFIG_DIR", str(base / "config"))
    monkeypatch.setenv("YUELAN_EXPORT_DIR", str(base / "exports"))
    monkeypatch.delenv("YUELAN_CORPUS", raising=False)
    monkeypatch.setenv("YUELAN_STORE", "0")  # the reader's background annotation pass: on in the tests of it


@pytest.fixture
def corpus_root() -> Path:
    return CORPUS


@pytest.fixture
def small_corpus(tmp_path: Path) -> Path:
    """A copy of the bundled corpus that a test may change."""
    import shutil

    dst = tmp_path / "corpus"
    shutil.copytree(CORPUS, dst)
    return dst
