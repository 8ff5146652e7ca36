"""Exact-span micro P/R/F1 for persons, places and organisations, Yuelan beside plain jieba.posseg.

Development sets: People's Daily dev, CLUENER dev (name→person, address→place,
organization/government/company→organization). Report sets: People's Daily test and MSRA test.
Hand-labelled under the README's typing decisions (session 9; the labeller saw the text, not the system's
output): 40 paragraphs of the bundled pages (``data/seed_entities.jsonl``) and 2 × 40 of the news archive
(``data/news_entities_{dev,test}.jsonl``): path, article, paragraph, SHA-1 and offsets only (the archive's
text may not be committed, and the pages' text is in ``corpus/``); a paragraph whose text no longer hashes
the same is skipped and counted. The bundled and news dev samples were used for error analysis; the news test sample was labelled
afterwards and its errors were not looked at while writing rules.
Usage: eval_entities.py [--dev] [--limit N] [--hand]   (--hand: the two hand-labelled sets only)
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import jieba
import jieba.posseg as pseg
from _common import NER, NEWS, ROOT, need, report

from tui.annotate.entities import find_entities
from tui.entities.consistency import consistent

TYPES = {"PER": "person", "LOC": "place", "ORG": "organization"}
CLUE = {"name": "person", "address": "place", "organization": "organization", "government": "organization",
        "company": "organization"}
POSSEG = {"nr": "person", "ns": "place", "nt": "organization"}


def load_bio_spans(path: Path) -> list[tuple[str, set]]:
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        obj = json.loads(line)
        gold = {(e["start"], e["end"], TYPES[e["type"]]) for e in obj["entities"]}
        out.append((obj["text"], gold))
    return out


def load_clue(path: Path) -> list[tuple[str, set]]:
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        obj = json.loads(line)
        gold = set()
        for typ, ents in obj.get("label", {}).items():
            if typ not in CLUE:
                continue
            for _, spans in ents.items():
                for s, e in spans:
                    gold.add((s, e + 1, CLUE[typ]))
        out.append((obj["text"], gold))
    return out


HERE = Path(__file__).resolve().parent / "data"


def load_seed_hand(path: Path) -> list[tuple[str, set]]:
    """Bundled pages: the paragraphs read from ``corpus/`` (``load_news_hand`` with that root)."""
    return load_news_hand(path, ROOT / "corpus")


def load_news_hand(path: Path, root: Path = NEWS) -> list[tuple[str, set]]:
    """A hand-labelled sample: each paragraph read from ``root`` through Yuelan's own ingest and checked by
    hash (the files hold references and offsets, not text), with its labelled (start, stop, type)."""
    from tui.ingest.loader import load_page

    out, stale = [], 0
    for line in path.read_text(encoding="utf-8").splitlines():
        obj = json.loads(line)
        page = load_page(root / obj["path"], root)
        text = next((p.text for a in page.articles if a.ordinal == obj["article"] for p in a.paragraphs
                     if p.index == obj["para"]), "")
        if hashlib.sha1(text.encode()).hexdigest() != obj["sha1"]:
            stale += 1
            continue
        out.append((text, {tuple(e) for e in obj["entities"]}))
    if stale:
        print(f"{path.name}: {stale} paragraph(s) no longer read the same, skipped", file=sys.stderr)
    return out


def posseg_spans(text: str) -> set:
    out, pos = set(), 0
    for w, f in pseg.cut(text):
        if f in POSSEG:
            out.add((pos, pos + len(w), POSSEG[f]))
        pos += len(w)
    return out


def yuelan_spans(text: str) -> set:
    return {(s.start, s.end, s.type) for s in find_entities(text)}


def with_corpus_pass(texts: list[str]) -> list[set]:
    """Yuelan per text, then the corpus-level consistency pass over the whole set as one corpus."""
    spans = consistent(texts, [find_entities(t) for t in texts])
    return [{(s.start, s.end, s.type) for s in ss} for ss in spans]


def score(data: list[tuple[str, set]], fn) -> tuple[dict, float]:
    tp, fp, fn_ = Counter(), Counter(), Counter()
    chars = 0
    t0 = time.perf_counter()
    preds = fn([t for t, _ in data]) if fn is with_corpus_pass else [fn(t) for t, _ in data]
    for (text, gold), pred in zip(data, preds):
        chars += len(text)
        for s in pred:
            (tp if s in gold else fp)[s[2]] += 1
        for s in gold:
            if s not in pred:
                fn_[s[2]] += 1
    secs = time.perf_counter() - t0
    res = {}
    for t in ["person", "place", "organization", "all"]:
        a = sum(tp.values()) if t == "all" else tp[t]
        b = sum(fp.values()) if t == "all" else fp[t]
        c = sum(fn_.values()) if t == "all" else fn_[t]
        p = a / (a + b) if a + b else 0.0
        r = a / (a + c) if a + c else 0.0
        res[t] = {"P": p, "R": r, "F1": 2 * p * r / (p + r) if p + r else 0.0}
    return res, chars / secs


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--dev", action="store_true", help="development sets only")
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--hand", action="store_true", help="the hand-labelled sets only")
    args = ap.parse_args()
    jieba.setLogLevel(60)
    sets = {"bundled pages (hand, 40 paras)": (HERE / "seed_entities.jsonl", load_seed_hand)}
    if NEWS.exists():
        sets["news dev (hand, 40 paras)"] = (HERE / "news_entities_dev.jsonl", load_news_hand)
        sets["news test (hand, 40 paras)"] = (HERE / "news_entities_test.jsonl", load_news_hand)
    if not args.hand:
        need(NER)
        sets["peoples-daily dev"] = (NER / "peoples-daily-ner/example.dev.spans.jsonl", load_bio_spans)
        sets["cluener dev (mapped)"] = (NER / "cluener2020/dev.json", load_clue)
    if not args.dev and not args.hand:
        sets["peoples-daily test"] = (NER / "peoples-daily-ner/example.test.spans.jsonl", load_bio_spans)
        sets["msra test"] = (NER / "msra-ner/msra_test_bio.spans.jsonl", load_bio_spans)
    find_entities("预热")
    list(pseg.cut("预热"))
    rows = []
    for name, (path, loader) in sets.items():
        data = loader(path)
        if args.limit:
            data = data[: args.limit]
        for system, fn in (("jieba.posseg", posseg_spans), ("yuelan", yuelan_spans),
                           ("yuelan + corpus pass", with_corpus_pass)):
            res, speed = score(data, fn)
            rows.append({"set": name, "system": system, "F1": res["all"]["F1"], "P": res["all"]["P"],
                         "R": res["all"]["R"], "PER F1": res["person"]["F1"], "LOC F1": res["place"]["F1"],
                         "ORG F1": res["organization"]["F1"], "PER P": res["person"]["P"],
                         "ORG R": res["organization"]["R"], "chars/s": speed})
    report("eval_entities" + ("_dev" if args.dev else "_hand" if args.hand else ""), rows)


if __name__ == "__main__":
    main()
