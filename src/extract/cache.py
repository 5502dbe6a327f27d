"""A per-user cache of objects that extract builds from its own data files at start-up.

The NER lexicons are built from TSV files, and every name in them is expanded to its case
forms (`declension`): about 0.2 s in every process, every worker of every run. Built once
here and then unpickled, that is about 0.05 s. An entry is keyed by the SHA-256 of the files
it is built from and of the code that builds it, so an edited lexicon or declension rule
builds it afresh; the old entry is removed then.

Where: `$EXTRACT_CACHE_DIR`, else `$XDG_CACHE_HOME/extract`, else `~/.cache/extract`.
`EXTRACT_CACHE_DIR=off` turns the cache off. A directory that cannot be written, or an entry
that cannot be read, only means the object is built every time, as without a cache. Entries
are written atomically (a temporary file renamed), so processes starting together never read
half an entry.
"""
from __future__ import annotations

import hashlib
import logging
import os
import pickle
import sys
import tempfile
from pathlib import Path
from typing import Callable, Iterable, Optional, TypeVar

log = logging.getLogger(__name__)

T = TypeVar("T")

OFF = ("", "0", "off", "no", "none", "false")


def cache_dir() -> Optional[Path]:
    """The cache's directory, or None when it is turned off."""
    env = os.environ.get("EXTRACT_CACHE_DIR")
    if env is not None:
        return None if env.strip().lower() in OFF else Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "extract"


def key_of(name: str, sources: Iterable[Path]) -> str:
    """A digest of the entry's name, the Python and pickle versions and every source file."""
    from . import __version__

    h = hashlib.sha256(f"{name}\0{__version__}\0{sys.version_info[:2]}\0{pickle.HIGHEST_PROTOCOL}".encode())
    for p in sorted(sources, key=str):
        h.update(b"\0" + p.name.encode() + b"\0")
        try:
            h.update(p.read_bytes())
        except OSError:
            h.update(b"(missing)")
    return h.hexdigest()[:24]


def cached(name: str, sources: Iterable[Path], build: Callable[[], T]) -> T:
    """`build()`, or the object an earlier process built from the same `sources`."""
    directory = cache_dir()
    if directory is None:
        return build()
    path = directory / f"{name}-{key_of(name, sources)}.pickle"
    try:
        with open(path, "rb") as fh:
            return pickle.load(fh)
    except FileNotFoundError:
        pass
    except Exception as exc:  # noqa: BLE001 - a damaged or foreign entry: build it again
        log.debug("cache entry %s unreadable (%s); rebuilding it", path, exc)
    obj = build()
    _store(path, obj)
    return obj


def _store(path: Path, obj: object) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=path.name + ".", suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as fh:
                pickle.dump(obj, fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        stem = path.name.rsplit("-", 1)[0]
        for old in path.parent.glob(f"{stem}-*.pickle"):  # entries of older data or code
            if old != path and old.name.rsplit("-", 1)[0] == stem:
                old.unlink(missing_ok=True)
    except (OSError, pickle.PicklingError) as exc:
        log.debug("cannot write cache entry %s: %s", path, exc)
