"""A run over many files: find inputs, skip unchanged ones, process in worker processes, write in order.

Workers (`workers.WorkerPool`, also at `--jobs 1`) each build the pipeline once and take
chunks of files, so stanza sees batches; a document that runs past the time or memory limit
stops its worker, not the run. Results are written in input order as they come, so memory
does not grow with the corpus. The output folder is locked for the run (`outdir`), and what
each record came from is kept in its manifest (`manifest`, `folder`).
"""
from __future__ import annotations

import functools
import gc
import os
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator, Optional

from .folder import OutputFolder
from .inputs import InputError, InputFile, absolute_path, assign_doc_ids, find_inputs, read_input
from .manifest import ManifestEntry, incremental_key, record_digest
from .outdir import clean_temp_files, output_lock, prepare_output_dir
from .reading import DEFAULT_MAX_BYTES, Document, ReadError, read_document, read_sidecar_date
from .records import DocumentRecord, ErrorRecord, RecordWarning
from .uris import is_uri
from .workers import DEFAULT_DOC_TIMEOUT_S, DEFAULT_MEMORY_MB, Limits, Stopped, WorkerPool
from .writing import OffsetError, check_offsets, record_files_bytes

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130


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
    doc_timeout_s: float = DEFAULT_DOC_TIMEOUT_S
    memory_mb: int = DEFAULT_MEMORY_MB
    engine: str = "local"  # "local" (worker processes) or "ray" (actors; see extract.distributed)
    ray_address: Optional[str] = None  # None: a local Ray on this machine; "auto"; "ray://HOST:10001"
    ray_actors: Optional[int] = None  # default: jobs
    publish_url: Optional[str] = None  # the output is this URL; out_dir is its local mirror (extract.publish)

    def record_options(self) -> dict[str, object]:
        """The options a record depends on (part of the incremental key; the document date
        enters the key per file)."""
        return {"sentence_model": self.sentence_model, "entities": self.entities}


@dataclass
class RunSummary:
    files: int = 0
    records: int = 0
    skipped: int = 0
    errors: int = 0
    removed: int = 0
    interrupted: bool = False
    seconds: float = 0.0
    warnings: int = 0  # in the records written by this run (records.py RecordWarning; reading's included)
    warned_records: int = 0
    error_messages: list[str] = field(default_factory=list)
    actor_maxrss_kb: dict[int, int] = field(default_factory=dict)  # --engine ray: actor pid -> peak RSS
    published: Optional[str] = None  # "N uploaded, M deleted at URL" when the output is a URL

    def line(self) -> str:
        tail = ", interrupted" if self.interrupted else ""
        where = f", published: {self.published}" if self.published else ""
        return (f"files {self.files}, records {self.records}, skipped {self.skipped} (unchanged), "
                f"errors {self.errors}, warnings {self.warnings}, removed {self.removed} (stale), "
                f"seconds {self.seconds:.2f}{tail}{where}")

    def exit_code(self) -> int:
        if self.interrupted:
            return EXIT_INTERRUPTED
        return EXIT_FAILED if self.errors else EXIT_OK


@dataclass
class Task:
    path: Path
    doc_id: str
    source: str = ""  # absolute path
    doc_date: Optional[str] = None  # --doc-date, else the sidecar's
    keep: bool = False  # the earlier record stays: its key is unchanged
    refused: Optional[str] = None  # why the file is not processed at all


@dataclass
class Result:
    doc_id: str
    path: Path
    record_json: Optional[bytes] = None  # pretty JSON of a new record
    line_json: Optional[bytes] = None  # compact JSON, for records.jsonl
    sha256: Optional[str] = None  # of the input, as the worker read it
    error: Optional[str] = None
    warnings: list[str] = field(default_factory=list)  # the record's warnings, "code: message"


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


def _process_chunk(tasks: list[Task], max_bytes: int) -> list[Result]:
    """In a worker: read and process a chunk of files; every failure is a Result, never raised."""
    from .pipeline import Pipeline

    pipe = _WORKER["pipeline"]
    assert isinstance(pipe, Pipeline)
    results: dict[str, Result] = {}
    docs: list[Document] = []
    for t in tasks:
        got = read_document(t.source if is_uri(t.source) else t.path, t.doc_id, max_bytes=max_bytes,
                            doc_date=t.doc_date)
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
        warnings = {d.doc_id: d.warnings for d in docs}
        for rec in records:
            results[rec.doc_id] = _finished(rec, warnings.get(rec.doc_id, []))
    return [results[t.doc_id] for t in tasks]


