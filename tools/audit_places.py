"""Which places the annotator finds only by jieba's tag are used as places at all: a list to review.

jieba's dictionary tags thousands of common words as places (ns): verbs (缅怀, 惠及, 扎根), nouns (新春,
高原), a president (普京). For every place the entity store of a corpus counts that is on none of our
lists and does not end like a place (省, 市, 山, 湖 …), this counts how often the word stands
where news writes a place: after 在/赴/位于/来自 …, or before 省/市/境内/当地/政府/人民 …. A frequent
"place" that almost never does is a candidate for ``tui/annotate/data/not_places.txt``, to be read and
decided by a person (a bare place name can be legitimately short of such contexts).

Usage: python tools/audit_places.py CORPUS [--top 300] [--below 0.05]
"""

from __future__ import annotations

import argparse
import re
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

import ahocorasick_rs

from tui.annotate.lexicon import place_names, words
from tui.annotate.places import is_division
from tui.annotate.vocab import PLACE_END
from tui.entities.queries import EntityIndex
from tui.search.index import Index, open_index

BEFORE = ("在", "到", "赴", "于", "从", "自", "位于", "前往", "抵达", "访问", "途经", "来到", "回到", "离开", "驻", "全", "去", "访")
AFTER = ("省", "市", "县", "区", "地区", "境内", "各地", "全境", "当地", "一带", "北部", "南部", "东部", "西部", "中部",
         "方面", "政府", "人民", "代表团", "总统", "总理", "首都", "外交", "国内", "边境", "军队", "军方")
_BEFORE = re.compile("(?:" + "|".join(sorted(BEFORE, key=len, reverse=True)) + ")$")


def candidates(index: Index, top: int) -> list[tuple[str, int]]:
    """(name, mentions) of the store's most mentioned places of two characters or more that no list of
    ours names and no place ending proves: jieba's tag, or a county's stem (惠民 of 惠民县), made them."""
    listed, not_places = place_names(), words("not_places.txt")
    rows = EntityIndex(index).top("place", top)  # the store as the reader last built it
    return [(r.name, r.mentions) for r in rows if len(r.name) > 1 and r.name not in listed
            and r.name not in not_places and r.name[-1] not in PLACE_END and not is_division(r.name)]


def place_share(index: Index, names: list[str]) -> dict[str, tuple[int, int]]:
    """(occurrences, occurrences in a place context) of each name over the corpus's paragraphs."""
    return shares((text for (text,) in index.query("SELECT text FROM paras")), names)


def shares(texts: Iterable[str], names: list[str]) -> dict[str, tuple[int, int]]:
    """(occurrences, occurrences in a place context) of each name over ``texts``."""
    matcher = ahocorasick_rs.AhoCorasick(names)
    seen: Counter[str] = Counter()
    placed: Counter[str] = Counter()
    for text in texts:
        for n, start, end in matcher.find_matches_as_indexes(text):
            name = names[n]
            seen[name] += 1
            if _BEFORE.search(text[max(0, start - 2):start]) or text[end:end + 4].startswith(AFTER):
                placed[name] += 1
    return {n: (seen[n], placed[n]) for n in names}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--top", type=int, default=300, help="places of the store to look at, most mentioned first")
    ap.add_argument("--below", type=float, default=0.05, help="list those in a place context less often than this")
    args = ap.parse_args()
    index = open_index(args.corpus)
    found = candidates(index, args.top)
    counted = place_share(index, [n for n, _ in found])
    print(f"{'place':12s} {'mentions':>8s} {'seen':>7s} {'in a place context':>18s}")
    for name, mentions in found:
        seen, placed = counted[name]
        if seen and placed / seen < args.below:
            print(f"{name:12s} {mentions:8d} {seen:7d} {placed / seen:17.1%}")


if __name__ == "__main__":
    main()
