"""Places: where a place's name ends, what is no place of the contract (`place-filters` runs
the `place-drop` rules), and places the tagger missed (units, hyphenated names, towns after
a country, state abbreviations)."""
from __future__ import annotations

import re
from bisect import bisect_right

from ..registry import entity_rule
from ..spans import WF_MIN, Span, in_text_order, nfc
from ..words import (ADMIN_UNIT_HEADS, FACILITY_HEADS, HOLIDAY_ENDINGS, NATURE_HEADS, ORG_NOT_PLACE,
                     PLACE_TAIL_HEADS, PLACE_TAIL_PLURALS, PLURAL_UNIT_FORMS, PROGRAMMES,
                     STATE_ABBREVIATIONS, STATES, TOWN_NOUNS, UNIT_GENITIVES, forms_of)
from .shared import before_natural_features

PERSONS, PLACES, ORGS = "persons", "places", "organizations"
CAPS_PLACE_MIN = 5  # letters of a word in capitals that a place no lexicon knows needs to be a verb
HYPHENATED_MIN = 7  # letters of a token of hyphen-joined place names
_HYPHENS = re.compile(r"[-‐‑–]")
UPPER_PLACE_KINDS = ("country", "continent", "region")  # places whose name takes no unit after it


def _cut_place_tail(sp, doc):
    if len(sp.words) < 2 or not sp.words[-1][:1].islower():
        return sp
    low = sp.words[-1].lower()
    if low in forms_of(PLACE_TAIL_HEADS) or low in PLURAL_UNIT_FORMS or low.startswith(TOWN_NOUNS):
        return sp
    if low in STATES or low in PLACE_TAIL_PLURALS:
        return sp
    k = len(sp.words) - 1
    while k > 0 and not sp.words[k - 1][:1].isupper():
        k -= 1
    if k == 0:
        return sp
    return Span(PLACES, sp.start, doc.tokens[sp.ti + k - 1][2], sp.words[:k], sp.ti, sp.ti + k)


@entity_rule("cut-place-tail", [PLACES])
def cut_place_tail(spans, doc):
    """`Liepājas uzņēmumos` -> `Liepājas`: a place whose last word is a lower-case word no
    place's name ends in (PLACE_TAIL_HEADS, any case, plural too) ends at its last
    capitalised word."""
    return [_cut_place_tail(sp, doc) if sp.kind == PLACES else sp for sp in spans]


@entity_rule("place-filters", [PLACES])
def place_filters(spans, doc):
    """A place span that any enabled `place-drop` rule judges no place of the contract goes."""
    tests = doc.chain.members("place-drop")
    return [sp for sp in spans if not (sp.kind == PLACES and any(t.fn(sp, doc) for t in tests))]


@entity_rule("after-programme", [PLACES], stage="place-drop")
def after_programme(sp, doc):
    """The word after a programme's name is part of the programme's (`Nordplus Junior`,
    `Interreg Europe`), no place."""
    return sp.ti > 0 and doc.tokens[sp.ti - 1][0] in PROGRAMMES


@entity_rule("initial-start", [PLACES], stage="place-drop")
def initial_start(sp, doc):
    """`N. pilsētiņas`: an initial starts a person's name, not a place's."""
    w = sp.words[0]
    return len(w) == 2 and w[1] == "." and w[0].isupper()


@entity_rule("place-not-facility", [PLACES], stage="place-drop", contract=True)
def place_not_facility(sp, doc):
    """The contract's places are geographic names: a street, an address, a building or a
    natural feature (`Graudu ielā 12`, `Rīgas Kongresu namā`, `Gaujas Nacionālais parks`) is
    not one, though the corpus marks them as locations (the town inside is still a place)."""
    words = sp.words
    return len(words) > 1 and (any(w.lower() in forms_of(FACILITY_HEADS) for w in words[1:])
                               or any(w in forms_of(NATURE_HEADS) for w in words[1:])
                               or any(ch.isdigit() for w in words for ch in w))


@entity_rule("place-not-natural-feature", [PLACES], stage="place-drop", contract=True)
def place_not_natural_feature(sp, doc):
    """`Mūsas un Mēmeles upēs`: coordinated names before a natural feature's plural are rivers,
    no contract places (`Latvijas un Lietuvas mežos`, lexicon places, are lands)."""
    return before_natural_features(sp, doc.tokens) and not doc.lex.match_place(sp.words, 0)


def _unknown_one_word(sp, doc) -> str | None:
    """The word of a one-word place no place lexicon knows, else None."""
    if len(sp.words) != 1:
        return None
    w = sp.words[0]
    return None if doc.lex.place_of(w) or w in doc.lex.lemmas.get("place", {}) else w


