"""The rule engine: rule files found by glob, validated, compiled once, run with a timeout.

A rule is data (`data/<id>.yaml`, see schema.py); the engine knows nothing of any
particular kind. A pattern may mark the mention's span with a group named `m`
(e.g. to leave a leading `Nr.` outside the mention); otherwise the whole match is
the mention.
"""
from __future__ import annotations

import bisect
import logging
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, Optional

import regex
import yaml
from pydantic import ValidationError

from ..lexicons import parse_yaml
from .macros import expand
from .schema import RuleSpec
from .validators import MatchContext, ValidatorFn, load_all

log = logging.getLogger(__name__)

RULES_DIR = Path(__file__).resolve().parent / "data"
CASES_DIR = Path(__file__).resolve().parent / "cases"
DEFAULT_TIMEOUT_S = 2.0


class RuleError(ValueError):
    """A rule file that cannot be loaded: bad YAML, bad schema, bad regex, unknown validator."""


@dataclass
class RuleMatch:
    rule: str
    pattern: str
    kind: str
    start: int
    end: int
    text: str
    priority: int
    payload: dict[str, Any] = field(default_factory=dict)

    @property
    def length(self) -> int:
        return self.end - self.start


@dataclass(frozen=True)
class RuleTimeout:
    """A pattern that ran past its time limit on a text: skipped there (its matches found
    until then are kept), and reported in the record's warnings."""

    rule: str
    pattern: str
    seconds: float


_MARGIN = 40  # characters of real text left beyond a window's last possible match end, for look-aheads


@dataclass
class CompiledPattern:
    name: str
    regex: "regex.Pattern[str]"
    anchor: Optional["regex.Pattern[str]"]
    window: int  # the rule file's anchor_window (schema.PatternSpec holds the default)

    def anchor_hits(self, text: str, timeout: float, cache: Optional[dict] = None) -> list[tuple[int, int]]:
        """Spans of the anchor's hits; with `cache` (one dict per text), an anchor that several
        patterns share (`{{MONTH_ANCHOR}}`) scans the text once."""
        assert self.anchor is not None
        key = (self.anchor.pattern, self.anchor.flags)
        hits = cache.get(key) if cache is not None else None
        if hits is None:
            hits = [h.span() for h in self.anchor.finditer(text, timeout=timeout)]
            if cache is not None:
                cache[key] = hits
        return hits

    def finditer(self, text: str, timeout: float, cache: Optional[dict] = None) -> Iterable["regex.Match[str]"]:
        """All matches of the pattern in `text`; with an anchor, only the slices of text around
        its hits are searched (same matches: every match holds a hit within `window` of its ends;
        look-behinds still see the text before a slice, and a slice ends at a space at least
        `_MARGIN` characters past the last place a match could end)."""
        if self.anchor is None:
            yield from self.regex.finditer(text, timeout=timeout)
            return
        for a, b in self.search_spans(text, timeout, cache):
            yield from self.regex.finditer(text, a, b, timeout=timeout)

    def search_spans(self, text: str, timeout: float, cache: Optional[dict] = None) -> list[tuple[int, int]]:
        """The disjoint, ordered slices of `text` that `finditer` searches: each anchor hit widened
        by the window, its end moved on to just past the next whitespace (found by bisection in
        the text's whitespace positions, computed once per text), overlapping slices merged. Linear
        in the text and its hits: no slice is walked character by character, and merged slices
        never overlap, so the pattern runs over each character at most once."""
        n = len(text)
        spaces = whitespace_positions(text, cache)
        spans: list[tuple[int, int]] = []
        for hs, he in self.anchor_hits(text, timeout, cache):
            a, b = max(0, hs - self.window), min(n, he + self.window + _MARGIN)
            if b < n and not text[b - 1].isspace():
                k = bisect.bisect_left(spaces, b - 1)
                b = spaces[k] + 1 if k < len(spaces) else n
            if spans and a <= spans[-1][1]:
                spans[-1] = (spans[-1][0], max(spans[-1][1], b))
            else:
                spans.append((a, b))
        return spans


_WHITESPACE_RE = re.compile(r"\s")  # the stdlib's `\s` on str is exactly `str.isspace`
_WHITESPACE_KEY = ("<whitespace>", 0)


def whitespace_positions(text: str, cache: Optional[dict] = None) -> list[int]:
    """Sorted indices of the whitespace characters of `text` (`str.isspace`), once per text
    with `cache`."""
    spaces = cache.get(_WHITESPACE_KEY) if cache is not None else None
    if spaces is None:
        spaces = [m.start() for m in _WHITESPACE_RE.finditer(text)]
        if cache is not None:
            cache[_WHITESPACE_KEY] = spaces
    return spaces


