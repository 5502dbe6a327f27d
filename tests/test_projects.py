"""Projects (contract v1.1): the linking rules' case files, projects.jsonl over incremental runs,
the project scorer against ../shared/eval/projects.py, and JSON Schema validation of v1.1 records."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

from extract.cli import app
from extract.projects.cases import (
    case_records,
    check_link_negative,
    check_link_positive,
    load_link_cases,
)
from extract.projects.corpus import merge_projects
from extract.projects.registry import all_rules

runner = CliRunner()
LINK_CASES = load_link_cases()


def invoke(*args: str):
    return runner.invoke(app, list(args), catch_exceptions=False)


def _case_params():
    for rule_id, cf in LINK_CASES.items():
        for i, case in enumerate(cf.positives):
            yield pytest.param(rule_id, "positive", case, id=f"{rule_id}-pos{i}")
        for i, text in enumerate(cf.negative_texts()):
            yield pytest.param(rule_id, "negative", text, id=f"{rule_id}-neg{i}")


@pytest.fixture(scope="module")
def records_by_text():
    texts = sorted({c.text for cf in LINK_CASES.values() for c in cf.positives}
                   | {t for cf in LINK_CASES.values() for t in cf.negative_texts()})
    return dict(zip(texts, case_records(texts)))


@pytest.mark.parametrize("rule_id,kind,case", list(_case_params()))
def test_link_case(rule_id, kind, case, records_by_text) -> None:
    if kind == "positive":
        msg = check_link_positive(rule_id, case, records_by_text[case.text])
    else:
        msg = check_link_negative(rule_id, records_by_text[case])
    assert msg is None, msg


def test_every_link_rule_has_positive_and_negative_cases() -> None:
    rules = all_rules()
    assert set(LINK_CASES) == set(rules)
    for rule_id, cf in LINK_CASES.items():
        assert cf.positives and cf.negatives, rule_id
        assert rules[rule_id].description, rule_id


def _project(code=None, title=None, **kw):
    base = {"code": code, "scheme": None, "title": title, "alt_titles": [], "lead": None, "organizations": [],
            "persons": [], "countries": [], "period": None, "amount": None, "mentions": []}
    return base | kw


def test_merge_by_code_else_by_title() -> None:
    recs = [
        {"doc_id": "b", "projects": [_project("8.3.1.1/16/I/002", "Atbalsts skolām", organizations=["Ogres novada pašvaldība"])]},
        {"doc_id": "a", "projects": [_project("8.3.1.1/16/I/002", "Atbalsts skolām", lead="IKVD"),
                                     _project(None, "Zaļie ceļi", alt_titles=["Green Roads"])]},
        {"doc_id": "c", "projects": [_project(None, "„Green Roads”", countries=["EE"]),
                                     _project("2020-1-LV01-KA229-077001_1", "Zilie ceļi")]},
        {"doc_id": "d", "projects": [_project(None, "Zilie  ceļi", persons=["Anna Liepiņa"])]},
    ]
    lines = merge_projects(recs)
    by_code = {tuple(line["codes"]): line for line in lines}
    esf = by_code[("8.3.1.1/16/I/002",)]
    assert esf["doc_ids"] == ["a", "b"] and esf["leads"] == ["IKVD"] and esf["organizations"] == ["Ogres novada pašvaldība"]
    roads = by_code[()]
    assert roads["doc_ids"] == ["a", "c"] and roads["countries"] == ["EE"]
    blue = by_code[("2020-1-LV01-KA229-077001_1",)]
    assert blue["doc_ids"] == ["c", "d"] and blue["persons"] == ["Anna Liepiņa"]  # no code: merged by title


DOC_A = ("Valmieras Valsts ģimnāzija īsteno Erasmus+ projektu Nr. 2022-1-LV01-KA220-SCH-000054321 "
         "“Zaļā skola rītdienai”. Projekta kopējās izmaksas ir 120 000 EUR.\n")
DOC_B = "Cēsu Valsts ģimnāzija piedalās Erasmus+ projektā Nr. 2022-1-LV01-KA220-SCH-000054321 “Zaļā skola rītdienai”.\n"
DOC_C = "Tukuma 2. pamatskola piedalās Nordplus Junior projektā “Ziemeļu stāsti” (Nr. NPJR-2023/10055).\n"


def _projects_file(out: Path) -> list[dict]:
    return [json.loads(line) for line in (out / "projects.jsonl").read_text(encoding="utf-8").splitlines()]


def test_projects_file_follows_changed_and_removed_documents(tmp_path: Path) -> None:
    src, out = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    (src / "a.txt").write_text(DOC_A, encoding="utf-8")
    (src / "b.txt").write_text(DOC_B, encoding="utf-8")
    (src / "c.txt").write_text(DOC_C, encoding="utf-8")
    assert invoke("run", str(src), "-o", str(out), "--jobs", "1").exit_code == 0
    first = {p["code"]: p for p in _projects_file(out)}
    assert first["2022-1-LV01-KA220-SCH-000054321"]["doc_ids"] == ["a", "b"]
    assert first["2022-1-LV01-KA220-SCH-000054321"]["amounts"] == [{"amount": "120000", "currency": "EUR"}]
    assert first["NPJR-2023/10055"]["doc_ids"] == ["c"]

    (src / "b.txt").write_text(DOC_B.replace("Zaļā skola rītdienai", "Zaļā skola visiem"), encoding="utf-8")
    (src / "c.txt").unlink()
    res = invoke("run", str(src), "-o", str(out), "--jobs", "1")
    assert res.exit_code == 0 and "records 1, skipped 1" in res.output
    second = {p["code"]: p for p in _projects_file(out)}
    assert set(second) == {"2022-1-LV01-KA220-SCH-000054321"}  # the removed document's project is gone
    assert second["2022-1-LV01-KA220-SCH-000054321"]["titles"] == ["Zaļā skola rītdienai", "Zaļā skola visiem"]
    assert not list(out.glob(".projects.jsonl.*"))  # written atomically: no temporary file left


def test_records_validate_against_the_v11_schema(tmp_path: Path) -> None:
    src, out = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    (src / "a.txt").write_text(DOC_A, encoding="utf-8")
    assert invoke("run", str(src), "-o", str(out), "--jobs", "1").exit_code == 0
    schema = json.loads(invoke("schema").output)
    rec = json.loads((out / "a.json").read_text(encoding="utf-8"))
    jsonschema.validate(rec, schema)
    assert rec["schema_version"] == "1.1"
    assert rec["amounts"][0]["value"] == {"amount": "120000", "currency": "EUR"}
    project = rec["projects"][0]
    assert project["title"] == "Zaļā skola rītdienai" and project["lead"] == "Valmieras Valsts ģimnāzija"
    for m in project["mentions"]:
        assert rec["text"][m["start"]:m["end"]] == m["text"]
    bad = dict(rec, projects=[dict(project, amount={"amount": "12,5", "currency": "eur"})])
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, schema)


V10_FIELDS = {"schema_version", "doc_id", "source", "doc_date", "text", "sentences", "project_codes", "dates",
              "persons", "places", "organizations", "emails", "phones", "urls"}


def test_v11_only_adds_to_v10() -> None:
    schema = json.loads(invoke("schema").output)
    props = set(schema["properties"])
    assert V10_FIELDS <= props and {"amounts", "projects"} <= props
    assert not set(schema.get("required", [])) - V10_FIELDS  # nothing new that a v1.0 producer lacks is required


def test_eval_projects_agrees_with_reference_scorer(shared_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert invoke("run", str(shared_dir / "seeds"), "-o", str(out), "--jobs", "1").exit_code == 0
    gold = shared_dir / "gold" / "seeds_projects.jsonl"
    ours = invoke("eval-projects", str(gold), str(out), "--show").output
    ref = subprocess.run([sys.executable, str(shared_dir / "eval" / "projects.py"), str(gold), str(out), "--show"],
                         capture_output=True, text=True, check=True).stdout
    assert ours.strip() == ref.strip()
    ours = invoke("eval", str(shared_dir / "realdev" / "gold.jsonl"), str(out)).output
    ref = subprocess.run([sys.executable, str(shared_dir / "eval" / "score.py"), str(shared_dir / "realdev" / "gold.jsonl"),
                          str(out)], capture_output=True, text=True, check=True).stdout
    assert ours.strip() == ref.strip() and "amounts" in ours
