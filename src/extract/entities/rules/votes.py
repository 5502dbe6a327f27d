"""Document-level votes: one name, one kind per document, and names the tagger tagged
elsewhere in the document tagged where it missed them."""
from __future__ import annotations

from collections import Counter

from ..registry import entity_rule
from ..spans import Span, name_key, never_a_person

PERSONS, PLACES = "persons", "places"
NAME_WORDS_MAX = 3  # words of a person's name whose words vote (longer spans are seldom names)


def _count_votes(spans, doc) -> dict[str, Counter]:
    votes: dict[str, Counter] = {}
    for sp in spans:
        if sp.kind == PERSONS and len(sp.words) <= NAME_WORDS_MAX:
            for w in sp.words:
                if (k := name_key(w)) is not None:
                    votes.setdefault(k, Counter())[PERSONS] += 1
                    votes[k]["full name"] += len(sp.words) > 1
        elif sp.kind == PLACES and len(sp.words) == 1 and (k := name_key(sp.words[0])) is not None:
            votes.setdefault(k, Counter())[PLACES] += 1
            if doc.naming.locative_name(sp.words[0], doc.chain):
                votes[k]["locative"] += 1
    return votes


def _winner(c: Counter, sp, lex) -> str:
    w = sp.words[0]
    if c["locative"] and not c["full name"]:
        return PLACES  # Vilidžā ... Vilidžai: a name in the locative is a place's
    if c[PERSONS] != c[PLACES]:
        return PERSONS if c[PERSONS] > c[PLACES] else PLACES
    if w in lex.first_name_forms and not lex.place_of(w):
        return PERSONS
    if lex.place_of(w) and w not in lex.first_name_forms:
        return PLACES
    return sp.kind


@entity_rule("vote-kinds", [PERSONS, PLACES])
def vote_kinds(spans, doc):
    """One name, one kind per document: where the tagger calls the same word a person in one
    sentence and a place in another (Federika / Federikai, Ķurbe / Ķurbē), the one-word spans
    take the kind most of its uses have; words of a longer person's name vote for persons. A
    name a place span has in the locative (Vilidžā ... Vilidžai) is a place's, unless a full
    name holds it. A tie goes to persons for a first name the place lexicon lacks, to places
    for a lexicon place that is no first name, and stays as tagged otherwise."""
    votes = _count_votes(spans, doc)
    out = []
    for sp in spans:
        k = name_key(sp.words[0]) if len(sp.words) == 1 and sp.kind in (PERSONS, PLACES) else None
        c = votes.get(k) if k is not None else None
        if c is not None and c[PERSONS] and c[PLACES]:
            kind = _winner(c, sp, doc.lex)
            if kind != sp.kind:
                sp = sp.relabel(kind)
        out.append(sp)
    return out


def _kind_of_names(spans) -> dict[str, str]:
    kind_of: dict[str, str] = {}
    for sp in spans:
        if sp.kind == PERSONS and len(sp.words) <= NAME_WORDS_MAX:
            if (key := name_key(sp.words[-1])) is not None:
                kind_of.setdefault(key, PERSONS)
        elif sp.kind == PLACES and len(sp.words) == 1:
            if (key := name_key(sp.words[0])) is not None:
                kind_of.setdefault(key, PLACES)
    return kind_of


@entity_rule("propagate", [PERSONS, PLACES])
def propagate(spans, doc):
    """Document consistency: a capitalised word tagged as a one-word person (or a person's
    surname) or place elsewhere in the document is tagged the same where the CRF missed it
    (not a holiday's or a planet's form, nor a person's name in the locative)."""
    covered = doc.covered(spans)
    kind_of = _kind_of_names(spans)
    if not kind_of:
        return spans
    out = list(spans)
    for k, (form, s, e) in enumerate(doc.tokens):
        key = None if k in covered else name_key(form)
        kind = kind_of.get(key) if key is not None else None
        if kind == PERSONS and (never_a_person(form) or doc.naming.locative_name(form, doc.chain)):
            continue  # Jāņa Bērziņa ... Jāņu dziesmas: the same stem, a holiday; Vilidžai ... Vilidžā
        if kind:
            out.append(Span(kind, s, e, [form], k, k + 1))
    return out
