"""``yuelan entities``, ``yuelan mentions`` and ``yuelan figures``: the corpus's who and how much.

Each brings the index, the annotation store and the entity index up to date first (a progress bar on a
terminal; a few seconds for a corpus that changed a little, about a minute for a new 24,000-story one),
then answers from them. ``--json`` prints JSON Lines (one record a line, streamed); ``--csv`` is UTF-8
with a BOM, as the export writes it, for spreadsheets.
"""

from __future__ import annotations

import argparse
import sqlite3
from typing import Any

from rich.text import Text

from tui import safe_text
from tui.commands import output
from tui.commands.common import argv_text, write_csv, write_jsonl
from tui.commands.search_cmds import build, with_progress
from tui.entities.derive import derive
from tui.entities.figures import FigureFilter, figures, parse_amount
from tui.entities.queries import EntityIndex, EntityRow, MentionRow
from tui.errors import UserError
from tui.model import NUMBER_TYPES
from tui.search.filters import QueryError, date_arg
from tui.search.index import Index
from tui.store.build import build_store

ENTITY_KINDS = ("person", "place", "organization")
CONTEXT = 18  # characters each side of a mention


def ensure_entities(index: Index, quiet: bool = False) -> EntityIndex:
    """The annotation store brought up to date (a progress bar on a terminal), then the entity index."""
    console = output.console(stderr=True)
    try:
        with_progress(lambda *progress: build_store(index, *progress), console, quiet, "annotating")
        entities = EntityIndex(index)
        if entities.stale():
            if console.is_terminal and not quiet:
                console.print(Text("counting entities…", style="dim"))
            derive(index)
    except sqlite3.OperationalError as exc:
        raise UserError(f"could not update the annotation store: {exc}") from None
    return entities


def entities(args: argparse.Namespace) -> int:
    index = build(args.corpus, quiet=True)
    if args.top is not None and args.top < 0:
        raise UserError("--top must be 0 or more")
    rows = ensure_entities(index).top(args.type, args.top)
    if args.json:
        write_jsonl(r.to_dict() for r in rows)
    elif args.csv:
        write_csv(["name", "type", "mentions", "articles", "first", "last"],
             ([r.name, r.type, r.mentions, r.articles, r.first or "", r.last or ""] for r in rows))
    else:
        _entity_table(rows)
    return 0


def mentions(args: argparse.Namespace) -> int:
    name = argv_text(args.name, "the name")
    index = build(args.corpus, quiet=True)
    ents = ensure_entities(index)
    found = [e for e in ents.find(name) if args.type is None or e.type == args.type]
    if not found:
        raise UserError(f"no entity called “{name}” (yuelan entities lists them)")
    console = None if args.json else output.reading_console()
    for ent in found:
        if console is not None:
            console.print(Text(f"{ent.name}  {ent.type}  {ent.mentions} mentions in {ent.articles} articles",
                               style="bold"))
        offset = 0
        while page := ents.mentions(ent.id, offset, _page_size(args.limit, offset)):
            offset += len(page)
            if console is None:
                write_jsonl(_mention_dict(ent, m) for m in page)
            else:
                for m in page:
                    console.print(mention_line(m))
    return 0


def _page_size(limit: int, done: int) -> int:
    """Mentions to read next: pages of 500, and no more than ``--limit`` in all (0 when it is reached:
    ``mentions`` then reads none). ``--limit 3`` printed a whole page of 500."""
    return 500 if not limit else max(0, min(500, limit - done))


def figures_cmd(args: argparse.Namespace) -> int:
    try:
        f = FigureFilter(types=(args.type,) if args.type else FigureFilter.types,
                         low=parse_amount(args.min) if args.min else None,
                         high=parse_amount(args.max) if args.max else None, text=args.text or "",
                         since=date_arg(args.since, "--since") if args.since else None,
                         until=date_arg(args.until, "--until") if args.until else None, sort=args.sort)
    except (ValueError, QueryError) as exc:
        raise UserError(str(exc)) from None
    index = build(args.corpus, quiet=True)
    ensure_entities(index)
    rows = figures(index, f, args.limit or None)
    if args.json:
        write_jsonl(r.to_dict() for r in rows)
    elif args.csv:
        write_csv(["type", "value", "unit", "text", "who", "date", "path", "paragraph", "sentence"],
             ([r.type, _plain_value(r.value), r.unit or "", r.text, r.who or "", r.date or "", r.path, r.pidx,
               r.sentence] for r in rows))
    else:
        console = output.reading_console()
        for r in rows:
            console.print(Text(f"{r.text:>14}", style="bold") + Text(f"  {r.who or '—'}  ", style="cyan")
                          + Text(f"{r.date or '????'}  {r.path}  ¶{r.pidx}", style="dim"))
            console.print(Text("    " + r.sentence))
    return 0


