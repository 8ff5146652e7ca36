"""``yuelan export``: the same writers as the reader, from a query, an article or the basket."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from tui.annotate import annotate
from tui.commands.common import find_articles, warn
from tui.errors import UserError
from tui.export.passages import Passage, from_article, from_hit, parse_range
from tui.export.verify import verify
from tui.export.writers import ExportError, default_path, render, write
from tui.ingest.loader import CorpusError, resolve_corpus
from tui.paths import export_dir
from tui.state import State, StateUnavailable


def export(args: argparse.Namespace) -> int:
    passages = _passages(args)
    if not passages:
        raise UserError("nothing to export")
    if args.basket:  # collected earlier: each is checked against its file (--article and --query just read theirs)
        passages, problems = verify(passages, _root(args.corpus))
        for problem in problems:
            warn(problem)
        if not passages:
            raise UserError("nothing to export: no passage is still in its file")
    # a machine format always carries its spans (an empty list would say there are none); the highlights
    # switch is for the formats people read
    spans = annotate if args.highlights or args.format == "jsonl" else None
    if args.output == "-":
        sys.stdout.write(render(passages, args.format, spans))
        return 0
    target = Path(args.output) if args.output else default_path(args.format, export_dir())
    try:
        path = write(passages, args.format, target, force=args.force, spans=spans)
    except ExportError as exc:
        raise UserError(str(exc)) from None
    print(f"exported {len(passages)} passages → {path}", file=sys.stderr)
    return 0


def _root(corpus_arg: str | None) -> Path:
    try:
        return resolve_corpus(corpus_arg)
    except CorpusError:
        return Path(corpus_arg or "corpus")


def _passages(args: argparse.Namespace) -> list[Passage]:
    if args.basket:
        try:
            state = State()
        except StateUnavailable as exc:
            raise UserError(str(exc)) from None
        if state.problem:
            warn(state.problem)
        return [p for _, p in state.basket()]
    if args.article:
        _, found = find_articles(args.article, args.corpus)
        count = len(found[0].paragraphs)
        try:
            indices = parse_range(args.paragraphs, count) if args.paragraphs else None
        except ValueError as exc:
            raise UserError(f"bad --paragraphs {args.paragraphs!r}: {exc}") from None
        return from_article(found[0], indices)
    from tui.commands.search_cmds import build, find_hits
    from tui.search.engine import Searcher

    # passages, not headlines: a headline that holds the query says what its paragraphs say
    hits = find_hits(Searcher(build(args.corpus, quiet=True)), args.query, 2 * args.limit + 20).hits
    return [from_hit(h) for h in hits if not h.headline][:args.limit]
