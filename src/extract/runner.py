"""A run over many files: find inputs, skip unchanged ones, process in parallel, write in order.

Workers each build the pipeline once (pool initializer) and take chunks of files, so
stanza sees batches; results come back in input order (`imap`) and are streamed to
disk at once, so memory does not grow with the corpus.
"""
from __future__ import annotations

import gc
import hashlib
import multiprocessing as mp
import os
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator, Optional

import orjson

from .reading import DEFAULT_MAX_BYTES, Document, ReadError, assign_doc_ids, find_inputs, read_document
from .records import ErrorRecord
from .writing import OffsetError, OutputWriter, check_offsets, record_files_bytes


@dataclass
class RunOptions:
    out_dir: Path
    doc_date: Optional[str] = None
    max_bytes: int = DEFAULT_MAX_BYTES
    jobs: int = 1
    force: bool = False
    sentence_model: str = "bundled"
    entities: bool = True
    chunk_size: int = 8


@dataclass
class RunSummary:
    files: int = 0
    records: int = 0
    skipped: int = 0
    errors: int = 0
    seconds: float = 0.0
    warnings: int = 0  # in the records written by this run (records.py RecordWarning)
    warned_records: int = 0
    error_messages: list[str] = field(default_factory=list)

    def line(self) -> str:
        return (f"files {self.files}, records {self.records}, skipped {self.skipped} (unchanged), "
                f"errors {self.errors}, seconds {self.seconds:.2f}")


@dataclass
class Task:
    path: Path
    doc_id: str
    keep: Optional[bytes] = None  # the earlier record, when the input is unchanged


@dataclass
class Result:
    doc_id: str
    path: Path
    record_json: Optional[bytes] = None  # pretty JSON of a new record
    line_json: Optional[bytes] = None  # compact JSON, for records.jsonl
    keep: Optional[bytes] = None
    error: Optional[str] = None
    warnings: int = 0


_WORKER: dict[str, object] = {}


TORCH_THREADS_PER_JOB = 1


def worker_torch_threads(jobs: int) -> int:
    """Torch threads for each of `jobs` processes: one. `--jobs` is the number of cores a run
    uses, and the cores are used across documents, not inside one stanza call: the sentence
    model is a small LSTM over batches of a few documents, which torch's intra-op threads
    barely speed up. Measured on this 2-core machine, 500 bench documents split in one process:
    20.7 and 23.1 s with two torch threads (35.4 and 41.0 s of CPU), 23.1 and 21.8 s with one
    (21.5 and 21.1 s of CPU); two processes of one thread each: 12.3 and 12.5 s. Torch's own
    default (a thread per core in every process) would also oversubscribe the cores at
    `--jobs` > 1 (2 workers x 2 threads on 2 cores ran over ten times slower)."""
    return TORCH_THREADS_PER_JOB


def set_torch_threads(n: int) -> None:
    """Torch's intra-op threads for this process (see `worker_torch_threads`). 0: leave as is."""
    if n:
        import torch

        torch.set_num_threads(n)


def tune_gc() -> None:
    """Once the models are loaded: hide them from the garbage collector (`gc.freeze`: they
    live as long as the process, so scanning them again and again is wasted work), and run
    the collector less often (stanza and the rules make many short-lived objects; measured
    on 240 bench documents in one process: 5,900 collections taking 4.1 s of 55 s, against
    42 taking 1.0 s). Cycles are still collected; a worker's memory stays as flat. Turns the
    collector on (`_init_worker` loads with it off)."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(50_000, 20, 100)
    gc.enable()


def preload_shared(entities: bool) -> None:
    """In the parent, before it forks the workers: build once what every worker uses and never
    changes (the rules; the NER lexicons and model), so that each forked worker starts with it
    (the pages are shared until written) instead of building its own. Stanza is still loaded
    in each worker: torch's thread pools do not survive a fork. Frozen, as `tune_gc` does, so
    that the parent's collections neither scan these objects nor touch their pages."""
    gc.disable()
    try:
        from .rules import default_ruleset

        default_ruleset()
        if entities:
            from .entities import get_recognizer

            get_recognizer()
    finally:
        gc.collect()
        gc.freeze()
        gc.enable()


def _init_worker(sentence_model: str, entities: bool, torch_threads: int = 0) -> None:
    """Load the models once per process. The collector is off while they load: importing torch
    and stanza and building the rules, lexicons and CRF make millions of objects that live as
    long as the process, and the collections their allocations set off kept scanning them
    (measured: 0.25 s less start-up without); `tune_gc` collects once, freezes them and turns
    the collector back on, also when loading fails."""
    gc.disable()
    try:
        from .pipeline import Pipeline

        set_torch_threads(torch_threads)
        pipe = Pipeline(sentence_model, entities)
        pipe.splitter.pipeline  # stanza itself, otherwise loaded at the first split  # noqa: B018
        _WORKER["pipeline"] = pipe
    finally:
        tune_gc()


