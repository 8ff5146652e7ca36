"""``yuelan kwic`` and ``yuelan trend``: a query's concordance lines, and its frequency over time.

Both use the search (same tolerance and filters). ``kwic`` streams: the first lines print before the last
paragraph is read (unless a sort needs them all). ``--json`` is JSON Lines, ``--csv`` UTF-8 with a BOM.
"""

from __future__ import annotations

import argparse
from itertools import islice
from typing import Any

from rich.text import Text

from tui import safe_text
from tui.commands import output
from tui.commands.common import argv_text, write_csv, write_jsonl
from tui.commands.search_cmds import build, filters_of
from tui.concordance.kwic import SORTS, KwicLine, lines, sorted_lines
from tui.concordance.trends import BY, Series, corpus_periods, entity_series, query_series, table
from tui.errors import UserError
from tui.search.engine import Searcher
from tui.search.filters import QueryError
from tui.search.query import parse


def _words_needed(query: str) -> None:
    """A query with no word in it (blank, only filters or operators) has nothing to find or count: said
    in one line, rather than an empty concordance or a column of zeros under an empty name."""
    try:
        empty = not parse(query).words
    except QueryError as exc:
        raise UserError(str(exc)) from None
    if empty:
        raise UserError(f"“{query}” holds no word to look for")


def kwic(args: argparse.Namespace) -> int:
    query = argv_text(args.query, "the query")
    if args.width < 4 or args.limit < 0:
        raise UserError("--width must be 4 or more and --limit 0 or more")
    _words_needed(query)
    index = build(args.corpus, quiet=True)
    searcher = Searcher(index)
    try:
        found = lines(searcher, query, filters_of(args))
        if args.order and args.order != "relevance":
            found = iter(sorted_lines(list(found), args.order))
        shown = islice(found, args.limit) if args.limit else found
        _print_kwic(args, shown, query)
    except QueryError as exc:
        raise UserError(str(exc)) from None
    return 0


def _print_kwic(args: argparse.Namespace, found: Any, query: str) -> None:
    if args.json:
        write_jsonl(ln.to_dict(args.width) for ln in found)
        return
    if args.csv:
        write_csv(["left", "match", "right", "date", "path", "paragraph", "line", "title"],
             ([ln.left(args.width), ln.match, ln.right(args.width), ln.date or "", ln.path, ln.paragraph, ln.line,
               ln.title] for ln in found))
        return
    console = output.console(highlight=False, soft_wrap=True)  # a line stays a line, even on a terminal
    printed = False
    for ln in found:
        console.print(_kwic_text(ln, args.width))
        printed = True
    if not printed:
        console.print(Text(f"no matches for “{query}”", style="dim"))


def _kwic_text(ln: KwicLine, cells: int) -> Text:
    left = ln.left(cells)
    from rich.cells import cell_len

    return Text.assemble((f"{(ln.date or '')[:10]:<10} ", "dim"), " " * (cells - cell_len(left)) + left, " ",
                         (safe_text.one_line(ln.match), "bold reverse"), " ", ln.right(cells),
                         (f"  {ln.path}:{ln.line} ¶{ln.paragraph}", "dim"))


def collocates_cmd(args: argparse.Namespace) -> int:
    from tui.concordance.collocates import MEASURE, collocates

    query = argv_text(args.query, "the query")
    if not 1 <= args.window <= 20 or args.top < 1 or args.min < 1:
        raise UserError("--window is 1 to 20, --top and --min 1 or more")
    _words_needed(query)
    index = build(args.corpus, quiet=True)
    try:
        found = list(lines(Searcher(index), query, filters_of(args)))
    except QueryError as exc:
        raise UserError(str(exc)) from None
    got = collocates(index, found, args.window, args.top, args.min)
    if args.json:
        write_jsonl(c.to_dict() for c in got)
    elif args.csv:
        write_csv(["word", "together", "paragraphs", MEASURE], ([c.word, c.together, c.corpus, f"{c.score:.3f}"] for c in got))
    else:
        console = output.console(highlight=False, soft_wrap=True)
        console.print(Text(f"{len(found)} matches · window ±{args.window} words · {MEASURE}", style="dim"))
        console.print(Text(f"{'word':<12} {'together':>8} {'paragraphs':>10} {MEASURE:>8}", style="dim"))
        for c in got:
            console.print(Text(f"{safe_text.one_line(c.word):<12} {c.together:>8} {c.corpus:>10} {c.score:>8.2f}"))
    return 0


def words_cmd(args: argparse.Namespace) -> int:
    from tui.concordance.words import build_words, keyness, word_list

    if args.top < 1:
        raise UserError("--top must be 1 or more")
    index = build(args.corpus, quiet=True)
    console = output.console(stderr=True)
    if console.is_terminal:
        console.print(Text("counting words (once per file; later runs read the counts)…", style="dim"))
    build_words(index)
    try:
        part = _part(index, args)
    except QueryError as exc:
        raise UserError(str(exc)) from None
    whole = word_list(index)
    if args.keyness:
        if part is None:
            raise UserError("--keyness needs a part to compare with the rest: --in, --since/--until or --query")
        records = [k.to_dict() for k in keyness(word_list(index, part), whole, args.top)]
    else:
        counts = whole if part is None else word_list(index, part)
        records = [{"word": w, "count": n} for w, n in counts.most_common(args.top)]
    _records(args, records)
    return 0


