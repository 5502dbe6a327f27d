"""Issue 30: nothing stale, nothing lost, nothing hangs. Each test reproduces one case.

Most runs here use `fake_pipeline.FakePipeline` (no models, instant; marker words make a
document hang, hog memory, crash its worker or raise MemoryError) so that they test the
runner's mechanisms, not the extraction; one test runs the real pipeline end to end.
"""
from __future__ import annotations

import hashlib
import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

import fake_pipeline
from extract.cli import app
from extract.inputs import InputFile, assign_doc_ids, find_inputs
from extract.manifest import MANIFEST_NAME
from extract.outdir import UsageError, output_lock
from extract.runner import RunOptions, run
from extract.workers import Limits, Stopped, WorkerPool, resident_mb

TESTS = Path(__file__).resolve().parent
REPO = TESTS.parent
TEXT = "Rīgas Valsts tehnikuma audzēkņi šā gada 18. maijā devās uz Valensiju.\n"
cli = CliRunner()


@pytest.fixture
def fake(monkeypatch: pytest.MonkeyPatch) -> None:
    fake_pipeline.install(monkeypatch)


def write(folder: Path, name: str, text: str = TEXT) -> Path:
    p = folder / name
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_text(text, encoding="utf-8")
    return p


def go(inputs: list[Path], out: Path, **options: object):
    return run(inputs, RunOptions(out_dir=out, **options))


def records(out: Path) -> dict[str, dict]:
    lines = (out / "records.jsonl").read_text(encoding="utf-8").splitlines()
    recs = [json.loads(line) for line in lines]
    assert len({r["doc_id"] for r in recs}) == len(recs), "records.jsonl holds a doc_id twice"
    return {r["doc_id"]: r for r in recs}


def errors(out: Path, kind: str = "error") -> dict[str, str]:
    lines = [json.loads(line) for line in (out / "errors.jsonl").read_text(encoding="utf-8").splitlines()]
    return {Path(e["path"]).name: e["error"] for e in lines if e["kind"] == kind}


def manifest(out: Path) -> dict[str, dict]:
    return {e["doc_id"]: e for e in map(json.loads, (out / MANIFEST_NAME).read_text().splitlines())}


def assert_consistent(out: Path) -> None:
    """Every manifest entry has its record file (as written) and its records.jsonl line, and
    nothing else is listed; no temp files are left."""
    listed, lines = manifest(out), records(out)
    assert set(listed) == set(lines)
    for doc_id, entry in listed.items():
        raw = (out / f"{doc_id}.json").read_bytes()
        assert hashlib.sha256(raw).hexdigest() == entry["record_sha256"]
        assert json.loads(raw) == lines[doc_id]
    assert not [p.name for p in out.iterdir() if p.name.endswith(".tmp")]


# Case 1: the incremental key covers the document date, the sidecar, options and the fingerprint


def test_rerun_redoes_a_record_when_its_document_date_changes(fake: None, tmp_path: Path) -> None:
    src, out = tmp_path / "in", tmp_path / "out"
    doc = write(src, "a.txt")
    write(src, "b.txt")
    sidecar = src / "a.txt.meta.json"
    steps = [
        (lambda: None, {}, None),
        (lambda: sidecar.write_text('{"doc_date": "2024-03-01"}'), {}, "2024-03-01"),  # sidecar appears
        (lambda: sidecar.write_text('{"doc_date": "2024-04-02"}'), {}, "2024-04-02"),  # sidecar changes
        (lambda: None, {"doc_date": "2025-01-05"}, "2025-01-05"),  # --doc-date
        (lambda: sidecar.unlink(), {}, None),  # sidecar disappears
    ]
    for change, options, expected in steps:
        change()
        summary = go([src], out, **options)
        assert records(out)["a"]["doc_date"] == expected
        assert summary.records >= 1 and summary.skipped <= 1
    assert go([src], out).skipped == 2  # nothing changed: both kept
    assert doc.exists()


