"""Spans to record items: one place, person or organisation per distinct entity, named in
the nominative, with every mention (offsets into the text)."""
from __future__ import annotations

from ..records import Mention, Organization, Person, Place
from .. import declension
from .hints import name_hint, role_near
from .spans import INITIAL, Span
from .words import ADDRESS_TITLE_WORDS, forms_of

LATVIAN_GENITIVE_ENDS = ("as", "es", "us")
ABBREVIATION_MAX = 10  # letters of an abbreviation defined in brackets (`... aģentūra (VIAA)`)


def _mention(doc, sp: Span) -> Mention:
    return Mention(text=doc.text[sp.start:sp.end], start=sp.start, end=sp.end)


def _place_country(doc, sp: Span, country, kind):
    """A place's country and kind from the words around it where its name gives none."""
    tokens = doc.tokens
    if country is None and doc.on("towns-after-country"):
        c, k = doc.naming.country_before(sp.ti, tokens)
        if c is not None and kind in (None, k):
            country, kind = c, k
    if country is None and len(sp.words) == 1 and sp.tj < len(tokens):
        # `Dienvidkurzemes novada`: the name of a unit the lexicon knows takes the unit's country
        unit = doc.lex.match_place([sp.words[0], tokens[sp.tj][0]], 0)
        if unit and unit[0] == 2:
            country, kind = unit[1].country, kind or unit[1].kind
    return country, kind


def _place_name(doc, sp: Span):
    """(name, country, kind): the place lexicon's first; else a foreign town's name as written
    (`Biržai`, `Formia`: the contract keeps a foreign name that Latvian does not decline), or
    the nominative of its Latvian spelling (`Kuresārē` -> Kuresāre); else the naming rules'."""
    lex = doc.lex
    if not doc.on("foreign-town"):
        return doc.naming.place_name(sp.words)
    town = lex.town_of(sp.words)
    if town is None or lex.match_place(sp.words, 0) or " ".join(sp.words) in lex.places or _genitive_before(doc, sp):
        name, country, kind = doc.naming.place_name(sp.words)
        town = lex.town_of(name.split(" ")) if country is None else None  # `Kuhmo pilsētā`
        return (name, town[1], kind or "city") if town else (name, country, kind)
    return town[0], town[1], "city"


def _genitive_before(doc, sp: Span) -> bool:
    """`Aradas pilsētas`, `Aradas Izglītības pārvalde`: a name in -as/-es/-us before a word is a
    Latvian genitive (Arada's), not a foreign town written so (`Aradas`, a Portuguese village)."""
    nxt = doc.tokens[sp.tj][0] if sp.tj < len(doc.tokens) else ""
    return sp.words[-1].endswith(LATVIAN_GENITIVE_ENDS) and nxt[:1].isalpha()


def places(spans: list[Span], doc) -> list[Place]:
    items: dict[str, Place] = {}
    for sp in sorted(spans, key=lambda s: s.start):
        name, country, kind = _place_name(doc, sp)
        country, kind = _place_country(doc, sp, country, kind)
        key = name.casefold()
        m = _mention(doc, sp)
        if key in items:
            if all(x.start != m.start or x.end != m.end for x in items[key].mentions):
                items[key].mentions.append(m)
            if items[key].country is None and country is not None:
                items[key].country, items[key].kind = country, items[key].kind or kind
        else:
            items[key] = Place(name=name, country=country, kind=kind, mentions=[m])
    return list(items.values())


def surname_form(word: str, surname: str) -> bool:
    """Whether `word` is written as `surname` or one of its case forms (`Bērziņa` of Bērziņa)."""
    return word == surname or word in declension.all_forms(surname)


def _person_name(doc, sp: Span, ends: dict[int, Span]) -> str:
    titles = forms_of(ADDRESS_TITLE_WORDS)
    naming, chain = doc.naming, doc.chain
    if doc.on("titled-surnames") and len(sp.words) > 1 and sp.words[-1] in titles:
        # Bērziņa kungs -> Bērziņš, Liepiņas kundzei -> Liepiņa: the title is no part of the
        # name, the name before it is a genitive, the title gives the gender
        gender = "m" if sp.words[-1].startswith("kung") else "f"
        name = naming.person_name(sp.words[:-1], ("gen", gender), chain)
        if name == sp.words[-2] and name.endswith("es"):
            name = name[:-1]  # Daudzes kungs: a man's surname in -e (Daudze), genitive -es
        return name
    hint = name_hint(sp, doc.tokens, doc.lex, ends) if doc.on("name-hints") else None
    return naming.person_name(sp.words, hint, chain)


def _initial_of(doc, words: list[str], items: list[Person], keys: list[list[str]]) -> Person | None:
    """`A. Kalniņa-Ozola` after `Anita Kalniņa-Ozola`: an initial and a surname are the one
    full name of the document whose first name has that initial and whose surname has that
    form (the initial cannot tell the gender, so the surname's nominative alone would guess)."""
    letter, surface = words[0][0], words[1]
    cands = []
    for it, k in zip(items, keys):
        if len(k) < 2 or not k[0].startswith(letter) or INITIAL.fullmatch(k[0]):
            continue
        if surname_form(surface, k[-1]) or doc.naming.person_name([k[0], surface], None, doc.chain) == " ".join(k):
            cands.append(it)
    return cands[0] if len(cands) == 1 else None


