"""Page furniture (src/extract/furniture.py): the case file, the data file's checks, and the
pipeline hook that drops entity mentions inside furniture while text and offsets stay."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from extract.furniture import (
    FurnitureFile,
    FurnitureFinder,
    FurnitureSpan,
    drop_furniture_mentions,
    find_furniture,
)
from extract.records import Mention, Person

CASES = yaml.safe_load(Path(__file__).with_name("furniture_cases.yaml").read_text(encoding="utf-8"))


def _found(text: str) -> list[dict]:
    return [{"text": text[s.start:s.end], "pattern": s.pattern} for s in find_furniture(text)]


def _key(items: list[dict]) -> list[tuple[str, str]]:
    return sorted((i["text"], i["pattern"]) for i in items)


@pytest.mark.parametrize("case", CASES["positives"], ids=lambda c: c["text"][:40])
def test_positive(case: dict) -> None:
    assert _key(_found(case["text"])) == _key(case["expect"])


@pytest.mark.parametrize("text", CASES["negatives"], ids=lambda t: t[:40])
def test_negative(text: str) -> None:
    assert _found(text) == []


@pytest.mark.parametrize("case", [pytest.param(c, marks=pytest.mark.xfail(strict=True, reason=c["reason"]))
                                  for c in CASES["gaps"]], ids=lambda c: c["text"][:40])
def test_gap(case: dict) -> None:
    assert _key(_found(case["text"])) == _key(case["expect"])


def test_every_pattern_has_a_positive_case() -> None:
    names = {p["name"] for p in yaml.safe_load((Path(__file__).parents[1] / "src/extract/lexicons/furniture.yaml")
                                               .read_text(encoding="utf-8"))["patterns"]}
    covered = {e["pattern"] for c in CASES["positives"] for e in c["expect"]}
    assert names <= covered, names - covered


@pytest.mark.parametrize("data, message", [
    ({"words": {}, "patterns": [{"name": "x", "description": "d", "scope": "line", "regex": "{{NOPE}}"}]}, "unknown word list"),
    ({"words": {}, "patterns": [{"name": "x", "description": "d", "scope": "line", "regex": "(unclosed"}]}, "does not compile"),
    ({"words": {}, "patterns": [{"name": "x", "description": "d", "scope": "block", "regex": "a"}]}, "known"),
    ({"words": {}, "patterns": [{"name": "x", "description": "d", "scope": "page", "regex": "a"}]}, "scope"),
])
def test_bad_data_fails_at_load(data: dict, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        FurnitureFinder(FurnitureFile.model_validate(data))


def _person(name: str, *spans: tuple[int, int]) -> Person:
    return Person(name=name, mentions=[Mention(text=name, start=s, end=e) for s, e in spans])


def test_drop_keeps_mentions_outside_and_drops_emptied_items() -> None:
    spans = [FurnitureSpan(0, 10, "share-row")]
    items = [_person("A", (2, 5)), _person("B", (3, 6), (20, 23)), _person("C", (12, 15))]
    kept = drop_furniture_mentions(items, spans)
    assert [(p.name, [(m.start, m.end) for m in p.mentions]) for p in kept] == [("B", [(20, 23)]), ("C", [(12, 15)])]


def test_pipeline_drops_furniture_entities_and_keeps_text() -> None:
    from extract.pipeline import process

    text = ("Kopīgot Facebook X\nSākumlapa > Izglītība > Jaunumi > Rēzekne\n\n"
            "Rēzeknes tehnikuma skolotāja Anna Kalniņa vadīja projektu Rēzeknē.")
    record = process([text])[0]
    assert record.text == text
    for kind in ("persons", "places", "organizations"):
        for item in getattr(record, kind):
            for m in item.mentions:
                assert text[m.start:m.end] == m.text
                assert m.start > text.index("\n\n"), (kind, m.text)
    assert any(p.name == "Rēzekne" for p in record.places)
