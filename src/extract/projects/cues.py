"""The cue words of the linking rules (cues.yaml), compiled once."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import regex

from ..lexicons import parse_yaml

CUES_FILE = Path(__file__).resolve().parent / "cues.yaml"


@lru_cache(maxsize=1)
def _raw() -> dict:
    return parse_yaml(CUES_FILE.read_text(encoding="utf-8"))


def source(name: str) -> str:
    """A cue list's regex text, to build a larger pattern from."""
    return _raw()[name]


@lru_cache(maxsize=None)
def cue(name: str) -> "regex.Pattern[str]":
    """A cue list as a case-insensitive regex that matches whole words."""
    return regex.compile(r"(?<!\w)(?:" + _raw()[name] + r")(?!\w)", regex.IGNORECASE | regex.V1)


@lru_cache(maxsize=1)
def schemes() -> list[tuple[str, "regex.Pattern[str]"]]:
    """(scheme, programme-name regex) in the order of cues.yaml: the first that matches wins."""
    return [(k, regex.compile(r"(?<!\w)(?:" + v + r")(?!\w)", regex.IGNORECASE | regex.V1))
            for k, v in _raw()["schemes"].items()]


@lru_cache(maxsize=1)
def funders() -> "regex.Pattern[str]":
    return regex.compile(r"^(?:" + _raw()["funders"] + r")$", regex.IGNORECASE | regex.V1)