def _same_person(doc, sp: Span, parts: list[str], items: list[Person], keys: list[list[str]]) -> Person | None:
    """The person already seen that this mention names: the same name; a surname (or first
    name) alone that ends (or opens) one full name, the surname as written first (`Bērziņa`
    is Laura Bērziņa's before Jānis Bērziņš's genitive); an initial and a surname."""
    for it, k in zip(items, keys):
        if k == parts:
            return it
    if len(parts) == 1:
        one = len(sp.words) == 1
        cands = [it for it, k in zip(items, keys) if len(k) > 1 and one and sp.words[0] == k[-1]]
        if not cands:
            cands = [it for it, k in zip(items, keys) if len(k) > 1 and (parts[0] == k[-1] or parts[0] == k[0])]
        if not cands and one:
            # `saka Bērziņa` after `Laura Bērziņa`: its form fits the full name's surname
            cands = [it for it, k in zip(items, keys) if len(k) > 1 and surname_form(sp.words[0], k[-1])]
        if len(cands) == 1:
            return cands[0]
    if len(sp.words) == 2 and INITIAL.fullmatch(sp.words[0]):
        return _initial_of(doc, sp.words, items, keys)
    return None


def persons(spans: list[Span], doc) -> list[Person]:
    items: list[Person] = []
    keys: list[list[str]] = []
    ends = {sp.tj: sp for sp in spans}  # person spans by the token after them
    titles = forms_of(ADDRESS_TITLE_WORDS)
    for sp in sorted(spans, key=lambda s: (-(len(s.words) - (s.words[-1] in titles)), s.start)):
        name = _person_name(doc, sp, ends)
        parts = [p for p in name.split(" ") if p]
        target = _same_person(doc, sp, parts, items, keys)
        if target is None:
            target = Person(name=name, mentions=[])
            items.append(target)
            keys.append(parts)
        target.mentions.append(_mention(doc, sp))
        if target.role is None:
            target.role = role_near(sp, doc, doc.naming.gender(target.name, doc.chain))
    for it in items:
        it.mentions.sort(key=lambda m: m.start)
    items.sort(key=lambda p: p.mentions[0].start)
    return items


def _defined_abbreviation(tokens, k: int) -> str | None:
    """An abbreviation in brackets at token k: `(VIAA)`."""
    if k + 2 < len(tokens) and tokens[k][0] == "(" and tokens[k + 2][0] == ")":
        ab = tokens[k + 1][0]
        if ab.isupper() and 2 <= len(ab) <= ABBREVIATION_MAX:
            return ab
    return None


def _add_abbreviation_mentions(doc, abbr_of: dict[str, Organization]) -> None:
    """Later bare occurrences of a defined abbreviation are mentions of its organisation."""
    for ab, org in abbr_of.items():
        have = {(m.start, m.end) for m in org.mentions}
        for form, s, e in doc.tokens:
            if form == ab and (s, e) not in have:
                org.mentions.append(Mention(text=doc.text[s:e], start=s, end=e))
                have.add((s, e))
        org.mentions.sort(key=lambda m: m.start)


def _merge_short_names(items: list[Organization]) -> list[Organization]:
    """A shorter name that ends one (and only one) longer name is the same organisation
    (Izglītības pārvalde -> Jelgavas novada pašvaldības Izglītības pārvalde)."""
    merged = []
    for a in items:
        aw = a.name.casefold().split()
        hosts = [b for b in items if b is not a and len(b.name.split()) > len(aw) >= 2
                 and b.name.casefold().split()[-len(aw):] == aw]
        if len(hosts) == 1:
            hosts[0].mentions = sorted(hosts[0].mentions + a.mentions, key=lambda m: m.start)
            merged.append(a)
    return [o for o in items if all(o is not x for x in merged)]


def organizations(spans: list[Span], doc) -> list[Organization]:
    items: list[Organization] = []
    by_key: dict[str, Organization] = {}
    abbr_of: dict[str, Organization] = {}
    tokens, abbreviations = doc.tokens, doc.lex.org_abbreviations
    for sp in sorted(spans, key=lambda s: s.start):
        m = _mention(doc, sp)
        joined = " ".join(sp.words)
        if joined in abbr_of:
            abbr_of[joined].mentions.append(m)
            continue
        known_ab = joined if joined in abbreviations else None
        seps = [" " if doc.text[tokens[k][2]:tokens[k + 1][1]] else "" for k in range(sp.ti, sp.tj - 1)]
        name = abbreviations[joined] if known_ab else doc.naming.org_name(sp.words, seps)
        org = by_key.get(name.casefold())
        if org is None:
            org = by_key[name.casefold()] = Organization(name=name, mentions=[], abbreviation=known_ab)
            items.append(org)
        if known_ab and org.abbreviation is None:
            org.abbreviation = known_ab
        org.mentions.append(m)
        ab = _defined_abbreviation(tokens, sp.tj)  # "... aģentūra (VIAA)"
        if ab is not None and org.abbreviation is None:
            org.abbreviation = ab
            abbr_of[ab] = org
    _add_abbreviation_mentions(doc, abbr_of)
    return _merge_short_names(items)
