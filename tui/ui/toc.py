"""The corpus tree read as a table of contents: a page is labelled by its lead headline and date (from the
index) rather than its file name, pages sort by name, newest or oldest, and a folder of many dated files is
grouped by month. Pure functions over the index's page list, so the tree widget only draws."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from rich.text import Text

from tui.safe_text import one_line

ORDERS = ("name", "newest", "oldest")
GROUP_FROM = 200  # files in one folder from which they are grouped by month


@dataclass(frozen=True)
class PageInfo:
    title: str  # the page's first article's headline
    date: str | None
    articles: int


def page_infos(rows: Sequence[tuple[str, str, str | None]]) -> dict[str, PageInfo]:
    """(path, title, date) of every article in file order → each page's lead headline, date and count."""
    out: dict[str, PageInfo] = {}
    for path, title, date in rows:
        seen = out.get(path)
        out[path] = PageInfo(seen.title, seen.date or date, seen.articles + 1) if seen else PageInfo(title, date, 1)
    return out


def page_label(stem: str, info: PageInfo | None) -> Text:
    """📄 and the headline with its date (the file name while the index is being built); a page of several
    articles says how many more."""
    label = Text("📄 ")
    if info is None or not info.title.strip():
        label.append(one_line(stem))
    else:
        if info.date:
            label.append(info.date + " ", style="dim")
        label.append(one_line(info.title))
        if info.articles > 1:
            label.append(f" +{info.articles - 1}", style="dim")
    return label


def fitted(label: Text, width: int) -> Text:
    """The label cut to ``width`` cells, ending in … when it did not fit."""
    if label.cell_len <= width:
        return label
    cut = label.copy()
    cut.truncate(max(4, width), overflow="ellipsis")
    return cut


def sort_files(files: list[Path], infos: dict[Path, PageInfo], order: str) -> list[Path]:
    """Files in the order asked for: by name (as listed), or by date, undated ones last by name."""
    if order == "name":
        return files
    dated = [f for f in files if f in infos and infos[f].date]
    undated = [f for f in files if f not in dated]
    dated.sort(key=lambda f: infos[f].date or "", reverse=order == "newest")
    return dated + undated


def sort_folders(dirs: list[Path], infos: dict[Path, PageInfo], order: str) -> list[Path]:
    """Folders by name, or by the newest (oldest) date of the pages inside them, undated ones last."""
    if order == "name" or not infos:
        return dirs
    newest = order == "newest"
    span: dict[Path, str] = {}
    for path, info in infos.items():
        if not info.date:
            continue
        for d in dirs:
            if d in path.parents:
                have = span.get(d)
                if have is None or (info.date > have if newest else info.date < have):
                    span[d] = info.date
    dated = sorted((d for d in dirs if d in span), key=lambda d: span[d], reverse=newest)
    return dated + [d for d in dirs if d not in span]


def by_month(files: list[Path], infos: dict[Path, PageInfo]) -> list[tuple[str, list[Path]]] | None:
    """Files grouped by the month of their date, in the files' order; None when too few files are dated to
    group them (or there are few files)."""
    if len(files) < GROUP_FROM:
        return None
    groups: dict[str, list[Path]] = {}
    for f in files:
        date = infos[f].date if f in infos else None
        groups.setdefault(date[:7] if date and len(date) >= 7 else "undated", []).append(f)
    if len(groups) < 2 or len(groups.get("undated", [])) > len(files) // 2:
        return None
    return list(groups.items())
