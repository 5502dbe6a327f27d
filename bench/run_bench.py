#!/usr/bin/env python3
"""`make bench`: throughput and memory of the pipeline on a generated corpus. Prints numbers, asserts nothing.

    python bench/run_bench.py [-n 2000] [--work bench-out] [--quick]

Measures, each in a fresh process (wall time includes loading models):
  (a) stanza sentence splitting alone (read + normalise + split) at --jobs 1 and 2;
  (b) the full pipeline (`extract run --force`) at --jobs 1 and 2;
      (a) and (b) at both job counts take turns over 4 slices of 500 documents (the order
      reversed every other slice) so that the machine's drift hits all alike; rows sum the slices;
  (c) scaling of the full pipeline at 500 / 1,000 / 2,000 documents (--jobs 2), then the whole
      corpus in one run at --jobs 1 and again at --jobs 2 (the speed-up as one run over the
      2,000 documents sees it: models loaded once, not once per slice);
  (d) an incremental rerun over the unchanged corpus (compared with the (c) 2,000 run);
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
           "u = resource.getrusage(resource.RUSAGE_CHILDREN); "
           "print(r.returncode, time.perf_counter() - t, u.ru_maxrss, u.ru_utime + u.ru_stime); "
           "print(r.stdout)")

def measure(cmd: list[str]) -> tuple[float, float, str, float]:
    """(seconds, peak RSS MB, stdout, CPU seconds) of a command run in a fresh measuring
    process; the CPU time is user + system of all its processes."""
    out = subprocess.run([sys.executable, "-c", MEASURE, *cmd], capture_output=True, text=True, check=True).stdout
    head, _, rest = out.partition("\n")
    rc, secs, rss_kb, cpu = head.split()
    if rc != "0":
        raise SystemExit(f"command failed ({rc}): {' '.join(cmd)}\n{rest}")
    return float(secs), int(rss_kb) / 1024, rest, float(cpu)


ROUNDS = 4


def slice_corpus(corpus: Path, dest: Path, rounds: int) -> list[Path]:
    """The corpus cut into `rounds` folders of consecutive documents (made once)."""
    files = sorted(corpus.glob("*.txt"))
    size = -(-len(files) // rounds)
    out = []
    for r in range(rounds):
        sub = dest / f"s{r}"
        part = files[r * size:(r + 1) * size]
        if not sub.is_dir() or len(list(sub.glob("*.txt"))) != len(part):
            shutil.rmtree(sub, ignore_errors=True)
            sub.mkdir(parents=True)
            for p in part:
                shutil.copy(p, sub / p.name)
        out.append(sub)
    return out


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
    # (a) and (b), at --jobs 1 and 2, take turns over ROUNDS slices of the corpus, the order
    # reversed every other slice: the speed of this shared machine drifts by 10-30 % within
    # the half hour a bench takes, and taking turns lets all four see the same drift. Each
    # slice run loads its models afresh, as a real run does; the rows sum the slices.
    slices = slice_corpus(corpus, args.work / f"corpus-{args.n}-slices", ROUNDS)
    configs = [(which, jobs) for jobs in (1, 2) for which in ("a", "b")]
    secs = {c: 0.0 for c in configs}
    cpu = {c: 0.0 for c in configs}
    rss = {c: 0.0 for c in configs}
    per_slice: dict[tuple[str, int], list[float]] = {c: [] for c in configs}
    for r, sub in enumerate(slices):
        for which, jobs in (configs if r % 2 == 0 else configs[::-1]):
            if which == "a":
                cmd = [sys.executable, str(HERE / "split_only.py"), str(sub), "--jobs", str(jobs)]
            else:
                cmd = [extract, "run", str(sub), "-o", str(args.work / f"out-{args.n}-j{jobs}-s{r}"),
                       "--jobs", str(jobs), "--force"]
            t, m, _, c = measure(cmd)
            per_slice[which, jobs].append(t)
            secs[which, jobs] += t
            cpu[which, jobs] += c
            rss[which, jobs] = max(rss[which, jobs], m)
    for jobs in (1, 2):
        results.append(row(f"(a) sentence splitting alone, --jobs {jobs}", args.n, chars, secs["a", jobs], rss["a", jobs]))
        results.append(row(f"(b) full pipeline, --jobs {jobs}", args.n, chars, secs["b", jobs], rss["b", jobs]))
    for jobs in (1, 2):
        print(f"    full pipeline / splitting alone throughput at --jobs {jobs}: {secs['a', jobs] / secs['b', jobs]:.2f}x")
    print(f"    --jobs 2 speed-up over --jobs 1: {secs['b', 1] / secs['b', 2]:.2f}x")
    # CPU time moves less with the machine's load than wall time: what the rest of the pipeline
    # costs over splitting alone, per document, start-up included
    for jobs in (1, 2):
        print(f"    CPU seconds at --jobs {jobs}: splitting alone {cpu['a', jobs]:.1f}, full {cpu['b', jobs]:.1f} "
              f"({1000 * (cpu['b', jobs] - cpu['a', jobs]) / args.n:.1f} ms a document more)")
    # the same ratios slice by slice: how far the machine's noise moves them
    for jobs in (1, 2):
        ratios = [a / b for a, b in zip(per_slice["a", jobs], per_slice["b", jobs])]
        print(f"    per slice at --jobs {jobs}: splitting alone " + " ".join(f"{t:.1f}" for t in per_slice["a", jobs])
              + " s, full " + " ".join(f"{t:.1f}" for t in per_slice["b", jobs])
              + " s, ratio " + " ".join(f"{x:.2f}" for x in ratios))
    ups = [a / b for a, b in zip(per_slice["b", 1], per_slice["b", 2])]
    print("    per slice --jobs 2 speed-up: " + " ".join(f"{x:.2f}" for x in ups))
    for c in configs:
        for r in results:
            if r["label"].startswith(f"({c[0]})") and r["label"].endswith(f"--jobs {c[1]}"):
                r["slice_seconds"] = [round(t, 2) for t in per_slice[c]]
                r["cpu_seconds"] = round(cpu[c], 2)
    full_out = args.work / f"out-scale-{args.n}"
    first = None
    if not args.quick:
        for n in (500, 1000, 2000):
            if n > args.n:
                continue
            sub = args.work / f"corpus-{args.n}-first{n}"
            if not sub.is_dir():
                sub.mkdir(parents=True)
                for p in sorted(corpus.glob("*.txt"))[:n]:
                    shutil.copy(p, sub / p.name)
            t, m, _, _ = measure([extract, "run", str(sub), "-o", str(args.work / f"out-scale-{n}"), "--jobs", "2", "--force"])
            results.append(row(f"(c) scaling, --jobs 2", n, chars_in(sub), t, m))
            if n == args.n:
                first = t
    if first is not None:
        # (b) once more on the whole corpus, one run per job count, as an analyst runs it: the
        # slices above load the models four times per row, which weighs the ~3 s start-up four
        # times. --jobs 1 between two --jobs 2 runs (the (c) 2,000 run and one more), so that a
        # drift of the machine's speed hits both job counts alike.
        t1, m1, _, _ = measure([extract, "run", str(corpus), "-o", str(args.work / f"out-whole-{args.n}-j1"),
                             "--jobs", "1", "--force"])
        t2, m2, _, _ = measure([extract, "run", str(corpus), "-o", str(args.work / f"out-whole-{args.n}-j2"),
                             "--jobs", "2", "--force"])
        results.append(row("(b) whole corpus in one run, --jobs 1", args.n, chars, t1, m1))
        results.append(row("(b) whole corpus in one run, --jobs 2 (again)", args.n, chars, t2, m2))
        print(f"    whole-corpus --jobs 2 speed-up over --jobs 1: {t1 / ((first + t2) / 2):.2f}x "
              f"(--jobs 1 {t1:.1f} s against the mean of the two --jobs 2 runs, {first:.1f} and {t2:.1f} s)")
    if first is None:  # --quick, or a corpus size the scaling line does not reach: a first run to rerun
        first, _, _, _ = measure([extract, "run", str(corpus), "-o", str(full_out), "--jobs", "2", "--force"])
    t, m, stdout, _ = measure([extract, "run", str(corpus), "-o", str(full_out), "--jobs", "2"])
    results.append(row("(d) incremental rerun, unchanged corpus", args.n, chars, t, m))
    print(f"    rerun / first run time: {t / first:.1%}   ({stdout.strip()})")
    _, m, stdout, _ = measure([sys.executable, str(HERE / "ner_only.py"), str(corpus), "--limit", "500"])
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
