"""Duckling-style corpus test of the date rules (tests/dates_corpus.yaml).

Every positive string must yield exactly one date mention covering the whole string with
the expected value (and `resolved`, when a doc_date is given); every negative string must
yield no date. The seed check compares the date values found in shared/seeds with the gold
(multiset of `start..end`, as the scorer does) and is skipped where shared/ is absent.
"""
from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
import yaml

from extract.rules import RuleSet
from extract.rules.cases import extract_kind

CORPUS = yaml.safe_load((Path(__file__).with_name("dates_corpus.yaml")).read_text(encoding="utf-8"))
SHARED = Path(__file__).resolve().parents[1].parent / "shared"


@pytest.fixture(scope="module")
def ruleset() -> RuleSet:
    return RuleSet.load(kinds=None)


def _positives():
    for entry in CORPUS["positives"]:
        for text in entry["texts"]:
            yield pytest.param(text, entry, id=f"{text}@{entry.get('doc_date')}")


@pytest.mark.parametrize("text,entry", list(_positives()))
def test_positive(ruleset: RuleSet, text: str, entry: dict) -> None:
    got = extract_kind(ruleset, text, "date", entry.get("doc_date"))
    assert [(m.text, m.payload["value"]) for m in got] == [(text, entry["value"])]
    if "resolved" in entry:
        assert got[0].payload.get("resolved") == entry["resolved"]
    if entry.get("doc_date") is None:
        assert "resolved" not in got[0].payload


@pytest.mark.parametrize("text", CORPUS["negatives"])
def test_negative(ruleset: RuleSet, text: str) -> None:
    got = extract_kind(ruleset, text, "date")
    assert got == [], [m.text for m in got]


def test_corpus_has_no_duplicate_strings() -> None:
    seen = Counter((t, e.get("doc_date")) for e in CORPUS["positives"] for t in e["texts"])
    assert [k for k, n in seen.items() if n > 1] == []
    assert not set(CORPUS["negatives"]) & {t for e in CORPUS["positives"] for t in e["texts"]}


def seed_scores(ruleset: RuleSet, seeds: Path, gold: Path) -> tuple[int, int, int]:
    """(gold, predicted, true positive) date counts over the seed documents."""
    ng = npred = tp = 0
    for line in gold.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        g = json.loads(line)
        text = (seeds / f"{g['doc_id']}.txt").read_text(encoding="utf-8")
        pred = extract_kind(ruleset, text, "date", g.get("doc_date"))
        gk = Counter(f"{d['value']['start']}..{d['value']['end']}" for d in g["dates"])
        pk = Counter(f"{m.payload['value']['start']}..{m.payload['value']['end']}" for m in pred)
        ng += sum(gk.values())
        npred += sum(pk.values())
        tp += sum((gk & pk).values())
    return ng, npred, tp


def test_seed_dates_f1(ruleset: RuleSet) -> None:
    seeds, gold = SHARED / "seeds", SHARED / "gold" / "seeds.jsonl"
    if not gold.is_file() or not seeds.is_dir():
        pytest.skip("shared/seeds not here")
    ng, npred, tp = seed_scores(ruleset, seeds, gold)
    p = tp / npred if npred else 0.0
    r = tp / ng if ng else 1.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    assert f1 >= 0.95, f"dates on seeds: P {p:.3f} R {r:.3f} F1 {f1:.3f}"
