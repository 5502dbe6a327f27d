"""Merging the corpus's projects from the records' `projects` lists and projects.jsonl."""
from __future__ import annotations

import pytest

from extract.export.model import CorpusProjectIn, RecordIn
from extract.export.projects import merge_projects, project_rows


def record(doc_id: str, *projects: dict) -> RecordIn:
    return RecordIn.model_validate({"doc_id": doc_id, "text": "teksts", "projects": list(projects)})


def test_a_code_or_a_title_makes_one_project() -> None:
    records = [record("a", {"code": "NPJR-2024/10077", "title": "Lasām kopā", "countries": ["LT"]}),
               record("b", {"title": "„Lasām  kopā”", "countries": ["FI"],
                            "organizations": ["Rēzeknes 5. pamatskola"]},
                      {"title": "Zaļā skola"}),
               record("c", {"code": "npjr-2024/10077 ", "lead": "Rēzeknes 5. pamatskola"})]
    merged = merge_projects(records, [])
    assert sorted(merged.projects) == ["NPJR-2024/10077", "title:zaļā skola"]
    assert merged.ids_by_doc == {"a": ["NPJR-2024/10077"], "b": ["NPJR-2024/10077", "title:zaļā skola"],
                                 "c": ["NPJR-2024/10077"]}
    p = merged.projects["NPJR-2024/10077"]
    assert (p.title, p.lead, p.countries, sorted(p.doc_ids)) == ("Lasām kopā", "Rēzeknes 5. pamatskola",
                                                                 ["LT", "FI"], ["a", "b", "c"])
    assert p.alt_titles == []           # the same title in other quotes and spacing


def test_projects_jsonl_values_come_first_and_unknown_documents_are_dropped() -> None:
    line = CorpusProjectIn.model_validate({"code": ["LLI-441"], "scheme": ["interreg"], "title": ["Upes", "Rivers"],
                                           "period": [{"start": "2018", "end": "2020"}], "countries": ["LT", "LV"],
                                           "doc_ids": ["a", "gone"]})
    assert line.title == "Upes" and line.alt_titles == ["Rivers"]
    merged = merge_projects([record("a", {"code": "LLI-441", "title": "Upes dzīve", "period": {"start": "2019"}})],
                            [line])
    [row] = project_rows(merged, [])["projects"]
    assert (row["title"], row["period_start"], row["year_end"], row["documents"]) == ("Upes", "2018", 2020, 1)
    assert merged.projects["LLI-441"].alt_titles == ["Rivers", "Upes dzīve"]


def test_a_project_without_code_or_title_stays_with_its_document() -> None:
    merged = merge_projects([record("a", {"scheme": "interreg"}), record("b", {"scheme": "interreg"})], [])
    assert sorted(merged.projects) == ["a#0", "b#0"]


READER_WRITER_PAIRS = [("RecordIn", "DocumentRecord"), ("SourceIn", "Source"), ("CodeIn", "ProjectCode"),
                       ("DateIn", "DateMention"), ("ContactIn", "ContactMention"), ("AmountIn", "AmountMention"),
                       ("PersonIn", "Person"), ("PlaceIn", "Place"), ("OrganizationIn", "Organization"),
                       ("ProjectIn", "Project"), ("Interval", "DateValue"), ("Money", "AmountValue")]


@pytest.mark.parametrize("reader, writer", READER_WRITER_PAIRS)
def test_the_export_readers_fields_are_the_writers(reader: str, writer: str):
    """The exporters' lenient models (export/model.py) mirror the writer's (records.py) field by
    field: a field renamed or dropped in a record must not go unread in silence."""
    from extract import records
    from extract.export import model

    read, written = set(getattr(model, reader).model_fields), set(getattr(records, writer).model_fields)
    assert read <= written, f"{reader} reads fields {sorted(read - written)} that {writer} does not write"
    left_out = written - read - {"provenance", "links", "warnings", "sentences", "pipeline_version", "kind_hint"}
    assert not left_out, f"{writer} writes fields {sorted(left_out)} that {reader} does not read"
