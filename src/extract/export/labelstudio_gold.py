"""Gold annotations from a Label Studio JSON export (tasks with `annotations`), in the gold-file shape.

`read_gold` detects the format: a JSON array of Label Studio tasks, a JSON array of gold
lines, or JSONL gold (one `{"doc_id", <kind>: [...]}` per line). A task's gold is its latest
annotation that was not cancelled; a task nobody annotated keeps its predictions (the
pipeline's pre-annotations, said in a warning).
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

import orjson

from .labelstudio import LABEL_KINDS, LABELS_FROM, PLACE_SEPARATOR, VALUE_FROM

GOLD_KINDS = ["project_codes", "dates", "persons", "places", "organizations", "emails", "phones", "urls", "amounts"]


class GoldFormatError(ValueError):
    """The gold file is neither JSONL gold nor a Label Studio JSON export."""


def is_label_studio(data: Any) -> bool:
    return (isinstance(data, list) and bool(data) and isinstance(data[0], dict) and "data" in data[0]
            and ("annotations" in data[0] or "predictions" in data[0]))


def _chosen_result(task: dict, warnings: list[str]) -> list[dict]:
    done = [a for a in task.get("annotations") or [] if not a.get("was_cancelled")]
    if done:
        return max(done, key=lambda a: (a.get("updated_at") or "", a.get("id") or 0)).get("result") or []
    preds = task.get("predictions") or []
    warnings.append(f"task {task.get('id', '?')} ({task['data'].get('doc_id')}): no annotation, "
                    f"its {'predictions' if preds else 'empty result'} taken as gold")
    return (preds[-1].get("result") or []) if preds else []


def _regions(result: list[dict]) -> list[tuple[str, dict, str]]:
    """(label, labels value, normalised value or '') per labelled region."""
    values = {r["id"]: (r["value"].get("text") or [""])[0] for r in result
              if r.get("from_name") == VALUE_FROM and r.get("type") == "textarea" and "id" in r}
    out = []
    for r in result:
        if r.get("type") == "labels" and r.get("from_name", LABELS_FROM) == LABELS_FROM:
            for label in r["value"].get("labels", []):
                out.append((label, r["value"], values.get(r.get("id"), "").strip()))
    return out


def _gold_item(kind: str, surface: str, value: str, where: str, warnings: list[str]) -> Any:
    if kind == "dates":
        if not value:
            warnings.append(f"{where}: date {surface!r} has no value (YYYY[-MM[-DD]]..YYYY[-MM[-DD]]); left out")
            return None
        start, _, end = value.partition("..")
        return {"text": surface, "value": {"start": start.strip(), "end": (end or start).strip()}}
    if kind == "places":
        fields = [p.strip() for p in (value or surface).split(PLACE_SEPARATOR.strip())]
        name, country, place_kind = (fields + ["", ""])[:3]
        return {"name": name, "country": country or None, "kind": place_kind or None}
    if kind == "amounts":
        amount, _, currency = (value or surface).rpartition(" ")
        return {"text": surface, "value": {"amount": amount or currency, "currency": currency if amount else None}}
    if kind == "project_codes":
        return (value or surface).replace(" ", "").upper()
    return value or surface


def task_gold(task: dict, warnings: list[str]) -> dict[str, Any]:
    data = task["data"]
    doc_id = data.get("doc_id")
    if not doc_id:
        raise GoldFormatError(f"Label Studio task {task.get('id', '?')} has no data.doc_id "
                              "(tasks must come from `extract export --format label-studio`)")
    gold: dict[str, Any] = {"doc_id": doc_id, **{k: [] for k in GOLD_KINDS}}
    for label, region, value in _regions(_chosen_result(task, warnings)):
        kind = LABEL_KINDS.get(label)
        if kind is None:
            warnings.append(f"{doc_id}: unknown label {label!r} ignored")
            continue
        item = _gold_item(kind, region.get("text", ""), value, doc_id, warnings)
        if item is not None and (kind == "dates" or item not in gold[kind]):
            gold[kind].append(item)
    return gold


def read_gold(path: Path) -> tuple[list[dict], list[str]]:
    """Gold lines from `path` in whichever format it is, and warnings about what was guessed or left out."""
    raw = path.read_bytes().lstrip(b"\xef\xbb\xbf").strip()
    warnings: list[str] = []
    if raw.startswith(b"["):
        try:
            data = orjson.loads(raw)
        except orjson.JSONDecodeError as e:
            raise GoldFormatError(f"{path}: not JSON ({e})") from None
        if is_label_studio(data):
            return [task_gold(t, warnings) for t in data], warnings
        if all(isinstance(g, dict) and "doc_id" in g for g in data):
            return data, warnings
        raise GoldFormatError(f"{path}: a JSON array, but neither Label Studio tasks (export them as JSON, "
                              "not JSON-MIN) nor gold lines with doc_id")
    try:
        return [orjson.loads(line) for line in raw.splitlines() if line.strip()], warnings
    except orjson.JSONDecodeError as e:
        raise GoldFormatError(f"{path}: neither JSONL gold nor a Label Studio JSON export ({e})") from None
