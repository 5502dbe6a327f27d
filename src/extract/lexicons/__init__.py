"""Data files (month forms, place names, first names...) and their loaders."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent


def load_yaml(name: str):
    with open(HERE / name, encoding="utf-8") as fh:
        return yaml.safe_load(fh)


@lru_cache(maxsize=1)
def month_forms() -> dict[str, int]:
    """Every written form of a month (lower case, final dot dropped) → month number."""
    forms: dict[str, int] = {}
    for number, words in load_yaml("months.yaml").items():
        for w in words:
            forms[w.lower().rstrip(".")] = int(number)
    return forms
