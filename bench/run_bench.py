#!/usr/bin/env python3
"""`make bench`: throughput and memory of the pipeline on a generated corpus. Prints numbers, asserts nothing.

    python bench/run_bench.py [-n 2000] [--work bench-out] [--quick]

Measures, each in a fresh process (wall time includes loading models):
  (a) stanza sentence splitting alone (read + normalise + split) at --jobs 1 and 2;
  (b) the full pipeline (`extract run --force`) at --jobs 1 and 2, each run right after the
      (a) run at the same job count;
  (c) scaling of the full pipeline at 500 / 1,000 / 2,000 documents (--jobs 2);
  (d) an incremental rerun over the unchanged corpus;
  (e) entity recognition alone: milliseconds per sentence.
Peak RSS is the largest resident set of any process of the run (a worker, or the
parent at --jobs 1).
"""
from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from make_corpus import make_corpus  # noqa: E402

MEASURE = ("import resource, subprocess, sys, time; t = time.perf_counter(); "
           "r = subprocess.run(sys.argv[1:], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True); "
           "print(r.returncode, time.perf_counter() - t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss); "
           "print(r.stdout)")


def measure(cmd: list[str]) -> tuple[float, float, str]:
    """(seconds, peak RSS MB, stdout) of a command run in a fresh measuring process."""
    out = subprocess.run([sys.executable, "-c", MEASURE, *cmd], capture_output=True, text=True, check=True).stdout
    head, _, rest = out.partition("\n")
    rc, secs, rss_kb = head.split()
    if rc != "0":
        raise SystemExit(f"command failed ({rc}): {' '.join(cmd)}\n{rest}")
    return float(secs), int(rss_kb) / 1024, rest


def chars_in(folder: Path) -> int:
    return sum(len(p.read_text(encoding="utf-8")) for p in folder.glob("*.txt"))


def row(label: str, docs: int, chars: int, secs: float, rss: float) -> dict:
    print(f"{label:44} {docs:6d} docs {secs:8.1f} s {docs / secs:8.1f} docs/s {chars / secs:10.0f} chars/s "
          f"peak RSS {rss:6.0f} MB", flush=True)
    return {"label": label, "docs": docs, "chars": chars, "seconds": round(secs, 2),
            "docs_per_s": round(docs / secs, 2), "chars_per_s": round(chars / secs), "peak_rss_mb": round(rss)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("-n", type=int, default=2000)
    ap.add_argument("--work", type=Path, default=Path("bench-out"))
    ap.add_argument("--quick", action="store_true", help="skip the scaling line (c)")
    args = ap.parse_args()
    extract = str(Path(sys.executable).with_name("extract"))
    corpus = args.work / f"corpus-{args.n}"
    if not corpus.is_dir() or len(list(corpus.glob("*.txt"))) != args.n:
        shutil.rmtree(corpus, ignore_errors=True)
        make_corpus(corpus, args.n)
    chars = chars_in(corpus)
    print(f"corpus: {args.n} documents, {chars} characters ({chars / args.n:.0f} per document)\n")
    results = []
    full, split = {}, {}
    # each (a) run right before the (b) run it is compared with: the machine's speed drifts
    # over the half hour a bench takes, and adjacent runs see the same drift
    for jobs in (1, 2):
        secs, rss, _ = measure([sys.executable, str(HERE / "split_only.py"), str(corpus), "--jobs", str(jobs)])
        split[jobs] = secs
        results.append(row(f"(a) sentence splitting alone, --jobs {jobs}", args.n, chars, secs, rss))
        out = args.work / f"out-{args.n}-j{jobs}"
        secs, rss, _ = measure([extract, "run", str(corpus), "-o", str(out), "--jobs", str(jobs), "--force"])
        full[jobs] = secs
        results.append(row(f"(b) full pipeline, --jobs {jobs}", args.n, chars, secs, rss))
    for jobs in (1, 2):
        print(f"    full pipeline / splitting alone throughput at --jobs {jobs}: {split[jobs] / full[jobs]:.2f}x")
    print(f"    --jobs 2 speed-up over --jobs 1: {full[1] / full[2]:.2f}x")
    if not args.quick:
        for n in (500, 1000, 2000):
            if n > args.n:
                continue
            sub = args.work / f"corpus-{args.n}-first{n}"
            if not sub.is_dir():
                sub.mkdir(parents=True)
                for p in sorted(corpus.glob("*.txt"))[:n]:
                    shutil.copy(p, sub / p.name)
            secs, rss, _ = measure([extract, "run", str(sub), "-o", str(args.work / f"out-scale-{n}"), "--jobs", "2", "--force"])
            results.append(row(f"(c) scaling, --jobs 2", n, chars_in(sub), secs, rss))
    out = args.work / f"out-{args.n}-j2"
    secs, rss, stdout = measure([extract, "run", str(corpus), "-o", str(out), "--jobs", "2"])
    results.append(row("(d) incremental rerun, unchanged corpus", args.n, chars, secs, rss))
    print(f"    rerun / first run time: {secs / full[2]:.1%}   ({stdout.strip()})")
    _, rss, stdout = measure([sys.executable, str(HERE / "ner_only.py"), str(corpus), "--limit", "500"])
    ner = json.loads(stdout)
    per_sent = 1000 * ner["seconds"] / ner["sentences"]
    print(f"(e) entity recognition alone, one process  {ner['documents']:6d} docs {ner['sentences']:6d} sentences "
          f"{per_sent:6.2f} ms/sentence (model load {ner['load_seconds']:.1f} s once)")
    results.append({"label": "(e) entity recognition alone", "docs": ner["documents"], "sentences": ner["sentences"],
                    "seconds": round(ner["seconds"], 2), "ms_per_sentence": round(per_sent, 3)})
    (args.work / "bench.json").write_text(json.dumps(results, indent=2))
    print(f"\nresults written to {args.work / 'bench.json'}")


if __name__ == "__main__":
    main()
