"""Names: persons' names found, joined or cut by what the words of a name say (first names,
particles, titles, the agreement of case)."""
from __future__ import annotations

from ... import declension
from ..registry import entity_rule
from ..spans import Span, can_be_genitive, capitalised_word
from ..tokenize import PARTICLES
from ..spans import WF_MIN
from ..words import ADDRESS_TITLE_WORDS, PERSON_TITLES, RANK_TITLES, forms_of

PERSONS = "persons"
NAME_PARTICLES = frozenset(PARTICLES)
# endings of forms that may be a foreign name left undeclined (Šaišmelašvili, Netrebko, Andrē);
# -u is an accusative as often (Ģirtu), so it counts only in a surname
MAYBE_INDECLINABLE = tuple(e for e in declension.INDECLINABLE_ENDINGS if e != "u") + ("i",)
# a surname ending the case rule does not judge: maybe undeclined, or -ā, also a definite
# adjective's genitive (Ivana Bargā)
SURNAME_UNJUDGED = MAYBE_INDECLINABLE + ("u", "ā")


def case_mismatch(word: str, cases: frozenset[str]) -> bool:
    """Whether a capitalised name word cannot be in any of `cases` (oblique cases only): it
    has a nominative-only ending (-š, -s after a consonant, -is), or all its oblique readings
    are in other cases. Initials, numbers and words that may be undeclined never mismatch."""
    w = word.rsplit("-", 1)[-1]
    if not (w[:1].isupper() and w.isalpha() and len(w) > 2):
        return False
    low = w.lower()
    if low.endswith("š") or low.endswith("is") or (low.endswith("s") and low[-2] not in declension.VOWELS):
        return True
    if low.endswith(SURNAME_UNJUDGED):
        return False
    oblique = {c.case for c in declension.candidates(w) if c.case != "nom" and c.decl != "0" and c.number == "sg"}
    return bool(oblique) and not oblique & cases


def _first_name_before(sp, doc, covered: set[int]):
    tokens = doc.tokens
    k = sp.ti - 1
    if len(sp.words) != 1 or k < 0 or k in covered:
        return sp
    w = tokens[k][0]
    if not capitalised_word(w) or doc.line_break(tokens[k][2], sp.start):
        return sp
    reading = doc.lex.first_name_forms.get(w)
    if reading is None or not declension.agrees(sp.words[0], reading[1], reading[2]):
        return sp
    return Span(PERSONS, tokens[k][1], sp.end, [w] + sp.words, k, sp.tj)


@entity_rule("first-name-left", [PERSONS])
def first_name_left(spans, doc):
    """`Valda Liepiņa ir ...`: the CRF left out a first name that is also a common word
    (`valda` governs) and kept the surname; a capitalised first name right before a one-word
    person, in a case the surname can be in, opens the name."""
    covered = doc.covered(spans)
    return [_first_name_before(sp, doc, covered) if sp.kind == PERSONS else sp for sp in spans]


def _titled_surname_at(k: int, doc, titles) -> bool:
    tokens, lex = doc.tokens, doc.lex
    w, t = tokens[k][0], tokens[k + 1][0]
    if t not in titles or not can_be_genitive(w):
        return False
    if not (capitalised_word(w) and w.isalpha() and len(w) > 2):
        return False
    low = w.lower()
    if (low in lex.common_lower or lex.word_zipf.get(low, 0.0) >= WF_MIN) and w not in lex.lemmas.get("person", {}):
        return False
    return not doc.line_break(tokens[k][2], tokens[k + 1][1])


@entity_rule("titled-surnames", [PERSONS])
def titled_surnames(spans, doc):
    """`Daudzes kungs!`, `Liepiņas kundzei`: a capitalised genitive right before `kungs` or
    `kundze` (any case) is a person, the title in the mention as the corpus marks it (25 of
    28 such persons in train + dev); a frequent word (`Mājas kungs`) is not a surname. Items
    then name the person without the title, in the gender the title gives."""
    titles = forms_of(ADDRESS_TITLE_WORDS)
    covered = doc.covered(spans)
    out = list(spans)
    for k in range(len(doc.tokens) - 1):
        if k in covered or k + 1 in covered or not _titled_surname_at(k, doc, titles):
            continue
        out.append(doc.span(PERSONS, k, k + 2))
    return out


