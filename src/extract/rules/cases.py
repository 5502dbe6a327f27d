"""Case files: positives, negatives and known gaps per rule, runnable without pytest.

A positive lists every mention of the rule's kind that its text must yield (text
and a subset of the payload); a negative must yield no mention of that kind; a gap
is a positive that is known to fail today, and is reported when it starts passing
(like a strict xfail).
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator, Optional, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from ..lexicons import parse_yaml
from ..normalise import normalise
from ..resolve import resolve
from .engine import CASES_DIR, RuleError, RuleMatch, RuleSet
from .schema import CaseFile, PositiveCase


@dataclass
class CaseResult:
    rule: str
    kind: str  # positive | negative | gap
    text: str
    ok: bool
    message: str = ""


M = TypeVar("M", bound=BaseModel)


def load_rule_case_files(directory: Path, model: type[M], what: str = "case file") -> dict[str, M]:
    """Every `<rule-id>.yaml` of `directory` validated as `model` (which has a `rule` field),
    keyed by rule id; a file that does not load, or names another rule than its own name,
    raises `RuleError`. Extraction, entity and linking rules' case files all load here."""
    out: dict[str, M] = {}
    for path in sorted(directory.glob("*.yaml")):
        try:
            cf = model.model_validate(parse_yaml(path.read_text(encoding="utf-8")))
        except (yaml.YAMLError, ValidationError) as exc:
            raise RuleError(f"{what} {path.name}: {exc}") from None
        if cf.rule != path.stem:
            raise RuleError(f"{what} {path.name} names rule {cf.rule!r}; name the file after its rule")
        out[cf.rule] = cf
    return out


def load_case_files(directory: Path = CASES_DIR) -> dict[str, CaseFile]:
    return load_rule_case_files(directory, CaseFile)


def extract_kind(ruleset: RuleSet, text: str, kind: str, doc_date: Optional[str] = None) -> list[RuleMatch]:
    """Run every rule on `text` as the pipeline does (normalise, match, resolve, map back)."""
    aligned = normalise(text)
    matches = resolve(ruleset.find(aligned.text, doc_date))
    out = []
    for m in matches:
        if m.kind != kind:
            continue
        start, end = aligned.to_original(m.start, m.end)
        out.append(RuleMatch(m.rule, m.pattern, m.kind, start, end, text[start:end], m.priority, m.payload))
    return out


def subset(expected: Any, actual: Any) -> bool:
    if isinstance(expected, dict):
        return isinstance(actual, dict) and all(k in actual and subset(v, actual[k]) for k, v in expected.items())
    if isinstance(expected, list):
        return isinstance(actual, list) and len(expected) == len(actual) and all(subset(e, a) for e, a in zip(expected, actual))
    return expected == actual


def check_positive(ruleset: RuleSet, kind: str, case: PositiveCase) -> Optional[str]:
    """None when the case holds, else what went wrong."""
    got = extract_kind(ruleset, case.text, kind, case.doc_date)
    if [g.text for g in got] != [e.text for e in case.expect]:
        return f"expected {[e.text for e in case.expect]}, got {[g.text for g in got]}"
    for e, g in zip(case.expect, got):
        if not subset(e.value, g.payload):
            return f"{e.text!r}: expected {e.value}, got {g.payload}"
    return None


def run_cases(ruleset: RuleSet, cases: dict[str, CaseFile]) -> Iterator[CaseResult]:
    for rule_id, cf in cases.items():
        try:
            kind = ruleset.get(rule_id).spec.kind
        except KeyError:
            yield CaseResult(rule_id, "file", "", False, f"case file names unknown rule {rule_id!r}")
            continue
        for case in cf.positives:
            msg = check_positive(ruleset, kind, case)
            yield CaseResult(rule_id, "positive", case.text, msg is None, msg or "")
        for text in cf.negative_texts():
            got = extract_kind(ruleset, text, kind)
            yield CaseResult(rule_id, "negative", text, not got, f"must yield nothing, got {[g.text for g in got]}" if got else "")
        for gap in cf.gaps:
            msg = check_positive(ruleset, kind, gap)
            yield CaseResult(rule_id, "gap", gap.text, msg is not None,
                             "" if msg else f"known gap now passes ({gap.reason}): move it to positives")
