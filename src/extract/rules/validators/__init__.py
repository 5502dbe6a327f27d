"""Named validator functions for rules, found by module glob and looked up by name.

A validator receives the regex match and a `MatchContext`; it returns the payload
of the mention (e.g. `{"value": ...}` or `{"code": ..., "scheme": ..., "parts": ...}`)
or `None` to reject the match. Add one by writing a function with `@validator("name")`
in any module of this package.
"""
from __future__ import annotations

import importlib
import pkgutil
from dataclasses import dataclass, field
from typing import Any, Callable, Optional

import regex

Payload = dict[str, Any]
ValidatorFn = Callable[["regex.Match[str]", "MatchContext"], Optional[Payload]]

REGISTRY: dict[str, ValidatorFn] = {}


@dataclass
class MatchContext:
    text: str
    doc_date: Optional[str] = None
    params: dict[str, Any] = field(default_factory=dict)


def validator(name: str) -> Callable[[ValidatorFn], ValidatorFn]:
    def register(fn: ValidatorFn) -> ValidatorFn:
        if name in REGISTRY and REGISTRY[name] is not fn:
            raise ValueError(f"validator {name!r} registered twice")
        REGISTRY[name] = fn
        return fn

    return register


def load_all() -> dict[str, ValidatorFn]:
    for mod in pkgutil.iter_modules(__path__):
        importlib.import_module(f"{__name__}.{mod.name}")
    return REGISTRY
