"""Before a passage is cited, check that its file still says it, where the citation says.

A file edited since the passage was collected (even with its size and mtime put back) would otherwise be
cited for text it no longer holds, at a line that now says something else. Each passage's file is parsed
again: a passage still in its paragraph keeps its citation; one that moved is cited where it now stands;
one that is gone is left out of the export with a warning (the basket keeps it). A file that cannot be
found under the corpus is cited as collected, with a warning that it was not checked.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from tui.export.passages import Passage
from tui.ingest.decode import DecodeError
from tui.ingest.loader import load_page
from tui.model import Paragraph


def verify(passages: list[Passage], root: Path) -> tuple[list[Passage], list[str]]:
    """The passages to cite (re-located where they moved) and one warning per passage that was not."""
    pages: dict[str, dict[str, list[Paragraph]] | None] = {}
    kept: list[Passage] = []
    warnings: list[str] = []
    for p in passages:
        if p.path not in pages:
            pages[p.path] = _paragraphs(root, p.path)
        articles = pages[p.path]
        if articles is None:
            warnings.append(f"{p.path}: not found under {root}; cited as collected, not checked")
            kept.append(p)
            continue
        found = _locate(p, articles)
        if found is None:
            warnings.append(f"{p.path}: no longer holds the passage “{_short(p.text)}” (left out)")
            continue
        kept.append(found)
    return kept, warnings


def _paragraphs(root: Path, rel: str) -> dict[str, list[Paragraph]] | None:
    path = root / rel if root.is_dir() else root
    try:
        page = load_page(path, root if root.is_dir() else root.parent)
    except (DecodeError, OSError):
        return None
    return {a.id: list(a.paragraphs) for a in page.articles}


def _locate(p: Passage, articles: dict[str, list[Paragraph]]) -> Passage | None:
    own = articles.get(p.article, [])
    if p.last > p.paragraph:  # a range: the same paragraphs must still say it, one after another
        span = own[p.paragraph - 1:p.last]
        if len(span) == p.last - p.paragraph + 1 and "\n\n".join(q.text for q in span) == p.text:
            lines = (span[0].lines[0], span[-1].lines[1])
            return p if lines == p.lines else replace(p, lines=lines)
        return None
    if 1 <= p.paragraph <= len(own) and p.text in own[p.paragraph - 1].text:
        para = own[p.paragraph - 1]
        return p if para.lines == p.lines else replace(p, lines=para.lines)
    for article_id, paras in ([(p.article, own)] + [kv for kv in articles.items() if kv[0] != p.article]):
        for para in paras:
            if p.text in para.text:
                return replace(p, article=article_id, paragraph=para.index, lines=para.lines)
    return None


def _short(text: str, width: int = 24) -> str:
    return text if len(text) <= width else text[:width] + "…"
