"""`--engine ray`: the same records as the local runner, document by document, on a local
Ray cluster of 2 CPUs; an actor killed mid-run loses and duplicates nothing."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

ray = pytest.importorskip("ray", reason="the 'ray' extra is not installed")

from extract.distributed import process_dataset  # noqa: E402
from extract.distributed.engine import ActorStats, RayOptions, ray_results  # noqa: E402
from extract.runner import RunOptions, Task, run  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "data" / "raw"
BENCH_DOCS = 200


@pytest.fixture(scope="module")
def ray_cluster():
    """One local Ray of 2 CPUs for the module (the engine uses a Ray already initialised)."""
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False, configure_logging=False)
    yield ray
    ray.shutdown()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """The samples and a few hundred bench documents in one folder."""
    folder = tmp_path_factory.mktemp("corpus")
    subprocess.run([sys.executable, str(ROOT / "bench" / "make_corpus.py"), str(folder / "bench"),
                    "-n", str(BENCH_DOCS)], check=True, capture_output=True)
    (folder / "samples").symlink_to(SAMPLES, target_is_directory=True)
    return folder


def _records(out: Path) -> dict[str, dict]:
    recs = {}
    for line in (out / "records.jsonl").read_text(encoding="utf-8").splitlines():
        rec = json.loads(line)
        assert rec["doc_id"] not in recs, f"{rec['doc_id']} written twice"
        recs[rec["doc_id"]] = rec
    return recs


def test_ray_records_equal_the_local_runners(ray_cluster, corpus, tmp_path):
    local = run([corpus], RunOptions(out_dir=tmp_path / "local", jobs=1))
    on_ray = run([corpus], RunOptions(out_dir=tmp_path / "ray", jobs=2, engine="ray"))
    assert local.errors == on_ray.errors == 0
    assert on_ray.records == local.records == BENCH_DOCS + len(list(SAMPLES.iterdir()))
    a, b = _records(tmp_path / "local"), _records(tmp_path / "ray")
    assert a.keys() == b.keys()
    for doc_id in a:
        assert a[doc_id] == b[doc_id], doc_id
        assert (tmp_path / "ray" / f"{doc_id}.json").read_bytes() == (tmp_path / "local" / f"{doc_id}.json").read_bytes()


def test_an_actor_killed_mid_run_loses_no_document(ray_cluster, corpus, tmp_path):
    files = sorted((corpus / "bench").glob("*.txt"))[:48]
    tasks = [Task(f, f.stem, str(f.resolve())) for f in files]
    opts = RunOptions(out_dir=tmp_path, jobs=2, engine="ray")
    killed: list[int] = []

    def kill_first_actor(row: dict) -> None:
        if not killed:
            killed.append(int(row["worker_pid"]))
            os.kill(killed[0], signal.SIGKILL)

    stats = ActorStats()
    results = list(ray_results(tasks, opts, RayOptions(actors=2, batch_size=4), stats=stats, on_row=kill_first_actor))
    assert killed, "no actor was killed"
    assert [r.doc_id for r in results] == [t.doc_id for t in tasks]  # every document, once, in order
    assert all(r.error is None and r.line_json for r in results)
    assert len(stats.maxrss_kb) >= 3, "the killed actor was not replaced"  # two actors and a restarted one


def test_process_dataset_gives_the_api_records(ray_cluster):
    import extract

    texts = [p.read_text(encoding="utf-8") for p in sorted(SAMPLES.glob("0[13]_*.txt"))]
    ds = ray.data.from_items([{"text": t, "doc_id": f"doc-{i}"} for i, t in enumerate(texts)] + [{"text": "\ud800 x"}])
    rows = sorted(process_dataset(ds, actors=1).take_all(), key=lambda r: r["doc_id"])
    expected = [r.model_dump(mode="json") for r in extract.process(texts)]
    got = [json.loads(r["record"]) for r in rows if r["doc_id"].startswith("doc-") and r["record"]]
    assert [g["doc_id"] for g in got][:2] == ["doc-0", "doc-1"]
    for want, have in zip(expected, got):
        assert have == want
    bad = [r for r in rows if r["error"]]
    assert all(r["record"] is None for r in bad)  # a bad row is an error row, never a failed task


def test_ray_options_need_the_ray_engine(tmp_path):
    from typer.testing import CliRunner

    from extract.cli import app

    res = CliRunner().invoke(app, ["run", str(SAMPLES), "-o", str(tmp_path), "--actors", "2"])
    assert res.exit_code == 2
    res = CliRunner().invoke(app, ["run", str(SAMPLES), "-o", str(tmp_path), "--engine", "spark"])
    assert res.exit_code == 2


def test_ray_reads_inputs_named_by_url(ray_cluster, tmp_path):
    """file:// here; s3://, gs://, hdfs:// go through the same pyarrow file systems."""
    local = run([SAMPLES], RunOptions(out_dir=tmp_path / "local", jobs=1))
    on_ray = run([SAMPLES.resolve().as_uri()], RunOptions(out_dir=tmp_path / "ray", jobs=2, engine="ray"))
    assert on_ray.errors == 0 and on_ray.records == local.records
    a, b = _records(tmp_path / "local"), _records(tmp_path / "ray")
    for doc_id, rec in b.items():
        assert rec["source"].pop("path").startswith("file://")
        a[doc_id]["source"].pop("path")
        assert rec == a[doc_id]
