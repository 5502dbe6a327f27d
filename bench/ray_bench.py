#!/usr/bin/env python3
"""Ray engine against the local runner, side by side in one run. Prints numbers, asserts nothing.

    python bench/ray_bench.py [-n 500] [--rounds 2] [--work bench-out/ray]

On one corpus of `n` bench documents: the local runner at --jobs 1 and 2 (each run a fresh
process: models loaded, start-up included) and the Ray engine with 1 and 2 actors, on a local
Ray of 2 CPUs started once before the timings (cluster start excluded; the actors' model
loading included: a run starts its own actor pool). The four take turns for `rounds` rounds,
the order reversed every other round, so the machine's drift hits all alike; docs/s is over
the summed times. Peak RSS: of the local run's largest process, and of each Ray actor (what
one actor costs in memory).
"""
from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from make_corpus import make_corpus  # noqa: E402
from run_bench import measure  # noqa: E402


def local_run(corpus: Path, out: Path, jobs: int) -> tuple[float, float]:
    """(seconds, peak RSS MB) of `extract run --force --jobs N` in a fresh process."""
    secs, rss, _, _ = measure([sys.executable, "-m", "extract.cli", "run", str(corpus), "-o", str(out),
                               "--force", "--jobs", str(jobs)])
    return secs, rss


def ray_run(corpus: Path, out: Path, actors: int) -> tuple[float, float]:
    """(seconds, peak actor RSS MB) of a Ray engine run in this process (Ray already up)."""
    from extract.runner import RunOptions, run

    t0 = time.perf_counter()
    summary = run([corpus], RunOptions(out_dir=out, force=True, jobs=actors, engine="ray", ray_actors=actors))
    secs = time.perf_counter() - t0
    if summary.errors:
        raise SystemExit(f"ray run failed: {summary.error_messages[:3]}")
    return secs, max(summary.actor_maxrss_kb.values()) / 1024


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("-n", type=int, default=500)
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--work", type=Path, default=ROOT / "bench-out" / "ray")
    args = ap.parse_args()
    import ray

    corpus = args.work / "corpus"
    if not corpus.is_dir() or len(list(corpus.glob("*.txt"))) != args.n:
        shutil.rmtree(corpus, ignore_errors=True)
        make_corpus(corpus, args.n, 7)
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False, configure_logging=False)
    runs = {"local --jobs 1": lambda o: local_run(corpus, o, 1), "local --jobs 2": lambda o: local_run(corpus, o, 2),
            "ray, 1 actor": lambda o: ray_run(corpus, o, 1), "ray, 2 actors": lambda o: ray_run(corpus, o, 2)}
    secs = {k: 0.0 for k in runs}
    rss = {k: 0.0 for k in runs}
    for r in range(args.rounds):
        for name in (list(runs) if r % 2 == 0 else list(reversed(runs))):
            s, m = runs[name](args.work / "out" / name.replace(" ", "_").replace(",", ""))
            secs[name] += s
            rss[name] = max(rss[name], m)
            print(f"round {r + 1}: {name:15} {s:7.1f} s", flush=True)
    ray.shutdown()
    docs = args.n * args.rounds
    print(f"\n{args.n} documents x {args.rounds} rounds ({docs} documents per row)")
    print(f"{'what':16} {'docs/s':>7} {'peak RSS MB':>12}")
    for name in runs:
        print(f"{name:16} {docs / secs[name]:7.1f} {rss[name]:12.0f}")
    print(f"\nray 2 actors / 1 actor: {secs['ray, 1 actor'] / secs['ray, 2 actors']:.2f}x; "
          f"local --jobs 2 / 1: {secs['local --jobs 1'] / secs['local --jobs 2']:.2f}x; "
          f"ray 2 actors / local --jobs 2: {secs['local --jobs 2'] / secs['ray, 2 actors']:.2f}x")


if __name__ == "__main__":
    main()
