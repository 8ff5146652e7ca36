"""From a path on disk to a Corpus: discovery, decoding and parsing, with one warning per skipped file."""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path

from tui.ingest.articles import split_articles
from tui.ingest.decode import DecodeError, decode
from tui.ingest.discover import discover
from tui.ingest.reflow import reflow
from tui.limits import read_capped, too_large
from tui.model import Article, Corpus, Page, Paragraph
from tui.safe_text import one_line, visible

_PATH_DATE = re.compile(r"(?<![0-9])((?:19|20)[0-9]{2})[-_./]?(0[1-9]|1[0-2])(?:[-_./]?(0[1-9]|[12][0-9]|3[01]))?(?![0-9])")
_YEAR_FOLDER = re.compile(r"(?:^|/)((?:19|20)[0-9]{2})(?=/)")
_TITLE_KEYS = ("title", "headline", "标题", "题目", "name")
_TEXT_KEYS = ("content", "text", "body", "article", "正文", "内容", "news", "desc", "abstract")
_DATE_KEYS = ("date", "pub_date", "publish_date", "publish_time", "pubtime", "time", "datetime", "日期", "发布时间")


class CorpusError(Exception):
    """A corpus-level problem the CLI reports in one line (missing folder, nothing readable)."""


def resolve_corpus(arg: str | os.PathLike[str] | None) -> Path:
    """CORPUS argument, else $YUELAN_CORPUS, else ./corpus."""
    raw = arg if arg else os.environ.get("YUELAN_CORPUS") or "corpus"
    path = Path(raw).expanduser()
    if not path.exists():
        raise CorpusError(f"corpus not found: {path}")
    return path


def relpath_of(path: Path, root: Path) -> str:
    p, r = str(path), str(root)
    if p.startswith(r + os.sep):  # the common case, without pathlib's parsing (100k files on update)
        return p[len(r) + 1:].replace(os.sep, "/")
    if root.is_file():
        return path.name
    try:
        return Path(os.path.abspath(path)).relative_to(os.path.abspath(root)).as_posix()
    except ValueError:
        return path.as_posix()


def date_from_path(rel: str) -> str | None:
    """The last date a path names: a day (20220101-13.txt, 2023/08/05), a month (2023-08/), else a folder
    named for a year (2022/), which a dateline's month and day complete."""
    found = list(_PATH_DATE.finditer(rel))
    m = found[-1] if found else None
    if not m:
        years = _YEAR_FOLDER.findall(rel)
        return years[-1] if years else None
    year, month, day = m.group(1), m.group(2), m.group(3)
    return f"{year}-{month}-{day}" if day else f"{year}-{month}"


def load_page(path: Path, root: Path) -> Page:
    """Parse one file. Raises DecodeError (or OSError) with a reason fit for a one-line warning."""
    size = path.stat().st_size
    if (reason := too_large(size)) is not None:
        raise DecodeError(reason)
    return page_from_bytes(read_capped(str(path), size), path, root)  # not past the limit if it grew since


def page_from_bytes(data: bytes, path: Path | str, root: Path | str, rel: str | None = None) -> Page:
    """Parse a file whose bytes the caller already holds (the indexer hashes them first, and knows the
    relative path: a build parses tens of thousands of files, and pathlib's parsing was 7 % of it)."""
    decoded = decode(data)
    rel = relpath_of(Path(path), Path(root)) if rel is None else rel
    doubts = (f"{one_line(rel)}: {decoded.doubt}",) if decoded.doubt else ()
    date = date_from_path(rel)
    stem, suffix = os.path.splitext(os.path.basename(rel))
    stem = one_line(stem)  # a title made from a file name shows its controls, never obeys them
    if suffix.lower() == ".jsonl":
        articles, problems = _jsonl_articles(decoded.text, rel, date)
        if not articles:
            raise DecodeError("no articles in JSON Lines file")
        return Page(rel, tuple(articles), (), decoded.encoding, doubts + tuple(problems))
    articles, loose = split_articles(reflow(decoded.text), rel, stem, date)
    return Page(rel, tuple(articles), tuple(loose), decoded.encoding, doubts)


def _pick(obj: dict[str, object], keys: tuple[str, ...]) -> str | None:
    for k in keys:
        v = obj.get(k)
        if isinstance(v, str) and v.strip():
            return v
    return None


def _jsonl_articles(text: str, rel: str, page_date: str | None) -> tuple[list[Article], list[str]]:
    articles: list[Article] = []
    problems: list[str] = []
    for no, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError:
            problems.append(f"{rel}:{no}: skipped line, not valid JSON")
            continue
        body = _pick(obj, _TEXT_KEYS) if isinstance(obj, dict) else None
        if not body:
            problems.append(f"{rel}:{no}: skipped line, no text field")
            continue
        title = one_line((_pick(obj, _TITLE_KEYS) or "").strip())
        date = _pick(obj, _DATE_KEYS)
        date = one_line(date) if date else None
        blocks = reflow(visible(body))
        for b in blocks:  # every paragraph of a record cites the record's line
            b.start = b.end = no
        found, _ = split_articles(blocks, rel, title or f"{rel}:{no}", page_date, len(articles) + 1)
        if not found:
            continue
        art = found[0]
        paragraphs = art.paragraphs
        for extra in found[1:]:
            paragraphs = paragraphs + extra.paragraphs
        paragraphs = tuple(Paragraph(i + 1, p.kind, p.text, p.lines) for i, p in enumerate(paragraphs))
        articles.append(replace(art, title=title or art.title, paragraphs=paragraphs,
                                date=(date[:10] if date else art.date)))
    return articles, problems


def iter_pages(root: Path, on_warning: Callable[[str], None] | None = None) -> Iterator[Page]:
    """Pages in stable order; skipped files are reported through ``on_warning``."""
    warn = on_warning or (lambda _: None)
    found = discover(root)
    for w in found.warnings:
        warn(w)
    for path in found.files:
        try:
            page = load_page(path, root)
        except DecodeError as exc:
            warn(f"{path}: skipped, {exc}")
            continue
        except OSError as exc:
            warn(f"{path}: skipped, {exc.strerror or exc}")
            continue
        for w in page.warnings:
            warn(w)
        yield page


def load_corpus(root: Path | str) -> Corpus:
    root = Path(root)
    if not root.exists():
        raise CorpusError(f"corpus not found: {root}")
    warnings: list[str] = []
    pages = tuple(iter_pages(root, warnings.append))
    return Corpus(root, pages, tuple(warnings))
