"""Mentions and sentences mapped from normalised offsets back to the original text, checked.

The extractors work on the normalised text of `textmap.AlignedText`; a record is built in those
offsets and mapped back once. The map itself is checked here, mention by mention: the
original slice a mention maps to must hold the mention's normalised text, compared by their
*skeletons* (letters and digits after canonical decomposition, `skeleton`). Normalisation never
adds, drops or changes a letter or digit (it changes spaces, quotes, dashes, Markdown markers,
invisible characters and composes accents), so a correct map always passes, while a map that
points a mention anywhere else (an offset bug in the map, a window shifted wrongly, offsets of
another text) gives another skeleton and raises `MappingError` instead of a record with wrong
text. Only then is the mention's text set to the original slice, which makes the writer's
`record.text[start:end] == mention.text` hold.
"""
from __future__ import annotations

import unicodedata

import regex

from .records import DocumentRecord, Mention, Span
from .textmap import AlignedText
from .writing import OffsetError

_NOT_LETTER_OR_DIGIT = regex.compile(r"[^\p{L}\p{N}]+")


class MappingError(OffsetError):
    """The offset map sent a mention or sentence to original text that does not hold it."""


def skeleton(s: str) -> str:
    """The letters and digits of `s`, canonically decomposed (accents apart, then dropped)."""
    return _NOT_LETTER_OR_DIGIT.sub("", unicodedata.normalize("NFD", s))


def _checked(aligned: AlignedText, start: int, end: int, what: str) -> tuple[int, int]:
    o_start, o_end = aligned.to_original(start, end)
    normalised = aligned.text[start:end]
    original = aligned.original[o_start:o_end]
    if skeleton(normalised) != skeleton(original):
        raise MappingError(f"{what} {normalised!r} at [{start}:{end}] of the normalised text maps to "
                           f"{original!r} at [{o_start}:{o_end}] of the original")
    return o_start, o_end


def map_to_original(record: DocumentRecord, aligned: AlignedText, shift: int = 0) -> DocumentRecord:
    """Map every mention and sentence of `record` (in offsets of `aligned.text`) to the original,
    checked (`MappingError`), plus `shift` (the window's start in the whole text). Mentions get
    the original slice as their text. `record.text` is left to the caller."""
    for kind, m in record.iter_mentions():
        if m.text != aligned.text[m.start:m.end]:
            raise MappingError(f"{kind} mention {m.text!r} is not the normalised text at [{m.start}:{m.end}]")
        o_start, o_end = _checked(aligned, m.start, m.end, f"{kind} mention")
        _set(m, o_start + shift, o_end + shift, aligned.original[o_start:o_end])
    for s in record.sentences:
        o_start, o_end = _checked(aligned, s.start, s.end, "sentence")
        _set(s, o_start + shift, o_end + shift)
    return record


def _set(m: Mention | Span, start: int, end: int, text: str | None = None) -> None:
    # written into the model's __dict__, where pydantic keeps field values: what its __setattr__
    # does for these fields (no assignment validation; they are set already), without its checks
    # per call, for the hundred or so mentions and sentences of a record
    d = m.__dict__
    d["start"], d["end"] = start, end
    if text is not None:
        d["text"] = text
