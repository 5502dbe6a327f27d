"""Quality gate: the pipeline's F1 per kind on the shared seeds and on the real-page development
set (`../shared/realdev`) must not fall more than TOLERANCE below the floors recorded in
tests/quality_floors.yaml, and so must the projects and their facts (`../shared/eval/projects.py`).
Scoring is `../shared/eval/score.py --json` and `projects.py --json` themselves, run on the records
this test writes; skipped where ../shared is absent. Raise a floor when a change lifts a kind.
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

FLOORS = yaml.safe_load(Path(__file__).with_name("quality_floors.yaml").read_text(encoding="utf-8"))
TOLERANCE = FLOORS["tolerance"]


@pytest.fixture
def one_torch_thread():
    """One torch thread while the gate runs, as `extract run` gives each worker (runner.py: on
    a busy machine torch's default thread per core made this test 15x slower)."""
    import torch

    before = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(before)


def _run_and_score(shared: Path, spec: dict, out_dir: Path) -> dict:
    """Records of every document of the set (Python API), written as records.jsonl, then scored."""
    from extract import process

    docs = sorted((shared / spec["docs"]).glob("*.txt"))
    records = process([p.read_text(encoding="utf-8") for p in docs])
    out_dir.mkdir(parents=True, exist_ok=True)
    with (out_dir / "records.jsonl").open("w", encoding="utf-8") as fh:
        for path, record in zip(docs, records):
            record.doc_id = path.stem
            fh.write(record.model_dump_json() + "\n")
    return _score(shared, "score.py", spec["gold"], out_dir)


def _score(shared: Path, scorer: str, gold: str, out_dir: Path) -> dict:
    done = subprocess.run([sys.executable, str(shared / "eval" / scorer), str(shared / gold), str(out_dir), "--json"],
                          capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


@pytest.mark.parametrize("name", sorted(FLOORS["sets"]))
def test_f1_not_below_floor(shared_dir: Path, tmp_path: Path, name: str, one_torch_thread: None) -> None:
    spec = FLOORS["sets"][name]
    if not (shared_dir / spec["gold"]).is_file():
        pytest.skip(f"{spec['gold']} is not present")
    scores = _run_and_score(shared_dir, spec, tmp_path / name)
    assert scores["missing_docs"] == [] and scores["offset_errors"] == 0, scores
    got = {kind: v["f1"] for kind, v in scores["kinds"].items()}
    got["micro"] = scores["micro_f1"]
    below = {kind: (got.get(kind), floor) for kind, floor in spec["floors"].items()
             if got.get(kind, 0.0) < floor - TOLERANCE}
    assert not below, f"{name}: F1 below its floor (got, floor): {below}; all: {got}"
    if "projects_gold" in spec:
        projects = _score(shared_dir, "projects.py", spec["projects_gold"], tmp_path / name)
        below = {what: (projects[what]["f1"], floor) for what, floor in spec["project_floors"].items()
                 if projects[what]["f1"] < floor - TOLERANCE}
        assert not below, f"{name}: projects F1 below its floor (got, floor): {below}"
