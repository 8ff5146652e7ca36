"""``yuelan annotate``: highlighted numbers and entities, as JSON for scripts or in colour for people."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from rich.text import Text

from tui import safe_text
from tui.annotate import annotate as annotate_text
from tui.annotate.article import annotate_article
from tui.annotate.segment import load_user_dicts
from tui.commands import output
from tui.commands.common import find_articles, input_lines, warn
from tui.commands.corpus_cmds import print_article
from tui.errors import UserError
from tui.ingest.loader import CorpusError, resolve_corpus
from tui.limits import MAX_RECORD
from tui.styles import rich_style


def annotate(args: argparse.Namespace) -> int:
    try:
        corpus: Path | None = resolve_corpus(args.corpus)
    except CorpusError:
        corpus = None
    load_user_dicts(corpus)
    if args.target and Path(args.target).exists():
        load_user_dicts(Path(args.target))  # a page outside the corpus may carry its own .yuelan/
    if args.jsonl:
        return _jsonl(args.jsonl)
    if not args.target:
        raise UserError("annotate needs PATH_OR_ID or --jsonl FILE")
    path, found = find_articles(args.target, args.corpus, furniture=True)
    # names proved anywhere on the page count everywhere on it: a headline or a later story names the
    # person bare that an earlier story introduced with a title
    paras = [p for a in found for p in a.paragraphs]
    page_spans = dict(zip((id(p) for p in paras), annotate_article([p.text for p in paras]), strict=True))
    if args.json:
        doc = {"path": path, "articles": [
            {"id": a.id, "title": a.title, "paragraphs": [
                {"index": p.index, "kind": str(p.kind), "text": p.text, "spans": [s.to_dict() for s in page_spans[id(p)]]}
                for p in a.paragraphs]}
            for a in found]}
        sys.stdout.write(safe_text.dumps(doc) + "\n")
        return 0
    console = output.reading_console()
    for art in found:
        rendered = {}
        for p in art.paragraphs:
            t = Text(p.text)
            for s in page_spans[id(p)]:
                t.stylize(rich_style(s.type), s.start, s.end)
            rendered[p.index] = t
        print_article(console, art, rendered)
    return 0


def _jsonl(source: str) -> int:
    """One ``{"spans": […]}`` line per input line, in order (a bad line answers ``{"spans": []}`` and is
    reported by number on stderr), so that output lines match input lines."""
    for no, line in input_lines(source, MAX_RECORD):
        if line is not None and not line.strip():
            continue
        text = _record_text(line)
        if text is None:
            warn(f"{source}:{no}: expected {{\"text\": ...}} as UTF-8 JSON of at most {MAX_RECORD // 2**20} MB")
            sys.stdout.write('{"spans": []}\n')
            continue
        spans = [s.to_dict() for s in annotate_text(text)]
        sys.stdout.write(safe_text.dumps({"spans": spans}) + "\n")
    return 0


def _record_text(line: str | None) -> str | None:
    if line is None:
        return None
    try:
        obj = json.loads(line)
    except json.JSONDecodeError:
        return None
    text = obj.get("text") if isinstance(obj, dict) else None
    return text if isinstance(text, str) else None
