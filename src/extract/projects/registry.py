"""Linking rules: small registered units, each with an id, the field it fills and a docstring
that says what evidence it reads. Each has a case file `cases/<id>.yaml` (positives and
negatives), run by `extract rules check` and by the test suite."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

FIELDS = ("title", "alt_titles", "code", "scheme", "lead", "organizations", "persons", "countries",
          "period", "amount")


@dataclass(frozen=True)
class LinkRule:
    id: str
    field: str
    fn: Callable
    description: str


LINK_RULES: dict[str, LinkRule] = {}


def link_rule(rule_id: str, field: str) -> Callable[[Callable], Callable]:
    """Register a linking unit; its docstring's first paragraph is its description."""
    if field not in FIELDS:
        raise ValueError(f"link rule {rule_id}: unknown field {field!r}")

    def register(fn: Callable) -> Callable:
        if rule_id in LINK_RULES:
            raise ValueError(f"link rule {rule_id!r} registered twice")
        doc = (fn.__doc__ or "").strip().split("\n\n")[0]
        LINK_RULES[rule_id] = LinkRule(rule_id, field, fn, " ".join(doc.split()))
        return fn

    return register


def all_rules() -> dict[str, LinkRule]:
    from . import links, titles  # noqa: F401 - importing registers the units

    return LINK_RULES
