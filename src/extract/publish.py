"""An output folder named by URL (`-o s3://bucket/out/`): the run works in a local mirror and publishes it.

Object stores have no rename and no lock, and a run needs both for its guarantees (atomic
files, one writer, a manifest read back by the next run). So a run whose output is a URL
writes a local folder exactly as a local run does, the *mirror* (`--mirror DIR`; by default
one folder per URL in extract's cache), and around that run:

* `pull` first makes the mirror hold what the URL holds: the URL's manifest, and every record
  it lists (downloaded when the mirror's copy is missing or is not the one listed); records
  the URL does not list leave the mirror. A mirror kept between runs downloads nothing.
* `publish` after the run (also after Ctrl-C, which leaves a consistent folder) uploads the
  records this run wrote, deletes the ones it removed, then `records.jsonl`, `errors.jsonl`,
  `projects.jsonl`, and the manifest last. A reader who trusts the manifest never finds a
  listed record missing; an upload cut short leaves the old manifest, and the record files
  whose digests no longer match it are redone by the next run.
* `.extract.lock` at the URL names the run writing there (host, pid, time): a second run is
  refused while it is there. pyarrow's file systems cannot create an object only where none
  is, so two runs started in the same instant could both pass: the lock is advisory. A lock
  left by a killed run of this host (its pid is gone) is taken over; one from another host
  names it in the error, to be removed by hand once that run is known to be dead.
"""
from __future__ import annotations

import hashlib
import os
import socket
import time
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterator, Optional

import orjson

from .manifest import MANIFEST_NAME, ManifestEntry, load_manifest, parse_manifest, record_digest
from .outdir import LOCK_NAME, UsageError
from .uris import UriError, open_filesystem
from .writing import atomic_write_bytes

if TYPE_CHECKING:
    from .runner import RunSummary

CORPUS_FILES = ("records.jsonl", "errors.jsonl", "projects.jsonl")  # rebuilt by every run
MIRRORS_DIR = "outputs"  # under extract's cache folder


def default_mirror(url: str) -> Path:
    """The mirror of `url` in extract's cache (one folder per URL), or UsageError if the cache is off."""
    from .cache import cache_dir

    base = cache_dir()
    if base is None:
        raise UsageError(f"the output {url} is a URL and the cache is off: name a local mirror folder with --mirror")
    return base / MIRRORS_DIR / hashlib.sha256(url.rstrip("/").encode()).hexdigest()[:16]


class RemoteFolder:
    """The output folder at a URL: whole objects read, written and deleted by name."""

    def __init__(self, url: str):
        try:
            self.fs, self.filesystem, root = open_filesystem(url)
        except UriError as exc:
            raise UsageError(f"cannot use the output {url}: {exc}") from None
        self.url, self.root = url, root.rstrip("/")
        self._root_made = False

    def path(self, name: str) -> str:
        return f"{self.root}/{name}"

    def get(self, name: str) -> Optional[bytes]:
        try:
            info = self.filesystem.get_file_info(self.path(name))
            if info.type != self.fs.FileType.File:
                return None
            with self.filesystem.open_input_stream(self.path(name)) as stream:
                return stream.read()
        except OSError as exc:
            raise UsageError(f"cannot read {name} in {self.url}: {exc}") from None

    def put(self, name: str, data: bytes) -> None:
        try:
            if not self._root_made:  # once per run, not once per object
                self.filesystem.create_dir(self.root, recursive=True)
                self._root_made = True
            with self.filesystem.open_output_stream(self.path(name)) as stream:
                stream.write(data)
        except OSError as exc:
            raise UsageError(f"cannot write {name} in {self.url}: {exc}") from None

    def delete(self, name: str) -> None:
        try:
            self.filesystem.delete_file(self.path(name))
        except FileNotFoundError:
            pass
        except OSError as exc:
            raise UsageError(f"cannot delete {name} in {self.url}: {exc}") from None


def run_published(url: str, mirror: Path, execute: Callable[[], "RunSummary"]) -> "RunSummary":
    """Run `execute` (a run into `mirror`) between a pull from `url` and a publish to it, under
    the URL's lock; the summary says what was uploaded and deleted."""
    remote = RemoteFolder(url)
    with remote_lock(remote):
        before = pull(remote, mirror)
        summary = execute()
        uploaded, deleted = publish(remote, mirror, before)
    summary.published = f"{uploaded} records uploaded, {deleted} deleted at {url}"
    return summary


def pull(remote: RemoteFolder, mirror: Path) -> dict[str, ManifestEntry]:
    """Make the mirror's records and manifest those of the URL; returns the URL's manifest."""
    raw = remote.get(MANIFEST_NAME) or b""
    listed = parse_manifest(raw)
    for doc_id in set(load_manifest(mirror)) - set(listed):
        (mirror / f"{doc_id}.json").unlink(missing_ok=True)
    for entry in listed.values():
        local = mirror / f"{entry.doc_id}.json"
        if _digest_of(local) != entry.record_sha256 and (data := remote.get(local.name)) is not None:
            atomic_write_bytes(local, data)
    if raw:
        atomic_write_bytes(mirror / MANIFEST_NAME, raw)
    else:
        (mirror / MANIFEST_NAME).unlink(missing_ok=True)
    return listed


def publish(remote: RemoteFolder, mirror: Path, before: dict[str, ManifestEntry]) -> tuple[int, int]:
    """Upload what the run changed in the mirror; returns (records uploaded, records deleted)."""
    after = load_manifest(mirror)
    uploaded = deleted = 0
    for entry in after.values():
        old = before.get(entry.doc_id)
        if old is None or old.record_sha256 != entry.record_sha256:
            remote.put(f"{entry.doc_id}.json", (mirror / f"{entry.doc_id}.json").read_bytes())
            uploaded += 1
    for doc_id in set(before) - set(after):
        remote.delete(f"{doc_id}.json")
        deleted += 1
    for name in CORPUS_FILES + (MANIFEST_NAME,):
        path = mirror / name
        if path.exists():
            remote.put(name, path.read_bytes())
        else:
            remote.delete(name)
    return uploaded, deleted


def _digest_of(path: Path) -> Optional[str]:
    try:
        return record_digest(path.read_bytes())
    except OSError:
        return None


@contextmanager
def remote_lock(remote: RemoteFolder) -> Iterator[None]:
    """Hold the URL's advisory lock for the block (see the module's docstring)."""
    held = remote.get(LOCK_NAME)
    if held is not None and not _stale_here(held):
        raise UsageError(f"output {remote.url} is in use by another extract run ({_holder(held)}); wait for it "
                         f"to end, or remove {LOCK_NAME} there if that run is dead")
    mine = orjson.dumps({"host": socket.gethostname(), "pid": os.getpid(), "started": time.time()})
    remote.put(LOCK_NAME, mine)
    try:
        yield
    finally:
        if remote.get(LOCK_NAME) == mine:
            remote.delete(LOCK_NAME)


def _holder(raw: bytes) -> str:
    try:
        data = orjson.loads(raw)
        return f"host {data['host']}, pid {data['pid']}"
    except (orjson.JSONDecodeError, KeyError, TypeError):
        return "unreadable lock"


def _stale_here(raw: bytes) -> bool:
    """A lock written by a process of this host that no longer runs."""
    try:
        data = orjson.loads(raw)
        if data["host"] != socket.gethostname():
            return False
        os.kill(int(data["pid"]), 0)
    except ProcessLookupError:
        return True
    except (orjson.JSONDecodeError, KeyError, TypeError, ValueError, PermissionError):
        return False
    return False
