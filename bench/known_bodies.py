#!/usr/bin/env python3
"""Time the `known-bodies` entity rule alone on one long document (issue 30: it was
quadratic in the names found, 25 s for 1.6 MB).

    PYTHONPATH=src .venv/bin/python bench/known_bodies.py [--kb 1600]

The document repeats a paragraph naming known bodies (lexicons/org_abbreviations.tsv) until
it is --kb kilobytes long; it is tagged once, then the rule runs on the tagged spans.
Prints the time and the number of organisations; asserts nothing.
"""
from __future__ import annotations

import argparse
import time

PARAGRAPH = ("Projektu atbalsta Valsts izglītības attīstības aģentūra un Izglītības un zinātnes ministrija. "
             "Rīgas Tehniskās universitātes studenti strādāja kopā ar Eiropas Sociālā fonda ekspertiem.\n")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--kb", type=int, default=1600)
    a = ap.parse_args()
    from extract.entities import get_recognizer, registry
    from extract.entities.spans import Doc

    text = PARAGRAPH * (a.kb * 1024 // len(PARAGRAPH.encode()) + 1)
    rec = get_recognizer()
    spans, tokens = rec.tag_spans(text)
    doc = Doc(text, tokens, rec.lex, rec.naming, rec.chain)
    t0 = time.perf_counter()
    out = registry()["known-bodies"].fn(list(spans), doc)
    took = time.perf_counter() - t0
    orgs = sum(sp.kind == "organizations" for sp in out)
    print(f"{len(text.encode()) / 1e6:.2f} MB, {len(tokens)} tokens, {len(spans)} spans in: "
          f"known-bodies {took:.2f} s, {orgs} organisation spans out")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
