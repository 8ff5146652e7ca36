"""Annotation on any text: never raises, spans in bounds and faithful; the one-pass tokenizer is jieba's."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.annotate import ALL_TYPES, annotate


def spans_of(text: str) -> dict[str, str]:
    return {s.text: s.type for s in annotate(text)}


@pytest.mark.parametrize("text", ["", "   \n\t", "无标点" * 50_000, "😀🎉测试123", "\x00\x01\x1b[31m", "mixed 中文 English ١٢٣"])
def test_bad_input_never_raises(text: str) -> None:
    for s in annotate(text):
        assert text[s.start:s.end] == s.text


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("一二三百千万亿两半零〇0123456789０１％%元个年月日第届号-至.，。的是在区局委员会李王张青岛市 ")), max_size=60) | st.text(max_size=60))
def test_spans_in_bounds_sorted_disjoint_and_faithful(text: str) -> None:
    spans = annotate(text)
    last_end = 0
    for s in spans:
        assert 0 <= s.start < s.end <= len(text)
        assert s.start >= last_end
        assert text[s.start:s.end] == s.text
        assert s.type in ALL_TYPES
        last_end = s.end


def test_corpus_user_dictionary_steers_entities(tmp_path: Path) -> None:
    corpus = tmp_path / "c"
    (corpus / ".yuelan").mkdir(parents=True)
    (corpus / "page.txt").write_text("标题\n\n据悉，蓝鲸智联将在本地设厂。\n", encoding="utf-8")
    (corpus / ".yuelan" / "userdict.txt").write_text("蓝鲸智联 100 nt\n", encoding="utf-8")
    r = subprocess.run([sys.executable, "-m", "tui", "annotate", str(corpus / "page.txt"), "--corpus", str(corpus),
                        "--json"], capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    spans = [s for a in json.loads(r.stdout)["articles"] for p in a["paragraphs"] for s in p["spans"]]
    assert {"text": "蓝鲸智联", "type": "organization"}.items() <= next(s for s in spans if s["text"] == "蓝鲸智联").items()


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("董家口经济区工委李金国在讲话中的是了aB3-_.%＃ \r\n\t，。")), max_size=80) | st.text(max_size=80))
def test_single_pass_tokenizer_matches_jieba(text: str) -> None:
    """tokenize_pair replays jieba's two cut loops over one route; it must give jieba's own answers."""
    from tui.annotate.segment import tokenize, tokenize_pair

    assert tokenize_pair(text) == (tokenize(text), tokenize(text, hmm=False))
