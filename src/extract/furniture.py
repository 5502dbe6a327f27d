"""Page furniture: the spans of a text that belong to the web page around an article.

Share and print buttons (`Kopīgot Facebook X`), menus, breadcrumbs, cookie notices, image
and attachment file names (`logo_ESF.jpg`), `Publicēts ...` and tag lines are found by the
patterns of `lexicons/furniture.yaml` (see there, and docs/furniture.md), in plain text and in
the text `reading.py` takes from HTML alike. The text itself is never changed: the pipeline
only drops the person, place and organisation mentions that start inside a furniture span
(`drop_furniture_mentions`), so offsets stay as they are.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Literal, Optional, Sequence

import regex
from pydantic import BaseModel, ConfigDict, Field, model_validator

from .lexicons import load_yaml

DATA_FILE = "furniture.yaml"
MATCH_TIMEOUT_S = 2.0
_WORDS = regex.compile(r"\{\{([A-Z][A-Z0-9_]*)\}\}")
_LINES = regex.compile(r"[^\n]*")

Scope = Literal["line", "match", "block"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class FurniturePattern(_Strict):
    name: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    description: str
    scope: Scope
    regex: str
    min_lines: int = Field(default=4, ge=2)
    known: Optional[str] = None
    min_known: int = Field(default=0, ge=0)

    @model_validator(mode="after")
    def _block_needs_known(self) -> "FurniturePattern":
        if self.scope == "block" and self.known is None:
            raise ValueError(f"block pattern {self.name!r} needs a `known` word list")
        return self


class FurnitureFile(_Strict):
    words: dict[str, list[str]]
    patterns: list[FurniturePattern] = Field(min_length=1)


@dataclass(frozen=True)
class FurnitureSpan:
    start: int
    end: int
    pattern: str


def _alternation(words: Sequence[str]) -> str:
    """Whole words, case-insensitive, longest first; a space in a word matches any spaces."""
    escaped = [regex.escape(w).replace(r"\ ", r"\s+") for w in sorted(set(words), key=len, reverse=True)]
    return r"(?<![\p{L}\d])(?i:" + "|".join(escaped) + r")(?![\p{L}\d])"


def _expand(source: str, words: dict[str, list[str]], where: str) -> str:
    def sub(m: "regex.Match[str]") -> str:
        if m.group(1) not in words:
            raise ValueError(f"{DATA_FILE}: {where} uses unknown word list {{{{{m.group(1)}}}}}")
        return _alternation(words[m.group(1)])

    return _WORDS.sub(sub, source)


@dataclass
class _Compiled:
    spec: FurniturePattern
    regex: "regex.Pattern[str]"
    known: Optional["regex.Pattern[str]"] = None


class FurnitureFinder:
    """The furniture patterns, compiled once; `find(text)` gives the furniture spans."""

    def __init__(self, data: FurnitureFile):
        self.patterns: list[_Compiled] = []
        for p in data.patterns:
            try:
                compiled = regex.compile(_expand(p.regex, data.words, p.name), regex.V1)
                known = None
                if p.known is not None:
                    known = regex.compile(_expand("{{" + p.known + "}}", data.words, p.name), regex.V1)
            except regex.error as exc:
                raise ValueError(f"{DATA_FILE}: pattern {p.name!r} does not compile: {exc}") from None
            self.patterns.append(_Compiled(p, compiled, known))

    def find(self, text: str) -> list[FurnitureSpan]:
        """Furniture spans of `text`, sorted by start (they may overlap)."""
        lines = _line_spans(text)
        spans: list[FurnitureSpan] = []
        for c in self.patterns:
            if c.spec.scope == "match":
                spans.extend(FurnitureSpan(m.start(), m.end(), c.spec.name)
                             for m in c.regex.finditer(text, timeout=MATCH_TIMEOUT_S) if m.end() > m.start())
            elif c.spec.scope == "line":
                spans.extend(FurnitureSpan(s, e, c.spec.name) for s, e in lines if _whole_line(c.regex, text, s, e))
            else:
                spans.extend(self._blocks(c, text, lines))
        return sorted(spans, key=lambda s: (s.start, s.end))

    @staticmethod
    def _blocks(c: _Compiled, text: str, lines: list[tuple[int, int]]) -> list[FurnitureSpan]:
        """Runs of at least `min_lines` consecutive candidate lines with `min_known` known words."""
        out: list[FurnitureSpan] = []
        run: list[tuple[int, int]] = []
        for span in lines + [(len(text), len(text))]:  # the empty sentinel closes the last run
            s, e = span
            if e > s and _whole_line(c.regex, text, s, e):
                run.append(span)
                continue
            known = sum(1 for a, b in run if _whole_line(c.known, text, a, b))
            if len(run) >= c.spec.min_lines and known >= c.spec.min_known:
                out.extend(FurnitureSpan(a, b, c.spec.name) for a, b in run)
            run = []
        return out


def _line_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each non-blank line, leading and trailing spaces left out."""
    out = []
    for m in _LINES.finditer(text):
        line = m.group()
        stripped = line.strip()
        if stripped:
            start = m.start() + (len(line) - len(line.lstrip()))
            out.append((start, start + len(stripped)))
    return out


def _whole_line(pattern: "regex.Pattern[str]", text: str, start: int, end: int) -> bool:
    return pattern.fullmatch(text, start, end, timeout=MATCH_TIMEOUT_S) is not None


@lru_cache(maxsize=1)
def default_finder() -> FurnitureFinder:
    """The shipped patterns (lexicons/furniture.yaml), loaded once per process."""
    return FurnitureFinder(FurnitureFile.model_validate(load_yaml(DATA_FILE)))


def find_furniture(text: str) -> list[FurnitureSpan]:
    return default_finder().find(text)


def in_furniture(start: int, spans: Sequence[FurnitureSpan]) -> bool:
    """Whether a mention starting at `start` starts inside a furniture span."""
    return any(s.start <= start < s.end for s in spans)


def drop_furniture_mentions(items: list, spans: Sequence[FurnitureSpan]) -> list:
    """The items (persons, places or organisations, each with `mentions`) without their mentions
    that start inside furniture; an item left without mentions is dropped."""
    if not spans:
        return items
    kept = []
    for item in items:
        mentions = [m for m in item.mentions if not in_furniture(m.start, spans)]
        if len(mentions) == len(item.mentions):
            kept.append(item)
        elif mentions:
            kept.append(item.model_copy(update={"mentions": mentions}))
    return kept
