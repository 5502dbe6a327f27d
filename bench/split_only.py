#!/usr/bin/env python3
"""Stanza sentence splitting alone over a folder (read, normalise, split), for comparison.

    python bench/split_only.py FOLDER [--jobs N] [--batch 8] [--reference] [--model PATH]
--reference splits through stanza's Pipeline as before issue 29 (`SentenceSplitter(direct=False)`);
--model: another tokenizer file (default: the bundled one).
Prints one JSON line: documents, characters, seconds.
"""
from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import time
from pathlib import Path

_SPLITTER = None


def _init(torch_threads: int = 0, direct: bool = True, model: str = "bundled") -> None:
    global _SPLITTER
    import gc

    # as extract's runner does (runner._init_worker): one torch thread per job; the collector is off while the model loads, then tuned
    gc.disable()
    from extract.sentences import SentenceSplitter

    from extract.runner import set_torch_threads, tune_gc

    set_torch_threads(torch_threads)
    _SPLITTER = SentenceSplitter(model, direct=direct)
    _SPLITTER.tokenizer if direct else _SPLITTER.pipeline  # noqa: B018 - loaded now, as the runner does
    tune_gc()


def _split(paths: list[str]) -> int:
    from extract.normalise import normalise

    texts = [normalise(Path(p).read_text(encoding="utf-8")).text for p in paths]
    assert _SPLITTER is not None
    _SPLITTER.split(texts)
    return sum(len(t) for t in texts)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("folder", type=Path)
    ap.add_argument("--jobs", type=int, default=1)
    ap.add_argument("--batch", type=int, default=8)
    ap.add_argument("--reference", action="store_true", help="split through stanza's Pipeline (the splitter before #29)")
    ap.add_argument("--model", default="bundled")
    args = ap.parse_args()
    files = sorted(str(p) for p in args.folder.glob("*.txt"))
    chunks = [files[i:i + args.batch] for i in range(0, len(files), args.batch)]
    t0 = time.perf_counter()
    from extract.runner import worker_torch_threads

    threads = worker_torch_threads(args.jobs)
    if args.jobs == 1:
        _init(threads, not args.reference, args.model)
        chars = sum(_split(c) for c in chunks)
    else:
        with mp.get_context("fork").Pool(args.jobs, initializer=_init, initargs=(threads, not args.reference, args.model)) as pool:
            chars = sum(pool.imap(_split, chunks))
    print(json.dumps({"documents": len(files), "characters": chars, "seconds": time.perf_counter() - t0}))


if __name__ == "__main__":
    main()
