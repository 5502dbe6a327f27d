#!/usr/bin/env python3
"""Entity recognition alone over a folder (read, normalise, recognise), for the per-sentence cost.

    python bench/ner_only.py FOLDER [--limit 500]
Prints one JSON line: documents, sentences, seconds (model loading excluded, reported apart).
Sentences are the recogniser's own light split, so the number does not depend on stanza.
"""
from __future__ import annotations

import argparse
import json
import time
from pathlib import Path


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("folder", type=Path)
    ap.add_argument("--limit", type=int, default=500)
    args = ap.parse_args()
    from extract.entities import get_recognizer
    from extract.entities.tokenize import split_sentences, tokenize
    from extract.normalise import normalise

    t0 = time.perf_counter()
    rec = get_recognizer()
    load = time.perf_counter() - t0
    texts = [normalise(p.read_text(encoding="utf-8")).text for p in sorted(args.folder.glob("*.txt"))[:args.limit]]
    sentences = [split_sentences(t, tokenize(t)) for t in texts]
    t0 = time.perf_counter()
    for text, sents in zip(texts, sentences):
        rec.recognize(text, sents)
    secs = time.perf_counter() - t0
    print(json.dumps({"documents": len(texts), "sentences": sum(map(len, sentences)), "seconds": secs,
                      "load_seconds": load}))


if __name__ == "__main__":
    main()
