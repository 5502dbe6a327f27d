"""A run's inputs: files found under the paths given, their doc_ids, and a bounded, safe read.

Only regular files are read (a FIFO, device or socket, or a symlink to one, is refused
before it is opened for reading), and never more than `max_bytes` + 1 bytes of them,
whatever their size says (`/dev/zero`-like files report 0).
"""
from __future__ import annotations

import hashlib
import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Optional

from .uris import UriError, is_uri, list_uri, read_uri

DEFAULT_EXTENSIONS = (".txt", ".md", ".html", ".htm")
READ_BLOCK = 1 << 20
SUFFIX_DIGITS = (8, 12, 16, 40)  # hex digits of the doc_id suffix, lengthened only if it would clash


class InputError(Exception):
    """A file that cannot become a document; the message is its errors.jsonl line."""


@dataclass(frozen=True)
class InputFile:
    path: Path  # as found: the root as the user spelled it, joined with the path below it
    root: Path  # the file or folder given on the command line that led to it
    uri: Optional[str] = None  # a file named by URL (`uris`): `path` and `root` are inside its file system

    @property
    def relative(self) -> str:
        """The path below its root (POSIX); a file given by itself is its own name."""
        if self.path == self.root:
            return self.path.name
        return self.path.relative_to(self.root).as_posix()

    @property
    def absolute(self) -> str:
        """The path made absolute (not resolving symlinks): one spelling for `a/x.txt` and
        `/w/a/x.txt`; a file named by URL: its URL."""
        return self.uri or absolute_path(self.path)


@dataclass
class FindError:
    path: Path
    error: str


def absolute_path(path: Path | str) -> str:
    """One spelling of a path given on the command line (a URL stays as it is)."""
    if is_uri(path):
        return str(path)
    return os.path.normpath(os.path.abspath(path))


def find_inputs(paths: Iterable[Path | str], extensions: Iterable[str] = DEFAULT_EXTENSIONS) -> tuple[list[InputFile], list[FindError]]:
    """Expand files and folders (recursively) into a sorted, de-duplicated list of inputs.

    A path given by itself is an input whatever it is (a FIFO is refused when read, with an
    error line); inside folders, names with the extensions are. Symlink loops and unreadable
    folders are reported as errors, not raised.
    """
    exts = tuple(e.lower() for e in extensions)
    found: dict[str, InputFile] = {}
    errors: list[FindError] = []
    for given in paths:
        if is_uri(given):
            _add_uri_inputs(str(given), exts, found, errors)
            continue
        root = Path(given)
        if not root.exists() and not root.is_symlink():
            errors.append(FindError(root, "no such file or folder"))
        elif not root.is_dir():
            found.setdefault(absolute_path(root), InputFile(root, root))
        else:
            for p in _walk(root, exts, errors):
                found.setdefault(absolute_path(p), InputFile(p, root))  # one input, however often given
    return sorted(found.values(), key=lambda f: str(f.path)), errors


def _add_uri_inputs(uri: str, exts: tuple[str, ...], found: dict[str, InputFile], errors: list[FindError]) -> None:
    try:
        files = list_uri(uri, exts)
    except UriError as exc:
        errors.append(FindError(Path(uri), str(exc)))
        return
    root = Path(files[0].path) if len(files) == 1 and files[0].uri == uri else None
    for f in files:
        found.setdefault(f.uri, InputFile(Path(f.path), root or _uri_root(uri, f), f.uri))


def _uri_root(uri: str, f) -> Path:
    """The folder a URL names, as a path inside its file system (the start of `f.path`)."""
    below = f.uri[len(uri.rstrip("/")):].strip("/")
    return Path(str(f.path)[:len(str(f.path)) - len(below)].rstrip("/") or "/")


def read_input(path: Path | str, max_bytes: int) -> bytes:
    """The bytes of an input: a local regular file (`read_regular_file`) or a URL (`uris`)."""
    if is_uri(path):
        try:
            return read_uri(str(path), max_bytes)
        except UriError as exc:
            raise InputError(str(exc)) from None
    return read_regular_file(Path(path), max_bytes)