def _part(index: Any, args: argparse.Namespace) -> set[str] | None:
    """The files of the part asked for (a folder, a date range, a search's hits), or None for all."""
    filters = filters_of(args)
    if not (filters is not None and (filters.since or filters.until or filters.within)) and not args.query:
        return None
    rows = index.query("SELECT path, date FROM articles")
    paths = {p for p, d in rows if _within(p, d, filters)}
    if args.query:
        found = Searcher(index).matching(argv_text(args.query, "the query"))
        meta = Searcher(index).meta({a for _, _, a in found.ranked})
        paths &= {meta[a][1] for _, _, a in found.ranked if a in meta}
    return paths


def _within(path: str, date: str | None, f: Any) -> bool:
    if f is None:
        return True
    if f.within and not (path == f.within or path.startswith(f.within.rstrip("/") + "/")):
        return False
    if f.since and (not date or date < f.since):
        return False
    return not (f.until and (not date or date[:len(f.until)] > f.until))


def _records(args: argparse.Namespace, records: list[dict[str, Any]]) -> None:
    if args.json:
        write_jsonl(records)
    elif args.csv:
        write_csv(list(records[0]) if records else ["word"], ([rec[k] for k in rec] for rec in records))
    else:
        console = output.console(highlight=False, soft_wrap=True)
        for rec in records:
            console.print(Text("  ".join(f"{v}" for v in rec.values())))


def trend(args: argparse.Namespace) -> int:
    queries = [argv_text(q, "a query") for q in args.queries]
    if not 1 <= len(queries) <= 8:
        raise UserError("trend takes one to eight queries")
    for q in queries:
        if not q.startswith("entity:"):
            _words_needed(q)
    index = build(args.corpus, quiet=True)
    searcher = Searcher(index)
    series: list[Series] = []
    try:
        for q in queries:
            series.append(_series(searcher, q, args.by))
    except QueryError as exc:
        raise UserError(str(exc)) from None
    rows = table(series, corpus_periods(searcher, args.by), args.by)
    if args.json:
        write_jsonl(rows)
    elif args.csv:
        write_csv(list(rows[0]) if rows else ["period"], ([row[k] for k in row] for row in rows))
    else:
        _print_trend(rows, series)
    return 0


def _series(searcher: Searcher, query: str, by: str) -> Series:
    """A query's series, or an entity's with ``entity:NAME`` (from the entity index)."""
    if query.startswith("entity:"):
        from tui.commands.entity_cmds import ensure_entities

        got = entity_series(ensure_entities(searcher.index, quiet=True), query[len("entity:"):], by)
        if got is None:
            raise UserError(f"no entity called “{query[len('entity:'):]}” (yuelan entities lists them)")
        return got
    return query_series(searcher, query, by)


def _print_trend(rows: list[dict[str, Any]], series: list[Series]) -> None:
    console = output.console(highlight=False, soft_wrap=True)  # a line stays a line, even on a terminal
    head = f"{'period':<9} {'stories':>8}" + "".join(f"  {safe_text.one_line(s.label)[:18]:>18} {'/10k':>7}" for s in series)
    console.print(Text(head, style="dim"))
    for row in rows:
        cells = "".join(f"  {row[f'{s.label}: stories']:>18} {row[f'{s.label}: per 10k']:>7.1f}" for s in series)
        console.print(Text(f"{row['period']:<9} {row['stories in corpus']:>8}{cells}"))


def add_parsers(sub: Any) -> None:
    k = sub.add_parser("kwic", help="every match of a query in its context, one line each (a concordance)")
    k.add_argument("query")
    k.add_argument("--width", type=int, default=20, help="columns of context each side (default 20)")
    k.add_argument("--sort", dest="order", choices=SORTS, help="1R/1L: by the word right after / before the match; 2R/2L the "
                   "second; date (newest first); source (file order); relevance (the search's, the default)")
    k.add_argument("--limit", type=int, default=0, help="at most N lines (default all)")
    _common(k, "one line a match", filters=True)
    c = sub.add_parser("collocates", help="the words most associated with a query (logDice, within a window)")
    c.add_argument("query")
    c.add_argument("--window", type=int, default=5, help="words each side of a match (default 5)")
    c.add_argument("--top", type=int, default=30)
    c.add_argument("--min", type=int, default=3, help="least co-occurrences (default 3)")
    _common(c, "one collocate a line", filters=True)
    w = sub.add_parser("words", help="word frequencies of the corpus or a part of it; --keyness: what is key in the part")
    w.add_argument("--query", help="the part: the files of this search's hits")
    w.add_argument("--keyness", action="store_true", help="the words most over-used in the part against the rest "
                   "(log-likelihood)")
    w.add_argument("--top", type=int, default=50)
    _common(w, "one word a line", filters=True)
    t = sub.add_parser("trend", help="stories matching each query (or entity:NAME) per month, quarter or year")
    t.add_argument("queries", nargs="+", metavar="QUERY")
    t.add_argument("--by", choices=BY, default="month")
    _common(t, "one period a line", filters=False)


def _common(p: argparse.ArgumentParser, record: str, filters: bool) -> None:
    """The corpus, the search's filters, and the two output formats."""
    p.add_argument("--corpus")
    if filters:
        p.add_argument("--since", help="only articles dated on or after (2024, 2024-06, 2024-06-30)")
        p.add_argument("--until", help="only articles dated on or before")
        p.add_argument("--in", dest="within", metavar="FOLDER", help="only articles under this folder")
    fmt = p.add_mutually_exclusive_group()
    fmt.add_argument("--json", action="store_true", help=f"JSON Lines, {record}")
    fmt.add_argument("--csv", action="store_true", help="CSV, UTF-8 with a BOM")