def _finished(rec: DocumentRecord, reading_warnings: list[str]) -> Result:
    """A record ready to write (JSON made here, in the worker), or refused for its offsets. What
    reading changed (replaced bytes) joins the record's own warnings."""
    path = Path(rec.source.path)
    try:
        check_offsets(rec)
    except OffsetError as exc:
        return Result(rec.doc_id, path, error=f"refused record: {exc}")
    rec.warnings[:0] = [RecordWarning(code="invalid-bytes", message=w) for w in reading_warnings]
    pretty, line = record_files_bytes(rec)
    return Result(rec.doc_id, path, record_json=pretty, line_json=line, sha256=rec.source.sha256,
                  warnings=[f"{w.code}: {w.message}" for w in rec.warnings])


def run(inputs: list[Path | str], opts: RunOptions, progress: Optional[Callable[[int, int], None]] = None,
        on_error: Optional[Callable[[str], None]] = None,
        on_warning: Optional[Callable[[str], None]] = None) -> RunSummary:
    """Process `inputs` into `opts.out_dir` (and publish it to `opts.publish_url`, whose local
    mirror it then is). Raises `outdir.UsageError` when the folder cannot be used (a file, not
    writable, another run writing there). Ctrl-C ends the workers and
    leaves a consistent folder with what was done (`summary.interrupted`)."""
    t0 = time.perf_counter()
    prepare_output_dir(opts.out_dir)
    with output_lock(opts.out_dir):
        clean_temp_files(opts.out_dir)
        if opts.publish_url is None:
            summary = _Run(inputs, opts, on_error, on_warning).execute(progress)
        else:
            from .publish import run_published

            summary = run_published(opts.publish_url, opts.out_dir,
                                    lambda: _Run(inputs, opts, on_error, on_warning).execute(progress))
    summary.seconds = time.perf_counter() - t0
    return summary


