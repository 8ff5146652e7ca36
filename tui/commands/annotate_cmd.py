"""``yuelan annotate``: highlighted numbers and entities, as JSON for scripts or in colour for people."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from rich.console import Console
from rich.text import Text

from tui.annotate import annotate as annotate_text
from tui.annotate.article import annotate_article
from tui.annotate.segment import load_user_dicts
from tui.cli import UserError
from tui.commands.common import find_articles, open_input
from tui.commands.corpus_cmds import print_article
from tui.ingest.loader import CorpusError, resolve_corpus
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
        sys.stdout.write(json.dumps(doc, ensure_ascii=False) + "\n")
        return 0
    console = Console(highlight=False)
    console.soft_wrap = not console.is_terminal
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
    with open_input(source) as stream:
        for no, line in enumerate(stream, start=1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
                text = obj["text"] if isinstance(obj, dict) else None
                if not isinstance(text, str):
                    raise KeyError("text")
            except (json.JSONDecodeError, KeyError):
                print(f"warning: line {no}: expected {{\"text\": ...}}", file=sys.stderr)
                sys.stdout.write('{"spans": []}\n')
                continue
            spans = [s.to_dict() for s in annotate_text(text)]
            sys.stdout.write(json.dumps({"spans": spans}, ensure_ascii=False) + "\n")
    return 0
