"""Organisations: bodies the tagger missed or mis-cut (foreign schools, known bodies, legal
forms, municipal bodies), and names split or joined where a body's name really ends."""
from __future__ import annotations

from ... import declension
from ..registry import entity_rule
from ..spans import Containment, Span, can_be_genitive, in_text_order, name_part, nfc
from ..words import (LEGAL_ABBREVIATIONS, LEGAL_FORMS, MUNICIPAL_HEADS, NAME_CONNECTORS, NATURE_HEADS, QUOTES,
                     STREET_HEADS, SURE_ABBREVIATIONS, UNIT_GENITIVES, forms_of)
from .names import case_mismatch

PERSONS, PLACES, ORGS = "persons", "places", "organizations"
NAME_REACH_BACK = 7      # words a foreign school's name may have before its head word
NAME_REACH_ON = 8        # words it may have after a head word that opens it
QUOTED_NAME_REACH = 14   # tokens between a legal form's opening quote mark and its closing one
PERSON_BEFORE_ORG_MIN = 4  # words of an organisation that may open with a person before it


def _joined(doc, a: int, b: int) -> bool:
    """Tokens a and b stand on one line."""
    return "\n" not in doc.text[doc.tokens[a][2]:doc.tokens[b][1]]


def _foreign_name_ending_at(doc, k: int, heads) -> tuple[int, int] | None:
    tokens = doc.tokens
    a = k
    while a > 0 and k - a < NAME_REACH_BACK and _joined(doc, a - 1, a) and (
            name_part(tokens[a - 1][0]) or (tokens[a - 1][0] == "." and a > 1 and tokens[a - 2][0].isdigit())):
        a -= 1  # (`Tallinna 21. Kool`: the ordinal's dot is a token of its own)
    while a < k and tokens[a][0].lower() in NAME_CONNECTORS:
        a += 1
    form = tokens[k][0]
    if a < k or (form.lower() not in heads["end"] and form[:1].isupper()):
        return a, k + 1
    return None


def _foreign_name_starting_at(doc, k: int) -> tuple[int, int] | None:
    tokens, n = doc.tokens, len(doc.tokens)
    b = k + 1
    while (b < n and b - k <= NAME_REACH_ON and _joined(doc, b - 1, b) and name_part(tokens[b][0])
           and not (b > k + 1 and tokens[b][0] in doc.lex.place_forms)):
        b += 1
    while b > k + 1 and tokens[b - 1][0].lower() in NAME_CONNECTORS:
        b -= 1
    return (k, b) if b > k + 1 else None


def _foreign_names(doc, heads) -> list[tuple[int, int]]:
    suffixes = tuple(sorted(heads["suffix"]))  # str.endswith takes them all at once
    found = []
    for k, (form, _s, _e) in enumerate(doc.tokens):
        low = form.lower()
        if low in heads["end"] or (form[:1].isupper() and len(low) > 6 and low.endswith(suffixes)):
            got = _foreign_name_ending_at(doc, k, heads)
        elif low in heads["start"] and form[:1].isupper():
            got = _foreign_name_starting_at(doc, k)
        else:
            got = None
        if got:
            found.append(got)
    return found


@entity_rule("foreign-orgs", [ORGS, PERSONS, PLACES])
def foreign_orgs(spans, doc):
    """Foreign schools and universities by their head word (lexicons/org_heads_foreign.tsv):
    `Rothaugen skole`, `Oulun Lyseon lukio`, `Hagaskóli`, `IES Lluís Vives`, `Szkoła
    Podstawowa nr 5`. The CRF, trained on Latvian names, takes their words for people or
    misses them. A found name replaces the persons and organisations inside it unless a
    longer organisation holds it; places inside stay places (`Viļņas Kolēģijas` -> `Viļņas`)."""
    heads = doc.lex.foreign_org_heads
    found = _foreign_names(doc, heads) if heads else []
    if not found:
        return spans
    tokens, out = doc.tokens, list(spans)
    for a, b in found:
        if any(o.kind == ORGS and o.ti <= a and b <= o.tj and (o.ti, o.tj) != (a, b) for o in out):
            continue
        head = b - 1 if tokens[b - 1][0].lower() in heads["end"] else a
        cut = [Span(PLACES, o.start, tokens[head - 1][2], o.words[:head - o.ti], o.ti, head)
               for o in out if o.kind == PLACES and o.ti < head < o.tj and o.ti >= a]
        out = [o for o in out if (o.kind == PLACES and not o.ti <= head < o.tj) or o.tj <= a or o.ti >= b]
        out += [c for c in cut if not any(o.kind == PLACES and (o.ti, o.tj) == (c.ti, c.tj) for o in out)]
        out.append(doc.span(ORGS, a, b))
    return sorted(out, key=lambda s: (s.ti, -s.tj))


