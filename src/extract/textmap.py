"""Normalised text with an alignment back to the original (after huggingface/tokenizers).

`AlignedText` holds the original string, the current (normalised) string and, for
every normalised character, the half-open range of original characters it came
from. Every edit goes through `sub()`, so the alignment can never drift: extractors
work on `.text`, and every mention is mapped back once with `to_original()`.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Union

import regex

Replacement = Union[str, Callable[["regex.Match[str]"], str]]


@dataclass
class AlignedText:
    original: str
    text: str = ""
    # spans[i] = (start, end) in `original` of normalised character i
    spans: list[tuple[int, int]] = field(default_factory=list)

    @classmethod
    def of(cls, original: str) -> "AlignedText":
        return cls(original, original, [(i, i + 1) for i in range(len(original))])

    def sub(self, pattern: "str | regex.Pattern[str]", repl: Replacement) -> "AlignedText":
        """Replace every match of `pattern` in the current text, keeping the alignment.

        Characters outside matches keep their own origin. A replacement of the same
        length as the match is aligned character by character (so one-for-one
        substitutions stay exact); any other replacement character covers the whole
        match, and a deleted match leaves no characters.
        """
        rx = regex.compile(pattern) if isinstance(pattern, str) else pattern
        out_chars: list[str] = []
        out_spans: list[tuple[int, int]] = []
        pos = 0
        text, spans = self.text, self.spans
        for m in rx.finditer(text):
            a, b = m.span()
            out_chars.append(text[pos:a])
            out_spans.extend(spans[pos:a])
            new = repl(m) if callable(repl) else m.expand(repl)
            if len(new) == b - a:  # one-for-one: each character keeps its own origin
                out_spans.extend(spans[a:b])
            elif a < b:  # any other rewrite: every new character covers the whole match
                whole = (spans[a][0], spans[b - 1][1])
                out_spans.extend([whole] * len(new))
            else:  # insertion: zero-width origin
                o = spans[a][0] if a < len(spans) else (spans[-1][1] if spans else 0)
                out_spans.extend([(o, o)] * len(new))
            out_chars.append(new)
            pos = b
        out_chars.append(text[pos:])
        out_spans.extend(spans[pos:])
        self.text = "".join(out_chars)
        self.spans = out_spans
        assert len(self.text) == len(self.spans)
        return self

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a half-open span of the normalised text to the original text."""
        if not 0 <= start <= end <= len(self.spans):
            raise ValueError(f"span [{start}:{end}] outside normalised text of length {len(self.spans)}")
        if start == end:
            if start < len(self.spans):
                o = self.spans[start][0]
            else:
                o = self.spans[-1][1] if self.spans else 0
            return o, o
        return self.spans[start][0], self.spans[end - 1][1]