def _joined_by_particle(sp, prev, doc):
    """The person span a particle before `sp` joins it to (None: no join)."""
    tokens, k = doc.tokens, sp.ti
    if prev is not None and prev.kind == PERSONS:
        return Span(PERSONS, prev.start, sp.end, [t[0] for t in tokens[prev.ti:sp.tj]], prev.ti, sp.tj)
    a = k - 2
    if a > 0 and tokens[a - 1][0][:1].isupper() and tokens[a - 1][0].endswith(".") and len(tokens[a - 1][0]) <= 3:
        a -= 1
    return Span(PERSONS, tokens[a][1], sp.end, [t[0] for t in tokens[a:sp.tj]], a, sp.tj)


@entity_rule("name-particles", [PERSONS])
def name_particles(spans, doc):
    """`Leonardo di Kaprio`, `B. fon Bīlovu`: a name particle joins the person's name after it
    to the person (or capitalised word / initial) before it. Reads the spans in token order,
    a longer one before a shorter one that starts with it (`person-opens-org`, next, keeps it)."""
    spans = sorted(spans, key=lambda s: (s.ti, -s.tj))
    tokens, text = doc.tokens, doc.text
    out: list[Span] = []
    by_end: dict[int, Span] = {}
    for sp in spans:
        k = sp.ti
        if (sp.kind == PERSONS and k >= 2 and tokens[k - 1][0] in NAME_PARTICLES
                and "\n" not in text[tokens[k - 2][1]:sp.start]):
            prev = by_end.get(k - 1)
            if prev is not None and prev.kind == PERSONS:
                out.remove(prev)
                sp = _joined_by_particle(sp, prev, doc)
            elif prev is None and tokens[k - 2][0][:1].isupper() and k - 2 not in by_end:
                sp = _joined_by_particle(sp, None, doc)
        out.append(sp)
        by_end[sp.tj] = sp
    return out


def _strip_titles(sp, doc):
    k = 0
    while k < len(sp.words) - 1 and (sp.words[k].lower() in PERSON_TITLES
                                     or sp.words[k].lower() in forms_of(RANK_TITLES)):
        k += 1
    return Span(PERSONS, doc.tokens[sp.ti + k][1], sp.end, sp.words[k:], sp.ti + k, sp.tj) if k else sp


@entity_rule("strip-person-titles", [PERSONS])
def strip_person_titles(spans, doc):
    """Academic, professional and rank titles before a name are not part of it (`Dr. Jānis
    Bērziņš`, `Princis Čārlzs`, `Lielkņaza Dmitrija Pavloviča`): the corpus never counts them
    in the name, even capitalised."""
    return [_strip_titles(sp, doc) if sp.kind == PERSONS else sp for sp in spans]


def _case_break(sp, doc):
    words = sp.words
    if len(words) < 2 or words[0].lower().endswith(MAYBE_INDECLINABLE):
        return sp  # Ani, Andrē: may be a foreign name's nominative
    cases = doc.naming.first_name_cases(words[0])
    if not cases or "nom" in cases:
        return sp
    if doc.on("foreign-first-names") and words[0] in doc.lex.foreign_first_names:
        return sp  # Mika Virtanens: a Finnish man's nominative, not Miks's genitive
    for k in range(1, len(words)):
        if case_mismatch(words[k], cases):
            return Span(PERSONS, sp.start, doc.tokens[sp.ti + k - 1][2], words[:k], sp.ti, sp.ti + k)
    return sp


@entity_rule("case-break", [PERSONS])
def case_break(spans, doc):
    """The words of a name agree in case: after a man's first name in an oblique case, a word
    that cannot be in that case starts something else (`Gundara Grasberga Grēgerss`: an
    actor, then the part he plays; `Egonam Dailes`: a man, then a theatre), so the name ends
    before it. A first name that can be nominative or a woman's is left alone (`Diānas
    Pīrāgs`), as is a word that may be an undeclined foreign name (`Pjēra Lanzi`)."""
    return [_case_break(sp, doc) if sp.kind == PERSONS else sp for sp in spans]
