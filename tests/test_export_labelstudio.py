"""Label Studio round trip: records as tasks with pre-annotations, and Label Studio's JSON export as gold."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from extract.cli import app
from extract.evaluate import KINDS
from extract.export.labelstudio import KIND_LABELS, label_config, record_task
from extract.export.labelstudio_gold import read_gold
from extract.export.model import RecordIn

runner = CliRunner()


@pytest.fixture(scope="module")
def tasks_file(export_corpus, tmp_path_factory) -> Path:
    to = tmp_path_factory.mktemp("ls") / "tasks.json"
    res = runner.invoke(app, ["export", str(export_corpus.v11), "--format", "label-studio", "--to", str(to)],
                        catch_exceptions=False)
    assert res.exit_code == 0, res.output
    return to


def test_tasks_are_label_studio_import_json_with_predictions(tasks_file: Path) -> None:
    tasks = json.loads(tasks_file.read_text(encoding="utf-8"))
    assert len(tasks) == 9
    for task in tasks:
        assert set(task) == {"data", "predictions"} and task["data"]["doc_id"]
        [pred] = task["predictions"]
        regions = [r for r in pred["result"] if r["type"] == "labels"]
        values = {r["id"]: r for r in pred["result"] if r["type"] == "textarea"}
        assert regions and len(values) == len(regions)
        for r in regions:
            v = r["value"]
            assert task["data"]["text"][v["start"]:v["end"]] == v["text"]
            assert r["from_name"] == "label" and r["to_name"] == "text" and v["labels"][0] in KIND_LABELS.values()
            assert values[r["id"]]["value"]["start"] == v["start"]
    config = tasks_file.with_name("tasks.label-config.xml").read_text(encoding="utf-8")
    assert config == label_config() and 'perRegion="true"' in config


def eval_output(gold: Path, out_dir: Path) -> str:
    res = runner.invoke(app, ["eval", str(gold), str(out_dir)], catch_exceptions=False)
    assert res.exit_code == 0, res.output
    return res.output


def f1_by_kind(table: str) -> dict[str, str]:
    return {line.split()[0]: line.split()[-1] for line in table.splitlines() if line.split()[0] in KINDS}


def test_the_export_imported_unchanged_as_gold_scores_one_for_every_kind(tasks_file: Path, export_corpus) -> None:
    out = eval_output(tasks_file, export_corpus.v11)
    assert f1_by_kind(out) == {k: "1.000" for k in KINDS}, out
    assert "no annotation, its predictions taken as gold" in out


def test_corrected_annotations_are_the_gold(tasks_file: Path, export_corpus, tmp_path: Path) -> None:
    tasks = json.loads(tasks_file.read_text(encoding="utf-8"))
    exported = []
    for n, task in enumerate(tasks):
        result = task["predictions"][0]["result"]
        if task["data"]["doc_id"] == "08_ogre_spanija":     # the reviewer removes a person and renames a place
            drop = {r["id"] for r in result if r["type"] == "labels" and r["value"]["labels"] == ["PERSON"]}
            result = [r for r in result if r["id"] not in drop]
            for r in result:
                if r["type"] == "textarea" and r["value"]["text"][0].startswith("Seviļa |"):
                    r["value"]["text"] = ["Sevilja | ES | city"]
            start = task["data"]["text"].index("Erasmus+")         # a new region, its value left empty
            result.append({"id": "new-1", "from_name": "label", "to_name": "text", "type": "labels",
                           "value": {"start": start, "end": start + 8, "text": "Erasmus+",
                                     "labels": ["ORGANIZATION"]}})
        exported.append({"id": n + 1, "data": task["data"], "predictions": task["predictions"],
                         "annotations": [{"id": 1, "was_cancelled": True, "result": []},
                                         {"id": 2, "was_cancelled": False, "result": result,
                                          "updated_at": "2026-12-04T10:00:00Z"}]})
    gold = tmp_path / "project-1-at-2026-12-04.json"
    gold.write_text(json.dumps(exported, ensure_ascii=False), encoding="utf-8")
    [lines, warnings] = read_gold(gold)
    g08 = next(g for g in lines if g["doc_id"] == "08_ogre_spanija")
    assert g08["persons"] == [] and {"name": "Sevilja", "country": "ES", "kind": "city"} in g08["places"]
    assert "Erasmus+" in g08["organizations"]
    assert warnings == []
    scores = f1_by_kind(eval_output(gold, export_corpus.v11))
    assert scores["persons"] != "1.000" and scores["places"] != "1.000" and scores["dates"] == "1.000"


def test_offsets_are_utf16_code_units_for_label_studio() -> None:
    text = "Projekts 🙂 sākās Rīgā"
    rec = RecordIn.model_validate({"doc_id": "e", "text": text, "places": [
        {"name": "Rīga", "country": "LV", "kind": "city", "mentions": [{"text": "Rīgā", "start": 17, "end": 21}]}]})
    [region, value] = record_task(rec)["predictions"][0]["result"]
    assert (region["value"]["start"], region["value"]["end"]) == (18, 22)
    assert text.encode("utf-16-le")[18 * 2:22 * 2].decode("utf-16-le") == "Rīgā"
    assert value["value"]["text"] == ["Rīga | LV | city"]


def test_a_json_array_that_is_not_gold_is_a_one_line_error(tmp_path: Path, export_corpus) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('[{"text": "x"}]', encoding="utf-8")
    res = runner.invoke(app, ["eval", str(bad), str(export_corpus.v10)])
    assert res.exit_code == 2 and res.output.startswith("error: ") and res.output.count("\n") == 1
