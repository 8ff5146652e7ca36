"""``yuelan articles`` and ``yuelan show``: the corpus as parsed, for people and for scripts."""

from __future__ import annotations

import argparse
import sys

from rich.console import Console
from rich.table import Table
from rich.text import Text

from tui import safe_text
from tui.commands import output
from tui.commands.common import corpus_from, dump_json, find_articles, warn
from tui.errors import UserError
from tui.ingest.loader import iter_pages, resolve_corpus
from tui.model import Article, Kind
from tui.safe_text import one_line

STYLE = {
    Kind.TITLE: "bold",
    Kind.KICKER: "italic",
    Kind.BYLINE: "dim",
    Kind.CAPTION: "italic dim",
    Kind.MARKER: "dim",
    Kind.CREDIT: "dim",
    Kind.HEADING: "bold underline",
    Kind.BODY: "",
}


def articles(args: argparse.Namespace) -> int:
    console = output.console()
    if args.jsonl or (not args.json and not console.is_terminal):
        return _stream(args.corpus, args.jsonl)
    corpus = corpus_from(args.corpus)
    rows = [a.summary() for a in corpus.articles]
    if args.json:
        dump_json(rows)
        return 0
    table = Table(title=f"{len(rows)} articles in {corpus.root}", show_lines=False)
    for col, kw in (("id", {"no_wrap": True}), ("path", {}), ("title", {}), ("date", {"no_wrap": True}),
                    ("¶", {"justify": "right"}), ("chars", {"justify": "right"})):
        table.add_column(col, **kw)
    for r in rows:
        table.add_row(r["id"], r["path"], r["title"], r["date"] or "", str(r["paragraphs"]), str(r["chars"]))
    console.print(table)
    return 0


def _stream(corpus_arg: str | None, jsonl: bool) -> int:
    """One article a line as each file is parsed, so that the first lines arrive at once and the output can
    be piped into ``head``: JSON Lines, or tab-separated id, path, title, date, ¶, chars."""
    root = resolve_corpus(corpus_arg)
    count = 0
    for page in iter_pages(root, warn):
        for art in page.articles:
            row = art.summary()
            if jsonl:
                sys.stdout.write(safe_text.dumps(row) + "\n")
            else:
                sys.stdout.write("\t".join(one_line(str(row[k] if row[k] is not None else ""))
                                           for k in ("id", "path", "title", "date", "paragraphs", "chars")) + "\n")
            count += 1
        sys.stdout.flush()
    if not count:
        raise UserError(f"no readable articles in {root}")
    return 0


def show(args: argparse.Namespace) -> int:
    path, found = find_articles(args.target, args.corpus)
    if args.json:
        dump_json({"path": path, "articles": [a.to_dict() for a in found]})
        return 0
    console = output.reading_console()  # pipes get one line per paragraph, terminals wrap
    for n, art in enumerate(found):
        if n:
            console.print()
        print_article(console, art)
    return 0


def print_article(console: Console, art: Article, rendered: dict[int, Text] | None = None) -> None:
    meta = " · ".join(x for x in (art.id, art.path, art.date or "") if x)
    console.rule(Text(art.title, style="bold"))
    console.print(Text(meta, style="dim"))
    grid = Table.grid(padding=(0, 1))
    grid.add_column(style="dim", no_wrap=True)
    grid.add_column(overflow="fold")
    for p in art.paragraphs:
        label = f"{p.index:>3} {p.kind.value:<7} {p.lines[0]}-{p.lines[1]}"
        body = rendered.get(p.index) if rendered else None
        if console.soft_wrap:
            console.print(Text(label + "  ", style="dim") + (body if body is not None else Text(p.text, style=STYLE[p.kind])))
        else:
            grid.add_row(label, body if body is not None else Text(p.text, style=STYLE[p.kind]))
    if not console.soft_wrap:
        console.print(grid)
    sys.stdout.flush()
