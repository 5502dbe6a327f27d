"""Inputs named by URL, read through pyarrow's file systems (tested with file:// URLs: no network)."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

pytest.importorskip("pyarrow", reason="reading URLs needs pyarrow")

from extract.inputs import InputError, find_inputs, read_input  # noqa: E402
from extract.runner import RunOptions, run  # noqa: E402

SAMPLES = Path(__file__).resolve().parent.parent / "data" / "raw"


@pytest.fixture()
def folder(tmp_path: Path) -> Path:
    src = tmp_path / "in"
    (src / "sub").mkdir(parents=True)
    shutil.copy(SAMPLES / "01_liepaja_erasmus.txt", src)
    shutil.copy(SAMPLES / "03_valmiera_interreg.txt", src / "sub")
    (src / "notes.csv").write_text("not an input", encoding="utf-8")
    (src / "sub" / "03_valmiera_interreg.txt.meta.json").write_text('{"doc_date": "2024-05-20"}', encoding="utf-8")
    return src


def test_a_folder_url_lists_its_inputs_like_the_folder(folder: Path):
    local, _ = find_inputs([folder])
    remote, errors = find_inputs([folder.as_uri()])
    assert not errors
    assert [f.uri for f in remote] == [p.path.resolve().as_uri() for p in local]
    assert [f.relative for f in remote] == [f.relative for f in local] == ["01_liepaja_erasmus.txt",
                                                                            "sub/03_valmiera_interreg.txt"]


def test_a_missing_url_is_an_error_line_and_reads_are_bounded(folder: Path):
    _, errors = find_inputs([(folder / "nothing").as_uri()])
    assert [e.error for e in errors] == ["no such file or folder"]
    with pytest.raises(InputError, match="too large"):
        read_input((folder / "01_liepaja_erasmus.txt").as_uri(), max_bytes=100)


def test_a_run_over_a_url_gives_the_records_of_the_folder(folder: Path, tmp_path: Path):
    local = run([folder], RunOptions(out_dir=tmp_path / "local", jobs=1))
    remote = run([folder.as_uri()], RunOptions(out_dir=tmp_path / "remote", jobs=1))
    assert local.records == remote.records == 2 and remote.errors == 0
    for name in ("01_liepaja_erasmus", "03_valmiera_interreg"):
        a = json.loads((tmp_path / "local" / f"{name}.json").read_text(encoding="utf-8"))
        b = json.loads((tmp_path / "remote" / f"{name}.json").read_text(encoding="utf-8"))
        assert b["source"]["path"].startswith("file://")
        a["source"].pop("path"), b["source"].pop("path")
        assert a == b
    valmiera = json.loads((tmp_path / "remote" / "03_valmiera_interreg.json").read_text(encoding="utf-8"))
    assert valmiera["doc_date"] == "2024-05-20"  # the sidecar beside the URL

    again = run([folder.as_uri()], RunOptions(out_dir=tmp_path / "remote", jobs=1))
    assert again.skipped == 2 and again.records == 0  # the incremental key holds for URLs
    (folder / "01_liepaja_erasmus.txt").unlink()
    after = run([folder.as_uri()], RunOptions(out_dir=tmp_path / "remote", jobs=1))
    assert after.removed == 1 and not (tmp_path / "remote" / "01_liepaja_erasmus.json").exists()
