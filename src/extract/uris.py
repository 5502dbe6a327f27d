"""Inputs named by URL (`s3://`, `gs://`, `hdfs://`, `file://` ...), read through pyarrow's file systems.

A run may name URLs where it names files and folders: a folder URL is listed recursively
(the same extensions as a local folder), a file URL is one input. Reading is as bounded as a
local read: the size the file system states is checked first, and no more than
`max_bytes` + 1 bytes are read whatever it says. pyarrow ships with the `ray` extra, the
engine that runs where archives live in object stores; without it a URL is an error line.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Iterable

URI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")
PYARROW_MISSING = "reading URLs needs pyarrow: pip install 'extract[ray]'"


class UriError(Exception):
    """A URL that cannot be listed or read; the message is its errors.jsonl line."""


def is_uri(value: object) -> bool:
    return isinstance(value, str) and bool(URI.match(value))


@dataclass(frozen=True)
class UriFile:
    uri: str  # the file's full URL
    path: PurePosixPath  # its path inside its file system (names and extensions come from it)


def open_filesystem(uri: str):
    """(pyarrow.fs, the file system, the path in it) of a URL, or `UriError`."""
    try:
        from pyarrow import fs
    except ImportError as exc:  # pragma: no cover - pyarrow comes with the ray extra
        raise UriError(PYARROW_MISSING) from exc
    try:
        return fs, *fs.FileSystem.from_uri(uri)
    except (OSError, ValueError, TypeError) as exc:  # pyarrow's ArrowInvalid is a ValueError
        raise UriError(f"cannot open {uri}: {exc}") from None


def _join(uri: str, root_path: str, path: str) -> str:
    """The URL of `path`, a file below the folder `root_path` that `uri` names."""
    base = uri.rstrip("/")
    rest = path[len(root_path.rstrip("/")):].lstrip("/")
    return f"{base}/{rest}" if rest else base


def list_uri(uri: str, extensions: Iterable[str]) -> list[UriFile]:
    """The files a URL names: itself, or (a folder) those below it with the extensions, sorted."""
    fs, filesystem, root = open_filesystem(uri)
    try:
        info = filesystem.get_file_info(root)
        if info.type == fs.FileType.NotFound:
            raise UriError("no such file or folder")
        if info.type == fs.FileType.File:
            return [UriFile(uri, PurePosixPath(root))]
        exts = tuple(e.lower() for e in extensions)
        found = filesystem.get_file_info(fs.FileSelector(root, recursive=True))
    except OSError as exc:
        raise UriError(f"cannot list: {exc}") from None
    files = [UriFile(_join(uri, root, f.path), PurePosixPath(f.path)) for f in found
             if f.type == fs.FileType.File and f.base_name.lower().endswith(exts) and not f.base_name.startswith(".")]
    return sorted(files, key=lambda f: f.uri)


def read_uri(uri: str, max_bytes: int) -> bytes:
    """The bytes of the file at `uri`, at most `max_bytes` (else `UriError`)."""
    fs, filesystem, path = open_filesystem(uri)
    try:
        info = filesystem.get_file_info(path)
        if info.type != fs.FileType.File:
            raise UriError("not a file" if info.type != fs.FileType.NotFound else "no such file")
        if info.size is not None and info.size > max_bytes:
            raise UriError(f"too large: {info.size} bytes (limit {max_bytes}; raise it with --max-bytes)")
        with filesystem.open_input_stream(path) as stream:
            data = stream.read(max_bytes + 1)
    except OSError as exc:
        raise UriError(f"cannot read: {exc}") from None
    if len(data) > max_bytes:
        raise UriError(f"too large: more than {max_bytes} bytes (limit {max_bytes}; raise it with --max-bytes)")
    return data


def uri_exists(uri: str) -> bool:
    try:
        fs, filesystem, path = open_filesystem(uri)
        return filesystem.get_file_info(path).type != fs.FileType.NotFound
    except (UriError, OSError):
        return False