def _process_chunk(args: tuple[list[Task], Optional[str], int]) -> list[Result]:
    tasks, doc_date, max_bytes = args
    from .pipeline import Pipeline

    pipe = _WORKER["pipeline"]
    assert isinstance(pipe, Pipeline)
    results: dict[str, Result] = {}
    docs: list[Document] = []
    for t in tasks:
        if t.keep is not None:
            results[t.doc_id] = Result(t.doc_id, t.path, keep=t.keep)
            continue
        got = read_document(t.path, t.doc_id, max_bytes=max_bytes, doc_date=doc_date)
        if isinstance(got, ReadError):
            results[t.doc_id] = Result(t.doc_id, t.path, error=got.error)
        else:
            docs.append(got)
    if docs:
        try:
            records = pipe.process(docs)
        except Exception as exc:  # one bad batch must not stop the run: retry one by one
            records = []
            for d in docs:
                try:
                    records.extend(pipe.process([d]))
                except Exception as exc1:  # noqa: BLE001 - reported as an error line
                    results[d.doc_id] = Result(d.doc_id, d.path, error=f"internal error: {type(exc1).__name__}: {exc1}")
            del exc
        for rec in records:
            try:
                check_offsets(rec)
            except OffsetError as exc:
                results[rec.doc_id] = Result(rec.doc_id, Path(rec.source.path), error=f"refused record: {exc}")
                continue
            pretty, line = record_files_bytes(rec)
            results[rec.doc_id] = Result(rec.doc_id, Path(rec.source.path), record_json=pretty, line_json=line,
                                         warnings=len(rec.warnings))
    return [results[t.doc_id] for t in tasks]


def _earlier_record(out_dir: Path, path: Path, doc_id: str, version: str) -> Optional[bytes]:
    """The earlier record of this input if its content and the pipeline are unchanged."""
    rec_path = out_dir / f"{doc_id}.json"
    try:
        raw = rec_path.read_bytes()
        rec = orjson.loads(raw)
        if rec.get("pipeline_version") != version:
            return None
        if rec.get("source", {}).get("sha256") != hashlib.sha256(path.read_bytes()).hexdigest():
            return None
        return raw
    except (OSError, orjson.JSONDecodeError, AttributeError):
        return None


def _chunks(tasks: list[Task], size: int) -> Iterator[list[Task]]:
    for i in range(0, len(tasks), size):
        yield tasks[i:i + size]


def run(inputs: list[Path], opts: RunOptions, progress: Optional[Callable[[int, int], None]] = None,
        on_error: Optional[Callable[[str], None]] = None) -> RunSummary:
    from .pipeline import pipeline_fingerprint

    t0 = time.perf_counter()
    summary = RunSummary()
    files, find_errors = find_inputs(inputs)
    ids = assign_doc_ids(files)
    summary.files = len(files)
    writer = OutputWriter(opts.out_dir)

    def report(path: Path, message: str) -> None:
        summary.errors += 1
        summary.error_messages.append(f"{path}: {message}")
        writer.write_error(ErrorRecord(path=str(path), error=message))
        if on_error:
            on_error(f"{path}: {message}")

    ok = False
    try:
        for e in find_errors:
            report(e.path, e.error)
        version = pipeline_fingerprint(opts.sentence_model, opts.entities)
        tasks = []
        for f in files:
            keep = None if opts.force else _earlier_record(opts.out_dir, f, ids[f], version)
            tasks.append(Task(f, ids[f], keep))
        todo = sum(1 for t in tasks if t.keep is None)
        jobs = max(1, min(opts.jobs, todo // 2 or 1))
        chunk = max(1, min(opts.chunk_size, -(-todo // jobs) if todo else 1))
        work = [(c, opts.doc_date, opts.max_bytes) for c in _chunks(tasks, chunk)]
        done = 0
        if jobs == 1 or todo <= 1:
            if todo:
                _init_worker(opts.sentence_model, opts.entities, worker_torch_threads(1))
            results_iter: Iterator[list[Result]] = (_process_chunk(w) if any(t.keep is None for t in w[0])
                                                    else [Result(t.doc_id, t.path, keep=t.keep) for t in w[0]]
                                                    for w in work)
            pool = None
        else:
            fork = sys.platform.startswith("linux")
            ctx = mp.get_context("fork" if fork else "spawn")
            if fork:
                preload_shared(opts.entities)
            pool = ctx.Pool(jobs, initializer=_init_worker,
                            initargs=(opts.sentence_model, opts.entities, worker_torch_threads(jobs)))
            results_iter = pool.imap(_process_chunk, work)
        try:
            for results in results_iter:
                for r in results:
                    if r.error is not None:
                        report(r.path, r.error)
                    elif r.keep is not None:
                        writer.keep_record(r.keep)
                        summary.skipped += 1
                    else:
                        from .writing import atomic_write_bytes

                        atomic_write_bytes(writer.record_path(r.doc_id), r.record_json or b"")
                        writer.records.write(r.line_json or b"")
                        summary.records += 1
                        summary.warnings += r.warnings
                        summary.warned_records += r.warnings > 0
                    done += 1
                    if progress:
                        progress(done, len(tasks))
        finally:
            if pool is not None:
                pool.close()
                pool.join()
        ok = True
    finally:
        writer.close(ok=ok)
    summary.seconds = time.perf_counter() - t0
    return summary


def default_jobs() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        return os.cpu_count() or 1
