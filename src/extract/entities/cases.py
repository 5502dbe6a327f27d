"""Case files of the entity rules (entities/cases/<rule-id>.yaml), run through the whole
recogniser with the rule on and off.

A positive lists mentions (kind and text) the recogniser must find with the rule on
(`expect`), or must not find (`absent`: what a drop rule removes), and switching the rule off
must change what it finds (the rule does the work). A negative is a
text where switching the rule off changes nothing (the rule stays quiet on a near miss). A
gap is a positive known to fail today, reported when it starts passing (a strict xfail).
Every registered rule has its case file with a positive and a negative (`extract rules check`
and the test suite fail otherwise).
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from pydantic import BaseModel, ConfigDict, model_validator

from ..rules.cases import load_rule_case_files
from ..normalise import normalise

CASES_DIR = Path(__file__).resolve().parent / "cases"
KINDS = ("persons", "places", "organizations")


class Expected(BaseModel):
    model_config = ConfigDict(extra="forbid")
    kind: str
    text: str
    name: str | None = None  # the item's name (nominative), where the case is about naming

    def found_in(self, got: set[tuple[str, str, str]]) -> bool:
        return any(k == self.kind and t == self.text and self.name in (None, n) for k, t, n in got)


class EntityPositive(BaseModel):
    model_config = ConfigDict(extra="forbid")
    text: str
    expect: list[Expected] = []   # mentions that must be found
    absent: list[Expected] = []   # mentions that must not be found (what a drop rule removes)
    reason: str | None = None

    @model_validator(mode="after")
    def _says_something(self) -> "EntityPositive":
        if not (self.expect or self.absent):
            raise ValueError("a positive lists mentions to `expect` or to be `absent`")
        return self


class EntityCaseFile(BaseModel):
    model_config = ConfigDict(extra="forbid")
    rule: str
    positives: list[EntityPositive] = []
    negatives: list[str] = []
    gaps: list[EntityPositive] = []


@dataclass
class EntityCaseResult:
    rule: str
    kind: str  # positive | negative | gap
    text: str
    ok: bool
    message: str = ""


def load_entity_cases(directory: Path = CASES_DIR) -> dict[str, EntityCaseFile]:
    return load_rule_case_files(directory, EntityCaseFile, "entity case file")


def found(rec, text: str) -> set[tuple[str, str, str]]:
    """(kind, mention text, item name) of everything the recogniser finds in `text`."""
    res = rec.recognize(normalise(text).text)
    return {(kind, m.text, item.name) for kind in KINDS for item in getattr(res, kind) for m in item.mentions}


def _check_positive(on, off, case: EntityPositive, text: str) -> str | None:
    got, without = found(on, text), found(off, text)
    missing = [(e.kind, e.text, e.name) for e in case.expect if not e.found_in(got)]
    if missing:
        return f"missing {missing}; found {sorted(got)}"
    present = [(e.kind, e.text) for e in case.absent if e.found_in(got)]
    if present:
        return f"found {present}, which should be absent"
    if got == without:
        return "the rule changes nothing here"
    return None


def run_entity_cases(cases: dict[str, EntityCaseFile]) -> Iterator[EntityCaseResult]:
    from . import Chain, EntityRecognizer

    on = EntityRecognizer()
    for rule_id, cf in cases.items():
        off = EntityRecognizer(chain=Chain.load(disable=[rule_id]))
        for case in cf.positives:
            msg = _check_positive(on, off, case, case.text)
            yield EntityCaseResult(rule_id, "positive", case.text, msg is None, msg or "")
        for text in cf.negatives:
            same = found(on, text) == found(off, text)
            yield EntityCaseResult(rule_id, "negative", text, same, "" if same else "the rule changes the result")
        for case in cf.gaps:
            msg = _check_positive(on, off, case, case.text)
            yield EntityCaseResult(rule_id, "gap", case.text, msg is not None,
                                   "" if msg is not None else "gap now passes: make it a positive")
