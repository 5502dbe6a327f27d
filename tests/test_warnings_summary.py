"""Record warnings through `extract run`: written in the record, counted on stderr, exit code unchanged."""
from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

import extract.pipeline as pipeline_mod
from extract.cli import app

PARAGRAPH = "Rīgas skolēni 2024. gada 3. martā devās uz Tartu. Projektu vada Ilze Ozoliņa (ilze@skola.lv)."


def test_a_windowed_record_warns_and_the_run_counts_it_on_stderr(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(pipeline_mod, "WINDOW_CHARS", 300)  # read when the run builds its pipeline
    src = tmp_path / "in"
    src.mkdir()
    (src / "long.txt").write_text("\n\n".join([PARAGRAPH] * 8), encoding="utf-8")
    (src / "short.txt").write_text(PARAGRAPH, encoding="utf-8")
    out = tmp_path / "out"
    res = CliRunner().invoke(app, ["run", str(src), "-o", str(out), "--jobs", "1"])
    assert res.exit_code == 0, res.output
    assert "warnings 1 in 1 records" in res.stderr
    long_rec = json.loads((out / "long.json").read_text(encoding="utf-8"))
    assert [w["code"] for w in long_rec["warnings"]] == ["windowed"]
    assert len(long_rec["emails"]) == 8
    assert json.loads((out / "short.json").read_text(encoding="utf-8"))["warnings"] == []