def mention_line(m: MentionRow, width: int = CONTEXT) -> Text:
    """date path:¶ | left context [the mention] right context, on one line (the mention lit)."""
    left = m.text[max(0, m.start - width):m.start].replace("\n", " ")
    right = m.text[m.stop:m.stop + width].replace("\n", " ")
    head = Text(f"{(m.date or '')[:10]:<10}  {m.path}  ¶{m.pidx}  ", style="dim")
    return head + Text(left) + Text(m.surface, style="bold reverse") + Text(right)


def _mention_dict(ent: EntityRow, m: MentionRow) -> dict[str, Any]:
    return {"entity": ent.name, "type": ent.type, "text": m.surface, "article": m.article, "title": m.title,
            "date": m.date, "path": m.path, "paragraph": m.pidx, "start": m.start, "end": m.stop,
            "left": m.text[max(0, m.start - CONTEXT):m.start], "right": m.text[m.stop:m.stop + CONTEXT],
            "found_by": "corpus" if m.corpus else "rules"}


def _entity_table(rows: list[EntityRow]) -> None:
    console = output.reading_console()
    console.print(Text(f"{'mentions':>8} {'articles':>8}  {'first':<10} {'last':<10}  type          name", style="dim"))
    for r in rows:
        console.print(Text(f"{r.mentions:>8} {r.articles:>8}  {(r.first or '')[:10]:<10} {(r.last or '')[:10]:<10}"
                           f"  {r.type:<12}  ") + Text(r.name, style="bold"))


def _plain_value(value: Any) -> str:
    return safe_text.dumps(value) if isinstance(value, dict | list) else ("" if value is None else str(value))


def add_parsers(sub: Any) -> None:
    """The three commands' options (``cli`` calls this)."""
    e = sub.add_parser("entities", help="persons, places and organisations of the whole corpus, by mentions")
    e.add_argument("--corpus", nargs="?", const=None, help="corpus folder (default: $YUELAN_CORPUS or ./corpus)")
    e.add_argument("--type", choices=ENTITY_KINDS)
    e.add_argument("--top", type=int, help="the N most mentioned")
    _formats(e)
    m = sub.add_parser("mentions", help="every mention of an entity, one line each with its context")
    m.add_argument("name")
    m.add_argument("--corpus")
    m.add_argument("--type", choices=ENTITY_KINDS)
    m.add_argument("--limit", type=int, default=0, help="at most N mentions per entity (default all)")
    m.add_argument("--json", action="store_true", help="JSON Lines, one mention a line")
    f = sub.add_parser("figures", help="every number with its value, sentence, date and who announced it")
    f.add_argument("--corpus")
    f.add_argument("--type", choices=[str(t) for t in NUMBER_TYPES])
    f.add_argument("--min", help="smallest value (1e8, 1亿, 5000万, 20%%)")
    f.add_argument("--max", help="largest value")
    f.add_argument("--text", help="only figures whose sentence holds this text")
    f.add_argument("--since", help="only articles dated on or after (2024, 2024-06, 2024-06-30)")
    f.add_argument("--until", help="only articles dated on or before")
    f.add_argument("--sort", choices=("value", "date", "corpus"), default="value")
    f.add_argument("--limit", type=int, default=0, help="at most N figures (default all)")
    _formats(f)


def _formats(p: argparse.ArgumentParser) -> None:
    g = p.add_mutually_exclusive_group()
    g.add_argument("--json", action="store_true", help="JSON Lines, one record a line")
    g.add_argument("--csv", action="store_true", help="CSV, UTF-8 with a BOM")