def _walk(root: Path, exts: tuple[str, ...], errors: list[FindError]) -> Iterable[Path]:
    seen_dirs: set[str] = set()

    def onerror(exc: OSError) -> None:
        errors.append(FindError(Path(exc.filename or root), f"cannot list folder: {exc.strerror or exc}"))

    for dirpath, dirnames, filenames in os.walk(root, followlinks=True, onerror=onerror):
        real = os.path.realpath(dirpath)
        if real in seen_dirs:
            errors.append(FindError(Path(dirpath), "symlink loop: folder already visited"))
            dirnames[:] = []
            continue
        seen_dirs.add(real)
        dirnames.sort()
        for name in sorted(filenames):
            if name.lower().endswith(exts) and not name.startswith("."):
                yield Path(dirpath) / name


def assign_doc_ids(inputs: list[InputFile]) -> dict[Path, str]:
    """doc_id = file name without extension when no other input has the same name (compared
    case-insensitively, so that the record files cannot clash on any file system). Inputs
    that share a name get `<name>-<8 hex digits>`: the start of the SHA-1 of the path below
    their root (of the absolute path, when that too is shared), lengthened when it would equal
    another input's name or id. Stable under relative or absolute spelling of the paths."""
    by_name: dict[str, list[InputFile]] = {}
    for f in inputs:
        by_name.setdefault(f.path.stem.casefold(), []).append(f)
    taken = set(by_name)
    ids: dict[Path, str] = {}
    for group in by_name.values():
        if len(group) == 1:
            ids[group[0].path] = group[0].path.stem
            continue
        relatives = [f.relative for f in group]
        for f in sorted(group, key=lambda f: (f.relative, f.absolute)):
            seed = f.absolute if relatives.count(f.relative) > 1 else f.relative
            ids[f.path] = _suffixed(f.path.stem, seed, taken)
            taken.add(ids[f.path].casefold())
    return ids


def _suffixed(stem: str, seed: str, taken: set[str]) -> str:
    digest = hashlib.sha1(seed.encode("utf-8")).hexdigest()
    for digits in SUFFIX_DIGITS:
        candidate = f"{stem}-{digest[:digits]}"
        if candidate.casefold() not in taken:
            return candidate
    raise InputError(f"no free doc_id for {seed}")  # pragma: no cover - a full SHA-1 collision


_KINDS = ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a FIFO"), (stat.S_ISCHR, "a character device"),
          (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"))


def _not_regular(mode: int) -> str:
    kind = next((name for test, name in _KINDS if test(mode)), "not a regular file")
    return f"not a regular file ({kind}): only regular files are read"


def read_regular_file(path: Path, max_bytes: int) -> bytes:
    """The bytes of a regular file of at most `max_bytes`, else `InputError`. Checked before
    opening (a FIFO would block) and again on the open file; reading stops after
    `max_bytes` + 1 bytes, so a file whose size lies cannot exhaust memory."""
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            raise InputError(_not_regular(os.stat(path).st_mode))
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}") from None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise InputError(_not_regular(st.st_mode))
        if st.st_size > max_bytes:
            raise InputError(_too_large(f"{st.st_size} bytes", max_bytes))
        return _read_at_most(fd, max_bytes)
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}") from None
    finally:
        os.close(fd)


def _read_at_most(fd: int, max_bytes: int) -> bytes:
    parts: list[bytes] = []
    total = 0
    while True:
        block = os.read(fd, min(READ_BLOCK, max_bytes + 1 - total))
        if not block:
            return b"".join(parts)
        parts.append(block)
        total += len(block)
        if total > max_bytes:
            raise InputError(_too_large(f"more than {max_bytes} bytes", max_bytes))


def _too_large(size: str, max_bytes: int) -> str:
    return f"too large: {size} (limit {max_bytes}; raise it with --max-bytes)"
