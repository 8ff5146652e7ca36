"""Helpers shared by the sub-commands: locating the corpus and articles, printing warnings."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, BinaryIO

from tui import safe_text
from tui.errors import UserError
from tui.ingest.decode import DecodeError
from tui.ingest.loader import CorpusError, load_corpus, load_page, relpath_of, resolve_corpus
from tui.ingest.roots import corpus_root
from tui.model import Article, Corpus, article_id
from tui.safe_text import one_line

PAGE_FURNITURE = "(page furniture)"  # the title of a page's text outside its articles
MAX_LINE = 16 * 1024 * 1024  # one input line (a query, a JSON record): longer ones are reported, not read


def warn(message: str) -> None:
    print(f"warning: {one_line(message)}", file=sys.stderr)


def corpus_from(arg: str | None) -> Corpus:
    corpus = load_corpus(resolve_corpus(arg))
    for w in corpus.warnings:
        warn(w)
    if not corpus.articles:
        raise UserError(f"no readable articles in {corpus.root}")
    return corpus


def find_articles(target: str, corpus_arg: str | None, furniture: bool = False) -> tuple[str, list[Article]]:
    """Articles named by a file path (inside the corpus or anywhere) or by an article id. With
    ``furniture``, a file's text outside any article (banners, the editors' credit line) comes first as an
    entry of its own, ordinal 0, so that annotating a page covers all of it."""
    path = Path(target).expanduser()
    if path.is_dir():
        corpus = corpus_from(str(path))
        return target, corpus.articles
    if path.is_file():
        root = _root_for(path, corpus_arg)
        try:
            page = load_page(path, root)
        except (DecodeError, OSError) as exc:
            raise UserError(f"{target}: {exc}") from None
        for w in page.warnings:
            warn(w)
        rel = relpath_of(path, root)
        extra = [Article(article_id(rel, 0), rel, 0, PAGE_FURNITURE, page.loose)] if furniture and page.loose else []
        return rel, extra + list(page.articles)
    try:
        corpus = corpus_from(corpus_arg)
    except UserError:
        raise UserError(f"no such file or article id: {target}") from None
    found = corpus.find(target)
    if not found:
        raise UserError(f"no such file or article id: {target}")
    return found[0].path, found


def _root_for(path: Path, corpus_arg: str | None) -> Path:
    """The corpus root a file belongs to (``ingest.roots``), so that its ids match `yuelan articles` and
    the reader's; a root found by looking, not named, is said in one line on stderr."""
    try:
        named: Path | None = resolve_corpus(corpus_arg)
    except CorpusError:
        named = None
    root, why = corpus_root(path, named)
    if why != "named":
        how = {"indexed": "an indexed corpus", "marked": "a folder with .yuelan/", "folder": "the folder"}[why]
        note(f"ids are relative to {root} ({how}; name another with --corpus)")
    return root


def note(message: str) -> None:
    print(f"note: {one_line(message)}", file=sys.stderr)


def input_lines(source: str, limit: int = MAX_LINE) -> Iterator[tuple[int, str | None]]:
    """The lines of FILE (or stdin for '-'), numbered from 1, without their newline. A line that is not
    UTF-8, or longer than ``limit`` bytes, comes as ``None`` so that the caller can report it by number and
    answer the good lines around it; a long line is skipped without being held in memory whole."""
    try:
        stream: BinaryIO = sys.stdin.buffer if source == "-" else open(source, "rb")  # noqa: SIM115
    except OSError as exc:
        raise UserError(f"{source}: {exc.strerror or exc}") from None
    with stream:
        no = 0
        while True:
            raw = stream.readline(limit + 1)
            if not raw:
                return
            no += 1
            if len(raw) > limit and not raw.endswith(b"\n"):
                while raw and not raw.endswith(b"\n"):  # drain the rest of the long line
                    raw = stream.readline(1024 * 1024)
                yield no, None
                continue
            try:
                yield no, raw.rstrip(b"\r\n").decode("utf-8")
            except UnicodeDecodeError:
                yield no, None


def argv_text(value: str, what: str) -> str:
    """A command-line argument as text. Bytes that are not UTF-8 reach Python as lone surrogates, which
    the libraries below would choke on: say so in one line instead."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise UserError(f"{what} is not valid UTF-8") from None
    return value


def dump_json(obj: Any) -> None:
    sys.stdout.write(safe_text.dumps(obj, indent=2))
    sys.stdout.write("\n")


def write_jsonl(records: Iterable[Any]) -> None:
    """JSON Lines on stdout, one record a line as it comes (controls escaped: ``safe_text.dumps``)."""
    for rec in records:
        sys.stdout.write(safe_text.dumps(rec) + "\n")
    sys.stdout.flush()


def write_csv(header: list[str], rows: Iterable[list[Any]]) -> None:
    """CSV on stdout as the export writes it: UTF-8 with a BOM (spreadsheets then read the Chinese), "\n"
    line ends (a "\r" would reach a terminal as a visible ␍), control characters made visible."""
    import csv
    import io

    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([safe_text.visible(str(c)) for c in row])
    sys.stdout.write("\ufeff" + buf.getvalue())
