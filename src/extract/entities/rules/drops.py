"""Drops: spans that name no entity of the contract (programmes, codes, products, titles,
concepts) and the precision filters of the tagger's persons (`person-filters` runs the
`person-drop` rules: a span any of them says True of goes)."""
from __future__ import annotations

from ..registry import entity_rule
from ..spans import CODE_SHAPE, NAME_VOWELS, WF_MIN, in_capitals, is_abbreviation, never_a_person
from ..words import (DEF_ADJ_ENDINGS, EPONYM_HEADS, FACILITY_HEADS, HOLIDAY_ENDINGS, NATURE_OR_VILLAGE_HEADS, NOT_BODIES,
                     PROGRAMME_BODIES, PROGRAMMES, PROGRAMMES_FOLDED, PROJECT_NOUNS, QUOTES, SURE_ABBREVIATIONS, forms_of)
from .shared import before_natural_features, in_a_title

PERSONS, PLACES, ORGS = "persons", "places", "organizations"
HOLIDAY_NAME_MIN = 8  # letters of a one-word holiday's name (Miķeļdiena)
# Zipf an English word alone needs to be no name (`Workers` 4.9, `Qualifications` 3.9; the
# FullStack-LV names `Tia`, `Ria`, `Ze` are English "words" of Zipf 3.0-3.2)
EN_ONE_WORD_MIN = 3.5


@entity_rule("drop-programme-names", [PERSONS, PLACES, ORGS])
def drop_programme_names(spans, doc):
    """A funding programme's name (`Erasmus+`, `Nordplus`, `ERASMUS+` in a headline) is
    neither an organisation nor a place nor a person."""
    return [sp for sp in spans if " ".join(sp.words).casefold() not in PROGRAMMES_FOLDED]


@entity_rule("drop-code-orgs", [ORGS])
def drop_code_orgs(spans, doc):
    """An "organisation" whose every word is shaped like a code (`LV01-KA121-SCH-000123962`, a
    project code's part) is none (`TV3`, `TEC-2` are names)."""
    return [sp for sp in spans if not (sp.kind == ORGS and all(CODE_SHAPE.fullmatch(w) for w in sp.words))]


@entity_rule("drop-not-bodies", [ORGS])
def drop_not_bodies(spans, doc):
    """Abbreviations of EU-funds terms and fields of study (`SAM projekts`: specifiskā
    atbalsta mērķis; `STEM mācību jomā`) are no bodies."""
    return [sp for sp in spans if not (sp.kind == ORGS and " ".join(sp.words) in NOT_BODIES)]


@entity_rule("product-not-org", [ORGS])
def product_not_org(spans, doc):
    """An "organisation" that opens with a product's name (products.tsv: `Zoom`, `Microsoft
    Teams`) is a product, no body."""
    products = doc.lex.products
    return [sp for sp in spans if not (sp.kind == ORGS and products.get(sp.words[0]) == "product")]


@entity_rule("drop-inside-programmes", [PERSONS, PLACES, ORGS])
def drop_inside_programmes(spans, doc):
    """Spans inside a programme's name of several words (`Leonardo da Vinci`, `Radošā Eiropa`)
    go: the words are the programme's, not a person's or a continent's."""
    text = doc.text
    for prog in sorted(PROGRAMMES):
        if " " in prog:
            at = text.find(prog)
            while at >= 0:
                spans = [sp for sp in spans if not (at <= sp.start and sp.end <= at + len(prog))]
                at = text.find(prog, at + 1)
    return spans


def _title_not_body(sp, doc) -> bool:
    tokens = doc.tokens
    k = sp.ti - 1
    if k >= 0 and tokens[k][0] in QUOTES:
        k -= 1
    quoted = sp.words[0] in QUOTES or (sp.ti > 0 and tokens[sp.ti - 1][0] in QUOTES)
    inner = [w for w in sp.words if w not in QUOTES]
    if quoted and len(inner) > 1 and k >= 0 and tokens[k][0].lower() in PROJECT_NOUNS:
        return True  # one word in quotes may be the company whose project it is (`projekts „ZAAO"`)
    if sp.words[0] in PROGRAMMES and len(sp.words) > 1 and all(w[:1].islower() for w in sp.words[1:]):
        heads = doc.lex.org_head_forms
        return not any((heads.get(w) or ("",))[0] in PROGRAMME_BODIES for w in sp.words[1:])
    return False


@entity_rule("title-not-body", [ORGS])
def title_not_body(spans, doc):
    """Not an organisation: a quoted title right after `projekts` (`projektu "Zaļā skola"`,
    `iniciatīvā „Skolas soma”`), and a programme's name opening lower-case words that name no
    body (`Erasmus+ skolu apmaiņas partnerības`; `Erasmus+ nacionālā aģentūra` stays)."""
    return [sp for sp in spans if not (sp.kind == ORGS and _title_not_body(sp, doc))]


