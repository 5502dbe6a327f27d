"""The corpus's projects: the records' `projects` lists and projects.jsonl merged into one row per project.

Two project items are one project when they share a code, or (where one has no code)
a title or alternative title, as ANNOTATION.md says. A project's id is its code in
upper case, else `title:<title in lower case>`. Single values (scheme, title, lead,
period, amount) come from projects.jsonl first, then from the records in doc_id order;
lists (organisations, persons, countries, titles, documents) are their union.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Optional, Union

from .model import CorpusProjectIn, Interval, Money, ProjectIn, RecordIn
from .tables import Row, is_school, to_json

ProjectItem = Union[ProjectIn, CorpusProjectIn]


def title_key(title: str) -> str:
    t = unicodedata.normalize("NFC", title).casefold()
    t = "".join(ch for ch in t if ch not in "\"'“”„‟«»‘’‚")
    return re.sub(r"\s+", " ", t).strip()


@dataclass
class Project:
    id: str
    code: Optional[str] = None
    scheme: Optional[str] = None
    title: Optional[str] = None
    lead: Optional[str] = None
    period: Optional[Interval] = None
    amount: Optional[Money] = None
    alt_titles: list[str] = field(default_factory=list)
    organizations: list[str] = field(default_factory=list)
    persons: list[str] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)
    doc_ids: list[str] = field(default_factory=list)

    def titles(self) -> set[str]:
        return {title_key(t) for t in [self.title, *self.alt_titles] if t}

    def add(self, p: ProjectItem, doc_ids: list[str]) -> None:
        for name in ("code", "scheme", "title", "lead", "period", "amount"):
            if getattr(self, name) is None and getattr(p, name) is not None:
                setattr(self, name, getattr(p, name))
        for t in [p.title, *p.alt_titles]:
            if t and title_key(t) not in self.titles():     # not the same title in other quotes or spacing
                self.alt_titles.append(t)
        _extend(self.organizations, p.organizations + ([p.lead] if p.lead else []))
        _extend(self.persons, p.persons)
        _extend(self.countries, [c.upper() for c in p.countries])
        _extend(self.doc_ids, doc_ids)


def _extend(values: list[str], more: list[str]) -> None:
    for v in more:
        if v and v not in values:
            values.append(v)


@dataclass
class MergedProjects:
    projects: dict[str, Project]
    ids_by_doc: dict[str, list[str]]   # doc_id -> corpus id of each item of that record's `projects`


def _items(records: list[RecordIn], corpus: list[CorpusProjectIn]):
    """(item, doc_ids, anonymous id) for every project item: projects.jsonl lines first, then the records'."""
    for n, p in enumerate(corpus):
        yield p, list(p.doc_ids), f"projects.jsonl#{n}"
    for rec in records:
        for i, p in enumerate(rec.projects):
            yield p, [rec.doc_id], f"{rec.doc_id}#{i}"


def merge_projects(records: list[RecordIn], corpus: list[CorpusProjectIn]) -> MergedProjects:
    known_docs = {r.doc_id for r in records}
    projects: dict[str, Project] = {}
    by_title: dict[str, str] = {}        # title or alternative title -> project id
    items = list(_items(records, corpus))
    item_ids: dict[int, str] = {}
    # codes first, so that a title-only mention joins the coded project of the same title
    for coded_pass in (True, False):
        for n, (p, doc_ids, anonymous) in enumerate(items):
            if bool(p.code) != coded_pass:
                continue
            pid = item_ids[n] = _project_id(p, by_title, anonymous)
            project = projects.setdefault(pid, Project(pid))
            project.add(p, [d for d in doc_ids if d in known_docs])
            for t in project.titles():
                by_title.setdefault(t, pid)
    ids_by_doc: dict[str, list[str]] = {r.doc_id: [] for r in records}
    for n, (p, doc_ids, _) in enumerate(items):
        if isinstance(p, ProjectIn):
            ids_by_doc[doc_ids[0]].append(item_ids[n])
    return MergedProjects(dict(sorted(projects.items())), ids_by_doc)


def _project_id(p: ProjectItem, by_title: dict[str, str], anonymous: str) -> str:
    if p.code:
        return re.sub(r"\s+", "", p.code).upper()
    titles = sorted({title_key(t) for t in [p.title, *p.alt_titles] if t})
    if not titles:
        return anonymous
    known = next((by_title[t] for t in titles if t in by_title), None)
    return known or f"title:{title_key(p.title) if p.title else titles[0]}"


def _year(value: Optional[str]) -> Optional[int]:
    return int(value[:4]) if value and value[:4].isdigit() else None


def _code_year(parts: Optional[dict]) -> Optional[int]:
    year = str((parts or {}).get("year") or "")
    if len(year) == 4 and year.isdigit():
        return int(year)
    return 2000 + int(year) if len(year) == 2 and year.isdigit() else None


def project_rows(merged: MergedProjects, records: list[RecordIn]) -> dict[str, list[Row]]:
    """Rows of projects, project_documents, project_organizations, project_persons and project_countries."""
    parts = {c.code.upper(): c.parts for r in records for c in r.project_codes}
    out: dict[str, list[Row]] = {"projects": [], "project_documents": [], "project_organizations": [],
                                 "project_persons": [], "project_countries": []}
    for pid, p in merged.projects.items():
        period, money = p.period or Interval(), p.amount
        out["projects"].append({
            "id": pid, "code": p.code, "scheme": p.scheme, "title": p.title, "alt_titles": to_json(p.alt_titles),
            "lead": p.lead, "period_start": period.start, "period_end": period.end,
            "year_start": _year(period.start), "year_end": _year(period.end),
            "code_year": _code_year(parts.get(p.code.upper())) if p.code else None,
            "amount": money.amount if money else None, "currency": money.currency if money else None,
            "documents": len(p.doc_ids)})
        out["project_documents"] += [{"project_id": pid, "doc_id": d} for d in sorted(p.doc_ids)]
        out["project_organizations"] += [{"project_id": pid, "organization": o, "is_lead": int(o == p.lead),
                                          "is_school": is_school(o)} for o in p.organizations]
        out["project_persons"] += [{"project_id": pid, "person": n} for n in p.persons]
        out["project_countries"] += [{"project_id": pid, "country": c} for c in p.countries]
    return out

