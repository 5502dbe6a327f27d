"""Bounded windows of a long text: every stage sees at most `WINDOW_CHARS` characters at once.

A text longer than a window is cut into consecutive windows before normalisation, sentence
splitting, the rules and the entity stage, so that time and memory per stage call stay
bounded whatever the document (a 5 MB text on one line included). A window ends at the last
paragraph break in its second half, else the last line break, else the last sentence end
(`.`, `!`, `?` or `…` after a word, then a space and a capital: not `2024. gada`), else the
last whitespace, else it is cut hard at its
maximum length. A text no longer than a window is one window: it is processed exactly as it
would be without windows. Every search looks at the window's second half only, once: linear.

`bounded_pieces` cuts a very long paragraph the same way before stanza sees it (see there).
"""
from __future__ import annotations

import regex

#: the most characters a stage sees at once (about 25 long news articles; those are 2-6 KB)
WINDOW_CHARS = 100_000

_PARAGRAPH_END = regex.compile(r"\n[^\S\n]*\n\s*")
_LINE_END = regex.compile(r"\n\s*")
# a stop after a word (not after a number: `2024. gada`, `3. martā`), then a capital
_SENTENCE_END = regex.compile(r"(?<=\p{L}\p{L})[.!?…][\"'”»)\]]*\s+(?=[\"'„“(]?\p{Lu})")
_SPACE = regex.compile(r"\s+")
#: tried in this order; each gives the end of its last match in the search range
_BOUNDARIES = (("paragraph", _PARAGRAPH_END), ("line", _LINE_END), ("sentence", _SENTENCE_END), ("space", _SPACE))


def _last_end(rx: "regex.Pattern[str]", text: str, lo: int, hi: int) -> int | None:
    """The end of the last match of `rx` that starts in text[lo:hi] and ends by `hi`, or None."""
    end = None
    for m in rx.finditer(text, lo, hi):
        end = m.end()
    return end


def window_end(text: str, start: int, size: int = WINDOW_CHARS) -> tuple[int, str]:
    """Where the window starting at `start` ends, and at what kind of boundary."""
    hi = start + size
    if hi >= len(text):
        return len(text), "end"
    lo = start + size // 2
    for kind, rx in _BOUNDARIES:
        end = _last_end(rx, text, lo, hi)
        if end is not None and end > start:
            return end, kind
    return hi, "hard"


def split_windows(text: str, size: int = WINDOW_CHARS) -> list[tuple[int, int, str]]:
    """Consecutive windows (start, end, boundary kind) covering `text`; one when it is short."""
    if size < 2:
        raise ValueError("a window holds at least 2 characters")
    out = []
    start = 0
    while True:
        end, kind = window_end(text, start, size)
        out.append((start, end, kind))
        if end >= len(text):
            return out
        start = end


#: a piece longer than `LONG_PIECE_CHARS` is cut into pieces of at most `CUT_PIECE_CHARS` (at
#: the last sentence end, else space, else hard) before stanza sees it. Stanza runs its LSTM
#: over a batch of paragraphs one character per step, 1,000 characters at a time; a long piece
#: with few others in its batch runs almost alone: 50,000 characters of e-mail addresses on one
#: line took 38 s to split. In pieces of 1,000 (stanza's own step length) they fill its batches:
#: 100 KB of news text on one line 4.5 s of CPU, against 7.0 s in pieces of 2,000 and 4.2 s
#: for the same text in its paragraphs. Paragraphs of news are never that long (352 texts of the
#: bench, the samples, the seeds and realdev: the longest piece 1,831 characters).
LONG_PIECE_CHARS = 2_000
CUT_PIECE_CHARS = 1_000


def bounded_pieces(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """text[start:end] (a piece for stanza, whitespace-trimmed) as it is if it is at most
    `LONG_PIECE_CHARS` long, else cut at `window_end` into pieces of at most `CUT_PIECE_CHARS`,
    each trimmed of whitespace (whitespace-only ones dropped)."""
    if end - start <= LONG_PIECE_CHARS:
        return [(start, end)]
    out: list[tuple[int, int]] = []
    while start < end:
        cut = end if end - start <= CUT_PIECE_CHARS else window_end(text, start, CUT_PIECE_CHARS)[0]
        out.extend(trimmed(text, start, cut))
        start = cut
    return out


def trimmed(text: str, a: int, b: int) -> list[tuple[int, int]]:
    """`[(a, b)]` with the whitespace at both ends cut off, or `[]` when only whitespace is left."""
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return [(a, b)] if a < b else []