@dataclass
class CompiledRule:
    spec: RuleSpec
    path: Path
    patterns: list[CompiledPattern]
    validator: Optional[ValidatorFn]
    context: Optional["regex.Pattern[str]"]

    @property
    def id(self) -> str:
        return self.spec.id

    def find(self, text: str, doc_date: Optional[str] = None, timeout: float = DEFAULT_TIMEOUT_S,
             cache: Optional[dict] = None, timeouts: Optional[list[RuleTimeout]] = None) -> list[RuleMatch]:
        """Matches of this rule in `text`; `cache`: anchor hits shared by the rules run on the text;
        `timeouts` collects the patterns that ran past `timeout` (else they are only logged)."""
        ctx = MatchContext(text=text, doc_date=doc_date, params=self.spec.params)
        out: list[RuleMatch] = []
        in_document: Optional[bool] = None  # scope `document`: whether the text has a context word
        for pat in self.patterns:
            try:
                for m in pat.finditer(text, timeout, cache):
                    start, end = m.span("m") if "m" in pat.regex.groupindex and m.group("m") is not None else m.span()
                    if start == end:
                        continue
                    if self.context is not None and self.spec.context and self.spec.context.required:
                        if self.spec.context.scope == "document":
                            if in_document is None:
                                in_document = self.context.search(text) is not None
                            if not in_document:
                                continue
                        else:
                            w = self.spec.context.window
                            if not self.context.search(text, max(0, start - w), min(len(text), end + w)):
                                continue
                    payload: dict[str, Any] = {}
                    if self.validator is not None:
                        result = self.validator(m, ctx)
                        if result is None:
                            continue
                        payload = result
                    out.append(RuleMatch(self.id, pat.name, self.spec.kind, start, end, text[start:end],
                                         self.spec.priority, payload))
            except TimeoutError:
                log.warning("rule %s pattern %s timed out after %.1f s; skipped for this text", self.id, pat.name, timeout)
                if timeouts is not None:
                    timeouts.append(RuleTimeout(self.id, pat.name, timeout))
        return out


_FLAGS = {name: getattr(regex, name) for name in ("IGNORECASE", "VERBOSE", "MULTILINE", "DOTALL", "UNICODE", "ASCII")}


def _compile(source: str, flags: int) -> "regex.Pattern[str]":
    """`regex.compile` with the rules' flags. Case-insensitive patterns use simple case folding
    (`(?-f)`; V1 would fold fully, as `ß` = `ss`, which Latvian never needs): the same matches on
    the bench corpus, the samples, the seeds and the FullStack test and LVTB dev paragraphs,
    and the rules compile 2.5x faster (0.5 -> 0.2 s per process, paid by every worker)."""
    if flags & regex.IGNORECASE:
        source = "(?-f)" + source
    return regex.compile(source, flags)


def compile_rule(spec: RuleSpec, path: Path, validators: dict[str, ValidatorFn]) -> CompiledRule:
    patterns = []
    for p in spec.patterns:
        flags = regex.V1
        for f in p.flags:
            flags |= _FLAGS[f]
        try:
            anchor = _compile(expand(p.anchor), flags) if p.anchor else None
            patterns.append(CompiledPattern(p.name, _compile(expand(p.regex), flags), anchor, p.anchor_window))
        except (regex.error, ValueError) as exc:
            raise RuleError(f"{path.name}: pattern {p.name!r} (or its anchor) does not compile: {exc}") from None
    fn = None
    if spec.validator:
        fn = validators.get(spec.validator)
        if fn is None:
            raise RuleError(f"{path.name}: unknown validator {spec.validator!r} (known: {', '.join(sorted(validators))})")
    context = None
    if spec.context:
        words = sorted(spec.context.words, key=len, reverse=True)
        # a word starts after a non-letter: `_` counts as a boundary, so file names (`logo_Interreg.png`) count
        context = regex.compile(r"(?<![^\W_])(?:" + "|".join(regex.escape(w) for w in words) + r")", regex.IGNORECASE)
    return CompiledRule(spec, path, patterns, fn, context)


def load_rule_file(path: Path, validators: dict[str, ValidatorFn]) -> CompiledRule:
    try:
        raw = parse_yaml(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise RuleError(f"{path.name}: not valid YAML: {exc}") from None
    try:
        spec = RuleSpec.model_validate(raw)
    except ValidationError as exc:
        raise RuleError(f"{path.name}: {exc}") from None
    if spec.id != path.stem:
        raise RuleError(f"{path.name}: rule id {spec.id!r} must equal the file name")
    return compile_rule(spec, path, validators)


@dataclass
class RuleSet:
    rules: list[CompiledRule]
    timeout: float = DEFAULT_TIMEOUT_S  # seconds per pattern and text

    @classmethod
    def load(cls, directory: Path = RULES_DIR, kinds: Optional[Iterable[str]] = None) -> "RuleSet":
        validators = load_all()
        wanted = set(kinds) if kinds else None
        rules = []
        for path in sorted(directory.glob("*.yaml")):
            rule = load_rule_file(path, validators)
            if wanted is None or rule.spec.kind in wanted:
                rules.append(rule)
        return cls(rules)

    def get(self, rule_id: str) -> CompiledRule:
        for r in self.rules:
            if r.id == rule_id:
                return r
        raise KeyError(rule_id)

    def find(self, text: str, doc_date: Optional[str] = None,
             timeouts: Optional[list[RuleTimeout]] = None) -> list[RuleMatch]:
        """All candidate matches of all rules (overlaps unresolved); `timeouts` collects the
        patterns that ran past the time limit."""
        out: list[RuleMatch] = []
        cache: dict = {}  # anchor hits, shared by the patterns with the same anchor
        for rule in self.rules:
            out.extend(rule.find(text, doc_date, self.timeout, cache, timeouts))
        return out


@lru_cache(maxsize=1)
def default_ruleset() -> RuleSet:
    """The shipped rules, loaded once per process."""
    return RuleSet.load()
