"""Issue #30 case 3: the anchored rule scans are linear in the text, also on texts without spaces.

Before, each anchor hit walked character by character to the next whitespace, outside the regex
timeout: 107 KB of `;`-separated e-mail addresses took 29 s in the rules. The mechanism is tested
here by counting operations (bench/pathological.py times it)."""
from __future__ import annotations

import sys

import pytest

from extract.rules import default_ruleset
from extract.rules.engine import _WHITESPACE_RE, whitespace_positions

RULESET = default_ruleset()
ANCHORED = [(r, p) for r in RULESET.rules for p in r.patterns if p.anchor is not None]


class CountingStr(str):
    """A str that counts the characters read one at a time (`text[i]`)."""

    reads = 0

    def __getitem__(self, key):  # type: ignore[override]
        CountingStr.reads += 1
        return str.__getitem__(self, key)


def _pathological(n: int) -> list[str]:
    emails = ";".join(f"vards{i}.uzvards@skola{i % 7}.lv" for i in range(n // 20 + 1))[:n]
    return [emails, ("a@" * n)[:n], ("1." * n)[:n], ("1.1.1.1/" * n)[:n], ("www.a.lv/" * n)[:n]]


@pytest.mark.parametrize("rule, pat", ANCHORED, ids=[f"{r.id}:{p.name}" for r, p in ANCHORED])
def test_search_spans_read_a_bounded_number_of_characters_per_hit(rule, pat) -> None:
    for plain in _pathological(4000):
        text = CountingStr(plain)
        cache: dict = {}
        hits = pat.anchor_hits(plain, 2.0, cache)
        CountingStr.reads = 0
        spans = pat.search_spans(text, 2.0, cache)
        assert CountingStr.reads <= len(hits)  # one look at the window's end per hit, no walk
        # the merged slices are disjoint and ordered: the pattern reads each character at most once
        assert all(a < b <= c for (a, b), (c, _) in zip(spans, spans[1:]))
        assert sum(b - a for a, b in spans) <= len(plain)


def test_the_whitespace_index_is_built_once_per_text() -> None:
    text = _pathological(2000)[0]
    cache: dict = {}
    for rule in RULESET.rules:
        rule.find(text, cache=cache)
    first = whitespace_positions(text, cache)
    assert whitespace_positions(text, cache) is first  # reused, not rebuilt


def test_whitespace_index_is_exactly_str_isspace() -> None:
    every = "".join(chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c <= 0xDFFF)
    assert [m.start() for m in _WHITESPACE_RE.finditer(every)] == [i for i, c in enumerate(every) if c.isspace()]


@pytest.mark.parametrize("rule, pat", ANCHORED, ids=[f"{r.id}:{p.name}" for r, p in ANCHORED])
def test_anchored_scans_of_pathological_texts_equal_a_full_scan(rule, pat) -> None:
    for text in _pathological(3000) + ["x " * 50 + ";".join(["ab@cd.lv"] * 30) + " tālr. 1.2.3.4/21/I/001"]:
        assert [m.span() for m in pat.finditer(text, 5.0)] == [m.span() for m in pat.regex.finditer(text)]
