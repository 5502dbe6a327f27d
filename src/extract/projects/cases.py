"""Case files of the linking rules (`cases/<rule id>.yaml`), runnable without pytest.

A positive's text, run through the whole pipeline, must give projects that hold each expected
project (a subset of its fields), and the rule must have tied something in it; a negative's text
must give nothing tied by that rule.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any, Iterator, Optional

from pydantic import BaseModel, ConfigDict, Field

from ..records import DocumentRecord
from ..rules.cases import CaseResult, load_rule_case_files, subset
from .registry import all_rules

CASES_DIR = Path(__file__).resolve().parent / "cases"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class LinkPositive(_Strict):
    text: str
    expect: list[dict[str, Any]] = Field(min_length=1)
    note: Optional[str] = None


class LinkNegative(_Strict):
    text: str
    note: Optional[str] = None


class LinkCaseFile(_Strict):
    rule: str
    positives: list[LinkPositive] = Field(default_factory=list)
    negatives: list[LinkNegative | str] = Field(default_factory=list)

    def negative_texts(self) -> list[str]:
        return [n if isinstance(n, str) else n.text for n in self.negatives]


def load_link_cases(directory: Path = CASES_DIR) -> dict[str, LinkCaseFile]:
    return load_rule_case_files(directory, LinkCaseFile, "link case file")


def project_dicts(record: DocumentRecord) -> list[dict[str, Any]]:
    return [p.model_dump(mode="json") for p in record.projects]


def check_link_positive(rule_id: str, case: LinkPositive, record: DocumentRecord) -> Optional[str]:
    got = project_dicts(record)
    for want in case.expect:
        if not any(subset(want, p) for p in got):
            return f"no project holds {want}; got {[{k: v for k, v in p.items() if k not in ('mentions', 'links')} for p in got]}"
    if not any(link["rule"] == rule_id for p in got for link in p["links"]):
        return f"rule {rule_id} tied nothing"
    return None


def check_link_negative(rule_id: str, record: DocumentRecord) -> Optional[str]:
    tied = [(link["field"], link["value"]) for p in project_dicts(record) for link in p["links"] if link["rule"] == rule_id]
    return f"must tie nothing, tied {tied}" if tied else None


def case_records(texts: list[str]) -> list[DocumentRecord]:
    from ..pipeline import process

    return process(texts) if texts else []


def run_link_cases(cases: Optional[dict[str, LinkCaseFile]] = None) -> Iterator[CaseResult]:
    cases = load_link_cases() if cases is None else cases
    rules = all_rules()
    texts: list[str] = []
    for cf in cases.values():
        texts += [c.text for c in cf.positives] + cf.negative_texts()
    records = iter(case_records(texts))
    for rule_id, cf in cases.items():
        if rule_id not in rules:
            yield CaseResult(rule_id, "file", "", False, f"case file names unknown link rule {rule_id!r}")
        for case in cf.positives:
            msg = check_link_positive(rule_id, case, next(records))
            yield CaseResult(rule_id, "positive", case.text, msg is None, msg or "")
        for text in cf.negative_texts():
            msg = check_link_negative(rule_id, next(records))
            yield CaseResult(rule_id, "negative", text, msg is None, msg or "")
