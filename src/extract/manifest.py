"""`manifest.jsonl` of an output folder: for each record, where it came from and the key it was made with.

The incremental key covers everything a record depends on: the input's bytes, its
document date from outside the text (`--doc-date` or the sidecar; an HTML page's own date
is in its bytes), the pipeline fingerprint (code, rules, lexicons, models) and the run
options, and the doc_id and path the record states. A rerun keeps a record only when its
key, its source and the record file's own hash are unchanged. These functions take plain
values, so that another engine can share them.
"""
from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Iterable, Mapping, Optional

import orjson
from pydantic import BaseModel, ConfigDict, ValidationError

from .writing import atomic_write_bytes

MANIFEST_NAME = "manifest.jsonl"  # not `.json`: no doc_id's record file can have its name
KEY_VERSION = 1


class ManifestEntry(BaseModel):
    model_config = ConfigDict(extra="forbid")

    doc_id: str
    source: str  # the input's absolute path
    path: str  # the path as the run was given it (the record's source.path)
    sha256: str  # of the input's bytes
    key: str  # `incremental_key` the record was made with
    record_sha256: str  # of `<doc_id>.json` as written


def incremental_key(*, sha256: str, doc_date: Optional[str], fingerprint: str, options: Mapping[str, object],
                    doc_id: str, path: str) -> str:
    """The key of one record: equal keys, equal records."""
    payload = {"v": KEY_VERSION, "sha256": sha256, "doc_date": doc_date, "fingerprint": fingerprint,
               "options": dict(options), "doc_id": doc_id, "path": path}
    return hashlib.sha256(orjson.dumps(payload, option=orjson.OPT_SORT_KEYS)).hexdigest()


def load_manifest(out_dir: Path) -> dict[str, ManifestEntry]:
    """Entries by doc_id; a missing manifest is empty (every input is redone), a line that is
    not an entry is skipped (its record is redone or left unlisted)."""
    try:
        raw = (out_dir / MANIFEST_NAME).read_bytes()
    except OSError:
        return {}
    return parse_manifest(raw)


def parse_manifest(raw: bytes) -> dict[str, ManifestEntry]:
    """Entries by doc_id of a manifest's bytes (a line that is not an entry is skipped)."""
    entries: dict[str, ManifestEntry] = {}
    for line in raw.splitlines():
        try:
            entry = ManifestEntry.model_validate_json(line)
        except (ValidationError, ValueError):
            continue
        entries[entry.doc_id] = entry
    return entries


def save_manifest(out_dir: Path, entries: Iterable[ManifestEntry]) -> None:
    """Write the manifest atomically: one entry a line, ordered by source path."""
    ordered = sorted(entries, key=lambda e: (e.source, e.doc_id))
    atomic_write_bytes(out_dir / MANIFEST_NAME, b"".join(orjson.dumps(e.model_dump(mode="json")) + b"\n" for e in ordered))


def record_digest(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()


def kept_record(out_dir: Path, entry: Optional[ManifestEntry], source: str, key: str) -> Optional[bytes]:
    """The earlier record file when the manifest says it was made from this source with this
    key and the file is still the one written then; else None (redo)."""
    if entry is None or entry.source != source or entry.key != key:
        return None
    try:
        raw = (out_dir / f"{entry.doc_id}.json").read_bytes()
    except OSError:
        return None
    return raw if record_digest(raw) == entry.record_sha256 else None


def under_roots(source: str, roots: Iterable[str]) -> bool:
    """Whether an absolute source path is one of these absolute roots or lies below one."""
    return any(source == r or source.startswith(r.rstrip(os.sep) + os.sep) for r in roots)


def source_exists(source: str) -> bool:
    return os.path.lexists(source)
