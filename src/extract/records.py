"""Typed output records: the JSON contract v1.1 of ../shared/ANNOTATION.md as pydantic models.

v1.1 only adds fields (`amounts`, `projects`), so a reader of v1.0 that ignores unknown fields
keeps working.

Every model forbids unknown fields, so a typo in a producer fails loudly instead of
leaking into the JSON that other tools consume.
"""
from __future__ import annotations

from typing import Literal, Optional

from pydantic import BaseModel, ConfigDict, Field, field_validator

SCHEMA_VERSION = "1.1"


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Span(Model):
    """A sentence: character offsets into the record's `text`."""

    start: int = Field(ge=0)
    end: int = Field(ge=0)


class Mention(Model):
    """A stretch of the original text: `record.text[start:end] == text`."""

    text: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)


class Provenance(Model):
    """Which rule (and which of its patterns) produced a rule-based mention."""

    rule: str
    pattern: str


class Source(Model):
    path: str
    sha256: str
    bytes: int
    encoding: str


class ProjectCode(Mention):
    code: str
    scheme: str
    parts: dict[str, Optional[str]] = Field(default_factory=dict)
    provenance: Optional[Provenance] = None


class DateValue(Model):
    start: str
    end: str


class DateMention(Mention):
    value: DateValue
    resolved: Optional[DateValue] = None
    provenance: Optional[Provenance] = None


class ContactMention(Mention):
    """An email, URL or phone number; `value` is the normalised form."""

    value: str
    provenance: Optional[Provenance] = None


class AmountValue(Model):
    """A sum of money: `amount` a plain decimal string (`"120197.00"`), `currency` ISO 4217 (`EUR`, `LVL`)."""

    amount: str = Field(pattern=r"^\d+(?:\.\d+)?$")
    currency: str = Field(pattern=r"^[A-Z]{3}$")


class AmountMention(Mention):
    value: AmountValue
    provenance: Optional[Provenance] = None


class ProjectLink(Model):
    """Why a project has a field value: the linking rule (projects/rules/<rule>.yaml) that tied it."""

    field: str
    value: str
    rule: str


class Project(Model):
    """A funded project the document speaks of, tied together from the record's mentions (v1.1)."""

    code: Optional[str] = None
    scheme: Optional[str] = None
    title: Optional[str] = None
    alt_titles: list[str] = Field(default_factory=list)
    lead: Optional[str] = None
    organizations: list[str] = Field(default_factory=list)
    persons: list[str] = Field(default_factory=list)
    countries: list[str] = Field(default_factory=list)
    period: Optional[DateValue] = None
    amount: Optional[AmountValue] = None
    mentions: list[Mention] = Field(default_factory=list)
    links: list[ProjectLink] = Field(default_factory=list)


class Person(Model):
    name: str
    mentions: list[Mention]
    role: Optional[str] = None
    email: Optional[str] = None
    phone: Optional[str] = None


PlaceKind = Literal["country", "city", "region", "continent"]


class Place(Model):
    name: str
    country: Optional[str] = None
    kind: Optional[PlaceKind] = None
    mentions: list[Mention]


class Organization(Model):
    name: str
    mentions: list[Mention]
    abbreviation: Optional[str] = None


#: the codes of `RecordWarning`s (docs/reliability.md); a stage that adds a kind of warning adds it here
WARNING_CODES = {
    "rule-timeout": "a rule pattern ran past its time limit on this text and was skipped: its kind may miss items",
    "windowed": "the text was longer than one window and was processed in windows (see docs/reliability.md)",
    "replaced-characters": "characters that cannot be written as UTF-8 (lone surrogates) were replaced by U+FFFD",
    "invalid-bytes": "bytes not valid in the file's encoding (UTF-8) were read as U+FFFD",
}


class RecordWarning(Model):
    """Something a consumer should know about a record that is otherwise complete and valid:
    `code` (one of `WARNING_CODES`, e.g. `rule-timeout`), a message, and where it applies
    in the record's `text` when it applies to a stretch of it."""

    code: str
    message: str
    start: Optional[int] = Field(default=None, ge=0)
    end: Optional[int] = Field(default=None, ge=0)

    @field_validator("code")
    @classmethod
    def _known_code(cls, code: str) -> str:
        if code not in WARNING_CODES:
            raise ValueError(f"unknown warning code {code!r} (known: {', '.join(sorted(WARNING_CODES))})")
        return code


class DocumentRecord(Model):
    schema_version: Literal["1.1"] = SCHEMA_VERSION
    doc_id: str
    source: Source
    doc_date: Optional[str] = None
    text: str
    sentences: list[Span] = Field(default_factory=list)
    project_codes: list[ProjectCode] = Field(default_factory=list)
    dates: list[DateMention] = Field(default_factory=list)
    persons: list[Person] = Field(default_factory=list)
    places: list[Place] = Field(default_factory=list)
    organizations: list[Organization] = Field(default_factory=list)
    emails: list[ContactMention] = Field(default_factory=list)
    phones: list[ContactMention] = Field(default_factory=list)
    urls: list[ContactMention] = Field(default_factory=list)
    amounts: list[AmountMention] = Field(default_factory=list)
    projects: list[Project] = Field(default_factory=list)
    warnings: list[RecordWarning] = Field(default_factory=list)
    pipeline_version: Optional[str] = None

    @property
    def ok(self) -> bool:
        """True: a record (`DocumentFailure.ok` is False), for callers of `extract.process`."""
        return True

    def iter_mentions(self):
        """Yield (kind, mention) for every mention in the record, nested ones included."""
        for kind in ("project_codes", "dates", "emails", "phones", "urls", "amounts"):
            for m in getattr(self, kind):
                yield kind, m
        for kind in ("persons", "places", "organizations"):
            for item in getattr(self, kind):
                for m in item.mentions:
                    yield kind, m
        for project in self.projects:
            for m in project.mentions:
                yield "projects", m


class DocumentFailure(Model):
    """What the Python API (`extract.process`) returns in place of a record for a text that
    got none (an internal error in any stage): the text's `doc_id` and the error. The other
    texts of the call still get their records."""

    doc_id: str
    error: str
    ok: Literal[False] = False


class ErrorRecord(Model):
    """One line of errors.jsonl: a file that got no record, and why."""

    path: str
    error: str
    kind: str = "error"
