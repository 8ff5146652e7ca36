"""The annotate command: JSON shapes, JSON Lines from stdin, whole pages, and the seed pages' scored floor."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tui.annotate import ALL_TYPES, annotate

from .conftest import ROOT, SEED

DATA = Path(__file__).parent / "data" / "seed_annotations.jsonl"


def spans_of(text: str) -> dict[str, str]:
    return {s.text: s.type for s in annotate(text)}


def test_seed_examples_score_above_floor() -> None:
    tp = fp = fn = 0
    for line in DATA.read_text(encoding="utf-8").splitlines():
        item = json.loads(line)
        gold = {(t, k) for t, k in item["spans"]}
        pred = set(spans_of(item["text"]).items())
        tp += len(gold & pred)
        fp += len(pred - gold)
        fn += len(gold - pred)
    precision = tp / (tp + fp)
    recall = tp / (tp + fn)
    f1 = 2 * precision * recall / (precision + recall)
    assert f1 >= 0.8, (precision, recall, f1)


def test_cli_annotate_json_shape() -> None:
    r = subprocess.run([sys.executable, "-m", "tui", "annotate", str(SEED["000"]), "--json"], capture_output=True,
                       text=True, cwd=ROOT, timeout=120)
    assert r.returncode == 0, r.stderr
    doc = json.loads(r.stdout)
    assert doc["path"] and doc["articles"]
    for art in doc["articles"]:
        for p in art["paragraphs"]:
            for s in p["spans"]:
                assert p["text"][s["start"]:s["end"]] == s["text"]
                assert s["type"] in ALL_TYPES
    texts = {s["text"]: s for a in doc["articles"] for p in a["paragraphs"] for s in p["spans"]}
    assert texts["135亿元"]["value"] == 13_500_000_000


def test_cli_annotate_jsonl_stdin() -> None:
    lines = [json.dumps({"text": t}, ensure_ascii=False) for t in ("总投资500亿元", "", "局长王娟表示")]
    r = subprocess.run([sys.executable, "-m", "tui", "annotate", "--jsonl", "-"], input="\n".join(lines) + "\n",
                       capture_output=True, text=True, cwd=ROOT, timeout=120)
    out = [json.loads(x) for x in r.stdout.splitlines()]
    assert len(out) == 3 and out[1]["spans"] == []
    assert out[0]["spans"][0]["text"] == "500亿元"


def test_cli_annotate_covers_the_page_outside_its_articles() -> None:
    """The editors' credit line sits outside every article on page 004; annotating the page covers it."""
    r = subprocess.run([sys.executable, "-m", "tui", "annotate", str(SEED["004"]), "--json"], capture_output=True,
                       text=True, cwd=ROOT, timeout=120)
    doc = json.loads(r.stdout)
    first = doc["articles"][0]
    assert first["id"].endswith("-00") and first["title"] == "(page furniture)"
    names = {s["text"] for p in first["paragraphs"] for s in p["spans"] if s["type"] == "person"}
    assert {"赵波", "李飞", "姜胜保", "韩婷"} <= names
    assert doc["articles"][1]["id"].endswith("-01")
