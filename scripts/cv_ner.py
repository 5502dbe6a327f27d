#!/usr/bin/env python3
"""K-fold cross-validation of the NER on FullStack-LV train, through the post-processing.

    PYTHONPATH=src .venv/bin/python scripts/cv_ner.py [--folds 4] [--work /tmp/ner-cv] [--jobs 2]
                                                     [--train-args "--c2 0.1"] [--reuse]
                                                     [--disable RULE_ID]... [--chain FILE] [--profile corpus]

Dev holds 278 persons: too few to tell a change of half a point from noise. This splits the
train file into K folds by document (all paragraphs of a `# newdoc` go to one fold, so names
do not leak between folds), trains on K-1 folds with scripts/train_ner.py, runs the recognizer
on the held-out fold's paragraphs (scripts/eval_ner.py) and scores them with
../shared/eval/fullstack_ner.py, then prints the span-exact scores summed over the folds.
`--reuse` keeps the fold models of an earlier run with the same --work and re-runs only the
post-processing (for changes to the entity rules). Ablations go through the chain:
`--disable RULE_ID` (repeatable) switches an entity rule off, `--chain FILE` runs another chain
file, `--profile corpus` follows the corpus's conventions; model feature groups go to the
training through `--train-args` (e.g. "--no-word-class"). Never touches the test split.
"""
from __future__ import annotations

import argparse
import hashlib
import shlex
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
KINDS = ("persons", "places", "organizations")


def split_folds(train: Path, k: int) -> list[tuple[str, str]]:
    """(train text, held-out text) per fold, paragraphs assigned by their document's SHA-1."""
    pars: list[str] = []
    cur: list[str] = []
    for line in train.read_text(encoding="utf-8").splitlines(keepends=True):
        if line.startswith("# newpar id") and cur:
            pars.append("".join(cur))
            cur = []
        cur.append(line)
    pars.append("".join(cur))
    head = "" if pars[0].startswith("# newpar") else pars.pop(0)
    fold = []
    for p in pars:
        par_id = next(l for l in p.splitlines() if l.startswith("# newpar id")).split("= ", 1)[1]
        doc = par_id.rsplit("-p", 1)[0]
        fold.append(int(hashlib.sha1(doc.encode()).hexdigest(), 16) % k)
    return [(head + "".join(p for p, f in zip(pars, fold) if f != i), head + "".join(p for p, f in zip(pars, fold) if f == i))
            for i in range(k)]


def run_fold(d: Path, train_args: list[str], reuse: bool, chain_args: list[str]) -> dict[str, list[int]]:
    py = sys.executable
    model = d / "model.crfsuite"
    if not (reuse and model.exists()):
        subprocess.run([py, str(ROOT / "scripts" / "train_ner.py"), *train_args, "--corpus", str(d / "corpora" / "latvian"),
                        "--out", str(model)], check=True, stdout=subprocess.DEVNULL)
    work = d / "W"
    shutil.rmtree(work, ignore_errors=True)
    scorer = str(d / "eval" / "fullstack_ner.py")
    subprocess.run([py, scorer, "docs", "dev", str(work)], check=True, stdout=subprocess.DEVNULL)
    subprocess.run([py, str(ROOT / "scripts" / "eval_ner.py"), str(work), "--model", str(model), *chain_args], check=True,
                   stdout=subprocess.DEVNULL)
    out = subprocess.run([py, scorer, "score", str(work)], check=True, capture_output=True, text=True).stdout
    counts = {}
    for line in out.splitlines():
        parts = line.split()
        if parts and parts[0] in KINDS:
            counts[parts[0]] = [int(x) for x in parts[1:4]]  # gold, predicted, true positives
    return counts


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--folds", type=int, default=4)
    ap.add_argument("--work", type=Path, default=Path("/tmp/ner-cv"))
    ap.add_argument("--jobs", type=int, default=2, help="folds trained at once")
    ap.add_argument("--train-args", default="", help="extra arguments for train_ner.py")
    ap.add_argument("--reuse", action="store_true", help="keep the fold models of an earlier run")
    ap.add_argument("--disable", action="append", default=[], metavar="RULE_ID", help="switch an entity rule off")
    ap.add_argument("--chain", type=Path, default=None, help="entity chain file")
    ap.add_argument("--profile", default="contract", help="contract (default) or corpus")
    a = ap.parse_args()
    chain_args = [x for r in a.disable for x in ("--disable", r)] + ["--profile", a.profile]
    if a.chain:
        chain_args += ["--chain", str(a.chain)]
    corpus = SHARED / "corpora" / "latvian"
    if not (corpus / "fullstack-ner-train.conll").exists():
        print(f"no corpus at {corpus}", file=sys.stderr)
        return 2
    dirs = []
    for i, (tr, held) in enumerate(split_folds(corpus / "fullstack-ner-train.conll", a.folds)):
        d = a.work / str(i)
        (d / "corpora" / "latvian").mkdir(parents=True, exist_ok=True)
        (d / "eval").mkdir(exist_ok=True)
        (d / "corpora" / "latvian" / "fullstack-ner-train.conll").write_text(tr, encoding="utf-8")
        (d / "corpora" / "latvian" / "fullstack-ner-dev.conll").write_text(held, encoding="utf-8")
        shutil.copy(SHARED / "eval" / "fullstack_ner.py", d / "eval" / "fullstack_ner.py")
        dirs.append(d)
    with ThreadPoolExecutor(a.jobs) as pool:
        results = list(pool.map(lambda d: run_fold(d, shlex.split(a.train_args), a.reuse, chain_args), dirs))
    print(f"{a.folds}-fold CV on FullStack-LV train (by document), span-exact, through the post-processing")
    print(f"{'kind':15} {'gold':>6} {'pred':>6} {'tp':>6} {'P':>6} {'R':>6} {'F1':>6}")
    for kind in KINDS:
        g, p, t = (sum(r[kind][j] for r in results) for j in range(3))
        prec, rec = t / p if p else 0.0, t / g if g else 0.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        print(f"{kind:15} {g:6d} {p:6d} {t:6d} {prec:6.3f} {rec:6.3f} {f1:6.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
