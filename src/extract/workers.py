"""Worker processes with per-document limits: a document that runs away stops its worker, not the run.

`WorkerPool.results(chunks)` runs `handle(chunk)` in worker processes (each set up once by
`init()`) and yields the outcomes chunk by chunk, in input order. A chunk whose worker takes
longer than the time limit, grows past the memory limit (resident size, checked by the
parent) or dies is retried one document at a time in fresh workers; a document that still
trips a limit alone gets a `Stopped` outcome with the reason, and the run goes on. The same
holds at one worker as at many. Workers ignore SIGINT (the parent ends them on Ctrl-C) and
die with the parent (Linux: `PR_SET_PDEATHSIG`).
"""
from __future__ import annotations

import multiprocessing as mp
import os
import signal
import sys
import time
import traceback
from collections import deque
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from typing import Any, Callable, Iterator, Optional, Sequence

DEFAULT_DOC_TIMEOUT_S = 300.0
DEFAULT_MEMORY_MB = 4096
MEMORY_POLL_S = 0.5  # how often the parent reads a busy worker's resident size
STOP_GRACE_S = 5.0  # a worker asked to stop gets this long before it is killed
PR_SET_PDEATHSIG = 1


@dataclass(frozen=True)
class Limits:
    doc_timeout_s: float = DEFAULT_DOC_TIMEOUT_S  # per chunk, and per document when retried alone
    memory_mb: int = DEFAULT_MEMORY_MB  # resident size of a worker while it works


@dataclass(frozen=True)
class Stopped:
    """A document stopped by a limit, or lost with its worker: the reason is its error line."""

    reason: str


class WorkerInitError(RuntimeError):
    """A worker could not set itself up (e.g. a model is missing): the run cannot go on."""


@dataclass
class _Job:
    chunk: int  # index of the chunk in the input order
    positions: list[int]  # positions of its items in that chunk
    items: list[Any]


@dataclass
class _Worker:
    process: Any
    conn: Connection
    ready: bool = False
    job: Optional[_Job] = None
    deadline: float = 0.0
    next_memory_check: float = 0.0


@dataclass
class _Progress:
    sizes: list[int]
    done: dict[int, dict[int, Any]] = field(default_factory=dict)
    next_out: int = 0

    def put(self, job: _Job, outcomes: Sequence[Any]) -> None:
        slot = self.done.setdefault(job.chunk, {})
        slot.update(zip(job.positions, outcomes))

    def ready_chunks(self) -> Iterator[list[Any]]:
        while self.next_out < len(self.sizes) and len(self.done.get(self.next_out, ())) == self.sizes[self.next_out]:
            slot = self.done.pop(self.next_out)
            self.next_out += 1
            yield [slot[i] for i in range(len(slot))]


def _die_with_parent(parent: int) -> None:
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            ctypes.CDLL(None).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
        except (OSError, AttributeError):  # pragma: no cover - no prctl: the pipe's EOF still ends an idle worker
            pass
    if os.getppid() != parent:  # the parent died before prctl
        os._exit(1)


def _worker_main(conn: Connection, parent: int, init: Callable[[], None], handle: Callable[[list[Any]], list[Any]]) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _die_with_parent(parent)
    from .outdir import close_inherited_locks

    close_inherited_locks()
    try:
        init()
    except BaseException:  # noqa: BLE001 - reported to the parent, which stops the run
        conn.send(("init-failed", traceback.format_exc(limit=5)))
        return
    conn.send(("ready",))
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        if job is None:
            return
        try:
            conn.send(("done", handle(job)))
        except BaseException as exc:  # noqa: BLE001 - the parent retries the items one by one
            conn.send(("failed", f"{type(exc).__name__}: {exc}"))


def resident_mb(pid: int) -> Optional[float]:
    """Resident size of a process in MB (Linux `/proc`), None where unknown."""
    try:
        with open(f"/proc/{pid}/status", "rb") as fh:
            for line in fh:
                if line.startswith(b"VmRSS:"):
                    return int(line.split()[1]) / 1024
    except (OSError, ValueError, IndexError):
        return None
    return None


