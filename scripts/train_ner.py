#!/usr/bin/env python3
"""Train the Latvian NER CRF on FullStack-LV (CC BY-SA 4.0) and print its dev scores.

    PYTHONPATH=src .venv/bin/python scripts/train_ner.py                 # train on train, score dev
    PYTHONPATH=src .venv/bin/python scripts/train_ner.py --final         # train on train+dev, write the model
    options: --c1 0.02 --c2 0.05 --iters 300 --limit N (first N sentences, for tests) --out PATH
             --report-test (also score the test split: for reporting only, choices are made on dev)

Labels: the outer entity (PER, LOC = GPE + location, ORG, MISC = event/product/entity)
in BIO, joined with `|B`/`|I` when the token also belongs to an inner GPE/location
inside a non-place outer entity (`Daugavpils tehnikums`: B-ORG|B I-ORG). Scores are
span-exact on gold tokens, the kinds of ../shared/eval/fullstack_ner.py:
persons = outer person, places = outer and inner GPE/location, organisations = outer organization.
"""
from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

import pycrfsuite  # noqa: E402

from extract.entities import lexicon  # noqa: E402
from extract.entities.features import DocStats, FeatureOptions, sentence_features  # noqa: E402

CORPUS = Path("/work/shared/corpora/latvian")
OPTIONS = FeatureOptions()  # the feature groups to train with (the tagger reads them back from the model)
MODEL = ROOT / "src" / "extract" / "models" / "ner.crfsuite"
OUTER = {"person": "PER", "GPE": "LOC", "location": "LOC", "organization": "ORG",
         "event": "MISC", "product": "MISC", "entity": "MISC"}
PLACE = {"GPE", "location"}


def read_conll(path: Path) -> list[tuple[list[str], list[str], list[str], int]]:
    """Sentences as (words, outer tags, inner tags, paragraph number)."""
    sents, words, outer, inner = [], [], [], []
    par = 0
    for line in path.read_text(encoding="utf-8").splitlines() + [""]:
        if line.startswith("# newpar"):
            par += 1
        if line.startswith("#"):
            continue
        if not line.strip():
            if words:
                sents.append((words, outer, inner, par))
            words, outer, inner = [], [], []
            continue
        c = line.split("\t")
        words.append(c[1]); outer.append(c[6]); inner.append(c[7])
    return sents


def spans(tags: list[str]) -> list[tuple[str, int, int]]:
    out, cur = [], None
    for i, t in enumerate(tags + ["O"]):
        if t.startswith("B-") or (t.startswith("I-") and (cur is None or cur[0] != t[2:])):
            if cur:
                out.append(tuple(cur))
            cur = [t[2:], i, i + 1]
        elif t.startswith("I-"):
            cur[2] = i + 1
        else:
            if cur:
                out.append(tuple(cur))
            cur = None
    return out


def joint_labels(outer: list[str], inner: list[str]) -> list[str]:
    n = len(outer)
    lab = ["O"] * n
    osp = spans(outer)
    for t, s, e in osp:
        k = OUTER.get(t)
        if k:
            for i in range(s, e):
                lab[i] = ("B-" if i == s else "I-") + k
    outer_places = {(s, e) for t, s, e in osp if t in PLACE}
    for t, s, e in spans(inner):
        if t in PLACE and (s, e) not in outer_places and lab[s] != "O":
            for i in range(s, e):
                lab[i] += "|B" if i == s else "|I"
    return lab


def decode(labels: list[str]) -> dict[str, set[tuple[int, int]]]:
    """Joint labels -> {persons, places, organizations} token spans (what the scorer counts)."""
    outer = [l.split("|")[0] for l in labels]
    inner = []
    for l in labels:
        p = l.split("|")
        inner.append(("B-P" if p[1] == "B" else "I-P") if len(p) > 1 else "O")
    out = {"persons": set(), "places": set(), "organizations": set()}
    for t, s, e in spans(outer):
        if t == "PER":
            out["persons"].add((s, e))
        elif t == "LOC":
            out["places"].add((s, e))
        elif t == "ORG":
            out["organizations"].add((s, e))
    for t, s, e in spans(inner):
        out["places"].add((s, e))
    return out