def _concept_abbreviation(sp, doc) -> bool:
    tokens, lex = doc.tokens, doc.lex
    k = sp.ti
    if (sp.tj - k != 1 or not sp.words[0].isupper() or sp.words[0] in SURE_ABBREVIATIONS
            or sp.words[0] in lex.org_abbreviations or k < 3 or tokens[k - 1][0] != "("
            or sp.tj >= len(tokens) or tokens[sp.tj][0] != ")"):
        return False
    before = [t[0] for t in tokens[max(0, k - 4):k - 1]]
    return all(w.isalpha() and w.islower() for w in before) and not any(w in lex.org_heads for w in before)


@entity_rule("concept-abbreviation", [ORGS])
def concept_abbreviation(spans, doc):
    """An abbreviation in brackets right after a lower-case phrase names a concept, not an
    organisation: `profesionālās izglītības un mācību (PIA)`, `informācijas un komunikāciju
    tehnoloģijas (IKT)`; a named body starts with a capital (`Valsts izglītības attīstības
    aģentūra (VIAA)`), and a phrase with a body's noun names one (`biedrība (LJA)`)."""
    return [sp for sp in spans if not (sp.kind == ORGS and _concept_abbreviation(sp, doc))]


@entity_rule("person-filters", [PERSONS])
def person_filters(spans, doc):
    """Precision filters for the tagger's persons: a person span that any enabled
    `person-drop` rule judges no person goes. The words of the document's full names are
    gathered first: a surname alone is still a name (`Liepa`, after `Ilze Liepa`)."""
    doc.scratch["name_words"] = {w for sp in spans if sp.kind == PERSONS and len(sp.words) > 1 for w in sp.words}
    tests = doc.chain.members("person-drop")
    return [sp for sp in spans if not (sp.kind == PERSONS and any(t.fn(sp, doc) for t in tests))]


@entity_rule("initials-only", [PERSONS], stage="person-drop")
def initials_only(sp, doc):
    """Initials alone (`S. O.` of `S.O.S.`) name nobody."""
    return all(len(w) <= 3 and (w.endswith(".") or len(w) == 1) for w in sp.words)


@entity_rule("programme-in-name", [PERSONS], stage="person-drop")
def programme_in_name(sp, doc):
    """`Interreg Igaunija-Latvija`, `Erasmus+ Jaunatne`: a programme's name, no person."""
    return any(part in PROGRAMMES for w in sp.words for part in (w, *w.split("-")))


@entity_rule("before-facility", [PERSONS], stage="person-drop")
def before_facility(sp, doc):
    """`Raiņa ielā`, `Turaidas pilī`: a name before a street's or a building's noun is the
    name of the street or the building."""
    return sp.tj < len(doc.tokens) and doc.tokens[sp.tj][0].lower() in forms_of(FACILITY_HEADS)


@entity_rule("before-nature", [PERSONS], stage="person-drop")
def before_nature(sp, doc):
    """`Abula upi`, `Lubāna ezerā`, `Mēmeles un Mūsas upju`: a name before a natural
    feature's noun (or a village's), or one of names coordinated before its plural, names it."""
    tokens = doc.tokens
    if sp.tj < len(tokens) and tokens[sp.tj][0] in forms_of(NATURE_OR_VILLAGE_HEADS):
        return True
    return before_natural_features(sp, tokens)


@entity_rule("eponym-name", [PERSONS], stage="person-drop")
def eponym_name(sp, doc):
    """`Alcheimera slimību`, `Valentīna dienā`, `Ginesa rekords`: a name before the noun of a
    thing named after a person is no person mention (FullStack-LV train + dev mark none of 56
    as persons); a full name that opens with a first name in the nominative is the person
    (`Anna Kalniņa balvu saņēma`)."""
    tokens, words = doc.tokens, sp.words
    return (sp.tj < len(tokens) and tokens[sp.tj][0] in forms_of(EPONYM_HEADS)
            and not (len(words) > 1 and doc.lex.first_name_forms.get(words[0], ("", "", ""))[1] == "nom"))


@entity_rule("code-or-unit", [PERSONS], stage="person-drop")
def code_or_unit(sp, doc):
    """`NPJR-2024`, `KA2`: a word with a digit is a code; `Gbps`, `Mbps`: a word without a
    vowel is a unit. Every name has a vowel and no digit."""
    if any(ch.isdigit() for w in sp.words for ch in w):
        return True
    return any(len(w) > 2 and w.isalpha() and not NAME_VOWELS & set(w.lower()) for w in sp.words)


@entity_rule("work-title", [PERSONS], stage="person-drop")
def work_title(sp, doc):
    """A name inside the quoted title of a work (`baletu "Romeo un Džuljeta"`, `grāmatā "Reiz
    dzīvoja Čaks"`), or alone in single quotes (`‘Auksis’`: a variety), mentions no person."""
    return in_a_title(sp, doc)


