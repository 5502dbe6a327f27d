#!/usr/bin/env python3
"""How often the names of the persons and places found are the right nominative.

    python3 ../shared/eval/fullstack_ner.py docs test W     # the FullStack-LV test paragraphs
    .venv/bin/extract run W/docs -o W/out
    .venv/bin/python scripts/eval_nominative.py W [--split test] [--show]

For every mention that matches a gold span exactly (what ../shared/eval/fullstack_ner.py
counts as a true positive), the item's `name` is compared with the gold lemma: the corpus
lemmas of the span's tokens, joined by spaces (`Jānim Bērziņam` -> `Jānis Bērziņš`); a
mention of fewer words than the name counts as right where it is the name's last or first
words (`Vilks` in an item named `A. Vilks`: the name is the fullest the document gives). Places
count only where the span is one token: the corpus lemmatises every word of a longer name
on its own (`Preiļu novada` -> `Preiļi novads`), where the contract keeps the genitive
(`Preiļu novads`). Case and quote marks are ignored, as ../shared/eval/score.py does.
Report on test only: the corpus lemmas of train + dev are in lexicons/lemmas.json.
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCORER = ROOT.parent / "shared" / "eval" / "fullstack_ner.py"


def _scorer():
    spec = importlib.util.spec_from_file_location("fullstack_ner", SCORER)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def gold_lemmas(split: str) -> dict[str, dict[tuple[str, int, int], str]]:
    """doc id -> (kind, start, end) -> lemma, with the offsets `fullstack_ner.py docs` gives."""
    fs = _scorer()
    out: dict[str, dict[tuple[str, int, int], str]] = {}
    for par_id, sents in fs.paragraphs(split):
        text, got = "", {}
        for sent_text, rows in sents:
            base = len(text) + (1 if text else 0)
            text = f"{text} {sent_text}" if text else sent_text
            offsets, pos = [], 0
            for row in rows:
                at = sent_text.find(row[1], pos)
                if at < 0:
                    offsets = None
                    break
                offsets.append((base + at, base + at + len(row[1])))
                pos = at + len(row[1])
            if offsets is None:
                continue
            for col, inner in ((6, False), (7, True)):
                tags = [r[col] for r in rows]
                for label, s, e in fs.spans_of(tags, offsets):
                    kind = fs.KIND_OF.get(label)
                    if not kind or (inner and kind != "places"):
                        continue
                    idx = [i for i, (a, b) in enumerate(offsets) if s <= a and b <= e]
                    if kind == "places" and len(idx) != 1:
                        continue
                    got[(kind, s, e)] = " ".join(rows[i][2] for i in idx)
        out[par_id] = got
    return out


def norm(s: str) -> str:
    s = unicodedata.normalize("NFC", s).casefold()
    return " ".join("".join(ch for ch in s if ch not in "\"'«»„“”").split())


def _same(name: str, lemma: str) -> bool:
    """The name is the lemma, or a mention that names fewer words (a surname alone, a first
    name) is the name's last or first words: the item's name is the fullest one the document
    gives (`Vilks` -> `A. Vilks`)."""
    if name == lemma:
        return True
    lw = lemma.split()
    if len(lw) > 1 and lw[-1] in ("kungs", "kundze", "jaunkundze"):
        lemma = " ".join(lw[:-1])  # `Gruntmanis kundze`: the corpus lemma keeps the title, the name does not
        if name == lemma:
            return True
    nw, lw = name.split(), lemma.split()
    return len(lw) < len(nw) and (nw[-len(lw):] == lw or nw[:len(lw)] == lw)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("work", type=Path)
    ap.add_argument("--split", default="test")
    ap.add_argument("--show", action="store_true", help="list the wrong names")
    a = ap.parse_args()
    if not SCORER.exists():
        print(f"no scorer at {SCORER}", file=sys.stderr)
        return 2
    lemmas = gold_lemmas(a.split)
    records = _scorer().load_records(a.work / "out")
    tot = {"persons": [0, 0], "places": [0, 0]}
    wrong = []
    for doc_id, gold in lemmas.items():
        rec = records.get(doc_id, {})
        for kind in tot:
            for item in rec.get(kind, []):
                for m in item.get("mentions", []):
                    lemma = gold.get((kind, m["start"], m["end"]))
                    if lemma is None:
                        continue
                    tot[kind][0] += 1
                    if _same(norm(item["name"]), norm(lemma)):
                        tot[kind][1] += 1
                    else:
                        wrong.append(f"{doc_id} {kind}: {m['text']!r} -> {item['name']!r}, gold {lemma!r}")
    print(f"{'kind':10} {'found':>6} {'right':>6} {'acc':>6}")
    for kind, (n, ok) in tot.items():
        print(f"{kind:10} {n:6d} {ok:6d} {ok / n if n else 0.0:6.3f}")
    if a.show:
        print("\n".join(wrong))
    return 0


if __name__ == "__main__":
    sys.exit(main())
