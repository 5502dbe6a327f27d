"""Expansion of `{{NAME}}` fragments in rule patterns (macros.yaml plus generated ones)."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import regex

from ..lexicons import load_yaml, parse_yaml

MACRO = regex.compile(r"\{\{([A-Z][A-Z0-9_]*)\}\}")


def _alternation(words: list[str]) -> str:
    """One regex for a set of words, factored by common prefixes (a trie): `aprīl(?:is|ī|...)`
    instead of trying a hundred flat alternatives at every position. Longer words win, as
    each optional tail is tried before the shorter word it extends."""
    trie: dict = {}
    for w in set(words):
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict) -> str:
        end = "" in node
        branches = [regex.escape(ch) + emit(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if end:
            return ("(?:" + body + ")?") if len(branches) == 1 else body + "?"
        return body

    return "(?:" + emit(trie) + ")"


@lru_cache(maxsize=1)
def macros() -> dict[str, str]:
    table = parse_yaml((Path(__file__).with_name("macros.yaml")).read_text(encoding="utf-8")) or {}
    words: list[str] = []
    for forms in load_yaml("months.yaml").values():
        words.extend(forms)
    # A month word: any form, abbreviations only with their dot; not followed by more letters.
    table["MONTH"] = _alternation(words) + r"(?!\w)"
    # An anchor for patterns that need a month word: the first five letters of every form (or
    # the whole abbreviation), so each {{MONTH}} match starts with a hit. Rules sharing it
    # scan the text for it once (engine.CompiledPattern.anchor_hits). A month word always starts
    # a word (after a space, a dot, a dash or a digit's dot): `\b` first, which fails at once
    # inside words, halves the scan.
    table["MONTH_ANCHOR"] = r"\b" + _alternation([w if w.endswith(".") else w[:5] for w in words])
    # An English month name or abbreviation (`Apr`, `April`, `Sept.`), for page headers.
    english = [w for forms in load_yaml("months_en.yaml").values() for w in forms]
    table["MONTH_EN"] = _alternation(english) + r"(?!\w)"
    return {k: str(v) for k, v in table.items()}


def expand(pattern: str, _depth: int = 0) -> str:
    if _depth > 10:
        raise ValueError("macro expansion too deep (a macro refers to itself?)")
    table = macros()

    def sub(m: "regex.Match[str]") -> str:
        name = m.group(1)
        if name not in table:
            raise ValueError(f"unknown macro {{{{{name}}}}}")
        return expand(table[name], _depth + 1)

    return MACRO.sub(sub, pattern)
