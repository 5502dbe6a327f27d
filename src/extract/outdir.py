"""The output folder: checked before a run, locked while it runs, cleared of a killed run's temp files.

The lock is `flock` on `<out>/.extract.lock`: the kernel drops it when the process that
holds it ends, however it ends, so a crashed run never blocks the next one. Worker
processes close their inherited copy (`close_inherited_locks`), so that only the run
itself holds it.
"""
from __future__ import annotations

import errno
import fcntl
import os
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

LOCK_NAME = ".extract.lock"
TEMP_PREFIX, TEMP_SUFFIX = ".", ".tmp"  # writing.atomic_write_bytes / AtomicLines: `.<name>.<random>.tmp`

_HELD_LOCKS: set[int] = set()


class UsageError(Exception):
    """A run that cannot start (bad output folder, folder in use): exit 2, one line."""


def prepare_output_dir(out_dir: Path) -> None:
    """Create the folder, or say in one line why it cannot be one."""
    if out_dir.exists() and not out_dir.is_dir():
        raise UsageError(f"output path {out_dir} exists and is not a folder")
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UsageError(f"cannot create output folder {out_dir}: {exc.strerror or exc}") from None
    if not os.access(out_dir, os.W_OK | os.X_OK):
        raise UsageError(f"output folder {out_dir} is not writable")


@contextmanager
def output_lock(out_dir: Path) -> Iterator[None]:
    """Hold the folder's lock for the block, or raise `UsageError` when another run holds it."""
    path = out_dir / LOCK_NAME
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o644)
    except OSError as exc:
        raise UsageError(f"cannot create the lock file {path}: {exc.strerror or exc}") from None
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError as exc:
        holder = _read_holder(fd)
        os.close(fd)
        if exc.errno in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES):
            raise UsageError(f"output folder {out_dir} is in use by another extract run{holder}; "
                             "wait for it to end or write to another folder") from None
        raise UsageError(f"cannot lock {path}: {exc.strerror or exc}") from None
    os.ftruncate(fd, 0)
    os.write(fd, f"{os.getpid()}\n".encode())
    _HELD_LOCKS.add(fd)
    try:
        yield
    finally:
        _HELD_LOCKS.discard(fd)
        os.close(fd)  # releases the lock


def _read_holder(fd: int) -> str:
    try:
        pid = os.pread(fd, 32, 0).decode("ascii", "replace").strip()
    except OSError:
        return ""
    return f" (pid {pid})" if pid.isdigit() else ""


def close_inherited_locks() -> None:
    """In a forked worker: close the copies of the run's lock, which stays the run's alone."""
    for fd in list(_HELD_LOCKS):
        try:
            os.close(fd)
        except OSError:
            pass
    _HELD_LOCKS.clear()


def clean_temp_files(out_dir: Path) -> list[Path]:
    """Remove temp files that killed runs left (`.records.jsonl.*.tmp`, `.<doc_id>.json.*.tmp`,
    ...). Call it holding the lock: then no other run is writing any of them."""
    removed = []
    for p in out_dir.iterdir():
        if p.name.startswith(TEMP_PREFIX) and p.name.endswith(TEMP_SUFFIX) and p.is_file():
            try:
                p.unlink()
                removed.append(p)
            except FileNotFoundError:
                pass
    return removed
