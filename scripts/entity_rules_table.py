#!/usr/bin/env python3
"""Write the table of entity rule units (id, stage, kinds, what it does and its evidence)
into docs/ner.md between its markers, from the registry and the chain.

    PYTHONPATH=src .venv/bin/python scripts/entity_rules_table.py [--check]

`--check` writes nothing and exits 1 when the table in docs/ner.md is not current
(tests/test_entity_package.py runs it).
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from extract.entities import Chain, registry  # noqa: E402

DOC = ROOT / "docs" / "ner.md"
START, END = "<!-- entity-rules:start (scripts/entity_rules_table.py) -->", "<!-- entity-rules:end -->"


def table() -> str:
    reg, chain = registry(), Chain.load()
    rows = ["| # | rule id | family | stage | kinds | what it does, and its evidence |", "|---|---|---|---|---|---|"]
    for n, rule_id in enumerate(chain.order, 1):
        r = reg[rule_id]
        flags = ("" if chain.on(rule_id) else " (off)") + (" (contract)" if r.contract else "")
        text = " ".join(r.evidence.split()).replace("|", "\\|")
        rows.append(f"| {n} | `{rule_id}`{flags} | {r.family} | {r.stage} | {', '.join(r.kinds)} | {text} |")
    return "\n".join(rows)


def render(doc: str) -> str:
    a, b = doc.index(START) + len(START), doc.index(END)
    return doc[:a] + "\n" + table() + "\n" + doc[b:]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--check", action="store_true")
    a = ap.parse_args()
    doc = DOC.read_text(encoding="utf-8")
    new = render(doc)
    if a.check:
        if new != doc:
            print(f"{DOC} is not current: run scripts/entity_rules_table.py", file=sys.stderr)
            return 1
        return 0
    DOC.write_text(new, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
