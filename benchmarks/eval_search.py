"""How often the intended passage is in the top 10, per kind of typing mistake, on the bundled corpus
(or, with --news N, on the first N stories of the news corpus).

Queries are made from phrases of the seed pages, each turned into what a Chinese typist really types:
a homophone (same pinyin, other character), a missing or extra character, two words in another order,
traditional characters, full pinyin and initials, full-width digits, Chinese numerals, characters and
pinyin mixed (an IME half committed), and two mistakes in one phrase (a homophone and a dropped character). Beside Yuelan the
same queries go to `rg -F` and `fzf --filter` (passage = a source line containing the target phrase's
first characters) for a ratio. Negative queries must return nothing.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import subprocess
import sys
import tempfile
import zlib
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import jieba
import opencc
from _common import NEWS, ROOT, need, report
from pypinyin import Style, lazy_pinyin
from pypinyin.pinyin_dict import pinyin_dict

from tui.ingest import load_corpus
from tui.search.engine import Searcher
from tui.search.index import Index

S2T = opencc.OpenCC("s2t")
CN_DIGITS = "零一二三四五六七八九"


def homophones() -> dict[str, list[str]]:
    by: dict[str, list[str]] = defaultdict(list)
    for cp, _readings in pinyin_dict.items():
        if 0x4E00 <= cp <= 0x9FFF:
            by[lazy_pinyin(chr(cp))[0]].append(chr(cp))
    return by


def cn_number(n: int) -> str:
    import cn2an

    return cn2an.an2cn(n, "low")


def make_queries(rng: random.Random, paragraphs: list[str], n: int) -> dict[str, list[tuple[str, str]]]:
    sounds = homophones()
    out: dict[str, list[tuple[str, str]]] = defaultdict(list)
    out["pinyin, read in context"], out["initials, read in context"] = [], []  # rarer: sampled until full
    out["word order, no space"] = []
    tries = 0
    while min((len(v) for v in out.values()), default=0) < n and tries < 200_000:
        tries += 1
        text = rng.choice(paragraphs)
        if len(text) < 20:
            continue
        i = rng.randrange(0, len(text) - 8)
        phrase = text[i:i + rng.choice((5, 6, 7, 8))]
        if not all("\u4e00" <= c <= "\u9fff" for c in phrase):
            continue
        k = rng.randrange(1, len(phrase) - 1)
        same = [c for c in sounds[lazy_pinyin(phrase[k])[0]] if c != phrase[k]]
        if same:
            out["homophone"].append((phrase[:k] + rng.choice(same[:30]) + phrase[k + 1:], phrase))
        out["exact"].append((phrase, phrase))
        out["missing char"].append((phrase[:k] + phrase[k + 1:], phrase))
        out["extra char"].append((phrase[:k] + phrase[k] + phrase[k:], phrase))
        out["traditional"].append((S2T.convert(phrase), phrase))
        out["pinyin full"].append(("".join(lazy_pinyin(phrase[:4])), phrase[:4]))
        out["pinyin initials"].append(("".join(lazy_pinyin(phrase[:5], style=Style.FIRST_LETTER)), phrase[:5]))
        # the same where a character reads otherwise in its word (银行 hang, 两院 liang) than alone
        alone = "".join(lazy_pinyin(c)[0] for c in phrase[:5])
        if "".join(lazy_pinyin(phrase[:5])) != alone:
            out["pinyin, read in context"].append(("".join(lazy_pinyin(phrase[:5])), phrase[:5]))
            out["initials, read in context"].append(("".join(lazy_pinyin(phrase[:5], style=Style.FIRST_LETTER)),
                                                     phrase[:5]))
        words = [phrase[:len(phrase) // 2], phrase[len(phrase) // 2:]]
        out["word order"].append((f"{words[1]} {words[0]}", phrase))
        # two or three whole words of the paragraph, typed in another order without a space
        cut = list(jieba.cut(text))
        at = rng.randrange(0, max(1, len(cut) - 3))
        run = cut[at:at + rng.choice((2, 3))]
        if len(run) >= 2 and all(len(w) >= 2 and all("\u4e00" <= c <= "\u9fff" for c in w) for w in run):
            j = rng.randrange(1, len(run))
            out["word order, no space"].append(("".join(run[j:] + run[:j]), "".join(run)))
        out["pinyin, a syllable at a time"].append((" ".join(lazy_pinyin(phrase[:4])), phrase[:4]))
        # the kinds added later draw from their own generator, so the samples of the others stay as they were
        own = random.Random(zlib.crc32(f"{tries}{phrase}".encode()))
        # an IME half committed: some characters, the rest still pinyin (乡村zhenxing, guoji合作)
        cut = own.choice((1, 2, 3))
        mixed = phrase[:cut] + "".join(lazy_pinyin(phrase[cut:4])) if own.random() < 0.5 \
            else "".join(lazy_pinyin(phrase[:cut])) + phrase[cut:4]
        out["mixed characters and pinyin"].append((mixed, phrase[:4]))
        # two mistakes at once: a homophone and, elsewhere, a character dropped
        if same and len(phrase) >= 6:
            wrong = phrase[:k] + own.choice(same[:30]) + phrase[k + 1:]
            drop = own.choice([j for j in range(1, len(phrase) - 1) if abs(j - k) > 1] or [k])
            if drop != k:
                out["two mistakes (homophone + missing)"].append((wrong[:drop] + wrong[drop + 1:], phrase))
    import re

    for text in paragraphs:  # numbers: full-width digits and Chinese numerals
        for m in re.finditer(r"(?<![0-9.])([0-9]{2,4})(亿元|万元|个|家|项|%)", text):
            n_ = int(m.group(1))
            ctx = text[max(0, m.start() - 2):m.start()]
            target = text[max(0, m.start() - 2):m.end()]
            out["full-width digits"].append((ctx + m.group(1).translate(str.maketrans("0123456789", "０１２３４５６７８９")) + m.group(2), target))
            out["chinese numerals"].append((ctx + cn_number(n_) + m.group(2).replace("%", ""), target) if m.group(2) != "%"
                                           else (ctx + "百分之" + cn_number(n_), target))
    for k in out:
        rng.shuffle(out[k])
        out[k] = out[k][:n]
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--news", type=int, default=0, metavar="N",
                    help="use the first N stories of the news corpus instead of the bundled one (harder: more passages compete)")
    ap.add_argument("--no-peers", action="store_true", help="skip rg and fzf (quicker, for Yuelan's own figures)")
    args = ap.parse_args()
    rng = random.Random(20261125)
    corpus_dir = ROOT / "corpus"
    if args.news:
        need(NEWS)
        corpus_dir = Path(tempfile.mkdtemp()) / "news"
        corpus_dir.mkdir()
        for f in sorted(NEWS.rglob("*.txt"))[:args.news]:
            shutil.copy(f, corpus_dir / f.name)
    paragraphs = [p.text for a in load_corpus(corpus_dir).articles for p in a.paragraphs if p.kind.value == "body"]
    queries = make_queries(rng, paragraphs, 40)
    tmp = Path(tempfile.mkdtemp())
    idx = Index(corpus_dir, tmp / "i.sqlite")
    idx.update()
    searcher = Searcher(idx)
    lines_file = tmp / "lines.txt"
    with lines_file.open("w", encoding="utf-8") as fh:
        for f in sorted(corpus_dir.rglob("*.txt")):
            fh.write(f.read_text(encoding="utf-8"))
    rows = []
    failures: dict[str, list[str]] = {}
    for kind, qs in queries.items():
        ok = rg_ok = fzf_ok = 0
        failures[kind] = []
        for q, target in qs:
            hits = searcher.search(q, 10)
            if any(target in "".join(h.text.split()) for h in hits):
                ok += 1
            else:
                failures[kind].append(q)
            probe = target[:2]
            if args.no_peers:
                continue
            if shutil.which("rg"):
                r = subprocess.run(["rg", "-F", "--no-filename", "-m", "10", "--", q, str(corpus_dir)],
                                   capture_output=True, text=True)
                rg_ok += probe in r.stdout
            if shutil.which("fzf"):
                with lines_file.open("rb") as fh:
                    r = subprocess.run(["fzf", "--filter", q], stdin=fh, capture_output=True)
                fzf_ok += probe in "".join(r.stdout.decode("utf-8", "replace").splitlines()[:10])
        rows.append({"kind": kind, "queries": len(qs), "yuelan top-10 %": 100 * ok / len(qs),
                     "rg -F %": 100 * rg_ok / len(qs), "fzf --filter %": 100 * fzf_ok / len(qs)})
    negatives = ["量子纠缠黑洞辐射", "xqzvbnm", "冰岛火山喷发", "Quantum entanglement", "的的的的的的"]
    negatives = [q for q in negatives if not any(q in p for p in paragraphs)]  # the news archive reports 冰岛火山喷发
    empty = sum(not searcher.search(q, 10) for q in negatives)
    rows.append({"kind": "no real match → empty", "queries": len(negatives), "yuelan top-10 %": 100 * empty / len(negatives),
                 "rg -F %": None, "fzf --filter %": None})
    report("eval_search" + (f"_news{args.news}" if args.news else "") + ("_no_peers" if args.no_peers else ""), rows, {"failures": {k: v[:10] for k, v in failures.items()}})
    print(json.dumps({k: v[:5] for k, v in failures.items() if v}, ensure_ascii=False))


if __name__ == "__main__":
    main()