def gold_spans(outer: list[str], inner: list[str]) -> dict[str, set[tuple[int, int]]]:
    out = {"persons": set(), "places": set(), "organizations": set()}
    for t, s, e in spans(outer):
        if t == "person":
            out["persons"].add((s, e))
        elif t in PLACE:
            out["places"].add((s, e))
        elif t == "organization":
            out["organizations"].add((s, e))
    for t, s, e in spans(inner):
        if t in PLACE:
            out["places"].add((s, e))
    return out


def doc_stats(sents, lex) -> dict[int, DocStats]:
    by_par: dict[int, list[list[str]]] = {}
    for s in sents:
        by_par.setdefault(s[3], []).append(s[0])
    return {p: DocStats(ws, lex) for p, ws in by_par.items()}


def evaluate(tagger, sents, lex) -> dict[str, tuple[float, float, float]]:
    tot = {k: [0, 0, 0] for k in ("persons", "places", "organizations")}
    docs = doc_stats(sents, lex)
    for words, outer, inner, par in sents:
        pred = decode(tagger.tag(sentence_features(words, lex, docs[par], OPTIONS)))
        gold = gold_spans(outer, inner)
        for k in tot:
            tot[k][0] += len(gold[k]); tot[k][1] += len(pred[k]); tot[k][2] += len(gold[k] & pred[k])
    res = {}
    for k, (g, p, t) in tot.items():
        pr = t / p if p else 0.0
        rc = t / g if g else 0.0
        res[k] = (pr, rc, 2 * pr * rc / (pr + rc) if pr + rc else 0.0)
    return res


def show(name: str, res) -> None:
    print(f"{name}: " + "  ".join(f"{k} P={p:.3f} R={r:.3f} F1={f:.3f}" for k, (p, r, f) in res.items()), flush=True)


def train(sents, lex, out: Path, c1: float, c2: float, iters: int) -> None:
    trainer = pycrfsuite.Trainer(verbose=False)
    docs = doc_stats(sents, lex)
    for words, outer, inner, par in sents:
        trainer.append(sentence_features(words, lex, docs[par], OPTIONS), joint_labels(outer, inner))
    trainer.set_params({"c1": c1, "c2": c2, "max_iterations": iters, "feature.possible_transitions": True})
    out.parent.mkdir(parents=True, exist_ok=True)
    trainer.train(str(out))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--final", action="store_true", help="train on train+dev and write the shipped model")
    ap.add_argument("--c1", type=float, default=0.02)
    ap.add_argument("--c2", type=float, default=0.05)
    ap.add_argument("--iters", type=int, default=300)
    ap.add_argument("--limit", type=int, default=0, help="use only the first N training sentences")
    ap.add_argument("--out", type=Path, default=None)
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    for group in ("name-suffix", "word-freq", "word-class", "far-word-class"):
        ap.add_argument(f"--no-{group}", action="store_true", help=f"train without the {group} features")
    ap.add_argument("--report-test", action="store_true",
                    help="also print scores on the test split (for reporting; make choices on dev)")
    a = ap.parse_args()
    global OPTIONS
    OPTIONS = FeatureOptions(name_suffix=not a.no_name_suffix, word_freq=not a.no_word_freq,
                             word_class=not a.no_word_class, far_word_class=not a.no_far_word_class)
    random.seed(0)
    lex = lexicon.get()
    train_s = read_conll(a.corpus / "fullstack-ner-train.conll")
    dev_s = read_conll(a.corpus / "fullstack-ner-dev.conll")
    # paragraph numbers must not collide between the files
    dev_s = [(w, o, i, p + 100000) for w, o, i, p in dev_s]
    data = train_s + (dev_s if a.final else [])
    if a.limit:
        data = data[: a.limit]
    out = a.out or (MODEL if a.final else Path("/tmp/ner-dev.crfsuite"))
    t0 = time.time()
    train(data, lex, out, a.c1, a.c2, a.iters)
    print(f"trained on {len(data)} sentences in {time.time() - t0:.0f}s -> {out} ({out.stat().st_size / 1e6:.1f} MB)")
    tagger = pycrfsuite.Tagger()
    tagger.open(str(out))
    show("dev" + (" (seen in training)" if a.final else ""), evaluate(tagger, dev_s, lex))
    if a.report_test:
        show("test", evaluate(tagger, read_conll(a.corpus / "fullstack-ner-test.conll"), lex))
    return 0


if __name__ == "__main__":
    sys.exit(main())
