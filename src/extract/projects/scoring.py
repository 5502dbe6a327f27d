"""Project-level P/R/F1 of records against gold, as ../shared/eval/projects.py scores them.

projects: a predicted project matches a gold one when they share a code, or (where either has no
code) a title or alt_title; one-to-one, greedy, in gold order. facts: every field value of a
project is one fact; facts of matched projects are compared field by field (organisations
leniently), facts of unmatched projects count as missed or extra. `extract eval-projects` prints
the same table as the reference script.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson

from ..evaluate import KindScore, amount_key, greedy_match, load_records, norm, org_match

FIELDS = ["code", "scheme", "title", "lead", "organizations", "persons", "countries", "period", "amount"]


def titles(p: dict[str, Any]) -> set[str]:
    out = {norm(t) for t in [p.get("title")] + list(p.get("alt_titles") or []) if t}
    return {t for t in out if t}


def same_project(g: dict[str, Any], p: dict[str, Any]) -> bool:
    if g.get("code") and p.get("code"):
        return g["code"].upper() == p["code"].upper()
    return bool(titles(g) & titles(p))


def facts(p: dict[str, Any]) -> dict[str, list[str]]:
    f: dict[str, list[str]] = {k: [] for k in FIELDS}
    if p.get("code"):
        f["code"].append(p["code"].upper())
    if p.get("scheme"):
        f["scheme"].append(p["scheme"].lower())
    if p.get("title"):
        f["title"].append(norm(p["title"]))
    if p.get("lead"):
        f["lead"].append(norm(p["lead"]))
    f["organizations"] = sorted({norm(o) for o in p.get("organizations") or []})
    f["persons"] = sorted({norm(o) for o in p.get("persons") or []})
    f["countries"] = sorted({c.upper() for c in p.get("countries") or []})
    if p.get("period"):
        f["period"].append(f"{p['period']['start']}..{p['period']['end']}")
    if p.get("amount"):
        f["amount"].append(amount_key(p["amount"]))
    return f


def compare(name: str, gold: list[str], pred: list[str], alt_titles: set[str]) -> tuple[int, list[str], list[str]]:
    """A field's values matched as projects.py matches them: organisations loosely, a title also
    by a gold alternative title, the rest exactly."""
    if name in ("lead", "organizations"):
        return greedy_match(gold, pred, org_match)
    if name == "title":
        return greedy_match(gold, pred, lambda g, x: x == g or x in alt_titles)
    return greedy_match(gold, pred, str.__eq__)


@dataclass
class ProjectEvaluation:
    projects: KindScore = field(default_factory=KindScore)
    fields: dict[str, KindScore] = field(default_factory=lambda: {k: KindScore() for k in FIELDS})
    notes: list[str] = field(default_factory=list)

    @property
    def facts(self) -> KindScore:
        return KindScore(sum(s.gold for s in self.fields.values()), sum(s.pred for s in self.fields.values()),
                         sum(s.tp for s in self.fields.values()))

    def table(self) -> str:
        lines = [f"{'':15} {'gold':>5} {'pred':>5} {'tp':>5} {'P':>6} {'R':>6} {'F1':>6}"]
        rows = [("projects", self.projects)] + list(self.fields.items()) + [("facts (micro)", self.facts)]
        for name, s in rows:
            lines.append(f"{name:15} {s.gold:5} {s.pred:5} {s.tp:5} {round(s.p, 4):6.3f} {round(s.r, 4):6.3f} "
                         f"{round(s.f1, 4):6.3f}")
        return "\n".join(lines)


def _score_document(ev: ProjectEvaluation, doc: str, gps: list[dict], pps: list[dict]) -> None:
    ev.projects.gold += len(gps)
    ev.projects.pred += len(pps)
    pairs, unmatched = [], []
    for gp in gps:
        hit = next((pp for pp in pps if same_project(gp, pp)), None)
        if hit is None:
            unmatched.append(gp)
            ev.notes.append(f"{doc} project MISSED {gp.get('code') or gp.get('title')}")
        else:
            pps.remove(hit)
            pairs.append((gp, hit))
            ev.projects.tp += 1
    ev.notes += [f"{doc} project EXTRA  {pp.get('code') or pp.get('title')}" for pp in pps]
    for gp, pp in pairs:
        gf, pf = facts(gp), facts(pp)
        label = gp.get("code") or gp.get("title")
        for name in FIELDS:
            tp, missed, extra = compare(name, gf[name], pf[name], titles(gp))
            s = ev.fields[name]
            s.gold += len(gf[name])
            s.pred += len(pf[name])
            s.tp += tp
            ev.notes += [f"{doc} [{label}] {name} MISSED {m}" for m in missed]
            ev.notes += [f"{doc} [{label}] {name} EXTRA  {e}" for e in extra]
    for gp in unmatched:
        for name, vals in facts(gp).items():
            ev.fields[name].gold += len(vals)
    for pp in pps:
        for name, vals in facts(pp).items():
            ev.fields[name].pred += len(vals)


def evaluate_projects(gold_path: Path, out_dir: Path) -> ProjectEvaluation:
    gold = [orjson.loads(line) for line in gold_path.read_bytes().splitlines() if line.strip()]
    records = load_records(out_dir)
    ev = ProjectEvaluation()
    for g in gold:
        pps = list(records.get(g["doc_id"], {}).get("projects", []) or [])
        _score_document(ev, g["doc_id"], g.get("projects", []), pps)
    return ev
