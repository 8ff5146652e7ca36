"""The ``yuelan`` command line.

``yuelan [CORPUS]`` opens the reader; the sub-commands work without a terminal UI and never import
Textual, so they stay fast and scriptable. Every failure a user can cause ends in one line on stderr and
exit status 1 (2 for bad usage); warnings about skipped files also go to stderr, results to stdout.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import Any

from tui import __version__
from tui.errors import UserError
from tui.safe_text import one_line

COMMANDS = ("articles", "show", "annotate", "index", "search", "export", "entities", "mentions", "figures", "kwic", "collocates", "words", "trend", "read")


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="yuelan", description="阅览 Yuelan: read, highlight, search and quote Chinese text corpora.")
    p.add_argument("--version", action="version", version=f"yuelan {__version__}")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")

    r = sub.add_parser("read", help="open the reader (the default when no command is given)")
    r.add_argument("corpus", nargs="?", metavar="CORPUS|FILE[:LINE]",
                   help="folder to read, or a file (its corpus opens there; :LINE at that line)")
    r.add_argument("--open", metavar="ARTICLE_ID", help="open this article (ids come from `yuelan articles`)")
    r.add_argument("--theme", help="a Textual theme name, e.g. textual-light")

    a = sub.add_parser("articles", help="list the articles of a corpus")
    a.add_argument("corpus", nargs="?")
    a.add_argument("--json", action="store_true", help="print one JSON array (after every file is read)")
    a.add_argument("--jsonl", action="store_true", help="print JSON Lines, one article a line, as files are read")

    s = sub.add_parser("show", help="print the parsed article(s) of a file, or one article by id")
    s.add_argument("target", metavar="PATH_OR_ID")
    s.add_argument("--corpus", help="corpus folder (default: $YUELAN_CORPUS or ./corpus)")
    s.add_argument("--json", action="store_true")

    n = sub.add_parser("annotate", help="highlight numbers and entities")
    n.add_argument("target", nargs="?", metavar="PATH_OR_ID")
    n.add_argument("--corpus")
    n.add_argument("--json", action="store_true")
    n.add_argument("--jsonl", metavar="FILE", help="read {\"text\": …} lines from FILE ('-' for stdin)")

    _search_and_export(sub)
    from tui.commands import concordance_cmds, entity_cmds

    entity_cmds.add_parsers(sub)
    concordance_cmds.add_parsers(sub)
    return p


def _search_and_export(sub: Any) -> None:
    """The index, search and export commands' options."""
    i = sub.add_parser("index", help="build or update the search index")
    i.add_argument("corpus", nargs="?")
    i.add_argument("--rebuild", action="store_true", help="discard the index and build it again from the files")

    q = sub.add_parser("search", help="fuzzy search across all articles")
    q.add_argument("query", nargs="?")
    q.add_argument("--corpus")
    q.add_argument("--limit", type=int, default=10, help="hits to show (default 10)")
    q.add_argument("--offset", type=int, default=0, help="skip this many of the best hits (pages through all)")
    q.add_argument("--since", help="only articles dated on or after (2024, 2024-06, 2024-06-30); or since: in the query")
    q.add_argument("--until", help="only articles dated on or before; or until: in the query")
    q.add_argument("--in", dest="within", metavar="FOLDER", help="only articles under this folder of the corpus; or in:")
    q.add_argument("--sort", choices=("relevance", "newest", "oldest"), help="order of the hits; or sort: in the query")
    q.add_argument("--json", action="store_true")
    q.add_argument("--queries", metavar="FILE", help="one query a line ('-' for stdin); prints JSON Lines")

    e = sub.add_parser("export", help="export passages with citations")
    e.add_argument("--corpus")
    src = e.add_mutually_exclusive_group(required=True)
    src.add_argument("--query", help="export the top search hits for this query")
    src.add_argument("--article", help="export paragraphs of one article (by id)")
    src.add_argument("--basket", action="store_true", help="export the basket collected in the reader")
    e.add_argument("--limit", type=int, default=10)
    e.add_argument("--paragraphs", help="with --article: a range such as 3-5, or 2,4,7")
    e.add_argument("--format", choices=("md", "jsonl", "csv", "txt"), default="md")
    e.add_argument("-o", "--output", default=None, help="file to write, or - for stdout (default: a dated file in ~)")
    e.add_argument("--force", action="store_true", help="overwrite an existing file")
    e.add_argument("--highlights", action="store_true", help="include highlighted numbers and entities")


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    if not args_list or (args_list[0] not in COMMANDS and args_list[0] not in ("-h", "--help", "--version")):
        args_list = ["read", *args_list]
    from tui.commands import output

    saved = sys.stdout, sys.stderr
    output.install()  # control characters in anything written below are made visible
    try:
        args = _parser().parse_args(args_list)
        if args.command != "read":  # the reader handles its own signals
            _exit_cleanly_on_sigterm()
        return _dispatch(args)
    except UserError as exc:
        print(f"yuelan: {one_line(str(exc))}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    finally:
        sys.stdout, sys.stderr = saved


def _exit_cleanly_on_sigterm() -> None:
    """SIGTERM unwinds like Ctrl-C: open transactions roll back and worker pools shut down (workers also
    watch for their parent's death, for kill -9)."""
    import signal

    def stop(signum: int, _frame: object) -> None:
        raise SystemExit(128 + signum)

    try:
        signal.signal(signal.SIGTERM, stop)
    except ValueError:  # not the main thread (a test calling main from a thread): leave it
        pass


def _dispatch(args: argparse.Namespace) -> int:
    from tui.ingest.loader import CorpusError

    try:
        if args.command == "read":
            from tui.commands.read import run_reader

            return run_reader(args)
        if args.command in ("articles", "show"):
            from tui.commands import corpus_cmds

            return corpus_cmds.articles(args) if args.command == "articles" else corpus_cmds.show(args)
        if args.command == "annotate":
            from tui.commands.annotate_cmd import annotate

            return annotate(args)
        if args.command in ("index", "search"):
            from tui.commands import search_cmds

            return search_cmds.index(args) if args.command == "index" else search_cmds.search(args)
        if args.command == "export":
            from tui.commands.export_cmd import export

            return export(args)
        if args.command in ("kwic", "collocates", "words", "trend"):
            from tui.commands import concordance_cmds

            run = {"kwic": concordance_cmds.kwic, "collocates": concordance_cmds.collocates_cmd,
                   "words": concordance_cmds.words_cmd, "trend": concordance_cmds.trend}
            return run[args.command](args)
        if args.command in ("entities", "mentions", "figures"):
            from tui.commands import entity_cmds

            run = {"entities": entity_cmds.entities, "mentions": entity_cmds.mentions, "figures": entity_cmds.figures_cmd}
            return run[args.command](args)
    except CorpusError as exc:
        raise UserError(str(exc)) from None
    return 2


if __name__ == "__main__":
    raise SystemExit(main())
