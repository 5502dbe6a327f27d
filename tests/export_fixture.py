"""The exports' test corpus: today's pipeline over data/raw and two invented documents, and the same
records with hand-made v1.1 fields (amounts, projects; tests/fixtures/export/v11.yaml) and a projects.jsonl.
"""
from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from pathlib import Path

import yaml
from typer.testing import CliRunner

from extract.cli import app

REPO = Path(__file__).resolve().parent.parent
FIXTURES = REPO / "tests" / "fixtures" / "export"
SCRIPT_DOC = "09_tukums_skripts"        # its text holds a <script> element


@dataclass(frozen=True)
class ExportCorpus:
    v10: Path          # today's pipeline's records as a schema 1.0 writer wrote them (no amounts, no projects)
    v11: Path          # the same with amounts, projects (v1.1) and projects.jsonl


def _locate(text: str, spec) -> dict:
    want, nth = (spec, 0) if isinstance(spec, str) else (spec["text"], spec.get("nth", 0))
    start = -1
    for _ in range(nth + 1):
        start = text.index(want, start + 1)
    return {"text": want, "start": start, "end": start + len(want)}


def add_v11_fields(record: dict, additions: dict) -> dict:
    text = record["text"]
    amounts = [{**_locate(text, a["text"]), "value": a["value"]} for a in additions.get("amounts", [])]
    projects = [{**p, "alt_titles": p.get("alt_titles", []), "mentions": [_locate(text, m) for m in p["mentions"]]}
                for p in additions.get("projects", [])]
    return {**record, "schema_version": "1.1", "amounts": amounts, "projects": projects}


def as_v10(record: dict) -> dict:
    """A record as a schema 1.0 writer wrote it: no amounts, no projects."""
    return {**{k: v for k, v in record.items() if k not in ("amounts", "projects")}, "schema_version": "1.0"}


def write_records(out: Path, records: list[dict]) -> None:
    lines = [json.dumps(r, ensure_ascii=False) for r in records]
    (out / "records.jsonl").write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    for r in records:
        (out / f"{r['doc_id']}.json").write_text(json.dumps(r, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def read_records(out: Path) -> list[dict]:
    return [json.loads(line) for line in (out / "records.jsonl").read_text(encoding="utf-8").splitlines() if line]


def build_export_corpus(base: Path) -> ExportCorpus:
    raw, run_out, v10, v11 = base / "raw", base / "out-run", base / "out-v10", base / "out-v11"
    raw.mkdir(parents=True)
    for src in [*(REPO / "data" / "raw").iterdir(), *(FIXTURES / "raw").iterdir()]:
        shutil.copy(src, raw / src.name)
    res = CliRunner().invoke(app, ["run", str(raw), "-o", str(run_out), "--jobs", "1"], catch_exceptions=False)
    assert res.exit_code == 0, res.output
    old_records = [as_v10(r) for r in read_records(run_out)]
    v10.mkdir()
    write_records(v10, old_records)
    spec = yaml.safe_load((FIXTURES / "v11.yaml").read_text(encoding="utf-8"))
    v11.mkdir()
    write_records(v11, [add_v11_fields(r, spec["records"].get(r["doc_id"], {})) for r in old_records])
    (v11 / "projects.jsonl").write_text("".join(json.dumps(p, ensure_ascii=False) + "\n"
                                                for p in spec["projects_jsonl"]), encoding="utf-8")
    return ExportCorpus(v10, v11)