@entity_rule("caps-place", [PLACES], stage="place-drop")
def caps_place(sp, doc):
    """`... AUDZĒKŅI STAŽĒJĀS VĀCIJĀ`: in a line in capitals the tagger cannot tell a word from
    a name by its capital, and a place no lexicon knows is more often a verb."""
    w = _unknown_one_word(sp, doc)
    form = doc.tokens[sp.ti][0]
    return w is not None and len(w) >= CAPS_PLACE_MIN and form.isupper() and form.isalpha()


@entity_rule("frequent-place-word", [PLACES], stage="place-drop")
def frequent_place_word(sp, doc):
    """A holiday (`Valentīndienai`) or a frequent Latvian word (`Kafija`: Zipf >= WF_MIN;
    abbreviations such as `PSRS` aside) that no place lexicon knows is no place."""
    w = _unknown_one_word(sp, doc)
    if w is None or w.isupper():
        return False
    low = w.lower()
    return low.endswith(HOLIDAY_ENDINGS) or doc.lex.word_zipf.get(low, 0.0) >= WF_MIN


@entity_rule("common-place-word", [PLACES], stage="place-drop")
def common_place_word(sp, doc):
    """`Profesionāla`: a word the corpus has in lower case, which no place lexicon knows, is no place."""
    w = _unknown_one_word(sp, doc)
    return w is not None and w.lower() in doc.lex.common_lower


def _country_of_town(sp, doc):
    if len(sp.words) == 2 and sp.words[0][:1].isupper() and sp.words[1].lower().startswith(TOWN_NOUNS):
        entry = doc.lex.place_of(sp.words[0])
        if entry is not None and entry.kind == "country":
            return Span(PLACES, sp.start, doc.tokens[sp.ti][2], sp.words[:1], sp.ti, sp.ti + 1)
    return sp


@entity_rule("country-of-town", [PLACES])
def country_of_town(spans, doc):
    """`Igaunijas pilsētā (Pērnavā)`: "a town of Estonia" names the country, not a town
    (`Jelgavas pilsētā` stays whole; its name is `Jelgava`)."""
    return [_country_of_town(sp, doc) if sp.kind == PLACES else sp for sp in spans]


@entity_rule("contract-orgs-not-places", [PLACES, ORGS], contract=True)
def contract_orgs_not_places(spans, doc):
    """`Eiropas Savienība`, `Eiropas Komisija`, `ANO`, `NATO`: organisations the corpus
    sometimes tags as places; the contract says organisation."""
    out = []
    for sp in spans:
        if sp.kind == PLACES and (doc.naming.place_name(sp.words)[0] in ORG_NOT_PLACE
                                  or " ".join(sp.words) in ORG_NOT_PLACE):
            sp = sp.relabel(ORGS)
        out.append(sp)
    return out


@entity_rule("unit-places-in-orgs", [PLACES])
def unit_places_in_orgs(spans, doc):
    """`Kurmāles pagasta padome`, `Gulbenes novada vidusskola`: a capitalised word right before
    a unit's noun in the genitive, inside an organisation's name, is a place (the contract
    counts places inside names; `admin-units` then takes in the unit)."""
    units, tokens = forms_of(ADMIN_UNIT_HEADS), doc.tokens
    covered = {k for s in spans if s.kind == PLACES for k in range(s.ti, s.tj)}
    out = list(spans)
    for sp in spans:
        if sp.kind != ORGS:
            continue
        for k in range(sp.ti, sp.tj - 1):
            w, nxt = tokens[k][0], tokens[k + 1][0]
            if (k not in covered and nxt in units and nxt in UNIT_GENITIVES and w[:1].isupper()
                    and w.replace("-", "").isalpha() and len(w) > 2 and not w.isupper()):
                out.append(Span(PLACES, tokens[k][1], tokens[k][2], [w], k, k + 1))
                covered.add(k)
    return out


@entity_rule("plural-units", [PLACES])
def plural_units(spans, doc):
    """`Latgales novadiem` -> `Latgales`: a place ending in a unit's plural is the words before
    it (many units of a region, no unit's name: the corpus leaves 12 of 13 such pairs out);
    the same span found twice is one."""
    out, have = [], set()
    for sp in spans:
        if sp.kind == PLACES and len(sp.words) > 1 and sp.words[-1].lower() in PLURAL_UNIT_FORMS:
            sp = Span(PLACES, sp.start, doc.tokens[sp.tj - 2][2], sp.words[:-1], sp.ti, sp.tj - 1)
        if (sp.kind, sp.start, sp.end) in have:
            continue
        have.add((sp.kind, sp.start, sp.end))
        out.append(sp)
    return out