@entity_rule("sure-abbreviations", [ORGS])
def sure_abbreviations(spans, doc):
    """`VIAA`, `IZM`, `ESF`, `VID`, `LDz`: abbreviations that name an organisation wherever they
    stand outside another span, also where the CRF did not tag them."""
    covered = doc.covered(spans)
    out = list(spans)
    for k, (form, s, e) in enumerate(doc.tokens):
        if form in SURE_ABBREVIATIONS and k not in covered:
            out.append(Span(ORGS, s, e, [form], k, k + 1))
    return out


def _org_after(a_i: int, a, outer, doc):
    """The organisation that a person's span opens, through places between, or None."""
    j, chain = a.tj, []
    for b in outer[a_i + 1:]:
        if b.ti != j or doc.line_break(doc.tokens[j - 1][2], b.start):
            break
        chain.append(b)
        j = b.tj
        if b.kind != PLACES:
            break
    return chain[-1] if chain and chain[-1].kind == ORGS else None


@entity_rule("person-opens-org", [PERSONS, ORGS])
def person_opens_org(spans, doc):
    """A person's name in the genitive at the start of an organisation's name belongs to the
    organisation (`Jāņa Ivanova [Rēzeknes] mūzikas vidusskola`, `J.Pilsudska Daugavpils ...
    ģimnāzija`): a person whose name a school bears is no person mention (the contract)."""
    inside = Containment([(o.ti, o.tj) for o in spans if o.kind != PLACES])
    outer = [s for s in spans if not (s.kind == PLACES and inside(s.ti, s.tj))]
    merged, drop = [], set()
    for a_i, a in enumerate(outer):
        if a.kind != PERSONS or not all(can_be_genitive(w) for w in a.words):
            continue
        org = _org_after(a_i, a, outer, doc)
        if org is not None:
            drop.add(id(a))
            drop.add(id(org))
            merged.append(Span(ORGS, a.start, org.end, [t[0] for t in doc.tokens[a.ti:org.tj]], a.ti, org.tj))
    return [s for s in spans if id(s) not in drop] + merged


@entity_rule("nature-org", [ORGS, PLACES], stage="organization-kind")
def nature_org(sp, doc):
    """`Gaujas Nacionālo parku`, `Brīvības ielā`: a park or a street, not a body (a place to the
    corpus; the contract's place filters decide)."""
    if len(sp.words) > 1 and sp.words[-1] in forms_of(NATURE_HEADS + STREET_HEADS):
        return sp.relabel(PLACES)
    return None


@entity_rule("municipal-bodies", [ORGS])
def municipal_bodies(spans, doc):
    """`Kuldīgas novada pašvaldība`, `Rīgas domes`: a place right before a municipal body's
    head noun is (also) that body, where no organisation span covers it yet; the place stays
    a place mention inside it."""
    tokens, forms = doc.tokens, doc.lex.org_head_forms
    orgs = [o for o in spans if o.kind == ORGS]
    out = list(spans)
    for sp in spans:
        k = sp.tj
        if sp.kind != PLACES or k >= len(tokens) or doc.line_break(sp.end, tokens[k][1]):
            continue
        head = forms.get(tokens[k][0].lower())
        if head is None or head[0] not in MUNICIPAL_HEADS or tokens[k][0][:1].isupper():
            continue
        if any(o.ti <= sp.ti and k < o.tj for o in orgs) or any(o.ti == sp.ti for o in orgs):
            continue
        out.append(Span(ORGS, sp.start, tokens[k][2], sp.words + [tokens[k][0]], sp.ti, k + 1))
    return out


