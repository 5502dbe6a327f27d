"""Registered rule units of the entity stage and the chain that orders them.

A rule unit is a small function registered with `@entity_rule(id, kinds, stage)`; its
docstring says what it does and cites its evidence. Stages:

- `spans`: `fn(spans, doc) -> spans`, a step of the chain, run in chain order;
- `person-kind`, `organization-kind`, `place-kind`: `fn(span, doc) -> Span | DROP | None`,
  run by the `reclassify` step for each span of that kind; the first that answers wins;
- `person-drop`, `place-drop`: `fn(span, doc) -> bool`, run by `person-filters` /
  `place-filters`: a span any of them says True of goes;
- `option`: consulted where names and tags are made (`doc.on(id)`), no step of its own.

The chain (`chain.yaml`) lists every rule id once, in order, each enabled or not; a
profile switches groups of rules off (`corpus`: the corpus's conventions instead of the
output contract's, for comparisons with FullStack-LV). Ablations go through the chain:
`Chain.load(disable=["rule-id"])`, `scripts/cv_ner.py --disable RULE_ID`, or a chain file.
"""
from __future__ import annotations

import hashlib
import inspect
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Callable, Iterable

from ..lexicons import parse_yaml

CHAIN_FILE = Path(__file__).resolve().parent / "chain.yaml"
STAGES = ("spans", "person-kind", "organization-kind", "place-kind", "person-drop", "place-drop", "option")
FAMILIES = ("edges", "drops", "bodies", "persons", "names", "organisations", "places", "votes", "tagging", "naming", "hints")
PROFILES = ("contract", "corpus")
DROP = object()  # what a *-kind rule returns for a span that goes


class ChainError(ValueError):
    pass


@dataclass(frozen=True)
class EntityRule:
    id: str
    family: str
    kinds: tuple[str, ...]
    stage: str
    fn: Callable
    contract: bool  # follows the output contract against the corpus's conventions

    @property
    def evidence(self) -> str:
        return inspect.cleandoc(self.fn.__doc__ or "")

    @property
    def summary(self) -> str:
        return " ".join(self.evidence.split("\n\n")[0].split())


REGISTRY: dict[str, EntityRule] = {}


def entity_rule(rule_id: str, kinds: Iterable[str], stage: str = "spans", contract: bool = False):
    """Register a rule unit (its family is its module's name)."""
    if stage not in STAGES:
        raise ChainError(f"{rule_id}: unknown stage {stage!r}")

    def register(fn: Callable) -> Callable:
        family = fn.__module__.rsplit(".", 1)[-1]
        if rule_id in REGISTRY:
            raise ChainError(f"rule {rule_id!r} registered twice")
        if family not in FAMILIES:
            raise ChainError(f"{rule_id}: module {family!r} is no rule family")
        if not (fn.__doc__ or "").strip():
            raise ChainError(f"{rule_id}: a rule unit's docstring says what it does and its evidence")
        REGISTRY[rule_id] = EntityRule(rule_id, family, tuple(kinds), stage, fn, contract)
        return fn

    return register


def registry() -> dict[str, EntityRule]:
    """Every registered rule unit (importing the families registers them)."""
    from . import rules  # noqa: F401

    return REGISTRY


@dataclass(frozen=True)
class Chain:
    """The ordered rule ids and the enabled ones."""
    order: tuple[str, ...]
    enabled: frozenset[str]
    profile: str = "contract"

    def on(self, rule_id: str) -> bool:
        return rule_id in self.enabled

    def members(self, stage: str) -> list[EntityRule]:
        """The enabled rules of a stage, in chain order."""
        reg = registry()
        return [reg[i] for i in self.order if i in self.enabled and reg[i].stage == stage]

    def fingerprint(self) -> str:
        """What of the chain changes records: the order and the enabled ids."""
        text = "|".join(f"{i}={int(i in self.enabled)}" for i in self.order)
        return hashlib.sha256(text.encode()).hexdigest()[:16]

    @classmethod
    def load(cls, path: Path | str | None = None, profile: str = "contract",
             disable: Iterable[str] = ()) -> "Chain":
        """The chain of a chain file (default: the package's), with a profile and ablations."""
        return _load(str(path or CHAIN_FILE), profile, tuple(sorted(disable)))


@lru_cache(maxsize=None)
def _load(path: str, profile: str, disable: tuple[str, ...]) -> Chain:
    reg = registry()
    data = parse_yaml(Path(path).read_text(encoding="utf-8"))
    order = tuple(step["id"] for step in data["chain"])
    _validate(order, reg, path)
    if profile not in PROFILES:
        raise ChainError(f"unknown profile {profile!r} (one of {', '.join(PROFILES)})")
    unknown = [i for i in disable if i not in reg]
    if unknown:
        raise ChainError(f"no such entity rule: {', '.join(unknown)}")
    enabled = {step["id"] for step in data["chain"] if step.get("enabled", True)} - set(disable)
    if profile == "corpus":
        enabled -= {i for i, r in reg.items() if r.contract}
    return Chain(order, frozenset(enabled), profile)


def _validate(order: tuple[str, ...], reg: dict[str, EntityRule], path: str) -> None:
    seen: set[str] = set()
    for rule_id in order:
        if rule_id not in reg:
            raise ChainError(f"{path}: {rule_id!r} is no registered entity rule")
        if rule_id in seen:
            raise ChainError(f"{path}: {rule_id!r} listed twice")
        seen.add(rule_id)
    missing = sorted(set(reg) - seen)
    if missing:
        raise ChainError(f"{path}: registered rules missing from the chain: {', '.join(missing)}")


def run_chain(spans: list, doc) -> list:
    """Run the enabled `spans` steps of `doc.chain` in order."""
    for rule in doc.chain.members("spans"):
        spans = rule.fn(spans, doc)
    return spans