@entity_rule("admin-units", [PLACES])
def admin_units(spans, doc):
    """A town's or a parish's name takes in the administrative unit after it (`Jelgavas
    pilsētas`, `Kurmāles pagasta padome`, `Ādažu novadā`), as the corpus marks them (novads 47
    of 48, pagasts 32 of 32 in train); a country's or a region's does not (`Igaunijas pilsētā`)."""
    tokens = doc.tokens
    have = {(s.start, s.end) for s in spans if s.kind == PLACES}
    out = []
    for sp in spans:
        k = sp.tj
        if (sp.kind == PLACES and k < len(tokens) and tokens[k][0] in forms_of(ADMIN_UNIT_HEADS)
                and (sp.start, tokens[k][2]) not in have):
            entry = doc.lex.place_of(sp.words[-1])
            if entry is None or entry.kind not in UPPER_PLACE_KINDS:
                sp = Span(PLACES, sp.start, tokens[k][2], sp.words + [tokens[k][0]], sp.ti, k + 1)
        out.append(sp)
    return out


@entity_rule("place-compounds", [PLACES])
def place_compounds(spans, doc):
    """A token of place names joined by hyphens (`Latvijas-Krievijas robeža`,
    `Latvijas-Igaunijas-Krievijas programma`) mentions each place: one place span per part,
    whatever the tagger made of the whole token."""
    out = spans
    for k, (form, s, _e) in enumerate(doc.tokens):
        if len(form) < HYPHENATED_MIN or not _HYPHENS.search(form):
            continue
        parts = _HYPHENS.split(form)
        if len(parts) < 2 or not all(p[:1].isupper() and doc.lex.place_of(p) for p in parts):
            continue
        out = [sp for sp in out if not (sp.kind == PLACES and sp.ti == k and sp.tj == k + 1)]
        at = s
        for part in parts:
            at = form.find(part, at - s) + s
            out.append(Span(PLACES, at, at + len(part), [part], k, k + 1))
            at += len(part)
    return out


def _town_token(doc, k: int) -> int | None:
    """The capitalised word after the country-and-noun at token k, where one may be a town."""
    tokens = doc.tokens
    if doc.naming.country_noun_at(k, tokens) is None:
        return None
    j = k + 2 if tokens[k + 1][0] == "(" and k + 2 < len(tokens) else k + 1
    w = tokens[j][0]
    if not (w[:1].isupper() and w.isalpha() and len(w) > 2 and not w.isupper()):
        return None
    if w in PROGRAMMES or w.lower() in doc.lex.org_heads:
        return None
    return j


@entity_rule("towns-after-country", [PLACES, PERSONS])
def towns_after_country(spans, doc):
    """`uz Norvēģijas pilsētu (Hamaru)`, `Zviedrijas pilsētā Ēstersundā`: a capitalised word
    no span covers, right after a country in the genitive and a town's or region's noun (a
    bracket between allowed), is a place; only a one-word "person" there gives way. Items
    then take the place's country and kind from the words before it."""
    tokens = doc.tokens
    taken = sorted((sp.start, sp.end) for sp in spans)
    starts = [a for a, _b in taken]
    out = list(spans)
    for k in range(1, len(tokens) - 1):
        j = _town_token(doc, k)
        if j is None:
            continue
        w, s, e = tokens[j]
        x = bisect_right(starts, s) - 1
        if x >= 0 and taken[x][1] > s or (x + 1 < len(taken) and taken[x + 1][0] < e):
            same = [sp for sp in out if sp.start == s and sp.end == e and sp.kind == PERSONS]
            if not same or any(sp.overlaps(s, e) and sp.kind != PERSONS for sp in out):
                continue
            out = [sp for sp in out if sp not in same]
        out.append(Span(PLACES, s, e, [nfc(w)], j, j + 1))
    return in_text_order(out)


@entity_rule("state-abbreviations", [PLACES, PERSONS])
def state_abbreviations(spans, doc):
    """`LR` (Latvijas Republika), `PSRS`, `NVS`, `LPSR` are places wherever they stand, also
    inside a body's name (`LR Ekonomikas ministrija`: a place inside a name is a place
    mention); the CRF missed 10 of them in the CV folds."""
    have = {sp.ti for sp in spans if sp.kind == PLACES}
    out = [sp for sp in spans if not (sp.kind == PERSONS and len(sp.words) == 1 and sp.words[0] in STATE_ABBREVIATIONS)]
    for k, (form, s, e) in enumerate(doc.tokens):
        if form in STATE_ABBREVIATIONS and k not in have:
            out.append(Span(PLACES, s, e, [form], k, k + 1))
    return out
