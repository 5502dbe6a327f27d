"""Normalisation steps, all applied through `AlignedText.sub` so offsets map back.

Each step is a (name, pattern, replacement) triple; the order matters and is the
order of `STEPS`. Newlines are kept: the sentence stage needs them.
"""
from __future__ import annotations

import unicodedata

import regex

from .textmap import AlignedText

QUOTES_DOUBLE = "“”„‟«»″〞〟＂"
QUOTES_SINGLE = "‘’‚‛′"
DASHES = "‐‑‒–—―−"
SPACES = "\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000\t\f\v"
INVISIBLE = "\u00ad\u200b\u200c\u200d\u2060\ufeff"

STEPS: list[tuple[str, "regex.Pattern[str]", object]] = [
    ("newlines", regex.compile(r"\r\n?|\u2028|\u2029|\x85"), "\n"),
    ("nfc", regex.compile(r"\P{M}\p{M}+"), lambda m: unicodedata.normalize("NFC", m.group())),
    ("invisible", regex.compile(f"[{INVISIBLE}]"), ""),
    ("spaces", regex.compile(f"[{SPACES}]"), " "),
    ("double-quotes", regex.compile(f"[{QUOTES_DOUBLE}]|,,(?=\\S)"), '"'),
    ("single-quotes", regex.compile(f"[{QUOTES_SINGLE}]"), "'"),
    ("dashes", regex.compile(f"[{DASHES}]"), "-"),
    # Markdown emphasis markers (**bold**, *italic*, __bold__) around a word: drop the markers only
    ("md-emphasis-open", regex.compile(r"(?<![\w*_\\])(?:\*{1,3}|_{2,3})(?=[^\s*_])"), ""),
    ("md-emphasis-close", regex.compile(r"(?<=[^\s*_])(?:\*{1,3}|_{2,3})(?![\w*_])"), ""),
    ("md-heading", regex.compile(r"(?m)^#{1,6}[ ]+"), ""),
    ("trailing-spaces", regex.compile(r"[ ]+(?=\n)|(?<=\n)[ ]+"), ""),
    ("double-spaces", regex.compile(r"[ ]{2,}"), " "),
]


def normalise(original: str) -> AlignedText:
    """Return the normalised text of `original`, aligned back to it."""
    aligned = AlignedText.of(original)
    for _name, pattern, repl in STEPS:
        aligned.sub(pattern, repl)  # type: ignore[arg-type]
    return aligned
