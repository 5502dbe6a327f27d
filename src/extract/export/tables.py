"""The analyst's tables: their columns, keys and links (one spec for every format), and a record's rows.

Every row id is built from the record alone (`<doc_id>/<kind>/<n>`), so an export
rebuilt from scratch and one updated document by document hold the same rows.
"""
from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from typing import Any, Optional

from .model import RecordIn

Row = dict[str, Any]


@dataclass(frozen=True)
class TableSpec:
    name: str
    columns: dict[str, type]              # column -> str, int or float, in output order
    pk: tuple[str, ...]
    foreign_keys: tuple[tuple[str, str, str], ...] = ()   # (column, other table, other column)
    indexes: tuple[tuple[str, ...], ...] = ()
    per_document: bool = True             # rows belong to one document (they have a doc_id)


def _spec(name: str, columns: str, pk: str = "id", fks: tuple = (), indexes: tuple = (),
          per_document: bool = True) -> TableSpec:
    types = {"s": str, "i": int, "f": float}
    cols = {}
    for item in columns.split():
        col, _, kind = item.partition(":")
        cols[col] = types[kind or "s"]
    return TableSpec(name, cols, tuple(pk.split()), fks, tuple(tuple(i.split()) for i in indexes), per_document)


_DOC_FK = (("doc_id", "documents", "doc_id"),)
_SPAN = "text start:i end:i"
_PROJECT_FK = (("project_id", "projects", "id"),)

# Parents before children: the order tables are created, filled and written in.
TABLES: dict[str, TableSpec] = {t.name: t for t in [
    _spec("documents", "doc_id schema_version doc_date source_path source_sha256 source_bytes:i "
          "source_encoding chars:i record_sha256 text", pk="doc_id", indexes=("doc_date",)),
    _spec("project_codes", f"id doc_id code scheme {_SPAN} parts", fks=_DOC_FK, indexes=("doc_id", "code")),
    _spec("dates", f"id doc_id {_SPAN} value_start value_end resolved_start resolved_end", fks=_DOC_FK,
          indexes=("doc_id", "value_start")),
    _spec("persons", "id doc_id name role email phone mentions:i", fks=_DOC_FK, indexes=("doc_id", "name")),
    _spec("places", "id doc_id name country kind mentions:i", fks=_DOC_FK, indexes=("doc_id", "name", "country")),
    _spec("organizations", "id doc_id name abbreviation is_school:i mentions:i", fks=_DOC_FK,
          indexes=("doc_id", "name")),
    _spec("amounts", f"id doc_id {_SPAN} amount currency amount_number:f", fks=_DOC_FK, indexes=("doc_id",)),
    _spec("mentions", f"id doc_id kind {_SPAN} value entity_id", fks=_DOC_FK,
          indexes=("doc_id", "kind value", "entity_id")),
    _spec("projects", "id code scheme title alt_titles lead period_start period_end year_start:i year_end:i "
          "code_year:i amount currency documents:i", indexes=("code", "scheme", "year_start"), per_document=False),
    _spec("project_documents", "project_id doc_id", pk="project_id doc_id",
          fks=_PROJECT_FK + _DOC_FK, indexes=("doc_id",), per_document=False),
    _spec("project_organizations", "project_id organization is_lead:i is_school:i", pk="project_id organization",
          fks=_PROJECT_FK, indexes=("organization",), per_document=False),
    _spec("project_persons", "project_id person", pk="project_id person", fks=_PROJECT_FK,
          indexes=("person",), per_document=False),
    _spec("project_countries", "project_id country", pk="project_id country", fks=_PROJECT_FK,
          indexes=("country",), per_document=False),
]}

DOCUMENT_TABLES = [name for name, t in TABLES.items() if t.per_document]
PROJECT_TABLES = [name for name, t in TABLES.items() if not t.per_document]

# The kinds of mention, in the order a record lists them (ANNOTATION.md v1.1).
MENTION_KINDS = ["project_codes", "dates", "persons", "places", "organizations",
                 "emails", "phones", "urls", "amounts", "projects"]

# Organisation names whose head word makes them a school (a heuristic for queries, see docs/outputs.md).
SCHOOL_WORDS = re.compile(r"(skola|ģimnāzija|tehnikums|licejs|koledža|bērnudārzs|school|skole|skolan|koulu|"
                          r"lukio|mokykla|gimnazija|kool|gymnasium|liceo|colegio)\b", re.IGNORECASE)


def is_school(name: Optional[str]) -> int:
    return int(bool(name and SCHOOL_WORDS.search(name)))