def _unit_before(sp, doc):
    tokens, k = doc.tokens, sp.ti
    if (k < 2 or not sp.words[0][:1].isupper() or tokens[k - 1][0] not in UNIT_GENITIVES
            or not (tokens[k - 2][0][:1].isupper() and tokens[k - 2][0].replace("-", "").isalpha())
            or doc.line_break(tokens[k - 2][1], sp.start)):
        return sp
    return Span(sp.kind, tokens[k - 2][1], sp.end, [t[0] for t in tokens[k - 2:k]] + sp.words, k - 2, sp.tj)


@entity_rule("unit-before-org", [ORGS])
def unit_before_org(spans, doc):
    """`Osmānijas provinces Nacionālais izglītības direktorāts`, `Cēsu novada Izglītības
    pārvalde`: a place and its unit in the genitive right before a capitalised body's name
    belong to the body's name."""
    return [_unit_before(sp, doc) if sp.kind == ORGS else sp for sp in spans]


def _split_coordinated(sp, doc) -> list[Span]:
    tokens, forms = doc.tokens, doc.lex.org_head_forms
    for k in range(sp.ti + 1, sp.tj - 1):
        if tokens[k][0] in ("un", "UN") and tokens[k - 1][0].lower() in forms and tokens[k + 1][0][:1].isupper():
            left = Span(ORGS, sp.start, tokens[k - 1][2], sp.words[:k - sp.ti], sp.ti, k)
            right = Span(ORGS, tokens[k + 1][1], sp.end, sp.words[k + 1 - sp.ti:], k + 1, sp.tj)
            return [left, *_split_coordinated(right, doc)]
    return [sp]


@entity_rule("split-coordinated-orgs", [ORGS])
def split_coordinated_orgs(spans, doc):
    """`Eiropas Parlamentam un Padomei`, `EIROPAS PARLAMENTS UN EIROPAS SAVIENĪBAS PADOME`: two
    bodies joined by `un` after a head noun and before a capital are two names (FullStack-LV
    train splits 18 of 18 such spans; `Izglītības un zinātnes ministrija` has no head noun
    before its `un` and stays whole)."""
    return [part for sp in spans for part in (_split_coordinated(sp, doc) if sp.kind == ORGS else [sp])]


def _person_before(sp, doc) -> list[Span]:
    words, names = sp.words, doc.lex.first_names
    if len(words) < PERSON_BEFORE_ORG_MIN:
        return [sp]
    cases = frozenset(c.case for c in declension.candidates(words[0])
                      if c.number == "sg" and c.nominative in names and c.nominative != words[0])
    if not cases or cases & {"gen", "nom"} or words[0] in names:
        return [sp]
    k = 1
    while k < len(words) and words[k][:1].isupper() and not case_mismatch(words[k], cases):
        k += 1
    if k < 2 or len(words) - k < 2 or not words[k][:1].isupper():
        return [sp]
    tokens = doc.tokens
    return [Span(PERSONS, sp.start, tokens[sp.ti + k - 1][2], words[:k], sp.ti, sp.ti + k),
            Span(ORGS, tokens[sp.ti + k][1], sp.end, words[k:], sp.ti + k, sp.tj)]


@entity_rule("person-before-org", [ORGS, PERSONS])
def person_before_org(spans, doc):
    """`ar Kristapu Bērziņu Valmieras Valsts ģimnāzijā`: a first name in a case other than the
    genitive and the nominative cannot be a school's eponym (`Jāņa Ivanova ... vidusskola` is
    genitive), so it and the surname agreeing with it are a person before the body's name,
    which starts at the first word in another case."""
    return [part for sp in spans for part in (_person_before(sp, doc) if sp.kind == ORGS else [sp])]


def _known_body_at(doc, forms: list[str], i: int) -> int:
    """How many words of a known body's full name start at token i (0: none)."""
    for n, full, head in doc.naming.bodies.get(forms[i], ()):
        # the head noun's first letters first: most `Valsts`, `Rīgas` open no known body
        if (i + n <= len(forms) and forms[i + n - 1][:3].casefold() == head
                and doc.naming.org_name(forms[i:i + n]).casefold() == full):
            return n
    return 0


def _known_body_hits(doc, forms: list[str]) -> list[tuple[int, int]]:
    """(first token, words) of each known body's name, left to right, not overlapping."""
    hits, i = [], 0
    while i < len(forms):
        n = _known_body_at(doc, forms, i)
        if n:
            hits.append((i, n))
        i += n or 1
    return hits


