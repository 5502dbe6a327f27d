"""Atomic output files and the offset check that refuses a bad record."""
from __future__ import annotations

import os
from pathlib import Path

import orjson
import pytest

from extract.records import ContactMention, DocumentRecord, ErrorRecord, Source
from extract.writing import OffsetError, OutputWriter, atomic_write_bytes, check_offsets


def record(text: str = "e-pasts: a@b.lv", start: int = 9, end: int = 15) -> DocumentRecord:
    return DocumentRecord(
        doc_id="d1", source=Source(path="d1.txt", sha256="0" * 64, bytes=len(text), encoding="utf-8"), text=text,
        emails=[ContactMention(text=text[start:end] if end <= len(text) else "x", start=start, end=end, value="a@b.lv")],
    )


def test_check_offsets_accepts_good_and_refuses_bad() -> None:
    check_offsets(record())
    bad = record()
    bad.emails[0].start = 8
    with pytest.raises(OffsetError):
        check_offsets(bad)


def test_atomic_write_leaves_old_file_when_interrupted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "r.json"
    atomic_write_bytes(target, b"old")

    def boom(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(OSError):
        atomic_write_bytes(target, b"new and longer")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["r.json"]  # no temporary file left behind


def test_writer_writes_record_jsonl_and_errors(tmp_path: Path) -> None:
    w = OutputWriter(tmp_path)
    w.write_record(record())
    w.write_error(ErrorRecord(path="x.txt", error="empty file"))
    assert not (tmp_path / "records.jsonl").exists()  # nothing visible before commit
    w.close()
    rec = orjson.loads((tmp_path / "d1.json").read_bytes())
    assert rec["emails"][0]["value"] == "a@b.lv"
    lines = (tmp_path / "records.jsonl").read_bytes().splitlines()
    assert len(lines) == 1 and orjson.loads(lines[0])["doc_id"] == "d1"
    assert orjson.loads((tmp_path / "errors.jsonl").read_bytes()) == {"path": "x.txt", "error": "empty file", "kind": "error"}


def test_aborted_run_keeps_previous_jsonl(tmp_path: Path) -> None:
    (tmp_path / "records.jsonl").write_text("previous\n")
    w = OutputWriter(tmp_path)
    w.records.write(b"{}")
    w.close(ok=False)
    assert (tmp_path / "records.jsonl").read_text() == "previous\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["records.jsonl"]


def test_writer_refuses_record_with_bad_offsets(tmp_path: Path) -> None:
    bad = record()
    bad.emails[0].end = 14
    w = OutputWriter(tmp_path)
    with pytest.raises(OffsetError):
        w.write_record(bad)
    w.close()
    assert not (tmp_path / "d1.json").exists()
