"""An output named by URL: the run works in a local mirror and publishes it (file:// URLs: no network)."""
from __future__ import annotations

import os
import shutil
import socket
from pathlib import Path

import orjson
import pytest
from typer.testing import CliRunner

pytest.importorskip("pyarrow", reason="URL outputs need pyarrow")

from extract.cli import app  # noqa: E402
from extract.outdir import LOCK_NAME, UsageError  # noqa: E402
from extract.runner import RunOptions, run  # noqa: E402

SAMPLES = Path(__file__).resolve().parent.parent / "data" / "raw"
NAMES = ("01_liepaja_erasmus.txt", "03_valmiera_interreg.txt", "07_smiltene_nordplus.txt")
OUTPUT_FILES = ("records.jsonl", "errors.jsonl", "projects.jsonl")


@pytest.fixture()
def inputs(tmp_path: Path) -> Path:
    src = tmp_path / "in"
    src.mkdir()
    for name in NAMES:
        shutil.copy(SAMPLES / name, src)
    return src


def published(inputs: Path, remote: Path, mirror: Path):
    return run([inputs], RunOptions(out_dir=mirror, publish_url=remote.as_uri(), jobs=1))


def visible(folder: Path) -> dict[str, bytes]:
    """The files a reader of the output sees (the lock and temp files aside)."""
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if not p.name.startswith(".")}


def test_a_url_output_holds_what_a_local_run_writes(inputs: Path, tmp_path: Path):
    local = run([inputs], RunOptions(out_dir=tmp_path / "local", jobs=1))
    summary = published(inputs, tmp_path / "remote", tmp_path / "mirror")
    assert summary.records == local.records == 3
    assert summary.published == f"3 records uploaded, 0 deleted at {(tmp_path / 'remote').as_uri()}"
    assert visible(tmp_path / "remote") == visible(tmp_path / "local")
    assert not (tmp_path / "remote" / LOCK_NAME).exists()  # the URL's lock is gone after the run


def test_a_rerun_with_a_fresh_mirror_updates_the_url_as_a_run_from_scratch_would(inputs: Path, tmp_path: Path):
    published(inputs, tmp_path / "remote", tmp_path / "mirror")
    (inputs / NAMES[0]).unlink()
    (inputs / NAMES[1]).write_text("Erasmus+ projekts Cēsīs sākās 2024. gada 3. martā.", encoding="utf-8")
    again = published(inputs, tmp_path / "remote", tmp_path / "other-mirror")  # a new machine: nothing local
    assert (again.records, again.skipped, again.removed) == (1, 1, 1)
    assert again.published.startswith("1 records uploaded, 1 deleted")
    scratch = run([inputs], RunOptions(out_dir=tmp_path / "scratch", jobs=1))
    assert scratch.records == 2
    remote, fresh = visible(tmp_path / "remote"), visible(tmp_path / "scratch")
    assert remote.keys() == fresh.keys() and f"{Path(NAMES[0]).stem}.json" not in remote
    assert {k: remote[k] for k in remote if k != "manifest.jsonl"} == {k: fresh[k] for k in fresh if k != "manifest.jsonl"}


def test_a_mirror_kept_between_runs_downloads_nothing_and_uploads_nothing_unchanged(inputs: Path, tmp_path: Path):
    published(inputs, tmp_path / "remote", tmp_path / "mirror")
    again = published(inputs, tmp_path / "remote", tmp_path / "mirror")
    assert again.skipped == 3 and again.published.startswith("0 records uploaded, 0 deleted")


def test_a_url_locked_by_a_run_elsewhere_is_refused(inputs: Path, tmp_path: Path):
    remote = tmp_path / "remote"
    remote.mkdir()
    (remote / LOCK_NAME).write_bytes(orjson.dumps({"host": "other-host", "pid": 1, "started": 0}))
    with pytest.raises(UsageError, match="in use by another extract run .host other-host, pid 1"):
        published(inputs, remote, tmp_path / "mirror")
    assert not (remote / "records.jsonl").exists()


def test_a_lock_left_by_a_dead_run_of_this_host_is_taken_over(inputs: Path, tmp_path: Path):
    remote = tmp_path / "remote"
    remote.mkdir()
    dead = os.fork()
    if dead == 0:  # a child that ends at once: its pid is free, as a killed run's is
        os._exit(0)
    os.waitpid(dead, 0)
    (remote / LOCK_NAME).write_bytes(orjson.dumps({"host": socket.gethostname(), "pid": dead, "started": 0}))
    assert published(inputs, remote, tmp_path / "mirror").records == 3
    assert not (remote / LOCK_NAME).exists()


def test_cli_url_output_and_mirror_usage(inputs: Path, tmp_path: Path):
    cli = CliRunner()
    res = cli.invoke(app, ["run", str(inputs), "-o", str(tmp_path / "out"), "--mirror", str(tmp_path / "m")])
    assert res.exit_code == 2 and "--mirror goes with an output URL" in res.output
    url = (tmp_path / "remote").as_uri()
    res = cli.invoke(app, ["run", str(inputs / NAMES[2]), "-o", url, "--mirror", str(tmp_path / "m"), "-j", "1"])
    assert res.exit_code == 0, res.output
    assert f"published: 1 records uploaded, 0 deleted at {url}" in res.output
    assert (tmp_path / "remote" / "07_smiltene_nordplus.json").exists()
