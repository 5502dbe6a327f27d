"""The command line through typer's CliRunner: help, version, schema, run, bad input, eval, rules."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

from extract import __version__
from extract.cli import app

REPO = Path(__file__).resolve().parent.parent
RAW = REPO / "data" / "raw"
runner = CliRunner()


def invoke(*args: str):
    return runner.invoke(app, list(args), catch_exceptions=False)


@pytest.fixture(scope="module")
def sample_run(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("out")
    res = invoke("run", str(RAW), "-o", str(out), "--jobs", "1")
    assert res.exit_code == 0, res.output
    return out


def test_version() -> None:
    res = invoke("--version")
    assert res.exit_code == 0 and __version__ in res.output


def _commands(typer_app, prefix=()):
    import typer.main

    group = typer.main.get_command(typer_app)
    def walk(cmd, path):
        yield path
        for name, sub in getattr(cmd, "commands", {}).items():
            yield from walk(sub, path + (name,))
    yield from walk(group, prefix)


@pytest.mark.parametrize("path", list(_commands(app)), ids=lambda p: " ".join(p) or "extract")
def test_every_command_has_help(path: tuple[str, ...]) -> None:
    res = invoke(*path, "--help")
    assert res.exit_code == 0
    assert "Usage" in res.output and len(res.output) > 80


def test_usage_error_exits_2(tmp_path: Path) -> None:
    res = runner.invoke(app, ["run", str(tmp_path), "--doc-date", "vakar"])
    assert res.exit_code == 2
    res = runner.invoke(app, ["run"])
    assert res.exit_code == 2


def test_run_writes_valid_records(sample_run: Path) -> None:
    schema = json.loads(invoke("schema").output)
    files = sorted(RAW.iterdir())
    lines = (sample_run / "records.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == len(files)
    assert [json.loads(l)["doc_id"] for l in lines] == [f.stem for f in files]  # input order
    for line in lines:
        rec = json.loads(line)
        jsonschema.validate(rec, schema)
        single = json.loads((sample_run / f"{rec['doc_id']}.json").read_text(encoding="utf-8"))
        assert single == rec
        text = rec["text"]
        for kind in ("project_codes", "dates", "emails", "phones", "urls"):
            for m in rec[kind]:
                assert text[m["start"]:m["end"]] == m["text"]
        for kind in ("persons", "places", "organizations"):
            for item in rec[kind]:
                for m in item["mentions"]:
                    assert text[m["start"]:m["end"]] == m["text"]
        assert rec["sentences"], "every record has sentences"
    assert (sample_run / "errors.jsonl").read_text() == ""


def test_every_entity_kind_occurs_in_sample_data(sample_run: Path) -> None:
    recs = [json.loads(l) for l in (sample_run / "records.jsonl").read_text(encoding="utf-8").splitlines()]
    for kind in ("project_codes", "dates", "persons", "places", "organizations", "emails", "phones", "urls"):
        assert any(r[kind] for r in recs), kind
    by_id = {r["doc_id"]: r for r in recs}
    assert by_id["04_rezekne_nordplus_cp1257"]["source"]["encoding"] == "cp1257"
    assert by_id["05_cesis_seminar"]["doc_date"] == "2024-05-20"


def test_bad_inputs_get_error_lines_and_exit_1(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    shutil.copy(RAW / "01_liepaja_erasmus.txt", src / "good.txt")
    (src / "empty.txt").write_bytes(b"")
    (src / "binary.txt").write_bytes(bytes(range(256)) * 8)
    (src / "broken.txt").write_bytes("Skolēni un skolotāji ļoti priecājās. ".encode() * 4 + b"\xc3\x28\xff")
    out = tmp_path / "out"
    res = invoke("run", str(src), "-o", str(out), "--jobs", "1")
    assert res.exit_code == 1
    lines = [json.loads(l) for l in (out / "errors.jsonl").read_text().splitlines()]
    errors = [e for e in lines if e["kind"] == "error"]
    assert sorted(Path(e["path"]).name for e in errors) == ["binary.txt", "empty.txt"]
    assert all(e["error"] for e in errors)
    # two bad bytes in a UTF-8 file: read as UTF-8 with U+FFFD, and said so in a warning line and in the record
    assert [(Path(e["path"]).name, e["error"]) for e in lines if e["kind"] == "warning"] == [
        ("broken.txt", "invalid-bytes: 2 invalid UTF-8 byte sequence(s) replaced by U+FFFD")]
    broken = json.loads((out / "broken.json").read_text(encoding="utf-8"))
    assert [(w["code"], w["message"]) for w in broken["warnings"]] == [
        ("invalid-bytes", "2 invalid UTF-8 byte sequence(s) replaced by U+FFFD")]
    assert [json.loads(l)["doc_id"] for l in (out / "records.jsonl").read_text().splitlines()] == ["broken", "good"]
    assert "files 4, records 2" in res.output and "warnings 1" in res.output


def test_incremental_rerun_skips_unchanged(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    for name in ("01_liepaja_erasmus.txt", "06_daugavpils_vet.txt"):
        shutil.copy(RAW / name, src / name)
    out = tmp_path / "out"
    assert invoke("run", str(src), "-o", str(out), "--jobs", "1").exit_code == 0
    (src / "06_daugavpils_vet.txt").write_text("Jauns teksts par Erasmus+ projektu Cēsīs 2024. gada maijā.\n", encoding="utf-8")
    res = invoke("run", str(src), "-o", str(out), "--jobs", "1")
    assert "records 1, skipped 1" in res.output
    assert len((out / "records.jsonl").read_text().splitlines()) == 2
    res = invoke("run", str(src), "-o", str(out), "--jobs", "1", "--force")
    assert "records 2, skipped 0" in res.output


def test_schema_is_json_schema() -> None:
    schema = json.loads(invoke("schema").output)
    jsonschema.Draft202012Validator.check_schema(schema)
    assert "project_codes" in schema["properties"]


def test_rules_list_and_check() -> None:
    res = invoke("rules", "list")
    assert res.exit_code == 0 and "phone-lv" in res.output
    res = invoke("rules", "check")
    assert res.exit_code == 0, res.output
    assert " 0 failed" in res.output


def test_eval_agrees_with_reference_scorer(shared_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    res = invoke("run", str(shared_dir / "seeds"), "-o", str(out), "--jobs", "1")
    assert res.exit_code == 0, res.output
    ours = invoke("eval", str(shared_dir / "gold" / "seeds.jsonl"), str(out)).output
    ref = subprocess.run([sys.executable, str(shared_dir / "eval" / "score.py"), str(shared_dir / "gold" / "seeds.jsonl"),
                          str(out)], capture_output=True, text=True, check=True).stdout
    assert ours.strip() == ref.strip()


def test_worker_turns_the_collector_back_on_after_loading(monkeypatch: pytest.MonkeyPatch) -> None:
    import gc

    from extract import pipeline, runner

    class Broken:
        def __init__(self, *args: object) -> None:
            assert not gc.isenabled()  # off while the models load
            raise RuntimeError("model file missing")

    monkeypatch.setattr(pipeline, "Pipeline", Broken)
    threshold = gc.get_threshold()
    try:
        with pytest.raises(RuntimeError, match="model file missing"):
            runner._init_worker("bundled", True)
        assert gc.isenabled()  # on again, even when loading failed
    finally:
        gc.unfreeze()
        gc.set_threshold(*threshold)
        gc.enable()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="workers are forked on Linux only")
def test_two_workers_write_the_records_one_worker_writes(sample_run: Path, tmp_path: Path) -> None:
    """--jobs 2 (forked workers that inherit the rules and NER model the parent built, see
    runner.preload_shared) gives the same records, in the same order, as --jobs 1."""
    out = tmp_path / "j2"
    res = invoke("run", str(RAW), "-o", str(out), "--jobs", "2")
    assert res.exit_code == 0, res.output
    assert (out / "records.jsonl").read_bytes() == (sample_run / "records.jsonl").read_bytes()
    for one in sample_run.glob("*.json"):
        assert (out / one.name).read_bytes() == one.read_bytes()


def test_preload_builds_the_shared_models_once_and_leaves_the_collector_on() -> None:
    import gc

    from extract import runner
    from extract.entities import get_recognizer
    from extract.rules import default_ruleset

    try:
        runner.preload_shared(True)
        assert gc.isenabled()
        assert default_ruleset.cache_info().currsize == 1
        rec = get_recognizer()
        runner.preload_shared(True)  # a second run in the same process builds nothing new
        assert get_recognizer() is rec
    finally:
        gc.unfreeze()
