#!/usr/bin/env python3
"""Splitting alone, the current splitter against the one before issue 29, taking turns.

    python bench/split_compare.py FOLDER [--rounds 4] [--jobs 1] [--reference-model PATH]

Each round runs `split_only.py` on the whole folder once with the direct splitter and once
with the reference (stanza's Pipeline, `--reference`), each in a fresh process (models loaded
included), the order swapped every other round, so that the machine's drift hits both alike.
Prints one line per run and the ratio of the summed times; asserts nothing.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def run(folder: Path, jobs: int, extra: list[str]) -> float:
    out = subprocess.run([sys.executable, str(HERE / "split_only.py"), str(folder), "--jobs", str(jobs), *extra],
                         capture_output=True, text=True, check=True).stdout
    return json.loads(out.strip().splitlines()[-1])["seconds"]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("folder", type=Path)
    ap.add_argument("--rounds", type=int, default=4)
    ap.add_argument("--jobs", type=int, default=1)
    ap.add_argument("--reference-model", default="bundled", help="the tokenizer file the reference loads")
    args = ap.parse_args()
    kinds = {"direct": [], "reference": ["--reference", "--model", args.reference_model]}
    total = {k: 0.0 for k in kinds}
    for r in range(args.rounds):
        order = list(kinds) if r % 2 == 0 else list(reversed(kinds))
        for kind in order:
            secs = run(args.folder, args.jobs, kinds[kind])
            total[kind] += secs
            print(f"round {r + 1} {kind:9} {secs:7.1f} s", flush=True)
    print(f"reference / direct: {total['reference'] / total['direct']:.2f}x "
          f"({total['reference']:.1f} s against {total['direct']:.1f} s)")


if __name__ == "__main__":
    main()
