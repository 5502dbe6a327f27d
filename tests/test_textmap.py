"""The offset map: monotone, round-trips, and survives every normalisation step."""
from __future__ import annotations

import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from extract.normalise import STEPS, normalise
from extract.textmap import AlignedText

# Text drawn from the characters the normaliser touches, plus ordinary Latvian letters.
SPECIAL = "“”„«»‘’‚–—‑−\u00a0\u202f\u00ad\u200b\ufeff*_#\r\n\t ,,e\u0301a\u0304"
alphabet = st.sampled_from(list(SPECIAL) + list("abcāčēģīķļņšūžABCĀŠŽ0123456789.:-\"'"))
texts = st.lists(alphabet, max_size=80).map("".join)


def check_alignment(a: AlignedText) -> None:
    assert len(a.text) == len(a.spans)
    prev = (0, 0)
    for s, e in a.spans:
        assert 0 <= s <= e <= len(a.original)
        assert s >= prev[0], "alignment must be monotone"
        prev = (s, e)


@settings(max_examples=300, deadline=None)
@given(texts)
def test_normalise_alignment_is_monotone_and_in_bounds(text: str) -> None:
    check_alignment(normalise(text))


@settings(max_examples=200, deadline=None)
@given(texts, st.sampled_from([name for name, _, _ in STEPS]))
def test_every_step_keeps_alignment(text: str, step: str) -> None:
    a = AlignedText.of(text)
    for name, pattern, repl in STEPS:
        if name == step:
            a.sub(pattern, repl)  # type: ignore[arg-type]
    check_alignment(a)


@settings(max_examples=300, deadline=None)
@given(texts)
def test_words_map_back_to_their_original_letters(text: str) -> None:
    a = normalise(text)
    for m in regex.finditer(r"[a-zA-Z0-9]+", a.text):
        s, e = a.to_original(*m.span())
        # unchanged ASCII letters survive with their soft hyphens or invisible characters removed
        assert regex.sub(r"[\u00ad\u200b\ufeff*_]", "", text[s:e]) == m.group()


@given(st.text(max_size=60))
def test_identity_round_trip(text: str) -> None:
    a = AlignedText.of(text)
    assert a.to_original(0, len(text)) == (0, len(text))
    for i in range(len(text)):
        assert a.to_original(i, i + 1) == (i, i + 1)


def test_replacement_covers_the_whole_match() -> None:
    a = AlignedText.of("a,,b").sub(r",,", '"')
    assert a.text == 'a"b'
    assert a.to_original(1, 2) == (1, 3)
    assert a.to_original(0, 3) == (0, 4)


def test_deletion_and_empty_spans() -> None:
    a = AlignedText.of("ab\u00adcd").sub("\u00ad", "")
    assert a.text == "abcd"
    assert a.to_original(0, 4) == (0, 5)
    assert a.to_original(2, 2) == (3, 3)
    assert a.to_original(4, 4) == (5, 5)


def test_normalisation_examples() -> None:
    a = normalise("Sveiki\u00a0\u00a0„pasaule” – **tas** ir\r\n  te\u00adsts")
    assert a.text == 'Sveiki "pasaule" - tas ir\ntests'
    s, e = a.to_original(a.text.index("tests"), len(a.text))
    assert a.original[s:e] == "te\u00adsts"