@entity_rule("known-bodies", [ORGS, PLACES, PERSONS])
def known_bodies(spans, doc):
    """A known body's full name (lexicons/org_abbreviations.tsv) in any case form is an
    organisation even where the CRF took it for a place or missed it: `Eiropas Sociālā fonda
    Plus projektu` (the CRF: `Eiropas` a place), `Rīgas Tehniskajā universitātē`. Spans that
    overlap it give way, except places inside it and an organisation that holds it whole.
    One sweep: the names found do not overlap and come in text order, so a span that ends
    before one can touch no later one (linear in the spans and names, #30)."""
    if not doc.naming.bodies:
        return spans
    tokens = doc.tokens
    forms = [nfc(f) for f, _s, _e in tokens]
    order = sorted(range(len(spans)), key=lambda x: spans[x].start)
    removed, added, active, nxt = set(), [], [], 0
    for i, hit in _known_body_hits(doc, forms):
        s, e = tokens[i][1], tokens[i + hit - 1][2]
        while nxt < len(order) and spans[order[nxt]].start < e:
            active.append(order[nxt])
            nxt += 1
        active = [x for x in active if spans[x].end > s and x not in removed]
        if any(spans[x].kind == ORGS and spans[x].start <= s and e <= spans[x].end for x in active):
            continue
        removed.update(x for x in active if not (spans[x].kind == PLACES and s <= spans[x].start and spans[x].end <= e))
        added.append(Span(ORGS, s, e, forms[i:i + hit], i, i + hit))
    return in_text_order([sp for x, sp in enumerate(spans) if x not in removed] + added)


def _quoted_name_after(doc, k: int) -> int | None:
    """The closing quote mark's token of a quoted name right after token k, else None."""
    tokens, n = doc.tokens, len(doc.tokens)
    if tokens[k + 1][0] not in QUOTES or not tokens[k + 2][0][:1].isupper():
        return None
    close = next((j for j in range(k + 2, min(n, k + QUOTED_NAME_REACH)) if tokens[j][0] in QUOTES), None)
    if close is None or close == k + 2 or doc.line_break(tokens[k + 1][1], tokens[close][2]):
        return None
    return close


@entity_rule("quoted-after-legal-form", [ORGS, PERSONS])
def quoted_after_legal_form(spans, doc):
    """`biedrību "Latvijas Sarkanais Krusts"`, `nodibinājums „Ziedot.lv”`, `SIA "Mikrotīkls"`: a
    quoted capitalised name right after a legal form is an organisation where the CRF found
    none (as the CRF writes them: the quoted name, with `SIA`/`AS` before it); persons inside
    give way, places inside stay."""
    tokens, out = doc.tokens, list(spans)
    for k in range(len(tokens) - 3):
        form = tokens[k][0]
        if not (form in LEGAL_ABBREVIATIONS or form.lower() in forms_of(LEGAL_FORMS)):
            continue
        close = _quoted_name_after(doc, k)
        if close is None:
            continue
        a = k if form in LEGAL_ABBREVIATIONS else k + 1
        s, e = tokens[a][1], tokens[close][2]
        if any(sp.kind == ORGS and sp.overlaps(s, e) for sp in out):
            continue
        out = [sp for sp in out if not (sp.kind == PERSONS and sp.overlaps(s, e))]
        out.append(Span(ORGS, s, e, [nfc(t[0]) for t in tokens[a:close + 1]], a, close + 1))
    return in_text_order(out)


@entity_rule("eu-body-not-continent", [PLACES], contract=True)
def eu_body_not_continent(spans, doc):
    """`Eiropas Sociālais fonds`, `Eiropas Komisija`: the `Eiropas` that opens a European body's
    name is no mention of the continent (the contract: `Eiropas Savienība` is an organisation,
    `Eiropa` a continent). The corpus tags it as an inner place in 27 of 35 such train names;
    the contract wins. A continent that stands alone stays."""
    opens = {sp.start for sp in spans if sp.kind == ORGS and len(sp.words) > 1}
    return [sp for sp in spans
            if not (sp.kind == PLACES and len(sp.words) == 1 and sp.start in opens
                    and doc.naming.place_name(sp.words)[0] == "Eiropa")]
