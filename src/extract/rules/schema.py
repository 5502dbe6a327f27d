"""Pydantic models of rule files and case files (both YAML, `extra="forbid"`)."""
from __future__ import annotations

from typing import Any, Literal, Optional

from pydantic import BaseModel, ConfigDict, Field

Kind = Literal["project_code", "date", "email", "url", "phone", "amount"]
Flag = Literal["IGNORECASE", "VERBOSE", "MULTILINE", "DOTALL", "UNICODE", "ASCII"]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class PatternSpec(Strict):
    """A pattern; `anchor` (optional, a speed-up only) is a cheaper regex that finds a part every
    match contains, at most `anchor_window` characters from either end of the match: the pattern
    then runs only around the anchor's hits instead of at every position of the text."""

    name: str = Field(pattern=r"^[a-z0-9][a-z0-9_-]*$")
    regex: str
    flags: list[Flag] = Field(default_factory=list)
    anchor: Optional[str] = None
    anchor_window: int = Field(default=100, ge=1, le=10_000)


class ContextSpec(Strict):
    """Words expected near a match; `required` drops matches without one, else they only add score.
    `scope: window` looks `window` characters either side of the match; `scope: document` looks
    at the whole text (a page names a programme once, at its top or in a logo's file name, for
    codes whose shape alone is nearly sure)."""

    words: list[str]
    window: int = 60
    required: bool = False
    scope: Literal["window", "document"] = "window"


class RuleSpec(Strict):
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9_.-]*$")
    kind: Kind
    description: str
    priority: int = 0
    patterns: list[PatternSpec] = Field(min_length=1)
    context: Optional[ContextSpec] = None
    validator: Optional[str] = None
    params: dict[str, Any] = Field(default_factory=dict)


class Expected(Strict):
    text: str
    value: dict[str, Any] = Field(default_factory=dict)


class PositiveCase(Strict):
    text: str
    expect: list[Expected] = Field(min_length=1)
    doc_date: Optional[str] = None
    note: Optional[str] = None


class GapCase(PositiveCase):
    reason: str


class NegativeCase(Strict):
    text: str
    note: Optional[str] = None


class CaseFile(Strict):
    rule: str
    positives: list[PositiveCase] = Field(default_factory=list)
    negatives: list[NegativeCase | str] = Field(default_factory=list)
    gaps: list[GapCase] = Field(default_factory=list)

    def negative_texts(self) -> list[str]:
        return [n if isinstance(n, str) else n.text for n in self.negatives]