def to_json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def record_fingerprint(rec: RecordIn) -> str:
    return hashlib.sha256(rec.model_dump_json().encode("utf-8")).hexdigest()


def _row_id(rec: RecordIn, kind: str, n: int) -> str:
    return f"{rec.doc_id}/{kind}/{n:04d}"


def _mention(rec: RecordIn, kind: str, n: int, m, value: Optional[str], entity_id: Optional[str]) -> Row:
    return {"id": _row_id(rec, kind, n), "doc_id": rec.doc_id, "kind": kind, "text": m.text,
            "start": m.start, "end": m.end, "value": value, "entity_id": entity_id}


def _document_row(rec: RecordIn) -> Row:
    s = rec.source
    return {"doc_id": rec.doc_id, "schema_version": rec.schema_version, "doc_date": rec.doc_date,
            "source_path": s.path, "source_sha256": s.sha256, "source_bytes": s.bytes,
            "source_encoding": s.encoding, "chars": len(rec.text), "record_sha256": record_fingerprint(rec),
            "text": rec.text}


def _span_rows(rec: RecordIn, out: dict[str, list[Row]]) -> None:
    """project_codes, dates, amounts and the contacts: one mention each."""
    for i, c in enumerate(rec.project_codes):
        rid = _row_id(rec, "project_codes", i)
        out["project_codes"].append({"id": rid, "doc_id": rec.doc_id, "code": c.code, "scheme": c.scheme,
                                     "text": c.text, "start": c.start, "end": c.end, "parts": to_json(c.parts)})
        out["mentions"].append(_mention(rec, "project_codes", i, c, c.code, rid))
    for i, d in enumerate(rec.dates):
        rid = _row_id(rec, "dates", i)
        r = d.resolved
        out["dates"].append({"id": rid, "doc_id": rec.doc_id, "text": d.text, "start": d.start, "end": d.end,
                             "value_start": d.value.start, "value_end": d.value.end,
                             "resolved_start": r.start if r else None, "resolved_end": r.end if r else None})
        out["mentions"].append(_mention(rec, "dates", i, d, f"{d.value.start}..{d.value.end}", rid))
    for i, a in enumerate(rec.amounts):
        rid = _row_id(rec, "amounts", i)
        out["amounts"].append({"id": rid, "doc_id": rec.doc_id, "text": a.text, "start": a.start, "end": a.end,
                               "amount": a.value.amount, "currency": a.value.currency,
                               "amount_number": _number(a.value.amount)})
        out["mentions"].append(_mention(rec, "amounts", i, a, amount_text(a.value.amount, a.value.currency), rid))
    for kind in ("emails", "phones", "urls"):
        for i, c in enumerate(getattr(rec, kind)):
            out["mentions"].append(_mention(rec, kind, i, c, c.value, None))


def amount_text(amount: Optional[str], currency: Optional[str]) -> Optional[str]:
    return " ".join(x for x in (amount, currency) if x) or None


def _number(amount: str) -> Optional[float]:
    try:
        return float(amount.replace(" ", "").replace(",", "."))
    except ValueError:
        return None


def _entity_rows(rec: RecordIn, out: dict[str, list[Row]]) -> None:
    """persons, places, organizations: one row per item, one mention row per mention."""
    n = {"persons": 0, "places": 0, "organizations": 0}
    for kind in n:
        for i, item in enumerate(getattr(rec, kind)):
            rid = _row_id(rec, kind, i)
            row: Row = {"id": rid, "doc_id": rec.doc_id, "name": item.name, "mentions": len(item.mentions)}
            if kind == "persons":
                row.update(role=item.role, email=item.email, phone=item.phone)
            elif kind == "places":
                row.update(country=item.country, kind=item.kind)
            else:
                row.update(abbreviation=item.abbreviation, is_school=is_school(item.name))
            out[kind].append(row)
            for m in item.mentions:
                out["mentions"].append(_mention(rec, kind, n[kind], m, item.name, rid))
                n[kind] += 1


def document_rows(rec: RecordIn, project_ids: list[str]) -> dict[str, list[Row]]:
    """The rows of one record in every per-document table; `project_ids[i]` is the corpus id of `rec.projects[i]`."""
    out: dict[str, list[Row]] = {name: [] for name in DOCUMENT_TABLES}
    out["documents"].append(_document_row(rec))
    _span_rows(rec, out)
    _entity_rows(rec, out)
    n = 0
    for p, pid in zip(rec.projects, project_ids):
        for m in p.mentions:
            out["mentions"].append(_mention(rec, "projects", n, m, p.code or p.title, pid))
            n += 1
    return out
