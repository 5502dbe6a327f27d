"""Reading an output folder: its records (records.jsonl, else the `<doc_id>.json` files) and projects.jsonl."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

import orjson
from pydantic import ValidationError

from .model import CorpusProjectIn, RecordIn

RECORDS_FILE = "records.jsonl"
PROJECTS_FILE = "projects.jsonl"


class NoRecords(ValueError):
    """The folder holds no records to export (or does not exist)."""


class BadRecord(ValueError):
    """A record or projects.jsonl line that is not what the contract describes."""


@dataclass
class Corpus:
    records: list[RecordIn]
    projects: list[CorpusProjectIn] = field(default_factory=list)


def _record_lines(out_dir: Path) -> Iterator[tuple[str, bytes]]:
    jsonl = out_dir / RECORDS_FILE
    if jsonl.is_file():
        for n, line in enumerate(jsonl.read_bytes().splitlines(), 1):
            if line.strip():
                yield f"{jsonl}:{n}", line
        return
    for path in sorted(out_dir.glob("*.json")):
        yield str(path), path.read_bytes()


def _parse(where: str, raw: bytes, model):
    try:
        data = orjson.loads(raw)
    except orjson.JSONDecodeError as e:
        raise BadRecord(f"{where}: not JSON ({e})") from None
    if model is RecordIn and not (isinstance(data, dict) and "doc_id" in data and "text" in data):
        return None  # some other JSON file in the folder
    try:
        return model.model_validate(data)
    except ValidationError as e:
        first = e.errors()[0]
        loc = ".".join(str(p) for p in first["loc"])
        raise BadRecord(f"{where}: {loc}: {first['msg']}") from None


def load_corpus(out_dir: Path) -> Corpus:
    """The records of `out_dir` (sorted by doc_id; the last of a repeated doc_id wins) and its projects.jsonl."""
    if not out_dir.is_dir():
        raise NoRecords(f"{out_dir} is not a folder")
    by_id: dict[str, RecordIn] = {}
    for where, raw in _record_lines(out_dir):
        rec = _parse(where, raw, RecordIn)
        if rec is not None:
            by_id[rec.doc_id] = rec
    if not by_id:
        raise NoRecords(f"{out_dir} holds no records (neither {RECORDS_FILE} lines nor <doc_id>.json files); "
                        f"run `extract run ... -o {out_dir}` first")
    projects = []
    pj = out_dir / PROJECTS_FILE
    if pj.is_file():
        for n, line in enumerate(pj.read_bytes().splitlines(), 1):
            if line.strip():
                projects.append(_parse(f"{pj}:{n}", line, CorpusProjectIn))
    return Corpus([by_id[k] for k in sorted(by_id)], projects)
