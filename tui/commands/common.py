"""Helpers shared by the sub-commands: locating the corpus and articles, printing warnings."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any, TextIO

from tui.cli import UserError
from tui.ingest.decode import DecodeError
from tui.ingest.loader import load_corpus, load_page, relpath_of, resolve_corpus
from tui.model import Article, Corpus, article_id

PAGE_FURNITURE = "(page furniture)"  # the title of a page's text outside its articles


def warn(message: str) -> None:
    print(f"warning: {message}", file=sys.stderr)


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
    """The corpus root a file belongs to, so that its ids match `yuelan articles`."""
    try:
        root = resolve_corpus(corpus_arg)
    except Exception:  # noqa: BLE001 - no corpus at all: the file stands alone
        return path.parent
    try:
        Path(os.path.abspath(path)).relative_to(os.path.abspath(root))
        return root
    except ValueError:
        return path.parent


def open_input(source: str) -> TextIO:
    """A text stream for FILE, or stdin for '-'; a missing file is a one-line UserError."""
    if source == "-":
        return sys.stdin
    try:
        return open(source, encoding="utf-8")  # noqa: SIM115 - the caller closes it
    except OSError as exc:
        raise UserError(f"{source}: {exc.strerror or exc}") from None


def dump_json(obj: Any) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False, indent=2))
    sys.stdout.write("\n")