@entity_rule("planet-or-holiday", [PERSONS], stage="person-drop")
def planet_or_holiday(sp, doc):
    """`Marsu`, `Jupiterā`: a planet; `Jāņu dziesmas`, `Jurģus svinēt`, `Miķeļdiena`: a
    holiday, whatever the tagger says."""
    if len(sp.words) != 1:
        return False
    w = sp.words[0]
    if never_a_person(w):
        return True
    return (w not in doc.lex.lemmas.get("person", {}) and len(w) >= HOLIDAY_NAME_MIN
            and w.lower().endswith(HOLIDAY_ENDINGS))


def _one_unknown_word(sp, doc) -> str | None:
    """The word of a one-word person the corpus does not know as a person's, else None."""
    if len(sp.words) != 1 or sp.words[0] in doc.lex.lemmas.get("person", {}):
        return None
    return sp.words[0]


def _english_word(w: str, lex) -> bool:
    """A common English word (words_en.tsv) that is commoner in English than in Latvian."""
    low = w.lower()
    return low in lex.english and lex.english[low] > lex.word_zipf.get(low, 0.0)


@entity_rule("english-words", [PERSONS], stage="person-drop")
def english_words(sp, doc):
    """`Health Institute`, `Your Future`, `Workers`, `REDUCE OUR`: a "person" whose every word
    is a common English word (wordfreq's English list, Zipf >= 3, commoner in English than in
    Latvian) is an English fragment of the page (a project's title, a body's English name, a
    word of an English sentence), no name. The CRF, trained on Latvian text, reads a
    capitalised word it does not know as a name. A name's first word decides: a Latvian,
    Lithuanian, Estonian or Finnish first name, or a first name or surname of Faker's English
    providers (`Grace Kelly`, `Bloom` alone), keeps the span a person."""
    lex = doc.lex
    first = sp.words[0]
    if lex.first_name(first) or first.lower() in lex.english_names:
        return False
    words = [w for w in sp.words if any(ch.isalpha() for ch in w)]
    if len(words) == 1 and (is_abbreviation(words[0]) or lex.english.get(words[0].lower(), 0.0) < EN_ONE_WORD_MIN):
        return False  # `RV`, `DUS`: abbreviation-person's; `Tia`, `Ria`: rare English, names too
    return bool(words) and all(_english_word(w, lex) for w in words)


@entity_rule("abbreviation-person", [PERSONS], stage="person-drop")
def abbreviation_person(sp, doc):
    """`DUS`, `LG`: an abbreviation in ordinary text is no name (in a line in capitals it may be)."""
    w = _one_unknown_word(sp, doc)
    return w is not None and is_abbreviation(w) and not in_capitals(doc.tokens, sp.ti)


@entity_rule("definite-adjective", [PERSONS], stage="person-drop")
def definite_adjective(sp, doc):
    """`Profesionālais`: a definite adjective alone is no name (first names aside)."""
    w = _one_unknown_word(sp, doc)
    return w is not None and w.lower().endswith(DEF_ADJ_ENDINGS) and w not in doc.lex.first_name_forms


@entity_rule("common-word", [PERSONS], stage="person-drop")
def common_word(sp, doc):
    """`Katra`, `Rēķinu`: a word the corpus has in lower case is a common word, not a name
    (first names aside)."""
    w = _one_unknown_word(sp, doc)
    return w is not None and w.lower() in doc.lex.common_lower and w not in doc.lex.first_name_forms


@entity_rule("frequent-word", [PERSONS], stage="person-drop")
def frequent_word(sp, doc):
    """`Senāts`, `Dibinātājs`, `Pūķis`: a frequent Latvian word (Zipf >= WF_MIN) is no name,
    unless it is a known first name, follows a role noun (`direktors Kalns`), is a word of a
    full name elsewhere in the document (`Liepa` after `Ilze Liepa`) or a case form of a name
    the corpus has as a person's (`corpus-name-cases`: `Rozentāla darbiem`)."""
    w = _one_unknown_word(sp, doc)
    lex, k = doc.lex, sp.ti
    if w is None or w in lex.first_name_forms or w in doc.scratch.get("name_words", ()):
        return False
    if lex.word_zipf.get(w.lower(), 0.0) < WF_MIN or (k > 0 and doc.tokens[k - 1][0].lower() in lex.roles):
        return False
    return not (doc.on("corpus-name-cases") and doc.naming.corpus_name_case(w))


@entity_rule("corpus-name-cases", [PERSONS], stage="option")
def corpus_name_cases(w: str, doc) -> bool:
    """`Rozentāla`, `Dievam`: a case form of a name that FullStack-LV train + dev hold as a
    person (`Rozentāls`, `Dievs`) stays a name even where it is a frequent word."""
    return doc.naming.corpus_name_case(w)
