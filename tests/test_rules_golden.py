"""The entity and number rules' examples, one per line of ``data/rules.jsonl``: adding a case is adding a line.

Each line names the rule it shows, the function that reads the text (``entities``: ``find_entities``;
``numbers``: ``find_numbers``; ``annotate``: both, as the reader and the CLI see them) and what must hold:
``has`` spans (text and type; a null type is any type), ``lacks`` span texts, ``lacks_type`` span types.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tui.annotate import annotate
from tui.annotate.entities import find_entities
from tui.annotate.numbers import find_numbers
from tui.model import Span

CASES = [json.loads(line) for line in (Path(__file__).parent / "data" / "rules.jsonl").read_text(encoding="utf-8").splitlines()
         if line.strip()]
READERS: dict[str, Callable[[str], list[Span]]] = {"entities": find_entities, "numbers": find_numbers, "annotate": annotate}


@pytest.mark.parametrize("case", CASES, ids=[f"{c['rule']}: {c['text'][:16]}" for c in CASES])
def test_rule_example(case: dict[str, Any]) -> None:
    found = [(str(s.text), str(s.type)) for s in READERS[case["module"]](case["text"])]
    for text, kind in case.get("has", []):
        assert any(t == text and (kind is None or k == kind) for t, k in found), (text, kind, found)
    for text in case.get("lacks", []):
        assert text not in [t for t, _ in found], found
    for kind in case.get("lacks_type", []):
        assert kind not in [k for _, k in found], found
