"""``yuelan entities``, ``mentions`` and ``figures`` on the bundled corpus: formats and one-line errors."""

from __future__ import annotations

import json

import pytest

from tui.cli import main

from .conftest import CORPUS


def test_entities_json_csv_and_table(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["entities", "--corpus", str(CORPUS), "--top", "5", "--json"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert len(rows) == 5 and rows[0]["name"] == "青岛"
    assert [r["mentions"] for r in rows] == sorted((r["mentions"] for r in rows), reverse=True)
    assert main(["entities", "--corpus", str(CORPUS), "--type", "person", "--csv"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("\ufeffname,type,mentions") and "习近平,person" in out and ",place," not in out
    assert main(["entities", "--corpus", str(CORPUS), "--top", "3"]) == 0
    assert "青岛" in capsys.readouterr().out


def test_mentions_of_a_name_and_of_nobody(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["mentions", "李金国", "--corpus", str(CORPUS), "--json"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert rows and all(r["text"] == "李金国" and r["entity"] == "李金国" for r in rows)
    assert all(r["path"].endswith(".txt") and r["paragraph"] >= 1 for r in rows)
    assert main(["mentions", "没有这个人", "--corpus", str(CORPUS)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("yuelan: no entity called") and err.count("\n") == 1


def test_mentions_limit_prints_that_many(capsys: pytest.CaptureFixture[str]) -> None:
    """--limit 3 printed a whole page (up to 500) of mentions."""
    assert main(["mentions", "青岛", "--type", "place", "--corpus", str(CORPUS), "--json"]) == 0
    every = capsys.readouterr().out.splitlines()
    assert len(every) > 3
    assert main(["mentions", "青岛", "--type", "place", "--corpus", str(CORPUS), "--json", "--limit", "3"]) == 0
    assert capsys.readouterr().out.splitlines() == every[:3]


def test_figures_filters_and_formats(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["figures", "--corpus", str(CORPUS), "--type", "money", "--min", "1000亿", "--json"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert rows and all(r["type"] == "money" and r["value"] >= 1e11 for r in rows)
    assert [r["value"] for r in rows] == sorted((r["value"] for r in rows), reverse=True)
    assert main(["figures", "--corpus", str(CORPUS), "--type", "percent", "--max", "10%", "--csv"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("\ufefftype,value") and all(float(line.split(",")[1]) <= 0.1 for line in out[1:])
    assert main(["figures", "--corpus", str(CORPUS), "--min", "lots"]) == 1
    assert capsys.readouterr().err.startswith("yuelan: not a number")
