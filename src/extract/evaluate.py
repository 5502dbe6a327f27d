"""Per-kind precision/recall/F1 of records against gold, as ../shared/eval/score.py scores them.

The reference scorer is the contract; this module follows its keys and matching
exactly (micro-averaged over documents, set semantics except for dates, a loose
match for organisation names, gold `optional` items neither rewarded nor punished)
so that `extract eval` and `score.py` print the same numbers.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson

KINDS = ["project_codes", "dates", "persons", "places", "organizations", "emails", "phones", "urls", "amounts"]
# kinds scored only where the gold file has them (older gold files have no amounts), as score.py does
OPTIONAL_KINDS = {"amounts"}
QUOTES = "\"'“”„‟«»‘’‚,"


def norm(s: str) -> str:
    s = unicodedata.normalize("NFC", s).casefold()
    s = "".join(ch for ch in s if ch not in QUOTES)
    return re.sub(r"\s+", " ", s).strip()


def norm_url(s: str) -> str:
    return re.sub(r"^[a-z]+://", "", norm(s)).rstrip("/.")


def amount_key(value: dict[str, Any]) -> str:
    """`{amount, currency}` -> "1200000 EUR" (trailing zeros of the decimal part dropped)."""
    a = str(value["amount"]).replace(" ", "").replace(",", ".")
    if "." in a:
        a = a.rstrip("0").rstrip(".")
    return f"{a} {str(value['currency']).upper()}"


def gold_keys(kind: str, items: list) -> list[str]:
    if kind == "amounts":
        return [amount_key(d["value"]) for d in items]
    if kind == "dates":
        return [f"{d['value']['start']}..{d['value']['end']}" for d in items]
    if kind == "places":
        return [norm(p["name"] if isinstance(p, dict) else p) for p in items]
    if kind == "urls":
        return [norm_url(u) for u in items]
    if kind == "project_codes":
        return [c.upper() for c in items]
    return [norm(x) for x in items]


def pred_keys(kind: str, items: list) -> list[str]:
    if kind == "amounts":
        return [amount_key(d["value"]) for d in items]
    if kind == "dates":
        return [f"{d['value']['start']}..{d['value']['end']}" for d in items]
    if kind == "project_codes":
        return [d["code"].upper() for d in items]
    if kind in ("persons", "places", "organizations"):
        return [norm(d["name"]) for d in items]
    if kind == "urls":
        return [norm_url(d["value"]) for d in items]
    return [norm(d["value"]) for d in items]


def org_match(a: str, b: str) -> bool:
    if a == b:
        return True
    short, long_ = sorted((a, b), key=len)
    if short in long_ and len(short) >= 0.5 * len(long_):
        return True
    ta, tb = set(re.findall(r"\w+", a)), set(re.findall(r"\w+", b))
    return bool(ta and tb) and len(ta & tb) / len(ta | tb) >= 0.5


def match(kind: str, gold: list[str], pred: list[str]) -> tuple[int, list[str], list[str]]:
    return greedy_match(gold, pred, org_match if kind == "organizations" else str.__eq__)


def greedy_match(gold: list[str], pred: list[str], same) -> tuple[int, list[str], list[str]]:
    """(true positives, missed gold, unmatched predictions): each gold value takes the first
    prediction still free that `same(gold, prediction)` accepts, as the shared scorers do."""
    left = list(pred)
    missed = []
    tp = 0
    for g in gold:
        hit = next((p for p in left if same(g, p)), None)
        if hit is None:
            missed.append(g)
        else:
            left.remove(hit)
            tp += 1
    return tp, missed, left


@dataclass
class KindScore:
    gold: int = 0
    pred: int = 0
    tp: int = 0

    @property
    def p(self) -> float:
        return self.tp / self.pred if self.pred else (1.0 if self.gold == 0 else 0.0)

    @property
    def r(self) -> float:
        return self.tp / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        return 2 * self.p * self.r / (self.p + self.r) if self.p + self.r else 0.0


@dataclass
class Evaluation:
    kinds: dict[str, KindScore]
    notes: list[str] = field(default_factory=list)
    missing_docs: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def micro(self) -> tuple[int, int, int, float, float, float]:
        g = sum(k.gold for k in self.kinds.values())
        p = sum(k.pred for k in self.kinds.values())
        t = sum(k.tp for k in self.kinds.values())
        mp = t / p if p else 0.0
        mr = t / g if g else 0.0
        return g, p, t, mp, mr, (2 * mp * mr / (mp + mr) if mp + mr else 0.0)

    def table(self) -> str:
        lines = [f"{'kind':15} {'gold':>5} {'pred':>5} {'tp':>5} {'P':>6} {'R':>6} {'F1':>6}"]
        for kind, s in self.kinds.items():
            lines.append(f"{kind:15} {s.gold:5} {s.pred:5} {s.tp:5} {round(s.p, 4):6.3f} {round(s.r, 4):6.3f} {round(s.f1, 4):6.3f}")
        g, p, t, mp, mr, f = self.micro
        lines.append(f"{'all (micro)':15} {g:5} {p:5} {t:5} {mp:6.3f} {mr:6.3f} {f:6.3f}")
        if self.missing_docs:
            lines.append(f"documents without a record: {', '.join(self.missing_docs)}")
        return "\n".join(lines)


def load_records(out_dir: Path) -> dict[str, dict[str, Any]]:
    records: dict[str, dict[str, Any]] = {}
    jsonl = out_dir / "records.jsonl"
    if jsonl.exists():
        for line in jsonl.read_bytes().splitlines():
            if line.strip():
                r = orjson.loads(line)
                records[r["doc_id"]] = r
    else:
        for f in sorted(out_dir.rglob("*.json")):
            r = orjson.loads(f.read_bytes())
            if isinstance(r, dict) and "doc_id" in r:
                records[r["doc_id"]] = r
    return records


def evaluate(gold_path: Path, out_dir: Path) -> Evaluation:
    """Score the records of `out_dir` against gold: JSONL gold lines or a Label Studio JSON export (detected)."""
    from .export.labelstudio_gold import read_gold

    gold, warnings = read_gold(gold_path)
    records = load_records(out_dir)
    kinds = [k for k in KINDS if k not in OPTIONAL_KINDS or any(k in g for g in gold)]
    ev = Evaluation({k: KindScore() for k in kinds})
    ev.warnings = warnings
    ev.missing_docs = [g["doc_id"] for g in gold if g["doc_id"] not in records]
    for g in gold:
        rec = records.get(g["doc_id"], {})
        for kind in kinds:
            optional = set(gold_keys(kind, g.get("optional", {}).get(kind, [])))
            gk = gold_keys(kind, g.get(kind, []))
            pk = [p for p in pred_keys(kind, rec.get(kind, [])) if p not in optional]
            if kind != "dates":
                gk, pk = sorted(set(gk)), sorted(set(pk))
            tp, missed, extra = match(kind, gk, pk)
            s = ev.kinds[kind]
            s.gold += len(gk)
            s.pred += len(pk)
            s.tp += tp
            ev.notes += [f"{g['doc_id']} {kind} MISSED {m}" for m in missed]
            ev.notes += [f"{g['doc_id']} {kind} EXTRA  {e}" for e in extra]
    return ev
