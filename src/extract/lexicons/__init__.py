"""Data files (month forms, place names, first names...) and their loaders."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent

# libyaml's C parser where PyYAML was built with it: the same data as yaml.SafeLoader (checked
# on every rule, case and lexicon file by tests/test_rules_engine.py), 4x faster to load
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def parse_yaml(text: str):
    """`yaml.safe_load`, with the C parser when there is one."""
    return yaml.load(text, Loader=_YAML_LOADER)  # noqa: S506 - a safe loader


def load_yaml(name: str):
    return parse_yaml((HERE / name).read_text(encoding="utf-8"))


MONTH_FILES = ("months.yaml", "months_en.yaml")


@lru_cache(maxsize=1)
def month_forms() -> dict[str, int]:
    """Every written form of a month, Latvian (months.yaml) or English (months_en.yaml), lower
    case, final dot dropped → month number. No form means two months in the two languages."""
    forms: dict[str, int] = {}
    for name in MONTH_FILES:
        for number, words in load_yaml(name).items():
            for w in words:
                forms[w.lower().rstrip(".")] = int(number)
    return forms
