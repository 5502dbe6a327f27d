#!/usr/bin/env python3
"""Compare two `extract run` output folders record by record.

    python scripts/compare_records.py OUT_A OUT_B [--ignore FIELD ...] [--show N]

Records are read from each folder's `records.jsonl` (else its `*.json` files) and matched by
`doc_id`. Every field is compared except `pipeline_version` (and any `--ignore`d field). The
script prints how many records are identical, differ, or exist on one side only, lists the
first differences (`--show`), and exits 0 only when every record is identical. Standard
library only.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ALWAYS_IGNORED = ("pipeline_version",)


def load_records(out_dir: Path) -> dict[str, dict]:
    """doc_id -> record of an output folder."""
    jsonl = out_dir / "records.jsonl"
    if jsonl.exists():
        lines = jsonl.read_text(encoding="utf-8").splitlines()
        records = [json.loads(line) for line in lines if line.strip()]
    else:
        records = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(out_dir.glob("*.json"))]
    return {r["doc_id"]: r for r in records if isinstance(r, dict) and "doc_id" in r}


def first_difference(a, b, path: str = "") -> str | None:
    """Where two JSON values first differ (a readable path), or None when they are equal."""
    if type(a) is not type(b):
        return f"{path or '.'}: {a!r} != {b!r}"
    if isinstance(a, dict):
        for key in sorted(set(a) | set(b)):
            if key not in a or key not in b:
                return f"{path}.{key}: only in {'B' if key not in a else 'A'}"
            got = first_difference(a[key], b[key], f"{path}.{key}")
            if got:
                return got
        return None
    if isinstance(a, list):
        for i, (x, y) in enumerate(zip(a, b)):
            got = first_difference(x, y, f"{path}[{i}]")
            if got:
                return got
        return None if len(a) == len(b) else f"{path}: {len(a)} items != {len(b)} items"
    return None if a == b else f"{path or '.'}: {a!r} != {b!r}"


def compare(dir_a: Path, dir_b: Path, ignored: tuple[str, ...]) -> dict:
    """Counts and the differences of two output folders."""
    recs_a, recs_b = load_records(dir_a), load_records(dir_b)
    drop = set(ALWAYS_IGNORED) | set(ignored)
    same, differ = 0, []
    for doc_id in sorted(set(recs_a) & set(recs_b)):
        a = {k: v for k, v in recs_a[doc_id].items() if k not in drop}
        b = {k: v for k, v in recs_b[doc_id].items() if k not in drop}
        where = first_difference(a, b)
        if where is None:
            same += 1
        else:
            differ.append((doc_id, where))
    return {"identical": same, "different": differ,
            "only_a": sorted(set(recs_a) - set(recs_b)), "only_b": sorted(set(recs_b) - set(recs_a))}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out_a", type=Path)
    ap.add_argument("out_b", type=Path)
    ap.add_argument("--ignore", action="append", default=[], help="another top-level field to leave out")
    ap.add_argument("--show", type=int, default=10, help="how many differences to print")
    args = ap.parse_args(argv)
    got = compare(args.out_a, args.out_b, tuple(args.ignore))
    print(f"identical {got['identical']}, different {len(got['different'])}, "
          f"only in A {len(got['only_a'])}, only in B {len(got['only_b'])}")
    for doc_id, where in got["different"][:args.show]:
        print(f"  {doc_id}: {where}")
    for side in ("only_a", "only_b"):
        for doc_id in got[side][:args.show]:
            print(f"  {doc_id}: {side.replace('_', ' in ')}")
    return 0 if not (got["different"] or got["only_a"] or got["only_b"]) else 1


if __name__ == "__main__":
    sys.exit(main())
