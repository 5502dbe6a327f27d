"""Label Studio round trip: records as tasks with pre-annotations, and corrected tasks read back as gold.

A task is `{"data": {"text", "doc_id", "doc_date"}, "predictions": [{"model_version", "result"}]}`.
Each mention is a region: a `labels` result (from `label`, one of KIND_LABELS) and, with the
same region id, a per-region `textarea` result (from `value`) holding its normalised value
(VALUE FORMS in docs/outputs.md). Label Studio counts offsets in UTF-16 code units, Python in
code points: they are converted both ways. `label_config()` is the matching labeling interface.
"""
from __future__ import annotations

from typing import Any, Optional
from xml.sax.saxutils import quoteattr

from .. import __version__
from .model import RecordIn

KIND_LABELS = {"project_codes": "PROJECT_CODE", "dates": "DATE", "persons": "PERSON", "places": "PLACE",
               "organizations": "ORGANIZATION", "emails": "EMAIL", "phones": "PHONE", "urls": "URL",
               "amounts": "AMOUNT"}
LABEL_KINDS = {v: k for k, v in KIND_LABELS.items()}
LABEL_COLOURS = {"PROJECT_CODE": "#e6194b", "DATE": "#3cb44b", "PERSON": "#4363d8", "PLACE": "#f58231",
                 "ORGANIZATION": "#911eb4", "EMAIL": "#42d4f4", "PHONE": "#f032e6", "URL": "#469990",
                 "AMOUNT": "#9a6324"}
LABELS_FROM, VALUE_FROM, TEXT_TO = "label", "value", "text"
PLACE_SEPARATOR = " | "


def label_config() -> str:
    labels = "\n".join(f"    <Label value={quoteattr(v)} background={quoteattr(LABEL_COLOURS[v])}/>"
                       for v in KIND_LABELS.values())
    return (f'<View>\n  <Labels name="{LABELS_FROM}" toName="{TEXT_TO}">\n{labels}\n  </Labels>\n'
            f'  <Text name="{TEXT_TO}" value="$text"/>\n'
            f'  <TextArea name="{VALUE_FROM}" toName="{TEXT_TO}" perRegion="true" editable="true" '
            f'maxSubmissions="1" placeholder="normalised value"/>\n</View>\n')


def _utf16_offsets(text: str) -> Optional[list[int]]:
    """UTF-16 offset of every code point position, or None when the two agree (no character beyond U+FFFF)."""
    if all(ord(ch) <= 0xFFFF for ch in text):
        return None
    out, n = [0], 0
    for ch in text:
        n += 2 if ord(ch) > 0xFFFF else 1
        out.append(n)
    return out


def _mentions(rec: RecordIn):
    """(kind, mention, normalised value) for every mention of the kinds Label Studio gets."""
    for c in rec.project_codes:
        yield "project_codes", c, c.code
    for d in rec.dates:
        yield "dates", d, f"{d.value.start}..{d.value.end}"
    for kind in ("persons", "organizations"):
        for item in getattr(rec, kind):
            for m in item.mentions:
                yield kind, m, item.name
    for p in rec.places:
        for m in p.mentions:
            yield "places", m, PLACE_SEPARATOR.join([p.name, p.country or "", p.kind or ""])
    for kind in ("emails", "phones", "urls"):
        for c in getattr(rec, kind):
            yield kind, c, c.value
    for a in rec.amounts:
        yield "amounts", a, " ".join(x for x in (a.value.amount, a.value.currency) if x)


def record_task(rec: RecordIn) -> dict[str, Any]:
    to16 = _utf16_offsets(rec.text)
    result = []
    for n, (kind, m, value) in enumerate(_mentions(rec)):
        start, end = (to16[m.start], to16[m.end]) if to16 else (m.start, m.end)
        rid = f"{kind}-{n}"
        result.append({"id": rid, "from_name": LABELS_FROM, "to_name": TEXT_TO, "type": "labels",
                       "value": {"start": start, "end": end, "text": m.text, "labels": [KIND_LABELS[kind]]}})
        result.append({"id": rid, "from_name": VALUE_FROM, "to_name": TEXT_TO, "type": "textarea",
                       "value": {"start": start, "end": end, "text": [value]}})
    return {"data": {"text": rec.text, "doc_id": rec.doc_id, "doc_date": rec.doc_date},
            "predictions": [{"model_version": f"extract {__version__}", "result": result}]}


def records_tasks(records: list[RecordIn]) -> list[dict[str, Any]]:
    return [record_task(r) for r in records]
