"""projects.jsonl: one line per project across all documents of an output folder.

Projects of different records are one project when they share a code, else (where either has no
code) when they share a name (title or other name, compared without case, quotes and spacing).
Each line holds what the documents say, field by field as lists, and the `doc_id`s that speak of
it. The file is rebuilt from the folder's current records (`records.jsonl`) at the end of every
run, so a changed or removed document changes it; it is written atomically.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any, Iterable, Optional

import orjson

from ..writing import atomic_write_bytes
from .context import name_key

PROJECTS_FILE = "projects.jsonl"
LIST_FIELDS = ("scheme", "title", "lead", "period", "amount")  # one value per record -> a list of values
SET_FIELDS = ("alt_titles", "organizations", "persons", "countries")


def _names(p: dict[str, Any]) -> set[str]:
    return {name_key(t) for t in [p.get("title"), *(p.get("alt_titles") or [])] if t and name_key(t)}


class CorpusProject:
    """A project as the whole corpus speaks of it."""

    def __init__(self) -> None:
        self.codes: list[str] = []
        self.names: set[str] = set()
        self.values: dict[str, list[Any]] = {f: [] for f in LIST_FIELDS + SET_FIELDS}
        self.doc_ids: list[str] = []
        self.mentions: list[dict[str, Any]] = []

    def matches(self, p: dict[str, Any]) -> bool:
        code = (p.get("code") or "").upper()
        if code and self.codes:
            return code in self.codes
        return bool(self.names & _names(p))

    def add(self, doc_id: str, p: dict[str, Any]) -> None:
        code = (p.get("code") or "").upper()
        if code and code not in self.codes:
            self.codes.append(code)
        self.names |= _names(p)
        for f in LIST_FIELDS:
            v = p.get(f)
            if v is not None and v not in self.values[f]:
                self.values[f].append(v)
        for f in SET_FIELDS:
            for v in p.get(f) or []:
                if v not in self.values[f]:
                    self.values[f].append(v)
        if doc_id not in self.doc_ids:
            self.doc_ids.append(doc_id)
        self.mentions.append({"doc_id": doc_id, "title": p.get("title"), "lead": p.get("lead"),
                              "period": p.get("period"), "amount": p.get("amount")})

    def line(self) -> dict[str, Any]:
        return {"code": self.codes[0] if self.codes else None, "codes": self.codes,
                "schemes": self.values["scheme"], "titles": self.values["title"],
                "alt_titles": self.values["alt_titles"], "leads": self.values["lead"],
                "organizations": self.values["organizations"], "persons": self.values["persons"],
                "countries": self.values["countries"], "periods": self.values["period"],
                "amounts": self.values["amount"], "doc_ids": self.doc_ids, "by_document": self.mentions}


def merge_projects(records: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """The corpus projects of these records, in the order they first appear (records sorted by doc_id)."""
    merged: list[CorpusProject] = []
    for rec in sorted(records, key=lambda r: r["doc_id"]):
        for p in rec.get("projects") or []:
            target: Optional[CorpusProject] = next((m for m in merged if m.matches(p)), None)
            if target is None:
                target = CorpusProject()
                merged.append(target)
            target.add(rec["doc_id"], p)
    return [m.line() for m in merged]


def current_records(out_dir: Path) -> list[dict[str, Any]]:
    """The records of the folder's last run: the lines of records.jsonl (one per current document)."""
    path = out_dir / "records.jsonl"
    if not path.is_file():
        return []
    return [orjson.loads(line) for line in path.read_bytes().splitlines() if line.strip()]


def write_projects_file(out_dir: Path) -> int:
    """Rebuild `projects.jsonl` from the folder's current records; returns the number of projects."""
    lines = merge_projects(current_records(out_dir))
    atomic_write_bytes(out_dir / PROJECTS_FILE, b"".join(orjson.dumps(line) + b"\n" for line in lines))
    return len(lines)
