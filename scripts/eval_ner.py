#!/usr/bin/env python3
"""Run EntityRecognizer on WORK/docs/*.txt and write WORK/out/records.jsonl (minimal records).

    python3 /work/shared/eval/fullstack_ner.py docs test W
    PYTHONPATH=src .venv/bin/python scripts/eval_ner.py W [--docs DIR] [--timing]
    python3 /work/shared/eval/fullstack_ner.py score W --show

Records hold doc_id, text and persons / places / organizations (the other kinds empty), so
the seeds can be scored too: `scripts/eval_ner.py W --docs /work/shared/seeds` then
`python3 /work/shared/eval/score.py /work/shared/gold/seeds.jsonl W/out`.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from extract.entities import Chain, get_recognizer  # noqa: E402

OTHER = ["project_codes", "dates", "emails", "phones", "urls"]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("work", type=Path)
    ap.add_argument("--docs", type=Path, default=None, help="input folder (default WORK/docs)")
    ap.add_argument("--model", type=Path, default=None, help="CRF model (default: the shipped one)")
    ap.add_argument("--chain", type=Path, default=None, help="entity chain file (default: the package's chain.yaml)")
    ap.add_argument("--profile", default="contract", help="contract (default) or corpus (FullStack-LV's conventions)")
    ap.add_argument("--disable", action="append", default=[], metavar="RULE_ID", help="switch an entity rule off")
    a = ap.parse_args()
    docs = a.docs or a.work / "docs"
    out = a.work / "out"
    out.mkdir(parents=True, exist_ok=True)
    chain = Chain.load(a.chain, profile=a.profile, disable=a.disable)
    rec = get_recognizer(a.model, chain) if a.model else get_recognizer(chain=chain)
    n_docs = n_sents = 0
    t0 = time.perf_counter()
    with open(out / "records.jsonl", "w", encoding="utf-8") as fh:
        for path in sorted(docs.glob("*.txt")):
            text = path.read_text(encoding="utf-8")
            res = rec.recognize(text)
            n_docs += 1
            r = {"doc_id": path.stem, "text": text,
                 "persons": [p.model_dump(exclude_none=True) for p in res.persons],
                 "places": [p.model_dump() for p in res.places],
                 "organizations": [o.model_dump(exclude_none=True) for o in res.organizations]}
            for k in OTHER:
                r[k] = []
            for kind in ("persons", "places", "organizations"):
                for item in r[kind]:
                    for m in item["mentions"]:
                        assert text[m["start"]:m["end"]] == m["text"], (path, m)
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    dt = time.perf_counter() - t0
    print(f"{n_docs} documents in {dt:.1f}s ({1000 * dt / max(n_docs, 1):.1f} ms/document) -> {out / 'records.jsonl'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
