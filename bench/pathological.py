#!/usr/bin/env python3
"""Hostile inputs of issue #30: seconds and peak memory of `extract run --jobs 1` on each.
Prints numbers, asserts nothing.

    python bench/pathological.py [--work bench-out/pathological] [--only NAME ...] [--rules-only]

Cases (each file made here, deterministically):
  emails-107k      107 KB of `;`-separated e-mail addresses (the rules alone took 29 s before)
  emails-300k      300 KB of e-mail addresses with no space or separator at all
  at-runs-20k      20 KB of `a@a@a@...`
  dots-20k         20 KB of `1.1.1.1...`
  oneline-5mb      5 MB of bench news text on one line (no line break)
  normal-2.5mb     2.5 MB of bench news text with its paragraphs
Each case runs `extract run FILE -o DIR --jobs 1 --force` in a fresh process, measured by a
fresh parent (wall time includes loading the models; peak RSS is the run's largest process).
`--rules-only` times only the rule engine (`RuleSet.find`) on each text, in this process.
"""
from __future__ import annotations

import argparse
import random
import shutil
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from make_corpus import document  # noqa: E402
from run_bench import measure  # noqa: E402


def _emails(n_chars: int, sep: str) -> str:
    parts, size, i = [], 0, 0
    while size < n_chars:
        e = f"vards{i}.uzvards{i % 13}@skola{i % 7}.lv"
        parts.append(e)
        size += len(e) + len(sep)
        i += 1
    return sep.join(parts)[:n_chars]


def _news(n_bytes: int, one_line: bool) -> str:
    rng = random.Random(7)
    parts, size, i = [], 0, 0
    while size < n_bytes:
        d = document(rng, i)
        if one_line:
            d = " ".join(d.split())
        parts.append(d)
        size += len(d.encode("utf-8")) + 2
        i += 1
    return (" " if one_line else "\n\n").join(parts)


CASES = {
    "emails-107k": lambda: _emails(107_000, ";"),
    "emails-300k": lambda: _emails(300_000, ""),
    "at-runs-20k": lambda: "a@" * 10_000,
    "dots-20k": lambda: "1." * 10_000,
    "oneline-5mb": lambda: _news(5_000_000, one_line=True),
    "normal-2.5mb": lambda: _news(2_500_000, one_line=False),
}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--work", type=Path, default=Path("bench-out/pathological"))
    ap.add_argument("--only", nargs="*", choices=sorted(CASES), help="run only these cases")
    ap.add_argument("--rules-only", action="store_true", help="time the rule engine alone on each text")
    args = ap.parse_args()
    names = args.only or list(CASES)
    if args.rules_only:
        from extract.normalise import normalise
        from extract.rules import default_ruleset

        rules = default_ruleset()
        for name in names:
            text = normalise(CASES[name]()).text
            t = time.perf_counter()
            rules.find(text)
            print(f"{name:14} rules alone {time.perf_counter() - t:7.2f} s  ({len(text):,} characters)", flush=True)
        return
    exe = Path(sys.executable).with_name("extract")
    for name in names:
        folder = args.work / name
        shutil.rmtree(folder, ignore_errors=True)
        (folder / "in").mkdir(parents=True)
        path = folder / "in" / f"{name}.txt"
        path.write_text(CASES[name](), encoding="utf-8")
        secs, rss, out, cpu = measure([str(exe), "run", str(path), "-o", str(folder / "out"), "--jobs", "1", "--force"])
        print(f"{name:14} {path.stat().st_size:>10,} bytes  {secs:7.1f} s  CPU {cpu:7.1f} s  peak RSS {rss:6.0f} MB  "
              f"| {out.strip()}", flush=True)


if __name__ == "__main__":
    main()