class WorkerPool:
    """`size` worker processes, each running `init()` once, then `handle(items)` per chunk."""

    def __init__(self, size: int, init: Callable[[], None], handle: Callable[[list[Any]], list[Any]],
                 limits: Limits, context: Optional[Any] = None):
        self.size = max(1, size)
        self.init, self.handle, self.limits = init, handle, limits
        self.ctx = context or mp.get_context("fork" if sys.platform.startswith("linux") else "spawn")
        self.workers: list[_Worker] = []
        self.queue: deque[_Job] = deque()

    def __enter__(self) -> "WorkerPool":
        return self

    def __exit__(self, exc_type: Any, *_: Any) -> None:
        self.close(graceful=exc_type is None)

    def results(self, chunks: Sequence[list[Any]]) -> Iterator[list[Any]]:
        """Outcomes of every chunk, in order: `handle`'s results, or `Stopped` per item."""
        progress = _Progress([len(c) for c in chunks])
        self.queue.extend(_Job(i, list(range(len(c))), list(c)) for i, c in enumerate(chunks))
        while progress.next_out < len(chunks):
            self._staff()
            self._dispatch(progress)
            self._wait(progress)
            self._enforce_limits(progress)
            yield from progress.ready_chunks()

    def _staff(self) -> None:
        busy = sum(1 for w in self.workers if w.job is not None)
        while len(self.workers) < min(self.size, len(self.queue) + busy):
            self.workers.append(self._spawn())

    def _spawn(self) -> _Worker:
        parent_conn, child_conn = self.ctx.Pipe()
        proc = self.ctx.Process(target=_worker_main, args=(child_conn, os.getpid(), self.init, self.handle),
                                daemon=True)
        proc.start()
        child_conn.close()
        return _Worker(proc, parent_conn)

    def _dispatch(self, progress: _Progress) -> None:
        for w in list(self.workers):
            if w.ready and w.job is None and self.queue:
                w.job = self.queue.popleft()
                now = time.monotonic()
                w.deadline, w.next_memory_check = now + self.limits.doc_timeout_s, now + MEMORY_POLL_S
                try:
                    w.conn.send(w.job.items)
                except OSError:  # it died since it said it was ready
                    self._lost(w, progress, _death_reason(w.process))

    def _wait(self, progress: _Progress) -> None:
        now = time.monotonic()
        busy = [w for w in self.workers if w.job]
        timeout = min([MEMORY_POLL_S] + [max(0.0, w.deadline - now) for w in busy])
        waitables = [w.conn for w in self.workers] + [w.process.sentinel for w in self.workers]
        for obj in wait(waitables, timeout=timeout):
            worker = next((w for w in self.workers if obj in (w.conn, w.process.sentinel)), None)
            if worker is not None:
                self._receive(worker, progress)

    def _receive(self, w: _Worker, progress: _Progress) -> None:
        try:
            if not w.conn.poll():
                if not w.process.is_alive():
                    self._lost(w, progress, _death_reason(w.process))
                return
            message = w.conn.recv()
        except (EOFError, OSError):
            self._lost(w, progress, _death_reason(w.process))
            return
        if message[0] == "init-failed":
            raise WorkerInitError(f"a worker could not load the pipeline:\n{message[1]}")
        if message[0] == "ready":
            w.ready = True
        elif message[0] == "done" and w.job is not None:
            progress.put(w.job, message[1])
            w.job = None
        elif message[0] == "failed" and w.job is not None:
            job, w.job = w.job, None
            self._retry_or_stop(job, progress, f"internal error: {message[1]}")

    def _enforce_limits(self, progress: _Progress) -> None:
        now = time.monotonic()
        for w in list(self.workers):
            if w.job is None:
                continue
            if now >= w.deadline:
                self._lost(w, progress, f"stopped: took longer than the time limit of {self.limits.doc_timeout_s:g} s "
                                        "(--doc-timeout)", by_limit=True)
            elif now >= w.next_memory_check:
                w.next_memory_check = now + MEMORY_POLL_S
                rss = resident_mb(w.process.pid)
                if rss is not None and rss > self.limits.memory_mb:
                    self._lost(w, progress, f"stopped: the worker grew to {rss:.0f} MB, past the memory limit of "
                                            f"{self.limits.memory_mb} MB (--max-memory)", by_limit=True)

    def _lost(self, w: _Worker, progress: _Progress, reason: str, by_limit: bool = False) -> None:
        """The worker died, or is killed now (`by_limit`); its job is retried or stopped; a new
        worker takes its place when there is work left (`_staff`). One that dies while loading
        the pipeline stops the run."""
        _end(w.process, kill=True)
        w.conn.close()
        self.workers.remove(w)
        if w.job is not None:
            self._retry_or_stop(w.job, progress, reason)
        elif not w.ready and not by_limit:
            raise WorkerInitError(f"a worker died while loading the pipeline ({reason})")

    def _retry_or_stop(self, job: _Job, progress: _Progress, reason: str) -> None:
        if len(job.items) == 1:
            progress.put(job, [Stopped(reason)])
            return
        for pos, item in reversed(list(zip(job.positions, job.items))):
            self.queue.appendleft(_Job(job.chunk, [pos], [item]))

    def close(self, graceful: bool = True) -> None:
        """Ask idle workers to stop (graceful), or end them at once (an error, Ctrl-C)."""
        for w in self.workers:
            if graceful and w.job is None and not w.conn.closed:
                try:
                    w.conn.send(None)
                except OSError:
                    pass
        for w in self.workers:
            _end(w.process, kill=not graceful)
            w.conn.close()
        self.workers = []


def _end(process: Any, kill: bool) -> None:
    if not kill:
        process.join(STOP_GRACE_S)
    if process.is_alive():
        process.kill()
    process.join()


def _death_reason(process: Any) -> str:
    process.join(STOP_GRACE_S)
    code = process.exitcode
    if code is not None and code < 0:
        name = signal.Signals(-code).name if -code in signal.valid_signals() else str(-code)
        return f"the worker process was killed by {name} (out of memory?)"
    return f"the worker process died (exit code {code})"
