"""``yuelan index`` and ``yuelan search``: build the index with a progress bar; ranked hits or JSON Lines."""

from __future__ import annotations

import argparse
import sqlite3
import sys
import time
from collections.abc import Callable
from typing import TypeVar

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.text import Text

from tui import safe_text
from tui.commands import output
from tui.commands.common import argv_text, input_lines, warn
from tui.errors import UserError
from tui.ingest.loader import resolve_corpus
from tui.search.engine import Found, Searcher, find_repairing
from tui.search.filters import Filters, QueryError, make
from tui.search.index import Index, open_index
from tui.search.postings import DamagedIndex
from tui.search.snippet import snippet

T = TypeVar("T")


def build(root_arg: str | None, quiet: bool = False, rebuild: bool = False) -> Index:
    """The corpus's index, brought up to date; a corpus with no readable article is one line for every
    command (an empty table or "no matches" said nothing about why)."""
    try:
        index = _build(root_arg, quiet, rebuild)
    except sqlite3.OperationalError as exc:  # a full disk, a read-only cache folder, …
        raise UserError(f"could not update the search index: {exc}") from None
    if not index.has_articles():
        raise UserError(f"no readable articles in {index.root}")
    return index


def _build(root_arg: str | None, quiet: bool = False, rebuild: bool = False) -> Index:
    root = resolve_corpus(root_arg)
    index = open_index(root)
    if index.in_memory:
        warn(f"cannot write the index under {index.path.parent}; it is kept in memory for this command only")
    console = output.console(stderr=True)
    update = index.repair if rebuild else index.update
    try:
        stats = with_progress(update, console, quiet)
    except DamagedIndex:
        warn("the search index is damaged; rebuilding it from the corpus files")
        stats = with_progress(index.repair, console, quiet)
    for w in stats.warnings or []:
        warn(w)
    return index


def with_progress(work: Callable[..., T], console: Console, quiet: bool, label: str = "indexing") -> T:
    """``work(progress)`` under a progress bar on a terminal (``work()`` otherwise): indexing, annotating."""
    if console.is_terminal and not quiet:
        with Progress(TextColumn(label), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                      console=console, transient=True) as bar:
            task = bar.add_task(label, total=None)
            return work(lambda done, total, _: bar.update(task, completed=done, total=total))
    return work()


def index(args: argparse.Namespace) -> int:
    t0 = time.perf_counter()
    idx = build(args.corpus, rebuild=args.rebuild)
    articles, paragraphs = idx.counts()
    from tui.commands.entity_cmds import ensure_entities

    n = len(ensure_entities(idx).rows())  # the annotation store and the entity index with it
    idx.settle()  # this process exits next: leave the file, not a large log beside it
    where = "in memory only" if idx.in_memory else f"→ {idx.path}"
    print(f"indexed {articles} articles, {paragraphs} paragraphs, {n} entities in {time.perf_counter() - t0:.1f}s {where}")
    return 0


def search(args: argparse.Namespace) -> int:
    if args.query is None and not args.queries:
        raise UserError("search needs a QUERY or --queries FILE")
    idx = build(args.corpus, quiet=True)
    try:
        return _search(args, idx)
    except sqlite3.OperationalError as exc:  # locked by a long write elsewhere, unreadable, …
        raise UserError(f"the search index cannot be read now ({exc}): {idx.path}") from None
    except sqlite3.DatabaseError:  # damaged where the update did not look: rebuilt, and asked again
        warn(f"{idx.path}: the search index was damaged; rebuilding it")
        idx.reset()
        idx.update()
        return _search(args, idx)
    finally:
        idx.settle()  # after the answers are out: a fresh build's log is moved into the file before exit


def _search(args: argparse.Namespace, idx: Index) -> int:
    searcher = Searcher(idx)
    if args.limit < 0 or args.offset < 0:
        raise UserError("--limit and --offset must be 0 or more")
    if args.queries:
        for no, q in input_lines(args.queries):
            if q is None:
                warn(f"{args.queries}:{no}: skipped, not UTF-8")
                continue
            sys.stdout.write(safe_text.dumps(_answer(searcher, q, args.limit, args.offset, filters_of(args))[0]) + "\n")
            sys.stdout.flush()
        return 0
    query = argv_text(args.query or "", "the query")
    doc, found = _answer(searcher, query, args.limit, args.offset, filters_of(args))
    if args.json:
        sys.stdout.write(safe_text.dumps(doc, indent=2) + "\n")
        return 0
    console = output.reading_console()
    if not found.total:
        console.print(Text(f"no matches for “{query}”" + (f": {found.note}" if found.note else "")))
        return 0
    shown = f"{args.offset + 1}-{args.offset + len(found.hits)}" if found.hits else "none"
    console.print(Text(f"{found.total} matching paragraphs in {found.articles} articles; showing {shown}"
                       f" (--offset N for more)", style="dim"))
    for n, h in enumerate(found.hits, start=args.offset + 1):
        console.print(Text(f"{n:>2}. {h.title}", style="bold") + Text(f"  {h.path}:{h.cited_line}  ¶{h.paragraph}  {h.score:.0f}", style="dim"))
        console.print(Text("    ") + snippet(h.text, h.matches))
    return 0


def filters_of(args: argparse.Namespace) -> Filters | None:
    """The command line's filters (they win over the same ones written in the query)."""
    try:
        return make(getattr(args, "since", None), getattr(args, "until", None), getattr(args, "within", None),
                    getattr(args, "sort", None))
    except QueryError as exc:
        raise UserError(str(exc)) from None


def find_hits(searcher: Searcher, query: str, limit: int, offset: int = 0, filters: Filters | None = None) -> Found:
    """A page of hits and the totals; damage found while reading the postings is repaired once, then the
    query asked again; a filter that cannot be read is one line."""
    try:
        return find_repairing(searcher, query, limit, offset, warn, filters=filters)
    except QueryError as exc:
        raise UserError(str(exc)) from None


def _answer(searcher: Searcher, query: str, limit: int, offset: int = 0,
            filters: Filters | None = None) -> tuple[dict[str, object], Found]:
    t0 = time.perf_counter()
    found = find_hits(searcher, query, limit, offset, filters)
    ms = (time.perf_counter() - t0) * 1000
    doc = {"query": query, "elapsed_ms": round(ms, 2), "total": found.total, "articles": found.articles,
           "offset": offset, "hits": [h.to_dict() for h in found.hits]}
    if found.note:
        doc["note"] = found.note
    return doc, found
