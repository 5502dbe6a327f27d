"""What the exporters read: records (contract v1.0 or v1.1) and projects.jsonl lines, as lenient pydantic models.

The writer's models (`extract.records`) forbid unknown fields and pin the schema
version; readers must not. These models ignore fields they do not know, give every
list that an older record lacks an empty default (a v1.0 record has no `amounts` or
`projects`), and accept a field of projects.jsonl as one value or a list of values.
"""
from __future__ import annotations

from typing import Any, Optional

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator


class Lenient(BaseModel):
    model_config = ConfigDict(extra="ignore")


class MentionIn(Lenient):
    text: str
    start: int
    end: int


class SourceIn(Lenient):
    path: Optional[str] = None
    sha256: Optional[str] = None
    bytes: Optional[int] = None
    encoding: Optional[str] = None


class Interval(Lenient):
    start: Optional[str] = None
    end: Optional[str] = None


class Money(Lenient):
    amount: str
    currency: Optional[str] = None

    @field_validator("amount", mode="before")
    @classmethod
    def _decimal_text(cls, value: Any) -> str:
        return str(value)


class CodeIn(MentionIn):
    code: str
    scheme: Optional[str] = None
    parts: dict[str, Any] = Field(default_factory=dict)


class DateIn(MentionIn):
    value: Interval
    resolved: Optional[Interval] = None


class ContactIn(MentionIn):
    value: str


class AmountIn(MentionIn):
    value: Money


class PersonIn(Lenient):
    name: str
    mentions: list[MentionIn] = Field(default_factory=list)
    role: Optional[str] = None
    email: Optional[str] = None
    phone: Optional[str] = None


class PlaceIn(Lenient):
    name: str
    country: Optional[str] = None
    kind: Optional[str] = None
    mentions: list[MentionIn] = Field(default_factory=list)


class OrganizationIn(Lenient):
    name: str
    abbreviation: Optional[str] = None
    mentions: list[MentionIn] = Field(default_factory=list)


class ProjectFieldsIn(Lenient):
    """What a project says, as a record's project and a projects.jsonl line both write it."""

    code: Optional[str] = None
    scheme: Optional[str] = None
    title: Optional[str] = None
    alt_titles: list[str] = Field(default_factory=list)
    lead: Optional[str] = None
    organizations: list[str] = Field(default_factory=list)
    persons: list[str] = Field(default_factory=list)
    countries: list[str] = Field(default_factory=list)
    period: Optional[Interval] = None
    amount: Optional[Money] = None


class ProjectIn(ProjectFieldsIn):
    """One project of a record (v1.1)."""

    mentions: list[MentionIn] = Field(default_factory=list)

    @field_validator("alt_titles", "organizations", "persons", "countries", mode="before")
    @classmethod
    def _none_is_empty(cls, value: Any) -> Any:
        return [] if value is None else value


class RecordIn(Lenient):
    schema_version: Optional[str] = None
    doc_id: str
    source: SourceIn = Field(default_factory=SourceIn)
    doc_date: Optional[str] = None
    text: str
    project_codes: list[CodeIn] = Field(default_factory=list)
    dates: list[DateIn] = Field(default_factory=list)
    persons: list[PersonIn] = Field(default_factory=list)
    places: list[PlaceIn] = Field(default_factory=list)
    organizations: list[OrganizationIn] = Field(default_factory=list)
    emails: list[ContactIn] = Field(default_factory=list)
    phones: list[ContactIn] = Field(default_factory=list)
    urls: list[ContactIn] = Field(default_factory=list)
    amounts: list[AmountIn] = Field(default_factory=list)
    projects: list[ProjectIn] = Field(default_factory=list)

    @field_validator("project_codes", "dates", "persons", "places", "organizations", "emails", "phones",
                     "urls", "amounts", "projects", mode="before")
    @classmethod
    def _none_is_empty(cls, value: Any) -> Any:
        return [] if value is None else value


def _as_list(value: Any) -> list:
    if value is None:
        return []
    return list(value) if isinstance(value, (list, tuple)) else [value]


def _first(value: Any) -> Any:
    return next((v for v in _as_list(value) if v not in (None, "")), None)


class CorpusProjectIn(ProjectFieldsIn):
    """One line of projects.jsonl: a project across documents, its fields as lists of what the documents say."""

    doc_ids: list[str] = Field(default_factory=list)

    @model_validator(mode="before")
    @classmethod
    def _more_titles_are_alt_titles(cls, data: Any) -> Any:
        if isinstance(data, dict) and isinstance(data.get("title"), list):
            titles = [t for t in data["title"] if t]
            data = {**data, "alt_titles": titles[1:] + _as_list(data.get("alt_titles"))}
        if isinstance(data, dict) and "doc_ids" not in data and "documents" in data:
            data = {**data, "doc_ids": data["documents"]}
        return data

    @field_validator("code", "scheme", "title", "lead", "period", "amount", mode="before")
    @classmethod
    def _one_value(cls, value: Any) -> Any:
        return _first(value)

    @field_validator("alt_titles", "organizations", "persons", "countries", "doc_ids", mode="before")
    @classmethod
    def _values(cls, value: Any) -> list:
        return [v for v in _as_list(value) if v not in (None, "")]