class _Run:
    def __init__(self, inputs: list[Path], opts: RunOptions, on_error: Optional[Callable[[str], None]],
                 on_warning: Optional[Callable[[str], None]] = None):
        from .pipeline import pipeline_fingerprint

        self.opts, self.on_error, self.on_warning = opts, on_error, on_warning
        self.summary = RunSummary()
        self.fingerprint = pipeline_fingerprint(opts.sentence_model, opts.entities)
        self.files, self.find_errors = find_inputs(inputs)
        self.ids = assign_doc_ids(self.files)
        self.summary.files = len(self.files)
        self.folder = OutputFolder(opts.out_dir, [absolute_path(p) for p in inputs])

    def execute(self, progress: Optional[Callable[[int, int], None]]) -> RunSummary:
        complete = False
        try:
            for e in self.find_errors:
                self.report(e.path, e.error)
            tasks = [self.plan(f) for f in self.files]
            outcomes = self.outcomes(tasks)
            try:
                for done, task in enumerate(tasks, 1):
                    self.settle(task, outcomes)
                    if progress:
                        progress(done, len(tasks))
            finally:
                outcomes.close()  # ends the workers, at once when interrupted
            complete = True
        except KeyboardInterrupt:
            self.summary.interrupted = True
        except BaseException:
            self.folder.abort()
            raise
        return self.end(complete)

    def end(self, complete: bool) -> RunSummary:
        """The end of a run, also of an interrupted one: settle the output folder, then rebuild
        the corpus-level outputs from its current records (`projects.jsonl`)."""
        from .projects.corpus import write_projects_file

        self.summary.removed = self.folder.finish(complete)
        write_projects_file(self.opts.out_dir)
        return self.summary

    def key(self, task: Task, sha256: str) -> str:
        return incremental_key(sha256=sha256, doc_date=task.doc_date, fingerprint=self.fingerprint,
                               options=self.opts.record_options(), doc_id=task.doc_id, path=str(task.path))

    def plan(self, f: InputFile) -> Task:
        task = Task(f.path, self.ids[f.path], f.absolute, self.opts.doc_date or read_sidecar_date(f.uri or f.path))
        other = self.folder.taken_by_other(task.doc_id, task.source)
        if other is not None:
            task.refused = (f"doc_id {task.doc_id!r} is taken in {self.opts.out_dir} by the record of {other} "
                            "(another run's input); write to another output folder")
        elif not self.opts.force and task.doc_id in self.folder.old:
            try:
                sha256 = record_digest(read_input(f.uri or f.path, self.opts.max_bytes))
            except InputError as exc:
                task.refused = str(exc)
            else:
                task.keep = self.folder.earlier(task.doc_id, task.source, self.key(task, sha256)) is not None
        return task

    def outcomes(self, tasks: list[Task]) -> Iterator[Result | Stopped]:
        """Outcomes of the tasks to do, in order (worker processes, also at `--jobs 1`)."""
        todo = [t for t in tasks if not t.keep and t.refused is None]
        if not todo:
            return
        if self.opts.engine == "ray":
            yield from self.ray_outcomes(todo)
            return
        jobs = max(1, min(self.opts.jobs, len(todo) // 2 or 1))
        size = max(1, min(self.opts.chunk_size, -(-len(todo) // jobs)))
        chunks = [todo[i:i + size] for i in range(0, len(todo), size)]
        if sys.platform.startswith("linux"):
            preload_shared(self.opts.entities)
        init = functools.partial(_init_worker, self.opts.sentence_model, self.opts.entities, worker_torch_threads(jobs))
        handle = functools.partial(_process_chunk, max_bytes=self.opts.max_bytes)
        with WorkerPool(jobs, init, handle, Limits(self.opts.doc_timeout_s, self.opts.memory_mb)) as pool:
            for chunk in pool.results(chunks):
                yield from chunk

    def ray_outcomes(self, todo: list[Task]) -> Iterator[Result]:
        """Outcomes of the tasks to do on Ray actors (`--engine ray`, `extract.distributed`)."""
        from .distributed.cluster import ray_session
        from .distributed.engine import ActorStats, RayOptions, ray_results

        actors = self.opts.ray_actors or self.opts.jobs
        ray_opts = RayOptions(self.opts.ray_address, actors, self.opts.chunk_size)
        with ray_session(self.opts.ray_address, num_cpus=None if self.opts.ray_address else actors):
            yield from ray_results(todo, self.opts, ray_opts, ActorStats(self.summary.actor_maxrss_kb))

    def settle(self, task: Task, outcomes: Iterator[Result | Stopped]) -> None:
        if task.refused is not None:
            self.fail(task, task.refused)
        elif task.keep:
            if self.folder.keep(task.doc_id):
                self.summary.skipped += 1
            else:
                self.fail(task, "its earlier record changed during the run; run again")
        else:
            self.write(task, next(outcomes))

    def write(self, task: Task, r: Result | Stopped) -> None:
        if isinstance(r, Stopped):
            return self.fail(task, r.reason)
        if r.error is not None or r.record_json is None or r.sha256 is None:
            return self.fail(task, r.error or "no record")
        entry = ManifestEntry(doc_id=task.doc_id, source=task.source, path=str(task.path), sha256=r.sha256,
                              key=self.key(task, r.sha256), record_sha256=record_digest(r.record_json))
        self.folder.write(entry, r.record_json, r.line_json or b"")
        self.summary.records += 1
        self.summary.warned_records += bool(r.warnings)
        for w in r.warnings:
            self.summary.warnings += 1
            self.folder.error(ErrorRecord(path=str(task.path), error=w, kind="warning"))
            if self.on_warning:
                self.on_warning(f"{task.path}: {w}")

    def fail(self, task: Task, message: str) -> None:
        self.folder.failed(task.source)
        self.report(task.path, message)

    def report(self, path: Path, message: str) -> None:
        self.summary.errors += 1
        self.summary.error_messages.append(f"{path}: {message}")
        self.folder.error(ErrorRecord(path=str(path), error=message))
        if self.on_error:
            self.on_error(f"{path}: {message}")


def default_jobs() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        return os.cpu_count() or 1
