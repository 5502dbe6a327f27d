"""One run's view of its output folder: records written or kept, errors, the manifest, stale records.

What a run leaves in the folder (also when it is interrupted): every record the manifest
lists has its `<doc_id>.json` and its line in `records.jsonl`, and nothing else does.
`records.jsonl` holds this run's records in input order, then the records of other inputs
already in the folder (earlier runs over other paths), ordered by source path. At the end of
a complete run, records whose source lies under this run's inputs but was not found again,
or whose input now fails, are removed; records of other inputs are kept.
"""
from __future__ import annotations

from pathlib import Path
from typing import Iterable, Optional

from .manifest import ManifestEntry, kept_record, load_manifest, record_digest, save_manifest, source_exists, under_roots
from .records import ErrorRecord
from .writing import OutputWriter, atomic_write_bytes


class OutputFolder:
    def __init__(self, out_dir: Path, roots: Iterable[str]):
        self.out_dir = out_dir
        self.roots = list(roots)
        self.old = load_manifest(out_dir)
        self.new: dict[str, ManifestEntry] = {}
        self.handled: set[str] = set()  # sources this run wrote, kept or failed
        self.writer = OutputWriter(out_dir)

    def record_path(self, doc_id: str) -> Path:
        return self.out_dir / f"{doc_id}.json"

    def taken_by_other(self, doc_id: str, source: str) -> Optional[str]:
        """The source of another run's input whose record has this doc_id, when that input
        still exists: the new input is refused rather than overwrite it."""
        entry = self.old.get(doc_id)
        if entry is None or entry.source == source or under_roots(entry.source, self.roots):
            return None
        return entry.source if source_exists(entry.source) else None

    def earlier(self, doc_id: str, source: str, key: str) -> Optional[bytes]:
        return kept_record(self.out_dir, self.old.get(doc_id), source, key)

    def write(self, entry: ManifestEntry, pretty: bytes, line: bytes) -> None:
        atomic_write_bytes(self.record_path(entry.doc_id), pretty)
        self.writer.records.write(line)
        self._add(entry)

    def keep(self, doc_id: str) -> bool:
        """Carry the earlier record into this run (read again now: records are not held in
        memory between planning and writing). False if it is no longer the one listed."""
        raw = self._intact(self.old[doc_id])
        if raw is None:
            return False
        self.writer.keep_record(raw)
        self._add(self.old[doc_id])
        return True

    def failed(self, source: str) -> None:
        self.handled.add(source)

    def error(self, error: ErrorRecord) -> None:
        self.writer.write_error(error)

    def _add(self, entry: ManifestEntry) -> None:
        self.new[entry.doc_id] = entry
        self.handled.add(entry.source)

    def finish(self, complete: bool) -> int:
        """Settle the folder: drop stale records (`complete`: all inputs were seen), append the
        kept records of other inputs, write the manifest, commit the JSONL files. Returns how
        many records were removed."""
        removed = 0
        others: list[tuple[ManifestEntry, bytes]] = []
        for entry in self.old.values():
            if entry.doc_id in self.new:
                continue
            if self._gone(entry, complete):
                removed += self._remove(entry.doc_id)
            elif (raw := self._intact(entry)) is not None:
                others.append((entry, raw))  # a record file changed by hand is left alone, unlisted
        for entry, raw in sorted(others, key=lambda pair: (pair[0].source, pair[0].doc_id)):
            self.writer.keep_record(raw)
            self.new[entry.doc_id] = entry
        save_manifest(self.out_dir, self.new.values())
        self.writer.close(ok=True)
        return removed

    def abort(self) -> None:
        self.writer.close(ok=False)

    def _gone(self, entry: ManifestEntry, complete: bool) -> bool:
        return entry.source in self.handled or (complete and under_roots(entry.source, self.roots))

    def _intact(self, entry: ManifestEntry) -> Optional[bytes]:
        try:
            raw = self.record_path(entry.doc_id).read_bytes()
        except OSError:
            return None
        return raw if record_digest(raw) == entry.record_sha256 else None

    def _remove(self, doc_id: str) -> int:
        try:
            self.record_path(doc_id).unlink()
            return 1
        except FileNotFoundError:
            return 0