def test_rerun_redoes_records_when_the_fingerprint_or_options_change(fake: None, tmp_path: Path,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    import extract.pipeline

    src, out = tmp_path / "in", tmp_path / "out"
    write(src, "a.txt")
    assert go([src], out).records == 1
    assert go([src], out).skipped == 1
    assert go([src], out, entities=False).records == 1  # an option
    assert go([src], out, entities=False).skipped == 1
    monkeypatch.setattr(extract.pipeline, "pipeline_fingerprint", lambda *a: "changed-code")
    assert go([src], out, entities=False).records == 1  # the pipeline fingerprint
    assert go([src], out, entities=False).skipped == 1


def test_rerun_redoes_a_record_whose_file_was_changed_by_another_hand(fake: None, tmp_path: Path) -> None:
    src, out = tmp_path / "in", tmp_path / "out"
    write(src, "a.txt")
    go([src], out)
    (out / "a.json").write_text('{"doc_id": "a"}')  # e.g. a killed run's record, not in the manifest
    assert go([src], out).records == 1
    assert_consistent(out)


def test_sidecar_date_resolves_dates_after_a_rerun(tmp_path: Path) -> None:
    """End to end (the real pipeline): the sidecar added after a first run gives `doc_date`
    and the `resolved` value of a date without a year."""
    src, out = tmp_path / "in", tmp_path / "out"
    write(src, "a.txt")
    assert cli.invoke(app, ["run", str(src), "-o", str(out), "--jobs", "1"]).exit_code == 0
    assert records(out)["a"]["doc_date"] is None
    (src / "a.txt.meta.json").write_text('{"doc_date": "2024-05-20"}')
    res = cli.invoke(app, ["run", str(src), "-o", str(out), "--jobs", "1"])
    assert "records 1, skipped 0" in res.output
    rec = records(out)["a"]
    assert rec["doc_date"] == "2024-05-20"
    assert [d["resolved"] for d in rec["dates"]] == [{"start": "2024-05-18", "end": "2024-05-18"}]


# Case 2: Ctrl-C ends a run cleanly at any --jobs


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="process groups and /proc")
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_ctrl_c_ends_the_run_and_its_workers(tmp_path: Path, jobs: str) -> None:
    src, out = tmp_path / "in", tmp_path / "out"
    for name in ("a.txt", "c.txt", "d.txt", "e.txt", "f.txt"):
        write(src, name)
    extract = [sys.executable, str(TESTS / "fake_pipeline.py"), "run", str(src), "-o", str(out), "--jobs", jobs]
    pids = tmp_path / "pids"
    pids.mkdir()
    env = dict(os.environ, PYTHONPATH=str(REPO / "src"), **{fake_pipeline.PID_DIR_VARIABLE: str(pids)})
    subprocess.run(extract, env=env, check=True, capture_output=True)
    write(src, "b.txt", f"{fake_pipeline.STUCK} {TEXT}")
    for name in ("c.txt", "e.txt", "f.txt"):  # four to do: two workers at --jobs 2
        write(src, name, f"Cits teksts par Cēsīm ({name}).\n")
    proc = subprocess.Popen(extract, env=env, start_new_session=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    started = src / "b.txt.started"
    try:
        _wait_for(started, proc)
        os.killpg(proc.pid, signal.SIGINT)  # as a terminal's Ctrl-C: the whole process group
        _, stderr = proc.communicate(timeout=120)  # a guard against a hang, not a timing check
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
    assert proc.returncode == 130, stderr
    assert b"Traceback" not in stderr
    workers = [int(p.name) for p in pids.iterdir()]
    assert int(started.read_text()) in workers and len(workers) >= int(jobs) + 1  # first run's and this run's
    for pid in workers:
        with pytest.raises(ProcessLookupError):
            os.kill(pid, 0)  # every worker is gone
    assert_consistent(out)
    assert set(records(out)) >= {"a", "d"}  # the earlier run's records are not lost


def _wait_for(marker: Path, proc: subprocess.Popen, limit_s: float = 120) -> None:
    end = time.monotonic() + limit_s
    while not marker.exists():
        assert proc.poll() is None, proc.communicate()
        assert time.monotonic() < end, "the stuck document never started"
        time.sleep(0.05)


# Case 4: a document that runs away stops its worker, not the run, at any --jobs


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_stuck_document_is_stopped_by_the_time_limit(fake: None, tmp_path: Path, jobs: int) -> None:
    src, out = tmp_path / "in", tmp_path / "out"
    for name in ("a.txt", "c.txt", "d.txt", "e.txt"):
        write(src, name)
    write(src, "b.txt", f"{fake_pipeline.STUCK} {TEXT}")
    summary = go([src], out, jobs=jobs, doc_timeout_s=2.0)
    assert "time limit of 2 s (--doc-timeout)" in errors(out)["b.txt"]
    assert sorted(records(out)) == ["a", "c", "d", "e"] and summary.errors == 1
    with pytest.raises(ProcessLookupError):
        os.kill(int((src / "b.txt.started").read_text()), 0)


@pytest.mark.skipif(resident_mb(os.getpid()) is None, reason="needs /proc")
def test_a_greedy_document_is_stopped_by_the_memory_limit(fake: None, tmp_path: Path) -> None:
    """The limit is below any worker's size, so that it trips whenever it is checked; the
    document alone (a document that is quick could end before the first check)."""
    src, out = tmp_path / "in", tmp_path / "out"
    write(src, "b.txt", f"{fake_pipeline.GREEDY} {TEXT}")
    summary = go([src], out, jobs=1, memory_mb=1)
    assert "past the memory limit of 1 MB (--max-memory)" in errors(out)["b.txt"]
    assert summary.errors == 1 and records(out) == {}


def test_a_crashing_worker_is_replaced_and_the_run_goes_on(fake: None, tmp_path: Path) -> None:
    src, out = tmp_path / "in", tmp_path / "out"
    write(src, "a.txt")
    write(src, "b.txt", f"{fake_pipeline.CRASH} {TEXT}")
    write(src, "c.txt")
    go([src], out, jobs=1)
    assert errors(out) == {"b.txt": "the worker process died (exit code 3)"}
    assert sorted(records(out)) == ["a", "c"]


def _nothing() -> None:
    pass


def _square(items: list[int]) -> list[int]:
    if 3 in items:
        time.sleep(fake_pipeline.SLEEP_S)
    if 6 in items:
        raise ValueError("six")
    return [x * x for x in items]


def test_the_pool_stops_only_the_items_that_trip_and_keeps_the_order() -> None:
    """The mechanism alone: a chunk past the limit or raising is retried item by item; only
    the item that trips alone is stopped; outcomes come back in input order."""
    with WorkerPool(2, _nothing, _square, Limits(doc_timeout_s=2.0, memory_mb=1 << 20)) as pool:
        out = [r for chunk in pool.results([[1, 2], [3, 4], [5, 6, 7], [8]]) for r in chunk]
    assert out[:3] == [1, 4, Stopped("stopped: took longer than the time limit of 2 s (--doc-timeout)")]
    assert out[3:5] == [16, 25] and out[5] == Stopped("internal error: ValueError: six") and out[6:] == [49, 64]


# Case 5: regular files only; --max-bytes bounds the read; no per-file failure aborts the run


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs")
def test_fifos_devices_and_sockets_are_refused_not_opened(fake: None, tmp_path: Path) -> None:
    src, out = tmp_path / "in", tmp_path / "out"
    write(src, "a.txt")
    os.mkfifo(src / "fifo.txt")
    (src / "zero.txt").symlink_to("/dev/zero")
    (src / "fifo-link.md").symlink_to(src / "fifo.txt")
    with socket.socket(socket.AF_UNIX) as sock:
        sock.bind(str(src / "sock.txt"))
        summary = go([src, src / "fifo.txt"], out, doc_timeout_s=30)
    errs = errors(out)
    assert "(a FIFO)" in errs["fifo.txt"] and "(a FIFO)" in errs["fifo-link.md"]
    assert "(a character device)" in errs["zero.txt"] and "(a socket)" in errs["sock.txt"]
    assert all(e.startswith("not a regular file") for e in errs.values())
    assert summary.errors == 4 and list(records(out)) == ["a"]


@pytest.mark.skipif(not Path("/proc/self/maps").is_file(), reason="needs /proc")
def test_max_bytes_bounds_the_read_of_a_file_whose_size_says_0(fake: None, tmp_path: Path) -> None:
    src, out = tmp_path / "in", tmp_path / "out"
    (src / "maps.txt").parent.mkdir()
    (src / "maps.txt").symlink_to("/proc/self/maps")  # a regular file of size 0 with content
    write(src, "big.txt", "a" * 3000)
    go([src], out, max_bytes=1000)
    assert errors(out) == {"maps.txt": "too large: more than 1000 bytes (limit 1000; raise it with --max-bytes)",
                           "big.txt": "too large: 3000 bytes (limit 1000; raise it with --max-bytes)"}


def test_a_memory_error_fails_one_document_and_records_jsonl_is_written(fake: None, tmp_path: Path) -> None:
    src, out = tmp_path / "in", tmp_path / "out"
    write(src, "a.txt")
    write(src, "b.txt", f"{fake_pipeline.OUT_OF_MEMORY} {TEXT}")
    go([src], out)
    assert errors(out)["b.txt"].startswith("internal error: MemoryError")
    assert list(records(out)) == ["a"]


# Case 8: doc_ids


def test_colliding_names_get_distinct_ids_that_no_input_has(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    taken = "x-" + hashlib.sha1(b"a/x.txt").hexdigest()[:8]  # a file literally named like a/x.txt's id
    for rel in ("a/x.txt", "b/x.txt", f"c/{taken}.txt", "y.txt"):
        write(tmp_path / "in", rel)
    monkeypatch.chdir(tmp_path)
    relative = assign_doc_ids(find_inputs([Path("in")])[0])
    absolute = assign_doc_ids(find_inputs([tmp_path / "in"])[0])
    by_rel = {p.as_posix().removeprefix("in/"): i for p, i in relative.items()}
    assert by_rel["y.txt"] == "y" and by_rel[f"c/{taken}.txt"] == taken
    assert by_rel["a/x.txt"] == "x-" + hashlib.sha1(b"a/x.txt").hexdigest()[:12]  # lengthened, not the taken name
    assert by_rel["b/x.txt"] == "x-" + hashlib.sha1(b"b/x.txt").hexdigest()[:8]
    assert sorted(relative.values()) == sorted(absolute.values())  # the same ids however the path is spelled
    assert not any("/" in i for i in relative.values())


def test_same_relative_path_under_two_roots_gets_two_ids(tmp_path: Path) -> None:
    files = [InputFile(write(tmp_path / r, "x.txt"), tmp_path / r / "x.txt") for r in ("p", "q")]
    ids = assign_doc_ids(files)
    assert len(set(ids.values())) == 2 and all(i.startswith("x-") for i in ids.values())


def test_colliding_inputs_all_get_records(fake: None, tmp_path: Path) -> None:
    src, out = tmp_path / "in", tmp_path / "out"
    taken = "x-" + hashlib.sha1(b"a/x.txt").hexdigest()[:8]
    for rel in ("a/x.txt", "b/x.txt", f"{taken}.txt", "y.txt"):
        write(src, rel)
    summary = go([src], out)
    assert summary.records == 4 and len(records(out)) == 4 and summary.errors == 0
    assert sorted(Path(r["source"]["path"]).relative_to(src).as_posix() for r in records(out).values()) == [
        "a/x.txt", "b/x.txt", f"{taken}.txt", "y.txt"]
    assert_consistent(out)


def test_a_file_given_twice_is_one_input_and_no_name_clashes_with_the_folder_files(
        fake: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "out"
    for name in ("manifest.txt", "records.txt", "errors.md"):
        write(tmp_path / "in", name)
    monkeypatch.chdir(tmp_path)
    summary = go([Path("in"), tmp_path / "in" / "manifest.txt", Path("in/./records.txt")], out)
    assert summary.files == 3 and sorted(records(out)) == ["errors", "manifest", "records"]
    assert_consistent(out)


def test_a_second_folder_does_not_overwrite_another_runs_record(fake: None, tmp_path: Path) -> None:
    out = tmp_path / "out"
    first = write(tmp_path / "p", "x.txt", "Pirmais teksts.\n")
    write(tmp_path / "q", "x.txt", "Otrais teksts.\n")
    write(tmp_path / "q", "z.txt")
    go([tmp_path / "p"], out)
    summary = go([tmp_path / "q"], out)
    assert "doc_id 'x' is taken" in errors(out)["x.txt"] and summary.errors == 1
    assert records(out)["x"]["text"] == "Pirmais teksts.\n" and "z" in records(out)
    assert manifest(out)["x"]["source"] == str(first)
    first.unlink()  # the first input is gone: its record no longer blocks the name
    go([tmp_path / "q"], out)
    assert records(out)["x"]["text"] == "Otrais teksts.\n"
    assert_consistent(out)


# Case 9: leftovers


def test_records_of_deleted_or_now_failing_inputs_are_removed(fake: None, tmp_path: Path) -> None:
    src, out = tmp_path / "in", tmp_path / "out"
    for name in ("a.txt", "b.txt", "c.txt"):
        write(src, name)
    other = write(tmp_path / "elsewhere", "o.txt")
    go([other], out)
    go([src], out)
    (src / "b.txt").unlink()
    (src / "c.txt").write_bytes(b"")
    summary = go([src], out)
    assert summary.removed == 2 and errors(out) == {"c.txt": "empty file"}
    assert sorted(records(out)) == ["a", "o"]  # the other run's record is kept
    assert not (out / "b.json").exists() and not (out / "c.json").exists()
    entry = manifest(out)["a"]
    assert entry["source"] == str(src / "a.txt") and entry["sha256"] == hashlib.sha256(TEXT.encode()).hexdigest()
    assert set(entry) == {"doc_id", "source", "path", "sha256", "key", "record_sha256"}
    assert_consistent(out)


def test_temp_files_of_a_killed_run_are_cleaned(fake: None, tmp_path: Path) -> None:
    src, out = tmp_path / "in", tmp_path / "out"
    write(src, "a.txt")
    out.mkdir()
    for name in (".records.jsonl.k2j3h4.tmp", ".a.json.x8y9.tmp", ".manifest.jsonl.q1.tmp"):
        (out / name).write_text("half")
    go([src], out)
    assert_consistent(out)


# The output folder's lock


def test_a_second_run_into_a_busy_folder_is_refused(fake: None, tmp_path: Path) -> None:
    src, out = tmp_path / "in", tmp_path / "out"
    write(src, "a.txt")
    out.mkdir()
    with output_lock(out):
        res = cli.invoke(app, ["run", str(src), "-o", str(out)])
        with pytest.raises(UsageError, match="in use by another extract run"):
            go([src], out)
    assert res.exit_code == 2 and "in use by another extract run" in res.output
    assert "Traceback" not in res.output and not (out / "records.jsonl").exists()
    assert go([src], out).records == 1  # free again


def test_a_killed_runs_lock_does_not_block(fake: None, tmp_path: Path) -> None:
    src, out = tmp_path / "in", tmp_path / "out"
    write(src, "a.txt")
    out.mkdir()
    code = "import sys, time; from pathlib import Path; from extract.outdir import output_lock\n" \
           "with output_lock(Path(sys.argv[1])):\n    print('locked', flush=True); time.sleep(600)"
    holder = subprocess.Popen([sys.executable, "-c", code, str(out)], stdout=subprocess.PIPE,
                              env=dict(os.environ, PYTHONPATH=str(REPO / "src")))
    assert holder.stdout is not None and holder.stdout.readline().strip() == b"locked"
    with pytest.raises(UsageError, match=f"pid {holder.pid}"):
        go([src], out)
    holder.kill()
    holder.wait()
    assert go([src], out).records == 1


# Case 10: decoding


@pytest.mark.parametrize("codec", ["utf-16", "utf-32", "utf-16-be-bom"])
def test_utf16_and_utf32_with_a_byte_order_mark_are_text(fake: None, tmp_path: Path, codec: str) -> None:
    src, out = tmp_path / "in", tmp_path / "out"
    data = b"\xfe\xff" + TEXT.encode("utf-16-be") if codec == "utf-16-be-bom" else TEXT.encode(codec)
    (src / "a.txt").parent.mkdir()
    (src / "a.txt").write_bytes(data)
    go([src], out)
    rec = records(out)["a"]
    assert rec["text"] == TEXT and data.decode(rec["source"]["encoding"]) == TEXT


def test_utf8_with_a_bad_byte_is_utf8_with_a_replacement_and_a_warning(fake: None, tmp_path: Path) -> None:
    src, out = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    (src / "a.txt").write_bytes("Rīga".encode() + b"\xff\n")  # short: once read as cp1257, "RÄ«ga"
    (src / "b.txt").write_bytes(TEXT.encode("cp1257"))  # cp1257 indeed
    cp1257_with_utf8_pair = "Rēzeknes skolēni dziedāja „LĀLĀ„ un stādīja ābeles.\n"  # Ā„ = C2 84: valid UTF-8
    (src / "c.txt").write_bytes(cp1257_with_utf8_pair.encode("cp1257"))
    summary = go([src], out)
    recs = records(out)
    assert (recs["a"]["text"], recs["a"]["source"]["encoding"]) == ("Rīga\ufffd\n", "utf-8")
    assert errors(out, "warning") == {"a.txt": "invalid-bytes: 1 invalid UTF-8 byte sequence(s) replaced by U+FFFD"}
    assert (recs["b"]["text"], recs["b"]["source"]["encoding"]) == (TEXT, "cp1257")
    assert (recs["c"]["text"], recs["c"]["source"]["encoding"]) == (cp1257_with_utf8_pair, "cp1257")
    assert summary.warnings == 1 and summary.errors == 0


def test_nul_bytes_anywhere_mean_binary(fake: None, tmp_path: Path) -> None:
    src, out = tmp_path / "in", tmp_path / "out"
    write(src, "late.txt", TEXT * 200 + "\x00" + TEXT)  # the NUL after the first 8 KB
    write(src, "utf16.txt").write_bytes((TEXT + "\x00" + TEXT).encode("utf-16"))
    go([src], out)
    assert errors(out) == {"late.txt": "binary file, not text (NUL bytes)", "utf16.txt": "binary file, not text (NUL bytes)"}
    assert records(out) == {}


# A worker that cannot load the pipeline stops the run with one line (exit 1)


class _NoModel:
    def __init__(self, *args: object) -> None:
        raise FileNotFoundError("lv_tokenizer.pt is missing")


def test_a_worker_that_cannot_load_the_pipeline_stops_the_run(fake: None, tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    import extract.pipeline

    monkeypatch.setattr(extract.pipeline, "Pipeline", _NoModel)
    write(tmp_path / "in", "a.txt")
    res = cli.invoke(app, ["run", str(tmp_path / "in"), "-o", str(tmp_path / "out"), "--jobs", "1"])
    assert res.exit_code == 1 and "lv_tokenizer.pt is missing" in res.output
    assert "Traceback (most recent call last)" in res.output  # the worker's, shown as its message
    assert not (tmp_path / "out" / "records.jsonl").exists()


# Case 11: usage errors


def test_an_output_path_that_is_a_file_is_a_usage_error(tmp_path: Path) -> None:
    write(tmp_path, "a.txt")
    target = write(tmp_path, "out.txt", "not a folder")
    res = cli.invoke(app, ["run", str(tmp_path / "a.txt"), "-o", str(target)])
    assert res.exit_code == 2
    assert "Traceback" not in res.output and f"output path {target} exists and is not a folder" in res.output
