"""Issue #30 cases 7 and 12, and the record's warnings: one bad text never costs the others
their records, a broken offset map is refused, and what is skipped is said in `warnings`."""
from __future__ import annotations

from pathlib import Path

import orjson
import pytest
import regex

import extract
import extract.pipeline as pipeline_mod
from extract.mapping import MappingError, map_to_original, skeleton
from extract.normalise import normalise
from extract.pipeline import Pipeline, document_from_text, get_pipeline
from extract.records import DocumentFailure, DocumentRecord, Mention, Person
from extract.rules import RuleSet
from extract.textmap import AlignedText
from extract.writing import check_offsets, record_files_bytes

GOOD = "Rīgā 2024. gada 3. martā Jānis Bērziņš (janis.berzins@skola.lv) stāstīja par projektu."


def test_a_lone_surrogate_is_replaced_with_a_warning_and_the_batch_goes_on() -> None:
    bad = "Jānis Bērziņš \ud800 tālr. 26345678 \udfff\udc00 beigas"
    results = extract.process([GOOD, bad, GOOD])
    assert [r.ok for r in results] == [True, True, True]
    rec = results[1]
    assert rec.text == bad.replace("\ud800", "\ufffd").replace("\udfff\udc00", "\ufffd\ufffd")
    assert [(w.code, w.start, w.end) for w in rec.warnings] == [
        ("replaced-characters", bad.index("\ud800"), bad.index("\ud800") + 1),
        ("replaced-characters", bad.index("\udfff"), bad.index("\udfff") + 2)]
    assert [p.value for p in rec.phones] == ["+37126345678"]
    check_offsets(rec)
    record_files_bytes(rec)  # writable as UTF-8 JSON
    assert results[0].model_dump(exclude={"doc_id", "source"}) == results[2].model_dump(exclude={"doc_id", "source"})


def test_an_internal_error_in_a_stage_costs_one_text_its_record(monkeypatch) -> None:
    pipe = get_pipeline()
    recognize = pipe.recognizer.recognize

    def fail_on_boom(text, sentences=None):
        if "BOOM" in text:
            raise IndexError("list index out of range")
        return recognize(text, sentences)

    monkeypatch.setattr(pipe.recognizer, "recognize", fail_on_boom)
    results = extract.process([GOOD, "Teksts ar BOOM.", GOOD])
    assert [r.ok for r in results] == [True, False, True]
    failure = results[1]
    assert isinstance(failure, DocumentFailure)
    assert failure.model_dump() == {"doc_id": "doc-1", "error": "internal error: IndexError: list index out of range",
                                    "ok": False}
    assert isinstance(results[2], DocumentRecord) and results[2].persons


def _shifted(aligned: AlignedText) -> AlignedText:
    """A deliberately broken map: every normalised character points one character further on."""
    n = len(aligned.original)
    aligned.spans = [(min(a + 1, n), min(b + 1, n)) for a, b in aligned.spans]
    return aligned


def test_a_broken_offset_map_is_refused_not_written(monkeypatch) -> None:
    monkeypatch.setattr(pipeline_mod, "normalise", lambda text: _shifted(normalise(text)))
    with pytest.raises(MappingError, match="maps to"):
        Pipeline().process_one(document_from_text(GOOD, "d"))
    results = extract.process([GOOD])
    assert not results[0].ok and "MappingError" in results[0].error


def test_a_correct_map_passes_the_check_through_every_normalisation_step() -> None:
    original = ("##  „Rīgas  **Valsts**  ģimnāzija” –\u00a0e-pasts: ,,info@r1g.lv\u00ad \n"
                "Cafe\u0301 __Jānis__ \u200bBērziņš  \r\n")
    aligned = normalise(original)
    mentions = [Mention(text=m.group(), start=m.start(), end=m.end()) for m in regex.finditer(r"\S+", aligned.text)]
    record = DocumentRecord(doc_id="d", source=document_from_text(original, "d").source, text=aligned.text,
                            persons=[Person(name="x", mentions=mentions)])
    map_to_original(record, aligned)
    record.text = original
    check_offsets(record)
    assert [m.text for m in mentions] == ["„Rīgas", "Valsts", "ģimnāzija”", "–", "e-pasts:", ",,info@r1g.lv",
                                          "Cafe\u0301", "Jānis", "Bērziņš"]


def test_a_mention_that_is_not_normalised_text_is_refused() -> None:
    aligned = normalise("Jānis Bērziņš")
    record = DocumentRecord(doc_id="d", source=document_from_text("x", "d").source, text=aligned.text)
    record.persons = [Person(name="Jānis", mentions=[Mention(text="Pēteris", start=0, end=5)])]
    with pytest.raises(MappingError, match="not the normalised text"):
        map_to_original(record, aligned)


def test_skeleton_keeps_letters_and_digits_only() -> None:
    assert skeleton("„Rīga”, 2024.") == skeleton("\"Ri\u0304ga\",  2024") == "Riga2024"


def test_a_rule_timeout_is_a_warning_in_the_record(tmp_path: Path) -> None:
    (tmp_path / "slow.yaml").write_text(
        "id: slow\nkind: url\ndescription: catastrophic backtracking\n"
        "patterns: [{name: p, regex: '(?:a|aa)+b'}]\n", encoding="utf-8")
    rules = RuleSet.load(tmp_path)
    rules.timeout = 0.05
    rec = Pipeline(entities=False, ruleset=rules).process_one(document_from_text("a" * 80 + "c", "d"))
    assert [(w.code, w.start) for w in rec.warnings] == [("rule-timeout", None)]
    assert "slow" in rec.warnings[0].message
    assert orjson.loads(record_files_bytes(rec)[1])["warnings"][0]["code"] == "rule-timeout"


def test_a_warning_code_must_be_a_known_one() -> None:
    from pydantic import ValidationError

    from extract.records import WARNING_CODES, RecordWarning

    assert {"rule-timeout", "windowed", "replaced-characters"} <= set(WARNING_CODES)
    with pytest.raises(ValidationError, match="unknown warning code"):
        RecordWarning(code="rule-timout", message="typo")
