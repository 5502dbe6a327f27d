"""Atomic, deterministic output: one `<doc_id>.json` per record, `records.jsonl`, `errors.jsonl`.

Every file is written to a temporary file in the same folder and renamed over the
target, so a crash leaves either the old file or the new one, never half of one.
"""
from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import IO, Optional

import orjson

from .records import DocumentRecord, ErrorRecord


class OffsetError(ValueError):
    """A mention whose offsets do not point at its text: the record is refused."""


def check_offsets(record: DocumentRecord) -> None:
    text = record.text
    for kind, m in record.iter_mentions():
        if not (0 <= m.start <= m.end <= len(text)) or text[m.start:m.end] != m.text:
            raise OffsetError(f"{record.doc_id}: {kind} mention {m.text!r} at [{m.start}:{m.end}] "
                              f"does not match the text there ({text[m.start:m.end]!r})")
    for s in record.sentences:
        if not 0 <= s.start <= s.end <= len(text):
            raise OffsetError(f"{record.doc_id}: sentence [{s.start}:{s.end}] outside the text")


def record_files_bytes(record: DocumentRecord) -> tuple[bytes, bytes]:
    """The record as its `<doc_id>.json` (indented, newline-terminated) and as its
    `records.jsonl` line (compact), from one `model_dump`."""
    data = record.model_dump(mode="json")
    return orjson.dumps(data, option=orjson.OPT_INDENT_2) + b"\n", orjson.dumps(data)


def atomic_write_bytes(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


class AtomicLines:
    """A JSONL file built line by line in a temporary file and renamed into place on `commit()`."""

    def __init__(self, path: Path):
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, self._tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        self._fh: Optional[IO[bytes]] = os.fdopen(fd, "wb")
        self.count = 0

    def write(self, line: bytes) -> None:
        assert self._fh is not None
        self._fh.write(line.rstrip(b"\n") + b"\n")
        self.count += 1

    def commit(self) -> None:
        if self._fh is None:
            return
        self._fh.flush()
        os.fsync(self._fh.fileno())
        self._fh.close()
        self._fh = None
        os.replace(self._tmp, self.path)

    def abort(self) -> None:
        if self._fh is not None:
            self._fh.close()
            self._fh = None
            try:
                os.unlink(self._tmp)
            except FileNotFoundError:
                pass


class OutputWriter:
    """Writes records and errors of one run into an output folder."""

    def __init__(self, out_dir: Path):
        self.out_dir = out_dir
        out_dir.mkdir(parents=True, exist_ok=True)
        self.records = AtomicLines(out_dir / "records.jsonl")
        self.errors = AtomicLines(out_dir / "errors.jsonl")

    def record_path(self, doc_id: str) -> Path:
        return self.out_dir / f"{doc_id}.json"

    def write_record(self, record: DocumentRecord) -> None:
        check_offsets(record)
        pretty, line = record_files_bytes(record)
        atomic_write_bytes(self.record_path(record.doc_id), pretty)
        self.records.write(line)

    def keep_record(self, raw_json: bytes) -> None:
        """Carry an unchanged record of an earlier run into this run's records.jsonl."""
        self.records.write(orjson.dumps(orjson.loads(raw_json)))

    def write_error(self, error: ErrorRecord) -> None:
        self.errors.write(orjson.dumps(error.model_dump(mode="json")))

    def close(self, ok: bool = True) -> None:
        for f in (self.records, self.errors):
            if ok:
                f.commit()
            else:
                f.abort()
