"""The code's own limits (issue 13), checked on every run so that none slips back: modules of at most 400
lines, functions of at most 50, conditions of at most four operands."""

from __future__ import annotations

import ast

from .conftest import ROOT

SOURCES = sorted((ROOT / "tui").rglob("*.py"))


def _offences() -> list[str]:
    out: list[str] = []
    for path in SOURCES:
        text = path.read_text(encoding="utf-8")
        rel = path.relative_to(ROOT)
        if len(text.splitlines()) > 400:
            out.append(f"{rel}: {len(text.splitlines())} lines")
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.end_lineno is not None:
                length = node.end_lineno - node.lineno + 1
                if length > 50:
                    out.append(f"{rel}:{node.lineno} {node.name}: {length} lines")
            if isinstance(node, ast.BoolOp) and len(node.values) > 4:
                out.append(f"{rel}:{node.lineno}: a condition of {len(node.values)} operands")
    return out


def test_modules_functions_and_conditions_stay_small() -> None:
    assert SOURCES
    assert _offences() == []
