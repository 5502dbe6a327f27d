"""Tokens to raw entity spans: the tagging units (sentences, cut at line breaks), headlines
in capitals recased for the tagger, the CRF's joint labels read as outer and inner spans."""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from functools import lru_cache
from typing import Iterable, Sequence

from .features import DocStats
from .registry import entity_rule
from .spans import Span, Token, nfc
from .tokenize import split_sentences, tokenize
from .truecase import in_capitals, recase, recase_first_names

KIND_OF_TAG = {"PER": "persons", "LOC": "places", "ORG": "organizations"}


def bio_spans(tags: Sequence[str]) -> list[tuple[str, int, int]]:
    """(type, first, end) of the BIO spans in `tags`; an I- without its B- starts a span."""
    out, cur = [], None
    for i, t in enumerate(tags):
        if t == "O":
            if cur:
                out.append(tuple(cur))
                cur = None
        elif t[0] == "B" or cur is None or cur[0] != t[2:]:
            if cur:
                out.append(tuple(cur))
            cur = [t[2:], i, i + 1]
        else:
            cur[2] = i + 1
    if cur:
        out.append(tuple(cur))
    return out


@lru_cache(maxsize=None)
def outer_inner(label: str) -> tuple[str, str]:
    """The CRF's joint label `B-PER|B` -> the outer tag and the inner place tag."""
    p = label.split("|")
    return p[0], (("B-P" if p[1] == "B" else "I-P") if len(p) > 1 else "O")


def line_cuts(text: str, tokens: Sequence[Token]) -> list[int]:
    """Token indices k (0 < k < len(tokens)) with a line break between tokens k-1 and k, in
    order (tokens never hold a newline)."""
    starts = [s for _f, s, _e in tokens]
    cuts = set()
    at = text.find("\n")
    while at >= 0:
        cuts.add(bisect_right(starts, at))
        at = text.find("\n", at + 1)
    return sorted(c for c in cuts if 0 < c < len(tokens))


def ranges(cuts: Iterable[int], n: int) -> list[range]:
    """0..n cut before each index of `cuts` (ascending, each within 1..n-1)."""
    bounds = [0, *cuts, n]
    return [range(a, b) for a, b in zip(bounds, bounds[1:])]


def tagging_units(text: str, tokens: Sequence[Token], sentences: Sequence[tuple[int, int]]) -> list[range]:
    """The tokens of each sentence, as ranges of token indices; a newline between two tokens
    of a sentence also ends a unit. A token belongs to the first sentence (in order) that ends
    after its start, so tokens between two sentences go with the next one."""
    n = len(tokens)
    if not n:
        return []
    starts = [s for _f, s, _e in tokens]
    cuts = set(line_cuts(text, tokens))
    reach = 0  # tokens before this index are past every sentence seen so far
    for _s, e in sorted(sentences):
        reach = max(reach, bisect_left(starts, e))
        if 0 < reach < n:
            cuts.add(reach)
    return ranges(sorted(cuts), n)


@entity_rule("recase-headlines", ["persons", "places", "organizations"], stage="option")
def recase_units(all_words: list[list[str]], lex) -> list[list[str]]:
    """A headline in capitals is tagged in running-text case (`DIDZIS OZOLS` -> `Didzis
    Ozols`, truecase.py); elsewhere a first name in capitals is recased alone. The CRF learnt
    names by their capital letter, which a line in capitals does not show."""
    return [recase(ws, lex) if in_capitals(ws) else recase_first_names(ws, lex) for ws in all_words]


def tag_spans(recogniser, text: str, sentences: list[tuple[int, int]] | None, chain) -> tuple[list[Span], list[Token]]:
    """Raw entity spans (outer persons, places, organisations; inner places) and the tokens."""
    tokens = tokenize(text)
    if sentences is None:
        sentences = split_sentences(text, tokens)
    groups = tagging_units(text, tokens, sentences)
    forms = [nfc(f) for f, _s, _e in tokens]
    all_words = [forms[g.start:g.stop] for g in groups]
    if chain.on("recase-headlines"):
        all_words = recase_units(all_words, recogniser.lex)
    doc = DocStats(all_words, recogniser.lex) if recogniser.doc_features else None
    all_labels = recogniser.tagger.tag_document(all_words, doc)
    out: list[Span] = []
    for g, words, labels in zip(groups, all_words, all_labels):
        both = [outer_inner(label) for label in labels]
        for t, a, b in bio_spans([o for o, _ in both]):
            if t in KIND_OF_TAG:
                out.append(Span(KIND_OF_TAG[t], tokens[g[a]][1], tokens[g[b - 1]][2], words[a:b], g[a], g[b - 1] + 1))
        for _t, a, b in bio_spans([i for _, i in both]):
            out.append(Span("places", tokens[g[a]][1], tokens[g[b - 1]][2], words[a:b], g[a], g[b - 1] + 1))
    return out, tokens
