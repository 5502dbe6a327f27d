"""The tables under a document's text: its entities and their normalised values, kind by kind."""
from __future__ import annotations

from ..export.model import RecordIn
from ..export.tables import amount_text


def _interval(v) -> str:
    if v is None:
        return ""
    return v.start if v.start == v.end else f"{v.start or '?'} – {v.end or '?'}"


def document_sections(rec: RecordIn) -> list[dict]:
    return [
        {"id": "projects", "label": "Projects",
         "columns": ["code", "title", "scheme", "lead", "organisations", "persons", "countries", "period", "amount"],
         "rows": [[p.code, p.title, p.scheme, p.lead, "; ".join(p.organizations), "; ".join(p.persons),
                   ", ".join(p.countries), _interval(p.period),
                   amount_text(p.amount.amount, p.amount.currency) if p.amount else ""] for p in rec.projects]},
        {"id": "project_codes", "label": "Project codes", "columns": ["code", "scheme", "as written"],
         "rows": [[c.code, c.scheme, c.text] for c in rec.project_codes]},
        {"id": "dates", "label": "Dates", "columns": ["as written", "value", "resolved"],
         "rows": [[d.text, _interval(d.value), _interval(d.resolved)] for d in rec.dates]},
        {"id": "persons", "label": "Persons", "columns": ["name", "role", "e-mail", "phone", "mentions"],
         "rows": [[p.name, p.role, p.email, p.phone, len(p.mentions)] for p in rec.persons]},
        {"id": "places", "label": "Places", "columns": ["name", "country", "kind", "mentions"],
         "rows": [[p.name, p.country, p.kind, len(p.mentions)] for p in rec.places]},
        {"id": "organizations", "label": "Organisations", "columns": ["name", "abbreviation", "mentions"],
         "rows": [[o.name, o.abbreviation, len(o.mentions)] for o in rec.organizations]},
        {"id": "amounts", "label": "Amounts", "columns": ["as written", "amount", "currency"],
         "rows": [[a.text, a.value.amount, a.value.currency] for a in rec.amounts]},
        {"id": "contacts", "label": "Contacts", "columns": ["kind", "value", "as written"],
         "rows": [[k, c.value, c.text] for k in ("emails", "phones", "urls") for c in getattr(rec, k)]},
    ]
