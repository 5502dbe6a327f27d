#!/usr/bin/env python3
"""Run the fuzz target of `extract.process` (tests/test_fuzz.py) for longer, with fresh examples.

    python scripts/fuzz.py --examples 2000

Every generated text must get a record whose mentions hold on the offset map itself; the suite
runs the same target with 50 fixed examples. Exit status: pytest's (0 when no example failed).
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--examples", type=int, default=1000, help="examples to generate (more than 50: fresh ones)")
    args = ap.parse_args()
    return pytest.main([str(ROOT / "tests" / "test_fuzz.py"), "-q", "-p", "no:cacheprovider",
                        f"--fuzz-examples={args.examples}", "-k", "fuzz_process"])


if __name__ == "__main__":
    sys.exit(main())
